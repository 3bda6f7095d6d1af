/*
 * AZS302 minimum-tls-version: services that accept TLS 1.0 or 1.1.
 *
 * One row per type and setting. Absence is reported only where the
 * service's default admits TLS below 1.2: a storage account's
 * minimumTlsVersion (read as TLS1_0 when absent) and a SQL server's
 * minimalTlsVersion (no minimum when absent). Web apps, SQL managed
 * instances, Redis, Event Hubs, Service Bus, Cosmos DB and Front Door
 * default to TLS 1.2 and are reported only for an explicit older version.
 * PostgreSQL and MySQL flexible servers set their minimum through server
 * parameters, which are separate resources (ssl_min_protocol_version,
 * tls_version, a comma-separated list).
 */
#include "setting_rules.h"

static const char *const storage_old[] = {"TLS1_0", "TLS1_1", NULL};
static const char *const dotted_old[] = {"1.0", "1.1", NULL};
static const char *const sql_old[] = {"1.0", "1.1", "None", NULL};
static const char *const cosmos_old[] = {"Tls", "Tls11", NULL};
static const char *const single_server_old[] = {"TLS1_0", "TLS1_1", "TLSEnforcementDisabled", NULL};
static const char *const protocol_old[] = {"TLSv1", "TLSv1.0", "TLSv1.1", NULL};
static const char *const front_door_old[] = {"TLS10", NULL};

#define WEB(t, p)                                                                                  \
    {                                                                                              \
        .type = (t), .path = (p), .bad_values = dotted_old                                         \
    }
#define WEB_CONFIG(t, p)                                                                           \
    {                                                                                              \
        .type = (t), .name = "web", .path = (p), .bad_values = dotted_old                          \
    }

static const enc_rule rules[] = {
    {.type = "Microsoft.Storage/storageAccounts",
     .path = "properties.minimumTlsVersion",
     .bad_values = storage_old,
     .absent = ENC_ABSENT_UNSAFE,
     .absent_means = "'TLS1_0'"},
    WEB("Microsoft.Web/sites", "properties.siteConfig.minTlsVersion"),
    WEB("Microsoft.Web/sites", "properties.siteConfig.scmMinTlsVersion"),
    WEB("Microsoft.Web/sites/slots", "properties.siteConfig.minTlsVersion"),
    WEB("Microsoft.Web/sites/slots", "properties.siteConfig.scmMinTlsVersion"),
    WEB_CONFIG("Microsoft.Web/sites/config", "properties.minTlsVersion"),
    WEB_CONFIG("Microsoft.Web/sites/config", "properties.scmMinTlsVersion"),
    WEB_CONFIG("Microsoft.Web/sites/slots/config", "properties.minTlsVersion"),
    WEB_CONFIG("Microsoft.Web/sites/slots/config", "properties.scmMinTlsVersion"),
    {.type = "Microsoft.Sql/servers",
     .path = "properties.minimalTlsVersion",
     .bad_values = sql_old,
     .absent = ENC_ABSENT_UNSAFE,
     .absent_means = "no minimum version"},
    {.type = "Microsoft.Sql/managedInstances",
     .path = "properties.minimalTlsVersion",
     .bad_values = sql_old},
    {.type = "Microsoft.Cache/redis",
     .path = "properties.minimumTlsVersion",
     .bad_values = dotted_old},
    {.type = "Microsoft.EventHub/namespaces",
     .path = "properties.minimumTlsVersion",
     .bad_values = dotted_old},
    {.type = "Microsoft.ServiceBus/namespaces",
     .path = "properties.minimumTlsVersion",
     .bad_values = dotted_old},
    {.type = "Microsoft.DocumentDB/databaseAccounts",
     .path = "properties.minimalTlsVersion",
     .bad_values = cosmos_old},
    {.type = "Microsoft.DBforPostgreSQL/servers",
     .path = "properties.minimalTlsVersion",
     .bad_values = single_server_old},
    {.type = "Microsoft.DBforMySQL/servers",
     .path = "properties.minimalTlsVersion",
     .bad_values = single_server_old},
    {.type = "Microsoft.DBforPostgreSQL/flexibleServers/configurations",
     .name = "ssl_min_protocol_version",
     .path = "properties.value",
     .shown = "ssl_min_protocol_version",
     .bad_values = protocol_old},
    {.type = "Microsoft.DBforMySQL/flexibleServers/configurations",
     .name = "tls_version",
     .path = "properties.value",
     .shown = "tls_version",
     .bad_values = protocol_old,
     .list = true},
    {.type = "Microsoft.Cdn/profiles/customDomains",
     .path = "properties.tlsSettings.minimumTlsVersion",
     .bad_values = front_door_old},
};

