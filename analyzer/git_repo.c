#define _XOPEN_SOURCE 700 /* realpath */
#include "git_repo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct repo {
    git_repository *git;
    char *workdir;
};

/* libgit2's own message for the last failure. */
static const char *git_message(void)
{
    const git_error *e = git_error_last();
    return e && e->message ? e->message : "unknown libgit2 error";
}

repo_status repo_open(repo **out, const char *path, char *err, size_t err_size)
{
    *out = NULL;
    /* libgit2 counts its initializations; repo_free undoes this one. */
    git_libgit2_init();
    repo *r = calloc(1, sizeof(*r));
    if (!r) {
        git_libgit2_shutdown();
        snprintf(err, err_size, "out of memory");
        return REPO_ERR_GIT;
    }
    repo_status status = REPO_OK;
    if (git_repository_open_ext(&r->git, path, 0, NULL) != 0) {
        snprintf(err, err_size, "%s is not in a git repository", path);
        status = REPO_ERR_NOT_FOUND;
    } else if (git_repository_is_bare(r->git)) {
        snprintf(err, err_size, "%s is in a bare git repository, which has no work tree", path);
        status = REPO_ERR_NOT_FOUND;
    } else if (!(r->workdir = realpath(git_repository_workdir(r->git), NULL))) {
        snprintf(err, err_size, "the work tree %s cannot be resolved",
                 git_repository_workdir(r->git));
        status = REPO_ERR_GIT;
    }
    if (status != REPO_OK) {
        repo_free(r);
        return status;
    }
    *out = r;
    return REPO_OK;
}

void repo_free(repo *r)
{
    if (!r)
        return;
    git_repository_free(r->git);
    free(r->workdir);
    free(r);
    git_libgit2_shutdown();
}

git_repository *repo_git(const repo *r)
{
    return r->git;
}

const char *repo_workdir(const repo *r)
{
    return r->workdir;
}

bool repo_head_unborn(const repo *r)
{
    return git_repository_head_unborn(r->git) == 1;
}

static repo_status tree_of(repo *r, const git_oid *commit_id, git_tree **out, char *err,
                           size_t err_size)
{
    git_commit *c = NULL;
    if (git_commit_lookup(&c, r->git, commit_id) != 0 || git_commit_tree(out, c) != 0) {
        git_commit_free(c);
        snprintf(err, err_size, "cannot read commit %s: %s", git_oid_tostr_s(commit_id),
                 git_message());
        return REPO_ERR_GIT;
    }
    git_commit_free(c);
    return REPO_OK;
}

repo_status repo_diff_base(repo *r, const char *ref, git_tree **out, char *warning,
                           size_t warning_size, char *err, size_t err_size)
{
    *out = NULL;
    warning[0] = '\0';
    git_object *obj = NULL, *commit = NULL;
    if (git_revparse_single(&obj, r->git, ref) != 0 ||
        git_object_peel(&commit, obj, GIT_OBJECT_COMMIT) != 0) {
        git_object_free(obj);
        snprintf(err, err_size, "unknown revision '%s': no such branch, tag or commit", ref);
        return REPO_ERR_BAD_REF;
    }
    git_object_free(obj);
    git_oid ref_id = *git_object_id(commit), head_id, base_id;
    git_object_free(commit);
    if (repo_head_unborn(r)) {
        snprintf(err, err_size,
                 "--diff %s needs a commit to compare, and HEAD has none yet (use --staged)", ref);
        return REPO_ERR_UNBORN;
    }
    if (git_reference_name_to_id(&head_id, r->git, "HEAD") != 0) {
        snprintf(err, err_size, "cannot resolve HEAD: %s", git_message());
        return REPO_ERR_GIT;
    }
    int rc = git_merge_base(&base_id, r->git, &ref_id, &head_id);
    if (rc == 0)
        return tree_of(r, &base_id, out, err, err_size);
    /* A shallow clone stops the walk short of the merge base: any failure
     * to find it there means the history is missing. */
    bool shallow = git_repository_is_shallow(r->git) == 1;
    if (rc != GIT_ENOTFOUND && !shallow) {
        snprintf(err, err_size, "cannot find the merge base of '%s' and HEAD: %s", ref,
                 git_message());
        return REPO_ERR_GIT;
    }
    if (shallow)
        snprintf(
            warning, warning_size,
            "no merge base of '%s' and HEAD in this shallow clone: comparing with '%s' itself; "
            "fetch the whole history for an exact diff (actions/checkout: fetch-depth: 0)",
            ref, ref);
    else
        snprintf(warning, warning_size,
                 "'%s' and HEAD have no common history: comparing with '%s' itself", ref, ref);
    return tree_of(r, &ref_id, out, err, err_size);
}

