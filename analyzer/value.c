#include "value.h"

#include <string.h>

static az_value *value_new(arena *a, az_kind kind, az_range range)
{
    az_value *v = arena_alloc(a, sizeof(*v));
    if (!v)
        return NULL;
    v->kind = kind;
    v->origin = AZ_ORIGIN_LITERAL;
    v->range = range;
    return v;
}

az_value *az_value_absent(arena *a, az_range range)
{
    return value_new(a, AZ_ABSENT, range);
}

az_value *az_value_unknown(arena *a, az_range range, const char *reason)
{
    az_value *v = value_new(a, AZ_UNKNOWN, range);
    if (v)
        v->u.unknown.reason = reason ? reason : "unknown";
    return v;
}

az_value *az_value_null(arena *a, az_range range)
{
    return value_new(a, AZ_NULL, range);
}

az_value *az_value_bool(arena *a, az_range range, bool b)
{
    az_value *v = value_new(a, AZ_BOOL, range);
    if (v)
        v->u.boolean = b;
    return v;
}

az_value *az_value_int(arena *a, az_range range, int64_t i)
{
    az_value *v = value_new(a, AZ_INT, range);
    if (v)
        v->u.integer = i;
    return v;
}

az_value *az_value_string(arena *a, az_range range, const char *s, size_t len)
{
    if (len > UINT32_MAX)
        return NULL;
    char *copy = arena_strndup(a, s, len);
    return copy ? az_value_string_adopt(a, range, copy, len) : NULL;
}

az_value *az_value_string_adopt(arena *a, az_range range, const char *s, size_t len)
{
    if (len > UINT32_MAX)
        return NULL;
    az_value *v = value_new(a, AZ_STRING, range);
    if (v) {
        v->u.string.ptr = s;
        v->u.string.len = (uint32_t)len;
    }
    return v;
}

az_value *az_value_array(arena *a, az_range range, az_value **items, uint32_t count)
{
    az_value *v = value_new(a, AZ_ARRAY, range);
    if (v) {
        v->u.array.items = items;
        v->u.array.count = count;
    }
    return v;
}

static unsigned char fold(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + ('a' - 'A')) : c;
}

static bool keys_equal(const char *x, size_t xlen, const char *y, size_t ylen)
{
    if (xlen != ylen)
        return false;
    for (size_t i = 0; i < xlen; i++)
        if (fold((unsigned char)x[i]) != fold((unsigned char)y[i]))
            return false;
    return true;
}

static uint32_t key_hash(const char *s, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ fold((unsigned char)s[i])) * 16777619u;
    return h;
}

/* Index of the earlier member with the same key as members[i], or i. Small
 * objects are searched directly; larger ones through `slots`, an open
 * addressing table of member indices plus one (0 = empty). */
static uint32_t find_duplicate(az_member *members, uint32_t i, uint32_t *slots, uint32_t mask)
{
    const az_member *m = &members[i];
    if (!slots) {
        for (uint32_t j = 0; j < i; j++)
            if (keys_equal(members[j].key, members[j].key_len, m->key, m->key_len))
                return j;
        return i;
    }
    uint32_t s = key_hash(m->key, m->key_len) & mask;
    while (slots[s]) {
        uint32_t j = slots[s] - 1;
        if (keys_equal(members[j].key, members[j].key_len, m->key, m->key_len))
            return j;
        s = (s + 1) & mask;
    }
    slots[s] = i + 1;
    return i;
}

#define DIRECT_SEARCH_MAX 16

az_value *az_value_object(arena *a, az_range range, az_member *members, uint32_t count)
{
    uint32_t *slots = NULL;
    uint32_t mask = 0;
    if (count > DIRECT_SEARCH_MAX) {
        if (count > (UINT32_C(1) << 30))
            return NULL;
        uint32_t size = 64;
        while (size < count * 2)
            size *= 2;
        slots = arena_calloc(a, size, sizeof(*slots));
        if (!slots)
            return NULL;
        mask = size - 1;
    }
    /* Compact in place: a duplicate overwrites the earlier member's slot. */
    uint32_t kept = 0;
    for (uint32_t i = 0; i < count; i++) {
        members[kept] = members[i];
        uint32_t j = find_duplicate(members, kept, slots, mask);
        if (j != kept)
            members[j] = members[kept];
        else
            kept++;
    }
    az_value *v = value_new(a, AZ_OBJECT, range);
    if (v) {
        v->u.object.members = members;
        v->u.object.count = kept;
    }
    return v;
}

bool az_array_builder_add(az_array_builder *b, az_value *item)
{
    if (b->failed || !item)
        return b->failed = true, false;
    if (b->count == b->capacity) {
        if (b->capacity == UINT32_MAX)
            return b->failed = true, false;
        uint32_t capacity = b->capacity > UINT32_MAX / 2 ? UINT32_MAX
                            : b->capacity                ? b->capacity * 2
                                                         : 8;
        az_value **items = arena_calloc(b->a, capacity, sizeof(*items));
        if (!items)
            return b->failed = true, false;
        if (b->count)
            memcpy(items, b->items, b->count * sizeof(*items));
        b->items = items;
        b->capacity = capacity;
    }
    b->items[b->count++] = item;
    return true;
}

