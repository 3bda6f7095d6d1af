/*
 * AZS205 network-acl-default-allow: a service firewall that lets every
 * network in.
 *
 * Storage accounts and key vaults default to allowing all networks when
 * networkAcls (or its defaultAction) is absent; an Event Hubs or Service Bus
 * network rule set says so with defaultAction 'Allow'; a Cosmos DB account
 * accepts every network when neither its virtual network filter nor any IP
 * rule is set. A service whose public network access is disabled is not
 * reported: the firewall is moot there, and AZS201 covers public access.
 */
#include "../catalog.h"

#include <strings.h>

typedef struct {
    const char *type;
    const char *path;          /* the default action */
    bool allow_by_default;     /* when the default action is absent */
    const char *public_access; /* on the resource itself, or NULL */
    const char *parent_type;   /* whose publicNetworkAccess also counts, or NULL */
} acl_rule;

static const acl_rule rules[] = {
    {"Microsoft.Storage/storageAccounts", "properties.networkAcls.defaultAction", true,
     "properties.publicNetworkAccess", NULL},
    {"Microsoft.KeyVault/vaults", "properties.networkAcls.defaultAction", true,
     "properties.publicNetworkAccess", NULL},
    {"Microsoft.EventHub/namespaces/networkRuleSets", "properties.defaultAction", false,
     "properties.publicNetworkAccess", "Microsoft.EventHub/namespaces"},
    {"Microsoft.ServiceBus/namespaces/networkRuleSets", "properties.defaultAction", false,
     "properties.publicNetworkAccess", "Microsoft.ServiceBus/namespaces"},
};

static const acl_rule *rule_for(const az_resource *r)
{
    for (size_t i = 0; i < sizeof(rules) / sizeof(*rules); i++)
        if (check_type_is(r, rules[i].type))
            return &rules[i];
    return NULL;
}

typedef enum { ACCESS_OPEN, ACCESS_CLOSED, ACCESS_UNKNOWN } access_state;

static access_state public_access(check_context *ctx, const az_resource *r, const char *path)
{
    az_match m;
    if (!path || az_query(r->body, path, &m, 1) == 0 || !m.value)
        return ACCESS_OPEN;
    if (m.value->kind == AZ_UNKNOWN) {
        check_unresolved(ctx, r, m.value, path);
        return ACCESS_UNKNOWN;
    }
    return check_string_is(m.value, "Disabled") || check_string_is(m.value, "SecuredByPerimeter")
               ? ACCESS_CLOSED
               : ACCESS_OPEN;
}

/* The namespace a network rule set belongs to: its declared parent, or the
 * resource of the deployment whose id its own id extends. */
static const az_resource *parent_of(const az_resource *r, const char *type)
{
    if (r->parent)
        return check_type_is(r->parent, type) ? r->parent : NULL;
    if (!r->id || r->id->kind != AZ_STRING)
        return NULL;
    const char *id = r->id->u.string.ptr;
    const char *slash = strrchr(id, '/');
    size_t n = slash ? (size_t)(slash - id) : 0;
    /* ".../namespaces/ns/networkRuleSets/default": drop two segments. */
    while (n && id[n - 1] != '/')
        n--;
    if (n)
        n--;
    const az_deployment *d = r->deployment;
    for (uint32_t i = 0; d && i < d->resource_count; i++) {
        const az_resource *p = d->resources[i];
        if (check_type_is(p, type) && p->id && p->id->kind == AZ_STRING &&
            p->id->u.string.len == n && strncasecmp(p->id->u.string.ptr, id, n) == 0)
            return p;
    }
    return NULL;
}

static void run_cosmos(check_context *ctx, const az_resource *r)
{
    if (public_access(ctx, r, "properties.publicNetworkAccess") != ACCESS_OPEN)
        return;
    az_match filter, ips;
    if (az_query(r->body, "properties.isVirtualNetworkFilterEnabled", &filter, 1) == 0 ||
        az_query(r->body, "properties.ipRules", &ips, 1) == 0)
        return;
    if (filter.value && filter.value->kind == AZ_UNKNOWN) {
        check_unresolved(ctx, r, filter.value, "properties.isVirtualNetworkFilterEnabled");
        return;
    }
    if (ips.value && ips.value->kind == AZ_UNKNOWN) {
        check_unresolved(ctx, r, ips.value, "properties.ipRules");
        return;
    }
    if (filter.value && filter.value->kind == AZ_BOOL && filter.value->u.boolean)
        return;
    if (ips.value && ips.value->kind == AZ_ARRAY && ips.value->u.array.count > 0)
        return;
    if (ips.value && ips.value->kind != AZ_ARRAY && ips.value->kind != AZ_NULL)
        return;
    const char *label = check_resource_label(ctx, r);
    char text[200];
    snprintf(text, sizeof(text), "%s", label);
    if (filter.value && filter.value->kind == AZ_BOOL)
        check_report(ctx, r, filter.value, "properties.isVirtualNetworkFilterEnabled",
                     "%s accepts connections from every network: isVirtualNetworkFilterEnabled "
                     "is false%s and no ipRules are set",
                     text, check_value_origin(ctx, filter.value));
    else
        check_report(ctx, r, NULL, "properties.isVirtualNetworkFilterEnabled",
                     "%s accepts connections from every network: neither "
                     "isVirtualNetworkFilterEnabled nor ipRules is set",
                     text);
}

