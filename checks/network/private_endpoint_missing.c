/*
 * AZS202 private-endpoint-missing: a PaaS resource that no private endpoint
 * of the same deployment variant reaches.
 *
 * A check about whole deployments: it runs once per variant, on the root
 * deployment, and looks at every deployment below it, since the private
 * endpoint and its target often sit in different modules. Private endpoints
 * name their target by resource id; the model gives every resource its id
 * with the same placeholders that `stg.id` and `resourceId(...)` evaluate
 * to, so ids are compared as strings, ignoring case.
 *
 * When a private endpoint's target is unknown, the resources it could reach
 * are not reported: those of the types its group ids name when all of them
 * are known, else every resource.
 */
#define _GNU_SOURCE /* strcasestr */
#include "../catalog.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct {
    const char *type;
    /* The private link sub-resources (group ids) of the type, comma-separated;
     * a trailing '*' matches by prefix. */
    const char *groups;
    /* A property whose presence means the service lives in a virtual network
     * (VNet injection) and needs no private endpoint, or NULL. */
    const char *injected_when;
} pe_rule;

static const pe_rule rules[] = {
    {"Microsoft.Storage/storageAccounts",
     "blob,blob_secondary,table,table_secondary,queue,queue_secondary,file,file_secondary,web,"
     "web_secondary,dfs,dfs_secondary",
     NULL},
    {"Microsoft.KeyVault/vaults", "vault", NULL},
    {"Microsoft.KeyVault/managedHSMs", "managedhsm", NULL},
    {"Microsoft.Sql/servers", "sqlServer", NULL},
    {"Microsoft.DocumentDB/databaseAccounts",
     "Sql,MongoDB,Cassandra,Gremlin,Table,Analytical,SqlDedicated", NULL},
    {"Microsoft.ContainerRegistry/registries", "registry", NULL},
    {"Microsoft.CognitiveServices/accounts", "account", NULL},
    {"Microsoft.EventHub/namespaces", "namespace", NULL},
    {"Microsoft.ServiceBus/namespaces", "namespace", NULL},
    {"Microsoft.Relay/namespaces", "namespace", NULL},
    {"Microsoft.EventGrid/topics", "topic", NULL},
    {"Microsoft.EventGrid/domains", "domain", NULL},
    {"Microsoft.AppConfiguration/configurationStores", "configurationStores", NULL},
    {"Microsoft.Search/searchServices", "searchService", NULL},
    {"Microsoft.Cache/redis", "redisCache", NULL},
    {"Microsoft.Cache/redisEnterprise", "redisEnterprise", NULL},
    {"Microsoft.DBforPostgreSQL/flexibleServers", "postgresqlServer",
     "properties.network.delegatedSubnetResourceId"},
    {"Microsoft.DBforMySQL/flexibleServers", "mysqlServer",
     "properties.network.delegatedSubnetResourceId"},
    {"Microsoft.Synapse/workspaces", "Sql,SqlOnDemand,Dev", NULL},
    {"Microsoft.DataFactory/factories", "dataFactory,portal", NULL},
    {"Microsoft.Web/sites", "sites*", NULL},
    {"Microsoft.MachineLearningServices/workspaces", "amlworkspace", NULL},
    {"Microsoft.SignalRService/signalR", "signalr", NULL},
    {"Microsoft.SignalRService/webPubSub", "webpubsub", NULL},
    {"Microsoft.Devices/IotHubs", "iotHub", NULL},
    {"Microsoft.Batch/batchAccounts", "batchAccount,nodeManagement", NULL},
    {"Microsoft.Purview/accounts", "account,portal", NULL},
};

#define RULE_COUNT (sizeof(rules) / sizeof(*rules))

static const char *const pe_type = "Microsoft.Network/privateEndpoints";

/* What the private endpoints of a variant reach. */
typedef struct {
    const az_value **targets; /* known target ids */
    size_t count, cap;
    bool oom;
    bool unknown_any;              /* an unknown target that could be anything */
    bool unknown_type[RULE_COUNT]; /* an unknown target of this row's types */
} pe_targets;

