#ifndef AZSCAN_STR_HASH_H
#define AZSCAN_STR_HASH_H

#include <stddef.h>
#include <stdint.h>

/*
 * The one hash of the scan's hash tables (file paths, interned strings,
 * findings): 64-bit FNV-1a, which is fast on short strings and spreads
 * paths that differ in one character.
 */

#define STR_HASH_SEED UINT64_C(14695981039346656037)

/* `h` continued over the `len` bytes at `p`: start from STR_HASH_SEED, and
 * feed several fields in turn to hash them as one key. */
uint64_t str_hash_add(uint64_t h, const void *p, size_t len);

/* The hash of the NUL-terminated string `s`. */
uint64_t str_hash(const char *s);

#endif
