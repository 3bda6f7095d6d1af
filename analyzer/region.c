#define _DEFAULT_SOURCE /* MAP_ANONYMOUS, madvise */
#include "region.h"

#include <stdlib.h>
#include <sys/mman.h>

/* Every block starts with its header. A size counts the header and is a
 * multiple of ALIGN, so that blocks tile the region from its start, and
 * its low bit says whether the block is in use. */
typedef struct header {
    size_t size;
    size_t prev; /* the size of the block before; 0 for the first */
} header;

/* A free block's body holds its links in the list of free blocks. */
typedef struct {
    header *next, *prev;
} links;

#define ALIGN 16
#define USED ((size_t)1)
/* The smallest block: a header and the links of a free one. */
#define BLOCK_MIN (sizeof(header) + sizeof(links))
/* A free run is split only when what is left holds this much. */
#define SPLIT_MIN ((size_t)64)

_Static_assert(sizeof(header) % ALIGN == 0, "a header keeps blocks aligned");
_Static_assert(BLOCK_MIN % ALIGN == 0, "the smallest block keeps blocks aligned");

struct region {
    unsigned char *base;
    size_t capacity;
    size_t top;  /* blocks tile [0, top); above it, nothing is handed out */
    size_t last; /* the size of the block that ends at top; 0 for none */
    /* Every free block below top, in address order: a free block's
     * neighbours are in use, since a block given back joins the free ones
     * beside it. */
    header *free;
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

static size_t size_of(const header *h)
{
    return h->size & ~USED;
}

static links *links_of(header *h)
{
    return (links *)(h + 1);
}

static void unlink_free(region *r, header *h)
{
    links *l = links_of(h);
    if (l->prev)
        links_of(l->prev)->next = l->next;
    else
        r->free = l->next;
    if (l->next)
        links_of(l->next)->prev = l->prev;
}

/* Links `h` in address order, so that first fit takes the lowest run
 * that fits and the region's touched pages stay few. */
static void link_free(region *r, header *h)
{
    header *before = NULL, *after = r->free;
    while (after && after < h) {
        before = after;
        after = links_of(after)->next;
    }
    *links_of(h) = (links){after, before};
    if (after)
        links_of(after)->prev = h;
    if (before)
        links_of(before)->next = h;
    else
        r->free = h;
}

/* Tells the block after `h` (or the top) the size of `h`. */
static void tell_next(region *r, header *h)
{
    unsigned char *next = (unsigned char *)h + size_of(h);
    if (next < r->base + r->top)
        ((header *)next)->prev = size_of(h);
    else
        r->last = size_of(h);
}

void *region_alloc(region *r, size_t size)
{
    if (size > r->capacity)
        return NULL;
    size_t need = (size + sizeof(header) + ALIGN - 1) / ALIGN * ALIGN;
    if (need < BLOCK_MIN)
        need = BLOCK_MIN;
    /* The lowest free block that fits: free blocks are few, as they join. */
    header *h = r->free;
    while (h && size_of(h) < need)
        h = links_of(h)->next;
    if (h) {
        unlink_free(r, h);
        size_t have = size_of(h);
        if (have - need >= SPLIT_MIN) {
            header *rest = (header *)((unsigned char *)h + need);
            *rest = (header){have - need, need};
            tell_next(r, rest);
            link_free(r, rest);
            h->size = need;
        }
        h->size |= USED;
        return h + 1;
    }
    if (r->capacity - r->top < need)
        return NULL;
    h = (header *)(r->base + r->top);
    *h = (header){need | USED, r->last};
    r->top += need;
    r->last = need;
    return h + 1;
}

void region_release(region *r, void *block)
{
    if (!block)
        return;
    header *h = (header *)block - 1;
    h->size &= ~USED;
    header *next = (header *)((unsigned char *)h + h->size);
    if ((unsigned char *)next < r->base + r->top && !(next->size & USED)) {
        unlink_free(r, next);
        h->size += next->size;
    }
    if (h->prev) {
        header *prev = (header *)((unsigned char *)h - h->prev);
        if (!(prev->size & USED)) {
            unlink_free(r, prev);
            prev->size += h->size;
            h = prev;
        }
    }
    if ((unsigned char *)h + h->size == r->base + r->top) {
        /* A free run at the top is the top's. */
        r->top = (size_t)((unsigned char *)h - r->base);
        r->last = h->prev;
        return;
    }
    tell_next(r, h);
    link_free(r, h);
}
