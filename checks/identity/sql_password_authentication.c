/*
 * AZS101 sql-password-authentication: database servers that let clients
 * sign in with a password.
 *
 * One table. Each row names a server type, the keys that create a password
 * administrator, and how Entra-only authentication is enforced: a property
 * of the server, and for most, a child resource that sets it on its own.
 * A server is reported once: at its password administrator when it sets
 * one, otherwise where Entra-only authentication is not enforced. A child
 * resource that turns Entra-only authentication off is reported itself.
 */
#include "identity_common.h"

#include <strings.h>

typedef enum {
    ENTRA_NONE,          /* no server property: only the child resource, when any */
    ENTRA_BOOL_TRUE,     /* the property must be true; absent means false */
    ENTRA_BOOL_EXPLICIT, /* only an explicit false is reported */
    ENTRA_PASSWORD_AUTH, /* the property must be 'Disabled'; absent means 'Enabled' */
} entra_kind;

typedef struct {
    const char *type;
    const char *login;    /* the password administrator's login key */
    const char *password; /* and its password key */
    entra_kind entra;
    const char *entra_path;
    /* The child resource that sets Entra-only authentication, its name (the
     * last segment, or NULL for any), the property and the value that
     * enforces it. */
    const char *child_type;
    const char *child_name;
    const char *child_path;
    const char *child_on; /* a string value, or NULL for the boolean true */
} sql_rule;

static const sql_rule rules[] = {
    {"Microsoft.Sql/servers", "administratorLogin", "administratorLoginPassword", ENTRA_BOOL_TRUE,
     "properties.administrators.azureADOnlyAuthentication",
     "Microsoft.Sql/servers/azureADOnlyAuthentications", NULL,
     "properties.azureADOnlyAuthentication", NULL},
    {"Microsoft.Sql/managedInstances", "administratorLogin", "administratorLoginPassword",
     ENTRA_BOOL_TRUE, "properties.administrators.azureADOnlyAuthentication",
     "Microsoft.Sql/managedInstances/azureADOnlyAuthentications", NULL,
     "properties.azureADOnlyAuthentication", NULL},
    {"Microsoft.Synapse/workspaces", "sqlAdministratorLogin", "sqlAdministratorLoginPassword",
     ENTRA_BOOL_EXPLICIT, "properties.azureADOnlyAuthentication",
     "Microsoft.Synapse/workspaces/azureADOnlyAuthentications", NULL,
     "properties.azureADOnlyAuthentication", NULL},
    {"Microsoft.DBforPostgreSQL/flexibleServers", "administratorLogin",
     "administratorLoginPassword", ENTRA_PASSWORD_AUTH, "properties.authConfig.passwordAuth", NULL,
     NULL, NULL, NULL},
    {"Microsoft.DBforMySQL/flexibleServers", "administratorLogin", "administratorLoginPassword",
     ENTRA_NONE, NULL, "Microsoft.DBforMySQL/flexibleServers/configurations", "aad_auth_only",
     "properties.value", "ON"},
};

#define RULE_COUNT (sizeof(rules) / sizeof(*rules))

static bool is_child_rule(const az_resource *r, const sql_rule *rule)
{
    if (!rule->child_type || !check_type_is(r, rule->child_type))
        return false;
    if (!rule->child_name)
        return true;
    size_t len = 0;
    const char *last = identity_last_segment(r->name, &len);
    return last && len == strlen(rule->child_name) && strncasecmp(last, rule->child_name, len) == 0;
}

/* Whether `v`, known, enforces Entra-only authentication in a child. */
static bool child_enforces(const sql_rule *rule, const az_value *v)
{
    if (rule->child_on)
        return check_string_is(v, rule->child_on);
    return v->kind == AZ_BOOL && v->u.boolean;
}

/* A child resource that turns Entra-only authentication off. */
static void run_child(check_context *ctx, const az_resource *r, const sql_rule *rule)
{
    az_match m;
    if (az_query(r->body, rule->child_path, &m, 1) == 0 || !m.value)
        return;
    if (m.value->kind == AZ_UNKNOWN) {
        check_unresolved(ctx, r, m.value, rule->child_path);
        return;
    }
    if (child_enforces(rule, m.value))
        return;
    char text[160];
    snprintf(text, sizeof(text), "%s", check_value_text(ctx, m.value));
    check_report(ctx, r, m.value, rule->child_path,
                 "%s does not enforce Entra-only authentication, so password sign-in stays "
                 "allowed: %s is %s%s",
                 check_resource_label(ctx, r), rule->child_path, text,
                 check_value_origin(ctx, m.value));
}

