#include "tree_cache.h"

#include "str_hash.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define BUCKETS 1024 /* a power of two */

struct tree_cache_entry {
    char *path;
    uint64_t hash;
    source_file *src;
    syntax_table *table;
    size_t bytes; /* of memory the entry holds */
    unsigned uses;
    tree_cache_entry *next_in_bucket;
    tree_cache_entry *newer, *older; /* the recency list */
};

struct tree_cache {
    pthread_mutex_t lock;
    size_t budget, bytes; /* bytes: of all entries' memory */
    tree_cache_entry *buckets[BUCKETS];
    tree_cache_entry *newest, *oldest;
};

tree_cache *tree_cache_new(size_t budget_bytes)
{
    tree_cache *c = calloc(1, sizeof(*c));
    if (!c)
        return NULL;
    if (pthread_mutex_init(&c->lock, NULL) != 0) {
        free(c);
        return NULL;
    }
    c->budget = budget_bytes;
    return c;
}

static void entry_free(tree_cache_entry *e)
{
    syntax_table_free(e->table);
    source_file_free(e->src);
    free(e->path);
    free(e);
}

void tree_cache_free(tree_cache *c)
{
    if (!c)
        return;
    for (tree_cache_entry *e = c->newest, *next; e; e = next) {
        next = e->older;
        entry_free(e);
    }
    pthread_mutex_destroy(&c->lock);
    free(c);
}

static void unlink_recency(tree_cache *c, tree_cache_entry *e)
{
    if (e->newer)
        e->newer->older = e->older;
    else
        c->newest = e->older;
    if (e->older)
        e->older->newer = e->newer;
    else
        c->oldest = e->newer;
    e->newer = e->older = NULL;
}

static void push_newest(tree_cache *c, tree_cache_entry *e)
{
    e->older = c->newest;
    if (c->newest)
        c->newest->newer = e;
    c->newest = e;
    if (!c->oldest)
        c->oldest = e;
}

static tree_cache_entry *find(tree_cache *c, const char *path, uint64_t hash)
{
    for (tree_cache_entry *e = c->buckets[hash & (BUCKETS - 1)]; e; e = e->next_in_bucket)
        if (e->hash == hash && strcmp(e->path, path) == 0)
            return e;
    return NULL;
}

/* A use of `e`, which becomes the most recent. */
static tree_cache_entry *use(tree_cache *c, tree_cache_entry *e)
{
    e->uses++;
    unlink_recency(c, e);
    push_newest(c, e);
    return e;
}

/* Drops unused entries, oldest first, until the cache is within budget. */
static void shrink(tree_cache *c)
{
    for (tree_cache_entry *e = c->oldest, *newer; e && c->bytes > c->budget; e = newer) {
        newer = e->newer;
        if (e->uses)
            continue;
        tree_cache_entry **link = &c->buckets[e->hash & (BUCKETS - 1)];
        while (*link != e)
            link = &(*link)->next_in_bucket;
        *link = e->next_in_bucket;
        unlink_recency(c, e);
        c->bytes -= e->bytes;
        entry_free(e);
    }
}

tree_cache_entry *tree_cache_get(tree_cache *c, const char *path)
{
    uint64_t hash = str_hash(path);
    pthread_mutex_lock(&c->lock);
    tree_cache_entry *e = find(c, path, hash);
    if (e)
        use(c, e);
    pthread_mutex_unlock(&c->lock);
    return e;
}

tree_cache_entry *tree_cache_put(tree_cache *c, const char *path, source_file *src,
                                 syntax_table *table)
{
    uint64_t hash = str_hash(path);
    tree_cache_entry *fresh = calloc(1, sizeof(*fresh));
    char *copy = strdup(path);
    if (!fresh || !copy) {
        free(fresh);
        free(copy);
        return NULL;
    }
    pthread_mutex_lock(&c->lock);
    tree_cache_entry *e = find(c, path, hash);
    if (e) {
        use(c, e);
        pthread_mutex_unlock(&c->lock);
        free(fresh);
        free(copy);
        syntax_table_free(table);
        source_file_free(src);
        return e;
    }
    size_t bytes =
        sizeof(*fresh) + strlen(copy) + 1 + source_file_memory(src) + syntax_table_memory(table);
    *fresh = (tree_cache_entry){
        .path = copy, .hash = hash, .src = src, .table = table, .bytes = bytes, .uses = 1};
    fresh->next_in_bucket = c->buckets[hash & (BUCKETS - 1)];
    c->buckets[hash & (BUCKETS - 1)] = fresh;
    push_newest(c, fresh);
    c->bytes += fresh->bytes;
    shrink(c);
    pthread_mutex_unlock(&c->lock);
    return fresh;
}

const source_file *tree_cache_entry_source(const tree_cache_entry *e)
{
    return e->src;
}

bool tree_cache_entry_clean(const tree_cache_entry *e)
{
    return !syntax_node_has_error(syntax_table_root(e->table));
}

const syntax_table *tree_cache_entry_table(const tree_cache_entry *e)
{
    return e->table;
}

size_t tree_cache_memory(tree_cache *c)
{
    pthread_mutex_lock(&c->lock);
    size_t bytes = c->bytes;
    pthread_mutex_unlock(&c->lock);
    return bytes;
}

void tree_cache_release(tree_cache *c, tree_cache_entry *e)
{
    if (!e)
        return;
    pthread_mutex_lock(&c->lock);
    e->uses--;
    shrink(c);
    pthread_mutex_unlock(&c->lock);
}
