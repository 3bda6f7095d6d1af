/*
 * AZS208 aks-api-server-public: an AKS cluster whose API server any
 * internet address can reach.
 *
 * The API server is private with apiServerAccessProfile.enablePrivateCluster,
 * and restricted with a non-empty apiServerAccessProfile.authorizedIPRanges;
 * a range list that includes 0.0.0.0/0 restricts nothing.
 */
#include "../catalog.h"

#define PRIVATE_PATH "properties.apiServerAccessProfile.enablePrivateCluster"
#define RANGES_PATH "properties.apiServerAccessProfile.authorizedIPRanges"

static void run(check_context *ctx, const az_resource *r)
{
    if (r->existing)
        return;
    az_match priv, ranges;
    if (az_query(r->body, PRIVATE_PATH, &priv, 1) == 0 ||
        az_query(r->body, RANGES_PATH, &ranges, 1) == 0)
        return;
    if (priv.value && priv.value->kind == AZ_UNKNOWN) {
        check_unresolved(ctx, r, priv.value, PRIVATE_PATH);
        return;
    }
    if (priv.value && priv.value->kind == AZ_BOOL && priv.value->u.boolean)
        return;
    const az_value *list = ranges.value;
    if (list && list->kind == AZ_UNKNOWN) {
        check_unresolved(ctx, r, list, RANGES_PATH);
        return;
    }
    char label[200];
    snprintf(label, sizeof(label), "%s", check_resource_label(ctx, r));
    if (list && list->kind == AZ_ARRAY && list->u.array.count > 0) {
        bool unknown = false;
        for (uint32_t i = 0; i < list->u.array.count; i++) {
            const az_value *item = list->u.array.items[i];
            if (check_string_is(item, "0.0.0.0/0")) {
                check_report(ctx, r, item, RANGES_PATH,
                             "%s exposes its API server to the internet: authorizedIPRanges "
                             "includes '0.0.0.0/0'%s",
                             label, check_value_origin(ctx, item));
                return;
            }
            if (item->kind == AZ_UNKNOWN)
                unknown = true;
        }
        if (unknown)
            check_unresolved(ctx, r, list, RANGES_PATH);
        return;
    }
    if (priv.value && priv.value->kind == AZ_BOOL)
        check_report(ctx, r, priv.value, PRIVATE_PATH,
                     "%s exposes its API server to the internet: enablePrivateCluster is "
                     "false%s and no authorizedIPRanges are set",
                     label, check_value_origin(ctx, priv.value));
    else
        check_report(ctx, r, NULL, PRIVATE_PATH,
                     "%s exposes its API server to the internet: neither enablePrivateCluster "
                     "nor authorizedIPRanges is set",
                     label);
}

static const char *const types[] = {"Microsoft.ContainerService/managedClusters", NULL};

static const char *const references[] = {
    "MCSB NS-2",
    "Checkov CKV_AZURE_6 (authorized IP ranges), CKV_AZURE_115 (private cluster)",
    NULL,
};

const az_check check_aks_api_server_public = {
    .meta =
        {
            .id = "AZS208",
            .name = "aks-api-server-public",
            .title = "AKS API server is reachable from the whole internet",
            .severity = AZ_SEVERITY_HIGH,
            .security_severity = 7.5,
            .category = AZ_CATEGORY_NETWORK,
            .resource_types = types,
            .description =
                "The cluster is neither private (apiServerAccessProfile.enablePrivateCluster) "
                "nor restricted to authorized IP ranges (apiServerAccessProfile."
                "authorizedIPRanges, where 0.0.0.0/0 restricts nothing), so the Kubernetes API "
                "server, the cluster's control plane, accepts connections from any address on "
                "the internet.",
            .remediation = "Make the cluster private, or list the address ranges allowed to "
                           "reach the API server in authorizedIPRanges.",
            .fix_bicep = "properties: {\n"
                         "  apiServerAccessProfile: {\n"
                         "    enablePrivateCluster: true\n"
                         "  }\n"
                         "}",
            .fix_arm = "\"properties\": {\n"
                       "  \"apiServerAccessProfile\": {\n"
                       "    \"enablePrivateCluster\": true\n"
                       "  }\n"
                       "}",
            .references = references,
        },
    .resource = run,
};
