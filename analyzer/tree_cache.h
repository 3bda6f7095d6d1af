#ifndef AZSCAN_TREE_CACHE_H
#define AZSCAN_TREE_CACHE_H

#include "source.h"

#include <stdbool.h>
#include <stddef.h>
#include <tree_sitter/api.h>

/*
 * Parsed files shared by the model builds of a scan. A module that many
 * templates load (a shared types file, a resource module under the tests
 * that call it) is read and parsed once while it stays here, instead of
 * once per template.
 *
 * The cache owns the source and the tree of every entry. Entries in use are
 * never dropped; entries not in use are dropped, least recently used first,
 * once the sources of all entries pass the cache's budget in bytes, so the
 * cache's memory is bounded whatever the number of files. Files do not
 * change during a scan, so an entry never goes stale.
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
 * Stores the file at `path` with its `src` and `tree`, which the cache
 * takes, and returns its entry in use. When another thread stored the same
 * path first, frees `src` and `tree` and returns that entry. Returns NULL
 * when out of memory, leaving `src` and `tree` to the caller.
 */
tree_cache_entry *tree_cache_put(tree_cache *c, const char *path, source_file *src, TSTree *tree);

/* The entry's source, valid until the entry is released. */
const source_file *tree_cache_entry_source(const tree_cache_entry *e);

/* Whether the entry's tree has no syntax error, so that a template found
 * here needs no parse of its own to report them. */
bool tree_cache_entry_clean(const tree_cache_entry *e);

/* A copy of the entry's tree for the caller, who frees it with
 * ts_tree_delete (trees are not to be shared between threads). */
TSTree *tree_cache_entry_tree(const tree_cache_entry *e);

/* Ends a use of `e`. Accepts NULL. */
void tree_cache_release(tree_cache *c, tree_cache_entry *e);

#endif
