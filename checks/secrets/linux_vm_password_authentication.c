/*
 * AZS406 linux-vm-password-authentication: a Linux VM or scale set that
 * accepts password sign-in.
 *
 * A machine is Linux when its osProfile has a linuxConfiguration. Password
 * authentication is on unless linuxConfiguration.disablePasswordAuthentication
 * is true: the property defaults to false. A linuxConfiguration that is
 * null (as in the common `authenticationType == 'password' ? null : {...}`)
 * is not there, and the machine is not known to be Linux.
 */
#include "../catalog.h"

typedef struct {
    const char *type;
    const char *linux_config; /* the path of osProfile.linuxConfiguration */
} linux_rule;

static const linux_rule rules[] = {
    {"Microsoft.Compute/virtualMachines", "properties.osProfile.linuxConfiguration"},
    {"Microsoft.Compute/virtualMachineScaleSets",
     "properties.virtualMachineProfile.osProfile.linuxConfiguration"},
};

static void run(check_context *ctx, const az_resource *r)
{
    if (r->existing)
        return;
    const linux_rule *rule = NULL;
    for (size_t i = 0; i < sizeof(rules) / sizeof(*rules); i++)
        if (check_type_is(r, rules[i].type))
            rule = &rules[i];
    if (!rule)
        return;
    az_match m;
    if (az_query(r->body, rule->linux_config, &m, 1) == 0 || !m.value || m.value->kind == AZ_NULL)
        return;
    if (m.value->kind == AZ_UNKNOWN) {
        check_unresolved(ctx, r, m.value, rule->linux_config);
        return;
    }
    if (m.value->kind != AZ_OBJECT)
        return;
    char path[200];
    snprintf(path, sizeof(path), "%s.disablePasswordAuthentication", rule->linux_config);
    const az_value *linux_config = m.value;
    const az_value *v = az_query_value(linux_config, "disablePasswordAuthentication");
    const char *label = check_resource_label(ctx, r);
    if (!v || v->kind == AZ_NULL) {
        check_report(ctx, r, linux_config, path,
                     "%s allows password authentication: disablePasswordAuthentication is not "
                     "set in linuxConfiguration and defaults to false",
                     label);
        return;
    }
    if (v->kind == AZ_UNKNOWN) {
        check_unresolved(ctx, r, v, path);
        return;
    }
    if (v->kind == AZ_BOOL && v->u.boolean)
        return;
    char text[160];
    snprintf(text, sizeof(text), "%s", check_value_text(ctx, v));
    check_report(ctx, r, v, path,
                 "%s allows password authentication: disablePasswordAuthentication is %s%s", label,
                 text, check_value_origin(ctx, v));
}

static const char *const types[] = {
    "Microsoft.Compute/virtualMachines",
    "Microsoft.Compute/virtualMachineScaleSets",
    NULL,
};

static const char *const references[] = {
    "MCSB IM-6",
    "Azure Policy 630c64f9-8b6b-4c64-b511-6544ceff6fd6 (Authentication to Linux machines should "
    "require SSH keys)",
    "Checkov CKV_AZURE_149",
    NULL,
};

const az_check check_linux_vm_password_authentication = {
    .meta =
        {
            .id = "AZS406",
            .name = "linux-vm-password-authentication",
            .title = "Linux virtual machine allows password authentication",
            .severity = AZ_SEVERITY_MEDIUM,
            .security_severity = 5.3,
            .category = AZ_CATEGORY_SECRETS,
            .resource_types = types,
            .description =
                "The Linux virtual machine or scale set accepts SSH sign-in with a password. "
                "Passwords can be guessed, sprayed and reused; SSH keys cannot. When "
                "linuxConfiguration does not set disablePasswordAuthentication, it is false "
                "and password sign-in is allowed.",
            .remediation = "Set disablePasswordAuthentication to true and give the machine SSH "
                           "public keys, or sign in with Microsoft Entra ID.",
            .fix_bicep = "osProfile: {\n  computerName: 'vm'\n  adminUsername: adminUsername\n"
                         "  linuxConfiguration: {\n    disablePasswordAuthentication: true\n"
                         "    ssh: {\n      publicKeys: [\n        {\n"
                         "          path: '/home/${adminUsername}/.ssh/authorized_keys'\n"
                         "          keyData: sshPublicKey\n        }\n      ]\n    }\n  }\n}",
            .fix_arm = "\"linuxConfiguration\": {\n  \"disablePasswordAuthentication\": true,\n"
                       "  \"ssh\": {\n    \"publicKeys\": [\n      {\n"
                       "        \"path\": \"[format('/home/{0}/.ssh/authorized_keys', "
                       "parameters('adminUsername'))]\",\n"
                       "        \"keyData\": \"[parameters('sshPublicKey')]\"\n      }\n    ]\n"
                       "  }\n}",
            .references = references,
        },
    .resource = run,
};
