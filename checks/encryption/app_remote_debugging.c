/*
 * AZS305 app-remote-debugging: web and function apps with remote debugging
 * turned on (it is off when absent).
 */
#include "setting_rules.h"

static const enc_rule rules[] = {
    {.type = "Microsoft.Web/sites",
     .path = "properties.siteConfig.remoteDebuggingEnabled",
     .bad = ENC_BAD_TRUE},
    {.type = "Microsoft.Web/sites/slots",
     .path = "properties.siteConfig.remoteDebuggingEnabled",
     .bad = ENC_BAD_TRUE},
    {.type = "Microsoft.Web/sites/config",
     .name = "web",
     .path = "properties.remoteDebuggingEnabled",
     .bad = ENC_BAD_TRUE},
    {.type = "Microsoft.Web/sites/slots/config",
     .name = "web",
     .path = "properties.remoteDebuggingEnabled",
     .bad = ENC_BAD_TRUE},
};

static void run(check_context *ctx, const az_resource *r)
{
    enc_check_rules(ctx, r, rules, ENC_COUNT(rules), "has remote debugging enabled");
}

static const char *const types[] = {
    "Microsoft.Web/sites",
    "Microsoft.Web/sites/slots",
    "Microsoft.Web/sites/config",
    "Microsoft.Web/sites/slots/config",
    NULL,
};

static const char *const references[] = {
    "Azure Policy cb510bfd-1cba-4d9f-a230-cb0976f4bb71 (App Service apps should have remote "
    "debugging turned off)",
    "Azure Policy 0e60b895-3786-45da-8377-9c6b4b6ac5f9 (Function apps should have remote "
    "debugging turned off)",
    "Azure Policy a08ae1ab-8d1d-422b-a123-df82b307ba61 (App Service app slots should have remote "
    "debugging turned off)",
    "Azure Policy 89691ef9-8c50-49a8-8950-9c7fba41699e (Function app slots should have remote "
    "debugging turned off)",
    NULL,
};

const az_check check_app_remote_debugging = {
    .meta =
        {
            .id = "AZS305",
            .name = "app-remote-debugging",
            .title = "Web app has remote debugging enabled",
            .severity = AZ_SEVERITY_MEDIUM,
            .security_severity = 5.3,
            .category = AZ_CATEGORY_ENCRYPTION,
            .resource_types = types,
            .description =
                "Remote debugging opens additional inbound ports on the app and lets a debugger "
                "attach to the running process, read its memory and change its behaviour. It is "
                "meant for short sessions and is often forgotten once enabled in a template.",
            .remediation = "Remove remoteDebuggingEnabled or set it to false; enable remote "
                           "debugging only for a debugging session, outside of the template.",
            .fix_bicep =
                "properties: {\n  siteConfig: {\n    remoteDebuggingEnabled: false\n  }\n}",
            .fix_arm = "\"properties\": {\n  \"siteConfig\": {\n    \"remoteDebuggingEnabled\": "
                       "false\n  }\n}",
            .references = references,
        },
    .resource = run,
};
