#include "utf8.h"

#include <stdint.h>
#include <string.h>

/*
 * Length of the sequence starting at `s[0]` when it is well formed and fits
 * in `avail` bytes, else 0. Ranges follow the table in RFC 3629 section 4.
 */
static size_t sequence_length(const uint8_t *s, size_t avail)
{
    uint8_t b0 = s[0];
    if (b0 < 0x80)
        return 1;

    size_t n;
    uint8_t lo = 0x80, hi = 0xBF;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        n = 2;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        n = 3;
        if (b0 == 0xE0)
            lo = 0xA0; /* overlong */
        else if (b0 == 0xED)
            hi = 0x9F; /* UTF-16 surrogates */
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        n = 4;
        if (b0 == 0xF0)
            lo = 0x90; /* overlong */
        else if (b0 == 0xF4)
            hi = 0x8F; /* above U+10FFFF */
    } else {
        return 0;
    }

    if (avail < n)
        return 0;
    if (s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < n; i++) {
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    }
    return n;
}

size_t utf8_ascii_prefix(const char *text, size_t len)
{
    size_t i = 0;
    /* Eight bytes at a time: memcpy keeps the loads free of alignment and
     * aliasing trouble, and compilers turn it into one load. */
    for (; len - i >= 8; i += 8) {
        uint64_t word;
        memcpy(&word, text + i, 8);
        if (word & UINT64_C(0x8080808080808080))
            break;
    }
    while (i < len && (unsigned char)text[i] < 0x80)
        i++;
    return i;
}

size_t utf8_find_invalid(const char *text, size_t len)
{
    const uint8_t *s = (const uint8_t *)text;
    size_t i = 0;
    while (i < len) {
        /* ASCII dominates real templates: skip it without the table walk. */
        if (s[i] < 0x80) {
            i += utf8_ascii_prefix(text + i, len - i);
            continue;
        }
        size_t n = sequence_length(s + i, len - i);
        if (n == 0)
            return i;
        i += n;
    }
    return len;
}

size_t utf8_count_code_points(const char *text, size_t len)
{
    const uint8_t *s = (const uint8_t *)text;
    size_t count = 0;
    for (size_t i = 0; i < len; i++)
        count += (s[i] & 0xC0) != 0x80;
    return count;
}

size_t utf8_encode(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}
