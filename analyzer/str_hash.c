#include "str_hash.h"

#include <string.h>

uint64_t str_hash_add(uint64_t h, const void *p, size_t len)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < len; i++)
        h = (h ^ s[i]) * UINT64_C(1099511628211);
    return h;
}

uint64_t str_hash(const char *s)
{
    return str_hash_add(STR_HASH_SEED, s, strlen(s));
}
