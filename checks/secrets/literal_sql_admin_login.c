/*
 * AZS408 literal-sql-admin-login: a database server whose administrator
 * login name is written in the template.
 *
 * The login is reported when it is a known, non-secure string that was
 * written in the template: a literal, a variable, a parameter's default or
 * a module argument. A value from a parameter file is chosen per
 * environment and is not reported; neither are secure or unknown values.
 */
#include "../catalog.h"

typedef struct {
    const char *type;
    const char *path;
} login_rule;

static const login_rule rules[] = {
    {"Microsoft.Sql/servers", "properties.administratorLogin"},
    {"Microsoft.Sql/managedInstances", "properties.administratorLogin"},
    {"Microsoft.Synapse/workspaces", "properties.sqlAdministratorLogin"},
    {"Microsoft.DBforPostgreSQL/servers", "properties.administratorLogin"},
    {"Microsoft.DBforPostgreSQL/flexibleServers", "properties.administratorLogin"},
    {"Microsoft.DBforMySQL/servers", "properties.administratorLogin"},
    {"Microsoft.DBforMySQL/flexibleServers", "properties.administratorLogin"},
    {"Microsoft.DBforMariaDB/servers", "properties.administratorLogin"},
};

static void run(check_context *ctx, const az_resource *r)
{
    if (r->existing)
        return;
    const login_rule *rule = NULL;
    for (size_t i = 0; i < sizeof(rules) / sizeof(*rules); i++)
        if (check_type_is(r, rules[i].type))
            rule = &rules[i];
    if (!rule)
        return;
    az_match m;
    if (az_query(r->body, rule->path, &m, 1) == 0 || !m.value)
        return;
    const az_value *v = m.value;
    if (v->kind == AZ_UNKNOWN) {
        check_unresolved(ctx, r, v, rule->path);
        return;
    }
    if (v->kind != AZ_STRING || v->u.string.len == 0 || (v->flags & AZ_VALUE_SECURE) ||
        v->origin == AZ_ORIGIN_PARAMETER_FILE)
        return;
    char label[200], text[160];
    snprintf(label, sizeof(label), "%s", check_resource_label(ctx, r));
    snprintf(text, sizeof(text), "%s", check_value_text(ctx, v));
    check_report(ctx, r, v, rule->path,
                 "%s has its administrator login written in the template: %s is %s%s", label,
                 rule->path, text, check_value_origin(ctx, v));
}

static const char *const types[] = {
    "Microsoft.Sql/servers",
    "Microsoft.Sql/managedInstances",
    "Microsoft.Synapse/workspaces",
    "Microsoft.DBforPostgreSQL/servers",
    "Microsoft.DBforPostgreSQL/flexibleServers",
    "Microsoft.DBforMySQL/servers",
    "Microsoft.DBforMySQL/flexibleServers",
    "Microsoft.DBforMariaDB/servers",
    NULL,
};

static const char *const references[] = {
    "MCSB IM-8",
    NULL,
};

const az_check check_literal_sql_admin_login = {
    .meta =
        {
            .id = "AZS408",
            .name = "literal-sql-admin-login",
            .title = "Database administrator login is hardcoded",
            .severity = AZ_SEVERITY_MEDIUM,
            .security_severity = 4.3,
            .category = AZ_CATEGORY_SECRETS,
            .resource_types = types,
            .description =
                "The server's administrator login name is written in the template (a literal, "
                "a variable, a parameter's default or a module argument), often a well-known "
                "name such as 'sqladmin'. Everyone who reads the source knows half of the most "
                "privileged credential of the server, the same name is reused in every "
                "environment, and password-guessing attacks need only the password.",
            .remediation =
                "Pass the administrator login as a parameter without a default, set per "
                "environment in the parameter file or from Key Vault; better, use Microsoft "
                "Entra-only authentication and no SQL administrator at all.",
            .fix_bicep = "param administratorLogin string\n\n"
                         "resource sql 'Microsoft.Sql/servers@2023-08-01-preview' = {\n"
                         "  properties: {\n    administratorLogin: administratorLogin\n"
                         "    administratorLoginPassword: administratorLoginPassword\n  }\n}",
            .fix_arm = "\"properties\": {\n"
                       "  \"administratorLogin\": \"[parameters('administratorLogin')]\",\n"
                       "  \"administratorLoginPassword\": "
                       "\"[parameters('administratorLoginPassword')]\"\n}",
            .references = references,
        },
    .resource = run,
};