static void run(check_context *ctx, const az_resource *r)
{
    if (r->existing)
        return;
    if (check_type_is(r, "Microsoft.DocumentDB/databaseAccounts")) {
        run_cosmos(ctx, r);
        return;
    }
    const acl_rule *rule = rule_for(r);
    if (!rule)
        return;
    az_match m;
    if (az_query(r->body, rule->path, &m, 1) == 0)
        return;
    if (m.value && m.value->kind == AZ_UNKNOWN) {
        check_unresolved(ctx, r, m.value, rule->path);
        return;
    }
    bool allows = m.value ? check_string_is(m.value, "Allow") : rule->allow_by_default;
    if (!allows)
        return;
    if (public_access(ctx, r, rule->public_access) != ACCESS_OPEN)
        return;
    if (rule->parent_type) {
        const az_resource *p = parent_of(r, rule->parent_type);
        if (p && public_access(ctx, p, "properties.publicNetworkAccess") != ACCESS_OPEN)
            return;
    }
    const char *label = check_resource_label(ctx, r);
    char text[200];
    snprintf(text, sizeof(text), "%s", label);
    if (!m.value) {
        check_report(ctx, r, NULL, rule->path,
                     "%s allows every network: %s is not set and defaults to 'Allow'", text,
                     rule->path);
        return;
    }
    char value[160];
    snprintf(value, sizeof(value), "%s", check_value_text(ctx, m.value));
    check_report(ctx, r, m.value, rule->path, "%s allows every network: %s is %s%s", text,
                 rule->path, value, check_value_origin(ctx, m.value));
}

static const char *const types[] = {
    "Microsoft.Storage/storageAccounts",
    "Microsoft.KeyVault/vaults",
    "Microsoft.DocumentDB/databaseAccounts",
    "Microsoft.EventHub/namespaces/networkRuleSets",
    "Microsoft.ServiceBus/namespaces/networkRuleSets",
    NULL,
};

static const char *const references[] = {
    "MCSB NS-2",
    "Checkov CKV_AZURE_35 (storage), CKV_AZURE_109 (key vault)",
    "PSRule Azure.Storage.Firewall, Azure.KeyVault.Firewall",
    NULL,
};

const az_check check_network_acl_default_allow = {
    .meta =
        {
            .id = "AZS205",
            .name = "network-acl-default-allow",
            .title = "Service firewall allows every network by default",
            .severity = AZ_SEVERITY_HIGH,
            .security_severity = 7.0,
            .category = AZ_CATEGORY_NETWORK,
            .resource_types = types,
            .description =
                "The service's firewall lets every network in: a storage account's or key "
                "vault's networkAcls.defaultAction is 'Allow' or absent (the service default), "
                "an Event Hubs or Service Bus network rule set has defaultAction 'Allow', or a "
                "Cosmos DB account has neither its virtual network filter enabled nor any IP "
                "rule. Any IP and virtual network rules are then ignored. Resources whose public "
                "network access is disabled (or whose namespace's is) are not reported: the "
                "firewall does not apply, and AZS201 covers public access.",
            .remediation =
                "Set the default action to 'Deny' and allow only the networks that need access "
                "with IP and virtual network rules (for Cosmos DB: ipRules and "
                "isVirtualNetworkFilterEnabled with virtualNetworkRules), or disable public "
                "network access and use private endpoints.",
            .fix_bicep = "properties: {\n"
                         "  networkAcls: {\n"
                         "    defaultAction: 'Deny'\n"
                         "    bypass: 'AzureServices'\n"
                         "    ipRules: [\n"
                         "      { value: '203.0.113.0/24' }\n"
                         "    ]\n"
                         "  }\n"
                         "}",
            .fix_arm = "\"properties\": {\n"
                       "  \"networkAcls\": {\n"
                       "    \"defaultAction\": \"Deny\",\n"
                       "    \"bypass\": \"AzureServices\",\n"
                       "    \"ipRules\": [\n"
                       "      { \"value\": \"203.0.113.0/24\" }\n"
                       "    ]\n"
                       "  }\n"
                       "}",
            .references = references,
        },
    .resource = run,
};