static void run(check_context *ctx, const az_resource *r)
{
    enc_check_rules(ctx, r, rules, ENC_COUNT(rules), "allows TLS versions below 1.2");
}

static const char *const types[] = {
    "Microsoft.Storage/storageAccounts",
    "Microsoft.Web/sites",
    "Microsoft.Web/sites/slots",
    "Microsoft.Web/sites/config",
    "Microsoft.Web/sites/slots/config",
    "Microsoft.Sql/servers",
    "Microsoft.Sql/managedInstances",
    "Microsoft.Cache/redis",
    "Microsoft.EventHub/namespaces",
    "Microsoft.ServiceBus/namespaces",
    "Microsoft.DocumentDB/databaseAccounts",
    "Microsoft.DBforPostgreSQL/servers",
    "Microsoft.DBforMySQL/servers",
    "Microsoft.DBforPostgreSQL/flexibleServers/configurations",
    "Microsoft.DBforMySQL/flexibleServers/configurations",
    "Microsoft.Cdn/profiles/customDomains",
    NULL,
};

static const char *const references[] = {
    "MCSB DP-3",
    "Azure Policy fe83a0eb-a853-422d-aac2-1bffd182c5d0 (Storage accounts should have the "
    "specified minimum TLS version)",
    "Azure Policy f0e6e85b-9b9f-4a4b-b67b-f730d42f1b0b (App Service apps should use the latest "
    "TLS version)",
    "Azure Policy f9d614c5-c173-4d56-95a7-b4437057d193 (Function apps should use the latest TLS "
    "version)",
    "Azure Policy a43d5475-c569-45ce-a268-28fa79f4e87a (PostgreSQL flexible servers should be "
    "running TLS version 1.2 or newer)",
    "Azure Policy 679da822-78a7-4eff-8fff-a899454a9970 (Azure Front Door Standard and Premium "
    "should be running minimum TLS version of 1.2)",
    NULL,
};

const az_check check_minimum_tls_version = {
    .meta =
        {
            .id = "AZS302",
            .name = "minimum-tls-version",
            .title = "Service allows TLS versions below 1.2",
            .severity = AZ_SEVERITY_HIGH,
            .security_severity = 7.4,
            .category = AZ_CATEGORY_ENCRYPTION,
            .resource_types = types,
            .description =
                "The service accepts connections over TLS 1.0 or 1.1, which have known weaknesses "
                "and are deprecated (RFC 8996). A client or an attacker in the middle can then "
                "negotiate a weak protocol. Where the setting is absent, the service's default "
                "applies: a storage account then accepts TLS 1.0 and a SQL server has no minimum; "
                "the other services covered default to TLS 1.2 and are reported only for an "
                "explicit older version.",
            .remediation =
                "Set the minimum TLS version to 1.2 (or 1.3 where supported): minimumTlsVersion "
                "'TLS1_2' on storage accounts, siteConfig.minTlsVersion and scmMinTlsVersion "
                "'1.2' on web apps, minimalTlsVersion '1.2' on SQL servers and managed instances, "
                "minimumTlsVersion '1.2' on Redis, Event Hubs and Service Bus, minimalTlsVersion "
                "'Tls12' on Cosmos DB, and the ssl_min_protocol_version or tls_version server "
                "parameter to TLSv1.2 on PostgreSQL and MySQL flexible servers.",
            .fix_bicep = "properties: {\n  minimumTlsVersion: 'TLS1_2' // storage accounts\n}",
            .fix_arm = "\"properties\": {\n  \"minimumTlsVersion\": \"TLS1_2\"\n}",
            .references = references,
        },
    .resource = run,
};
