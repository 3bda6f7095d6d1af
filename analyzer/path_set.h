#ifndef AZSCAN_PATH_SET_H
#define AZSCAN_PATH_SET_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Paths gathered in any order: kept in the order added until path_set_sort
 * makes them a sorted set. A path_set owns copies of its strings; free it
 * with path_set_free.
 */

typedef struct path_set path_set;

/* Returns NULL when out of memory. */
path_set *path_set_new(void);
void path_set_free(path_set *s);

/* Adds a copy of `path`. Returns 0, or -1 when out of memory. */
int path_set_add(path_set *s, const char *path);

/* Adds a copy of the first `len` bytes of `path`. */
int path_set_add_len(path_set *s, const char *path, size_t len);

/* Sorts the paths by strcmp and drops duplicates; call once all are added. */
void path_set_sort(path_set *s);

size_t path_set_count(const path_set *s);
const char *path_set_get(const path_set *s, size_t index);

/* Whether `path` is in a sorted set. */
bool path_set_has(const path_set *s, const char *path);

/* The paths as an array, for libgit2's git_strarray; owned by the set. */
char **path_set_items(const path_set *s);

#endif
