#include "git_files.h"
#include "git_worktree.h"
#include "path.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct {
    file_provider base; /* first, so that the provider is the whole */
    repo *r;
    git_index *index;      /* the index provider's; NULL for a tree */
    const git_tree *tree;  /* the tree provider's; NULL for the empty tree */
    bool quick;            /* read files clean in the work tree from the disk */
    int64_t index_written; /* the index file's modification time, in seconds */
    /* libgit2 objects are not to be shared between threads unguarded. */
    pthread_mutex_t lock;
} git_files;

typedef enum { ENTRY_NONE, ENTRY_FILE, ENTRY_DIR, ENTRY_OTHER } entry_kind;

/* `path` relative to the work tree ("" for its root), malloc'd; NULL when
 * it lies outside (errno ENOENT) or memory ran out (ENOMEM). */
static char *relative(const git_files *g, const char *path)
{
    char cwd[PATH_MAX] = "";
    if (path[0] != '/' && !getcwd(cwd, sizeof(cwd)))
        return NULL;
    size_t n = strlen(cwd) + strlen(path) + 2;
    char *abs = malloc(n);
    if (!abs) {
        errno = ENOMEM;
        return NULL;
    }
    snprintf(abs, n, "%s/%s", cwd, path);
    path_normalize(abs);
    const char *root = repo_workdir(g->r);
    size_t k = strlen(root);
    char *rel = NULL;
    if (strcmp(abs, root) == 0)
        rel = strdup("");
    else if (strncmp(abs, root, k) == 0 && abs[k] == '/')
        rel = strdup(abs + k + 1);
    else
        errno = ENOENT;
    if (!rel && errno != ENOENT)
        errno = ENOMEM;
    free(abs);
    return rel;
}

static bool is_file_mode(unsigned mode)
{
    return mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE;
}

/* What `rel` names; a file's blob id goes to `id`. */
static entry_kind lookup(const git_files *g, const char *rel, git_oid *id)
{
    if (!rel[0])
        return ENTRY_DIR;
    if (g->index) {
        const git_index_entry *e = git_index_get_bypath(g->index, rel, 0);
        if (e) {
            *id = e->id;
            return is_file_mode(e->mode) ? ENTRY_FILE : ENTRY_OTHER;
        }
        size_t n = strlen(rel), pos;
        char *prefix = malloc(n + 2);
        if (!prefix)
            return ENTRY_NONE;
        memcpy(prefix, rel, n);
        memcpy(prefix + n, "/", 2);
        bool dir = git_index_find_prefix(&pos, g->index, prefix) == 0;
        free(prefix);
        return dir ? ENTRY_DIR : ENTRY_NONE;
    }
    git_tree_entry *e = NULL;
    if (!g->tree || git_tree_entry_bypath(&e, g->tree, rel) != 0)
        return ENTRY_NONE;
    entry_kind kind = ENTRY_OTHER;
    if (git_tree_entry_type(e) == GIT_OBJECT_TREE)
        kind = ENTRY_DIR;
    else if (git_tree_entry_type(e) == GIT_OBJECT_BLOB && is_file_mode(git_tree_entry_filemode(e)))
        kind = ENTRY_FILE;
    *id = *git_tree_entry_id(e);
    git_tree_entry_free(e);
    return kind;
}

static source_status fail(source_error *err, source_status status)
{
    if (err) {
        memset(err, 0, sizeof(*err));
        err->status = status;
    }
    return status;
}

/* Whether the work tree's `path` is as staged in `e`, by git's stat rules. */
static bool clean_on_disk(const git_files *g, const char *path, const git_index_entry *e)
{
    struct stat st;
    return lstat(path, &st) == 0 && S_ISREG(st.st_mode) &&
           worktree_entry_clean(e, &st, g->index_written);
}

static source_status load_locked(git_files *g, const char *path, char **out, size_t *len,
                                 source_error *err)
{
    char *rel = relative(g, path);
    if (!rel)
        return fail(err, errno == ENOMEM ? SOURCE_ERR_NOMEM : SOURCE_ERR_NOT_FOUND);
    git_oid id;
    entry_kind kind = lookup(g, rel, &id);
    if (kind == ENTRY_NONE)
        return fail(err, SOURCE_ERR_NOT_FOUND);
    if (g->quick && kind == ENTRY_FILE) {
        const git_index_entry *e = git_index_get_bypath(g->index, rel, 0);
        if (e && clean_on_disk(g, path, e)) {
            free(rel);
            return source_file_load(path, out, len, err);
        }
    }
    free(rel);
    if (kind != ENTRY_FILE)
        return fail(err, SOURCE_ERR_NOT_REGULAR);
    git_blob *blob = NULL;
    if (git_blob_lookup(&blob, repo_git(g->r), &id) != 0) {
        fail(err, SOURCE_ERR_READ);
        if (err)
            err->sys_errno = EIO;
        return SOURCE_ERR_READ;
    }
    git_object_size_t size = git_blob_rawsize(blob);
    if ((uint64_t)size > SOURCE_MAX_SIZE) {
        git_blob_free(blob);
        fail(err, SOURCE_ERR_TOO_LARGE);
        if (err)
            err->size = (uint64_t)size;
        return SOURCE_ERR_TOO_LARGE;
    }
    char *data = source_data_new((size_t)size);
    if (!data) {
        git_blob_free(blob);
        return fail(err, SOURCE_ERR_NOMEM);
    }
    memcpy(data, git_blob_rawcontent(blob), (size_t)size);
    git_blob_free(blob);
    *out = data;
    *len = (size_t)size;
    return SOURCE_OK;
}