static const pe_rule *rule_for(const az_resource *r)
{
    for (size_t i = 0; i < RULE_COUNT; i++)
        if (check_type_is(r, rules[i].type))
            return &rules[i];
    return NULL;
}

static bool known_false(const az_value *condition)
{
    return condition && condition->kind == AZ_BOOL && !condition->u.boolean;
}

/* Whether `d` is deployed only under a condition known to be false. */
static bool deployment_skipped(const az_deployment *d)
{
    for (; d && d->via; d = d->parent)
        if (known_false(d->via->condition))
            return true;
    return false;
}

static bool group_matches(const char *groups, const az_value *g)
{
    const char *p = groups;
    while (*p) {
        size_t n = strcspn(p, ",");
        bool prefix = n > 0 && p[n - 1] == '*';
        size_t m = prefix ? n - 1 : n;
        if (prefix ? g->u.string.len >= m && strncasecmp(g->u.string.ptr, p, m) == 0
                   : g->u.string.len == m && strncasecmp(g->u.string.ptr, p, m) == 0)
            return true;
        p += n;
        if (*p == ',')
            p++;
    }
    return false;
}

/* An endpoint connection whose target is unknown: mark the types its group
 * ids name, or everything when they cannot all be read. */
static void add_unknown(pe_targets *t, const az_value *connection)
{
    const az_value *groups = az_query_value(connection, "properties.groupIds");
    if (!groups || groups->kind != AZ_ARRAY || groups->u.array.count == 0) {
        t->unknown_any = true;
        return;
    }
    bool marks[RULE_COUNT] = {false};
    for (uint32_t i = 0; i < groups->u.array.count; i++) {
        const az_value *g = groups->u.array.items[i];
        if (!g || g->kind != AZ_STRING) {
            t->unknown_any = true;
            return;
        }
        bool found = false;
        for (size_t k = 0; k < RULE_COUNT; k++)
            if (group_matches(rules[k].groups, g))
                marks[k] = found = true;
        if (!found) {
            t->unknown_any = true;
            return;
        }
    }
    for (size_t k = 0; k < RULE_COUNT; k++)
        t->unknown_type[k] |= marks[k];
}

static void add_target(pe_targets *t, const az_value *id)
{
    if (t->count == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 16;
        const az_value **grown = realloc(t->targets, cap * sizeof(*grown));
        if (!grown) {
            t->oom = true;
            return;
        }
        t->targets = grown;
        t->cap = cap;
    }
    t->targets[t->count++] = id;
}

static void collect_connections(pe_targets *t, const az_resource *pe, const char *path)
{
    const az_value *list = az_query_value(pe->body, path);
    if (!list || list->kind == AZ_NULL)
        return;
    if (list->kind != AZ_ARRAY) {
        t->unknown_any = true;
        return;
    }
    for (uint32_t i = 0; i < list->u.array.count; i++) {
        const az_value *c = list->u.array.items[i];
        const az_value *id = az_query_value(c, "properties.privateLinkServiceId");
        if (!id || id->kind == AZ_NULL)
            continue; /* not a valid connection: it reaches nothing */
        if (id->kind == AZ_STRING)
            add_target(t, id);
        else
            add_unknown(t, c);
    }
}

/* A registry or template-spec module is never read, so what it deploys is
 * not known; when it is handed a resource id (as AVM's private-endpoint
 * module is, in privateLinkServiceId), it may deploy an endpoint to it, and
 * reporting that resource would be a guess. Values nest no deeper than the
 * evaluator's depth limit, which bounds this recursion. */
static void collect_external(pe_targets *t, const az_value *v)
{
    if (!v)
        return;
    if (v->kind == AZ_STRING && v->u.string.len > 15 &&
        strncasecmp(v->u.string.ptr, "/subscriptions/", 15) == 0)
        add_target(t, v);
    else if (v->kind == AZ_ARRAY)
        for (uint32_t i = 0; i < v->u.array.count; i++)
            collect_external(t, v->u.array.items[i]);
    else if (v->kind == AZ_OBJECT)
        for (uint32_t i = 0; i < v->u.object.count; i++)
            collect_external(t, v->u.object.members[i].value);
}

