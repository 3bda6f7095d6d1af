#include "json_string.h"

#include "utf8.h"

#include <string.h>

int json_hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static int read_hex4(const char *s, size_t len, size_t i, uint32_t *out)
{
    if (i + 4 > len)
        return -1;
    uint32_t v = 0;
    for (size_t k = 0; k < 4; k++) {
        int h = json_hex_digit(s[i + k]);
        if (h < 0)
            return -1;
        v = v * 16 + (uint32_t)h;
    }
    *out = v;
    return 0;
}

size_t json_string_unescape(const char *s, size_t len, char *out)
{
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        if (s[i] != '\\') {
            /* Most strings have no escape: copy up to the next one at once. */
            const char *esc = memchr(s + i, '\\', len - i);
            size_t run = esc ? (size_t)(esc - (s + i)) : len - i;
            memcpy(out + n, s + i, run);
            n += run;
            i += run;
            continue;
        }
        if (i + 1 >= len) {
            out[n++] = s[i++];
            continue;
        }
        char e = s[i + 1];
        i += 2;
        switch (e) {
        case 'n':
            out[n++] = '\n';
            break;
        case 't':
            out[n++] = '\t';
            break;
        case 'r':
            out[n++] = '\r';
            break;
        case 'b':
            out[n++] = '\b';
            break;
        case 'f':
            out[n++] = '\f';
            break;
        case 'u': {
            uint32_t cp;
            if (read_hex4(s, len, i, &cp)) {
                out[n++] = 'u';
                break;
            }
            i += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                uint32_t lo;
                if (i + 1 < len && s[i] == '\\' && s[i + 1] == 'u' &&
                    read_hex4(s, len, i + 2, &lo) == 0 && lo >= 0xDC00 && lo <= 0xDFFF) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    i += 6;
                } else {
                    cp = 0xFFFD;
                }
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                cp = 0xFFFD;
            }
            /* "\uXXXX" is 6 bytes and yields at most 3; a pair is 12 and yields 4. */
            n += utf8_encode(cp, out + n);
            break;
        }
        default:
            out[n++] = e;
        }
    }
    return n;
}
