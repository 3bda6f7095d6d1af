#include "glob.h"

#include <stddef.h>
#include <string.h>

/* Matches one pattern character (a literal, '?', an escape or a class) at
 * p[*i] against c; advances *i past it. */
static bool char_match(const char *p, size_t len, size_t *i, char c)
{
    if (p[*i] == '?') {
        (*i)++;
        return true;
    }
    if (p[*i] == '\\' && *i + 1 < len) {
        *i += 2;
        return p[*i - 1] == c;
    }
    if (p[*i] != '[') {
        return p[(*i)++] == c;
    }
    size_t k = *i + 1;
    bool negate = k < len && (p[k] == '!' || p[k] == '^');
    k += negate;
    bool in = false;
    /* A ']' right after the opening bracket is a member. */
    for (size_t first = k; k < len && (p[k] != ']' || k == first); k++) {
        unsigned char lo = (unsigned char)p[k], hi = lo;
        if (k + 2 < len && p[k + 1] == '-' && p[k + 2] != ']') {
            hi = (unsigned char)p[k + 2];
            k += 2;
        }
        in |= (unsigned char)c >= lo && (unsigned char)c <= hi;
    }
    *i = k + 1; /* past ']'; glob_valid rules out an unclosed class */
    return in != negate;
}

/* One segment: '*' runs, with the classic single backtrack point. */
static bool segment_match(const char *p, size_t plen, const char *s, size_t slen)
{
    size_t pi = 0, si = 0, star_p = 0, star_s = 0;
    bool star = false;
    while (si < slen) {
        if (pi < plen && p[pi] == '*') {
            star = true;
            star_p = ++pi;
            star_s = si;
            continue;
        }
        size_t next = pi;
        if (pi < plen && char_match(p, plen, &next, s[si])) {
            pi = next;
            si++;
            continue;
        }
        if (!star)
            return false;
        pi = star_p;
        si = ++star_s;
    }
    while (pi < plen && p[pi] == '*')
        pi++;
    return pi == plen;
}

static size_t segment_length(const char *s)
{
    const char *slash = strchr(s, '/');
    return slash ? (size_t)(slash - s) : strlen(s);
}

static const char *segment_next(const char *s, size_t len)
{
    return s[len] == '/' ? s + len + 1 : s + len;
}

static bool is_globstar(const char *p, size_t len)
{
    return len == 2 && p[0] == '*' && p[1] == '*';
}

/* Segments the same way: "**" plays the part of '*' above, over segments. */
bool glob_match(const char *pattern, const char *path)
{
    const char *p = pattern, *s = path, *star_p = NULL, *star_s = NULL;
    while (*s) {
        size_t plen = *p ? segment_length(p) : 0, slen = segment_length(s);
        if (*p && is_globstar(p, plen)) {
            star_p = p = segment_next(p, plen);
            star_s = s;
            continue;
        }
        if (*p && segment_match(p, plen, s, slen)) {
            p = segment_next(p, plen);
            s = segment_next(s, slen);
            continue;
        }
        if (!star_p)
            return false;
        p = star_p;
        star_s = segment_next(star_s, segment_length(star_s));
        s = star_s;
    }
    while (*p && is_globstar(p, segment_length(p)))
        p = segment_next(p, 2);
    return *p == '\0';
}

bool glob_valid(const char *pattern)
{
    if (!*pattern)
        return false;
    for (const char *p = pattern; *p;) {
        size_t len = segment_length(p);
        if (len == 0)
            return false;
        for (size_t i = 0; i < len; i++) {
            if (p[i] == '\\' && ++i == len)
                return false;
            if (p[i] == '[') {
                size_t k = i + 1;
                k += k < len && (p[k] == '!' || p[k] == '^');
                size_t first = k;
                while (k < len && (p[k] != ']' || k == first))
                    k++;
                if (k == len)
                    return false;
                i = k;
            }
        }
        if (p[len] == '/' && p[len + 1] == '\0')
            return false;
        p = segment_next(p, len);
    }
    return true;
}