/* A registry private-endpoint module whose arguments are not all known (the
 * AVM pattern: one endpoint per item of an optional parameter) may reach
 * anything: what it reaches is unknown, so nothing is reported. */
static void collect_external_module(pe_targets *t, const az_module *m)
{
    bool endpoint_module = (m->path && (strcasestr(m->path, "private-endpoint") ||
                                        strcasestr(m->path, "privateendpoint")));
    if (endpoint_module && (!m->params || m->loop || az_value_unknown_reason(m->params)))
        t->unknown_any = true;
    collect_external(t, m->params);
}

static void collect(pe_targets *t, const az_deployment *d)
{
    if (deployment_skipped(d))
        return;
    for (uint32_t i = 0; i < d->resource_count; i++) {
        const az_resource *r = d->resources[i];
        if (!check_type_is(r, pe_type) || r->existing || known_false(r->condition))
            continue;
        collect_connections(t, r, "properties.privateLinkServiceConnections");
        collect_connections(t, r, "properties.manualPrivateLinkServiceConnections");
    }
    for (uint32_t i = 0; i < d->module_count; i++) {
        const az_module *m = d->modules[i];
        if (m->child)
            collect(t, m->child);
        else if (m->external && !known_false(m->condition))
            collect_external_module(t, m);
    }
}

static bool same_id(const az_value *a, const az_value *b)
{
    return a->u.string.len == b->u.string.len &&
           strncasecmp(a->u.string.ptr, b->u.string.ptr, a->u.string.len) == 0;
}

/* Whether `id` names a resource of `type`: ".../providers/<type>/<name>". */
static bool id_of_type(const az_value *id, const char *type)
{
    const char *s = id->u.string.ptr;
    size_t n = id->u.string.len, m = strlen(type);
    for (size_t i = 0; i + 11 + m < n; i++) {
        if (strncasecmp(s + i, "/providers/", 11) == 0 && strncasecmp(s + i + 11, type, m) == 0 &&
            s[i + 11 + m] == '/' && !memchr(s + i + 12 + m, '/', n - i - 12 - m))
            return true;
    }
    return false;
}

static void check_resources(check_context *ctx, const pe_targets *t, const az_deployment *d)
{
    if (deployment_skipped(d))
        return;
    for (uint32_t i = 0; i < d->resource_count; i++) {
        const az_resource *r = d->resources[i];
        const pe_rule *rule = rule_for(r);
        if (!rule || r->existing || known_false(r->condition))
            continue;
        if (rule->injected_when) {
            az_match m;
            if (az_query(r->body, rule->injected_when, &m, 1) && m.value) {
                if (m.value->kind == AZ_UNKNOWN)
                    check_unresolved(ctx, r, m.value, rule->injected_when);
                if (m.value->kind != AZ_NULL)
                    continue;
            }
        }
        size_t row = (size_t)(rule - rules);
        if (t->unknown_any || t->unknown_type[row]) {
            check_unresolved(ctx, r, NULL, "privateEndpoint.privateLinkServiceId");
            continue;
        }
        bool id_known = r->id && r->id->kind == AZ_STRING;
        bool reached = false, maybe = false;
        for (size_t k = 0; k < t->count && !reached; k++) {
            if (id_known)
                reached = same_id(r->id, t->targets[k]);
            else if (id_of_type(t->targets[k], rule->type))
                maybe = true; /* its id is unknown: this endpoint may reach it */
        }
        if (reached)
            continue;
        if (maybe) {
            check_unresolved(ctx, r, r->id, "id");
            continue;
        }
        check_report(ctx, r, NULL, "privateEndpoint",
                     "%s is not reached by any private endpoint in this deployment: no "
                     "Microsoft.Network/privateEndpoints names it in privateLinkServiceId",
                     check_resource_label(ctx, r));
    }
    for (uint32_t i = 0; i < d->module_count; i++)
        if (d->modules[i]->child)
            check_resources(ctx, t, d->modules[i]->child);
}

