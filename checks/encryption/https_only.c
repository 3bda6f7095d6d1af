/*
 * AZS301 https-only: services that accept unencrypted (plain HTTP or
 * non-TLS) connections.
 *
 * Defaults: a storage account's supportsHttpsTrafficOnly is true when absent
 * from API version 2019-04-01 on and false before it (as Azure Policy
 * 404c3081 reads it); a web app's httpsOnly is false when absent; Redis's
 * non-TLS port is closed unless enableNonSslPort is true; a Redis
 * Enterprise database is encrypted unless clientProtocol is 'Plaintext'.
 */
#include "setting_rules.h"

static const char *const plaintext[] = {"Plaintext", NULL};

static const enc_rule rules[] = {
    {.type = "Microsoft.Storage/storageAccounts",
     .path = "properties.supportsHttpsTrafficOnly",
     .bad = ENC_BAD_FALSE,
     .absent = ENC_ABSENT_UNSAFE_BEFORE,
     .absent_means = "false",
     .safe_from = "2019-04-01"},
    {.type = "Microsoft.Web/sites",
     .path = "properties.httpsOnly",
     .bad = ENC_BAD_FALSE,
     .absent = ENC_ABSENT_UNSAFE,
     .absent_means = "false"},
    {.type = "Microsoft.Web/sites/slots",
     .path = "properties.httpsOnly",
     .bad = ENC_BAD_FALSE,
     .absent = ENC_ABSENT_UNSAFE,
     .absent_means = "false"},
    {.type = "Microsoft.Cache/redis", .path = "properties.enableNonSslPort", .bad = ENC_BAD_TRUE},
    {.type = "Microsoft.Cache/redisEnterprise/databases",
     .path = "properties.clientProtocol",
     .bad_values = plaintext},
};

static void run(check_context *ctx, const az_resource *r)
{
    enc_check_rules(ctx, r, rules, ENC_COUNT(rules), "accepts unencrypted connections");
}

static const char *const types[] = {
    "Microsoft.Storage/storageAccounts",
    "Microsoft.Web/sites",
    "Microsoft.Web/sites/slots",
    "Microsoft.Cache/redis",
    "Microsoft.Cache/redisEnterprise/databases",
    NULL,
};

static const char *const references[] = {
    "MCSB DP-3",
    "Azure Policy 404c3081-a854-4457-ae30-26a93ef643f9 (Secure transfer to storage accounts "
    "should be enabled)",
    NULL,
};

const az_check check_https_only = {
    .meta =
        {
            .id = "AZS301",
            .name = "https-only",
            .title = "Service accepts unencrypted connections",
            .severity = AZ_SEVERITY_HIGH,
            .security_severity = 7.5,
            .category = AZ_CATEGORY_ENCRYPTION,
            .resource_types = types,
            .description =
                "The service accepts connections without TLS: a storage account that allows "
                "plain HTTP (supportsHttpsTrafficOnly false, or absent before API version "
                "2019-04-01), a web app or slot that serves HTTP as well as HTTPS (httpsOnly "
                "not true; it is false when absent), a Redis cache with its non-TLS port 6379 "
                "open (enableNonSslPort true), or a Redis Enterprise database with the "
                "'Plaintext' client protocol. Data and credentials then cross the network in "
                "clear text, open to interception and tampering.",
            .remediation =
                "Require encryption in transit: set supportsHttpsTrafficOnly to true on storage "
                "accounts, httpsOnly to true on web apps and slots, enableNonSslPort to false on "
                "Redis caches, and clientProtocol to 'Encrypted' on Redis Enterprise databases.",
            .fix_bicep = "properties: {\n  httpsOnly: true // web apps and slots\n  "
                         "supportsHttpsTrafficOnly: true // storage accounts\n  "
                         "enableNonSslPort: false // Redis\n}",
            .fix_arm = "\"properties\": {\n  \"httpsOnly\": true,\n  "
                       "\"supportsHttpsTrafficOnly\": true,\n  \"enableNonSslPort\": false\n}",
            .references = references,
        },
    .resource = run,
};
