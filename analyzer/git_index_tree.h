#ifndef AZSCAN_GIT_INDEX_TREE_H
#define AZSCAN_GIT_INDEX_TREE_H

#include "path_set.h"

#include <git2.h>

/*
 * Where the index differs from a tree, found without reading the tree
 * where it agrees: the id of each directory the index would commit is
 * hashed from its entries (nothing is written), and only the tree's
 * directories whose ids differ are opened. libgit2's tree-to-index diff
 * reads every tree object, and its tree cache is valid only until
 * something is staged.
 */

/*
 * Adds the paths of the files (and submodules) that are added, deleted or
 * changed between `base` (NULL: the empty tree) and `index` to `out`,
 * relative to the work tree's root. Returns 0; or -1 when libgit2 fails,
 * out of memory, or when the index has conflicts (a merge in progress),
 * with git_error_last() set.
 */
int index_tree_changes(path_set *out, git_repository *repo, git_index *index, const git_tree *base);

#endif
