#include "model_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

int model_grow(arena *a, void **items, uint32_t *cap, uint32_t count, size_t elem_size)
{
    if (count < *cap)
        return 0;
    if (*cap > UINT32_MAX / 2)
        return -1;
    uint32_t next = *cap ? *cap * 2 : 8;
    void *grown = arena_calloc(a, next, elem_size);
    if (!grown)
        return -1;
    if (count)
        memcpy(grown, *items, (size_t)count * elem_size);
    *items = grown;
    *cap = next;
    return 0;
}

/* Arrays whose capacity is not stored grow at 8, 16, 32...: a count that is
 * zero or a power of two of at least 8 means the array is full. */
int model_push(arena *a, void ***items, uint32_t *count, void *item)
{
    uint32_t n = *count;
    if (n == 0 || (n >= 8 && (n & (n - 1)) == 0)) {
        uint32_t cap = n; /* full: model_grow doubles it, or starts at 8 */
        if (model_grow(a, (void **)items, &cap, n, sizeof(void *)))
            return -1;
    }
    (*items)[n] = item;
    *count = n + 1;
    return 0;
}

az_model *model_new(void)
{
    az_model *m = calloc(1, sizeof(*m));
    if (!m)
        return NULL;
    m->arena = arena_new();
    if (!m->arena) {
        free(m);
        return NULL;
    }
    return m;
}

void az_model_free(az_model *m)
{
    if (!m)
        return;
    arena_free(m->arena);
    free(m);
}

int model_file_add(az_model *m, const char *display_path, uint32_t *index)
{
    for (uint32_t i = 0; i < m->file_count; i++) {
        if (strcmp(m->files[i], display_path) == 0) {
            *index = i;
            return 0;
        }
    }
    if (model_grow(m->arena, (void **)&m->files, &m->file_cap, m->file_count, sizeof(char *)))
        return -1;
    char *copy = arena_strndup(m->arena, display_path, strlen(display_path));
    if (!copy)
        return -1;
    m->files[m->file_count] = copy;
    *index = m->file_count++;
    return 0;
}

int model_deployment_add(az_model *m, az_deployment *d)
{
    if (model_grow(m->arena, (void **)&m->deployments, &m->deployment_cap, m->deployment_count,
                   sizeof(az_deployment *)))
        return -1;
    m->deployments[m->deployment_count++] = d;
    return 0;
}

int model_warning_add(az_model *m, az_range at, const char *message)
{
    if (model_grow(m->arena, (void **)&m->warnings, &m->warning_cap, m->warning_count,
                   sizeof(az_warning)))
        return -1;
    char *copy = arena_strndup(m->arena, message, strlen(message));
    if (!copy)
        return -1;
    m->warnings[m->warning_count].range = at;
    m->warnings[m->warning_count].message = copy;
    m->warning_count++;
    return 0;
}

uint32_t az_model_file_count(const az_model *m)
{
    return m->file_count;
}

const char *az_model_file_path(const az_model *m, uint32_t index)
{
    return index < m->file_count ? m->files[index] : NULL;
}

uint32_t az_model_deployment_count(const az_model *m)
{
    return m->deployment_count;
}

az_deployment *az_model_deployment(const az_model *m, uint32_t index)
{
    return index < m->deployment_count ? m->deployments[index] : NULL;
}

uint32_t az_model_warning_count(const az_model *m)
{
    return m->warning_count;
}

const az_warning *az_model_warning(const az_model *m, uint32_t index)
{
    return index < m->warning_count ? &m->warnings[index] : NULL;
}

int az_deployment_visit_resources(az_deployment *d, int (*fn)(az_resource *r, void *ud), void *ud)
{
    /* Module nesting is bounded by the module depth limit, so recursion
     * here is bounded too. */
    for (uint32_t i = 0; i < d->resource_count; i++) {
        int rc = fn(d->resources[i], ud);
        if (rc)
            return rc;
    }
    for (uint32_t i = 0; i < d->module_count; i++) {
        az_deployment *child = d->modules[i]->child;
        if (!child)
            continue;
        int rc = az_deployment_visit_resources(child, fn, ud);
        if (rc)
            return rc;
    }
    return 0;
}

