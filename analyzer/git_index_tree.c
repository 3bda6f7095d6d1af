#include "git_index_tree.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A directory of the index: its path with a trailing '/' ("" for the
 * root), and the id of the tree it would be. */
typedef struct {
    char *path;
    git_oid id;
} index_dir;

typedef struct {
    git_repository *repo;
    git_index *index;
    path_set *out;
    index_dir *dirs; /* sorted by path once hashed */
    size_t dir_count, dir_cap;
    char *buf; /* the tree being hashed, reused */
    size_t buf_cap;
    bool failed;
} ctx;

static void fail_oom(ctx *c)
{
    if (!c->failed)
        git_error_set_oom();
    c->failed = true;
}

static void add(ctx *c, const char *path)
{
    if (path_set_add(c->out, path) != 0)
        fail_oom(c);
}

/* Appends a tree entry ("<octal mode> <name>\0<raw id>") at `*len`. */
static void append_entry(ctx *c, size_t *len, unsigned mode, const char *name, size_t name_len,
                         const git_oid *id)
{
    size_t need = *len + name_len + 32 + GIT_OID_RAWSZ;
    if (need > c->buf_cap) {
        size_t next = need * 2;
        char *grown = realloc(c->buf, next);
        if (!grown) {
            fail_oom(c);
            return;
        }
        c->buf = grown;
        c->buf_cap = next;
    }
    *len += (size_t)sprintf(c->buf + *len, "%o ", mode);
    memcpy(c->buf + *len, name, name_len);
    *len += name_len;
    c->buf[(*len)++] = '\0';
    memcpy(c->buf + *len, id->id, GIT_OID_RAWSZ);
    *len += GIT_OID_RAWSZ;
}

/*
 * Hashes the directory `prefix` (its first `prefix_len` bytes, ending with
 * '/' but at the root) from the index entries from `*pos` on, which the
 * index keeps in the order of tree entries, and records it. Its entries
 * are laid out from `base` in the buffer, after its parents'.
 */
static void hash_dir(ctx *c, size_t *pos, const char *prefix, size_t prefix_len, size_t base,
                     git_oid *out)
{
    size_t len = base, n = git_index_entrycount(c->index);
    while (!c->failed && *pos < n) {
        const git_index_entry *e = git_index_get_byindex(c->index, *pos);
        if (strncmp(e->path, prefix, prefix_len) != 0)
            break;
        const char *name = e->path + prefix_len;
        const char *slash = strchr(name, '/');
        if (git_index_entry_stage(e) != 0) {
            git_error_set_str(GIT_ERROR_INDEX, "the index has conflicts");
            c->failed = true;
            return;
        }
        if (!slash) {
            /* Not committed until added for real; a change all the same. */
            if (e->flags_extended & GIT_INDEX_ENTRY_INTENT_TO_ADD)
                add(c, e->path);
            else
                append_entry(c, &len, e->mode, name, strlen(name), &e->id);
            (*pos)++;
            continue;
        }
        git_oid sub;
        hash_dir(c, pos, e->path, (size_t)(slash + 1 - e->path), len, &sub);
        /* The buffer may have moved; the entry has not. */
        append_entry(c, &len, GIT_FILEMODE_TREE, name, (size_t)(slash - name), &sub);
    }
    if (c->failed)
        return;
    if (c->dir_count == c->dir_cap) {
        size_t next = c->dir_cap ? c->dir_cap * 2 : 64;
        index_dir *grown = realloc(c->dirs, next * sizeof(*grown));
        if (!grown) {
            fail_oom(c);
            return;
        }
        c->dirs = grown;
        c->dir_cap = next;
    }
    char *path = strndup(prefix, prefix_len);
    if (!path || git_odb_hash(out, c->buf + base, len - base, GIT_OBJECT_TREE) != 0) {
        free(path);
        fail_oom(c);
        return;
    }
    c->dirs[c->dir_count++] = (index_dir){path, *out};
}

static int compare_dirs(const void *a, const void *b)
{
    return strcmp(((const index_dir *)a)->path, ((const index_dir *)b)->path);
}

/* The index's directory `path` (with a trailing '/', or ""), or NULL. */
static const index_dir *find_dir(const ctx *c, const char *path)
{
    index_dir key = {(char *)path, {{0}}};
    return bsearch(&key, c->dirs, c->dir_count, sizeof(*c->dirs), compare_dirs);
}

/* "dir" + "name" + `tail`; malloc'd, NULL when out of memory. */
static char *join(ctx *c, const char *dir, const char *name, const char *tail)
{
    size_t n = strlen(dir) + strlen(name) + strlen(tail) + 1;
    char *path = malloc(n);
    if (!path)
        fail_oom(c);
    else
        snprintf(path, n, "%s%s%s", dir, name, tail);
    return path;
}

