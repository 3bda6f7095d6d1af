#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_ALIGN 16
/* Blocks start small and double up to ARENA_BLOCK_SIZE: most arenas
 * (a small file's results, a waiting part of a parallel scan, of which
 * there are many in flight) hold a few hundred bytes. */
#define ARENA_FIRST_BLOCK ((size_t)4096)
#define ARENA_BLOCK_SIZE ((size_t)64 * 1024)
/* Requests above this get a block of their own, so that one large string
 * does not waste the rest of the current block. */
#define ARENA_LARGE (ARENA_BLOCK_SIZE / 4)

typedef struct block {
    struct block *next;
    unsigned char *base; /* first aligned byte */
    size_t size;         /* usable bytes from base */
    size_t used;
} block;

struct arena {
    block *head;       /* the block being filled; large blocks go behind it */
    size_t next_block; /* the size of the next block to fill */
    size_t used;
    size_t limit;
    int failed;
};

arena *arena_new(void)
{
    arena *a = calloc(1, sizeof(*a));
    if (a) {
        a->limit = SIZE_MAX;
        a->next_block = ARENA_FIRST_BLOCK;
    }
    return a;
}

void arena_free(arena *a)
{
    if (!a)
        return;
    block *b = a->head;
    while (b) {
        block *next = b->next;
        free(b);
        b = next;
    }
    free(a);
}

static block *block_new(size_t size)
{
    if (size > SIZE_MAX - sizeof(block) - ARENA_ALIGN)
        return NULL;
    /* Not calloc: zeroing every whole block, though a small file's arena
     * uses little of it, was 3% of a scan. arena_alloc zeroes what it hands
     * out instead. */
    block *b = malloc(sizeof(block) + ARENA_ALIGN + size);
    if (!b)
        return NULL;
    b->next = NULL;
    b->used = 0;
    uintptr_t p = (uintptr_t)(b + 1);
    p = (p + ARENA_ALIGN - 1) & ~(uintptr_t)(ARENA_ALIGN - 1);
    b->base = (unsigned char *)p;
    b->size = size;
    return b;
}

static void *arena_fail(arena *a)
{
    a->failed = 1;
    return NULL;
}

/* `size` bytes, not zeroed, for callers that write every byte. */
static void *alloc_raw(arena *a, size_t size)
{
    if (size == 0)
        size = 1; /* distinct pointers for distinct requests */
    if (size > SIZE_MAX - ARENA_ALIGN)
        return arena_fail(a);
    size = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (a->used > a->limit || size > a->limit - a->used)
        return arena_fail(a);

    block *b = a->head;
    if (!b || b->size - b->used < size) {
        if (size > ARENA_LARGE) {
            block *big = block_new(size);
            if (!big)
                return arena_fail(a);
            if (b) {
                big->next = b->next;
                b->next = big;
            } else {
                a->head = big;
            }
            big->used = size;
            a->used += size;
            return big->base;
        }
        while (a->next_block < size)
            a->next_block *= 2;
        b = block_new(a->next_block);
        if (!b)
            return arena_fail(a);
        if (a->next_block < ARENA_BLOCK_SIZE)
            a->next_block *= 2;
        b->next = a->head;
        a->head = b;
    }
    void *p = b->base + b->used;
    b->used += size;
    a->used += size;
    return p;
}

void *arena_alloc(arena *a, size_t size)
{
    void *p = alloc_raw(a, size);
    if (p)
        memset(p, 0, size);
    return p;
}

void *arena_calloc(arena *a, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return arena_fail(a);
    return arena_alloc(a, n * size);
}

char *arena_strndup(arena *a, const char *s, size_t len)
{
    if (len == SIZE_MAX)
        return arena_fail(a);
    char *p = alloc_raw(a, len + 1);
    if (!p)
        return NULL;
    if (len)
        memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

size_t arena_used(const arena *a)
{
    return a->used;
}

int arena_failed(const arena *a)
{
    return a->failed;
}

void arena_set_limit(arena *a, size_t limit)
{
    a->limit = limit;
}

char *arena_printf(arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return arena_fail(a);
    char *p = alloc_raw(a, (size_t)n + 1);
    if (!p)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}