repo_status repo_head_tree(repo *r, git_tree **out, char *err, size_t err_size)
{
    *out = NULL;
    if (repo_head_unborn(r))
        return REPO_OK;
    git_oid head_id;
    if (git_reference_name_to_id(&head_id, r->git, "HEAD") != 0) {
        snprintf(err, err_size, "cannot resolve HEAD: %s", git_message());
        return REPO_ERR_GIT;
    }
    return tree_of(r, &head_id, out, err, err_size);
}

char *repo_url_strip_credentials(const char *url)
{
    const char *scheme_end = strstr(url, "://");
    const char *colon = strchr(url, ':');
    const char *slash = strchr(url, '/');
    if (!scheme_end && colon && (!slash || colon < slash) && colon != url) {
        /* scp-like "[user@]host:path": ssh, without the user. */
        const char *at = memchr(url, '@', (size_t)(colon - url));
        const char *host = at ? at + 1 : url;
        size_t host_len = (size_t)(colon - host);
        const char *path = colon + 1;
        while (*path == '/')
            path++;
        size_t n = strlen("ssh://") + host_len + 1 + strlen(path) + 1;
        char *out = malloc(n);
        if (out)
            snprintf(out, n, "ssh://%.*s/%s", (int)host_len, host, path);
        return out;
    }
    if (!scheme_end) {
        /* A local path: an absolute one becomes a file URI. */
        size_t n = strlen("file://") + strlen(url) + 1;
        char *out = malloc(n);
        if (out)
            snprintf(out, n, "%s%s", url[0] == '/' ? "file://" : "", url);
        return out;
    }
    const char *authority = scheme_end + 3;
    size_t authority_len = strcspn(authority, "/?#");
    const char *at = NULL;
    for (const char *p = authority; p < authority + authority_len; p++)
        if (*p == '@')
            at = p; /* the last '@': a password may hold an encoded one, never a raw one */
    char *out = malloc(strlen(url) + 1);
    if (!out)
        return NULL;
    size_t head = (size_t)(authority - url);
    memcpy(out, url, head);
    strcpy(out + head, at ? at + 1 : authority);
    return out;
}

static char *copy(const char *s, bool *failed)
{
    if (!s)
        return NULL;
    char *c = strdup(s);
    if (!c)
        *failed = true;
    return c;
}

int repo_provenance_get(repo *r, repo_provenance *out)
{
    memset(out, 0, sizeof(*out));
    bool failed = false;
    git_remote *origin = NULL;
    if (git_remote_lookup(&origin, r->git, "origin") == 0 && git_remote_url(origin)) {
        out->repository_uri = repo_url_strip_credentials(git_remote_url(origin));
        failed |= !out->repository_uri;
    }
    git_remote_free(origin);
    git_oid head_id;
    if (!repo_head_unborn(r) && git_reference_name_to_id(&head_id, r->git, "HEAD") == 0)
        out->revision_id = copy(git_oid_tostr_s(&head_id), &failed);
    git_reference *head = NULL;
    if (git_repository_head(&head, r->git) == 0 && git_reference_is_branch(head))
        out->branch = copy(git_reference_shorthand(head), &failed);
    git_reference_free(head);
    if (failed) {
        repo_provenance_clear(out);
        return -1;
    }
    return 0;
}

void repo_provenance_clear(repo_provenance *p)
{
    free(p->repository_uri);
    free(p->revision_id);
    free(p->branch);
    memset(p, 0, sizeof(*p));
}
