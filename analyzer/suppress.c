#define _GNU_SOURCE /* memmem */
#include "suppress.h"

#include "source.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    az_findings *findings;
    size_t lo, hi; /* the file's findings, as sorted */
    const suppress_file *file;
    const source_file *src;
    const suppress_options *o;
} file_context;

static void warn_at(const file_context *fc, uint32_t offset, const char *message)
{
    if (!fc->o->warn)
        return;
    source_position pos = source_file_locate(fc->src, offset);
    fc->o->warn(fc->o->warn_ud, fc->file->display, pos.line, pos.column, message);
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
    source_position from = source_file_locate(fc->src, start);
    source_position to = source_file_locate(fc->src, end);
    char message[256];
    snprintf(message, sizeof(message),
             "Unused suppression: no %s %s finding starts on line %u; remove it, or move it to "
             "the line before the finding",
             c->meta.id, c->meta.name, next_line);
    az_finding n = {0};
    n.check = c;
    n.severity = AZ_SEVERITY_NOTE;
    n.file = fc->file->display;
    n.range = (az_range){0, from.line, from.column, to.line, to.column};
    n.resource_type = "comment";
    n.resource = "-";
    n.property = "azscan-disable-next-line";
    n.message = message;
    return az_findings_add(fc->findings, &n);
}

/* Handles the line [start, end) of the file, the line `line`. */
static int apply_line(file_context *fc, uint32_t line, uint32_t start, uint32_t end)
{
    const char *text = source_file_text(fc->src);
    const char *p = text + start, *e = text + end;
    while (p < e && isspace((unsigned char)*p))
        p++;
    static const char *const markers[] = {"// azscan-disable-next-line", "#disable-next-line"};
    size_t m = 0;
    for (; m < 2; m++) {
        size_t n = strlen(markers[m]);
        if ((size_t)(e - p) >= n && strncmp(p, markers[m], n) == 0 &&
            ((size_t)(e - p) == n || isspace((unsigned char)p[n])))
            break;
    }
    if (m == 2)
        return 0;
    bool ours = m == 0;
    uint32_t marker = (uint32_t)(p - text);
    p += strlen(markers[m]);

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
    source_file *src;
    source_error err;
    /* Through the scan's provider: a staged scan reads the staged comments. */
    if (file_provider_read(o->files, file->disk, &src, &err) != SOURCE_OK)
        return 0;
    const char *text = source_file_text(src);
    uint32_t len = source_file_length(src);
    int rc = 0;
    /* Most files have no directive at all: one search rules them out. */
    if (memmem(text, len, "disable-next-line", 17)) {
        file_context fc = {findings, 0, 0, file, src, o};
        fc.lo = fc.hi = first_of(findings, file->display);
        while (fc.hi < az_findings_count(findings) &&
               strcmp(az_findings_get(findings, fc.hi)->file, file->display) == 0)
            fc.hi++;
        uint32_t line = 1, start = 0;
        for (uint32_t i = 0; i <= len && rc == 0; i++) {
            if (i < len && text[i] != '\n')
                continue;
            rc = apply_line(&fc, line++, start, i);
            start = i + 1;
        }
    }
    source_file_free(src);
    return rc;
}

int suppress_comments_apply(az_findings *findings, const suppress_file *files, size_t count,
                            const suppress_options *o)
{
    for (size_t i = 0; i < count; i++)
        if (apply_file(findings, &files[i], o) != 0)
            return -1;
    return 0;
}
