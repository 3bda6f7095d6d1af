#ifndef AZSCAN_GIT_WORKTREE_H
#define AZSCAN_GIT_WORKTREE_H

#include "path_set.h"

#include <git2.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

/*
 * The work-tree files that may differ from the index, found without
 * reading any: the tracked files whose stat data differ from what the
 * index recorded (or that it cannot vouch for: racy, conflicted, missing,
 * submodules), and the untracked files that are not ignored. A superset
 * of what a content diff reports, and much cheaper than libgit2's full
 * index-to-work-tree diff, which stats every file of every directory and
 * matches each against the ignore rules; a diff limited to these paths
 * then compares contents, with git's filters, and decides.
 *
 */

typedef struct {
    /* Only files under these work-tree-relative directories or files ("" is
     * all); none: everything. */
    const char *const *pathspec;
    size_t pathspec_count;
    /* Which untracked files matter, and which untracked directories may hold
     * some (`is_dir`); NULL: all. Only those are matched against the ignore
     * rules. Tracked files are always looked at. */
    bool (*wanted)(const char *path, bool is_dir, void *payload);
    void *payload;
} worktree_options;

/*
 * Adds the paths, relative to the work tree's root with '/' separators, to
 * `out` (unsorted, maybe twice). Returns 0; or -1 when out of memory or
 * libgit2 fails (git_error_last()).
 */
int worktree_paths_find(path_set *out, git_repository *repo, git_index *index,
                        const worktree_options *o);

/*
 * The modification time of `index`'s file, in seconds (0 without one): an
 * entry modified in that second or later is racy, its stat data no proof.
 */
int64_t worktree_index_written(git_index *index);

/*
 * Whether the file `st` describes (from lstat) is as staged in `e`, by
 * git's stat rules: same type and executable bit, size, inode, owner and
 * times, and modified before the second the index was written.
 */
bool worktree_entry_clean(const git_index_entry *e, const struct stat *st, int64_t index_written);

#endif
