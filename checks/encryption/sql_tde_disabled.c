/*
 * AZS306 sql-tde-disabled: databases whose transparent data encryption is
 * turned off. TDE is on by default for new databases; it is off only where
 * a transparentDataEncryption child says so: 'state' in current API
 * versions, 'status' in older ones and for Synapse SQL pools.
 */
#include "setting_rules.h"

static const char *const disabled[] = {"Disabled", NULL};

static const enc_rule rules[] = {
    {.type = "Microsoft.Sql/servers/databases/transparentDataEncryption",
     .path = "properties.state",
     .bad_values = disabled},
    {.type = "Microsoft.Sql/servers/databases/transparentDataEncryption",
     .path = "properties.status",
     .bad_values = disabled},
    {.type = "Microsoft.Synapse/workspaces/sqlPools/transparentDataEncryption",
     .path = "properties.status",
     .bad_values = disabled},
};

static void run(check_context *ctx, const az_resource *r)
{
    enc_check_rules(ctx, r, rules, ENC_COUNT(rules), "turns encryption at rest off");
}

static const char *const types[] = {
    "Microsoft.Sql/servers/databases/transparentDataEncryption",
    "Microsoft.Synapse/workspaces/sqlPools/transparentDataEncryption",
    NULL,
};

static const char *const references[] = {
    "MCSB DP-4",
    "Azure Policy 17k78e20-9358-41c9-923c-fb736d382a12 (Transparent Data Encryption on SQL "
    "databases should be enabled)",
    "Azure Policy cfaf0007-99c7-4b01-b36b-4048872ac978 (Azure Synapse Analytics dedicated SQL "
    "pools should enable encryption)",
    NULL,
};

const az_check check_sql_tde_disabled = {
    .meta =
        {
            .id = "AZS306",
            .name = "sql-tde-disabled",
            .title = "SQL database has transparent data encryption disabled",
            .severity = AZ_SEVERITY_HIGH,
            .security_severity = 7.1,
            .category = AZ_CATEGORY_ENCRYPTION,
            .resource_types = types,
            .description =
                "Transparent data encryption encrypts the database, its backups and its "
                "transaction log at rest. With it disabled, anyone who obtains the files or a "
                "backup reads the data in clear.",
            .remediation = "Set the transparentDataEncryption child's state (status in older API "
                           "versions and Synapse) to 'Enabled', or remove the child: TDE is on by "
                           "default.",
            .fix_bicep = "resource tde 'Microsoft.Sql/servers/databases/"
                         "transparentDataEncryption@2023-08-01' = {\n  parent: db\n  name: "
                         "'current'\n  properties: {\n    state: 'Enabled'\n  }\n}",
            .fix_arm = "{\n  \"type\": \"Microsoft.Sql/servers/databases/"
                       "transparentDataEncryption\",\n  \"apiVersion\": \"2023-08-01\",\n  "
                       "\"name\": \"[format('{0}/{1}/current', 'sql', 'db')]\",\n  "
                       "\"properties\": { \"state\": \"Enabled\" }\n}",
            .references = references,
        },
    .resource = run,
};
