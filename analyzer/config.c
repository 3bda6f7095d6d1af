#define _XOPEN_SOURCE 700 /* realpath */
#include "config.h"

#include "analysis.h"
#include "arena.h"
#include "glob.h"
#include "json_string.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* A config is a few hundred bytes; these bound what a hostile one can cost. */
#define CONFIG_MAX_ITEMS 1024
#define CONFIG_MAX_PATTERN 1024
#define CONFIG_PARSE_TIMEOUT_MICROS ((uint64_t)5 * 1000000)

typedef struct {
    az_config *c;
    const source_file *src;
    char *err;
    size_t err_size;
} loader;

/* Formats "PATH:LINE:COL: message" at `node`; always returns -1. */
static int fail_at(loader *l, TSNode node, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail_at(loader *l, TSNode node, const char *fmt, ...)
{
    source_position pos = source_file_locate(l->src, ts_node_start_byte(node));
    char message[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof(message), fmt, ap);
    va_end(ap);
    snprintf(l->err, l->err_size, "%s:%u:%u: %s", l->c->path, pos.line, pos.column, message);
    return -1;
}

static int nomem(loader *l)
{
    snprintf(l->err, l->err_size, "%s: out of memory", l->c->path);
    return -1;
}

static bool is(TSNode node, const char *type)
{
    return strcmp(ts_node_type(node), type) == 0;
}

/* A string node's unescaped text in the config's arena, or NULL. */
static char *string_text(loader *l, TSNode node)
{
    const char *text = source_file_text(l->src);
    uint32_t start = ts_node_start_byte(node) + 1, end = ts_node_end_byte(node) - 1;
    size_t len = end > start ? end - start : 0;
    char *out = arena_alloc(l->c->arena, len + 1);
    if (!out)
        return NULL;
    out[json_string_unescape(text + start, len, out)] = '\0';
    return out;
}

static const char *json_type_name(TSNode node)
{
    const char *t = ts_node_type(node);
    return strcmp(t, "true") == 0 || strcmp(t, "false") == 0 ? "boolean" : t;
}

static int expect_string(loader *l, TSNode node, const char *key, char **out)
{
    if (!is(node, "string"))
        return fail_at(l, node, "'%s' must be a string, not %s %s", key,
                       is(node, "array") || is(node, "object") ? "an" : "a", json_type_name(node));
    *out = string_text(l, node);
    return *out ? 0 : nomem(l);
}

/* The named, non-comment children of an object or array. */
static uint32_t member_count(TSNode node)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < ts_node_named_child_count(node); i++)
        n += !is(ts_node_named_child(node, i), "comment");
    return n;
}

static TSNode member(TSNode node, uint32_t index)
{
    for (uint32_t i = 0; i < ts_node_named_child_count(node); i++) {
        TSNode child = ts_node_named_child(node, i);
        if (is(child, "comment"))
            continue;
        if (index-- == 0)
            return child;
    }
    return (TSNode){0};
}

/* An object's members are its keys and values in turn: the grammar hides
 * the pair around them. The configuration has no syntax error by now, so
 * every key has its value. */
static uint32_t entry_count(TSNode object)
{
    return member_count(object) / 2;
}

static TSNode entry_key(TSNode object, uint32_t i)
{
    return member(object, 2 * i);
}

static TSNode entry_value(TSNode object, uint32_t i)
{
    return member(object, 2 * i + 1);
}

/* Reads an array of strings into a NULL-terminated array. */
static int string_array(loader *l, TSNode node, const char *key, const char ***out, size_t *count)
{
    if (!is(node, "array"))
        return fail_at(l, node, "'%s' must be an array of strings, not %s %s", key,
                       is(node, "object") ? "an" : "a", json_type_name(node));
    uint32_t n = member_count(node);
    if (n > CONFIG_MAX_ITEMS)
        return fail_at(l, node, "'%s' has more than %d items", key, CONFIG_MAX_ITEMS);
    const char **items = arena_calloc(l->c->arena, n + 1, sizeof(*items));
    if (!items)
        return nomem(l);
    for (uint32_t i = 0; i < n; i++) {
        TSNode item = member(node, i);
        if (!is(item, "string"))
            return fail_at(l, item, "'%s' must be an array of strings; item %u is %s %s", key,
                           i + 1, is(item, "array") || is(item, "object") ? "an" : "a",
                           json_type_name(item));
        if (!(items[i] = string_text(l, item)))
            return nomem(l);
    }
    *out = items;
    *count = n;
    return 0;
}

static bool selector_known(const char *selector)
{
    for (size_t i = 0; i < az_check_count(); i++)
        if (az_check_matches(az_check_get(i), selector))
            return true;
    return false;
}