az_value *az_array_builder_finish(az_array_builder *b, az_range range)
{
    if (b->failed)
        return NULL;
    return az_value_array(b->a, range, b->items, b->count);
}

bool az_object_builder_add(az_object_builder *b, const char *key, size_t key_len,
                           az_range key_range, az_value *value)
{
    if (b->failed || !value || key_len > UINT32_MAX)
        return b->failed = true, false;
    if (b->count == b->capacity) {
        if (b->capacity == UINT32_MAX)
            return b->failed = true, false;
        uint32_t capacity = b->capacity > UINT32_MAX / 2 ? UINT32_MAX
                            : b->capacity                ? b->capacity * 2
                                                         : 8;
        az_member *members = arena_calloc(b->a, capacity, sizeof(*members));
        if (!members)
            return b->failed = true, false;
        if (b->count)
            memcpy(members, b->members, b->count * sizeof(*members));
        b->members = members;
        b->capacity = capacity;
    }
    char *copy = arena_strndup(b->a, key, key_len);
    if (!copy)
        return b->failed = true, false;
    b->members[b->count++] = (az_member){copy, (uint32_t)key_len, key_range, value};
    return true;
}

az_value *az_object_builder_finish(az_object_builder *b, az_range range)
{
    if (b->failed)
        return NULL;
    return az_value_object(b->a, range, b->members, b->count);
}

az_value *az_value_relocate(arena *a, const az_value *v, az_range range)
{
    az_value *copy = arena_alloc(a, sizeof(*copy));
    if (copy) {
        *copy = *v;
        copy->range = range;
    }
    return copy;
}

az_value *az_value_through(arena *a, const az_value *v, az_origin origin, const char *via,
                           az_range def, az_range use)
{
    az_value *copy = az_value_relocate(a, v, use);
    if (copy) {
        copy->origin = origin;
        copy->via = via;
        copy->def = def;
    }
    return copy;
}

const az_member *az_value_member(const az_value *v, const char *key, size_t key_len)
{
    if (!v || v->kind != AZ_OBJECT)
        return NULL;
    for (uint32_t i = 0; i < v->u.object.count; i++) {
        const az_member *m = &v->u.object.members[i];
        if (keys_equal(m->key, m->key_len, key, key_len))
            return m;
    }
    return NULL;
}

static az_equality compare(const az_value *x, const az_value *y, bool fold_case, unsigned depth)
{
    if (x->kind == AZ_UNKNOWN || x->kind == AZ_ABSENT || y->kind == AZ_UNKNOWN ||
        y->kind == AZ_ABSENT)
        return AZ_EQUAL_UNKNOWN;
    if (x->kind != y->kind)
        return AZ_UNEQUAL;
    switch (x->kind) {
    case AZ_NULL:
        return AZ_EQUAL;
    case AZ_BOOL:
        return x->u.boolean == y->u.boolean ? AZ_EQUAL : AZ_UNEQUAL;
    case AZ_INT:
        return x->u.integer == y->u.integer ? AZ_EQUAL : AZ_UNEQUAL;
    case AZ_STRING:
        if (fold_case)
            return keys_equal(x->u.string.ptr, x->u.string.len, y->u.string.ptr, y->u.string.len)
                       ? AZ_EQUAL
                       : AZ_UNEQUAL;
        return x->u.string.len == y->u.string.len &&
                       memcmp(x->u.string.ptr, y->u.string.ptr, x->u.string.len) == 0
                   ? AZ_EQUAL
                   : AZ_UNEQUAL;
    case AZ_ARRAY:
    case AZ_OBJECT:
        break;
    default:
        return AZ_EQUAL_UNKNOWN;
    }

    bool array = x->kind == AZ_ARRAY;
    uint32_t count = array ? x->u.array.count : x->u.object.count;
    if (count != (array ? y->u.array.count : y->u.object.count))
        return AZ_UNEQUAL;
    if (depth >= AZ_VALUE_MAX_DEPTH)
        return AZ_EQUAL_UNKNOWN;
    az_equality result = AZ_EQUAL;
    for (uint32_t i = 0; i < count; i++) {
        const az_value *xi, *yi;
        if (array) {
            xi = x->u.array.items[i];
            yi = y->u.array.items[i];
        } else {
            const az_member *m = &x->u.object.members[i];
            const az_member *n = az_value_member(y, m->key, m->key_len);
            if (!n)
                return AZ_UNEQUAL;
            xi = m->value;
            yi = n->value;
        }
        az_equality e = compare(xi, yi, fold_case, depth + 1);
        if (e == AZ_UNEQUAL)
            return AZ_UNEQUAL;
        if (e == AZ_EQUAL_UNKNOWN)
            result = AZ_EQUAL_UNKNOWN;
    }
    return result;
}

