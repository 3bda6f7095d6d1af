/*
 * AZS405 vm-extension-command-secret: a VM extension that passes a secret
 * in its public settings.
 *
 * An extension's `settings` are stored and returned in plain text; only
 * `protectedSettings` are encrypted. The command (or inline script) of a
 * Custom Script or Run Command style extension carries a secret when any
 * part of it is secure or the result of a list*() function, or when it is
 * a known string that passes a password-like option with a literal value
 * (-Password x, --admin-password=x, DB_PASSWORD=x) or a connection-string
 * credential. One table lists where each type keeps its extensions.
 */
#include "secrets_common.h"

typedef struct {
    const char *type;
    const char *settings; /* the path of the extension's settings object(s) */
} extension_rule;

static const extension_rule rules[] = {
    {"Microsoft.Compute/virtualMachines/extensions", "properties.settings"},
    {"Microsoft.Compute/virtualMachineScaleSets/extensions", "properties.settings"},
    {"Microsoft.HybridCompute/machines/extensions", "properties.settings"},
    {"Microsoft.Compute/virtualMachineScaleSets",
     "properties.virtualMachineProfile.extensionProfile.extensions[*].properties.settings"},
};

/* The settings that run something. */
static const char *const command_settings[] = {"commandToExecute", "script"};

#define MAX_MATCHES 64

static void check_command(check_context *ctx, const az_resource *r, const az_match *m,
                          const char *path)
{
    const az_value *v = m->value;
    if (!v)
        return;
    char label[200], source[400];
    if (check_type_is(r, "Microsoft.Compute/virtualMachineScaleSets"))
        snprintf(label, sizeof(label), "%s", check_resource_label(ctx, r));
    else
        snprintf(label, sizeof(label), "Extension '%s'", check_resource_name(r));
    const az_value *s = secrets_find_runtime_secret(v);
    if (s) {
        check_report(ctx, r, s, path,
                     "%s passes a secret in %s, which is stored in plain text: its value holds "
                     "%s",
                     label, path, secrets_describe(ctx, s, source, sizeof(source)));
        return;
    }
    if (v->kind == AZ_UNKNOWN) {
        check_unresolved(ctx, r, v, path);
        return;
    }
    if (v->kind == AZ_STRING && secrets_command_has_secret(v->u.string.ptr, v->u.string.len))
        check_report(ctx, r, v, path,
                     "%s passes a password-like literal in %s, which is stored in plain text%s",
                     label, path, check_value_origin(ctx, v));
}

static void run(check_context *ctx, const az_resource *r)
{
    if (r->existing)
        return;
    for (size_t i = 0; i < sizeof(rules) / sizeof(*rules); i++) {
        if (!check_type_is(r, rules[i].type))
            continue;
        for (size_t k = 0; k < sizeof(command_settings) / sizeof(*command_settings); k++) {
            char path[200];
            snprintf(path, sizeof(path), "%s.%s", rules[i].settings, command_settings[k]);
            az_match matches[MAX_MATCHES];
            size_t n = az_query(r->body, path, matches, MAX_MATCHES);
            for (size_t j = 0; j < n && j < MAX_MATCHES; j++)
                check_command(ctx, r, &matches[j], path);
        }
    }
}

static const char *const types[] = {
    "Microsoft.Compute/virtualMachines/extensions",
    "Microsoft.Compute/virtualMachineScaleSets/extensions",
    "Microsoft.HybridCompute/machines/extensions",
    "Microsoft.Compute/virtualMachineScaleSets",
    NULL,
};

static const char *const references[] = {
    "MCSB IM-8",
    "Bicep linter protect-commandtoexecute-secrets",
    NULL,
};

const az_check check_vm_extension_command_secret = {
    .meta =
        {
            .id = "AZS405",
            .name = "vm-extension-command-secret",
            .title = "VM extension passes a secret in its public settings",
            .severity = AZ_SEVERITY_HIGH,
            .security_severity = 7.5,
            .category = AZ_CATEGORY_SECRETS,
            .resource_types = types,
            .description =
                "The command or script of a virtual machine (or scale set, or Arc machine) "
                "extension carries a secret in `settings`: a value from a secure parameter or "
                "a list*() function, a password-like option with a literal value, or a "
                "connection string with a key or password. Public settings are stored and "
                "returned in plain text: anyone who can read the VM's extensions through the "
                "API, and every process on the VM, can read them. Only `protectedSettings` "
                "are encrypted and never returned.",
            .remediation = "Move commandToExecute (or script) to protectedSettings, which the "
                           "Custom Script extension accepts in place of settings.",
            .fix_bicep =
                "properties: {\n  publisher: 'Microsoft.Compute'\n"
                "  type: 'CustomScriptExtension'\n  typeHandlerVersion: '1.10'\n"
                "  protectedSettings: {\n"
                "    commandToExecute: 'powershell -File setup.ps1 -Password ${password}'\n"
                "  }\n}",
            .fix_arm = "\"protectedSettings\": {\n"
                       "  \"commandToExecute\": \"[concat('powershell -File setup.ps1 -Password ', "
                       "parameters('password'))]\"\n}",
            .references = references,
        },
    .resource = run,
};
