#ifndef AZSCAN_GIT_FILES_H
#define AZSCAN_GIT_FILES_H

#include "file_provider.h"
#include "git_repo.h"

/*
 * File providers that read a repository's objects, with no checkout: the
 * staged blobs of its index (--staged) or the blobs of a tree (the base of
 * --new-only). Paths name files in the work tree; those outside it do not
 * exist. Blobs are read as stored, without git's filters: a file checked
 * out with CRLF line endings under core.autocrlf reads with LF, on the
 * same lines. Symbolic links and submodules are not files here.
 *
 * A provider borrows the repo (and the tree) and may be used from several
 * threads. Free it with git_files_free before the repo.
 */

/* Returns NULL when out of memory or when the index cannot be read. */
file_provider *git_files_index(repo *r);

/*
 * The index's blobs too, but a file whose work-tree copy git's stat data
 * says is unchanged since it was staged is read from the disk, which is
 * much cheaper than inflating its blob. The bytes are the same but for
 * git's filters (CRLF, LFS): for looking through many files, not for
 * analyzing them.
 */
file_provider *git_files_index_quick(repo *r);

/* `tree` NULL is the empty tree. Returns NULL when out of memory. */
file_provider *git_files_tree(repo *r, const git_tree *tree);

void git_files_free(file_provider *p);

#endif
