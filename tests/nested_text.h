#ifndef AZSCAN_TESTS_NESTED_TEXT_H
#define AZSCAN_TESTS_NESTED_TEXT_H

#include <stdlib.h>
#include <string.h>

/* `prefix`, `depth` copies of `open`, `middle`, then `depth` copies of
 * `close`, NUL-terminated: hostile nesting for the parsers. Sets *len;
 * NULL when out of memory. The caller frees it. */
static inline char *nested_text(const char *prefix, const char *open, const char *middle,
                                const char *close, size_t depth, size_t *len)
{
    size_t plen = strlen(prefix), olen = strlen(open), mlen = strlen(middle), clen = strlen(close);
    *len = plen + depth * (olen + clen) + mlen;
    char *text = malloc(*len + 1), *p = text;
    if (!text)
        return NULL;
    memcpy(p, prefix, plen), p += plen;
    for (size_t i = 0; i < depth; i++)
        memcpy(p, open, olen), p += olen;
    memcpy(p, middle, mlen), p += mlen;
    for (size_t i = 0; i < depth; i++)
        memcpy(p, close, clen), p += clen;
    *p = '\0';
    return text;
}

#endif
