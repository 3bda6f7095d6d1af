#include "identity_common.h"

#include <strings.h>

/* Bodies are bounded by the model's nesting limit; this bounds the search too. */
#define FIND_MAX_DEPTH 64

static const az_member *find(const az_value *v, const char *key, size_t key_len, bool *unknown,
                             int depth)
{
    if (!v || depth > FIND_MAX_DEPTH)
        return NULL;
    if (v->kind == AZ_UNKNOWN) {
        *unknown = true;
        return NULL;
    }
    if (v->kind == AZ_ARRAY) {
        for (uint32_t i = 0; i < v->u.array.count; i++) {
            const az_member *m = find(v->u.array.items[i], key, key_len, unknown, depth + 1);
            if (m)
                return m;
        }
        return NULL;
    }
    if (v->kind != AZ_OBJECT)
        return NULL;
    for (uint32_t i = 0; i < v->u.object.count; i++) {
        const az_member *m = &v->u.object.members[i];
        if (m->key_len == key_len && strncasecmp(m->key, key, key_len) == 0 && m->value &&
            m->value->kind != AZ_NULL && m->value->kind != AZ_ABSENT)
            return m;
    }
    for (uint32_t i = 0; i < v->u.object.count; i++) {
        const az_member *m = find(v->u.object.members[i].value, key, key_len, unknown, depth + 1);
        if (m)
            return m;
    }
    return NULL;
}

const az_member *identity_find_key(const az_value *v, const char *key, bool *saw_unknown)
{
    bool unknown = false;
    const az_member *m = find(v, key, strlen(key), &unknown, 0);
    if (saw_unknown)
        *saw_unknown = unknown;
    return m;
}

bool identity_is_child_of(const az_resource *child, const az_resource *parent)
{
    if (child->parent)
        return child->parent == parent;
    const az_value *c = child->name, *p = parent->name;
    if (!c || !p || c->kind != AZ_STRING || p->kind != AZ_STRING)
        return false;
    size_t n = p->u.string.len;
    return c->u.string.len > n + 1 && strncasecmp(c->u.string.ptr, p->u.string.ptr, n) == 0 &&
           c->u.string.ptr[n] == '/' &&
           memchr(c->u.string.ptr + n + 1, '/', c->u.string.len - n - 1) == NULL;
}

const char *identity_last_segment(const az_value *v, size_t *len)
{
    if (!v || v->kind != AZ_STRING)
        return NULL;
    const char *s = v->u.string.ptr, *end = s + v->u.string.len;
    while (end > s && end[-1] == '/')
        end--;
    const char *start = end;
    while (start > s && start[-1] != '/')
        start--;
    *len = (size_t)(end - start);
    return start;
}
