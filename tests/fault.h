#ifndef AZSCAN_TESTS_FAULT_H
#define AZSCAN_TESTS_FAULT_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Fault injection for the library's failure paths. Test executables that use
 * it are linked with -Wl,--wrap= for malloc, calloc, realloc, free, read,
 * readdir and mmap, so every such call from azscan_core goes through the wrappers
 * in fault.c. Allocations made inside libc (opendir, qsort) are not seen.
 */

/* Makes the allocation `n` calls from now fail (0: the next one); -1: none. */
void fault_fail_allocation(long n);

/* Allocations asked for through the wrappers so far, failed ones included. */
long fault_allocation_count(void);

/* Bytes asked for through the wrappers so far (realloc's new size), failed
 * allocations included. */
size_t fault_bytes_asked(void);

/* Allocations made and not yet freed through the wrappers. */
long fault_live_allocations(void);

/* Makes every read() fail with `err` (0: reads work again). */
void fault_fail_reads(int err);

/* Makes every readdir() fail with `err` (0: it works again). */
void fault_fail_readdir(int err);

/* Makes every mmap() fail with ENOMEM (false: it works again). */
void fault_fail_mmap(bool fail);

/* Makes readdir() say nothing of an entry's type (DT_UNKNOWN), as some file
 * systems do; false: it says again. */
void fault_readdir_untyped(bool untyped);

/*
 * Points tree-sitter's allocator at the real malloc family, so that failures
 * are injected into azscan's allocations only: tree-sitter aborts when an
 * allocation fails, by design.
 */
void fault_route_tree_sitter_around(void);

#endif
