/*
 * Every check against its fixtures: checks/<category>/<ID>/ holds failing
 * and passing templates in Bicep and ARM JSON and expected.txt, which lists
 * every finding of that check, as "template: file:line". A check without
 * fixtures in both languages fails here. The checks run with an empty
 * configuration, unless the folder has a config.txt (see config_for).
 */
#include "check.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHECKS AZSCAN_SOURCE_DIR "/checks"
#define MAX_ENTRIES 256

static const char *category_dir(az_category c)
{
    switch (c) {
    case AZ_CATEGORY_IDENTITY:
        return "identity";
    case AZ_CATEGORY_NETWORK:
        return "network";
    case AZ_CATEGORY_ENCRYPTION:
        return "encryption";
    case AZ_CATEGORY_SECRETS:
        return "secrets";
    case AZ_CATEGORY_MONITORING:
        return "monitoring";
    case AZ_CATEGORY_GOVERNANCE:
        return "governance";
    }
    return "?";
}

typedef struct {
    char *items[MAX_ENTRIES];
    size_t count;
} list;

static void list_add(list *l, const char *s)
{
    cr_assert_lt(l->count, MAX_ENTRIES);
    l->items[l->count++] = strdup(s);
}

static bool list_take(list *l, const char *s)
{
    for (size_t i = 0; i < l->count; i++) {
        if (l->items[i] && strcmp(l->items[i], s) == 0) {
            free(l->items[i]);
            l->items[i] = NULL;
            return true;
        }
    }
    return false;
}

static void list_free(list *l)
{
    for (size_t i = 0; i < l->count; i++)
        free(l->items[i]);
    l->count = 0;
}

