#include "tree_cache.h"

#include "region.h"
#include "str_hash.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define BUCKETS 1024 /* a power of two */

struct tree_cache_entry {
    /* In a block of the cache's region with its path, source and table
     * (freed as one), or else in the heap with each of them. */
    bool placed;
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
    /* Where entries live: apart from the heap, where they would scatter
     * among each file's short-lived allocations and keep its pages from
     * serving a large file, so that a scan's peak memory rose with the
     * files scanned before. */
    region *entries;
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
    /* Room for the budget, and for the headers and gaps between blocks. */
    if (!(c->entries = region_new(budget_bytes + budget_bytes / 8))) {
        pthread_mutex_destroy(&c->lock);
        free(c);
        return NULL;
    }
    c->budget = budget_bytes;
    return c;
}

static void entry_free(tree_cache *c, tree_cache_entry *e)
{
    if (e->placed) {
        region_release(c->entries, e);
        return;
    }
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
        entry_free(c, e);
    }
    pthread_mutex_destroy(&c->lock);
    region_free(c->entries);
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

static void drop(tree_cache *c, tree_cache_entry *e)
{
    tree_cache_entry **link = &c->buckets[e->hash & (BUCKETS - 1)];
    while (*link != e)
        link = &(*link)->next_in_bucket;
    *link = e->next_in_bucket;
    unlink_recency(c, e);
    c->bytes -= e->bytes;
    entry_free(c, e);
}

/* Drops the oldest entry not in use, or with `placed`, the oldest in the
 * region; false when there is none. */
static bool drop_oldest_unused(tree_cache *c, bool placed)
{
    tree_cache_entry *e = c->oldest;
    while (e && (e->uses || (placed && !e->placed)))
        e = e->newer;
    if (e)
        drop(c, e);
    return e != NULL;
}

/* Drops unused entries, oldest first, until the cache is within budget. */
static void shrink(tree_cache *c)
{
    while (c->bytes > c->budget && drop_oldest_unused(c, false))
        ;
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

/* Bytes rounded up to keep the next part of a block aligned for any type. */
static size_t aligned(size_t bytes)
{
    return (bytes + 15) / 16 * 16;
}

/* An entry for `src` and `table` in a block of the region, copied there,
 * dropping unused entries from the region, oldest first, until a block
 * fits; NULL when none does. The caller still owns `src` and `table`. */
static tree_cache_entry *entry_place(tree_cache *c, const char *path, const source_file *src,
                                     const syntax_table *table, size_t bytes)
{
    /* An entry past the budget would empty the region and still not fit. */
    if (bytes > c->budget)
        return NULL;
    void *block = region_alloc(c->entries, bytes);
    while (!block && drop_oldest_unused(c, true))
        block = region_alloc(c->entries, bytes);
    if (!block)
        return NULL;
    tree_cache_entry *e = block;
    char *at = (char *)block + aligned(sizeof(*e));
    *e = (tree_cache_entry){.placed = true, .table = syntax_table_place(table, at)};
    at += aligned(syntax_table_memory(table));
    e->src = source_file_place(src, at);
    at += aligned(source_file_memory(src));
    e->path = strcpy(at, path);
    return e;
}

/* An entry for `src` and `table`, which it takes, in the heap; NULL when
 * out of memory. */
static tree_cache_entry *entry_new(const char *path, source_file *src, syntax_table *table)
{
    tree_cache_entry *e = calloc(1, sizeof(*e));
    char *copy = strdup(path);
    if (!e || !copy) {
        free(e);
        free(copy);
        return NULL;
    }
    *e = (tree_cache_entry){.path = copy, .src = src, .table = table};
    return e;
}

tree_cache_entry *tree_cache_put(tree_cache *c, const char *path, source_file *src,
                                 syntax_table *table)
{
    uint64_t hash = str_hash(path);
    size_t bytes = aligned(sizeof(tree_cache_entry)) + aligned(syntax_table_memory(table)) +
                   aligned(source_file_memory(src)) + strlen(path) + 1;
    pthread_mutex_lock(&c->lock);
    tree_cache_entry *e = find(c, path, hash);
    if (e) {
        use(c, e);
        pthread_mutex_unlock(&c->lock);
        syntax_table_free(table);
        source_file_free(src);
        return e;
    }
    /* Room first, so that the new entry's block can reuse the dropped ones'. */
    c->bytes += bytes;
    shrink(c);
    tree_cache_entry *fresh = entry_place(c, path, src, table, bytes);
    bool placed = fresh != NULL;
    if (!fresh && !(fresh = entry_new(path, src, table))) {
        c->bytes -= bytes;
        pthread_mutex_unlock(&c->lock);
        return NULL;
    }
    fresh->hash = hash;
    fresh->bytes = bytes;
    fresh->uses = 1;
    fresh->next_in_bucket = c->buckets[hash & (BUCKETS - 1)];
    c->buckets[hash & (BUCKETS - 1)] = fresh;
    push_newest(c, fresh);
    pthread_mutex_unlock(&c->lock);
    if (placed) {
        syntax_table_free(table);
        source_file_free(src);
    }
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
