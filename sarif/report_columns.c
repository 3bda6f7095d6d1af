#include "report_columns.h"

#include "source.h"

#include <stdlib.h>
#include <string.h>

/* Where a code point above U+FFFF stands. */
typedef struct {
    unsigned line, column;
} astral;

typedef struct {
    const char *display;
    astral *astrals; /* in file order */
    size_t count;
} file_columns;

struct report_columns {
    const scan_result *result;
    file_columns *files;
    size_t count, cap;
    size_t last; /* the file of the previous lookup: findings come sorted by file */
};

report_columns *report_columns_new(const scan_result *r)
{
    report_columns *c = calloc(1, sizeof(*c));
    if (c)
        c->result = r;
    return c;
}

void report_columns_free(report_columns *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->count; i++)
        free(c->files[i].astrals);
    free(c->files);
    free(c);
}

/* Records the astral code points of the text; -1 when out of memory. */
static int index_text(file_columns *f, const char *text, size_t len)
{
    size_t cap = 0;
    unsigned line = 1, column = 1;
    for (size_t i = 0; i < len; i++) {
        unsigned char b = (unsigned char)text[i];
        if (b == '\n') {
            line++;
            column = 1;
            continue;
        }
        if ((b & 0xC0) == 0x80)
            continue;
        /* A four-byte sequence's lead byte: U+10000 and above. */
        if (b >= 0xF0) {
            if (f->count == cap) {
                cap = cap ? cap * 2 : 8;
                astral *grown = realloc(f->astrals, cap * sizeof(*grown));
                if (!grown)
                    return -1;
                f->astrals = grown;
            }
            f->astrals[f->count++] = (astral){line, column};
        }
        column++;
    }
    return 0;
}

/* The file's entry, read and indexed on first use; NULL when out of memory. */
static file_columns *file_get(report_columns *c, const char *display)
{
    if (c->last < c->count && strcmp(c->files[c->last].display, display) == 0)
        return &c->files[c->last];
    for (size_t i = 0; i < c->count; i++) {
        if (strcmp(c->files[i].display, display) == 0) {
            c->last = i;
            return &c->files[i];
        }
    }
    if (c->count == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 8;
        file_columns *grown = realloc(c->files, cap * sizeof(*grown));
        if (!grown)
            return NULL;
        c->files = grown;
        c->cap = cap;
    }
    file_columns *f = &c->files[c->count];
    *f = (file_columns){display, NULL, 0};
    /* The text as the scan read it: in a staged scan, the staged bytes. */
    source_file *src = NULL;
    source_status status = scan_result_disk_path(c->result, display)
                               ? scan_result_read(c->result, display, &src)
                               : source_file_read(&src, display, NULL);
    if (status == SOURCE_ERR_NOMEM)
        return NULL;
    int rc = src ? index_text(f, source_file_text(src), source_file_length(src)) : 0;
    source_file_free(src);
    if (rc != 0) {
        free(f->astrals);
        return NULL;
    }
    c->last = c->count++;
    return f;
}

int report_columns_utf16(report_columns *c, const char *display, unsigned line, unsigned column,
                         unsigned *out)
{
    *out = column;
    if (!display)
        return 0;
    file_columns *f = file_get(c, display);
    if (!f)
        return -1;
    /* The first astral code point on the line or after it. */
    size_t lo = 0, hi = f->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (f->astrals[mid].line < line)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < f->count && f->astrals[i].line == line; i++)
        if (f->astrals[i].column < column)
            (*out)++;
    return 0;
}