/* Copying ----------------------------------------------------------------- */

/* Copies of the `count` structs of `size` bytes that `from` points to, in
 * an array of pointers with the room model_push expects. */
static bool copy_items(arena *a, void ***out, void *const *from, uint32_t count, size_t size)
{
    *out = NULL;
    if (!count)
        return true;
    uint32_t cap = 8;
    while (cap < count)
        cap *= 2;
    void **items = arena_calloc(a, cap, sizeof(*items));
    char *block = arena_calloc(a, count, size);
    if (!items || !block)
        return false;
    for (uint32_t i = 0; i < count; i++)
        items[i] = memcpy(block + (size_t)i * size, from[i], size);
    *out = items;
    return true;
}

static size_t pointer_slot(const void *p, size_t mask)
{
    return ((uintptr_t)p >> 4) & mask;
}

/* Points the parents of `to`'s resources at the copies of the parents in
 * `from`, found through a table of `from`'s resources: a parent may stand
 * anywhere in the deployment. One outside it is kept as it is. */
static bool copy_parents(const az_deployment *from, az_deployment *to)
{
    uint32_t n = from->resource_count;
    bool any = false;
    for (uint32_t i = 0; i < n && !any; i++)
        any = from->resources[i]->parent != NULL;
    if (!any)
        return true;
    size_t size = 16;
    while (size < (size_t)n * 2)
        size *= 2;
    uint32_t *slots = calloc(size, sizeof(*slots)); /* resource index + 1; 0 is free */
    if (!slots)
        return false;
    for (uint32_t i = 0; i < n; i++) {
        size_t k = pointer_slot(from->resources[i], size - 1);
        while (slots[k])
            k = (k + 1) & (size - 1);
        slots[k] = i + 1;
    }
    for (uint32_t i = 0; i < n; i++) {
        az_resource *r = to->resources[i];
        for (size_t k = pointer_slot(r->parent, size - 1); r->parent && slots[k];
             k = (k + 1) & (size - 1)) {
            if (from->resources[slots[k] - 1] == r->parent) {
                r->parent = to->resources[slots[k] - 1];
                break;
            }
        }
    }
    free(slots);
    return true;
}

az_deployment *model_deployment_copy(arena *a, const az_deployment *d, az_deployment *parent,
                                     az_module *via)
{
    az_deployment *c = arena_alloc(a, sizeof(*c));
    if (!c)
        return NULL;
    *c = *d;
    c->parent = parent;
    c->via = via;
    if (!copy_items(a, (void ***)&c->parameters, (void *const *)d->parameters, d->parameter_count,
                    sizeof(az_parameter)) ||
        !copy_items(a, (void ***)&c->variables, (void *const *)d->variables, d->variable_count,
                    sizeof(az_variable)) ||
        !copy_items(a, (void ***)&c->resources, (void *const *)d->resources, d->resource_count,
                    sizeof(az_resource)) ||
        !copy_items(a, (void ***)&c->modules, (void *const *)d->modules, d->module_count,
                    sizeof(az_module)) ||
        !copy_items(a, (void ***)&c->outputs, (void *const *)d->outputs, d->output_count,
                    sizeof(az_output)) ||
        !copy_parents(d, c))
        return NULL;
    for (uint32_t i = 0; i < c->resource_count; i++)
        c->resources[i]->deployment = c;
    /* Module nesting is bounded by the module depth limit. */
    for (uint32_t i = 0; i < c->module_count; i++) {
        az_module *m = c->modules[i];
        if (m->child && !(m->child = model_deployment_copy(a, m->child, c, m)))
            return NULL;
    }
    return c;
}

/* Querying ---------------------------------------------------------------- */

