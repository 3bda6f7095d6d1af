#define _XOPEN_SOURCE 700 /* realpath */
#include "file_provider.h"

#include "str_hash.h"

#include <dirent.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int disk_list(const char *dir, path_set *names)
{
    DIR *dh = opendir(*dir ? dir : "/");
    if (!dh)
        return 0;
    int rc = 0;
    struct dirent *de;
    while (rc == 0 && (de = readdir(dh)))
        if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
            rc = path_set_add(names, de->d_name);
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
    return p ? p->list(p, dir, names) : disk_list(dir, names);
}

/* Remembered answers: a slot per hash, the newest answer winning. 1024
 * slots hold the module paths a scan keeps resolving. */
#define MEMO_SLOTS 1024 /* a power of two */

typedef struct {
    uint64_t hash;
    char *path, *resolved;
} memo_slot;

typedef struct {
    file_provider base; /* first, so that a memo is its provider */
    const file_provider *inner;
    pthread_mutex_t lock;
    memo_slot slots[MEMO_SLOTS];
} memo_provider;

static source_status memo_load(const file_provider *p, const char *path, char **data, size_t *len,
                               source_error *err)
{
    return file_provider_load(((const memo_provider *)p)->inner, path, data, len, err);
}

static int memo_list(const file_provider *p, const char *dir, path_set *names)
{
    return file_provider_list(((const memo_provider *)p)->inner, dir, names);
}

static char *copy_of(const char *s)
{
    size_t n = strlen(s) + 1;
    char *copy = malloc(n);
    return copy ? memcpy(copy, s, n) : NULL;
}

static char *memo_resolve(const file_provider *p, const char *path)
{
    /* The memo is the one thing about a provider that changes: behind the
     * lock, and never visible in an answer. */
    memo_provider *m = (memo_provider *)p;
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
    char *resolved = file_provider_resolve(m->inner, path);
    if (!resolved)
        return NULL;
    /* Only answers are remembered: a failure keeps the errno that says why. */
    char *key = copy_of(path), *value = copy_of(resolved);
    if (!key || !value) {
        free(key);
        free(value);
        return resolved;
    }
    pthread_mutex_lock(&m->lock);
    free(slot->path);
    free(slot->resolved);
    *slot = (memo_slot){hash, key, value};
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
    m->base = (file_provider){memo_load, memo_resolve, memo_list};
    m->inner = base;
    return &m->base;
}

void file_provider_memo_free(file_provider *p)
{
    if (!p)
        return;
    memo_provider *m = (memo_provider *)p;
    for (size_t i = 0; i < MEMO_SLOTS; i++) {
        free(m->slots[i].path);
        free(m->slots[i].resolved);
    }
    pthread_mutex_destroy(&m->lock);
    free(m);
}
