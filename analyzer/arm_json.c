#define _GNU_SOURCE /* strcasestr */
#include "arm_json.h"
#include "json_string.h"
#include "model_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* What an object is to a template, for the members nothing reads. */
typedef enum {
    ROLE_OTHER,
    ROLE_SITE,       /* where a template is: the document, or a "template" member */
    ROLE_TEMPLATE,   /* a site that has had a "$schema" of a deployment template */
    ROLE_PARAMETERS, /* a template's "parameters" */
    ROLE_PARAMETER,  /* one of them */
} frame_role;

/* An open container. Its elements sit on the scratch stack of its kind from
 * `base` up: a nested container is closed, and its elements taken off,
 * before its parent gets another element, so one stack serves them all. */
typedef struct {
    az_kind kind; /* AZ_ARRAY or AZ_OBJECT */
    az_range range;
    uint32_t base;
    uint32_t node_depth; /* the container's depth in the walk */
    frame_role role;
    bool has_key;
    az_member key; /* the pending key of the pair being read */
} frame;

/* Elements of open containers; a closed container's are copied into the
 * arena at their exact count. */
typedef struct {
    az_value **items;
    az_member *members;
    uint32_t item_count, item_cap, member_count, member_cap;
} scratch;

typedef struct {
    TSSymbol object, array, string, number, true_, false_, null_, comment;
    TSFieldId key;
} json_symbols;

static json_symbols symbols_of(const TSLanguage *lang)
{
    json_symbols s;
    s.object = ts_language_symbol_for_name(lang, "object", 6, true);
    s.array = ts_language_symbol_for_name(lang, "array", 5, true);
    s.string = ts_language_symbol_for_name(lang, "string", 6, true);
    s.number = ts_language_symbol_for_name(lang, "number", 6, true);
    s.true_ = ts_language_symbol_for_name(lang, "true", 4, true);
    s.false_ = ts_language_symbol_for_name(lang, "false", 5, true);
    s.null_ = ts_language_symbol_for_name(lang, "null", 4, true);
    s.comment = ts_language_symbol_for_name(lang, "comment", 7, true);
    s.key = ts_language_field_id_for_name(lang, "key", 3);
    return s;
}

/* The text of a string node, unescaped into the arena, NUL-terminated;
 * NULL when out of memory. */
static const char *string_text(az_builder *b, const az_loaded_file *f, const syntax_walk_node *node,
                               size_t *len)
{
    uint32_t start = node->start_byte, end = node->end_byte;
    const char *text = source_file_text(f->src);
    /* Between the quotes; an unterminated string has no closing one. */
    uint32_t body = start + 1;
    uint32_t body_end = end > body && text[end - 1] == '"' ? end - 1 : end;
    size_t raw = body_end > body ? body_end - body : 0;
    char *buf = arena_alloc(az_builder_arena(b), raw + 1);
    if (!buf)
        return NULL;
    *len = json_string_unescape(text + body, raw, buf);
    return buf;
}

static az_value *string_value(az_builder *b, const az_loaded_file *f, const syntax_walk_node *node)
{
    size_t len;
    const char *text = string_text(b, f, node, &len);
    return text ? az_value_string_adopt(az_builder_arena(b), az_builder_walk_range(b, f, node),
                                        text, len)
                : NULL;
}

static az_value *number_value(az_builder *b, const az_loaded_file *f, const syntax_walk_node *node)
{
    az_range range = az_builder_walk_range(b, f, node);
    const char *text = source_file_text(f->src) + node->start_byte;
    uint32_t len = node->end_byte - node->start_byte;
    char buf[32];
    if (len >= sizeof(buf) || memchr(text, '.', len) || memchr(text, 'e', len) ||
        memchr(text, 'E', len))
        return az_value_unknown(az_builder_arena(b), range, "not an integer");
    memcpy(buf, text, len);
    buf[len] = '\0';
    errno = 0;
    long long v = strtoll(buf, NULL, 10);
    if (errno == ERANGE)
        return az_value_unknown(az_builder_arena(b), range, "integer out of range");
    return az_value_int(az_builder_arena(b), range, v);
}

