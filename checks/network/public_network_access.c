/*
 * AZS201 public-network-access: PaaS services reachable from the internet.
 *
 * One table, one function: each row names a resource type, where its
 * public network access setting lives, and whether the service is open
 * when the setting is absent.
 */
#include "../catalog.h"

typedef struct {
    const char *type;
    const char *path;
    bool open_by_default;
    /* A property whose presence means the service has no public endpoint
     * (VNet injection), or NULL. */
    const char *private_when;
} pna_rule;

static const pna_rule rules[] = {
    {"Microsoft.Storage/storageAccounts", "properties.publicNetworkAccess", true, NULL},
    {"Microsoft.KeyVault/vaults", "properties.publicNetworkAccess", true, NULL},
    {"Microsoft.KeyVault/managedHSMs", "properties.publicNetworkAccess", true, NULL},
    {"Microsoft.Sql/servers", "properties.publicNetworkAccess", true, NULL},
    {"Microsoft.Sql/managedInstances", "properties.publicDataEndpointEnabled", false, NULL},
    {"Microsoft.DocumentDB/databaseAccounts", "properties.publicNetworkAccess", true, NULL},
    {"Microsoft.ContainerRegistry/registries", "properties.publicNetworkAccess", true, NULL},
    {"Microsoft.CognitiveServices/accounts", "properties.publicNetworkAccess", true, NULL},
    {"Microsoft.EventHub/namespaces", "properties.publicNetworkAccess", true, NULL},
    {"Microsoft.ServiceBus/namespaces", "properties.publicNetworkAccess", true, NULL},
    {"Microsoft.Relay/namespaces", "properties.publicNetworkAccess", true, NULL},
    {"Microsoft.EventGrid/topics", "properties.publicNetworkAccess", true, NULL},
    {"Microsoft.EventGrid/domains", "properties.publicNetworkAccess", true, NULL},
    {"Microsoft.AppConfiguration/configurationStores", "properties.publicNetworkAccess", true,
     NULL},
    {"Microsoft.Search/searchServices", "properties.publicNetworkAccess", true, NULL},
    {"Microsoft.Cache/redis", "properties.publicNetworkAccess", true, NULL},
    {"Microsoft.Cache/redisEnterprise", "properties.publicNetworkAccess", true, NULL},
    {"Microsoft.DBforPostgreSQL/flexibleServers", "properties.network.publicNetworkAccess", true,
     "properties.network.delegatedSubnetResourceId"},
    {"Microsoft.DBforMySQL/flexibleServers", "properties.network.publicNetworkAccess", true,
     "properties.network.delegatedSubnetResourceId"},
    {"Microsoft.Synapse/workspaces", "properties.publicNetworkAccess", true, NULL},
    {"Microsoft.DataFactory/factories", "properties.publicNetworkAccess", true, NULL},
    {"Microsoft.Web/sites", "properties.publicNetworkAccess", true, NULL},
    {"Microsoft.Web/sites/slots", "properties.publicNetworkAccess", true, NULL},
    {"Microsoft.Batch/batchAccounts", "properties.publicNetworkAccess", true, NULL},
    {"Microsoft.MachineLearningServices/workspaces", "properties.publicNetworkAccess", true, NULL},
    {"Microsoft.SignalRService/signalR", "properties.publicNetworkAccess", true, NULL},
    {"Microsoft.SignalRService/webPubSub", "properties.publicNetworkAccess", true, NULL},
    {"Microsoft.Devices/IotHubs", "properties.publicNetworkAccess", true, NULL},
    {"Microsoft.Databricks/workspaces", "properties.publicNetworkAccess", true, NULL},
    {"Microsoft.Purview/accounts", "properties.publicNetworkAccess", true, NULL},
    {"Microsoft.Kusto/clusters", "properties.publicNetworkAccess", true, NULL},
    {"Microsoft.HealthcareApis/workspaces", "properties.publicNetworkAccess", true, NULL},
    {"Microsoft.App/managedEnvironments", "properties.publicNetworkAccess", true, NULL},
    {"Microsoft.ApiManagement/service", "properties.publicNetworkAccess", true, NULL},
};

static const pna_rule *rule_for(const az_resource *r)
{
    for (size_t i = 0; i < sizeof(rules) / sizeof(*rules); i++)
        if (check_type_is(r, rules[i].type))
            return &rules[i];
    return NULL;
}

