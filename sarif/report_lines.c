#include "report_lines.h"

#include "source.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The buffer's first size, and so what a read asks for at most while lines
 * are shorter. */
#define CHUNK ((size_t)64 * 1024)

struct report_lines {
    int fd; /* -1: no file */
    size_t max_line;
    char *buf;
    size_t cap, len; /* the buffer's size, and the bytes of the file in it */
    size_t at;       /* where line `line` starts in the buffer */
    unsigned line;
    bool eof, failed; /* failed: a read failed, and no line is given */
    bool dropped;     /* the start of line `line` was let go while skipping it */
    bool top;         /* nothing looked at since the start: a BOM may come */
};

report_lines *report_lines_open(const char *path, size_t max_line)
{
    report_lines *r = calloc(1, sizeof(*r));
    if (!r)
        return NULL;
    r->max_line = max_line;
    r->line = 1;
    r->top = true;
    /* A file that cannot be opened leaves fd at -1: no lines. */
    (void)source_file_open(path, &r->fd, NULL);
    return r;
}

void report_lines_free(report_lines *r)
{
    if (!r)
        return;
    if (r->fd >= 0)
        close(r->fd);
    free(r->buf);
    free(r);
}

/* Keeps buf[at, len), moved to the start, and reads what follows it. Returns
 * 0, with `eof` or `failed` set when nothing more came, or -1 when out of
 * memory. */
static int fill(report_lines *r)
{
    if (r->at) {
        memmove(r->buf, r->buf + r->at, r->len - r->at);
        r->len -= r->at;
        r->at = 0;
    }
    if (r->len == r->cap) {
        /* Only a line being read fills the buffer, and it is given up once
         * it is longer than max_line and a "\r\n": more is never needed. */
        size_t cap = r->cap ? r->cap * 2 : CHUNK;
        char *grown = realloc(r->buf, cap);
        if (!grown)
            return -1;
        r->buf = grown;
        r->cap = cap;
    }
    for (;;) {
        ssize_t n = read(r->fd, r->buf + r->len, r->cap - r->len);
        if (n > 0) {
            r->len += (size_t)n;
            return 0;
        }
        if (n == 0) {
            r->eof = true;
            return 0;
        }
        if (errno != EINTR) {
            r->failed = true;
            return 0;
        }
    }
}

/* Goes back to the top of the file; false when it cannot. */
static bool restart(report_lines *r)
{
    if (lseek(r->fd, 0, SEEK_SET) != 0) {
        r->failed = true;
        return false;
    }
    r->len = r->at = 0;
    r->line = 1;
    r->eof = false;
    r->dropped = false;
    r->top = true;
    return true;
}

int report_lines_get(report_lines *r, unsigned number, const char **text, size_t *len)
{
    if (r->fd < 0 || r->failed || number == 0 ||
        ((number < r->line || (number == r->line && r->dropped)) && !restart(r)))
        return 0;
    if (r->top) {
        while (r->len - r->at < 3 && !r->eof && !r->failed)
            if (fill(r) != 0)
                return -1;
        r->at += source_bom_length(r->buf + r->at, r->len - r->at);
        r->top = false;
    }
    while (r->line < number) {
        const char *nl = memchr(r->buf + r->at, '\n', r->len - r->at);
        if (nl) {
            r->at = (size_t)(nl - r->buf) + 1;
            r->line++;
            r->dropped = false;
            continue;
        }
        if (r->eof || r->failed)
            return 0;
        r->at = r->len; /* all of it is in the line skipped over */
        r->dropped = true;
        if (fill(r) != 0)
            return -1;
    }
    /* The top was read: the buffer is there. */
    size_t scanned = 0; /* of the line, bytes known to hold no break */
    const char *nl;
    while (!(nl = memchr(r->buf + r->at + scanned, '\n', r->len - r->at - scanned))) {
        scanned = r->len - r->at;
        /* Past max_line bytes and a "\r\n" without a break: too long. */
        if (r->failed || (scanned >= 2 && scanned - 2 >= r->max_line))
            return 0;
        if (r->eof)
            break;
        if (fill(r) != 0)
            return -1;
    }
    size_t n = (nl ? (size_t)(nl - r->buf) : r->len) - r->at;
    if (n > 0 && r->buf[r->at + n - 1] == '\r')
        n--;
    if (n > r->max_line)
        return 0;
    *text = r->buf + r->at;
    *len = n;
    return 1;
}