static int check_selectors(loader *l, TSNode array, const char *key, const char **items,
                           size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (!selector_known(items[i]))
            return fail_at(l, member(array, (uint32_t)i),
                           "'%s': no check matches '%s' (see azscan checks)", key, items[i]);
    return 0;
}

static int read_checks(loader *l, TSNode node)
{
    if (!is(node, "object"))
        return fail_at(l, node, "'checks' must be an object with \"enabled\" and \"disabled\"");
    for (uint32_t i = 0; i < entry_count(node); i++) {
        TSNode key = entry_key(node, i), value = entry_value(node, i);
        char *name = string_text(l, key);
        if (!name)
            return nomem(l);
        bool enabled = strcmp(name, "enabled") == 0;
        if (!enabled && strcmp(name, "disabled") != 0)
            return fail_at(l, key, "unknown key 'checks.%s' (expected enabled or disabled)", name);
        const char *full = enabled ? "checks.enabled" : "checks.disabled";
        const char ***items = enabled ? &l->c->enabled : &l->c->disabled;
        size_t *count = enabled ? &l->c->enabled_count : &l->c->disabled_count;
        if (string_array(l, value, full, items, count) ||
            check_selectors(l, value, full, *items, *count))
            return -1;
        *(enabled ? &l->c->has_enabled : &l->c->has_disabled) = true;
    }
    return 0;
}

static int parse_severity(loader *l, TSNode node, const char *key, bool allow_note,
                          az_severity *out)
{
    char *text;
    if (expect_string(l, node, key, &text))
        return -1;
    if (!az_severity_parse(text, out) || (!allow_note && *out == AZ_SEVERITY_NOTE))
        return fail_at(l, node, "'%s': unknown severity '%s' (expected critical, high, medium%s)",
                       key, text, allow_note ? ", low or note" : " or low");
    return 0;
}

static int read_severities(loader *l, TSNode node)
{
    if (!is(node, "object"))
        return fail_at(l, node, "'severity' must be an object of check: severity");
    uint32_t n = entry_count(node);
    if (n > CONFIG_MAX_ITEMS)
        return fail_at(l, node, "'severity' has more than %d entries", CONFIG_MAX_ITEMS);
    az_config_severity *items = arena_calloc(l->c->arena, n ? n : 1, sizeof(*items));
    if (!items)
        return nomem(l);
    for (uint32_t i = 0; i < n; i++) {
        TSNode key = entry_key(node, i);
        char *selector = string_text(l, key);
        if (!selector)
            return nomem(l);
        if (!selector_known(selector))
            return fail_at(l, key, "'severity': no check matches '%s' (see azscan checks)",
                           selector);
        items[i].selector = selector;
        if (parse_severity(l, entry_value(node, i), "severity", false, &items[i].severity))
            return -1;
    }
    l->c->severities = items;
    l->c->severity_count = n;
    return 0;
}

/* Checks a glob and stores its normalised form: no "./" prefix or trailing
 * '/', and a leading doublestar when it names no folder (as in .gitignore,
 * "*.json" matches at any depth). */
static int normalise_glob(loader *l, TSNode node, const char *key, char *pattern, const char **out)
{
    while (strncmp(pattern, "./", 2) == 0)
        pattern += 2;
    size_t len = strlen(pattern);
    while (len > 1 && pattern[len - 1] == '/')
        pattern[--len] = '\0';
    if (len > CONFIG_MAX_PATTERN || pattern[0] == '/' || !glob_valid(pattern))
        return fail_at(l, node, "'%s': invalid glob '%s'%s", key, pattern,
                       pattern[0] == '/' ? " (globs are relative to the config file's folder)"
                                         : "");
    *out = strchr(pattern, '/') ? pattern : arena_printf(l->c->arena, "**/%s", pattern);
    return *out ? 0 : nomem(l);
}

static int read_excludes(loader *l, TSNode node)
{
    const char **items;
    size_t count;
    if (string_array(l, node, "exclude", &items, &count))
        return -1;
    for (size_t i = 0; i < count; i++)
        if (normalise_glob(l, member(node, (uint32_t)i), "exclude", (char *)items[i], &items[i]))
            return -1;
    l->c->excludes = items;
    l->c->exclude_count = count;
    return 0;
}

