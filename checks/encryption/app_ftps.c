/*
 * AZS304 app-ftps: web and function apps that accept plain FTP.
 *
 * ftpsState is 'AllAllowed' (FTP and FTPS) when absent: the App Service
 * API does not turn plain FTP off unless asked to. Absence on a site or
 * slot is not reported when a 'web' config child of it in the same
 * deployment sets ftpsState; that child is checked itself.
 */
#include "setting_rules.h"

static const char *const all_allowed[] = {"AllAllowed", NULL};

#define SITE(t)                                                                                    \
    {                                                                                              \
        .type = (t), .path = "properties.siteConfig.ftpsState", .bad_values = all_allowed,         \
        .absent = ENC_ABSENT_UNSAFE_UNLESS_WEB_CONFIG, .absent_means = "'AllAllowed'",             \
        .config_path = "properties.ftpsState"                                                      \
    }
#define CONFIG(t)                                                                                  \
    {                                                                                              \
        .type = (t), .name = "web", .path = "properties.ftpsState", .bad_values = all_allowed      \
    }

static const enc_rule rules[] = {
    SITE("Microsoft.Web/sites"),
    SITE("Microsoft.Web/sites/slots"),
    CONFIG("Microsoft.Web/sites/config"),
    CONFIG("Microsoft.Web/sites/slots/config"),
};

static void run(check_context *ctx, const az_resource *r)
{
    enc_check_rules(ctx, r, rules, ENC_COUNT(rules), "allows unencrypted FTP");
}

static const char *const types[] = {
    "Microsoft.Web/sites",
    "Microsoft.Web/sites/slots",
    "Microsoft.Web/sites/config",
    "Microsoft.Web/sites/slots/config",
    NULL,
};

static const char *const references[] = {
    "MCSB DP-3",
    "Azure Policy 4d24b6d4-5e53-4a4f-a7f4-618fa573ee4b (App Service apps should require FTPS "
    "only)",
    "Azure Policy 399b2637-a50f-4f95-96f8-3a145476eb15 (Function apps should require FTPS only)",
    "Azure Policy c285a320-8830-4665-9cc7-bbd05fc7c5c0 (App Service app slots should require "
    "FTPS only)",
    "Azure Policy e1a09430-221d-4d4c-a337-1edb5a1fa9bb (Function app slots should require FTPS "
    "only)",
    NULL,
};

const az_check check_app_ftps = {
    .meta =
        {
            .id = "AZS304",
            .name = "app-ftps",
            .title = "Web app allows unencrypted FTP",
            .severity = AZ_SEVERITY_MEDIUM,
            .security_severity = 5.9,
            .category = AZ_CATEGORY_ENCRYPTION,
            .resource_types = types,
            .description =
                "The app's FTP endpoint accepts plain FTP (ftpsState 'AllAllowed', which is also "
                "the default when ftpsState is not set), so deployment credentials and files "
                "cross the network in clear text.",
            .remediation =
                "Set siteConfig.ftpsState to 'Disabled' when FTP deployment is not used, or to "
                "'FtpsOnly', on the site, each slot, or their 'web' configuration.",
            .fix_bicep = "properties: {\n  siteConfig: {\n    ftpsState: 'Disabled'\n  }\n}",
            .fix_arm = "\"properties\": {\n  \"siteConfig\": {\n    \"ftpsState\": \"Disabled\"\n  "
                       "}\n}",
            .references = references,
        },
    .resource = run,
};
