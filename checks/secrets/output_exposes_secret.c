/*
 * AZS404 output-exposes-secret: a plain output whose value is a secret.
 *
 * Outputs are stored in the deployment history in plain text unless they
 * are secure. An output exposes a secret when its value, or anything in
 * it, is secure (it came from a secure parameter), is the result of a
 * list*() function (listKeys(), listSecrets(), listAccountSas(): unknown
 * before deployment, and a secret whatever it turns out to be), or is a
 * known string holding a connection-string credential or a SAS token.
 */
#include "secrets_common.h"

#define MAX_DEPTH 64

/* A known, non-secure string in `v` that carries a credential. */
static const az_value *find_credential_text(const az_value *v, const char **what, int depth)
{
    if (!v || depth > MAX_DEPTH)
        return NULL;
    if (v->kind == AZ_STRING) {
        *what = secrets_credential_in_text(v->u.string.ptr, v->u.string.len);
        return *what ? v : NULL;
    }
    if (v->kind == AZ_ARRAY) {
        for (uint32_t i = 0; i < v->u.array.count; i++) {
            const az_value *x = find_credential_text(v->u.array.items[i], what, depth + 1);
            if (x)
                return x;
        }
    } else if (v->kind == AZ_OBJECT) {
        for (uint32_t i = 0; i < v->u.object.count; i++) {
            const az_value *x = find_credential_text(v->u.object.members[i].value, what, depth + 1);
            if (x)
                return x;
        }
    }
    return NULL;
}

static void run(check_context *ctx, const az_deployment *d)
{
    for (uint32_t i = 0; i < d->output_count; i++) {
        const az_output *o = d->outputs[i];
        if (o->secure || !o->value)
            continue;
        const az_value *s = secrets_find_runtime_secret(o->value);
        if (s) {
            char source[400];
            check_report_at(ctx, "output", o->name, o->range, s, "value",
                            "Output '%s' exposes a secret in the deployment history: its value "
                            "is %s",
                            o->name, secrets_describe(ctx, s, source, sizeof(source)));
            continue;
        }
        const char *what = NULL;
        const az_value *t = find_credential_text(o->value, &what, 0);
        if (t)
            check_report_at(ctx, "output", o->name, o->range, t, "value",
                            "Output '%s' exposes a secret in the deployment history: its value "
                            "holds %s%s",
                            o->name, what, check_value_origin(ctx, t));
    }
}

static const char *const references[] = {
    "MCSB IM-8",
    "Bicep linter outputs-should-not-contain-secrets",
    NULL,
};

const az_check check_output_exposes_secret = {
    .meta =
        {
            .id = "AZS404",
            .name = "output-exposes-secret",
            .title = "Deployment output exposes a secret",
            .severity = AZ_SEVERITY_HIGH,
            .security_severity = 7.5,
            .category = AZ_CATEGORY_SECRETS,
            .resource_types = NULL,
            .description =
                "The output's value is a secret: it comes from a secure parameter, from a "
                "list*() function such as listKeys() or listSecrets(), or it is a connection "
                "string with an account key or password, or a SAS token. Outputs that are not "
                "secure are stored in plain text in the deployment history, where anyone with "
                "read access to the resource group or subscription can read them long after "
                "the deployment.",
            .remediation =
                "Do not pass secrets through outputs: have the consumer read the secret itself "
                "(an existing resource and listKeys() in the consuming module, or a Key Vault "
                "secret), or mark the output @secure() (securestring or secureObject in ARM "
                "JSON) so that it is not recorded.",
            .fix_bicep = "// in the consuming module, not as an output:\n"
                         "resource stg 'Microsoft.Storage/storageAccounts@2023-05-01' existing = "
                         "{\n  name: storageName\n}\nvar key = stg.listKeys().keys[0].value",
            .fix_arm = "\"outputs\": {\n  \"storageKey\": {\n    \"type\": \"securestring\",\n"
                       "    \"value\": \"[listKeys(resourceId('Microsoft.Storage/storageAccounts', "
                       "parameters('name')), '2023-05-01').keys[0].value]\"\n  }\n}",
            .references = references,
        },
    .deployment = run,
};