static int read_param_files(loader *l, TSNode node)
{
    if (!is(node, "object"))
        return fail_at(l, node, "'parameterFiles' must be an object of template glob: file");
    uint32_t n = entry_count(node);
    if (n > CONFIG_MAX_ITEMS)
        return fail_at(l, node, "'parameterFiles' has more than %d entries", CONFIG_MAX_ITEMS);
    az_config_param_file *items = arena_calloc(l->c->arena, n ? n : 1, sizeof(*items));
    if (!items)
        return nomem(l);
    for (uint32_t i = 0; i < n; i++) {
        TSNode key = entry_key(node, i), value = entry_value(node, i);
        char *pattern = string_text(l, key), *file;
        if (!pattern)
            return nomem(l);
        if (normalise_glob(l, key, "parameterFiles", pattern, &items[i].pattern) ||
            expect_string(l, value, "parameterFiles", &file))
            return -1;
        items[i].param_file =
            file[0] == '/' ? file : arena_printf(l->c->arena, "%s/%s", l->c->dir, file);
        if (!items[i].param_file)
            return nomem(l);
        struct stat st;
        if (stat(items[i].param_file, &st) != 0 || !S_ISREG(st.st_mode))
            return fail_at(l, value, "'parameterFiles': '%s' is not a file", file);
    }
    l->c->param_files = items;
    l->c->param_file_count = n;
    return 0;
}

static int read_key(loader *l, const char *name, TSNode key, TSNode value)
{
    size_t count;
    if (strcmp(name, "$schema") == 0) {
        char *ignored;
        return expect_string(l, value, name, &ignored);
    }
    if (strcmp(name, "checks") == 0)
        return read_checks(l, value);
    if (strcmp(name, "severity") == 0)
        return read_severities(l, value);
    if (strcmp(name, "exclude") == 0)
        return read_excludes(l, value);
    if (strcmp(name, "allowedLocations") == 0) {
        l->c->has_locations = true;
        return string_array(l, value, name, &l->c->allowed_locations, &count);
    }
    if (strcmp(name, "requiredTags") == 0) {
        l->c->has_tags = true;
        return string_array(l, value, name, &l->c->required_tags, &count);
    }
    if (strcmp(name, "failOn") == 0) {
        l->c->has_fail_on = true;
        return parse_severity(l, value, name, false, &l->c->fail_on);
    }
    if (strcmp(name, "parameterFiles") == 0)
        return read_param_files(l, value);
    return fail_at(l, key,
                   "unknown key '%s' (expected checks, severity, exclude, allowedLocations, "
                   "requiredTags, failOn or parameterFiles)",
                   name);
}

static int read_document(loader *l, TSNode root)
{
    TSNode top = member(root, 0);
    if (ts_node_is_null(top))
        return fail_at(l, root, "empty configuration: expected an object");
    if (!is(top, "object"))
        return fail_at(l, top, "the configuration must be an object, not %s %s",
                       is(top, "array") ? "an" : "a", json_type_name(top));
    for (uint32_t i = 0; i < entry_count(top); i++) {
        TSNode key = entry_key(top, i);
        char *name = string_text(l, key);
        if (!name)
            return nomem(l);
        for (uint32_t k = 0; k < i; k++) {
            char *earlier = string_text(l, entry_key(top, k));
            if (!earlier)
                return nomem(l);
            if (strcmp(earlier, name) == 0)
                return fail_at(l, key, "duplicate key '%s'", name);
        }
        if (read_key(l, name, key, entry_value(top, i)))
            return -1;
    }
    return 0;
}

int az_config_load(az_config **out, const char *path, char *err, size_t err_size)
{
    *out = NULL;
    az_config *c = calloc(1, sizeof(*c));
    if (!c || !(c->arena = arena_new())) {
        free(c);
        snprintf(err, err_size, "%s: out of memory", path);
        return -1;
    }
    c->path = arena_strndup(c->arena, path, strlen(path));
    char *resolved = realpath(path, NULL);
    if (resolved) {
        char *slash = strrchr(resolved, '/');
        c->dir =
            arena_strndup(c->arena, resolved, slash == resolved ? 1 : (size_t)(slash - resolved));
        free(resolved);
    }
    if (!c->path) {
        snprintf(err, err_size, "%s: out of memory", path);
        az_config_free(c);
        return -1;
    }
    analysis *a = NULL;
    analysis_options ao = {CONFIG_PARSE_TIMEOUT_MICROS};
    analysis_status status = analysis_run(&a, path, LANGUAGE_ARMJSON, &ao);
    int rc = -1;
    if (status == ANALYSIS_NOMEM) {
        snprintf(err, err_size, "%s: out of memory", path);
    } else if (status != ANALYSIS_CLEAN) {
        /* The first diagnostic: the file is missing, unreadable, not text or not JSON. */
        const diagnostic *d = diagnostic_list_get(analysis_diagnostics(a), 0);
        if (d && d->has_position)
            snprintf(err, err_size, "%s:%u:%u: %s", path, d->position.line, d->position.column,
                     d->message);
        else
            snprintf(err, err_size, "%s: %s", path, d ? d->message : "cannot be read");
    } else if (!c->dir) {
        snprintf(err, err_size, "%s: %s", path, strerror(errno));
    } else {
        loader l = {c, analysis_source(a), err, err_size};
        rc = read_document(&l, ts_tree_root_node(analysis_tree(a)));
    }
    analysis_free(a);
    if (rc == 0 && arena_failed(c->arena)) {
        snprintf(err, err_size, "%s: out of memory", path);
        rc = -1;
    }
    if (rc != 0) {
        az_config_free(c);
        return -1;
    }
    *out = c;
    return 0;
}

