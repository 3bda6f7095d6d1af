#include "git_diff.h"

#include "git_index_tree.h"
#include "git_worktree.h"
#include "language.h"
#include "path.h"
#include "path_set.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    changeset_file file;
    changeset_lines *lines;
    size_t line_cap;
} entry;

struct changeset {
    entry *entries; /* sorted by path */
    size_t count, cap;
    path_set *submodules; /* in the diff's order */
};

static void set_error(char *err, size_t err_size, const char *what)
{
    const git_error *e = git_error_last();
    snprintf(err, err_size, "%s: %s", what, e && e->message ? e->message : "out of memory");
}

static entry *push_entry(changeset *c, const git_diff_delta *d)
{
    if (c->count == c->cap) {
        size_t next = c->cap ? c->cap * 2 : 16;
        entry *grown = realloc(c->entries, next * sizeof(*grown));
        if (!grown)
            return NULL;
        c->entries = grown;
        c->cap = next;
    }
    entry *e = &c->entries[c->count];
    memset(e, 0, sizeof(*e));
    e->file.path = strdup(d->new_file.path);
    e->file.old_path = strdup(d->status == GIT_DELTA_RENAMED ? d->old_file.path : d->new_file.path);
    if (!e->file.path || !e->file.old_path) {
        free((char *)e->file.path);
        free((char *)e->file.old_path);
        return NULL;
    }
    e->file.status = d->status == GIT_DELTA_RENAMED    ? CHANGESET_RENAMED
                     : d->status == GIT_DELTA_MODIFIED ? CHANGESET_MODIFIED
                                                       : CHANGESET_ADDED;
    c->count++;
    return e;
}

/* Records a line added on the new side, merging it into the last range. */
static int add_line(entry *e, uint32_t line)
{
    changeset_lines *last = e->file.line_count ? &e->lines[e->file.line_count - 1] : NULL;
    if (last && last->first + last->count == line) {
        last->count++;
        return 0;
    }
    if (e->file.line_count == e->line_cap) {
        size_t next = e->line_cap ? e->line_cap * 2 : 8;
        changeset_lines *grown = realloc(e->lines, next * sizeof(*grown));
        if (!grown)
            return -1;
        e->lines = grown;
        e->line_cap = next;
    }
    e->lines[e->file.line_count++] = (changeset_lines){line, 1};
    return 0;
}

static int record_lines(entry *e, git_diff *diff, size_t index)
{
    git_patch *patch = NULL;
    if (git_patch_from_diff(&patch, diff, index) != 0)
        return -1;
    int rc = 0;
    for (size_t h = 0; patch && rc == 0 && h < git_patch_num_hunks(patch); h++) {
        int lines = git_patch_num_lines_in_hunk(patch, h);
        for (int l = 0; rc == 0 && l < lines; l++) {
            const git_diff_line *line = NULL;
            rc = git_patch_get_line_in_hunk(&line, patch, h, (size_t)l);
            if (rc == 0 && line->origin == GIT_DIFF_LINE_ADDITION && line->new_lineno > 0)
                rc = add_line(e, (uint32_t)line->new_lineno);
        }
    }
    git_patch_free(patch);
    return rc;
}

static int compare_entries(const void *a, const void *b)
{
    return strcmp(((const entry *)a)->file.path, ((const entry *)b)->file.path);
}

static bool under_pathspec(const changeset_options *o, const char *path)
{
    for (size_t i = 0; i < o->pathspec_count; i++)
        if (path_is_under(path, o->pathspec[i]))
            return true;
    return o->pathspec_count == 0;
}

/* Untracked files are listed only when they are templates. */
static bool untracked_wanted(const char *path, bool is_dir, void *payload)
{
    (void)payload;
    return is_dir || language_for_path(path) != LANGUAGE_NONE;
}

/*
 * The paths that may have changed, under the pathspec, for the diff to
 * look at instead of every file: where the index differs from the base,
 * and, for the work tree, where it may differ from the index. `*out` NULL
 * (without an error): every path, since the index gives no tree (a merge
 * in progress).
 */
static int changed_paths(path_set **out, repo *r, git_index *index, const changeset_options *o)
{
    path_set *all = path_set_new(), *kept = path_set_new();
    *out = NULL;
    int rc = all && kept ? 0 : -1;
    if (rc == 0 && index_tree_changes(all, repo_git(r), index, o->base) != 0) {
        path_set_free(all);
        path_set_free(kept);
        git_error_clear();
        return 0;
    }
    worktree_options wo = {o->pathspec, o->pathspec_count, untracked_wanted, NULL};
    if (rc == 0 && !o->staged)
        rc = worktree_paths_find(all, repo_git(r), index, &wo);
    if (rc == 0)
        path_set_sort(all);
    for (size_t i = 0; rc == 0 && i < path_set_count(all); i++)
        if (under_pathspec(o, path_set_get(all, i)))
            rc = path_set_add(kept, path_set_get(all, i));
    path_set_free(all);
    if (rc != 0) {
        if (!git_error_last())
            git_error_set_oom();
        path_set_free(kept);
        return -1;
    }
    *out = kept;
    return 0;
}