typedef struct {
    az_match *out;
    size_t max;
    size_t count;
} match_sink;

static void sink_add(match_sink *sink, const az_value *value, const az_value *nearest)
{
    if (sink->count < sink->max) {
        az_match *m = &sink->out[sink->count];
        const az_value *site = value ? value : nearest;
        m->value = value;
        m->origin = value ? value->origin : AZ_ORIGIN_LITERAL;
        m->via = value ? value->via : NULL;
        m->use = site ? site->range : (az_range){0};
        m->def = value ? value->def : (az_range){0};
    }
    sink->count++;
}

typedef enum {
    SEG_KEY,
    SEG_ALL,
    SEG_INDEX,
} seg_kind;

typedef struct {
    seg_kind kind;
    const char *key;
    size_t key_len;
    uint32_t index;
} path_seg;

/* Reads the segment at `*p`; returns 0, 1 at the end, or -1 when malformed. */
static int path_next(const char **p, path_seg *seg)
{
    const char *s = *p;
    if (*s == '\0')
        return 1;
    if (*s == '.')
        s++;
    if (*s == '[') {
        s++;
        if (s[0] == '*' && s[1] == ']') {
            seg->kind = SEG_ALL;
            *p = s + 2;
            return 0;
        }
        if (!isdigit((unsigned char)*s))
            return -1;
        uint64_t n = 0;
        while (isdigit((unsigned char)*s)) {
            n = n * 10 + (uint64_t)(*s - '0');
            if (n > UINT32_MAX)
                return -1;
            s++;
        }
        if (*s != ']')
            return -1;
        seg->kind = SEG_INDEX;
        seg->index = (uint32_t)n;
        *p = s + 1;
        return 0;
    }
    const char *start = s;
    while (*s && *s != '.' && *s != '[')
        s++;
    if (s == start)
        return -1;
    seg->kind = SEG_KEY;
    seg->key = start;
    seg->key_len = (size_t)(s - start);
    *p = s;
    return 0;
}

static int path_valid(const char *path)
{
    path_seg seg = {0};
    int rc;
    if (!path || !*path || *path == '.')
        return 0;
    while ((rc = path_next(&path, &seg)) == 0)
        ;
    return rc == 1;
}

/* Walks the rest of the path from `v`. The path is bounded by its own
 * length, and so is this recursion. */
static void query_from(const az_value *v, const char *path, match_sink *sink)
{
    path_seg seg = {0};
    int rc = path_next(&path, &seg);
    if (rc == 1) {
        sink_add(sink, v, v);
        return;
    }
    if (v->kind == AZ_UNKNOWN) {
        sink_add(sink, v, v);
        return;
    }
    switch (seg.kind) {
    case SEG_KEY: {
        const az_member *mem = az_value_member(v, seg.key, seg.key_len);
        if (!mem || !mem->value || mem->value->kind == AZ_ABSENT) {
            sink_add(sink, NULL, v);
            return;
        }
        query_from(mem->value, path, sink);
        return;
    }
    case SEG_ALL:
        if (v->kind != AZ_ARRAY) {
            sink_add(sink, NULL, v);
            return;
        }
        for (uint32_t i = 0; i < v->u.array.count; i++)
            query_from(v->u.array.items[i], path, sink);
        return;
    case SEG_INDEX:
        if (v->kind != AZ_ARRAY || seg.index >= v->u.array.count) {
            sink_add(sink, NULL, v);
            return;
        }
        query_from(v->u.array.items[seg.index], path, sink);
        return;
    }
}

size_t az_query(const az_value *root, const char *path, az_match *out, size_t max)
{
    if (!root || !path_valid(path))
        return 0;
    match_sink sink = {out, out ? max : 0, 0};
    query_from(root, path, &sink);
    return sink.count;
}

const az_value *az_query_value(const az_value *root, const char *path)
{
    az_match m;
    if (az_query(root, path, &m, 1) == 0)
        return NULL;
    return m.value;
}