static bool has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static bool is_template(const char *name)
{
    return has_suffix(name, ".bicep") ||
           (has_suffix(name, ".json") && !strstr(name, ".parameters"));
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The template files directly in `dir`, sorted. */
static void templates_in(const char *dir, list *out)
{
    DIR *d = opendir(dir);
    cr_assert(d, "no fixture directory %s", dir);
    struct dirent *e;
    while ((e = readdir(d)))
        if (is_template(e->d_name))
            list_add(out, e->d_name);
    closedir(d);
    qsort(out->items, out->count, sizeof(char *), compare_names);
}

/* expected.txt: "template: file:line" lines for `tmpl`. */
static void expected_for(const char *dir, const char *tmpl, list *out)
{
    char path[1024], line[512];
    snprintf(path, sizeof(path), "%s/expected.txt", dir);
    FILE *f = fopen(path, "r");
    cr_assert(f, "%s is missing", path);
    size_t n = strlen(tmpl);
    while (fgets(line, sizeof(line), f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '#' || line[0] == '\0')
            continue;
        if (strncmp(line, tmpl, n) == 0 && line[n] == ':' && line[n + 1] == ' ')
            list_add(out, line + n + 2);
    }
    fclose(f);
}

/* config.txt, when the fixture folder has one: "allowed-locations: a,b" and
 * "required-tags: x,y" lines configure the checks that are off by default. */
typedef struct {
    char text[2][512];
    const char *items[2][32];
} fixture_config;

/* Splits a comma-separated list in place, trimming spaces around items. */
static const char **config_list(char *text, const char **items)
{
    size_t n = 0;
    for (char *tok = strtok(text, ","); tok && n < 31; tok = strtok(NULL, ",")) {
        while (*tok == ' ')
            tok++;
        for (size_t k = strlen(tok); k > 0 && tok[k - 1] == ' '; k--)
            tok[k - 1] = '\0';
        if (*tok)
            items[n++] = tok;
    }
    items[n] = NULL;
    return items;
}

static void config_for(const char *dir, fixture_config *fc, az_check_config *config)
{
    char path[1024], line[600];
    snprintf(path, sizeof(path), "%s/config.txt", dir);
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    static const char *const keys[2] = {"allowed-locations:", "required-tags:"};
    while (fgets(line, sizeof(line), f)) {
        line[strcspn(line, "\r\n")] = '\0';
        for (int k = 0; k < 2; k++) {
            if (strncmp(line, keys[k], strlen(keys[k])) != 0)
                continue;
            snprintf(fc->text[k], sizeof(fc->text[k]), "%s", line + strlen(keys[k]));
            const char **items = config_list(fc->text[k], fc->items[k]);
            if (k == 0)
                config->allowed_locations = items;
            else
                config->required_tags = items;
        }
    }
    fclose(f);
}

static const char *ID;

static bool only_this(const az_check *c, void *ud)
{
    (void)ud;
    return strcmp(c->meta.id, ID) == 0;
}

static void check_fixture(const az_check *check, const char *dir, const char *tmpl)
{
    char path[1024], err[256];
    snprintf(path, sizeof(path), "%s/%s", dir, tmpl);
    az_model *m = NULL;
    cr_assert_eq(az_model_build_file(&m, dir, path, tmpl, NULL, NULL, err, sizeof(err)), 0,
                 "%s/%s: %s", check->meta.id, tmpl, err);
    az_findings *f = az_findings_new();
    ID = check->meta.id;
    az_check_config config = {0};
    fixture_config fc = {0};
    config_for(dir, &fc, &config);
    cr_assert_eq(az_checks_run(m, &config, only_this, NULL, f), 0);

    list expected = {0};
    expected_for(dir, tmpl, &expected);
    if (strncmp(tmpl, "pass", 4) == 0)
        cr_assert_eq(expected.count, 0, "%s: a passing fixture expects findings", tmpl);
    else
        cr_assert_gt(expected.count, 0, "%s/%s: a failing fixture expects no finding",
                     check->meta.id, tmpl);
    for (size_t i = 0; i < az_findings_count(f); i++) {
        const az_finding *x = az_findings_get(f, i);
        char at[300];
        snprintf(at, sizeof(at), "%s:%u", x->file, x->range.start_line);
        cr_expect(list_take(&expected, at), "%s/%s: unexpected finding at %s: %s", check->meta.id,
                  tmpl, at, x->message);
    }
    for (size_t i = 0; i < expected.count; i++)
        cr_expect_null(expected.items[i], "%s/%s: no finding at %s", check->meta.id, tmpl,
                       expected.items[i]);
    list_free(&expected);
    az_findings_free(f);
    az_model_free(m);
}

Test(catalog, every_check_meets_its_fixtures_in_both_languages)
{
    cr_assert_gt(az_check_count(), 0);
    for (size_t i = 0; i < az_check_count(); i++) {
        const az_check *c = az_check_get(i);
        char dir[512];
        snprintf(dir, sizeof(dir), "%s/%s/%s", CHECKS, category_dir(c->meta.category), c->meta.id);
        list templates = {0};
        templates_in(dir, &templates);
        bool fail_bicep = false, fail_json = false, pass_bicep = false, pass_json = false;
        for (size_t k = 0; k < templates.count; k++) {
            const char *t = templates.items[k];
            bool fail = strncmp(t, "fail", 4) == 0, pass = strncmp(t, "pass", 4) == 0;
            fail_bicep |= fail && has_suffix(t, ".bicep");
            fail_json |= fail && has_suffix(t, ".json");
            pass_bicep |= pass && has_suffix(t, ".bicep");
            pass_json |= pass && has_suffix(t, ".json");
            check_fixture(c, dir, t);
        }
        cr_expect(fail_bicep && fail_json && pass_bicep && pass_json,
                  "%s lacks a failing or passing fixture in Bicep or ARM JSON", c->meta.id);
        list_free(&templates);
    }
}

Test(catalog, ids_names_and_metadata_are_well_formed)
{
    for (size_t i = 0; i < az_check_count(); i++) {
        const az_check *c = az_check_get(i);
        const az_check_meta *m = &c->meta;
        cr_assert_eq(strlen(m->id), 6, "%s", m->id);
        cr_assert(strncmp(m->id, "AZS", 3) == 0, "%s", m->id);
        cr_assert_eq(m->id[3] - '0', (int)m->category, "%s is not in its category's hundreds",
                     m->id);
        for (const char *p = m->name; *p; p++)
            cr_assert((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-',
                      "%s: name '%s' is not kebab-case", m->id, m->name);
        cr_assert(m->title && m->description && m->remediation && m->fix_bicep && m->fix_arm,
                  "%s lacks documentation", m->id);
        cr_assert(m->security_severity >= 0.0 && m->security_severity <= 10.0);
        cr_assert(m->severity >= AZ_SEVERITY_LOW, "%s", m->id);
        cr_assert((c->resource != NULL) != (c->deployment != NULL), "%s", m->id);
        cr_assert(!c->resource || m->resource_types, "%s has no resource types", m->id);
        if (i > 0)
            cr_assert_lt(strcmp(az_check_get(i - 1)->meta.id, m->id), 0,
                         "the registry is not in id order at %s", m->id);
        cr_assert_eq(az_check_find(m->id), c);
        cr_assert_eq(az_check_find(m->name), c);
    }
}

Test(catalog, selectors_match_ids_names_and_prefixes)
{
    const az_check *c = az_check_find("AZS201");
    cr_assert(c);
    cr_assert(az_check_matches(c, "AZS201"));
    cr_assert(az_check_matches(c, "azs2"));
    cr_assert(az_check_matches(c, "public-network-access"));
    cr_assert_not(az_check_matches(c, "AZS3"));
    cr_assert_not(az_check_matches(c, ""));
    cr_assert_eq(az_check_find("azs201"), c);
    cr_assert_eq(az_check_find("Public-Network-Access"), c);
    cr_assert_eq(az_check_find(az_check_get(az_check_count() - 1)->meta.id),
                 az_check_get(az_check_count() - 1));
    cr_assert_null(az_check_find("AZS999"));
    cr_assert_null(az_check_find("AZS2"));
}