/* Makes room in a malloc'd array for one more than `count` items. */
static int grow(void **items, uint32_t *cap, uint32_t count, size_t elem_size)
{
    if (count < *cap)
        return 0;
    if (*cap > UINT32_MAX / 2)
        return -1;
    uint32_t next = *cap ? *cap * 2 : 256;
    void *grown = realloc(*items, (size_t)next * elem_size);
    if (!grown)
        return -1;
    *items = grown;
    *cap = next;
    return 0;
}

static bool key_is(const az_member *key, const char *name)
{
    size_t n = strlen(name);
    return key->key_len == n && strncasecmp(key->key, name, n) == 0;
}

/*
 * Whether the value of the key pending in `fr` is one nothing reads: a
 * template's "definitions" (user-defined types, which the model does not
 * resolve) and "metadata", and a parameter's "metadata" (its description).
 * Over AVM's compiled templates they are half of all values; they are left
 * unconverted, their subtrees unwalked, with an unknown value in their place.
 */
static bool value_unread(const frame *fr)
{
    if (!fr->has_key)
        return false;
    switch (fr->role) {
    case ROLE_TEMPLATE:
        return key_is(&fr->key, "definitions") || key_is(&fr->key, "metadata");
    case ROLE_PARAMETER:
        return key_is(&fr->key, "metadata");
    default:
        return false;
    }
}

/* The role of an object that is the value of the key pending in `parent`.
 * A template elsewhere (a variable's value) is a value the model holds and
 * prints: only a document's or a deployment's own template is cut short. */
static frame_role role_within(const frame *parent)
{
    if (parent->kind != AZ_OBJECT || !parent->has_key)
        return ROLE_OTHER;
    if (key_is(&parent->key, "template"))
        return ROLE_SITE;
    if (parent->role == ROLE_TEMPLATE && key_is(&parent->key, "parameters"))
        return ROLE_PARAMETERS;
    return parent->role == ROLE_PARAMETERS ? ROLE_PARAMETER : ROLE_OTHER;
}

static int frame_add(scratch *sc, frame *fr, az_value *v)
{
    if (fr->kind == AZ_ARRAY) {
        if (grow((void **)&sc->items, &sc->item_cap, sc->item_count, sizeof(az_value *)))
            return -1;
        sc->items[sc->item_count++] = v;
        return 0;
    }
    if (!fr->has_key)
        return 0; /* a value without a key only comes from a syntax error */
    if (grow((void **)&sc->members, &sc->member_cap, sc->member_count, sizeof(az_member)))
        return -1;
    /* A "$schema" that names a deployment template makes a template. */
    if (fr->role == ROLE_SITE && v->kind == AZ_STRING && key_is(&fr->key, "$schema") &&
        strcasestr(v->u.string.ptr, "deploymentTemplate.json"))
        fr->role = ROLE_TEMPLATE;
    fr->key.value = v;
    sc->members[sc->member_count++] = fr->key;
    fr->has_key = false;
    return 0;
}

static az_value *frame_close(arena *a, scratch *sc, const frame *fr)
{
    if (fr->kind == AZ_ARRAY) {
        uint32_t n = sc->item_count - fr->base;
        az_value **items = n ? arena_alloc(a, (size_t)n * sizeof(*items)) : NULL;
        if (n && !items)
            return NULL;
        if (n)
            memcpy(items, sc->items + fr->base, (size_t)n * sizeof(*items));
        sc->item_count = fr->base;
        return az_value_array(a, fr->range, items, n);
    }
    uint32_t n = sc->member_count - fr->base;
    az_member *members = n ? arena_alloc(a, (size_t)n * sizeof(*members)) : NULL;
    if (n && !members)
        return NULL;
    if (n)
        memcpy(members, sc->members + fr->base, (size_t)n * sizeof(*members));
    sc->member_count = fr->base;
    return az_value_object(a, fr->range, members, n);
}

/* Adds `v` to the innermost open container, or takes it as the document's
 * value at the top. */
static int place(scratch *sc, frame *frames, uint32_t depth, az_value **result, az_value *v)
{
    if (!v)
        return -1;
    if (depth > 0)
        return frame_add(sc, &frames[depth - 1], v);
    if (!*result)
        *result = v;
    return 0;
}

