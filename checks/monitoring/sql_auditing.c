/*
 * AZS503 sql-auditing: SQL servers without auditing, or whose audit logs
 * are kept less than 90 days.
 *
 * A check about whole deployments: it runs on the root deployment of each
 * variant and looks at every deployment below it, since the auditing
 * setting may be declared in another module than its server. A server is
 * audited when an auditingSettings (or extendedAuditingSettings) child of it
 * has state 'Enabled'. The child's server is its declared parent's name, or
 * the first segment of its own name ('sql-1/default'); when that is not
 * known, the setting could belong to any server and no server is reported.
 * An unknown state counts as enabled.
 *
 * retentionDays applies to audit logs written to a storage account: 0 (the
 * default) keeps them forever; 1 to 89 is reported.
 */
#include "../catalog.h"

#include <stdlib.h>
#include <strings.h>

static const char *const server_type = "Microsoft.Sql/servers";
static const char *const setting_types[] = {
    "Microsoft.Sql/servers/auditingSettings",
    "Microsoft.Sql/servers/extendedAuditingSettings",
};

#define MIN_RETENTION_DAYS 90

static bool known_false(const az_value *condition)
{
    return condition && condition->kind == AZ_BOOL && !condition->u.boolean;
}

static bool deployment_skipped(const az_deployment *d)
{
    for (; d && d->via; d = d->parent)
        if (known_false(d->via->condition))
            return true;
    return false;
}

static bool is_setting(const az_resource *r)
{
    for (size_t i = 0; i < sizeof(setting_types) / sizeof(*setting_types); i++)
        if (check_type_is(r, setting_types[i]))
            return true;
    return false;
}

typedef struct {
    const az_value *server; /* known server name, or NULL when not known */
    size_t len;
    bool enabled;             /* state 'Enabled', or unknown */
    const az_value *disabled; /* the state value when known and not 'Enabled' */
    const az_resource *resource;
} audit;

typedef struct {
    audit *items;
    size_t count, cap;
    bool oom;
    bool any_unknown; /* an enabled setting of an unknown server */
} audits;

/* The name of the server a setting belongs to, as a known string, or NULL. */
static const char *server_of(const az_resource *r, size_t *len)
{
    const az_value *name = r->parent ? r->parent->name : r->name;
    if (!name || name->kind != AZ_STRING)
        return NULL;
    const char *s = name->u.string.ptr;
    if (r->parent) {
        *len = name->u.string.len;
        return s;
    }
    const char *slash = memchr(s, '/', name->u.string.len);
    if (!slash)
        return NULL;
    *len = (size_t)(slash - s);
    return s;
}

static void add(audits *a, const audit *x)
{
    if (a->count == a->cap) {
        size_t cap = a->cap ? a->cap * 2 : 8;
        audit *grown = realloc(a->items, cap * sizeof(*grown));
        if (!grown) {
            a->oom = true;
            return;
        }
        a->items = grown;
        a->cap = cap;
    }
    a->items[a->count++] = *x;
}

static void collect(check_context *ctx, audits *a, const az_deployment *d)
{
    if (deployment_skipped(d))
        return;
    for (uint32_t i = 0; i < d->resource_count; i++) {
        const az_resource *r = d->resources[i];
        if (!is_setting(r) || r->existing || known_false(r->condition))
            continue;
        audit x = {0};
        x.resource = r;
        size_t len = 0;
        const char *server = server_of(r, &len);
        const az_value *state = az_query_value(r->body, "properties.state");
        /* state is required: without it nothing is audited. */
        x.enabled = state && (state->kind == AZ_UNKNOWN || check_string_is(state, "Enabled"));
        if (state && !x.enabled)
            x.disabled = state;
        if (!server) {
            a->any_unknown |= x.enabled;
        } else {
            x.server = r->parent ? r->parent->name : r->name;
            x.len = len;
        }
        add(a, &x);
        /* Retention, for an enabled setting. */
        const char *path = "properties.retentionDays";
        const az_value *days = az_query_value(r->body, path);
        if (!x.enabled || !days)
            continue;
        if (days->kind == AZ_UNKNOWN) {
            check_unresolved(ctx, r, days, path);
            continue;
        }
        if (days->kind == AZ_INT && days->u.integer > 0 && days->u.integer < MIN_RETENTION_DAYS)
            check_report(ctx, r, days, path,
                         "SQL auditing of server '%.*s' keeps audit logs for %lld days%s, "
                         "fewer than %d",
                         server ? (int)len : 1, server ? server : "?", (long long)days->u.integer,
                         check_value_origin(ctx, days), MIN_RETENTION_DAYS);
    }
    for (uint32_t i = 0; i < d->module_count; i++)
        if (d->modules[i]->child)
            collect(ctx, a, d->modules[i]->child);
}