/* Every file of the tree `id`, under `dir`. */
static void add_tree(ctx *c, const git_oid *id, const char *dir)
{
    git_tree *t = NULL;
    if (git_tree_lookup(&t, c->repo, id) != 0) {
        c->failed = true;
        return;
    }
    for (size_t i = 0; !c->failed && i < git_tree_entrycount(t); i++) {
        const git_tree_entry *e = git_tree_entry_byindex(t, i);
        bool tree = git_tree_entry_type(e) == GIT_OBJECT_TREE;
        char *path = join(c, dir, git_tree_entry_name(e), tree ? "/" : "");
        if (path && tree)
            add_tree(c, git_tree_entry_id(e), path);
        else if (path)
            add(c, path);
        free(path);
    }
    git_tree_free(t);
}

/* Every index entry under `dir` (ending with '/'). */
static void add_index_dir(ctx *c, const char *dir)
{
    size_t pos, n = git_index_entrycount(c->index), len = strlen(dir);
    if (git_index_find_prefix(&pos, c->index, dir) != 0)
        return;
    for (; !c->failed && pos < n; pos++) {
        const char *path = git_index_get_byindex(c->index, pos)->path;
        if (strncmp(path, dir, len) != 0)
            break;
        add(c, path);
    }
}

/* The paths under `dir` (ending with '/', or "") where the tree `base` and
 * the index's directory differ. */
static void compare(ctx *c, const git_oid *base, const char *dir)
{
    const index_dir *mine = find_dir(c, dir);
    if (!mine) {
        add_tree(c, base, dir);
        return;
    }
    if (git_oid_equal(&mine->id, base))
        return;
    git_tree *t = NULL;
    if (git_tree_lookup(&t, c->repo, base) != 0) {
        c->failed = true;
        return;
    }
    /* What the tree has: the same in the index, changed, or gone. */
    for (size_t i = 0; !c->failed && i < git_tree_entrycount(t); i++) {
        const git_tree_entry *e = git_tree_entry_byindex(t, i);
        bool tree = git_tree_entry_type(e) == GIT_OBJECT_TREE;
        char *path = join(c, dir, git_tree_entry_name(e), tree ? "/" : "");
        if (!path)
            break;
        if (tree) {
            compare(c, git_tree_entry_id(e), path);
        } else {
            const git_index_entry *ie = git_index_get_bypath(c->index, path, 0);
            if (!ie || ie->mode != git_tree_entry_filemode(e) ||
                !git_oid_equal(&ie->id, git_tree_entry_id(e)))
                add(c, path);
        }
        free(path);
    }
    /* What only the index has. */
    size_t pos, n = git_index_entrycount(c->index), len = strlen(dir);
    if (git_index_find_prefix(&pos, c->index, dir) != 0)
        pos = n;
    while (!c->failed && pos < n) {
        const char *path = git_index_get_byindex(c->index, pos)->path;
        if (strncmp(path, dir, len) != 0)
            break;
        const char *name = path + len, *slash = strchr(name, '/');
        char *first = strndup(name, slash ? (size_t)(slash - name) : strlen(name));
        if (!first) {
            fail_oom(c);
            break;
        }
        const git_tree_entry *e = git_tree_entry_byname(t, first);
        bool tree = e && git_tree_entry_type(e) == GIT_OBJECT_TREE;
        if (!slash && (!e || tree))
            add(c, path);
        char *sub = slash && !tree ? join(c, dir, first, "/") : NULL;
        if (sub)
            add_index_dir(c, sub);
        free(sub);
        free(first);
        /* On past this entry, or past the whole subdirectory. */
        pos++;
        while (slash && pos < n &&
               strncmp(git_index_get_byindex(c->index, pos)->path, path,
                       (size_t)(slash + 1 - path)) == 0)
            pos++;
    }
    git_tree_free(t);
}

int index_tree_changes(path_set *out, git_repository *repo, git_index *index, const git_tree *base)
{
    ctx c = {0};
    c.repo = repo;
    c.index = index;
    c.out = out;
    size_t pos = 0;
    git_oid root;
    hash_dir(&c, &pos, "", 0, 0, &root);
    if (!c.failed && c.dir_count > 1)
        qsort(c.dirs, c.dir_count, sizeof(*c.dirs), compare_dirs);
    if (!c.failed && base)
        compare(&c, git_tree_id(base), "");
    else if (!c.failed)
        add_index_dir(&c, "");
    for (size_t i = 0; i < c.dir_count; i++)
        free(c.dirs[i].path);
    free(c.dirs);
    free(c.buf);
    return c.failed ? -1 : 0;
}
