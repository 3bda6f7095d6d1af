#include "report_terminal.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#define DIM "\033[2m"
#define RESET "\033[0m"
#define REPLACEMENT "\xEF\xBF\xBD"
#define ELLIPSIS "..."
#define ELLIPSIS_WIDTH 3
/* Columns of context kept before a range when a long line is cut. */
#define LEAD 24
/* The line-number gutter's narrowest width, so that most snippets align. */
#define GUTTER_MIN 5

/* Code points written as U+FFFD: C0 controls but tab, DEL and C1 controls,
 * and the bidirectional marks, embeddings, overrides and isolates. */
static const struct {
    uint32_t lo, hi;
} unsafe[] = {
    {0x00, 0x08},     {0x0A, 0x1F},     {0x7F, 0x9F},     {0x061C, 0x061C},
    {0x200E, 0x200F}, {0x202A, 0x202E}, {0x2066, 0x2069},
};

static bool is_unsafe(uint32_t cp)
{
    for (size_t i = 0; i < sizeof(unsafe) / sizeof(*unsafe); i++)
        if (cp >= unsafe[i].lo && cp <= unsafe[i].hi)
            return true;
    return false;
}

/* The code point at `s` (`n` > 0 bytes), its length in `*len`; U+FFFD and
 * one byte for a byte that does not start a well-formed sequence. */
static uint32_t decode(const char *text, size_t n, size_t *len)
{
    static const uint32_t least[] = {0, 0, 0x80, 0x800, 0x10000}; /* no overlongs */
    const unsigned char *s = (const unsigned char *)text;
    size_t k = s[0] < 0x80                   ? 1
               : s[0] >= 0xC2 && s[0] < 0xE0 ? 2
               : s[0] >= 0xE0 && s[0] < 0xF0 ? 3
               : s[0] >= 0xF0 && s[0] < 0xF5 ? 4
                                             : 0;
    uint32_t cp = k == 1 ? s[0] : s[0] & (0x7Fu >> k);
    for (size_t i = 1; i < k; i++) {
        if (i >= n || (s[i] & 0xC0) != 0x80) {
            k = 0;
            break;
        }
        cp = cp << 6 | (s[i] & 0x3F);
    }
    if (k == 0 || cp < least[k] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        *len = 1;
        return 0xFFFD;
    }
    *len = k;
    return cp;
}

/* Writes the code point `cp`, the `len` bytes at `s`, or U+FFFD for it. */
static void put_safe(FILE *out, const char *s, size_t len, uint32_t cp)
{
    if (cp == 0xFFFD || is_unsafe(cp))
        fputs(REPLACEMENT, out);
    else
        fwrite(s, 1, len, out);
}

void report_terminal_puts(FILE *out, const char *s)
{
    size_t len;
    for (size_t n = strlen(s); n > 0; s += len, n -= len)
        put_safe(out, s, len, decode(s, n, &len));
}

static size_t width_at(uint32_t cp, size_t column)
{
    return cp == '\t' ? REPORT_TERMINAL_TAB - column % REPORT_TERMINAL_TAB : 1;
}

void report_terminal_snippet(FILE *out, const char *text, size_t len, unsigned number,
                             unsigned start, unsigned end, const char *color)
{
    /* Display columns from 0: the line's width and the underline's [from, to). */
    size_t width = 0, from = SIZE_MAX, to = SIZE_MAX, n;
    unsigned column = 1;
    for (size_t i = 0; i < len; i += n, column++) {
        uint32_t cp = decode(text + i, len - i, &n);
        if (column == start)
            from = width;
        if (column == end)
            to = width;
        width += width_at(cp, width);
    }
    if (from == SIZE_MAX)
        from = width;
    if (to == SIZE_MAX)
        to = width;
    if (to <= from)
        to = from + 1;

    /* The columns shown, [lo, hi): all, or a window that keeps the start
     * of the range with some context before it. */
    size_t extent = to > width ? to : width, lo = 0, hi = extent;
    if (extent > REPORT_TERMINAL_WIDTH) {
        if (to > REPORT_TERMINAL_WIDTH - ELLIPSIS_WIDTH && from > LEAD)
            lo = from - LEAD;
        size_t room = REPORT_TERMINAL_WIDTH - (lo ? ELLIPSIS_WIDTH : 0);
        if (extent - lo <= room)
            lo = extent - room; /* the end is in sight: show more before */
        else
            hi = lo + room - ELLIPSIS_WIDTH;
    }
    if (to > hi)
        to = hi;

    const char *dim = color ? DIM : "", *reset = color ? RESET : "";
    int gutter = snprintf(NULL, 0, "%u", number);
    if (gutter < GUTTER_MIN)
        gutter = GUTTER_MIN;
    fprintf(out, "%s%*u |%s", dim, gutter, number, reset);
    if (len > 0)
        fputc(' ', out);
    if (lo)
        fprintf(out, "%s" ELLIPSIS "%s", dim, reset);
    size_t at = 0;
    for (size_t i = 0; i < len && at < hi; i += n) {
        uint32_t cp = decode(text + i, len - i, &n);
        size_t w = width_at(cp, at);
        if (cp == '\t') {
            for (size_t c = at; c < at + w; c++)
                if (c >= lo && c < hi)
                    fputc(' ', out);
        } else if (at >= lo) {
            put_safe(out, text + i, n, cp);
        }
        at += w;
    }
    if (hi < extent)
        fprintf(out, "%s" ELLIPSIS "%s", dim, reset);
    fprintf(out, "\n%s%*s |%s %*s%s^", dim, gutter, "", reset,
            (int)(from - lo + (lo ? ELLIPSIS_WIDTH : 0)), "", color ? color : "");
    for (size_t c = from + 1; c < to; c++)
        fputc('~', out);
    fprintf(out, "%s\n", reset);
}
