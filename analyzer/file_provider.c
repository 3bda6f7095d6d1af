#define _XOPEN_SOURCE 700 /* realpath */
#include "file_provider.h"

#include "region.h"
#include "str_hash.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* As `list` for the disk. `*whole` tells whether every name was read: a
 * directory that cannot be opened or read lists none or some, unnoticed. */
static int disk_list(const char *dir, path_set *names, bool *whole)
{
    DIR *dh = opendir(*dir ? dir : "/");
    *whole = dh != NULL;
    if (!dh)
        return 0;
    int rc = 0;
    struct dirent *de;
    for (errno = 0; rc == 0 && (de = readdir(dh)); errno = 0)
        if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
            rc = path_set_add(names, de->d_name);
    *whole = rc == 0 && errno == 0;
    closedir(dh);
    return rc;
}

source_status file_provider_read(const file_provider *p, const char *path, source_file **out,
                                 source_error *err)
{
    *out = NULL;
    if (!p)
        return source_file_read(out, path, err);
    char *data;
    size_t len;
    source_status status = p->load(p, path, &data, &len, err);
    return status == SOURCE_OK ? source_file_adopt(out, data, len, err) : status;
}

source_status file_provider_load(const file_provider *p, const char *path, char **data, size_t *len,
                                 source_error *err)
{
    *data = NULL;
    *len = 0;
    if (p)
        return p->load(p, path, data, len, err);
    return source_file_load(path, data, len, err);
}

char *file_provider_resolve(const file_provider *p, const char *path)
{
    return p ? p->resolve(p, path) : realpath(path, NULL);
}

int file_provider_list(const file_provider *p, const char *dir, path_set *names)
{
    bool whole;
    return p ? p->list(p, dir, names) : disk_list(dir, names, &whole);
}

/* Remembered answers: a slot per hash, the newest answer winning. 256
 * slots hold the module paths a scan keeps resolving: over AVM a scan is as
 * fast as with 1024, and the slots, which fill as the scan goes, hold a
 * quarter of the memory (with 1024, a second copy of AVM raised the peak
 * RSS by 0.4 MiB more, as it filled the rest). */
#define MEMO_SLOTS 256 /* a power of two */

typedef struct {
    uint64_t hash;
    char *path, *resolved; /* one block of the memo's region: the path, then the answer */
} memo_slot;

/* Remembered listings. A template's parameter files are looked for beside
 * it, and the templates of a directory are scanned one after another (by
 * one worker or by neighbouring ones), so the few most recent listings
 * serve them all. One bigger than MEMO_LISTING_BYTES is not remembered:
 * at most MEMO_LISTINGS * MEMO_LISTING_BYTES bytes are held. */
#define MEMO_LISTINGS 8
#define MEMO_LISTING_BYTES 16384

typedef struct {
    uint64_t hash, used; /* `used`: the memo's tick when last used */
    size_t count;        /* of names */
    /* The directory, then each name, each ended by a NUL, in a block of the
     * memo's region; NULL: unused. */
    char *text;
} memo_listing;

/* The region the memo keeps its answers in: room for every listing, and
 * for as much again of paths. Answers come and go while files are built,
 * and in the heap, small and long-lived among each file's memory, they
 * kept its pages from serving the next large file. An answer the region
 * has no room for is not remembered. */
#define MEMO_REGION_BYTES (2 * MEMO_LISTINGS * MEMO_LISTING_BYTES)

typedef struct {
    file_provider base; /* first, so that a memo is its provider */
    const file_provider *inner;
    pthread_mutex_t lock; /* over all that follows */
    region *answers;
    memo_slot slots[MEMO_SLOTS];
    memo_listing listings[MEMO_LISTINGS];
    uint64_t tick;
} memo_provider;

static source_status memo_load(const file_provider *p, const char *path, char **data, size_t *len,
                               source_error *err)
{
    return file_provider_load(((const memo_provider *)p)->inner, path, data, len, err);
}

/* The remembered listing of `dir`, or NULL; with the lock held. */
static memo_listing *listing_find(memo_provider *m, const char *dir, uint64_t hash)
{
    for (size_t i = 0; i < MEMO_LISTINGS; i++) {
        memo_listing *l = &m->listings[i];
        if (l->text && l->hash == hash && strcmp(l->text, dir) == 0)
            return l;
    }
    return NULL;
}

/* Remembers names[from..] as the listing of `dir`, in place of the least
 * recently used one. Out of memory, it is not remembered. */
static void listing_remember(memo_provider *m, const char *dir, uint64_t hash,
                             const path_set *names, size_t from)
{
    size_t size = strlen(dir) + 1, count = path_set_count(names) - from;
    for (size_t i = from; i < path_set_count(names) && size <= MEMO_LISTING_BYTES; i++)
        size += strlen(path_set_get(names, i)) + 1;
    if (size > MEMO_LISTING_BYTES)
        return;
    pthread_mutex_lock(&m->lock);
    /* Another worker may have listed the same directory meanwhile. */
    if (!listing_find(m, dir, hash)) {
        /* The least recently used; an unused slot has `used` 0. */
        memo_listing *l = &m->listings[0];
        for (size_t i = 1; i < MEMO_LISTINGS; i++)
            if (m->listings[i].used < l->used)
                l = &m->listings[i];
        region_release(m->answers, l->text);
        *l = (memo_listing){0};
        char *text = region_alloc(m->answers, size);
        if (text) {
            char *end = stpcpy(text, dir) + 1;
            for (size_t i = from; i < path_set_count(names); i++)
                end = stpcpy(end, path_set_get(names, i)) + 1;
            *l = (memo_listing){hash, ++m->tick, count, text};
        }
    }
    pthread_mutex_unlock(&m->lock);
}

