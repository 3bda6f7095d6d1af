/*
 * AZS307 database-ssl-enforcement: PostgreSQL, MySQL and MariaDB servers
 * that accept unencrypted connections.
 *
 * Single servers carry sslEnforcement (enabled when absent, as the
 * service's audit policies read it). Flexible servers carry it as the
 * require_secure_transport server parameter, a separate configurations
 * resource; it is ON by default, so only a resource setting it OFF is
 * reported.
 */
#include "setting_rules.h"

static const char *const disabled[] = {"Disabled", NULL};
static const char *const off[] = {"OFF", "0", "FALSE", NULL};

static const enc_rule rules[] = {
    {.type = "Microsoft.DBforPostgreSQL/servers",
     .path = "properties.sslEnforcement",
     .bad_values = disabled},
    {.type = "Microsoft.DBforMySQL/servers",
     .path = "properties.sslEnforcement",
     .bad_values = disabled},
    {.type = "Microsoft.DBforMariaDB/servers",
     .path = "properties.sslEnforcement",
     .bad_values = disabled},
    {.type = "Microsoft.DBforPostgreSQL/flexibleServers/configurations",
     .name = "require_secure_transport",
     .path = "properties.value",
     .shown = "require_secure_transport",
     .bad_values = off},
    {.type = "Microsoft.DBforMySQL/flexibleServers/configurations",
     .name = "require_secure_transport",
     .path = "properties.value",
     .shown = "require_secure_transport",
     .bad_values = off},
};

static void run(check_context *ctx, const az_resource *r)
{
    enc_check_rules(ctx, r, rules, ENC_COUNT(rules), "accepts unencrypted connections");
}

static const char *const types[] = {
    "Microsoft.DBforPostgreSQL/servers",
    "Microsoft.DBforMySQL/servers",
    "Microsoft.DBforMariaDB/servers",
    "Microsoft.DBforPostgreSQL/flexibleServers/configurations",
    "Microsoft.DBforMySQL/flexibleServers/configurations",
    NULL,
};

static const char *const references[] = {
    "MCSB DP-3",
    "Azure Policy d158790f-bfb0-486c-8631-2dc6b4e8e6af (Enforce SSL connection should be enabled "
    "for PostgreSQL database servers)",
    "Azure Policy e802a67a-daf5-4436-9ea6-f6d821dd0c5d (Enforce SSL connection should be enabled "
    "for MySQL database servers)",
    "Azure Policy c29c38cb-74a7-4505-9a06-e588ab86620a (Enforce SSL connection should be enabled "
    "for PostgreSQL flexible servers)",
    NULL,
};

const az_check check_database_ssl_enforcement = {
    .meta =
        {
            .id = "AZS307",
            .name = "database-ssl-enforcement",
            .title = "Database server accepts unencrypted connections",
            .severity = AZ_SEVERITY_HIGH,
            .security_severity = 7.4,
            .category = AZ_CATEGORY_ENCRYPTION,
            .resource_types = types,
            .description =
                "The server lets clients connect without TLS: a single server with "
                "sslEnforcement 'Disabled', or a flexible server whose require_secure_transport "
                "parameter is OFF. Queries, results and the login exchange can then cross the "
                "network in clear text.",
            .remediation =
                "Set sslEnforcement to 'Enabled' on single servers, and leave "
                "require_secure_transport at its default ON on flexible servers (remove the "
                "configuration resource or set its value to 'ON').",
            .fix_bicep = "resource tls 'Microsoft.DBforMySQL/flexibleServers/"
                         "configurations@2023-12-30' = {\n  parent: server\n  name: "
                         "'require_secure_transport'\n  properties: {\n    value: 'ON'\n    "
                         "source: 'user-override'\n  }\n}",
            .fix_arm = "{\n  \"type\": \"Microsoft.DBforMySQL/flexibleServers/configurations\",\n "
                       " \"apiVersion\": \"2023-12-30\",\n  \"name\": \"[format('{0}/"
                       "require_secure_transport', 'mysql')]\",\n  \"properties\": { \"value\": "
                       "\"ON\", \"source\": \"user-override\" }\n}",
            .references = references,
        },
    .resource = run,
};
