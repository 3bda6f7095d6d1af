/*
 * AZS102 missing-managed-identity: services that can authenticate to other
 * Azure services with a managed identity but declare none, so they fall
 * back on keys, connection strings or secrets kept in configuration.
 *
 * One table of the types that support a managed identity and commonly call
 * other services; a resource is reported when `identity` is absent or its
 * type is 'None'.
 */
#include "../catalog.h"

static const char *const types[] = {
    "Microsoft.Web/sites",
    "Microsoft.Web/sites/slots",
    "Microsoft.App/containerApps",
    "Microsoft.App/jobs",
    "Microsoft.ContainerService/managedClusters",
    "Microsoft.DataFactory/factories",
    "Microsoft.Logic/workflows",
    "Microsoft.ApiManagement/service",
    "Microsoft.CognitiveServices/accounts",
    "Microsoft.Automation/automationAccounts",
    "Microsoft.Synapse/workspaces",
    "Microsoft.MachineLearningServices/workspaces",
    "Microsoft.EventGrid/topics",
    "Microsoft.EventGrid/domains",
    "Microsoft.EventGrid/systemTopics",
    "Microsoft.Search/searchServices",
    "Microsoft.StreamAnalytics/streamingjobs",
    NULL,
};

static void run(check_context *ctx, const az_resource *r)
{
    if (r->existing)
        return;
    az_match m;
    if (az_query(r->body, "identity", &m, 1) == 0)
        return;
    const char *label = check_resource_label(ctx, r);
    if (!m.value || m.value->kind == AZ_NULL) {
        check_report(ctx, r, m.value && m.value->range.start_line ? m.value : NULL, "identity",
                     "%s has no managed identity: identity is not set", label);
        return;
    }
    if (m.value->kind == AZ_UNKNOWN) {
        check_unresolved(ctx, r, m.value, "identity");
        return;
    }
    if (az_query(r->body, "identity.type", &m, 1) == 0)
        return;
    if (!m.value) {
        check_report(ctx, r, az_query_value(r->body, "identity"), "identity.type",
                     "%s has no managed identity: identity.type is not set", label);
        return;
    }
    if (m.value->kind == AZ_UNKNOWN) {
        check_unresolved(ctx, r, m.value, "identity.type");
        return;
    }
    if (m.value->kind != AZ_NULL && !check_string_is(m.value, "None"))
        return;
    char text[160];
    snprintf(text, sizeof(text), "%s", check_value_text(ctx, m.value));
    check_report(ctx, r, m.value, "identity.type",
                 "%s has no managed identity: identity.type is %s%s", label, text,
                 check_value_origin(ctx, m.value));
}

static const char *const references[] = {
    "MCSB IM-3",
    "Azure Policy 2b9ad585-36bc-4615-b300-fd4435808332 (App Service apps should use managed "
    "identity)",
    "PSRule Azure.AppService.ManagedIdentity",
    NULL,
};

const az_check check_missing_managed_identity = {
    .meta =
        {
            .id = "AZS102",
            .name = "missing-managed-identity",
            .title = "Service that supports a managed identity declares none",
            .severity = AZ_SEVERITY_MEDIUM,
            .security_severity = 5.0,
            .category = AZ_CATEGORY_IDENTITY,
            .resource_types = types,
            .description =
                "The resource can authenticate to other Azure services with a managed identity "
                "but declares none (identity absent, null, or of type 'None'), so whatever it "
                "calls (storage, Key Vault, databases, registries) must be reached with keys, "
                "connection strings or client secrets kept in its configuration, which leak "
                "and are rarely rotated. A managed identity's credentials are issued and "
                "rotated by the platform and never leave it. Applies to web and function apps "
                "and their slots, container apps and jobs, AKS, Data Factory, Logic Apps, API "
                "Management, Cognitive Services and Azure OpenAI, Automation, Synapse, Machine "
                "Learning workspaces, Event Grid topics, domains and system topics, AI Search "
                "and Stream Analytics jobs.",
            .remediation = "Give the resource a system-assigned or user-assigned managed "
                           "identity, grant that identity the roles it needs on what it calls, "
                           "and remove the keys and connection strings it replaces.",
            .fix_bicep = "identity: {\n  type: 'SystemAssigned'\n}",
            .fix_arm = "\"identity\": {\n  \"type\": \"SystemAssigned\"\n}",
            .references = references,
        },
    .resource = run,
};
