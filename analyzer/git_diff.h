#ifndef AZSCAN_GIT_DIFF_H
#define AZSCAN_GIT_DIFF_H

#include "git_repo.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * The files that changed between a base tree and the work tree (untracked
 * files included) or the index, with renames detected (a rename with edits
 * too), and optionally the lines each added or modified, from the diff's
 * hunks. Only files with a template extension (.bicep, .bicepparam, .json,
 * .jsonc) are listed; deleted files are left out, and changed submodules
 * are listed apart, since azscan does not look inside them.
 *
 * A changeset owns its strings; free it with changeset_free.
 */

typedef enum { CHANGESET_ADDED, CHANGESET_MODIFIED, CHANGESET_RENAMED } changeset_status;

/* Lines [first, first + count) of the new side, 1-based. */
typedef struct {
    uint32_t first, count;
} changeset_lines;

typedef struct {
    const char *path;     /* relative to the work tree's root, '/' separators */
    const char *old_path; /* at the base: path, or where a renamed file came from */
    changeset_status status;
    const changeset_lines *lines; /* added or modified lines, in order (with `lines`) */
    size_t line_count;
} changeset_file;

typedef struct {
    const git_tree *base; /* NULL: the empty tree */
    bool staged;          /* the index against the base, else the work tree */
    bool lines;           /* record each file's added and modified lines */
    /* Only files under these work-tree-relative directories or files ("" is
     * all); none: everything. */
    const char *const *pathspec;
    size_t pathspec_count;
} changeset_options;

typedef struct changeset changeset;

/* Returns 0; or -1 with a message in `err` when libgit2 fails. */
int changeset_compute(changeset **out, repo *r, const changeset_options *o, char *err,
                      size_t err_size);
void changeset_free(changeset *c);

size_t changeset_count(const changeset *c);
const changeset_file *changeset_get(const changeset *c, size_t index);

/* The file at `path`, or NULL when it did not change. */
const changeset_file *changeset_find(const changeset *c, const char *path);

/* Changed submodules, by path. */
size_t changeset_submodule_count(const changeset *c);
const char *changeset_submodule(const changeset *c, size_t index);

#endif