/* Whether the deployment declares the child resource that sets Entra-only
 * authentication for `r` (which then decides, and is checked on its own). */
static bool has_entra_child(const az_resource *r, const sql_rule *rule)
{
    if (!rule->child_type)
        return false;
    const az_deployment *d = r->deployment;
    for (uint32_t i = 0; i < d->resource_count; i++) {
        const az_resource *c = d->resources[i];
        if (c != r && !c->existing && is_child_rule(c, rule) && identity_is_child_of(c, r))
            return true;
    }
    return false;
}

static bool report_password_admin(check_context *ctx, const az_resource *r, const sql_rule *rule)
{
    const char *keys[2] = {rule->login, rule->password};
    for (int k = 0; k < 2; k++) {
        const az_member *m = identity_find_key(r->body, keys[k], NULL);
        if (!m)
            continue;
        const az_value *v = m->value;
        const char *label = check_resource_label(ctx, r);
        if (k == 0 && v->kind != AZ_UNKNOWN) {
            char text[160];
            snprintf(text, sizeof(text), "%s", check_value_text(ctx, v));
            check_report(ctx, r, v, keys[k],
                         "%s allows password authentication: it sets a password administrator, "
                         "%s is %s%s",
                         label, keys[k], text, check_value_origin(ctx, v));
        } else {
            /* A password's content, or an unresolved value: only that it is set. */
            check_report(ctx, r, v, keys[k],
                         "%s allows password authentication: it sets a password administrator, "
                         "%s is set%s%s",
                         label, keys[k], v->kind == AZ_UNKNOWN ? " (value not known)" : "",
                         check_value_origin(ctx, v));
        }
        return true;
    }
    return false;
}

/* A replica or restore takes its authentication settings from its source. */
static bool copies_source(const az_resource *r)
{
    const az_value *mode = az_query_value(r->body, "properties.createMode");
    return mode && mode->kind != AZ_NULL && !check_string_is(mode, "Default") &&
           !check_string_is(mode, "Create");
}

static void run_server(check_context *ctx, const az_resource *r, const sql_rule *rule)
{
    if (report_password_admin(ctx, r, rule))
        return;
    if (rule->entra == ENTRA_NONE || has_entra_child(r, rule))
        return;
    az_match m;
    if (az_query(r->body, rule->entra_path, &m, 1) == 0)
        return;
    const char *label = check_resource_label(ctx, r);
    if (!m.value) {
        if (rule->entra == ENTRA_BOOL_TRUE)
            check_report(ctx, r, NULL, rule->entra_path,
                         "%s does not enforce Entra-only authentication, so password sign-in "
                         "stays allowed: %s is not set and defaults to false",
                         label, rule->entra_path);
        else if (rule->entra == ENTRA_PASSWORD_AUTH && !copies_source(r))
            check_report(ctx, r, NULL, rule->entra_path,
                         "%s allows password authentication: %s is not set and defaults to "
                         "'Enabled'",
                         label, rule->entra_path);
        return;
    }
    if (m.value->kind == AZ_UNKNOWN) {
        check_unresolved(ctx, r, m.value, rule->entra_path);
        return;
    }
    bool enforced = rule->entra == ENTRA_PASSWORD_AUTH
                        ? check_string_is(m.value, "Disabled")
                        : m.value->kind == AZ_BOOL && m.value->u.boolean;
    if (enforced)
        return;
    /* ENTRA_BOOL_EXPLICIT: only an explicit false; a null is "not set". */
    if (rule->entra == ENTRA_BOOL_EXPLICIT && m.value->kind != AZ_BOOL)
        return;
    char text[160];
    snprintf(text, sizeof(text), "%s", check_value_text(ctx, m.value));
    check_report(ctx, r, m.value, rule->entra_path,
                 rule->entra == ENTRA_PASSWORD_AUTH
                     ? "%s allows password authentication: %s is %s%s"
                     : "%s does not enforce Entra-only authentication, so password sign-in stays "
                       "allowed: %s is %s%s",
                 label, rule->entra_path, text, check_value_origin(ctx, m.value));
}