az_value *arm_json_from_tree(az_builder *b, const az_loaded_file *f, int *nomem)
{
    arena *a = az_builder_arena(b);
    az_eval *ev = az_builder_eval(b);
    uint32_t max_depth = az_eval_limits(ev)->max_depth;
    json_symbols sym = symbols_of(ts_tree_language(f->tree));
    *nomem = 0;

    frame *frames = NULL;
    uint32_t depth = 0, frame_cap = 0;
    scratch sc = {0};
    az_value *result = NULL;
    bool warned = false;
    syntax_walk *w = syntax_walk_new(f->tree);
    if (!w)
        goto nomem;

    syntax_walk_node n;
    int step;
    while ((step = syntax_walk_next(w, &n)) == 1) {
        /* The containers this node is not inside of are complete. */
        while (depth > 0 && frames[depth - 1].node_depth >= n.depth) {
            depth--;
            if (place(&sc, frames, depth, &result, frame_close(a, &sc, &frames[depth])))
                goto nomem;
        }
        if (n.depth == 0)
            continue; /* the document: its value is its child */
        TSSymbol s = n.symbol;
        bool entered = false;
        az_value *v = NULL;
        bool produced = true;

        if (s == sym.comment || !n.named) {
            produced = false;
        } else if (s == sym.string && depth > 0 && frames[depth - 1].kind == AZ_OBJECT &&
                   n.field == sym.key) {
            produced = false;
            size_t len;
            const char *key = string_text(b, f, &n, &len);
            if (!key)
                goto nomem;
            frame *fr = &frames[depth - 1];
            fr->key.key = key;
            fr->key.key_len = (uint32_t)len;
            fr->key.key_range = az_builder_walk_range(b, f, &n);
            fr->has_key = true;
        } else if (depth > 0 && value_unread(&frames[depth - 1])) {
            v = az_value_unknown(a, az_builder_walk_range(b, f, &n), "not read");
        } else if (s == sym.object || s == sym.array) {
            if (depth >= max_depth) {
                az_range at = az_builder_walk_range(b, f, &n);
                if (!warned)
                    az_eval_warn(ev, at,
                                 "evaluation bound reached: JSON nested more than %u deep; "
                                 "value treated as unknown",
                                 max_depth);
                warned = true;
                v = az_value_unknown(a, at, "nested too deep");
            } else {
                if (grow((void **)&frames, &frame_cap, depth, sizeof(*frames)))
                    goto nomem;
                frame *fr = &frames[depth++];
                memset(fr, 0, sizeof(*fr));
                fr->kind = s == sym.object ? AZ_OBJECT : AZ_ARRAY;
                if (fr->kind == AZ_OBJECT)
                    fr->role = depth > 1 ? role_within(&frames[depth - 2]) : ROLE_SITE;
                fr->range = az_builder_walk_range(b, f, &n);
                fr->base = fr->kind == AZ_ARRAY ? sc.item_count : sc.member_count;
                fr->node_depth = n.depth;
                produced = false;
                entered = true;
            }
        } else if (s == sym.string) {
            v = string_value(b, f, &n);
        } else if (s == sym.number) {
            v = number_value(b, f, &n);
        } else if (s == sym.true_ || s == sym.false_) {
            v = az_value_bool(a, az_builder_walk_range(b, f, &n), s == sym.true_);
        } else if (s == sym.null_) {
            v = az_value_null(a, az_builder_walk_range(b, f, &n));
        } else {
            /* ERROR and anything unexpected: what it held is not known. */
            v = az_value_unknown(a, az_builder_walk_range(b, f, &n), "syntax error");
        }

        if (produced && place(&sc, frames, depth, &result, v))
            goto nomem;
        if (!entered)
            syntax_walk_skip_children(w);
    }
    if (step < 0)
        goto nomem;
    while (depth > 0) {
        depth--;
        if (place(&sc, frames, depth, &result, frame_close(a, &sc, &frames[depth])))
            goto nomem;
    }
    syntax_walk_free(w);
    free(frames);
    free(sc.items);
    free(sc.members);
    return result;

nomem:
    syntax_walk_free(w);
    free(frames);
    free(sc.items);
    free(sc.members);
    *nomem = 1;
    return NULL;
}
