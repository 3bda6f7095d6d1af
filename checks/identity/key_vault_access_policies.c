/*
 * AZS105 key-vault-access-policies: Key Vaults authorizing data access with
 * vault access policies instead of Azure RBAC.
 */
#include "../catalog.h"

static void run(check_context *ctx, const az_resource *r)
{
    if (r->existing)
        return;
    /* Recovering a soft-deleted vault restores its own settings. */
    if (check_string_is(az_query_value(r->body, "properties.createMode"), "recover"))
        return;
    const char *path = "properties.enableRbacAuthorization";
    az_match m;
    if (az_query(r->body, path, &m, 1) == 0)
        return;
    const char *label = check_resource_label(ctx, r);
    if (!m.value || m.value->kind == AZ_NULL) {
        check_report(ctx, r, m.value && m.value->range.start_line ? m.value : NULL, path,
                     "%s uses access policies instead of Azure RBAC: enableRbacAuthorization is "
                     "not set and defaults to false",
                     label);
        return;
    }
    if (m.value->kind == AZ_UNKNOWN) {
        check_unresolved(ctx, r, m.value, path);
        return;
    }
    if (m.value->kind == AZ_BOOL && m.value->u.boolean)
        return;
    char text[160];
    snprintf(text, sizeof(text), "%s", check_value_text(ctx, m.value));
    check_report(ctx, r, m.value, path,
                 "%s uses access policies instead of Azure RBAC: enableRbacAuthorization is %s%s",
                 label, text, check_value_origin(ctx, m.value));
}

static const char *const types[] = {"Microsoft.KeyVault/vaults", NULL};

static const char *const references[] = {
    "MCSB PA-7",
    "Azure Policy 12d4fa5e-1f9f-4c21-97a9-b99b3c6611b5 (Azure Key Vault should use RBAC "
    "permission model)",
    "PSRule Azure.KeyVault.RBAC",
    NULL,
};

const az_check check_key_vault_access_policies = {
    .meta =
        {
            .id = "AZS105",
            .name = "key-vault-access-policies",
            .title = "Key Vault uses access policies instead of Azure RBAC",
            .severity = AZ_SEVERITY_MEDIUM,
            .security_severity = 5.5,
            .category = AZ_CATEGORY_IDENTITY,
            .resource_types = types,
            .description =
                "The vault authorizes access to its keys, secrets and certificates with vault "
                "access policies rather than Azure RBAC. Access policies grant per-vault, "
                "all-or-nothing permissions per object kind, cannot be scoped to one secret, are "
                "invisible to Privileged Identity Management and access reviews, and anyone "
                "with Contributor on the vault can grant themselves data access through them. "
                "Reported when properties.enableRbacAuthorization is false or not set: the Key "
                "Vault API documents that a vault created without it gets false, and azscan "
                "applies that default whatever the API version. Vaults with createMode "
                "'recover' are skipped (they restore their previous settings).",
            .remediation = "Set enableRbacAuthorization to true, remove accessPolicies, and grant "
                           "Key Vault data roles (such as Key Vault Secrets User) on the vault "
                           "or on single secrets.",
            .fix_bicep = "properties: {\n  enableRbacAuthorization: true\n}",
            .fix_arm = "\"properties\": {\n  \"enableRbacAuthorization\": true\n}",
            .references = references,
        },
    .resource = run,
};
