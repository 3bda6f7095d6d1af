#ifndef AZSCAN_GIT_REPO_H
#define AZSCAN_GIT_REPO_H

#include <git2.h>
#include <stdbool.h>
#include <stddef.h>

/*
 * The git repository a scan runs in, through libgit2, in process: azscan
 * never runs `git` and never touches the network. Opening it, the base
 * revision of a --diff, and the provenance SARIF records.
 *
 * Failures return a status and a message in `err` (never printed here).
 * A repo owns its libgit2 objects; free it with repo_free, after everything
 * that borrows it (trees, providers, change sets).
 */

typedef struct repo repo;

typedef enum {
    REPO_OK = 0,
    REPO_ERR_NOT_FOUND, /* not inside a git work tree, or a bare repository */
    REPO_ERR_BAD_REF,   /* a revision that does not exist */
    REPO_ERR_UNBORN,    /* HEAD has no commit yet */
    REPO_ERR_GIT,       /* libgit2 failed: a corrupt repository, out of memory */
} repo_status;

/* Opens the repository whose work tree holds `path` (searching upwards). */
repo_status repo_open(repo **out, const char *path, char *err, size_t err_size);
void repo_free(repo *r);

git_repository *repo_git(const repo *r);

/* The work tree's root: absolute, symbolic links resolved, no trailing '/'. */
const char *repo_workdir(const repo *r);

/* Whether HEAD names a branch without a commit (a new repository). */
bool repo_head_unborn(const repo *r);

/*
 * The tree a --diff of `ref` compares with: that of merge-base(ref, HEAD).
 * Without a merge base (a shallow clone cut above it, unrelated
 * histories) it is `ref`'s own tree, and `warning` says so; otherwise
 * `warning` is "". The caller frees the tree with git_tree_free.
 */
repo_status repo_diff_base(repo *r, const char *ref, git_tree **out, char *warning,
                           size_t warning_size, char *err, size_t err_size);

/* HEAD's tree, or NULL for an unborn branch (the empty tree). */
repo_status repo_head_tree(repo *r, git_tree **out, char *err, size_t err_size);

/* Where a SARIF log's results come from. Every string is malloc'd or NULL. */
typedef struct {
    char *repository_uri; /* the `origin` remote, credentials stripped; NULL without one */
    char *revision_id;    /* HEAD's commit id; NULL when unborn */
    char *branch;         /* HEAD's branch; NULL when detached */
} repo_provenance;

/* Returns 0, or -1 when out of memory. */
int repo_provenance_get(repo *r, repo_provenance *out);
void repo_provenance_clear(repo_provenance *p);

/*
 * `url` without user name or password: "https://user:token@host/x" gives
 * "https://host/x", and scp-like "git@host:org/x" gives "ssh://host/org/x",
 * a URI as SARIF requires. Returns a malloc'd string, or NULL when out of
 * memory.
 */
char *repo_url_strip_credentials(const char *url);

#endif
