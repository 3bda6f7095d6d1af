/*
 * AZS309 automation-variable-unencrypted: Automation account variables
 * stored in clear. isEncrypted is false when absent.
 */
#include "setting_rules.h"

static const enc_rule rules[] = {
    {.type = "Microsoft.Automation/automationAccounts/variables",
     .path = "properties.isEncrypted",
     .bad = ENC_BAD_FALSE,
     .absent = ENC_ABSENT_UNSAFE,
     .absent_means = "false"},
};

static void run(check_context *ctx, const az_resource *r)
{
    enc_check_rules(ctx, r, rules, ENC_COUNT(rules), "is stored unencrypted");
}

static const char *const types[] = {
    "Microsoft.Automation/automationAccounts/variables",
    NULL,
};

static const char *const references[] = {
    "MCSB DP-4",
    "Azure Policy 3657f5a0-770e-44a3-b44e-9431ba1e9735 (Automation account variables should be "
    "encrypted)",
    NULL,
};

const az_check check_automation_variable_unencrypted = {
    .meta =
        {
            .id = "AZS309",
            .name = "automation-variable-unencrypted",
            .title = "Automation variable is not encrypted",
            .severity = AZ_SEVERITY_MEDIUM,
            .security_severity = 5.5,
            .category = AZ_CATEGORY_ENCRYPTION,
            .resource_types = types,
            .description =
                "An Automation account variable without isEncrypted (false when absent) is "
                "stored in clear and readable by anyone who can read the account, in the portal, "
                "the API and exports. Variables often hold connection strings and other "
                "sensitive values; an encrypted variable can be read only from inside a runbook.",
            .remediation = "Set isEncrypted to true. Encryption cannot be added to an existing "
                           "variable: recreate it.",
            .fix_bicep = "properties: {\n  isEncrypted: true\n  value: '\"...\"'\n}",
            .fix_arm = "\"properties\": {\n  \"isEncrypted\": true,\n  \"value\": \"...\"\n}",
            .references = references,
        },
    .resource = run,
};
