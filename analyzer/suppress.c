#define _GNU_SOURCE /* memmem */
#include "suppress.h"

#include "utf8.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Both markers hold this: a file without it has no directive. */
#define DIRECTIVE_WORD "disable-next-line"

static const char *const markers[] = {"// azscan-disable-next-line", "#disable-next-line"};

/* The index in `markers` of the directive that starts the line [p, e)
 * after its indentation, or -1; `*after` is where the marker ends. */
static int line_marker(const char *p, const char *e, const char **after)
{
    while (p < e && isspace((unsigned char)*p))
        p++;
    for (int m = 0; m < 2; m++) {
        size_t n = strlen(markers[m]);
        if ((size_t)(e - p) >= n && strncmp(p, markers[m], n) == 0 &&
            ((size_t)(e - p) == n || isspace((unsigned char)p[n]))) {
            *after = p + n;
            return m;
        }
    }
    return -1;
}

/* A block of directives is a run of records, one a line that starts with a
 * marker: the line's number and length (uint32_t each, as bytes), then the
 * line's bytes without its '\n'. */
#define RECORD_HEAD (2 * sizeof(uint32_t))

int suppress_directives_find(const char *text, size_t len, char **block, size_t *size)
{
    *block = NULL;
    *size = 0;
    size_t cap = 0;
    uint32_t line = 1;
    const char *counted = text, *end = text + len;
    for (const char *hit = text;
         (hit = memmem(hit, (size_t)(end - hit), DIRECTIVE_WORD, sizeof(DIRECTIVE_WORD) - 1));) {
        const char *start = hit;
        while (start > text && start[-1] != '\n')
            start--;
        const char *stop = memchr(hit, '\n', (size_t)(end - hit)), *after;
        if (!stop)
            stop = end;
        hit = stop;
        if (line_marker(start, stop, &after) < 0)
            continue;
        for (const char *p = counted; (p = memchr(p, '\n', (size_t)(start - p))); p++)
            line++;
        counted = start;
        /* A source file's offsets fit in 32 bits. */
        uint32_t n = (uint32_t)(stop - start);
        if (*size + RECORD_HEAD + n > cap) {
            size_t more = (*size + RECORD_HEAD + n) * 2;
            char *grown = realloc(*block, more);
            if (!grown) {
                free(*block);
                *block = NULL;
                *size = 0;
                return -1;
            }
            *block = grown;
            cap = more;
        }
        memcpy(*block + *size, &line, sizeof(line));
        memcpy(*block + *size + sizeof(line), &n, sizeof(n));
        memcpy(*block + *size + RECORD_HEAD, start, n);
        *size += RECORD_HEAD + n;
    }
    return 0;
}

typedef struct {
    az_findings *findings;
    size_t lo, hi; /* the file's findings, as sorted */
    const suppress_file *file;
    const suppress_options *o;
    const char *text; /* the line being read, and its number */
    uint32_t line;
} file_context;

/* The column of byte `offset` of the line, counted in code points as
 * source_file_locate counts them. */
static unsigned column_of(const file_context *fc, uint32_t offset)
{
    return (unsigned)utf8_count_code_points(fc->text, offset) + 1;
}

static void warn_at(const file_context *fc, uint32_t offset, const char *message)
{
    if (fc->o->warn)
        fc->o->warn(fc->o->warn_ud, fc->file->display, fc->line, column_of(fc, offset), message);
}

/* The check a token names by id or name, or NULL. */
static const az_check *token_check(const char *token, size_t len)
{
    char name[80];
    if (len >= sizeof(name))
        return NULL;
    memcpy(name, token, len);
    name[len] = '\0';
    return az_check_find(name);
}

/* Applies the comment's suppression of `c` to the findings on `line`;
 * returns whether any finding matched. */
static int suppress_line(file_context *fc, uint32_t line, const az_check *c, const char *why,
                         bool *matched)
{
    *matched = false;
    for (size_t i = fc->lo; i < fc->hi; i++) {
        const az_finding *f = az_findings_get(fc->findings, i);
        if (f->range.start_line != line || f->check != c || f->severity == AZ_SEVERITY_NOTE)
            continue;
        *matched = true;
        /* Under --require-justification a suppression without a reason does not count. */
        if (!f->suppressed && (why || !fc->o->require_justification) &&
            az_findings_suppress(fc->findings, i, why) != 0)
            return -1;
    }
    return 0;
}

