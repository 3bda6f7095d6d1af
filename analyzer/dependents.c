#define _GNU_SOURCE /* memmem */
#include "dependents.h"
#include "str_format.h"

#include "arm_schema.h"
#include "language.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A candidate's text, loaded on first need. */
typedef struct {
    const char *path; /* borrowed from the options */
    char *text;       /* NULL when not loaded, unreadable, or naming no file */
    size_t len;
    bool loaded;
} candidate;

typedef struct {
    dependents_file file;
    bool changed;  /* a seed, rather than reached from one */
    bool expanded; /* its users and parameter files have been looked for */
} included;

struct dependents {
    included *files;
    size_t count, cap;
    dependents_skip *skips;
    size_t skip_count, skip_cap;
    candidate *candidates; /* sorted by path */
    size_t candidate_count;
    const dependents_options *o;
    bool failed;
};

typedef enum { REF_NONE, REF_MODULE, REF_IMPORT, REF_USING, REF_EXTENDS } ref_kind;

static char *format(dependents *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static char *format(dependents *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = str_vformat(fmt, ap);
    va_end(ap);
    if (!s)
        d->failed = true;
    return s;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static bool has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

/* "dir/" + `literal`, with "." and ".." resolved; NULL when it leaves the
 * root, is absolute or names a registry. */
static char *resolve_literal(dependents *d, const char *from, const char *literal, size_t len)
{
    if (len == 0 || literal[0] == '/' || memchr(literal, ':', len))
        return NULL;
    size_t dir_len = (size_t)(base_name(from) - from);
    char *joined = malloc(dir_len + len + 1);
    if (!joined) {
        d->failed = true;
        return NULL;
    }
    memcpy(joined, from, dir_len);
    memcpy(joined + dir_len, literal, len);
    joined[dir_len + len] = '\0';
    char *out = joined;
    const char *in = joined;
    while (*in) {
        const char *seg = in;
        while (*in && *in != '/')
            in++;
        size_t n = (size_t)(in - seg);
        if (*in)
            in++;
        if (n == 0 || (n == 1 && seg[0] == '.'))
            continue;
        if (n == 2 && seg[0] == '.' && seg[1] == '.') {
            if (out == joined) {
                free(joined);
                return NULL;
            }
            while (out > joined && out[-1] != '/')
                out--;
            if (out > joined)
                out--; /* and the separator before the segment */
            continue;
        }
        if (out != joined)
            *out++ = '/';
        memmove(out, seg, n);
        out += n;
    }
    *out = '\0';
    /* A leading separator was written for every segment but the first. */
    return joined;
}

static int compare_candidates(const void *a, const void *b)
{
    return strcmp(((const candidate *)a)->path, ((const candidate *)b)->path);
}

static candidate *find_candidate(dependents *d, const char *path)
{
    candidate key = {path, NULL, 0, false};
    return d->candidate_count ? bsearch(&key, d->candidates, d->candidate_count,
                                        sizeof(*d->candidates), compare_candidates)
                              : NULL;
}

/* Whether the text can name another file at all: the keywords of every
 * way a template refers to one. */
static bool refers_to_files(const char *text, size_t len, language_id language)
{
    if (language == LANGUAGE_ARMJSON)
        return memmem(text, len, "relativePath", 12) || memmem(text, len, "relativepath", 12);
    return memmem(text, len, "module", 6) || memmem(text, len, "import", 6) ||
           memmem(text, len, "using", 5) || memmem(text, len, "extends", 7);
}

static char *full_path(dependents *d, const char *path)
{
    return format(d, "%s/%s", d->o->root, path);
}

/* Loads `c` (once); its text is kept only when it may name another file. */
static void candidate_load(dependents *d, candidate *c)
{
    if (c->loaded)
        return;
    c->loaded = true;
    char *disk = full_path(d, c->path);
    if (!disk)
        return;
    source_error err;
    source_status status =
        file_provider_load(d->o->quick ? d->o->quick : d->o->files, disk, &c->text, &c->len, &err);
    free(disk);
    if (status == SOURCE_ERR_NOMEM)
        d->failed = true;
    if (status == SOURCE_OK && !refers_to_files(c->text, c->len, language_for_path(c->path))) {
        source_data_free(c->text);
        c->text = NULL;
    }
}

/* The word ending just before `end` (after blanks), as [*start, end). */
static const char *word_before(const char *text, const char *end, const char **word_end)
{
    while (end > text && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
    const char *start = end;
    while (start > text &&
           (start[-1] == '_' || (start[-1] >= 'a' && start[-1] <= 'z') ||
            (start[-1] >= 'A' && start[-1] <= 'Z') || (start[-1] >= '0' && start[-1] <= '9')))
        start--;
    *word_end = end;
    return start;
}

static bool word_is(const char *start, const char *end, const char *word)
{
    return (size_t)(end - start) == strlen(word) && strncmp(start, word, strlen(word)) == 0;
}

/* What the string literal opening at `quote` in `text` is to its file. */
static ref_kind classify(const char *text, const char *quote, language_id language)
{
    const char *end;
    if (language == LANGUAGE_ARMJSON) {
        const char *p = quote;
        while (p > text && (p[-1] == ' ' || p[-1] == '\t' || p[-1] == '\n' || p[-1] == '\r'))
            p--;
        if (p == text || p[-1] != ':')
            return REF_NONE;
        p--;
        while (p > text && (p[-1] == ' ' || p[-1] == '\t' || p[-1] == '\n' || p[-1] == '\r'))
            p--;
        static const char key[] = "\"relativePath\"";
        size_t n = sizeof(key) - 1;
        return (size_t)(p - text) >= n && strncasecmp(p - n, key, n) == 0 ? REF_MODULE : REF_NONE;
    }
    const char *w1 = word_before(text, quote, &end);
    if (word_is(w1, end, "from"))
        return REF_IMPORT;
    if (word_is(w1, end, "using"))
        return REF_USING;
    if (word_is(w1, end, "extends"))
        return REF_EXTENDS;
    if (w1 == end)
        return REF_NONE;
    const char *w2 = word_before(text, w1, &end);
    return word_is(w2, end, "module") ? REF_MODULE : REF_NONE;
}

/* How `c` refers to `target`, looking only at string literals that end
 * with its base name: the strongest kind found, or REF_NONE. */
static ref_kind reference_to(dependents *d, const candidate *c, const char *target)
{
    const char *name = base_name(target);
    size_t name_len = strlen(name);
    language_id language = language_for_path(c->path);
    char close = language == LANGUAGE_ARMJSON ? '"' : '\'';
    ref_kind found = REF_NONE;
    const char *p = c->text, *end = c->text + c->len;
    while (found == REF_NONE && !d->failed && (p = memmem(p, (size_t)(end - p), name, name_len))) {
        const char *hit = p;
        p += name_len;
        if (p >= end || *p != close)
            continue;
        const char *q = hit;
        while (q > c->text && q[-1] != close && q[-1] != '\n')
            q--;
        if (q == c->text || q[-1] != close)
            continue;
        char *resolved = resolve_literal(d, c->path, q, (size_t)(p - q));
        if (resolved && strcmp(resolved, target) == 0)
            found = classify(c->text, q - 1, language);
        free(resolved);
    }
    return found;
}

static discover_kind kind_by_name(const char *path)
{
    if (language_for_path(path) == LANGUAGE_BICEP)
        return language_path_is_bicepparam(path) ? DISCOVER_KIND_BICEPPARAM : DISCOVER_KIND_BICEP;
    return DISCOVER_KIND_ARM_TEMPLATE;
}

/* The kind of `path`, sniffing a JSON file's $schema; false when it is not a
 * template or parameter file (with the reason in `why`). */
static bool kind_of(dependents *d, const char *path, discover_kind *kind, char *why,
                    size_t why_size)
{
    *kind = kind_by_name(path);
    if (language_for_path(path) != LANGUAGE_ARMJSON)
        return true;
    char *disk = full_path(d, path), *text = NULL;
    size_t len = 0;
    source_error err;
    source_status status =
        disk ? file_provider_load(d->o->files, disk, &text, &len, &err) : SOURCE_ERR_NOMEM;
    free(disk);
    if (status != SOURCE_OK) {
        if (status == SOURCE_ERR_NOMEM)
            d->failed = true;
        source_error_describe(&err, why, why_size);
        return false;
    }
    arm_schema_kind schema = arm_schema_sniff(text, len < 65536 ? len : 65536);
    source_data_free(text);
    if (schema == ARM_SCHEMA_TEMPLATE || schema == ARM_SCHEMA_PARAMETERS) {
        *kind = schema == ARM_SCHEMA_TEMPLATE ? DISCOVER_KIND_ARM_TEMPLATE
                                              : DISCOVER_KIND_ARM_PARAMETERS;
        return true;
    }
    snprintf(why, why_size, "not an ARM template: no deployment template or parameters $schema");
    return false;
}

static included *find_included(dependents *d, const char *path)
{
    for (size_t i = 0; i < d->count; i++)
        if (strcmp(d->files[i].file.path, path) == 0)
            return &d->files[i];
    return NULL;
}

static void add_skip(dependents *d, const char *path, const char *reason)
{
    if (d->skip_count == d->skip_cap) {
        size_t next = d->skip_cap ? d->skip_cap * 2 : 4;
        dependents_skip *grown = realloc(d->skips, next * sizeof(*grown));
        if (!grown) {
            d->failed = true;
            return;
        }
        d->skips = grown;
        d->skip_cap = next;
    }
    char *p = strdup(path), *r = strdup(reason);
    if (!p || !r) {
        free(p);
        free(r);
        d->failed = true;
        return;
    }
    d->skips[d->skip_count++] = (dependents_skip){p, r};
}

/* Includes `path` for `reason` (taken), unless it is already included or
 * is not a template or parameter file. */
static void include(dependents *d, const char *path, char *reason, bool changed)
{
    discover_kind kind;
    char why[200];
    if (!reason || find_included(d, path) || !kind_of(d, path, &kind, why, sizeof(why))) {
        if (reason && changed && !find_included(d, path) && !d->failed)
            add_skip(d, path, why);
        free(reason);
        return;
    }
    if (d->count == d->cap) {
        size_t next = d->cap ? d->cap * 2 : 16;
        included *grown = realloc(d->files, next * sizeof(*grown));
        if (!grown) {
            d->failed = true;
            free(reason);
            return;
        }
        d->files = grown;
        d->cap = next;
    }
    char *copy = strdup(path);
    if (!copy) {
        d->failed = true;
        free(reason);
        return;
    }
    d->files[d->count++] = (included){{copy, kind, reason}, changed, false};
}

/* The template a .bicepparam's `using` names, malloc'd, or NULL. */
static char *using_target(dependents *d, const char *param_path)
{
    candidate *c = find_candidate(d, param_path);
    candidate own = {param_path, NULL, 0, false};
    if (!c)
        c = &own;
    candidate_load(d, c);
    char *target = NULL;
    for (const char *p = c->text;
         !target && p && (p = memmem(p, c->len - (size_t)(p - c->text), "using", 5)); p += 5) {
        const char *q = p + 5;
        while (q < c->text + c->len && (*q == ' ' || *q == '\t'))
            q++;
        if (q >= c->text + c->len || *q != '\'' || (p > c->text && p[-1] != '\n' && p[-1] != ' '))
            continue;
        const char *close = memchr(q + 1, '\'', c->len - (size_t)(q + 1 - c->text));
        if (close && !memchr(q + 1, '\n', (size_t)(close - q - 1)))
            target = resolve_literal(d, param_path, q + 1, (size_t)(close - q - 1));
    }
    if (c == &own)
        source_data_free(own.text);
    return target;
}

/* The ARM template X.json (or .jsonc) of X.parameters[.name].json. */
static char *arm_template_of(dependents *d, const char *param_path)
{
    const char *name = base_name(param_path);
    const char *mark = strstr(name, ".parameters.");
    if (!mark || mark == name)
        return NULL;
    static const char *const extensions[] = {".json", ".jsonc"};
    for (size_t i = 0; i < 2; i++) {
        char *t = format(d, "%.*s%s", (int)(mark - param_path), param_path, extensions[i]);
        if (t && find_candidate(d, t))
            return t;
        free(t);
    }
    return NULL;
}

/* Whether `name` (a file beside template `stem`+ext) is one of its
 * conventional ARM parameter files. */
static bool is_arm_parameters_of(const char *name, const char *template_name)
{
    const char *dot = strrchr(template_name, '.');
    size_t stem = dot ? (size_t)(dot - template_name) : strlen(template_name);
    return strncmp(name, template_name, stem) == 0 &&
           strncmp(name + stem, ".parameters.", 12) == 0 && has_suffix(name, ".json");
}

static void expand(dependents *d, size_t index)
{
    included *x = &d->files[index];
    x->expanded = true;
    char *path = strdup(x->file.path);
    if (!path) {
        d->failed = true;
        return;
    }
    bool changed = x->changed;
    discover_kind kind = x->file.kind; /* x moves when the array grows */
    const char *name = base_name(path);

    if (kind == DISCOVER_KIND_BICEPPARAM || kind == DISCOVER_KIND_ARM_PARAMETERS) {
        char *target =
            kind == DISCOVER_KIND_BICEPPARAM ? using_target(d, path) : arm_template_of(d, path);
        if (target && find_candidate(d, target))
            include(d, target,
                    format(d, "template of %sparameter file %s", changed ? "changed " : "", name),
                    false);
        free(target);
    }
    if (kind == DISCOVER_KIND_BICEP || kind == DISCOVER_KIND_ARM_TEMPLATE) {
        size_t dir_len = (size_t)(name - path);
        bool target_bicep = language_for_path(path) == LANGUAGE_BICEP;
        for (size_t i = 0; i < d->candidate_count && !d->failed; i++) {
            candidate *c = &d->candidates[i];
            if (strcmp(c->path, path) == 0)
                continue;
            const char *cname = base_name(c->path);
            bool beside =
                (size_t)(cname - c->path) == dir_len && strncmp(c->path, path, dir_len) == 0;
            if (beside && is_arm_parameters_of(cname, name)) {
                include(d, c->path, format(d, "parameter file of %s", path), false);
                continue;
            }
            /* ARM links JSON templates only: a template link to a Bicep file
             * does not deploy. */
            if (target_bicep && language_for_path(c->path) == LANGUAGE_ARMJSON)
                continue;
            candidate_load(d, c);
            if (!c->text)
                continue;
            switch (reference_to(d, c, path)) {
            case REF_NONE:
                break;
            case REF_USING:
                include(d, c->path, format(d, "parameter file of %s", path), false);
                break;
            case REF_MODULE:
                include(d, c->path,
                        changed ? format(d, "uses changed module %s", path)
                                : format(d, "uses module %s, which uses a change", path),
                        false);
                break;
            case REF_IMPORT:
            case REF_EXTENDS:
                include(d, c->path,
                        changed ? format(d, "imports changed file %s", path)
                                : format(d, "imports %s, which uses a change", path),
                        false);
                break;
            }
        }
    }
    free(path);
}

static int compare_included(const void *a, const void *b)
{
    return strcmp(((const included *)a)->file.path, ((const included *)b)->file.path);
}

int dependents_resolve(dependents **out, const dependents_options *o, const dependents_seed *seeds,
                       size_t seed_count)
{
    *out = NULL;
    dependents *d = calloc(1, sizeof(*d));
    if (!d)
        return -1;
    d->o = o;
    d->candidates = calloc(o->candidate_count ? o->candidate_count : 1, sizeof(*d->candidates));
    if (!d->candidates) {
        dependents_free(d);
        return -1;
    }
    for (size_t i = 0; i < o->candidate_count; i++)
        d->candidates[i].path = o->candidates[i];
    d->candidate_count = o->candidate_count;
    if (d->candidate_count > 1)
        qsort(d->candidates, d->candidate_count, sizeof(*d->candidates), compare_candidates);
    for (size_t i = 0; i < seed_count && !d->failed; i++)
        include(d, seeds[i].path, strdup(seeds[i].reason), true);
    /* Breadth first: every file is expanded once, so cycles end. */
    for (size_t i = 0; i < d->count && !d->failed; i++)
        if (!d->files[i].expanded)
            expand(d, i);
    if (d->failed) {
        dependents_free(d);
        return -1;
    }
    if (d->count > 1)
        qsort(d->files, d->count, sizeof(*d->files), compare_included);
    for (size_t i = 0; i < d->candidate_count; i++) {
        source_data_free(d->candidates[i].text);
        d->candidates[i].text = NULL;
    }
    *out = d;
    return 0;
}

void dependents_free(dependents *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->count; i++) {
        free((char *)d->files[i].file.path);
        free((char *)d->files[i].file.reason);
    }
    for (size_t i = 0; i < d->skip_count; i++) {
        free((char *)d->skips[i].path);
        free((char *)d->skips[i].reason);
    }
    for (size_t i = 0; d->candidates && i < d->candidate_count; i++)
        source_data_free(d->candidates[i].text);
    free(d->candidates);
    free(d->files);
    free(d->skips);
    free(d);
}

size_t dependents_count(const dependents *d)
{
    return d->count;
}

const dependents_file *dependents_get(const dependents *d, size_t index)
{
    return index < d->count ? &d->files[index].file : NULL;
}

size_t dependents_skip_count(const dependents *d)
{
    return d->skip_count;
}

const dependents_skip *dependents_skipped(const dependents *d, size_t index)
{
    return index < d->skip_count ? &d->skips[index] : NULL;
}
