/*
 * The shared engine of the encryption checks: one setting per row, an
 * unsafe value or an unsafe default. See setting_rules.h.
 */
#include "setting_rules.h"

#include <strings.h>

/* The setting as messages name it. */
static const char *shown_path(const enc_rule *rule)
{
    if (rule->shown)
        return rule->shown;
    return strncmp(rule->path, "properties.", 11) == 0 ? rule->path + 11 : rule->path;
}

static bool text_is(const char *s, size_t len, const char *word)
{
    return strlen(word) == len && strncasecmp(s, word, len) == 0;
}

/* The length of the part of a known string name before its last '/', or
 * -1 when there is no '/'. */
static long parent_length(const az_value *name)
{
    for (uint32_t i = name->u.string.len; i-- > 0;)
        if (name->u.string.ptr[i] == '/')
            return (long)i;
    return -1;
}

static bool last_segment_is(const az_value *name, const char *segment)
{
    long slash = parent_length(name);
    size_t from = slash < 0 ? 0 : (size_t)slash + 1;
    return text_is(name->u.string.ptr + from, name->u.string.len - from, segment);
}

static bool bad_string(const enc_rule *rule, const char *s, size_t len)
{
    for (const char *const *b = rule->bad_values; b && *b; b++)
        if (text_is(s, len, *b))
            return true;
    return false;
}

/* Whether one item of a comma-separated list is unsafe. */
static bool bad_list(const enc_rule *rule, const char *s, size_t len)
{
    size_t i = 0;
    while (i <= len) {
        size_t start = i;
        while (i < len && s[i] != ',')
            i++;
        size_t a = start, b = i;
        while (a < b && (s[a] == ' ' || s[a] == '\t'))
            a++;
        while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
            b--;
        if (bad_string(rule, s + a, b - a))
            return true;
        i++;
    }
    return false;
}

/* A boolean, written as one or as the string ARM would convert. */
static bool as_bool(const az_value *v, bool *out)
{
    if (v->kind == AZ_BOOL) {
        *out = v->u.boolean;
        return true;
    }
    if (v->kind == AZ_STRING && (text_is(v->u.string.ptr, v->u.string.len, "true") ||
                                 text_is(v->u.string.ptr, v->u.string.len, "false"))) {
        *out = text_is(v->u.string.ptr, v->u.string.len, "true");
        return true;
    }
    return false;
}

static bool unsafe(const enc_rule *rule, const az_value *v)
{
    bool b;
    switch (rule->bad) {
    case ENC_BAD_STRINGS:
        if (v->kind != AZ_STRING)
            return false;
        return rule->list ? bad_list(rule, v->u.string.ptr, v->u.string.len)
                          : bad_string(rule, v->u.string.ptr, v->u.string.len);
    case ENC_BAD_TRUE:
        return as_bool(v, &b) && b;
    case ENC_BAD_FALSE:
        return as_bool(v, &b) && !b;
    }
    return false;
}

/* Whether a 'web' config child of `site` in its deployment sets (or may
 * set: its name or value is unknown) `path`. */
static bool web_config_sets(const az_resource *site, const char *path)
{
    char type[256];
    snprintf(type, sizeof(type), "%s/config", site->type);
    const az_deployment *d = site->deployment;
    for (uint32_t i = 0; d && i < d->resource_count; i++) {
        const az_resource *c = d->resources[i];
        if (c == site || !check_type_is(c, type))
            continue;
        if (!c->name || c->name->kind != AZ_STRING)
            return true; /* cannot tell which site or which configuration */
        if (!last_segment_is(c->name, "web"))
            continue;
        if (c->parent != site) {
            const az_value *n = site->name;
            long len = parent_length(c->name);
            if (!n || n->kind != AZ_STRING)
                return true;
            if (len < 0 || (size_t)len != n->u.string.len ||
                strncasecmp(c->name->u.string.ptr, n->u.string.ptr, (size_t)len) != 0)
                continue;
        }
        const az_value *v = az_query_value(c->body, path);
        if (v && v->kind != AZ_NULL)
            return true;
    }
    return false;
}

static void check_absent(check_context *ctx, const az_resource *r, const enc_rule *rule,
                         const az_value *null_value, const char *problem)
{
    char api[120] = "";
    switch (rule->absent) {
    case ENC_ABSENT_SAFE:
        return;
    case ENC_ABSENT_UNSAFE:
        break;
    case ENC_ABSENT_UNSAFE_BEFORE:
        /* Without an API version the default cannot be known. */
        if (!r->api_version || strncmp(r->api_version, rule->safe_from, 10) >= 0)
            return;
        snprintf(api, sizeof(api), " before API version %s (the declaration uses %s)",
                 rule->safe_from, r->api_version);
        break;
    case ENC_ABSENT_UNSAFE_UNLESS_WEB_CONFIG:
        if (web_config_sets(r, rule->config_path))
            return;
        break;
    }
    check_report(ctx, r, null_value, rule->path, "%s %s: %s is not set and defaults to %s%s",
                 check_resource_label(ctx, r), problem, shown_path(rule), rule->absent_means, api);
}

#define MATCH_MAX 16

static void check_rule(check_context *ctx, const az_resource *r, const enc_rule *rule,
                       const char *problem)
{
    if (rule->name) {
        if (!r->name || r->name->kind != AZ_STRING) {
            if (r->name && r->name->kind == AZ_UNKNOWN)
                check_unresolved(ctx, r, r->name, "name");
            return;
        }
        if (!last_segment_is(r->name, rule->name))
            return;
    }
    if (rule->requires) {
        const az_value *v = az_query_value(r->body, rule->requires);
        if (!v || v->kind == AZ_NULL)
            return;
    }
    if (rule->skip_path &&
        check_string_is(az_query_value(r->body, rule->skip_path), rule->skip_value))
        return;
    az_match m[MATCH_MAX];
    size_t n = az_query(r->body, rule->path, m, MATCH_MAX);
    if (n > MATCH_MAX)
        n = MATCH_MAX;
    for (size_t i = 0; i < n; i++) {
        const az_value *v = m[i].value;
        if (v && v->kind == AZ_UNKNOWN) {
            check_unresolved(ctx, r, v, rule->path);
            continue;
        }
        if (!v || v->kind == AZ_NULL) {
            check_absent(ctx, r, rule, v, problem);
            continue;
        }
        if (!unsafe(rule, v))
            continue;
        check_report(ctx, r, v, rule->path, "%s %s: %s is %s%s", check_resource_label(ctx, r),
                     problem, shown_path(rule), check_value_text(ctx, v),
                     check_value_origin(ctx, v));
    }
}

void enc_check_rules(check_context *ctx, const az_resource *r, const enc_rule *rules, size_t count,
                     const char *problem)
{
    if (r->existing)
        return;
    for (size_t i = 0; i < count; i++)
        if (check_type_is(r, rules[i].type))
            check_rule(ctx, r, &rules[i], problem);
}