static void run(check_context *ctx, const az_resource *r)
{
    if (r->existing)
        return;
    for (size_t i = 0; i < RULE_COUNT; i++) {
        if (check_type_is(r, rules[i].type)) {
            run_server(ctx, r, &rules[i]);
            return;
        }
        if (is_child_rule(r, &rules[i])) {
            run_child(ctx, r, &rules[i]);
            return;
        }
    }
}

static const char *const types[] = {
    "Microsoft.Sql/servers",
    "Microsoft.Sql/servers/azureADOnlyAuthentications",
    "Microsoft.Sql/managedInstances",
    "Microsoft.Sql/managedInstances/azureADOnlyAuthentications",
    "Microsoft.Synapse/workspaces",
    "Microsoft.Synapse/workspaces/azureADOnlyAuthentications",
    "Microsoft.DBforPostgreSQL/flexibleServers",
    "Microsoft.DBforMySQL/flexibleServers",
    "Microsoft.DBforMySQL/flexibleServers/configurations",
    NULL,
};

static const char *const references[] = {
    "MCSB IM-1",
    "PSRule Azure.SQLMI.AADOnly",
    NULL,
};

const az_check check_sql_password_authentication = {
    .meta =
        {
            .id = "AZS101",
            .name = "sql-password-authentication",
            .title = "Database server allows password authentication",
            .severity = AZ_SEVERITY_CRITICAL,
            .security_severity = 9.1,
            .category = AZ_CATEGORY_IDENTITY,
            .resource_types = types,
            .description =
                "The database server accepts password sign-in. Passwords are shared, copied "
                "into pipelines and deployment history, and bypass Entra ID conditional access, "
                "MFA and central revocation. Reported: a SQL server, SQL managed instance, "
                "PostgreSQL or MySQL flexible server that sets administratorLogin or "
                "administratorLoginPassword, or a Synapse workspace that sets "
                "sqlAdministratorLogin or sqlAdministratorLoginPassword, anywhere in its body "
                "(a key present with a value not known before deployment counts; a null value, "
                "as from `cond ? 'admin' : null` with a false condition, does not). The "
                "credential counts even where Entra-only authentication is also enforced: the "
                "login is still created, its password sits in the deployment, and one property "
                "brings it back. Without a password administrator, also reported: a SQL server "
                "or managed instance whose administrators.azureADOnlyAuthentication is not true "
                "(absent is false) unless a child azureADOnlyAuthentications resource in the "
                "same template sets it; a Synapse workspace whose azureADOnlyAuthentication is "
                "explicitly false; a PostgreSQL flexible server whose authConfig.passwordAuth "
                "is not 'Disabled' (absent is 'Enabled', unless it is a replica or restore, which "
                "takes its source's settings); and any azureADOnlyAuthentications "
                "child set to false, or MySQL aad_auth_only server parameter not 'ON'. A "
                "MySQL flexible server carries Entra-only authentication only in that server "
                "parameter, so one without credentials (a replica or restore) is not reported.",
            .remediation =
                "Remove the password administrator and sign in with Entra ID: set an Entra "
                "administrator and enforce Entra-only authentication "
                "(administrators.azureADOnlyAuthentication: true on SQL, "
                "authConfig.passwordAuth: 'Disabled' with activeDirectoryAuth: 'Enabled' on "
                "PostgreSQL, the aad_auth_only server parameter 'ON' on MySQL).",
            .fix_bicep = "properties: {\n"
                         "  administrators: {\n"
                         "    administratorType: 'ActiveDirectory'\n"
                         "    principalType: 'Group'\n"
                         "    login: 'sql-admins'\n"
                         "    sid: adminGroupObjectId\n"
                         "    tenantId: tenant().tenantId\n"
                         "    azureADOnlyAuthentication: true\n"
                         "  }\n"
                         "}",
            .fix_arm = "\"properties\": {\n"
                       "  \"administrators\": {\n"
                       "    \"administratorType\": \"ActiveDirectory\",\n"
                       "    \"principalType\": \"Group\",\n"
                       "    \"login\": \"sql-admins\",\n"
                       "    \"sid\": \"[parameters('adminGroupObjectId')]\",\n"
                       "    \"tenantId\": \"[tenant().tenantId]\",\n"
                       "    \"azureADOnlyAuthentication\": true\n"
                       "  }\n"
                       "}",
            .references = references,
        },
    .resource = run,
};
