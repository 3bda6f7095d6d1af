/*
 * AZS106 local-authentication-enabled: services that accept their own keys,
 * shared access signatures or local accounts besides Entra ID.
 *
 * One table: each row names a resource type, the property that controls
 * local authentication, the value that turns it off, and whether the
 * service accepts local authentication when the property is absent.
 */
#include "../catalog.h"

typedef struct {
    const char *type;
    const char *path;
    bool off_value;     /* the boolean value that disables local authentication */
    bool on_by_default; /* local authentication is on when the property is absent */
    const char *what;   /* what local authentication is, for messages */
} local_auth_rule;

static const local_auth_rule rules[] = {
    {"Microsoft.Storage/storageAccounts", "properties.allowSharedKeyAccess", false, true,
     "shared key access"},
    {"Microsoft.CognitiveServices/accounts", "properties.disableLocalAuth", true, true,
     "API key authentication"},
    {"Microsoft.EventHub/namespaces", "properties.disableLocalAuth", true, true,
     "SAS key authentication"},
    {"Microsoft.ServiceBus/namespaces", "properties.disableLocalAuth", true, true,
     "SAS key authentication"},
    {"Microsoft.AppConfiguration/configurationStores", "properties.disableLocalAuth", true, true,
     "access key authentication"},
    {"Microsoft.DocumentDB/databaseAccounts", "properties.disableLocalAuth", true, true,
     "account key authentication"},
    {"Microsoft.EventGrid/topics", "properties.disableLocalAuth", true, true,
     "access key authentication"},
    {"Microsoft.EventGrid/domains", "properties.disableLocalAuth", true, true,
     "access key authentication"},
    {"Microsoft.SignalRService/signalR", "properties.disableLocalAuth", true, true,
     "access key authentication"},
    {"Microsoft.SignalRService/webPubSub", "properties.disableLocalAuth", true, true,
     "access key authentication"},
    {"Microsoft.Search/searchServices", "properties.disableLocalAuth", true, true,
     "API key authentication"},
    {"Microsoft.Insights/components", "properties.DisableLocalAuth", true, true,
     "instrumentation key ingestion"},
    {"Microsoft.Automation/automationAccounts", "properties.disableLocalAuth", true, true,
     "local (key) authentication"},
    {"Microsoft.Devices/IotHubs", "properties.disableLocalAuth", true, true,
     "SAS key authentication"},
    {"Microsoft.ContainerRegistry/registries", "properties.adminUserEnabled", false, false,
     "the admin user"},
    {"Microsoft.ContainerService/managedClusters", "properties.disableLocalAccounts", true, true,
     "local Kubernetes accounts"},
};

static const local_auth_rule *rule_for(const az_resource *r)
{
    for (size_t i = 0; i < sizeof(rules) / sizeof(*rules); i++)
        if (check_type_is(r, rules[i].type))
            return &rules[i];
    return NULL;
}

static void run(check_context *ctx, const az_resource *r)
{
    const local_auth_rule *rule = rule_for(r);
    if (!rule || r->existing)
        return;
    az_match m;
    if (az_query(r->body, rule->path, &m, 1) == 0)
        return;
    const char *label = check_resource_label(ctx, r);
    if (!m.value || m.value->kind == AZ_NULL) {
        if (rule->on_by_default)
            check_report(ctx, r, m.value && m.value->range.start_line ? m.value : NULL, rule->path,
                         "%s allows %s: %s is not set and defaults to %s", label, rule->what,
                         rule->path, rule->off_value ? "false" : "true");
        return;
    }
    if (m.value->kind == AZ_UNKNOWN) {
        check_unresolved(ctx, r, m.value, rule->path);
        return;
    }
    if (m.value->kind == AZ_BOOL && m.value->u.boolean == rule->off_value)
        return;
    if (m.value->kind != AZ_BOOL && !rule->on_by_default)
        return; /* not a boolean: the service ignores it and keeps its default (off) */
    char text[160];
    snprintf(text, sizeof(text), "%s", check_value_text(ctx, m.value));
    check_report(ctx, r, m.value, rule->path, "%s allows %s: %s is %s%s", label, rule->what,
                 rule->path, text, check_value_origin(ctx, m.value));
}

static const char *const types[] = {
    "Microsoft.Storage/storageAccounts",
    "Microsoft.CognitiveServices/accounts",
    "Microsoft.EventHub/namespaces",
    "Microsoft.ServiceBus/namespaces",
    "Microsoft.AppConfiguration/configurationStores",
    "Microsoft.DocumentDB/databaseAccounts",
    "Microsoft.EventGrid/topics",
    "Microsoft.EventGrid/domains",
    "Microsoft.SignalRService/signalR",
    "Microsoft.SignalRService/webPubSub",
    "Microsoft.Search/searchServices",
    "Microsoft.Insights/components",
    "Microsoft.Automation/automationAccounts",
    "Microsoft.Devices/IotHubs",
    "Microsoft.ContainerRegistry/registries",
    "Microsoft.ContainerService/managedClusters",
    NULL,
};

static const char *const references[] = {
    "MCSB IM-1",
    "PSRule Azure.ACR.AdminUser",
    NULL,
};

const az_check check_local_authentication_enabled = {
    .meta =
        {
            .id = "AZS106",
            .name = "local-authentication-enabled",
            .title = "Service accepts local keys or accounts besides Entra ID",
            .severity = AZ_SEVERITY_MEDIUM,
            .security_severity = 6.0,
            .category = AZ_CATEGORY_IDENTITY,
            .resource_types = types,
            .description =
                "The service accepts its own credentials (account keys, shared access "
                "signatures, API keys, an admin user or local cluster accounts) besides Entra "
                "ID. Such keys grant full access to whoever holds them, are not tied to an "
                "identity, escape conditional access and audit by principal, and are rarely "
                "rotated. Reported: storage accounts whose allowSharedKeyAccess is not false "
                "(absent is allowed); Cognitive Services and Azure OpenAI, Event Hubs, Service "
                "Bus, App Configuration, Cosmos DB, Event Grid topics and domains, "
                "SignalR, Web PubSub, AI Search, Application Insights, Automation and IoT Hub "
                "whose disableLocalAuth is not true (absent is local authentication on); "
                "container registries whose adminUserEnabled is true (absent is off); and AKS "
                "clusters whose disableLocalAccounts is not true (absent is local accounts "
                "on).",
            .remediation = "Disable local authentication (allowSharedKeyAccess: false, "
                           "disableLocalAuth: true, adminUserEnabled: false, "
                           "disableLocalAccounts: true) and grant Entra ID identities data-plane "
                           "roles instead.",
            .fix_bicep = "properties: {\n  disableLocalAuth: true\n}",
            .fix_arm = "\"properties\": {\n  \"disableLocalAuth\": true\n}",
            .references = references,
        },
    .resource = run,
};
