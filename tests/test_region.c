/* The region: blocks aligned and apart, the lowest free run that fits
 * serves first, free neighbours join, a free run at the top rejoins the
 * top, and every bound (a full region, sizes past it, an empty region, a
 * failed mapping) fails as a value. */
#include "fault.h"
#include "region.h"

#include <criterion/criterion.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A header and alignment take 16 bytes each way: a block of n bytes, n a
 * multiple of 16, takes n + 16 of the region. */
#define TAKES(n) ((n) + 16)

/* Whether the `size` bytes at `p` lie within the mapping of a region of
 * `capacity` bytes whose first block, handed out fresh, was `first`: a
 * first block starts one header into the mapping. */
static bool within(const unsigned char *first, size_t capacity, const unsigned char *p, size_t size)
{
    const unsigned char *base = first - TAKES(0);
    return p >= base && p + size <= base + capacity;
}

Test(region, hands_out_aligned_blocks_apart_from_each_other)
{
    region *r = region_new(4096);
    cr_assert(r);
    unsigned char *a = region_alloc(r, 1), *b = region_alloc(r, 100), *c = region_alloc(r, 17);
    cr_assert(a && b && c);
    for (unsigned char *p = a; p; p = p == a ? b : p == b ? c : NULL) {
        cr_assert_eq((uintptr_t)p % 16, 0);
    }
    cr_assert(within(a, 4096, b, 100) && within(a, 4096, c, 17));
    memset(a, 0xaa, 1);
    memset(b, 0xbb, 100);
    memset(c, 0xcc, 17);
    cr_assert_eq(a[0], 0xaa);
    cr_assert_eq(b[0], 0xbb);
    cr_assert_eq(b[99], 0xbb);
    cr_assert_eq(c[16], 0xcc);
    cr_assert(b >= a + 1 && c >= b + 100);
    region_free(r);
}

Test(region, serves_from_the_lowest_free_run_that_fits)
{
    region *r = region_new(4096);
    void *a = region_alloc(r, 64), *b = region_alloc(r, 256), *c = region_alloc(r, 64);
    cr_assert(a && b && c);
    region_release(r, a);
    region_release(r, b);
    /* The two runs joined serve a block neither held alone. */
    void *big = region_alloc(r, 64 + 256);
    cr_assert_eq(big, a);
    region_release(r, big);
    /* A small block takes the start of a free run, and the rest serves the next. */
    void *small = region_alloc(r, 32);
    cr_assert_eq(small, a);
    void *rest = region_alloc(r, 256);
    cr_assert_eq((char *)rest, (char *)a + TAKES(32));
    region_free(r);
}

Test(region, gives_a_free_run_at_the_top_back_to_the_top)
{
    region *r = region_new(TAKES(64) + TAKES(128));
    void *a = region_alloc(r, 64), *b = region_alloc(r, 128);
    cr_assert(a && b);
    cr_assert_null(region_alloc(r, 1));
    region_release(r, b);
    /* b's run alone cannot hold more than b; with the top it is all there is. */
    cr_assert_null(region_alloc(r, 144));
    void *again = region_alloc(r, 128);
    cr_assert_eq(again, b);
    region_release(r, again);
    region_release(r, a);
    void *whole = region_alloc(r, 64 + 128 + 16);
    cr_assert_eq(whole, a);
    region_free(r);
}

Test(region, fails_when_full_and_serves_again_once_a_block_is_back)
{
    region *r = region_new(4 * TAKES(1008));
    void *blocks[4];
    for (int i = 0; i < 4; i++)
        cr_assert(blocks[i] = region_alloc(r, 1000));
    cr_assert_null(region_alloc(r, 1));
    region_release(r, blocks[2]);
    cr_assert_null(region_alloc(r, 1009));
    cr_assert_eq(region_alloc(r, 1008), blocks[2]);
    region_free(r);
}

Test(region, refuses_sizes_past_its_capacity)
{
    region *r = region_new(1 << 16);
    cr_assert_null(region_alloc(r, (1 << 16) - 15));
    cr_assert_null(region_alloc(r, SIZE_MAX));
    cr_assert_null(region_alloc(r, SIZE_MAX - 8));
    cr_assert(region_alloc(r, (1 << 16) - 16));
    region_free(r);
}

Test(region, of_no_capacity_holds_nothing)
{
    region *r = region_new(0);
    cr_assert(r);
    cr_assert_null(region_alloc(r, 0));
    cr_assert_null(region_alloc(r, 1));
    region_free(r);
}

Test(region, accepts_null)
{
    region *r = region_new(4096);
    region_release(r, NULL);
    region_free(r);
    region_free(NULL);
}

Test(region, fails_as_a_value_when_memory_runs_out)
{
    fault_fail_mmap(true);
    cr_assert_null(region_new(4096));
    fault_fail_mmap(false);
    fault_fail_allocation(0);
    cr_assert_null(region_new(4096));
    fault_fail_allocation(-1);
    cr_assert_eq(fault_live_allocations(), 0);
}

/* Many blocks of many sizes given and taken back in a random order: none
 * overlaps another or leaves the region, each keeps its bytes, and once
 * all are back the runs have joined into the whole region again. */
Test(region, keeps_blocks_apart_through_random_use)
{
    enum { CAPACITY = 1 << 17, SLOTS = 64 };
    region *r = region_new(CAPACITY);
    unsigned char *blocks[SLOTS] = {0};
    size_t sizes[SLOTS] = {0};
    unsigned seed = 7, given = 0, refused = 0;
    /* A block handed out and back at once: where the region starts. */
    unsigned char *first = region_alloc(r, 0);
    cr_assert(first);
    region_release(r, first);
    for (int step = 0; step < 20000; step++) {
        seed = seed * 1103515245 + 12345;
        unsigned k = (seed >> 16) % SLOTS;
        if (blocks[k]) {
            for (size_t i = 0; i < sizes[k]; i++)
                cr_assert_eq(blocks[k][i], (unsigned char)(k + i), "block %u byte %zu", k, i);
            region_release(r, blocks[k]);
            blocks[k] = NULL;
            continue;
        }
        seed = seed * 1103515245 + 12345;
        size_t size = (seed >> 16) % 8000;
        if (!(blocks[k] = region_alloc(r, size))) {
            refused++;
            continue;
        }
        given++;
        sizes[k] = size;
        cr_assert_eq((uintptr_t)blocks[k] % 16, 0);
        cr_assert(within(first, CAPACITY, blocks[k], size));
        for (size_t i = 0; i < size; i++)
            blocks[k][i] = (unsigned char)(k + i);
    }
    cr_assert_gt(given, 5000);
    cr_assert_gt(refused, 0, "the region filled at times");
    for (unsigned k = 0; k < SLOTS; k++)
        region_release(r, blocks[k]);
    cr_assert(region_alloc(r, CAPACITY - 16));
    region_free(r);
}