int changeset_compute(changeset **out, repo *r, const changeset_options *o, char *err,
                      size_t err_size)
{
    *out = NULL;
    changeset *c = calloc(1, sizeof(*c));
    if (!c || !(c->submodules = path_set_new())) {
        free(c);
        snprintf(err, err_size, "out of memory");
        return -1;
    }
    git_diff_options opts;
    git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
    /* Paths are literal, and a file edited in a submodule is the
     * submodule's business: only a moved submodule commit shows. */
    opts.flags = GIT_DIFF_DISABLE_PATHSPEC_MATCH;
    opts.ignore_submodules = GIT_SUBMODULE_IGNORE_DIRTY;
    if (!o->staged)
        opts.flags |= GIT_DIFF_INCLUDE_UNTRACKED | GIT_DIFF_RECURSE_UNTRACKED_DIRS;
    git_diff *diff = NULL;
    git_index *index = NULL;
    path_set *paths = NULL;
    int rc = git_repository_index(&index, repo_git(r));
    if (rc == 0)
        rc = changed_paths(&paths, r, index, o);
    if (rc == 0 && paths) {
        opts.pathspec.strings = path_set_items(paths);
        opts.pathspec.count = path_set_count(paths);
    } else if (rc == 0) {
        bool everything = false;
        for (size_t i = 0; i < o->pathspec_count; i++)
            everything |= o->pathspec[i][0] == '\0';
        if (!everything && o->pathspec_count) {
            opts.pathspec.strings = (char **)o->pathspec;
            opts.pathspec.count = o->pathspec_count;
        }
    }
    /* An empty pathspec would be everything: nothing changed. */
    if (rc == 0 && paths && path_set_count(paths) == 0) {
        path_set_free(paths);
        git_index_free(index);
        *out = c;
        return 0;
    }
    if (rc == 0)
        rc = o->staged
                 ? git_diff_tree_to_index(&diff, repo_git(r), (git_tree *)o->base, index, &opts)
                 : git_diff_tree_to_workdir_with_index(&diff, repo_git(r), (git_tree *)o->base,
                                                       &opts);
    path_set_free(paths);
    git_index_free(index);
    git_diff_find_options find;
    git_diff_find_options_init(&find, GIT_DIFF_FIND_OPTIONS_VERSION);
    find.flags = GIT_DIFF_FIND_RENAMES | (o->staged ? 0 : GIT_DIFF_FIND_FOR_UNTRACKED);
    if (rc == 0)
        rc = git_diff_find_similar(diff, &find);
    if (rc != 0) {
        set_error(err, err_size, "cannot compute the changes");
        git_diff_free(diff);
        changeset_free(c);
        return -1;
    }
    for (size_t i = 0; rc == 0 && i < git_diff_num_deltas(diff); i++) {
        const git_diff_delta *d = git_diff_get_delta(diff, i);
        if (d->status == GIT_DELTA_DELETED || d->status == GIT_DELTA_UNMODIFIED ||
            d->status == GIT_DELTA_IGNORED || d->status == GIT_DELTA_UNREADABLE)
            continue;
        if (d->new_file.mode == GIT_FILEMODE_COMMIT) {
            rc = path_set_add(c->submodules, d->new_file.path);
            continue;
        }
        /* Symbolic links are not followed into templates, as in discovery. */
        if (d->new_file.mode == GIT_FILEMODE_LINK ||
            language_for_path(d->new_file.path) == LANGUAGE_NONE)
            continue;
        entry *e = push_entry(c, d);
        if (!e || (o->lines && record_lines(e, diff, i) != 0))
            rc = -1;
    }
    git_diff_free(diff);
    if (rc != 0) {
        set_error(err, err_size, "cannot compute the changes");
        changeset_free(c);
        return -1;
    }
    if (c->count > 1)
        qsort(c->entries, c->count, sizeof(*c->entries), compare_entries);
    for (size_t i = 0; i < c->count; i++)
        c->entries[i].file.lines = c->entries[i].lines;
    *out = c;
    return 0;
}

void changeset_free(changeset *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->count; i++) {
        free((char *)c->entries[i].file.path);
        free((char *)c->entries[i].file.old_path);
        free(c->entries[i].lines);
    }
    free(c->entries);
    path_set_free(c->submodules);
    free(c);
}

size_t changeset_count(const changeset *c)
{
    return c->count;
}

const changeset_file *changeset_get(const changeset *c, size_t index)
{
    return index < c->count ? &c->entries[index].file : NULL;
}

const changeset_file *changeset_find(const changeset *c, const char *path)
{
    size_t lo = 0, hi = c->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int cmp = strcmp(path, c->entries[mid].file.path);
        if (cmp == 0)
            return &c->entries[mid].file;
        if (cmp < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

size_t changeset_submodule_count(const changeset *c)
{
    return path_set_count(c->submodules);
}

const char *changeset_submodule(const changeset *c, size_t index)
{
    return path_set_get(c->submodules, index);
}
