/*
 * AZS310 key-vault-soft-delete-disabled: key vaults whose deleted secrets,
 * keys and certificates cannot be recovered. enableSoftDelete is true when
 * absent from API version 2019-09-01 on and false before it (as Azure
 * Policy 0b60c0b2 reads it). A vault being recovered (createMode
 * 'recover') keeps its settings and is not checked.
 */
#include "setting_rules.h"

static const enc_rule rules[] = {
    {.type = "Microsoft.KeyVault/vaults",
     .path = "properties.enableSoftDelete",
     .bad = ENC_BAD_FALSE,
     .absent = ENC_ABSENT_UNSAFE_BEFORE,
     .absent_means = "false",
     .safe_from = "2019-09-01",
     .skip_path = "properties.createMode",
     .skip_value = "recover"},
};

static void run(check_context *ctx, const az_resource *r)
{
    enc_check_rules(ctx, r, rules, ENC_COUNT(rules), "has soft delete disabled");
}

static const char *const types[] = {
    "Microsoft.KeyVault/vaults",
    NULL,
};

static const char *const references[] = {
    "MCSB DP-8",
    "Azure Policy 1e66c121-a66a-4b1f-9b83-0fd99bf0fc2d (Key vaults should have soft delete "
    "enabled)",
    NULL,
};

const az_check check_key_vault_soft_delete_disabled = {
    .meta =
        {
            .id = "AZS310",
            .name = "key-vault-soft-delete-disabled",
            .title = "Key vault has soft delete disabled",
            .severity = AZ_SEVERITY_HIGH,
            .security_severity = 7.1,
            .category = AZ_CATEGORY_ENCRYPTION,
            .resource_types = types,
            .description =
                "Without soft delete, a deleted vault, key, secret or certificate is gone at "
                "once. A mistake or an attacker with delete rights can then destroy the keys "
                "that protect encrypted data, making that data unrecoverable.",
            .remediation = "Remove enableSoftDelete (soft delete is on by default and can no "
                           "longer be turned off on new vaults) or set it to true, with "
                           "softDeleteRetentionInDays of 7 to 90.",
            .fix_bicep = "properties: {\n  enableSoftDelete: true\n  softDeleteRetentionInDays: "
                         "90\n}",
            .fix_arm = "\"properties\": {\n  \"enableSoftDelete\": true,\n  "
                       "\"softDeleteRetentionInDays\": 90\n}",
            .references = references,
        },
    .resource = run,
};