static source_status files_load(const file_provider *p, const char *path, char **out, size_t *len,
                                source_error *err)
{
    git_files *g = (git_files *)p;
    pthread_mutex_lock(&g->lock);
    source_status status = load_locked(g, path, out, len, err);
    pthread_mutex_unlock(&g->lock);
    return status;
}

static char *files_resolve(const file_provider *p, const char *path)
{
    git_files *g = (git_files *)p;
    pthread_mutex_lock(&g->lock);
    char *out = NULL, *rel = relative(g, path);
    git_oid id;
    if (rel && lookup(g, rel, &id) != ENTRY_NONE) {
        const char *root = repo_workdir(g->r);
        size_t n = strlen(root) + strlen(rel) + 2;
        if ((out = malloc(n)))
            snprintf(out, n, rel[0] ? "%s/%s" : "%s%s", root, rel);
        else
            errno = ENOMEM;
    } else if (rel) {
        errno = ENOENT;
    }
    free(rel);
    pthread_mutex_unlock(&g->lock);
    return out;
}

/* Adds `name` (len bytes) unless it is the last one listed: a directory's
 * index entries are contiguous, and its subdirectory's name repeats. */
static int add_name(path_set *names, const char *name, size_t len)
{
    size_t n = path_set_count(names);
    const char *last = n ? path_set_get(names, n - 1) : NULL;
    if (last && strlen(last) == len && memcmp(last, name, len) == 0)
        return 0;
    return path_set_add_len(names, name, len);
}

static int list_locked(git_files *g, const char *rel, path_set *names)
{
    if (g->index) {
        size_t n = strlen(rel), pos;
        char *prefix = malloc(n + 2);
        if (!prefix)
            return -1;
        memcpy(prefix, rel, n);
        memcpy(prefix + n, "/", 2);
        const char *want = n ? prefix : "";
        size_t want_len = strlen(want);
        int rc = 0;
        if (git_index_find_prefix(&pos, g->index, want) == 0) {
            /* The index is sorted: a directory's entries are contiguous. */
            for (const git_index_entry *e; rc == 0 && (e = git_index_get_byindex(g->index, pos));
                 pos++) {
                if (strncmp(e->path, want, want_len) != 0)
                    break;
                const char *name = e->path + want_len;
                rc = add_name(names, name, strcspn(name, "/"));
            }
        }
        free(prefix);
        return rc;
    }
    if (!g->tree)
        return 0;
    git_tree *sub = NULL;
    const git_tree *dir = g->tree;
    if (rel[0]) {
        git_tree_entry *e = NULL;
        int found = git_tree_entry_bypath(&e, g->tree, rel) == 0 &&
                    git_tree_entry_type(e) == GIT_OBJECT_TREE &&
                    git_tree_lookup(&sub, repo_git(g->r), git_tree_entry_id(e)) == 0;
        git_tree_entry_free(e);
        if (!found)
            return 0;
        dir = sub;
    }
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < git_tree_entrycount(dir); i++) {
        const char *name = git_tree_entry_name(git_tree_entry_byindex(dir, i));
        rc = add_name(names, name, strlen(name));
    }
    git_tree_free(sub);
    return rc;
}

static int files_list(const file_provider *p, const char *dir, path_set *names)
{
    git_files *g = (git_files *)p;
    pthread_mutex_lock(&g->lock);
    char *rel = relative(g, dir);
    int rc = rel ? list_locked(g, rel, names) : (errno == ENOMEM ? -1 : 0);
    free(rel);
    pthread_mutex_unlock(&g->lock);
    return rc;
}

static git_files *files_new(repo *r)
{
    git_files *g = calloc(1, sizeof(*g));
    if (!g)
        return NULL;
    g->base = (file_provider){files_load, files_resolve, files_list};
    g->r = r;
    pthread_mutex_init(&g->lock, NULL);
    return g;
}

file_provider *git_files_index(repo *r)
{
    git_files *g = files_new(r);
    if (g && git_repository_index(&g->index, repo_git(r)) != 0) {
        git_files_free(&g->base);
        return NULL;
    }
    return g ? &g->base : NULL;
}

file_provider *git_files_tree(repo *r, const git_tree *tree)
{
    git_files *g = files_new(r);
    if (g)
        g->tree = tree;
    return g ? &g->base : NULL;
}

file_provider *git_files_index_quick(repo *r)
{
    git_files *g = (git_files *)git_files_index(r);
    if (g) {
        g->quick = true;
        g->index_written = worktree_index_written(g->index);
    }
    return g ? &g->base : NULL;
}

void git_files_free(file_provider *p)
{
    if (!p)
        return;
    git_files *g = (git_files *)p;
    git_index_free(g->index);
    pthread_mutex_destroy(&g->lock);
    free(g);
}
