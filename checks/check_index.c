#include "check_index.h"

#include <pthread.h>
#include <stdlib.h>
#include <strings.h>

/* The resource checks of one type: checks[first .. first + count). */
typedef struct {
    const char *type; /* as the first check in the registry that names it spells it */
    size_t first, count;
} type_entry;

struct check_index {
    type_entry *types; /* sorted ignoring case, each type once */
    size_t type_count;
    const az_check **checks;     /* the resource checks, grouped by type */
    const az_check **deployment; /* the deployment checks */
    size_t deployment_count;
};

/* A type one check names, and the check's place in the registry. */
typedef struct {
    const char *type;
    size_t order;
    const az_check *check;
} type_pair;

static int compare_pairs(const void *x, const void *y)
{
    const type_pair *a = x, *b = y;
    int c = strcasecmp(a->type, b->type);
    if (c)
        return c;
    return (a->order > b->order) - (a->order < b->order);
}

static void index_free(check_index *ix)
{
    if (!ix)
        return;
    free(ix->types);
    free(ix->checks);
    free(ix->deployment);
    free(ix);
}

/* Whether the engine runs `c` on resources: a check with a function for
 * resources but no types runs on none. */
static bool runs_on_resources(const az_check *c)
{
    return c->resource && c->meta.resource_types;
}

/* The index of the registry, or NULL when out of memory. */
static check_index *index_build(void)
{
    size_t check_count = az_check_count(), pair_count = 0, deployment_count = 0;
    for (size_t i = 0; i < check_count; i++) {
        const az_check *c = az_check_get(i);
        for (const char *const *t = runs_on_resources(c) ? c->meta.resource_types : NULL; t && *t;
             t++)
            pair_count++;
        deployment_count += !c->resource && c->deployment;
    }
    check_index *ix = calloc(1, sizeof(*ix));
    type_pair *pairs = malloc((pair_count ? pair_count : 1) * sizeof(*pairs));
    if (ix) {
        ix->types = malloc((pair_count ? pair_count : 1) * sizeof(*ix->types));
        ix->checks = malloc((pair_count ? pair_count : 1) * sizeof(*ix->checks));
        ix->deployment =
            malloc((deployment_count ? deployment_count : 1) * sizeof(*ix->deployment));
    }
    if (!ix || !pairs || !ix->types || !ix->checks || !ix->deployment) {
        free(pairs);
        index_free(ix);
        return NULL;
    }
    size_t n = 0;
    for (size_t i = 0; i < check_count; i++) {
        const az_check *c = az_check_get(i);
        if (!c->resource && c->deployment)
            ix->deployment[ix->deployment_count++] = c;
        for (const char *const *t = runs_on_resources(c) ? c->meta.resource_types : NULL; t && *t;
             t++)
            pairs[n++] = (type_pair){*t, i, c};
    }
    /* By type, then in registry order: each type's checks run in the order
     * the registry lists them. */
    qsort(pairs, n, sizeof(*pairs), compare_pairs);
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        type_entry *last = ix->type_count ? &ix->types[ix->type_count - 1] : NULL;
        if (!last || strcasecmp(last->type, pairs[i].type) != 0) {
            last = &ix->types[ix->type_count++];
            *last = (type_entry){pairs[i].type, kept, 0};
        } else if (ix->checks[kept - 1] == pairs[i].check) {
            continue; /* a check that names a type twice runs on it once */
        }
        ix->checks[kept++] = pairs[i].check;
        last->count++;
    }
    free(pairs);
    return ix;
}

static pthread_mutex_t index_lock = PTHREAD_MUTEX_INITIALIZER;
static check_index *index_built; /* under index_lock */

const check_index *check_index_get(void)
{
    pthread_mutex_lock(&index_lock);
    if (!index_built)
        index_built = index_build();
    const check_index *ix = index_built;
    pthread_mutex_unlock(&index_lock);
    return ix;
}

static int compare_type(const void *key, const void *item)
{
    return strcasecmp(key, ((const type_entry *)item)->type);
}

const az_check *const *check_index_resource_checks(const check_index *ix, const char *type,
                                                   size_t *count)
{
    const type_entry *e = bsearch(type, ix->types, ix->type_count, sizeof(*e), compare_type);
    *count = e ? e->count : 0;
    return e ? ix->checks + e->first : NULL;
}

const az_check *const *check_index_deployment_checks(const check_index *ix, size_t *count)
{
    *count = ix->deployment_count;
    return ix->deployment;
}
