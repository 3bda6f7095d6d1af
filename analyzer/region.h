#ifndef AZSCAN_REGION_H
#define AZSCAN_REGION_H

#include <stddef.h>

/*
 * Blocks of any size, allocated and freed one by one within a fixed
 * mapping of its own, apart from the process heap. Memory that lives long
 * but comes and goes while files are scanned (the tree cache's entries,
 * the file provider memo's answers) scatters through the heap among each
 * file's short-lived allocations, and the heap then grows around it for
 * the next large file: a scan's peak memory rose with the files scanned
 * before. Here it cannot, and the region's pages are touched only as
 * blocks first reach them: a block comes from the untouched end only when
 * no free run holds it, and freed runs join their free neighbours.
 *
 * Not safe to call from several threads at once: its owner locks.
 */

typedef struct region region;

/* A region that hands out at most `capacity` bytes, headers included.
 * Returns NULL when out of memory. */
region *region_new(size_t capacity);

/* Unmaps the region with every block in it. Accepts NULL. */
void region_free(region *r);

/* A block of `size` bytes aligned for any type: the lowest free run that
 * holds it, else more of the region's untouched end; NULL when neither
 * does. */
void *region_alloc(region *r, size_t size);

/* Gives back a block that region_alloc(r, ...) gave. Accepts NULL. */
void region_release(region *r, void *block);

#endif
