#define _DEFAULT_SOURCE /* d_type */
#include "git_worktree.h"

#include "path.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
    path_set *out;
    git_repository *repo;
    git_index *index;
    const worktree_options *o;
    int64_t index_written;
    bool *seen; /* per index entry: met in the walk */
    char *path; /* the path being looked at, relative to the work tree */
    size_t path_cap;
    bool failed;
} walk;

int64_t worktree_index_written(git_index *index)
{
    struct stat st;
    const char *path = git_index_path(index);
    return path && stat(path, &st) == 0 ? (int64_t)st.st_mtim.tv_sec : 0;
}

bool worktree_entry_clean(const git_index_entry *e, const struct stat *st, int64_t index_written)
{
    bool type_same =
        S_ISREG(st->st_mode)
            ? e->mode == (st->st_mode & S_IXUSR ? GIT_FILEMODE_BLOB_EXECUTABLE : GIT_FILEMODE_BLOB)
            : S_ISLNK(st->st_mode) && e->mode == GIT_FILEMODE_LINK;
    /* Modified in the second the index was written: git calls it racy. */
    return type_same && e->mtime.seconds < index_written && (uint32_t)st->st_size == e->file_size &&
           (uint32_t)st->st_ino == e->ino && st->st_uid == e->uid && st->st_gid == e->gid &&
           st->st_mtim.tv_sec == e->mtime.seconds &&
           (uint32_t)st->st_mtim.tv_nsec == e->mtime.nanoseconds &&
           st->st_ctim.tv_sec == e->ctime.seconds &&
           (uint32_t)st->st_ctim.tv_nsec == e->ctime.nanoseconds;
}

static void add(walk *k, const char *path)
{
    if (path_set_add(k->out, path) != 0)
        k->failed = true;
}

typedef enum { SPEC_NONE, SPEC_ABOVE, SPEC_UNDER } spec_relation;

/* Whether `path` lies under a pathspec entry, or is a directory above one
 * (to be walked only towards it). */
static spec_relation relation(const worktree_options *o, const char *path)
{
    if (o->pathspec_count == 0)
        return SPEC_UNDER;
    spec_relation best = SPEC_NONE;
    for (size_t i = 0; i < o->pathspec_count; i++) {
        if (path_is_under(path, o->pathspec[i]))
            return SPEC_UNDER;
        if (path_is_under(o->pathspec[i], path))
            best = SPEC_ABOVE;
    }
    return best;
}

static bool wanted(const walk *k, bool is_dir)
{
    return !k->o->wanted || k->o->wanted(k->path, is_dir, k->o->payload);
}

static bool ignored(walk *k, const char *path)
{
    int ignored = 0;
    if (git_ignore_path_is_ignored(&ignored, k->repo, path) != 0)
        k->failed = true;
    return ignored == 1;
}

/* Appends "/name" (or "name" at the root) to the current path; returns the
 * old length, to cut back to. */
static size_t push(walk *k, const char *name)
{
    size_t len = strlen(k->path), n = strlen(name);
    if (len + n + 3 > k->path_cap) {
        size_t next = (len + n + 3) * 2;
        char *grown = realloc(k->path, next);
        if (!grown) {
            k->failed = true;
            return len;
        }
        k->path = grown;
        k->path_cap = next;
    }
    char *p = k->path + len;
    if (len)
        *p++ = '/';
    memcpy(p, name, n + 1);
    return len;
}

/* The tracked file met at `k->path` (index entry `pos`), whose directory
 * entry is `fd`'s `name`. */
static void look_at_tracked(walk *k, size_t pos, int fd, const char *name)
{
    const git_index_entry *e = git_index_get_byindex(k->index, pos);
    bool trusted = true;
    for (size_t i = pos; i < git_index_entrycount(k->index); i++) {
        const git_index_entry *same = git_index_get_byindex(k->index, i);
        if (strcmp(same->path, e->path) != 0)
            break;
        k->seen[i] = true;
        trusted &= git_index_entry_stage(same) == 0;
    }
    struct stat st;
    bool intent_to_add = e->flags_extended & GIT_INDEX_ENTRY_INTENT_TO_ADD;
    if (!trusted || intent_to_add || e->mode == GIT_FILEMODE_COMMIT ||
        fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
        !worktree_entry_clean(e, &st, k->index_written))
        add(k, k->path);
}

