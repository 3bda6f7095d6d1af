#ifndef AZSCAN_ENCRYPTION_SETTING_RULES_H
#define AZSCAN_ENCRYPTION_SETTING_RULES_H

/*
 * The shared engine of the encryption checks. Most of them ask one question
 * of many resource types: does this one setting hold an unsafe value, or is
 * it absent where the service's default is unsafe? Each check is a table of
 * enc_rule rows (one per type and property) and a call to enc_check_rules.
 */

#include "../catalog.h"

typedef enum {
    ENC_BAD_STRINGS = 0, /* a string listed in `bad` (ignoring case) is unsafe */
    ENC_BAD_TRUE,        /* true is unsafe */
    ENC_BAD_FALSE,       /* false is unsafe */
} enc_bad;

typedef enum {
    ENC_ABSENT_SAFE = 0, /* the service's default is safe: absence is never reported */
    ENC_ABSENT_UNSAFE,   /* the default is unsafe: absence is reported */
    /* The default is unsafe before API version `safe_from`, safe from it on. */
    ENC_ABSENT_UNSAFE_BEFORE,
    /* The default is unsafe, unless a 'web' config child of the same site
     * (Microsoft.Web/sites/config or .../slots/config) in the same deployment
     * sets `config_path`; that child is then checked on its own. */
    ENC_ABSENT_UNSAFE_UNLESS_WEB_CONFIG,
} enc_absent;

typedef struct {
    const char *type; /* the resource type */
    /* The last segment the resource's name must have ("web" for a site's
     * web configuration, "tls_version" for a server parameter), or NULL. */
    const char *name;
    const char *path; /* the setting, as an az_query path */
    /* The setting's name in messages, or NULL for the path without its
     * leading "properties.": a server parameter's name. */
    const char *shown;
    enc_bad bad;
    const char *const *bad_values; /* ENC_BAD_STRINGS: NULL-terminated */
    /* The value is a comma-separated list, unsafe when any item is. */
    bool list;
    enc_absent absent;
    const char *absent_means; /* the default, for messages: "'TLS1_0'", "false" */
    const char *safe_from;    /* ENC_ABSENT_UNSAFE_BEFORE: "2019-04-01" */
    const char *config_path;  /* ENC_ABSENT_UNSAFE_UNLESS_WEB_CONFIG: "properties.ftpsState" */
    /* The row applies only when this path is present (or unknown), or NULL:
     * a scale set's VM profile. */
    const char *requires;
    /* The row does not apply when `skip_path` is the string `skip_value`
     * (a key vault being recovered), or NULL. */
    const char *skip_path;
    const char *skip_value;
} enc_rule;

/*
 * Checks `r` against every row of `rules` for its type and reports what is
 * unsafe: "<resource> <problem>: <setting> is <value><origin>", or "... is
 * not set and defaults to <absent_means>". Skips `existing` resources and
 * never reports an unknown value (check_unresolved instead).
 */
void enc_check_rules(check_context *ctx, const az_resource *r, const enc_rule *rules, size_t count,
                     const char *problem);

#define ENC_COUNT(a) (sizeof(a) / sizeof(*(a)))

#endif