void az_config_free(az_config *c)
{
    if (!c)
        return;
    arena_free(c->arena);
    free(c);
}

char *az_config_find(const char *start)
{
    char *dir = realpath(start, NULL);
    struct stat st;
    if (dir && stat(dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
        char *slash = strrchr(dir, '/');
        slash[slash == dir] = '\0';
    }
    while (dir) {
        size_t n = strlen(dir) + sizeof("/" AZ_CONFIG_FILE_NAME) + 8;
        char *candidate = malloc(n);
        if (!candidate)
            break;
        snprintf(candidate, n, "%s/%s", strcmp(dir, "/") ? dir : "", AZ_CONFIG_FILE_NAME);
        if (stat(candidate, &st) == 0) {
            free(dir);
            return candidate;
        }
        /* The repository root is as far up as a project's configuration goes. */
        snprintf(candidate, n, "%s/.git", strcmp(dir, "/") ? dir : "");
        bool repo_root = stat(candidate, &st) == 0;
        free(candidate);
        char *slash = strrchr(dir, '/');
        if (repo_root || strcmp(dir, "/") == 0 || !slash)
            break;
        slash[slash == dir] = '\0';
    }
    free(dir);
    return NULL;
}

bool az_config_excludes(const az_config *c, const char *path)
{
    if (c->exclude_count == 0 || path[0] == '\0')
        return false;
    char *copy = strdup(path);
    bool excluded = false;
    /* The path, then each of its folders. */
    for (char *end = copy ? copy + strlen(copy) : NULL; end && !excluded;) {
        *end = '\0';
        for (size_t i = 0; i < c->exclude_count && !excluded; i++)
            excluded = glob_match(c->excludes[i], copy);
        end = strrchr(copy, '/');
    }
    free(copy);
    return excluded;
}

const char *az_config_param_file_for(const az_config *c, const char *path)
{
    for (size_t i = 0; i < c->param_file_count; i++)
        if (glob_match(c->param_files[i].pattern, path))
            return c->param_files[i].param_file;
    return NULL;
}

void az_config_apply_severities(const az_config *c, az_findings *findings)
{
    for (size_t i = 0; i < az_findings_count(findings); i++) {
        const az_finding *f = az_findings_get(findings, i);
        for (size_t k = c->severity_count; k-- > 0;) {
            if (f->severity != AZ_SEVERITY_NOTE &&
                az_check_matches(f->check, c->severities[k].selector)) {
                az_findings_set_severity(findings, i, c->severities[k].severity);
                break;
            }
        }
    }
}

char *az_config_relative_path(const az_config *c, const char *disk_path)
{
    char *resolved = realpath(disk_path, NULL);
    if (!resolved)
        return NULL;
    size_t n = strlen(c->dir);
    char *rel = NULL;
    if (strcmp(resolved, c->dir) == 0)
        rel = strdup("");
    else if (strcmp(c->dir, "/") == 0)
        rel = strdup(resolved + 1);
    else if (strncmp(resolved, c->dir, n) == 0 && resolved[n] == '/')
        rel = strdup(resolved + n + 1);
    free(resolved);
    return rel;
}

static bool filter_exclude(const char *argument, const char *relative, bool is_directory, void *ud)
{
    (void)is_directory;
    az_config_filter *f = ud;
    /* Arguments come one after another: resolve each once, not per file. */
    if (argument != f->argument) {
        free(f->prefix);
        f->prefix = az_config_relative_path(f->config, argument);
        f->argument = argument;
    }
    if (!f->prefix)
        return false;
    if (!relative)
        return az_config_excludes(f->config, f->prefix);
    size_t n = strlen(f->prefix) + strlen(relative) + 2;
    char *path = malloc(n);
    if (!path)
        return false;
    snprintf(path, n, "%s%s%s", f->prefix, f->prefix[0] ? "/" : "", relative);
    bool excluded = az_config_excludes(f->config, path);
    free(path);
    return excluded;
}

discover_filter az_config_filter_init(az_config_filter *f, const az_config *c)
{
    memset(f, 0, sizeof(*f));
    f->config = c;
    return (discover_filter){filter_exclude, f};
}

void az_config_filter_clear(az_config_filter *f)
{
    free(f->prefix);
    f->prefix = NULL;
    f->argument = NULL;
}

const char *az_config_param_file_lookup(const char *disk_path, void *config)
{
    const az_config *c = config;
    if (c->param_file_count == 0)
        return NULL;
    char *rel = az_config_relative_path(c, disk_path);
    const char *found = rel ? az_config_param_file_for(c, rel) : NULL;
    free(rel);
    return found;
}
