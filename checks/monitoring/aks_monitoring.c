/*
 * AZS504 aks-without-monitoring: AKS clusters that send no logs or metrics
 * to Azure Monitor.
 *
 * A cluster is monitored when any of these is true:
 *   properties.addonProfiles.omsagent.enabled            (Container insights, the add-on)
 *   properties.azureMonitorProfile.containerInsights.enabled
 *   properties.azureMonitorProfile.metrics.enabled       (managed Prometheus)
 * When one of them is unknown, the cluster may be monitored and is not
 * reported.
 */
#include "../catalog.h"

static const char *const paths[] = {
    "properties.addonProfiles.omsagent.enabled",
    "properties.azureMonitorProfile.containerInsights.enabled",
    "properties.azureMonitorProfile.metrics.enabled",
};

static void run(check_context *ctx, const az_resource *r)
{
    if (r->existing)
        return;
    const az_value *off = NULL; /* the first explicit false, to point at */
    for (size_t i = 0; i < sizeof(paths) / sizeof(*paths); i++) {
        const az_value *v = az_query_value(r->body, paths[i]);
        if (!v || v->kind == AZ_NULL)
            continue;
        if (v->kind == AZ_UNKNOWN) {
            check_unresolved(ctx, r, v, paths[i]);
            return;
        }
        if (v->kind == AZ_BOOL && v->u.boolean)
            return;
        if (!off)
            off = v;
    }
    char label[200];
    snprintf(label, sizeof(label), "%s", check_resource_label(ctx, r));
    check_report(ctx, r, off, "properties.addonProfiles.omsagent.enabled",
                 "%s sends no logs or metrics to Azure Monitor: neither the omsagent add-on nor "
                 "azureMonitorProfile container insights or metrics are enabled%s",
                 label, off ? check_value_origin(ctx, off) : "");
}

static const char *const types[] = {"Microsoft.ContainerService/managedClusters", NULL};

static const char *const references[] = {
    "MCSB LT-3",
    "Checkov CKV_AZURE_4",
    NULL,
};

const az_check check_aks_monitoring = {
    .meta =
        {
            .id = "AZS504",
            .name = "aks-without-monitoring",
            .title = "AKS cluster is not monitored by Azure Monitor",
            .severity = AZ_SEVERITY_MEDIUM,
            .security_severity = 5.0,
            .category = AZ_CATEGORY_MONITORING,
            .resource_types = types,
            .description =
                "The AKS cluster has neither Container insights (the omsagent add-on, or "
                "azureMonitorProfile.containerInsights) nor managed Prometheus metrics "
                "(azureMonitorProfile.metrics) enabled. Container logs, Kubernetes events and "
                "node and pod metrics are then not collected, and a compromise or a failing "
                "workload leaves no trace to investigate.",
            .remediation = "Enable Container insights with a Log Analytics workspace, through "
                           "the omsagent add-on or azureMonitorProfile.containerInsights.",
            .fix_bicep = "properties: {\n  addonProfiles: {\n    omsagent: {\n"
                         "      enabled: true\n      config: {\n"
                         "        logAnalyticsWorkspaceResourceID: workspace.id\n      }\n"
                         "    }\n  }\n}",
            .fix_arm = "\"addonProfiles\": {\n  \"omsagent\": {\n    \"enabled\": true,\n"
                       "    \"config\": {\n      \"logAnalyticsWorkspaceResourceID\": "
                       "\"[resourceId('Microsoft.OperationalInsights/workspaces', "
                       "parameters('workspaceName'))]\"\n    }\n  }\n}",
            .references = references,
        },
    .resource = run,
};
