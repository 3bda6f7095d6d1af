#define _DEFAULT_SOURCE /* MAP_ANONYMOUS, madvise */
#include "region.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

/* Every block starts with its header. A size counts the header and is a
 * multiple of ALIGN, so that blocks tile the region from its start. */
typedef struct {
    size_t size;
    size_t used; /* 0: free */
} header;

#define ALIGN 16
/* A free run is split only when what is left holds this much. */
#define SPLIT_MIN ((size_t)64)

_Static_assert(sizeof(header) % ALIGN == 0, "a header keeps blocks aligned");

struct region {
    unsigned char *base;
    size_t capacity;
    size_t top; /* blocks tile [0, top); above it nothing was handed out since it was last free */
};

region *region_new(size_t capacity)
{
    region *r = calloc(1, sizeof(*r));
    if (!r)
        return NULL;
    r->capacity = capacity / ALIGN * ALIGN;
    if (r->capacity) {
        void *p =
            mmap(NULL, r->capacity, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) {
            free(r);
            return NULL;
        }
        /* A huge page would make the whole region resident at its first
         * block. */
        madvise(p, r->capacity, MADV_NOHUGEPAGE);
        r->base = p;
    }
    return r;
}

void region_free(region *r)
{
    if (!r)
        return;
    if (r->base)
        munmap(r->base, r->capacity);
    free(r);
}

static header *at(const region *r, size_t offset)
{
    return (header *)(r->base + offset);
}

void *region_alloc(region *r, size_t size)
{
    if (size > r->capacity)
        return NULL;
    size_t need = (size + sizeof(header) + ALIGN - 1) / ALIGN * ALIGN;
    /* First fit, joining each run of free blocks as it is passed: blocks
     * are few (a cache's entries), and freeing stays a single store. */
    for (size_t offset = 0; offset < r->top;) {
        header *h = at(r, offset);
        if (h->used) {
            offset += h->size;
            continue;
        }
        while (offset + h->size < r->top && !at(r, offset + h->size)->used)
            h->size += at(r, offset + h->size)->size;
        if (offset + h->size == r->top) {
            r->top = offset; /* a free run at the top is the top's */
            break;
        }
        if (h->size >= need) {
            if (h->size - need >= SPLIT_MIN) {
                *at(r, offset + need) = (header){h->size - need, 0};
                h->size = need;
            }
            h->used = 1;
            return h + 1;
        }
        offset += h->size;
    }
    if (r->capacity - r->top < need)
        return NULL;
    header *h = at(r, r->top);
    *h = (header){need, 1};
    r->top += need;
    return h + 1;
}

void region_release(region *r, void *block)
{
    (void)r;
    if (block)
        ((header *)block - 1)->used = 0;
}

bool region_holds(const region *r, const void *p)
{
    uintptr_t base = (uintptr_t)r->base, q = (uintptr_t)p;
    return r->base && q >= base && q < base + r->capacity;
}