static void walk_dir(walk *k, int fd, bool tracked);

/* The directory `k->path`, entry `name` of `fd`: walked when it may hold
 * tracked files or untracked ones that are neither ignored nor unwanted. */
static void look_at_dir(walk *k, int fd, const char *name, spec_relation rel)
{
    size_t len = strlen(k->path);
    k->path[len] = '/';
    k->path[len + 1] = '\0';
    bool tracked = git_index_find_prefix(NULL, k->index, k->path) == 0;
    k->path[len] = '\0';
    if (!tracked && (rel == SPEC_NONE || !wanted(k, true)))
        return;
    if (!tracked) {
        k->path[len] = '/';
        k->path[len + 1] = '\0';
        bool skip = ignored(k, k->path);
        k->path[len] = '\0';
        if (skip)
            return;
    }
    int sub = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (sub < 0)
        return; /* unreadable: as libgit2, nothing to list; missing entries stay unseen */
    struct stat st;
    /* An untracked repository inside the work tree is its own business. */
    if (!tracked && fstatat(sub, ".git", &st, AT_SYMLINK_NOFOLLOW) == 0) {
        close(sub);
        return;
    }
    walk_dir(k, sub, tracked);
}

/* Walks the directory `k->path`, open as `fd` (taken), which holds tracked
 * files when `tracked`. */
static void walk_dir(walk *k, int fd, bool tracked)
{
    DIR *d = fdopendir(fd);
    if (!d) {
        close(fd);
        return;
    }
    struct dirent *de;
    while (!k->failed && (de = readdir(d))) {
        const char *name = de->d_name;
        if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0 || strcmp(name, ".git") == 0)
            continue;
        size_t len = push(k, name);
        if (k->failed)
            break;
        spec_relation rel = relation(k->o, k->path);
        bool is_dir = de->d_type == DT_DIR;
        if (de->d_type == DT_UNKNOWN) {
            struct stat st;
            is_dir = fstatat(dirfd(d), name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode);
        }
        size_t pos;
        bool in_index = tracked && rel != SPEC_NONE && git_index_find(&pos, k->index, k->path) == 0;
        if (in_index && rel == SPEC_UNDER) {
            if (is_dir && git_index_get_byindex(k->index, pos)->mode != GIT_FILEMODE_COMMIT)
                look_at_dir(k, dirfd(d), name, rel); /* a file that became a directory */
            else
                look_at_tracked(k, pos, dirfd(d), name);
        } else if (is_dir && rel != SPEC_NONE) {
            look_at_dir(k, dirfd(d), name, rel);
        } else if (rel == SPEC_UNDER && wanted(k, false) && !ignored(k, k->path)) {
            add(k, k->path);
        }
        k->path[len] = '\0';
    }
    closedir(d);
}

int worktree_paths_find(path_set *out, git_repository *repo, git_index *index,
                        const worktree_options *o)
{
    size_t n = git_index_entrycount(index);
    walk k = {0};
    k.out = out;
    k.repo = repo;
    k.index = index;
    k.o = o;
    k.index_written = worktree_index_written(index);
    k.seen = calloc(n ? n : 1, sizeof(*k.seen));
    k.path_cap = 256;
    k.path = calloc(k.path_cap, 1);
    const char *workdir = git_repository_workdir(repo);
    if (!workdir)
        git_error_set_str(GIT_ERROR_INVALID, "a bare repository has no work tree");
    k.failed = !k.seen || !k.path || !workdir;
    int fd = k.failed ? -1 : open(workdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0)
        walk_dir(&k, fd, true);
    /* Missing, turned into something else, or in a directory not walked. */
    for (size_t i = 0; i < n && !k.failed; i++) {
        const char *path = git_index_get_byindex(index, i)->path;
        if (!k.seen[i] && relation(o, path) == SPEC_UNDER)
            add(&k, path);
    }
    free(k.seen);
    free(k.path);
    return k.failed ? -1 : 0;
}
