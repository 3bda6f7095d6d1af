/*
 * AZS107 aks-without-entra-rbac: AKS clusters whose Kubernetes API is not
 * authorized through Kubernetes RBAC with Entra ID integration.
 *
 * One finding per cluster, for the most serious gap: Kubernetes RBAC turned
 * off (every authenticated user is cluster admin), else no managed Entra
 * integration (users are not Entra identities).
 */
#include "../catalog.h"

static void run(check_context *ctx, const az_resource *r)
{
    if (r->existing)
        return;
    const char *label = check_resource_label(ctx, r);
    az_match m;
    if (az_query(r->body, "properties.enableRBAC", &m, 1) == 0)
        return;
    if (m.value && m.value->kind == AZ_UNKNOWN) {
        check_unresolved(ctx, r, m.value, "properties.enableRBAC");
        return;
    }
    if (m.value && m.value->kind == AZ_BOOL && !m.value->u.boolean) {
        check_report(ctx, r, m.value, "properties.enableRBAC",
                     "%s has Kubernetes RBAC disabled: enableRBAC is false%s", label,
                     check_value_origin(ctx, m.value));
        return;
    }

    if (az_query(r->body, "properties.aadProfile", &m, 1) == 0)
        return;
    if (!m.value || m.value->kind == AZ_NULL) {
        check_report(ctx, r, m.value && m.value->range.start_line ? m.value : NULL,
                     "properties.aadProfile",
                     "%s is not integrated with Entra ID: aadProfile is not set", label);
        return;
    }
    if (m.value->kind == AZ_UNKNOWN) {
        check_unresolved(ctx, r, m.value, "properties.aadProfile");
        return;
    }
    const az_value *profile = m.value;
    if (az_query(r->body, "properties.aadProfile.managed", &m, 1) == 0)
        return;
    if (!m.value || m.value->kind == AZ_NULL) {
        check_report(ctx, r, profile, "properties.aadProfile.managed",
                     "%s uses the legacy (unmanaged) Entra integration: aadProfile.managed is "
                     "not set%s",
                     label, check_value_origin(ctx, profile));
        return;
    }
    if (m.value->kind == AZ_UNKNOWN) {
        check_unresolved(ctx, r, m.value, "properties.aadProfile.managed");
        return;
    }
    if (m.value->kind == AZ_BOOL && m.value->u.boolean)
        return;
    char text[160];
    snprintf(text, sizeof(text), "%s", check_value_text(ctx, m.value));
    check_report(ctx, r, m.value, "properties.aadProfile.managed",
                 "%s does not use managed Entra integration: aadProfile.managed is %s%s", label,
                 text, check_value_origin(ctx, m.value));
}

static const char *const types[] = {"Microsoft.ContainerService/managedClusters", NULL};

static const char *const references[] = {
    "MCSB IM-1",
    "MCSB PA-7",
    "PSRule Azure.AKS.UseRBAC",
    NULL,
};

const az_check check_aks_without_entra_rbac = {
    .meta =
        {
            .id = "AZS107",
            .name = "aks-without-entra-rbac",
            .title = "AKS cluster without Kubernetes RBAC and managed Entra ID integration",
            .severity = AZ_SEVERITY_HIGH,
            .security_severity = 7.5,
            .category = AZ_CATEGORY_IDENTITY,
            .resource_types = types,
            .description =
                "The cluster's Kubernetes API is not authorized through Kubernetes RBAC with "
                "Entra ID identities. With enableRBAC false (absent is true) every "
                "authenticated user has full control of the cluster; this is reported first, as "
                "it cannot be changed after creation. Otherwise, without aadProfile or with "
                "aadProfile.managed not true (the deprecated legacy integration), cluster users "
                "are certificates and tokens the cluster issues itself, outside Entra ID "
                "conditional access, MFA and central revocation. One finding per cluster, for "
                "the first gap. Local accounts (disableLocalAccounts) are AZS106.",
            .remediation = "Create the cluster with enableRBAC: true and aadProfile: { managed: "
                           "true } (and preferably enableAzureRBAC: true), naming the Entra "
                           "groups that administer it.",
            .fix_bicep = "properties: {\n"
                         "  enableRBAC: true\n"
                         "  aadProfile: {\n"
                         "    managed: true\n"
                         "    enableAzureRBAC: true\n"
                         "    adminGroupObjectIDs: [ adminGroupObjectId ]\n"
                         "  }\n"
                         "}",
            .fix_arm = "\"properties\": {\n"
                       "  \"enableRBAC\": true,\n"
                       "  \"aadProfile\": {\n"
                       "    \"managed\": true,\n"
                       "    \"enableAzureRBAC\": true,\n"
                       "    \"adminGroupObjectIDs\": [\"[parameters('adminGroupObjectId')]\"]\n"
                       "  }\n"
                       "}",
            .references = references,
        },
    .resource = run,
};
