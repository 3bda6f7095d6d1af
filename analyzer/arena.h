#ifndef AZSCAN_ARENA_H
#define AZSCAN_ARENA_H

#include <stddef.h>

/*
 * A bump allocator. Everything a file's model holds (values, strings,
 * resources) lives in one arena and is freed at once with it, so model code
 * never frees individual nodes.
 *
 * Allocation failure is sticky: arena_alloc returns NULL and
 * arena_failed() reports it, so a builder can check once at the end.
 */

typedef struct arena arena;

/* Returns NULL when out of memory. */
arena *arena_new(void);

/* Frees every block. Accepts NULL. */
void arena_free(arena *a);

/* `size` zeroed bytes aligned for any type; NULL when out of memory. */
void *arena_alloc(arena *a, size_t size);

/* `n` elements of `size` bytes each, zeroed; NULL on overflow or out of memory. */
void *arena_calloc(arena *a, size_t n, size_t size);

/* A NUL-terminated copy of `len` bytes at `s`; NULL when out of memory. */
char *arena_strndup(arena *a, const char *s, size_t len);

/* Bytes handed out so far (for bounds and benchmarks). */
size_t arena_used(const arena *a);

/* Whether any allocation has failed. */
int arena_failed(const arena *a);

/* Caps the bytes the arena hands out: an allocation that would take
 * arena_used past `limit` fails (stickily) as if memory ran out. Bounds the
 * memory one file may take; tests use it to reach every failure path. */
void arena_set_limit(arena *a, size_t limit);

/* A NUL-terminated string formatted as printf does; NULL when out of memory
 * or when the format fails. */
char *arena_printf(arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