static int memo_list(const file_provider *p, const char *dir, path_set *names)
{
    memo_provider *m = (memo_provider *)p;
    uint64_t hash = str_hash(dir);
    pthread_mutex_lock(&m->lock);
    memo_listing *l = listing_find(m, dir, hash);
    int rc = 0;
    if (l) {
        l->used = ++m->tick;
        const char *name = l->text + strlen(l->text) + 1;
        for (size_t i = 0; rc == 0 && i < l->count; i++, name += strlen(name) + 1)
            rc = path_set_add(names, name);
    }
    pthread_mutex_unlock(&m->lock);
    if (l)
        return rc;
    size_t from = path_set_count(names);
    bool whole = true;
    rc = m->inner ? m->inner->list(m->inner, dir, names) : disk_list(dir, names, &whole);
    /* Only whole listings are remembered: a directory that could not be
     * read is looked at again. */
    if (rc == 0 && whole)
        listing_remember(m, dir, hash, names, from);
    return rc;
}

static char *copy_of(const char *s)
{
    size_t n = strlen(s) + 1;
    char *copy = malloc(n);
    return copy ? memcpy(copy, s, n) : NULL;
}

/* How many directories up from a path the memo resolves itself, leaving
 * the rest to realpath(3): more than a real tree has, and a bound on the
 * recursion that a module path of any length could ask for. */
#define MEMO_RESOLVE_DEPTH 32

static char *memo_resolve_within(memo_provider *m, const char *path, unsigned depth);

/*
 * realpath(3) of `path` on the disk, in fewer system calls: realpath reads
 * every component of every path again, where here the directory of a plain
 * last name (not ".", ".." or a symbolic link) is resolved through the
 * memo, which the files beside it share, and only that name is looked at,
 * by one lstat(2). Anything else, and any failure, is left to realpath,
 * whose errno then says why.
 */
static char *disk_resolve(memo_provider *m, const char *path, unsigned depth)
{
    const char *slash = strrchr(path, '/'), *name = slash ? slash + 1 : "";
    if (depth == 0 || !slash || slash == path || !*name || strcmp(name, ".") == 0 ||
        strcmp(name, "..") == 0)
        return realpath(path, NULL);
    size_t dir_len = (size_t)(slash - path);
    char *dir = malloc(dir_len + 1), *resolved_dir = NULL, *joined = NULL;
    if (dir) {
        memcpy(dir, path, dir_len);
        dir[dir_len] = '\0';
        resolved_dir = memo_resolve_within(m, dir, depth - 1);
    }
    if (resolved_dir) {
        size_t n = strlen(resolved_dir);
        if ((joined = malloc(n + strlen(name) + 2)))
            /* "/" alone takes no second slash. */
            stpcpy(stpcpy(stpcpy(joined, resolved_dir), n > 1 ? "/" : ""), name);
    }
    free(dir);
    free(resolved_dir);
    struct stat st;
    if (joined && lstat(joined, &st) == 0 && !S_ISLNK(st.st_mode))
        return joined;
    free(joined);
    return realpath(path, NULL);
}

static char *memo_resolve(const file_provider *p, const char *path)
{
    return memo_resolve_within((memo_provider *)p, path, MEMO_RESOLVE_DEPTH);
}

static char *memo_resolve_within(memo_provider *m, const char *path, unsigned depth)
{
    /* The memo is the one thing about a provider that changes: behind the
     * lock, and never visible in an answer. */
    uint64_t hash = str_hash(path);
    memo_slot *slot = &m->slots[hash & (MEMO_SLOTS - 1)];
    pthread_mutex_lock(&m->lock);
    char *copy = NULL;
    bool hit = slot->path && slot->hash == hash && strcmp(slot->path, path) == 0;
    if (hit)
        copy = copy_of(slot->resolved);
    pthread_mutex_unlock(&m->lock);
    if (hit)
        return copy; /* NULL when out of memory, as realpath(3) */
    char *resolved =
        m->inner ? file_provider_resolve(m->inner, path) : disk_resolve(m, path, depth);
    if (!resolved)
        return NULL;
    /* Only answers are remembered: a failure keeps the errno that says why. */
    size_t path_size = strlen(path) + 1, resolved_size = strlen(resolved) + 1;
    pthread_mutex_lock(&m->lock);
    region_release(m->answers, slot->path);
    *slot = (memo_slot){0};
    char *key = region_alloc(m->answers, path_size + resolved_size);
    if (key)
        *slot = (memo_slot){hash, memcpy(key, path, path_size),
                            memcpy(key + path_size, resolved, resolved_size)};
    pthread_mutex_unlock(&m->lock);
    return resolved;
}

file_provider *file_provider_memo_new(const file_provider *base)
{
    memo_provider *m = calloc(1, sizeof(*m));
    if (!m)
        return NULL;
    if (pthread_mutex_init(&m->lock, NULL) != 0) {
        free(m);
        return NULL;
    }
    if (!(m->answers = region_new(MEMO_REGION_BYTES))) {
        pthread_mutex_destroy(&m->lock);
        free(m);
        return NULL;
    }
    m->base = (file_provider){memo_load, memo_resolve, memo_list};
    m->inner = base;
    return &m->base;
}

void file_provider_memo_free(file_provider *p)
{
    if (!p)
        return;
    memo_provider *m = (memo_provider *)p;
    region_free(m->answers);
    pthread_mutex_destroy(&m->lock);
    free(m);
}
