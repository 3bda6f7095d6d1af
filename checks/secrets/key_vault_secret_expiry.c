/*
 * AZS407 key-vault-secret-without-expiry: Key Vault secrets and keys that
 * never expire.
 *
 * Both types keep their expiry in properties.attributes.exp (seconds since
 * 1970). Absent (or null) means the secret or key never expires.
 */
#include "secrets_common.h"

typedef struct {
    const char *type;
    const char *what;
} expiry_rule;

static const expiry_rule rules[] = {
    {"Microsoft.KeyVault/vaults/secrets", "secret"},
    {"Microsoft.KeyVault/vaults/keys", "key"},
};

static const char *const path = "properties.attributes.exp";

static void run(check_context *ctx, const az_resource *r)
{
    if (r->existing)
        return;
    const expiry_rule *rule = NULL;
    for (size_t i = 0; i < sizeof(rules) / sizeof(*rules); i++)
        if (check_type_is(r, rules[i].type))
            rule = &rules[i];
    if (!rule)
        return;
    az_match m;
    if (az_query(r->body, path, &m, 1) == 0)
        return;
    if (m.value && m.value->kind == AZ_UNKNOWN) {
        check_unresolved(ctx, r, m.value, path);
        return;
    }
    if (m.value && m.value->kind != AZ_NULL)
        return;
    check_report(ctx, r, m.value, path, "Key Vault %s '%s' never expires: %s is not set",
                 rule->what, check_resource_name(r), path);
}

static const char *const types[] = {
    "Microsoft.KeyVault/vaults/secrets",
    "Microsoft.KeyVault/vaults/keys",
    NULL,
};

static const char *const references[] = {
    "MCSB DP-6",
    "Azure Policy 98728c90-32c7-4049-8429-847dc0f4fe37 (Key Vault secrets should have an "
    "expiration date)",
    "Azure Policy 152b15f7-8e1f-4c1f-ab71-8c010ba5dbc0 (Key Vault keys should have an expiration "
    "date)",
    "Checkov CKV_AZURE_41, CKV_AZURE_40",
    NULL,
};

const az_check check_key_vault_secret_expiry = {
    .meta =
        {
            .id = "AZS407",
            .name = "key-vault-secret-without-expiry",
            .title = "Key Vault secret or key has no expiration date",
            .severity = AZ_SEVERITY_LOW,
            .security_severity = 3.5,
            .category = AZ_CATEGORY_SECRETS,
            .resource_types = types,
            .description =
                "The Key Vault secret or key is created without an expiration date "
                "(properties.attributes.exp), so it stays valid forever. Credentials that never "
                "expire are never forced through rotation, and a leaked one stays useful to an "
                "attacker indefinitely.",
            .remediation =
                "Set properties.attributes.exp (a Unix time in seconds) and rotate the secret "
                "or key before it expires; for keys, a rotation policy can do both.",
            .fix_bicep = "param expiry int = dateTimeToEpoch(dateTimeAdd(utcNow(), 'P90D'))\n\n"
                         "properties: {\n  value: secretValue\n  attributes: {\n"
                         "    exp: expiry\n  }\n}",
            .fix_arm = "\"properties\": {\n  \"value\": \"[parameters('secretValue')]\",\n"
                       "  \"attributes\": {\n    \"exp\": \"[parameters('expiry')]\"\n  }\n}",
            .references = references,
        },
    .resource = run,
};
