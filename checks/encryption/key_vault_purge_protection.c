/*
 * AZS311 key-vault-purge-protection: key vaults and managed HSMs whose
 * soft-deleted objects can be purged before their retention ends.
 * enablePurgeProtection is off when absent (and can only be turned on). A
 * vault being recovered (createMode 'recover') is not checked.
 */
#include "setting_rules.h"

static const enc_rule rules[] = {
    {.type = "Microsoft.KeyVault/vaults",
     .path = "properties.enablePurgeProtection",
     .bad = ENC_BAD_FALSE,
     .absent = ENC_ABSENT_UNSAFE,
     .absent_means = "false",
     .skip_path = "properties.createMode",
     .skip_value = "recover"},
    {.type = "Microsoft.KeyVault/managedHSMs",
     .path = "properties.enablePurgeProtection",
     .bad = ENC_BAD_FALSE,
     .absent = ENC_ABSENT_UNSAFE,
     .absent_means = "false",
     .skip_path = "properties.createMode",
     .skip_value = "recover"},
};

static void run(check_context *ctx, const az_resource *r)
{
    enc_check_rules(ctx, r, rules, ENC_COUNT(rules), "does not have purge protection");
}

static const char *const types[] = {
    "Microsoft.KeyVault/vaults",
    "Microsoft.KeyVault/managedHSMs",
    NULL,
};

static const char *const references[] = {
    "MCSB DP-8",
    "Azure Policy 0b60c0b2-2dc2-4e1c-b5c9-abbed971de53 (Key vaults should have deletion "
    "protection enabled)",
    "Azure Policy c39ba22d-4428-4149-b981-70acb31fc383 (Azure Key Vault Managed HSM should have "
    "purge protection enabled)",
    NULL,
};

const az_check check_key_vault_purge_protection = {
    .meta =
        {
            .id = "AZS311",
            .name = "key-vault-purge-protection",
            .title = "Key vault does not have purge protection",
            .severity = AZ_SEVERITY_MEDIUM,
            .security_severity = 5.5,
            .category = AZ_CATEGORY_ENCRYPTION,
            .resource_types = types,
            .description =
                "Without purge protection, a soft-deleted vault or object can be purged at once "
                "by anyone with purge rights, so a compromised account or a mistake can still "
                "destroy keys for good, and with them the data they encrypt. Purge protection "
                "is off when enablePurgeProtection is not set.",
            .remediation = "Set enablePurgeProtection to true. It cannot be turned off again, "
                           "and a purge-protected vault's name stays reserved for its retention "
                           "period after deletion.",
            .fix_bicep = "properties: {\n  enablePurgeProtection: true\n}",
            .fix_arm = "\"properties\": {\n  \"enablePurgeProtection\": true\n}",
            .references = references,
        },
    .resource = run,
};
