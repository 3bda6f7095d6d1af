#ifndef AZSCAN_TREE_CACHE_H
#define AZSCAN_TREE_CACHE_H

#include "source.h"
#include "syntax_table.h"

#include <stdbool.h>
#include <stddef.h>

/*
 * Parsed files shared by the model builds of a scan. A module that many
 * templates load (a shared types file, a resource module under the tests
 * that call it) is read and parsed once while it stays here, instead of
 * once per template.
 *
 * The cache owns the source and the syntax table of every entry. Tables are
 * never changed, so every user of an entry reads the one table. Entries in
 * use are never dropped; entries not in use are dropped, least recently
 * used first, once the memory of all entries (sources with their indexes,
 * tables, paths) passes the cache's budget in bytes, so the cache's memory
 * is bounded whatever the number of files. Files do not change during a
 * scan, so an entry never goes stale.
 *
 * An entry is copied, as it is stored, into a region of the cache's own
 * (region.h) of about its budget, apart from the heap, dropping more
 * unused entries where that takes a block that fits; one that no block
 * holds stays in the heap.
 *
 * Every function is safe to call from several threads at once.
 */

typedef struct tree_cache tree_cache;
typedef struct tree_cache_entry tree_cache_entry;

/* Returns NULL when out of memory. */
tree_cache *tree_cache_new(size_t budget_bytes);

/* Frees the cache; every entry must have been released. Accepts NULL. */
void tree_cache_free(tree_cache *c);

/* The entry of the file at the resolved path `path`, in use until released,
 * or NULL when the cache does not hold it. */
tree_cache_entry *tree_cache_get(tree_cache *c, const char *path);

/*
 * Stores the file at `path` with its `src` and `table`, which the cache
 * takes, and returns its entry in use. When another thread stored the same
 * path first, frees `src` and `table` and returns that entry. Returns NULL
 * when out of memory, leaving `src` and `table` to the caller.
 */
tree_cache_entry *tree_cache_put(tree_cache *c, const char *path, source_file *src,
                                 syntax_table *table);

/* The entry's source and syntax table, valid until the entry is released. */
const source_file *tree_cache_entry_source(const tree_cache_entry *e);
const syntax_table *tree_cache_entry_table(const tree_cache_entry *e);

/* Whether the entry's file has no syntax error, so that a template found
 * here needs no parse of its own to report them. */
bool tree_cache_entry_clean(const tree_cache_entry *e);

/* The bytes of memory the entries hold, as the budget counts them. */
size_t tree_cache_memory(tree_cache *c);

/* Ends a use of `e`. Accepts NULL. */
void tree_cache_release(tree_cache *c, tree_cache_entry *e);

#endif