static int note_unused(file_context *fc, const az_check *c, uint32_t start, uint32_t end,
                       uint32_t next_line)
{
    char message[256];
    snprintf(message, sizeof(message),
             "Unused suppression: no %s %s finding starts on line %u; remove it, or move it to "
             "the line before the finding",
             c->meta.id, c->meta.name, next_line);
    az_finding n = {0};
    n.check = c;
    n.severity = AZ_SEVERITY_NOTE;
    n.file = fc->file->display;
    n.range = (az_range){0, fc->line, column_of(fc, start), fc->line, column_of(fc, end)};
    n.resource_type = "comment";
    n.resource = "-";
    n.property = "azscan-disable-next-line";
    n.message = message;
    return az_findings_add(fc->findings, &n);
}

/* Handles the line of `len` bytes at fc->text. */
static int apply_line(file_context *fc, uint32_t len)
{
    const char *text = fc->text, *e = text + len, *p;
    uint32_t line = fc->line;
    int m = line_marker(text, e, &p);
    if (m < 0)
        return 0;
    bool ours = m == 0;
    uint32_t marker = (uint32_t)(p - strlen(markers[m]) - text);

    /* Names up to ':', then the reason. */
    const char *names = p;
    while (p < e && *p != ':')
        p++;
    const char *names_end = p;
    const char *why = NULL;
    char reason[512];
    if (p < e) {
        p++;
        while (p < e && isspace((unsigned char)*p))
            p++;
        const char *q = e;
        while (q > p && isspace((unsigned char)q[-1]))
            q--;
        size_t n = (size_t)(q - p) < sizeof(reason) - 1 ? (size_t)(q - p) : sizeof(reason) - 1;
        memcpy(reason, p, n);
        reason[n] = '\0';
        why = n ? reason : NULL;
    }
    uint32_t comment_end = (uint32_t)(e - text);
    while (comment_end > marker && isspace((unsigned char)text[comment_end - 1]))
        comment_end--;

    size_t named = 0;
    for (const char *t = names; t < names_end;) {
        while (t < names_end && (isspace((unsigned char)*t) || *t == ','))
            t++;
        const char *token = t;
        while (t < names_end && !isspace((unsigned char)*t) && *t != ',')
            t++;
        if (t == token)
            continue;
        named++;
        const az_check *c = token_check(token, (size_t)(t - token));
        if (!c) {
            if (ours) {
                char message[160];
                snprintf(message, sizeof(message),
                         "azscan-disable-next-line: '%.*s' is not a check id or name",
                         (int)((t - token) < 64 ? (t - token) : 64), token);
                warn_at(fc, (uint32_t)(token - text), message);
            }
            continue;
        }
        bool matched;
        if (suppress_line(fc, line + 1, c, why, &matched) != 0)
            return -1;
        bool ran = !fc->o->selected || fc->o->selected(c, fc->o->selected_ud);
        if (!matched && ran && note_unused(fc, c, marker, comment_end, line + 1) != 0)
            return -1;
    }
    if (named == 0 && ours)
        warn_at(fc, marker,
                "azscan-disable-next-line names no check: give ids or names, then ': "
                "reason'");
    return 0;
}

/* The first finding of `display` in the sorted findings. */
static size_t first_of(const az_findings *findings, const char *display)
{
    size_t lo = 0, hi = az_findings_count(findings);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *file = az_findings_get(findings, mid)->file;
        if (strcmp(file ? file : "", display) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static int apply_file(az_findings *findings, const suppress_file *file, const suppress_options *o)
{
    if (!file->directives_size)
        return 0;
    file_context fc = {findings, 0, 0, file, o, NULL, 0};
    fc.lo = fc.hi = first_of(findings, file->display);
    while (fc.hi < az_findings_count(findings) &&
           strcmp(az_findings_get(findings, fc.hi)->file, file->display) == 0)
        fc.hi++;
    for (size_t at = 0; at + RECORD_HEAD <= file->directives_size;) {
        uint32_t len;
        memcpy(&fc.line, file->directives + at, sizeof(fc.line));
        memcpy(&len, file->directives + at + sizeof(fc.line), sizeof(len));
        fc.text = file->directives + at + RECORD_HEAD;
        if (apply_line(&fc, len) != 0)
            return -1;
        at += RECORD_HEAD + len;
    }
    return 0;
}

int suppress_comments_apply(az_findings *findings, const suppress_file *files, size_t count,
                            const suppress_options *o)
{
    for (size_t i = 0; i < count; i++)
        if (apply_file(findings, &files[i], o) != 0)
            return -1;
    return 0;
}