static void run(check_context *ctx, const az_deployment *d)
{
    if (d->parent) /* the root deployment looks at the whole variant */
        return;
    pe_targets t = {0};
    collect(&t, d);
    if (!t.oom)
        check_resources(ctx, &t, d);
    free(t.targets);
}

static const char *const references[] = {
    "MCSB NS-2",
    "Azure Policy 6edd7eda-6dd8-40f7-810d-67160c639cd9 (Storage accounts should use private link)",
    "Azure Policy a6abeaec-4d90-4a02-805f-6b26c4d3fbe9 (Azure Key Vaults should use private link)",
    NULL,
};

const az_check check_private_endpoint_missing = {
    .meta =
        {
            .id = "AZS202",
            .name = "private-endpoint-missing",
            .title = "PaaS resource has no private endpoint in the deployment",
            .severity = AZ_SEVERITY_MEDIUM,
            .security_severity = 5.0,
            .category = AZ_CATEGORY_NETWORK,
            .resource_types = NULL,
            .description =
                "No private endpoint deployed with the template (in the same parameter-file "
                "variant, in the root template or any local module) targets the resource through "
                "privateLinkServiceConnections or manualPrivateLinkServiceConnections. The "
                "network security baseline asks that PaaS services be reached over private "
                "endpoints, so that traffic stays on the virtual network and public network "
                "access can be turned off. A resource whose public network access is already "
                "disabled is still reported: without a private endpoint it is either unreachable "
                "or reached through an endpoint deployed elsewhere, which the template should "
                "then say. PostgreSQL and MySQL flexible servers injected into a subnet "
                "(network.delegatedSubnetResourceId) are not reported. Private endpoints whose "
                "target cannot be resolved silence the types their group ids name (all types "
                "when the group ids are unknown).",
            .remediation =
                "Deploy a Microsoft.Network/privateEndpoints resource whose "
                "privateLinkServiceConnections[].properties.privateLinkServiceId is the "
                "resource's id, with the group id of the sub-resource to reach, and a private "
                "DNS zone group for name resolution. If the endpoint is deployed by another "
                "template, suppress the finding there with a justification.",
            .fix_bicep = "resource pe 'Microsoft.Network/privateEndpoints@2023-09-01' = {\n"
                         "  name: 'pe-${stg.name}'\n"
                         "  location: location\n"
                         "  properties: {\n"
                         "    subnet: { id: subnetId }\n"
                         "    privateLinkServiceConnections: [\n"
                         "      {\n"
                         "        name: 'blob'\n"
                         "        properties: {\n"
                         "          privateLinkServiceId: stg.id\n"
                         "          groupIds: ['blob']\n"
                         "        }\n"
                         "      }\n"
                         "    ]\n"
                         "  }\n"
                         "}",
            .fix_arm = "{\n"
                       "  \"type\": \"Microsoft.Network/privateEndpoints\",\n"
                       "  \"apiVersion\": \"2023-09-01\",\n"
                       "  \"name\": \"[format('pe-{0}', parameters('storageName'))]\",\n"
                       "  \"location\": \"[parameters('location')]\",\n"
                       "  \"properties\": {\n"
                       "    \"subnet\": { \"id\": \"[parameters('subnetId')]\" },\n"
                       "    \"privateLinkServiceConnections\": [\n"
                       "      {\n"
                       "        \"name\": \"blob\",\n"
                       "        \"properties\": {\n"
                       "          \"privateLinkServiceId\": \"[resourceId('Microsoft.Storage/"
                       "storageAccounts', parameters('storageName'))]\",\n"
                       "          \"groupIds\": [\"blob\"]\n"
                       "        }\n"
                       "      }\n"
                       "    ]\n"
                       "  }\n"
                       "}",
            .references = references,
        },
    .deployment = run,
};