static bool same_server(const audit *x, const az_resource *server)
{
    const az_value *n = server->name;
    return x->server && n && n->kind == AZ_STRING && n->u.string.len == x->len &&
           strncasecmp(n->u.string.ptr, x->server->u.string.ptr, x->len) == 0;
}

static void check_servers(check_context *ctx, const audits *a, const az_deployment *d)
{
    if (deployment_skipped(d))
        return;
    for (uint32_t i = 0; i < d->resource_count; i++) {
        const az_resource *r = d->resources[i];
        if (!check_type_is(r, server_type) || r->existing || known_false(r->condition))
            continue;
        if (!r->name || r->name->kind != AZ_STRING)
            continue; /* which settings are its own is not known */
        const audit *disabled = NULL;
        bool audited = false;
        for (size_t k = 0; k < a->count && !audited; k++) {
            if (!same_server(&a->items[k], r))
                continue;
            if (a->items[k].enabled)
                audited = true;
            else if (!disabled)
                disabled = &a->items[k];
        }
        if (audited || a->any_unknown)
            continue;
        char label[200];
        snprintf(label, sizeof(label), "%s", check_resource_label(ctx, r));
        if (disabled && disabled->disabled) {
            char text[160];
            snprintf(text, sizeof(text), "%s", check_value_text(ctx, disabled->disabled));
            check_report(ctx, disabled->resource, disabled->disabled, "properties.state",
                         "%s is not audited: its auditing setting's state is %s%s", label, text,
                         check_value_origin(ctx, disabled->disabled));
        } else {
            check_report(ctx, r, NULL, "auditingSettings",
                         "%s is not audited: no auditing setting with state 'Enabled' is "
                         "deployed for it",
                         label);
        }
    }
    for (uint32_t i = 0; i < d->module_count; i++)
        if (d->modules[i]->child)
            check_servers(ctx, a, d->modules[i]->child);
}

static void run(check_context *ctx, const az_deployment *d)
{
    if (d->parent) /* the root deployment looks at the whole variant */
        return;
    audits a = {0};
    collect(ctx, &a, d);
    if (!a.oom)
        check_servers(ctx, &a, d);
    free(a.items);
}

static const char *const references[] = {
    "MCSB LT-3",
    "MCSB LT-6",
    "Azure Policy a6fb4358-5bf4-4ad7-ba82-2cd2f41ce5e9 (Auditing on SQL server should be "
    "enabled)",
    "Azure Policy 89099bee-89e0-4b26-a5f4-165451757743 (SQL servers with auditing to storage "
    "account destination should be configured with 90 days retention or higher)",
    NULL,
};

const az_check check_sql_auditing = {
    .meta =
        {
            .id = "AZS503",
            .name = "sql-auditing",
            .title = "SQL server is not audited, or keeps audit logs less than 90 days",
            .severity = AZ_SEVERITY_MEDIUM,
            .security_severity = 5.0,
            .category = AZ_CATEGORY_MONITORING,
            .resource_types = NULL,
            .description =
                "The deployment creates a SQL server but no server-level auditing setting "
                "(Microsoft.Sql/servers/auditingSettings or extendedAuditingSettings) with "
                "state 'Enabled' for it, or the auditing setting keeps audit logs in storage "
                "for fewer than 90 days. Without audit logs, access to the databases and "
                "changes to them cannot be investigated after an incident.",
            .remediation =
                "Deploy an auditingSettings child of the server with state 'Enabled', sending "
                "audit logs to Log Analytics or to a storage account with retentionDays of at "
                "least 90 (or 0, to keep them forever).",
            .fix_bicep = "resource auditing 'Microsoft.Sql/servers/auditingSettings@2023-08-01-"
                         "preview' = {\n  parent: sql\n  name: 'default'\n  properties: {\n"
                         "    state: 'Enabled'\n    isAzureMonitorTargetEnabled: true\n"
                         "    retentionDays: 90\n  }\n}",
            .fix_arm = "{\n  \"type\": \"Microsoft.Sql/servers/auditingSettings\",\n"
                       "  \"apiVersion\": \"2023-08-01-preview\",\n"
                       "  \"name\": \"[format('{0}/default', parameters('sqlName'))]\",\n"
                       "  \"properties\": {\n    \"state\": \"Enabled\",\n"
                       "    \"isAzureMonitorTargetEnabled\": true,\n    \"retentionDays\": 90\n"
                       "  }\n}",
            .references = references,
        },
    .deployment = run,
};