/* Disabled, or reachable only through a network security perimeter. */
static bool closed(const pna_rule *rule, const az_value *v)
{
    if (v->kind == AZ_BOOL) /* publicDataEndpointEnabled */
        return !v->u.boolean;
    (void)rule;
    return check_string_is(v, "Disabled") || check_string_is(v, "SecuredByPerimeter");
}

static void run(check_context *ctx, const az_resource *r)
{
    const pna_rule *rule = rule_for(r);
    if (!rule || r->existing)
        return;
    az_match m;
    if (az_query(r->body, rule->path, &m, 1) == 0)
        return;
    const char *label = check_resource_label(ctx, r);
    if (!m.value) {
        if (!rule->open_by_default)
            return;
        if (rule->private_when) {
            const az_value *p = az_query_value(r->body, rule->private_when);
            if (p && p->kind != AZ_NULL)
                return;
        }
        check_report(ctx, r, NULL, rule->path,
                     "%s allows public network access: %s is not set and defaults to enabled",
                     label, rule->path);
        return;
    }
    if (m.value->kind == AZ_UNKNOWN) {
        check_unresolved(ctx, r, m.value, rule->path);
        return;
    }
    if (closed(rule, m.value))
        return;
    char text[160];
    snprintf(text, sizeof(text), "%s", check_value_text(ctx, m.value));
    check_report(ctx, r, m.value, rule->path, "%s allows public network access: %s is %s%s", label,
                 rule->path, text, check_value_origin(ctx, m.value));
}

static const char *const types[] = {
    "Microsoft.Storage/storageAccounts",
    "Microsoft.KeyVault/vaults",
    "Microsoft.KeyVault/managedHSMs",
    "Microsoft.Sql/servers",
    "Microsoft.Sql/managedInstances",
    "Microsoft.DocumentDB/databaseAccounts",
    "Microsoft.ContainerRegistry/registries",
    "Microsoft.CognitiveServices/accounts",
    "Microsoft.EventHub/namespaces",
    "Microsoft.ServiceBus/namespaces",
    "Microsoft.Relay/namespaces",
    "Microsoft.EventGrid/topics",
    "Microsoft.EventGrid/domains",
    "Microsoft.AppConfiguration/configurationStores",
    "Microsoft.Search/searchServices",
    "Microsoft.Cache/redis",
    "Microsoft.Cache/redisEnterprise",
    "Microsoft.DBforPostgreSQL/flexibleServers",
    "Microsoft.DBforMySQL/flexibleServers",
    "Microsoft.Synapse/workspaces",
    "Microsoft.DataFactory/factories",
    "Microsoft.Web/sites",
    "Microsoft.Web/sites/slots",
    "Microsoft.Batch/batchAccounts",
    "Microsoft.MachineLearningServices/workspaces",
    "Microsoft.SignalRService/signalR",
    "Microsoft.SignalRService/webPubSub",
    "Microsoft.Devices/IotHubs",
    "Microsoft.Databricks/workspaces",
    "Microsoft.Purview/accounts",
    "Microsoft.Kusto/clusters",
    "Microsoft.HealthcareApis/workspaces",
    "Microsoft.App/managedEnvironments",
    "Microsoft.ApiManagement/service",
    NULL,
};

static const char *const references[] = {
    "MCSB NS-2",
    "Azure Policy b2982f36-99f2-4db5-8eff-283140c09693 (Storage accounts should disable public "
    "network access)",
    NULL,
};

const az_check check_public_network_access = {
    .meta =
        {
            .id = "AZS201",
            .name = "public-network-access",
            .title = "PaaS service allows public network access",
            .severity = AZ_SEVERITY_HIGH,
            .security_severity = 7.5,
            .category = AZ_CATEGORY_NETWORK,
            .resource_types = types,
            .description =
                "The service accepts connections from the public internet. Azure's network "
                "security baseline asks that PaaS services be reached through private endpoints "
                "or virtual network integration, with public network access disabled, so that "
                "stolen credentials alone cannot reach the data. Where the setting is absent, the "
                "service's default (enabled) applies.",
            .remediation = "Set publicNetworkAccess to 'Disabled' and reach the service through "
                           "a private endpoint.",
            .fix_bicep = "properties: {\n  publicNetworkAccess: 'Disabled'\n}",
            .fix_arm = "\"properties\": {\n  \"publicNetworkAccess\": \"Disabled\"\n}",
            .references = references,
        },
    .resource = run,
};