az_equality az_value_compare(const az_value *x, const az_value *y, bool fold_case)
{
    return compare(x, y, fold_case, 0);
}

bool az_value_equal(const az_value *x, const az_value *y, bool fold_case)
{
    return compare(x, y, fold_case, 0) == AZ_EQUAL;
}

bool az_range_same(az_range x, az_range y)
{
    return x.file == y.file && x.start_line == y.start_line && x.start_column == y.start_column &&
           x.end_line == y.end_line && x.end_column == y.end_column;
}

bool az_value_scalar_same(const az_value *x, const az_value *y)
{
    if (x->kind != y->kind)
        return false;
    switch (x->kind) {
    case AZ_NULL:
        return true;
    case AZ_BOOL:
        return x->u.boolean == y->u.boolean;
    case AZ_INT:
        return x->u.integer == y->u.integer;
    case AZ_STRING:
        return x->u.string.len == y->u.string.len &&
               memcmp(x->u.string.ptr, y->u.string.ptr, x->u.string.len) == 0;
    default:
        return false;
    }
}

static bool identical(const az_value *x, const az_value *y, unsigned depth)
{
    if (x == y)
        return true;
    if (!x || !y || x->kind != y->kind || x->origin != y->origin || x->flags != y->flags ||
        !az_range_same(x->range, y->range) || !az_range_same(x->def, y->def) ||
        (x->via != y->via && (!x->via || !y->via || strcmp(x->via, y->via) != 0)))
        return false;
    switch (x->kind) {
    case AZ_BOOL:
    case AZ_INT:
    case AZ_STRING:
        return az_value_scalar_same(x, y);
    case AZ_UNKNOWN:
        return strcmp(x->u.unknown.reason, y->u.unknown.reason) == 0;
    case AZ_ARRAY:
        if (x->u.array.count != y->u.array.count ||
            (x->u.array.count && depth >= AZ_VALUE_MAX_DEPTH))
            return false;
        for (uint32_t i = 0; i < x->u.array.count; i++)
            if (!identical(x->u.array.items[i], y->u.array.items[i], depth + 1))
                return false;
        return true;
    case AZ_OBJECT:
        if (x->u.object.count != y->u.object.count ||
            (x->u.object.count && depth >= AZ_VALUE_MAX_DEPTH))
            return false;
        for (uint32_t i = 0; i < x->u.object.count; i++) {
            const az_member *m = &x->u.object.members[i], *n = &y->u.object.members[i];
            if (m->key_len != n->key_len || memcmp(m->key, n->key, m->key_len) != 0 ||
                !az_range_same(m->key_range, n->key_range) ||
                !identical(m->value, n->value, depth + 1))
                return false;
        }
        return true;
    default:
        return true; /* absent and null: nothing more to compare */
    }
}

bool az_value_identical(const az_value *x, const az_value *y)
{
    return identical(x, y, 0);
}

static const char *unknown_reason(const az_value *v, unsigned depth)
{
    switch (v->kind) {
    case AZ_UNKNOWN:
        return v->u.unknown.reason;
    case AZ_ABSENT:
        return "absent value";
    case AZ_ARRAY:
    case AZ_OBJECT: {
        bool array = v->kind == AZ_ARRAY;
        uint32_t count = array ? v->u.array.count : v->u.object.count;
        if (count && depth >= AZ_VALUE_MAX_DEPTH)
            return "value nested too deeply";
        for (uint32_t i = 0; i < count; i++) {
            const az_value *item = array ? v->u.array.items[i] : v->u.object.members[i].value;
            const char *reason = unknown_reason(item, depth + 1);
            if (reason)
                return reason;
        }
        return NULL;
    }
    default:
        return NULL;
    }
}

const char *az_value_unknown_reason(const az_value *v)
{
    return unknown_reason(v, 0);
}

const char *az_kind_name(az_kind kind)
{
    static const char *const names[] = {
        [AZ_ABSENT] = "absent", [AZ_UNKNOWN] = "unknown", [AZ_NULL] = "null",
        [AZ_BOOL] = "bool",     [AZ_INT] = "int",         [AZ_STRING] = "string",
        [AZ_ARRAY] = "array",   [AZ_OBJECT] = "object",
    };
    return (unsigned)kind < sizeof(names) / sizeof(names[0]) ? names[kind] : "invalid";
}

const char *az_origin_name(az_origin origin)
{
    static const char *const names[] = {
        [AZ_ORIGIN_LITERAL] = "literal",
        [AZ_ORIGIN_PARAMETER_DEFAULT] = "parameter default",
        [AZ_ORIGIN_PARAMETER_FILE] = "parameter file",
        [AZ_ORIGIN_VARIABLE] = "variable",
        [AZ_ORIGIN_MODULE_ARGUMENT] = "module argument",
        [AZ_ORIGIN_EXPRESSION] = "expression",
    };
    return (unsigned)origin < sizeof(names) / sizeof(names[0]) ? names[origin] : "invalid";
}
