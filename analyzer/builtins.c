#include "builtins.h"

#include "json_value.h"
#include "utf8.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    az_eval *ev;
    arena *a;
    az_range at;
    const char *name; /* canonical spelling */
    az_value **args;
    size_t nargs;
    bool passthrough; /* the result is an argument (or part of one) relocated */
} call;

typedef az_value *(*builtin_fn)(call *c);

/* --- Helpers ------------------------------------------------------------- */

static unsigned char fold(unsigned char ch)
{
    return ch >= 'A' && ch <= 'Z' ? (unsigned char)(ch + ('a' - 'A')) : ch;
}

static bool fold_equal(const char *x, const char *y, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (fold((unsigned char)x[i]) != fold((unsigned char)y[i]))
            return false;
    return true;
}

static bool is_ascii(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80)
            return false;
    return true;
}

static az_value *type_error(call *c, size_t i, const char *expected)
{
    return az_eval_error(c->ev, c->at, "%s(): argument %zu must be %s, not %s", c->name, i + 1,
                         expected, az_kind_name(c->args[i]->kind));
}

static az_value *bad_argument(call *c, const char *what)
{
    return az_eval_error(c->ev, c->at, "%s(): %s", c->name, what);
}

static az_value *bound_unknown(call *c)
{
    return az_value_unknown(c->a, c->at, "evaluation bound reached");
}

/* The argument's reason when it is unknown or absent, else NULL. */
static const char *arg_unknown(const az_value *v)
{
    return v->kind == AZ_UNKNOWN  ? v->u.unknown.reason
           : v->kind == AZ_ABSENT ? "absent value"
                                  : NULL;
}

static az_value *unknown_as(call *c, const char *reason)
{
    return az_value_unknown(c->a, c->at, reason);
}

static az_value *pass(call *c, const az_value *v)
{
    c->passthrough = true;
    return az_value_relocate(c->a, v, c->at);
}

static az_value *make_string(call *c, const char *s, uint64_t len)
{
    char what[64];
    snprintf(what, sizeof(what), "%s() result", c->name);
    if (!az_eval_check_string(c->ev, c->at, what, len) || !az_eval_spend(c->ev, len / 8, c->at))
        return bound_unknown(c);
    return az_value_string(c->a, c->at, s, (size_t)len);
}

static az_value *make_array(call *c, az_value **items, uint64_t count)
{
    char what[64];
    snprintf(what, sizeof(what), "%s() result", c->name);
    if (!az_eval_check_array(c->ev, c->at, what, count) || !az_eval_spend(c->ev, count, c->at))
        return bound_unknown(c);
    return az_value_array(c->a, c->at, items, (uint32_t)count);
}

static az_value **new_items(call *c, uint64_t count)
{
    return arena_calloc(c->a, (size_t)(count ? count : 1), sizeof(az_value *));
}

/* A string being built, malloc-owned, capped at the string limit. */
typedef struct {
    char *p;
    size_t len, cap, limit;
    uint64_t want; /* the length it would have without the limit */
    bool too_long, nomem;
} sbuf;

static void sbuf_put(sbuf *b, const char *s, size_t n)
{
    b->want += n;
    if (n == 0 || b->too_long || b->nomem)
        return;
    if (n > b->limit - b->len) {
        b->too_long = true;
        return;
    }
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->len + n)
            cap *= 2;
        char *grown = realloc(b->p, cap);
        if (!grown) {
            b->nomem = true;
            return;
        }
        b->p = grown;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
}

static void sbuf_puts(sbuf *b, const char *s)
{
    sbuf_put(b, s, strlen(s));
}

static sbuf sbuf_for(call *c)
{
    return (sbuf){.limit = az_eval_limits(c->ev)->max_string_length};
}

/* Turns the buffer into the call's string result and frees it. */
static az_value *sbuf_finish(call *c, sbuf *b)
{
    az_value *v;
    if (b->nomem)
        v = NULL;
    else if (b->too_long)
        v = make_string(c, NULL, b->want); /* warns and gives unknown */
    else
        v = make_string(c, b->p ? b->p : "", b->len);
    free(b->p);
    return v;
}

/* .NET strings count UTF-16 code units: code points past U+FFFF count two. */
static size_t u16_length(const char *s, size_t n)
{
    size_t units = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        units += (ch & 0xC0) == 0x80 ? 0 : ch >= 0xF0 ? 2 : 1;
    }
    return units;
}

/* The byte offset of UTF-16 index `index`; false when it is past the end or
 * splits a surrogate pair. */
static bool u16_offset(const char *s, size_t n, uint64_t index, size_t *offset)
{
    size_t i = 0;
    uint64_t units = 0;
    while (units < index && i < n) {
        unsigned char ch = (unsigned char)s[i];
        units += ch >= 0xF0 ? 2 : 1;
        i++;
        while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
    }
    if (units != index)
        return false;
    *offset = i;
    return true;
}

static const char *format_int(char *buf, size_t size, int64_t i)
{
    snprintf(buf, size, "%" PRId64, i);
    return buf;
}

/* Scalars as .NET's ToString() writes them (ARM runs on .NET): booleans are
 * "True" and "False". NULL for arrays and objects. */
static const char *scalar_text(const az_value *v, char *buf, size_t size, size_t *len)
{
    const char *s;
    switch (v->kind) {
    case AZ_STRING:
        *len = v->u.string.len;
        return v->u.string.ptr;
    case AZ_INT:
        s = format_int(buf, size, v->u.integer);
        break;
    case AZ_BOOL:
        s = v->u.boolean ? "True" : "False";
        break;
    case AZ_NULL:
        s = "";
        break;
    default:
        return NULL;
    }
    *len = strlen(s);
    return s;
}

static bool checked_add(int64_t x, int64_t y, int64_t *r)
{
    return !__builtin_add_overflow(x, y, r);
}

/* --- Logic and comparison ------------------------------------------------ */

static az_value *fn_if(call *c)
{
    const az_value *cond = c->args[0];
    if (arg_unknown(cond))
        return unknown_as(c, arg_unknown(cond));
    if (cond->kind != AZ_BOOL)
        return type_error(c, 0, "a bool");
    return pass(c, c->args[cond->u.boolean ? 1 : 2]);
}

static az_value *fn_and_or(call *c, bool is_and)
{
    const char *reason = NULL;
    for (size_t i = 0; i < c->nargs; i++) {
        const az_value *v = c->args[i];
        if (arg_unknown(v)) {
            if (!reason)
                reason = arg_unknown(v);
            continue;
        }
        if (v->kind != AZ_BOOL)
            return type_error(c, i, "a bool");
        if (v->u.boolean != is_and)
            return az_value_bool(c->a, c->at, !is_and);
    }
    return reason ? unknown_as(c, reason) : az_value_bool(c->a, c->at, is_and);
}

static az_value *fn_and(call *c)
{
    return fn_and_or(c, true);
}

static az_value *fn_or(call *c)
{
    return fn_and_or(c, false);
}

static az_value *fn_not(call *c)
{
    if (c->args[0]->kind != AZ_BOOL)
        return type_error(c, 0, "a bool");
    return az_value_bool(c->a, c->at, !c->args[0]->u.boolean);
}

static az_value *fn_true(call *c)
{
    return az_value_bool(c->a, c->at, true);
}

static az_value *fn_false(call *c)
{
    return az_value_bool(c->a, c->at, false);
}

static az_value *fn_null(call *c)
{
    return az_value_null(c->a, c->at);
}

static az_value *fn_equals(call *c)
{
    /* ARM's equals() is case-sensitive: Bicep's =~ compiles to toLower() on
     * both sides. */
    az_equality e = az_value_compare(c->args[0], c->args[1], false);
    if (e == AZ_EQUAL_UNKNOWN) {
        const char *r = az_value_unknown_reason(c->args[0]);
        return unknown_as(c, r ? r : az_value_unknown_reason(c->args[1]));
    }
    return az_value_bool(c->a, c->at, e == AZ_EQUAL);
}

static int ordinal_compare(const az_value *x, const az_value *y)
{
    size_t n = x->u.string.len < y->u.string.len ? x->u.string.len : y->u.string.len;
    int r = memcmp(x->u.string.ptr, y->u.string.ptr, n);
    if (r)
        return r;
    return (x->u.string.len > y->u.string.len) - (x->u.string.len < y->u.string.len);
}

/* -1, 0, 1, or 2 after a type error (stored in *err). */
static int order(call *c, az_value **err)
{
    const az_value *x = c->args[0], *y = c->args[1];
    if (x->kind == AZ_INT && y->kind == AZ_INT)
        return (x->u.integer > y->u.integer) - (x->u.integer < y->u.integer);
    if (x->kind == AZ_STRING && y->kind == AZ_STRING) {
        int r = ordinal_compare(x, y);
        return (r > 0) - (r < 0);
    }
    *err = x->kind != AZ_INT && x->kind != AZ_STRING ? type_error(c, 0, "an int or a string")
                                                     : type_error(c, 1, "of the same type");
    return 2;
}

#define COMPARISON(fn, test)                                                                       \
    static az_value *fn(call *c)                                                                   \
    {                                                                                              \
        az_value *err = NULL;                                                                      \
        int r = order(c, &err);                                                                    \
        return r == 2 ? err : az_value_bool(c->a, c->at, test);                                    \
    }

COMPARISON(fn_less, r < 0)
COMPARISON(fn_less_or_equals, r <= 0)
COMPARISON(fn_greater, r > 0)
COMPARISON(fn_greater_or_equals, r >= 0)

static az_value *fn_coalesce(call *c)
{
    for (size_t i = 0; i < c->nargs; i++) {
        const az_value *v = c->args[i];
        if (arg_unknown(v))
            return unknown_as(c, arg_unknown(v));
        if (v->kind != AZ_NULL)
            return pass(c, v);
    }
    return az_value_null(c->a, c->at);
}

/* --- Conversions --------------------------------------------------------- */

static az_value *fn_string(call *c)
{
    const az_value *v = c->args[0];
    if (v->kind == AZ_STRING)
        return pass(c, v);
    if (v->kind == AZ_ARRAY || v->kind == AZ_OBJECT)
        return az_json_stringify(c->ev, v, c->at);
    char buf[24];
    size_t len = 0;
    const char *s = scalar_text(v, buf, sizeof(buf), &len);
    return make_string(c, s, len);
}

static bool parse_int64(const char *s, size_t n, int64_t *out, bool *overflow)
{
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    while (n > i && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    bool negative = i < n && s[i] == '-';
    if (i < n && (s[i] == '-' || s[i] == '+'))
        i++;
    if (i == n)
        return false;
    int64_t v = 0; /* accumulated negative, to reach INT64_MIN */
    *overflow = false;
    for (; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        int d = s[i] - '0';
        if (v < (INT64_MIN + d) / 10)
            *overflow = true;
        else
            v = v * 10 - d;
    }
    if (!negative && v == INT64_MIN)
        *overflow = true;
    if (!*overflow)
        *out = negative ? v : -v;
    return true;
}

static az_value *fn_int(call *c)
{
    const az_value *v = c->args[0];
    if (v->kind == AZ_INT)
        return pass(c, v);
    if (v->kind != AZ_STRING)
        return type_error(c, 0, "a string or an int");
    int64_t i;
    bool overflow;
    if (!parse_int64(v->u.string.ptr, v->u.string.len, &i, &overflow))
        return bad_argument(c, "the string is not an integer");
    if (overflow)
        return bad_argument(c, "the integer is out of range");
    return az_value_int(c->a, c->at, i);
}

static az_value *fn_bool(call *c)
{
    const az_value *v = c->args[0];
    if (v->kind == AZ_BOOL)
        return pass(c, v);
    if (v->kind == AZ_INT)
        return az_value_bool(c->a, c->at, v->u.integer != 0);
    if (v->kind != AZ_STRING)
        return type_error(c, 0, "a string, an int or a bool");
    size_t n = v->u.string.len;
    if (n == 4 && fold_equal(v->u.string.ptr, "true", 4))
        return az_value_bool(c->a, c->at, true);
    if (n == 5 && fold_equal(v->u.string.ptr, "false", 5))
        return az_value_bool(c->a, c->at, false);
    return bad_argument(c, "the string is neither 'true' nor 'false'");
}

static az_value *fn_json(call *c)
{
    if (c->args[0]->kind != AZ_STRING)
        return type_error(c, 0, "a string");
    return az_json_parse(c->ev, c->args[0]->u.string.ptr, c->args[0]->u.string.len, c->at);
}

static az_value *fn_array(call *c)
{
    if (c->args[0]->kind == AZ_ARRAY)
        return pass(c, c->args[0]);
    az_value **items = new_items(c, 1);
    if (!items)
        return NULL;
    items[0] = c->args[0];
    return make_array(c, items, 1);
}

static az_value *fn_create_array(call *c)
{
    az_value **items = new_items(c, c->nargs);
    if (!items)
        return NULL;
    for (size_t i = 0; i < c->nargs; i++)
        items[i] = c->args[i];
    return make_array(c, items, c->nargs);
}

static az_value *fn_create_object(call *c)
{
    if (c->nargs % 2)
        return bad_argument(c, "expects keys and values in pairs");
    az_object_builder b = {.a = c->a};
    for (size_t i = 0; i < c->nargs; i += 2) {
        const az_value *k = c->args[i];
        if (arg_unknown(k))
            return unknown_as(c, arg_unknown(k));
        if (k->kind != AZ_STRING)
            return type_error(c, i, "a string");
        if (!az_object_builder_add(&b, k->u.string.ptr, k->u.string.len, c->at, c->args[i + 1]))
            return NULL;
    }
    if (!az_eval_check_array(c->ev, c->at, "createObject() result", b.count) ||
        !az_eval_spend(c->ev, b.count, c->at))
        return bound_unknown(c);
    return az_object_builder_finish(&b, c->at);
}

/* --- Strings ------------------------------------------------------------- */

static az_value *fn_concat(call *c)
{
    if (c->args[0]->kind == AZ_ARRAY) {
        uint64_t total = 0;
        for (size_t i = 0; i < c->nargs; i++) {
            if (arg_unknown(c->args[i]))
                return unknown_as(c, arg_unknown(c->args[i]));
            if (c->args[i]->kind != AZ_ARRAY)
                return type_error(c, i, "an array");
            total += c->args[i]->u.array.count;
        }
        if (!az_eval_check_array(c->ev, c->at, "concat() result", total))
            return bound_unknown(c);
        az_value **items = new_items(c, total);
        if (!items)
            return NULL;
        size_t n = 0;
        for (size_t i = 0; i < c->nargs; i++)
            for (uint32_t j = 0; j < c->args[i]->u.array.count; j++)
                items[n++] = c->args[i]->u.array.items[j];
        return make_array(c, items, total);
    }
    sbuf b = sbuf_for(c);
    for (size_t i = 0; i < c->nargs; i++) {
        char buf[24];
        size_t len;
        const az_value *v = c->args[i];
        const char *s = v->kind == AZ_NULL ? NULL : scalar_text(v, buf, sizeof(buf), &len);
        if (!s) {
            free(b.p);
            return type_error(c, i, "a string, an int or a bool");
        }
        sbuf_put(&b, s, len);
    }
    return sbuf_finish(c, &b);
}

static az_value *fn_to_case(call *c, bool upper)
{
    const az_value *v = c->args[0];
    if (v->kind != AZ_STRING)
        return type_error(c, 0, "a string");
    /* Only ASCII letters are folded here; .NET folds every script, so a
     * non-ASCII result would be a guess. */
    if (!is_ascii(v->u.string.ptr, v->u.string.len))
        return az_eval_unknown(c->ev, c->at, "%s() of non-ASCII text", c->name);
    az_value *r = make_string(c, v->u.string.ptr, v->u.string.len);
    if (r && r->kind == AZ_STRING) {
        char *p = (char *)r->u.string.ptr;
        for (uint32_t i = 0; i < r->u.string.len; i++) {
            unsigned char ch = (unsigned char)p[i];
            if (upper && ch >= 'a' && ch <= 'z')
                p[i] = (char)(ch - ('a' - 'A'));
            else if (!upper)
                p[i] = (char)fold(ch);
        }
    }
    return r;
}

static az_value *fn_to_lower(call *c)
{
    return fn_to_case(c, false);
}

static az_value *fn_to_upper(call *c)
{
    return fn_to_case(c, true);
}

/* The code point starting at s[i] (valid UTF-8 assumed), and its length. */
static uint32_t decode(const char *s, size_t n, size_t i, size_t *len)
{
    unsigned char ch = (unsigned char)s[i];
    size_t k = ch < 0x80 ? 1 : ch < 0xE0 ? 2 : ch < 0xF0 ? 3 : 4;
    if (i + k > n)
        k = 1;
    uint32_t cp = k == 1 ? ch : ch & (0x7F >> k);
    for (size_t j = 1; j < k; j++)
        cp = (cp << 6) | ((unsigned char)s[i + j] & 0x3F);
    *len = k;
    return cp;
}

/* char.IsWhiteSpace */
static bool is_space(uint32_t cp)
{
    return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
           (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
           cp == 0x205F || cp == 0x3000;
}

static az_value *fn_trim(call *c)
{
    const az_value *v = c->args[0];
    if (v->kind != AZ_STRING)
        return type_error(c, 0, "a string");
    const char *s = v->u.string.ptr;
    size_t n = v->u.string.len, start = 0, k;
    while (start < n && is_space(decode(s, n, start, &k)))
        start += k;
    size_t end = n;
    while (end > start) {
        size_t i = end - 1;
        while (i > start && ((unsigned char)s[i] & 0xC0) == 0x80)
            i--;
        if (!is_space(decode(s, n, i, &k)))
            break;
        end = i;
    }
    return make_string(c, s + start, end - start);
}

static az_value *need_strings(call *c, size_t from, size_t to)
{
    for (size_t i = from; i < to && i < c->nargs; i++)
        if (c->args[i]->kind != AZ_STRING)
            return type_error(c, i, "a string");
    return NULL;
}

static const char *find(const char *hay, size_t n, const char *needle, size_t m)
{
    if (m == 0)
        return hay;
    for (size_t i = 0; i + m <= n; i++)
        if (memcmp(hay + i, needle, m) == 0)
            return hay + i;
    return NULL;
}

/* Naive search costs up to n * m comparisons; charge for them up front. */
static bool spend_search(call *c, uint64_t n, uint64_t m)
{
    return az_eval_spend(c->ev, 1 + n * (m ? m : 1) / 64, c->at);
}

static az_value *fn_replace(call *c)
{
    az_value *err = need_strings(c, 0, 3);
    if (err)
        return err;
    const az_value *s = c->args[0], *old = c->args[1], *with = c->args[2];
    if (!spend_search(c, s->u.string.len, old->u.string.len))
        return bound_unknown(c);
    if (old->u.string.len == 0)
        return bad_argument(c, "the string to replace is empty");
    sbuf b = sbuf_for(c);
    const char *p = s->u.string.ptr, *end = p + s->u.string.len;
    for (;;) {
        if (!az_eval_spend(c->ev, 1, c->at)) {
            free(b.p);
            return bound_unknown(c);
        }
        const char *hit = find(p, (size_t)(end - p), old->u.string.ptr, old->u.string.len);
        if (!hit)
            break;
        sbuf_put(&b, p, (size_t)(hit - p));
        sbuf_put(&b, with->u.string.ptr, with->u.string.len);
        p = hit + old->u.string.len;
    }
    sbuf_put(&b, p, (size_t)(end - p));
    return sbuf_finish(c, &b);
}

static az_value *fn_split(call *c)
{
    const az_value *s = c->args[0], *d = c->args[1];
    if (s->kind != AZ_STRING)
        return type_error(c, 0, "a string");
    const az_value *const *delims = (const az_value *const *)&c->args[1];
    uint32_t ndelims = 1;
    if (d->kind == AZ_ARRAY) {
        delims = (const az_value *const *)d->u.array.items;
        ndelims = d->u.array.count;
        for (uint32_t i = 0; i < ndelims; i++) {
            if (arg_unknown(delims[i]))
                return unknown_as(c, arg_unknown(delims[i]));
            if (delims[i]->kind != AZ_STRING)
                return bad_argument(c, "the delimiters must be strings");
        }
    } else if (d->kind != AZ_STRING) {
        return type_error(c, 1, "a string or an array of strings");
    }
    uint64_t longest = 1;
    for (uint32_t i = 0; i < ndelims; i++)
        if (delims[i]->u.string.len > longest)
            longest = delims[i]->u.string.len;
    if (!spend_search(c, s->u.string.len, (uint64_t)ndelims * longest))
        return bound_unknown(c);
    az_array_builder b = {.a = c->a};
    const char *p = s->u.string.ptr, *end = p + s->u.string.len, *piece = p;
    /* String.Split(string[]): at each position the first delimiter in order
     * that matches wins; empty delimiters are ignored. */
    while (p < end) {
        uint32_t hit_len = 0;
        for (uint32_t i = 0; i < ndelims && !hit_len; i++) {
            uint32_t m = delims[i]->u.string.len;
            if (m && m <= (size_t)(end - p) && memcmp(p, delims[i]->u.string.ptr, m) == 0)
                hit_len = m;
        }
        if (!hit_len) {
            p++;
            continue;
        }
        if (b.count >= az_eval_limits(c->ev)->max_array_length)
            return make_array(c, NULL, (uint64_t)b.count + 1);
        if (!az_array_builder_add(&b, az_value_string(c->a, c->at, piece, (size_t)(p - piece))))
            return NULL;
        p += hit_len;
        piece = p;
    }
    if (!az_array_builder_add(&b, az_value_string(c->a, c->at, piece, (size_t)(end - piece))))
        return NULL;
    return make_array(c, b.items, b.count);
}

/* Case-insensitive search, as startsWith, endsWith, indexOf and lastIndexOf
 * do in ARM (OrdinalIgnoreCase; folded here for ASCII only). */
static bool match_at(const az_value *s, size_t i, const az_value *x)
{
    return fold_equal(s->u.string.ptr + i, x->u.string.ptr, x->u.string.len);
}

static az_value *fn_starts_with(call *c)
{
    az_value *err = need_strings(c, 0, 2);
    if (err)
        return err;
    const az_value *s = c->args[0], *x = c->args[1];
    return az_value_bool(c->a, c->at, x->u.string.len <= s->u.string.len && match_at(s, 0, x));
}

static az_value *fn_ends_with(call *c)
{
    az_value *err = need_strings(c, 0, 2);
    if (err)
        return err;
    const az_value *s = c->args[0], *x = c->args[1];
    return az_value_bool(c->a, c->at,
                         x->u.string.len <= s->u.string.len &&
                             match_at(s, s->u.string.len - x->u.string.len, x));
}

static az_value *array_index_of(call *c, bool last)
{
    const az_value *arr = c->args[0];
    uint32_t n = arr->u.array.count;
    const char *reason = NULL;
    for (uint32_t k = 0; k < n; k++) {
        uint32_t i = last ? n - 1 - k : k;
        az_equality e = az_value_compare(arr->u.array.items[i], c->args[1], false);
        if (e == AZ_EQUAL_UNKNOWN && !reason)
            reason = "an item compared with unknown parts";
        if (e == AZ_EQUAL)
            return reason ? unknown_as(c, reason) : az_value_int(c->a, c->at, i);
    }
    return reason ? unknown_as(c, reason) : az_value_int(c->a, c->at, -1);
}

static az_value *fn_index_of_any(call *c, bool last)
{
    if (c->args[0]->kind == AZ_ARRAY)
        return array_index_of(c, last);
    az_value *err = need_strings(c, 0, 2);
    if (err)
        return err;
    const az_value *s = c->args[0], *x = c->args[1];
    size_t n = s->u.string.len, m = x->u.string.len;
    if (!spend_search(c, n, m))
        return bound_unknown(c);
    if (last && m == 0)
        return unknown_as(c, "lastIndexOf() of an empty string differs between .NET versions");
    if (m <= n) {
        for (size_t k = 0; k <= n - m; k++) {
            size_t i = last ? n - m - k : k;
            if (match_at(s, i, x))
                return az_value_int(c->a, c->at, (int64_t)u16_length(s->u.string.ptr, i));
        }
    }
    return az_value_int(c->a, c->at, -1);
}

static az_value *fn_index_of(call *c)
{
    return fn_index_of_any(c, false);
}

static az_value *fn_last_index_of(call *c)
{
    return fn_index_of_any(c, true);
}

static bool int_arg(call *c, size_t i, az_value **err)
{
    if (c->args[i]->kind == AZ_INT)
        return true;
    *err = type_error(c, i, "an int");
    return false;
}

static az_value *fn_substring(call *c)
{
    az_value *err = NULL;
    if (c->args[0]->kind != AZ_STRING)
        return type_error(c, 0, "a string");
    if (!int_arg(c, 1, &err) || (c->nargs > 2 && !int_arg(c, 2, &err)))
        return err;
    const char *s = c->args[0]->u.string.ptr;
    size_t n = c->args[0]->u.string.len, units = u16_length(s, n);
    int64_t start = c->args[1]->u.integer;
    int64_t count = c->nargs > 2 ? c->args[2]->u.integer : (int64_t)units - start;
    if (start < 0 || (uint64_t)start > units)
        return bad_argument(c, "the start index is out of range");
    if (count < 0 || (uint64_t)count > units - (uint64_t)start)
        return bad_argument(c, "the length is out of range");
    size_t from, to;
    if (!u16_offset(s, n, (uint64_t)start, &from) ||
        !u16_offset(s, n, (uint64_t)(start + count), &to))
        return bad_argument(c, "the range splits a character");
    return make_string(c, s + from, to - from);
}

static az_value *fn_pad_left(call *c)
{
    az_value *err = NULL;
    char buf[24];
    size_t len;
    const char *s = scalar_text(c->args[0], buf, sizeof(buf), &len);
    if (!s || c->args[0]->kind == AZ_NULL || c->args[0]->kind == AZ_BOOL)
        return type_error(c, 0, "a string or an int");
    if (!int_arg(c, 1, &err))
        return err;
    const char *pad = " ";
    if (c->nargs > 2) {
        const az_value *p = c->args[2];
        if (p->kind != AZ_STRING)
            return type_error(c, 2, "a string");
        if (p->u.string.len != 1)
            return bad_argument(c, "the padding must be one ASCII character");
        pad = p->u.string.ptr;
    }
    int64_t total = c->args[1]->u.integer;
    if (total < 0)
        return bad_argument(c, "the total length is negative");
    size_t units = u16_length(s, len);
    if ((uint64_t)total <= units)
        return make_string(c, s, len);
    uint64_t add = (uint64_t)total - units;
    if (add > az_eval_limits(c->ev)->max_string_length)
        return make_string(c, NULL, (size_t)add + len); /* warns */
    sbuf b = sbuf_for(c);
    for (uint64_t i = 0; i < add; i++)
        sbuf_put(&b, pad, 1);
    sbuf_put(&b, s, len);
    return sbuf_finish(c, &b);
}

/* The text .NET's composite formatting writes for one item, or NULL when
 * the format string is one this does not reproduce. */
static bool format_item(const az_value *v, const char *spec, size_t spec_len, sbuf *out)
{
    char buf[96];
    size_t len;
    if (v->kind != AZ_INT) {
        const char *s = scalar_text(v, buf, sizeof(buf), &len);
        if (!s || spec_len)
            return false;
        sbuf_put(out, s, len);
        return true;
    }
    int64_t i = v->u.integer;
    if (spec_len == 0) {
        sbuf_puts(out, format_int(buf, sizeof(buf), i));
        return true;
    }
    char kind = spec[0];
    int precision = -1;
    if (spec_len > 1) {
        if (spec_len > 3)
            return false;
        precision = 0;
        for (size_t k = 1; k < spec_len; k++) {
            if (spec[k] < '0' || spec[k] > '9')
                return false;
            precision = precision * 10 + (spec[k] - '0');
        }
    }
    uint64_t magnitude = i < 0 ? (uint64_t)0 - (uint64_t)i : (uint64_t)i;
    switch (kind) {
    case 'D':
    case 'd':
    case 'X':
    case 'x': {
        /* Dn and Xn pad with zeros to n digits; X writes the two's complement. */
        bool hex = kind == 'X' || kind == 'x';
        int nd =
            hex ? snprintf(buf, sizeof(buf), kind == 'X' ? "%" PRIX64 : "%" PRIx64, (uint64_t)i)
                : snprintf(buf, sizeof(buf), "%" PRIu64, magnitude);
        if (!hex && i < 0)
            sbuf_put(out, "-", 1);
        for (int k = nd; k < precision; k++)
            sbuf_put(out, "0", 1);
        sbuf_put(out, buf, (size_t)nd);
        return true;
    }
    case 'N':
    case 'n': {
        /* Invariant culture: groups of three with ',' and '.' decimals. */
        char digits[24];
        int nd = snprintf(digits, sizeof(digits), "%" PRIu64, magnitude);
        size_t k = 0;
        if (i < 0)
            buf[k++] = '-';
        for (int j = 0; j < nd; j++) {
            if (j && (nd - j) % 3 == 0)
                buf[k++] = ',';
            buf[k++] = digits[j];
        }
        int decimals = precision < 0 ? 2 : precision;
        if (decimals > 40)
            return false;
        if (decimals)
            buf[k++] = '.';
        for (int j = 0; j < decimals; j++)
            buf[k++] = '0';
        buf[k] = 0;
        break;
    }
    default:
        return false;
    }
    sbuf_puts(out, buf);
    return true;
}

static az_value *fn_format(call *c)
{
    const az_value *f = c->args[0];
    if (f->kind != AZ_STRING)
        return type_error(c, 0, "a string");
    const char *s = f->u.string.ptr;
    size_t n = f->u.string.len, i = 0;
    sbuf b = sbuf_for(c);
    const char *error = NULL;
    while (i < n && !error) {
        char ch = s[i];
        if (ch == '}') {
            if (i + 1 < n && s[i + 1] == '}') {
                sbuf_put(&b, "}", 1);
                i += 2;
                continue;
            }
            error = "the format string has an unmatched '}'";
            break;
        }
        if (ch != '{') {
            size_t j = i;
            while (j < n && s[j] != '{' && s[j] != '}')
                j++;
            sbuf_put(&b, s + i, j - i);
            i = j;
            continue;
        }
        if (i + 1 < n && s[i + 1] == '{') {
            sbuf_put(&b, "{", 1);
            i += 2;
            continue;
        }
        /* {index[,alignment][:format]} */
        i++;
        uint64_t index = 0;
        size_t digits = 0;
        while (i < n && s[i] >= '0' && s[i] <= '9' && digits < 9) {
            index = index * 10 + (uint64_t)(s[i++] - '0');
            digits++;
        }
        int64_t align = 0;
        bool align_left = false;
        if (i < n && s[i] == ',') {
            i++;
            align_left = i < n && s[i] == '-';
            if (align_left)
                i++;
            size_t adigits = 0;
            while (i < n && s[i] >= '0' && s[i] <= '9' && adigits < 9) {
                align = align * 10 + (s[i++] - '0');
                adigits++;
            }
            if (!adigits)
                error = "the format string has a bad alignment";
            if (align > (int64_t)b.limit)
                align = (int64_t)b.limit + 1; /* still too long, without a long loop */
        }
        const char *spec = NULL;
        size_t spec_len = 0;
        if (!error && i < n && s[i] == ':') {
            spec = s + ++i;
            while (i < n && s[i] != '}' && s[i] != '{')
                i++;
            spec_len = (size_t)(s + i - spec);
        }
        if (error)
            break;
        if (!digits || i >= n || s[i] != '}') {
            error = "the format string has a malformed item";
            break;
        }
        i++;
        if (index + 1 >= c->nargs) {
            error = "the format string refers to a missing argument";
            break;
        }
        sbuf item = sbuf_for(c);
        bool ok = format_item(c->args[index + 1], spec, spec_len, &item);
        if (!ok) {
            free(item.p);
            free(b.p);
            return az_eval_unknown(c->ev, c->at, "format() item %" PRIu64 " is not reproduced",
                                   index);
        }
        if (!az_eval_spend(c->ev, 1 + (uint64_t)align / 8, c->at)) {
            free(item.p);
            free(b.p);
            return bound_unknown(c);
        }
        size_t units = u16_length(item.p ? item.p : "", item.len);
        for (size_t k = units; !align_left && (int64_t)k < align; k++)
            sbuf_put(&b, " ", 1);
        sbuf_put(&b, item.p ? item.p : "", item.len);
        for (size_t k = units; align_left && (int64_t)k < align; k++)
            sbuf_put(&b, " ", 1);
        b.nomem |= item.nomem;
        b.too_long |= item.too_long;
        b.want += item.want - item.len;
        free(item.p);
    }
    if (error) {
        free(b.p);
        return bad_argument(c, error);
    }
    return sbuf_finish(c, &b);
}

static az_value *fn_join(call *c)
{
    const az_value *arr = c->args[0];
    if (arr->kind != AZ_ARRAY)
        return type_error(c, 0, "an array");
    if (c->args[1]->kind != AZ_STRING)
        return type_error(c, 1, "a string");
    sbuf b = sbuf_for(c);
    for (uint32_t i = 0; i < arr->u.array.count; i++) {
        const az_value *v = arr->u.array.items[i];
        char buf[24];
        size_t len;
        const char *s = scalar_text(v, buf, sizeof(buf), &len);
        if (arg_unknown(v) || !s) {
            free(b.p);
            return arg_unknown(v) ? unknown_as(c, arg_unknown(v))
                                  : bad_argument(c, "the array items must be strings");
        }
        if (i)
            sbuf_put(&b, c->args[1]->u.string.ptr, c->args[1]->u.string.len);
        sbuf_put(&b, s, len);
    }
    return sbuf_finish(c, &b);
}

/* --- Collections ---------------------------------------------------------- */

static az_value *fn_length(call *c)
{
    const az_value *v = c->args[0];
    switch (v->kind) {
    case AZ_STRING:
        return az_value_int(c->a, c->at, (int64_t)u16_length(v->u.string.ptr, v->u.string.len));
    case AZ_ARRAY:
        return az_value_int(c->a, c->at, v->u.array.count);
    case AZ_OBJECT:
        return az_value_int(c->a, c->at, v->u.object.count);
    default:
        return type_error(c, 0, "a string, an array or an object");
    }
}

static az_value *fn_empty(call *c)
{
    const az_value *v = c->args[0];
    switch (v->kind) {
    case AZ_NULL:
        return az_value_bool(c->a, c->at, true);
    case AZ_STRING:
        return az_value_bool(c->a, c->at, v->u.string.len == 0);
    case AZ_ARRAY:
        return az_value_bool(c->a, c->at, v->u.array.count == 0);
    case AZ_OBJECT:
        return az_value_bool(c->a, c->at, v->u.object.count == 0);
    default:
        return type_error(c, 0, "a string, an array, an object or null");
    }
}

static az_value *fn_contains(call *c)
{
    const az_value *in = c->args[0], *x = c->args[1];
    switch (in->kind) {
    case AZ_STRING: {
        /* Case-sensitive for strings, unlike indexOf. */
        char buf[24];
        size_t len;
        const char *s = x->kind == AZ_NULL ? NULL : scalar_text(x, buf, sizeof(buf), &len);
        if (!s)
            return type_error(c, 1, "a string");
        if (!spend_search(c, in->u.string.len, len))
            return bound_unknown(c);
        return az_value_bool(c->a, c->at, find(in->u.string.ptr, in->u.string.len, s, len) != NULL);
    }
    case AZ_OBJECT:
        if (x->kind != AZ_STRING)
            return type_error(c, 1, "a string");
        return az_value_bool(c->a, c->at,
                             az_value_member(in, x->u.string.ptr, x->u.string.len) != NULL);
    case AZ_ARRAY: {
        const char *reason = NULL;
        for (uint32_t i = 0; i < in->u.array.count; i++) {
            az_equality e = az_value_compare(in->u.array.items[i], x, false);
            if (e == AZ_EQUAL)
                return az_value_bool(c->a, c->at, true);
            if (e == AZ_EQUAL_UNKNOWN && !reason)
                reason = "an item compared with unknown parts";
        }
        return reason ? unknown_as(c, reason) : az_value_bool(c->a, c->at, false);
    }
    default:
        return type_error(c, 0, "a string, an array or an object");
    }
}

static az_value *first_last(call *c, bool last)
{
    const az_value *v = c->args[0];
    if (v->kind == AZ_ARRAY) {
        uint32_t n = v->u.array.count;
        if (!n)
            return bad_argument(c, "the array is empty");
        return pass(c, v->u.array.items[last ? n - 1 : 0]);
    }
    if (v->kind != AZ_STRING)
        return type_error(c, 0, "a string or an array");
    const char *s = v->u.string.ptr;
    size_t n = v->u.string.len, i = 0, k = 0;
    if (!n)
        return make_string(c, "", 0);
    if (last)
        for (i = n - 1; i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80; i--)
            ;
    decode(s, n, i, &k);
    return make_string(c, s + i, k);
}

static az_value *fn_first(call *c)
{
    return first_last(c, false);
}

static az_value *fn_last(call *c)
{
    return first_last(c, true);
}

static az_value *skip_take(call *c, bool take)
{
    const az_value *v = c->args[0];
    az_value *err = NULL;
    if (!int_arg(c, 1, &err))
        return err;
    int64_t k = c->args[1]->u.integer;
    if (v->kind == AZ_ARRAY) {
        uint32_t n = v->u.array.count;
        uint32_t m = k <= 0 ? 0 : k >= n ? n : (uint32_t)k;
        if (take)
            return make_array(c, v->u.array.items, m);
        return make_array(c, v->u.array.items + m, n - m);
    }
    if (v->kind != AZ_STRING)
        return type_error(c, 0, "a string or an array");
    const char *s = v->u.string.ptr;
    size_t n = v->u.string.len, units = u16_length(s, n), at;
    uint64_t m = k <= 0 ? 0 : (uint64_t)k >= units ? units : (uint64_t)k;
    if (!u16_offset(s, n, m, &at))
        return bad_argument(c, "the count splits a character");
    return take ? make_string(c, s, at) : make_string(c, s + at, n - at);
}

static az_value *fn_skip(call *c)
{
    return skip_take(c, false);
}

static az_value *fn_take(call *c)
{
    return skip_take(c, true);
}

static az_value *min_max(call *c, bool max)
{
    az_value *const *items = c->args;
    size_t n = c->nargs;
    if (n == 1 && c->args[0]->kind == AZ_ARRAY) {
        items = c->args[0]->u.array.items;
        n = c->args[0]->u.array.count;
        if (!n)
            return bad_argument(c, "the array is empty");
    }
    int64_t best = 0;
    for (size_t i = 0; i < n; i++) {
        if (arg_unknown(items[i]))
            return unknown_as(c, arg_unknown(items[i]));
        if (items[i]->kind != AZ_INT)
            return bad_argument(c, "the arguments must be ints");
        int64_t x = items[i]->u.integer;
        if (i == 0 || (max ? x > best : x < best))
            best = x;
    }
    return az_value_int(c->a, c->at, best);
}

static az_value *fn_min(call *c)
{
    return min_max(c, false);
}

static az_value *fn_max(call *c)
{
    return min_max(c, true);
}

static az_value *fn_range(call *c)
{
    az_value *err = NULL;
    if (!int_arg(c, 0, &err) || !int_arg(c, 1, &err))
        return err;
    int64_t start = c->args[0]->u.integer, count = c->args[1]->u.integer, end;
    if (count < 0)
        return bad_argument(c, "the count is negative");
    if (!az_eval_check_loop(c->ev, c->at, "range()", (uint64_t)count) ||
        !az_eval_check_array(c->ev, c->at, "range()", (uint64_t)count))
        return bound_unknown(c);
    if (!checked_add(start, count, &end))
        return bad_argument(c, "start plus count is out of range");
    az_value **items = new_items(c, (uint64_t)count);
    if (!items)
        return NULL;
    for (int64_t i = 0; i < count; i++)
        if (!(items[i] = az_value_int(c->a, c->at, start + i)))
            return NULL;
    return make_array(c, items, (uint64_t)count);
}

static az_value *fn_flatten(call *c)
{
    const az_value *v = c->args[0];
    if (v->kind != AZ_ARRAY)
        return type_error(c, 0, "an array");
    uint64_t total = 0;
    for (uint32_t i = 0; i < v->u.array.count; i++) {
        const az_value *item = v->u.array.items[i];
        if (arg_unknown(item))
            return unknown_as(c, arg_unknown(item));
        if (item->kind != AZ_ARRAY)
            return bad_argument(c, "the items must be arrays");
        total += item->u.array.count;
    }
    if (!az_eval_check_array(c->ev, c->at, "flatten() result", total))
        return bound_unknown(c);
    az_value **items = new_items(c, total);
    if (!items)
        return NULL;
    size_t n = 0;
    for (uint32_t i = 0; i < v->u.array.count; i++)
        for (uint32_t j = 0; j < v->u.array.items[i]->u.array.count; j++)
            items[n++] = v->u.array.items[i]->u.array.items[j];
    return make_array(c, items, total);
}

static int member_order(const void *x, const void *y)
{
    const az_member *m = x, *n = y;
    size_t len = m->key_len < n->key_len ? m->key_len : n->key_len;
    for (size_t i = 0; i < len; i++) {
        int d = fold((unsigned char)m->key[i]) - fold((unsigned char)n->key[i]);
        if (d)
            return d;
    }
    if (m->key_len != n->key_len)
        return m->key_len < n->key_len ? -1 : 1;
    return strcmp(m->key, n->key);
}

static az_value *fn_items(call *c)
{
    const az_value *v = c->args[0];
    if (v->kind != AZ_OBJECT)
        return type_error(c, 0, "an object");
    uint32_t n = v->u.object.count;
    if (!az_eval_spend(c->ev, (uint64_t)n * 3, c->at))
        return bound_unknown(c);
    az_member *sorted = arena_calloc(c->a, n ? n : 1, sizeof(*sorted));
    az_value **items = new_items(c, n);
    if (!sorted || !items)
        return NULL;
    if (n)
        memcpy(sorted, v->u.object.members, n * sizeof(*sorted));
    qsort(sorted, n, sizeof(*sorted), member_order);
    for (uint32_t i = 0; i < n; i++) {
        az_member *pair = arena_calloc(c->a, 2, sizeof(*pair));
        az_value *key =
            az_value_string(c->a, sorted[i].key_range, sorted[i].key, sorted[i].key_len);
        if (!pair || !key)
            return NULL;
        pair[0] = (az_member){"key", 3, c->at, key};
        pair[1] = (az_member){"value", 5, c->at, sorted[i].value};
        if (!(items[i] = az_value_object(c->a, c->at, pair, 2)))
            return NULL;
    }
    return make_array(c, items, n);
}

static az_value *fn_object_keys(call *c)
{
    const az_value *v = c->args[0];
    if (v->kind != AZ_OBJECT)
        return type_error(c, 0, "an object");
    uint32_t n = v->u.object.count;
    az_value **items = new_items(c, n);
    if (!items)
        return NULL;
    for (uint32_t i = 0; i < n; i++) {
        const az_member *m = &v->u.object.members[i];
        if (!(items[i] = az_value_string(c->a, m->key_range, m->key, m->key_len)))
            return NULL;
    }
    return make_array(c, items, n);
}

/* Whether `v` equals an item of items[0..n), as union and intersection
 * dedupe (exact comparison; unknown never matches). */
static bool seen(az_value *const *items, size_t n, const az_value *v)
{
    for (size_t i = 0; i < n; i++)
        if (az_value_equal(items[i], v, false))
            return true;
    return false;
}

static az_value *merge_objects(call *c, const az_value *x, const az_value *y, uint32_t depth);

/* ARM's union of objects: later members win, except that two objects under
 * the same key are merged themselves. */
static az_value *merge_objects(call *c, const az_value *x, const az_value *y, uint32_t depth)
{
    if (depth >= az_eval_limits(c->ev)->max_depth)
        return az_eval_bound(c->ev, c->at,
                             "union() of objects nested deeper than the depth "
                             "limit %" PRIu32,
                             az_eval_limits(c->ev)->max_depth);
    uint64_t total = (uint64_t)x->u.object.count + y->u.object.count;
    if (!az_eval_spend(c->ev, total, c->at))
        return bound_unknown(c);
    az_member *members = arena_calloc(c->a, (size_t)(total ? total : 1), sizeof(*members));
    if (!members)
        return NULL;
    uint32_t n = x->u.object.count;
    if (n)
        memcpy(members, x->u.object.members, n * sizeof(*members));
    for (uint32_t i = 0; i < y->u.object.count; i++) {
        const az_member *m = &y->u.object.members[i];
        const az_member *old = az_value_member(x, m->key, m->key_len);
        az_member merged = *m;
        if (old && old->value->kind == AZ_OBJECT && m->value->kind == AZ_OBJECT) {
            merged.value = merge_objects(c, old->value, m->value, depth + 1);
            if (!merged.value)
                return NULL;
        }
        members[n++] = merged; /* az_value_object lets the later duplicate win */
    }
    return az_value_object(c->a, c->at, members, n);
}

static az_value *fn_union(call *c)
{
    az_kind kind = c->args[0]->kind;
    if (kind != AZ_ARRAY && kind != AZ_OBJECT)
        return type_error(c, 0, "an array or an object");
    for (size_t i = 1; i < c->nargs; i++)
        if (c->args[i]->kind != kind)
            return type_error(c, i, kind == AZ_ARRAY ? "an array" : "an object");
    if (kind == AZ_OBJECT) {
        az_value *acc = c->args[0];
        for (size_t i = 1; i < c->nargs; i++)
            if (!(acc = merge_objects(c, acc, c->args[i], 0)) || acc->kind != AZ_OBJECT)
                return acc;
        if (!az_eval_check_array(c->ev, c->at, "union() result", acc->u.object.count))
            return bound_unknown(c);
        return c->nargs == 1 ? az_value_relocate(c->a, acc, c->at) : acc;
    }
    uint64_t total = 0;
    for (size_t i = 0; i < c->nargs; i++)
        total += c->args[i]->u.array.count;
    if (!az_eval_check_array(c->ev, c->at, "union() result", total))
        return bound_unknown(c);
    az_value **items = new_items(c, total);
    if (!items)
        return NULL;
    size_t n = 0;
    for (size_t i = 0; i < c->nargs; i++) {
        for (uint32_t j = 0; j < c->args[i]->u.array.count; j++) {
            az_value *v = c->args[i]->u.array.items[j];
            if (!az_eval_spend(c->ev, 1 + n / 16, c->at))
                return bound_unknown(c);
            /* An item with unknown parts is kept when its known parts set it
             * apart from every earlier item, as they usually do. */
            const az_value *maybe = NULL;
            bool repeated = false;
            for (size_t k = 0; k < n && !repeated; k++) {
                az_equality e = az_value_compare(items[k], v, false);
                repeated = e == AZ_EQUAL;
                if (e == AZ_EQUAL_UNKNOWN && !maybe)
                    maybe = items[k];
            }
            if (repeated)
                continue;
            if (maybe) {
                const char *reason = az_value_unknown_reason(v);
                return unknown_as(c, reason ? reason : az_value_unknown_reason(maybe));
            }
            items[n++] = v;
        }
    }
    return make_array(c, items, n);
}

static az_value *fn_intersection(call *c)
{
    az_kind kind = c->args[0]->kind;
    if (kind != AZ_ARRAY && kind != AZ_OBJECT)
        return type_error(c, 0, "an array or an object");
    for (size_t i = 1; i < c->nargs; i++)
        if (c->args[i]->kind != kind)
            return type_error(c, i, kind == AZ_ARRAY ? "an array" : "an object");
    for (size_t i = 0; i < c->nargs; i++) {
        const char *reason = az_value_unknown_reason(c->args[i]);
        if (reason)
            return unknown_as(c, reason);
    }
    const az_value *first = c->args[0];
    if (kind == AZ_OBJECT) {
        uint32_t n = first->u.object.count, kept = 0;
        az_member *members = arena_calloc(c->a, n ? n : 1, sizeof(*members));
        if (!members)
            return NULL;
        for (uint32_t i = 0; i < n; i++) {
            const az_member *m = &first->u.object.members[i];
            bool everywhere = true;
            for (size_t k = 1; k < c->nargs && everywhere; k++) {
                const az_member *o = az_value_member(c->args[k], m->key, m->key_len);
                everywhere = o && az_value_equal(o->value, m->value, false);
            }
            if (!az_eval_spend(c->ev, c->nargs, c->at))
                return bound_unknown(c);
            if (everywhere)
                members[kept++] = *m;
        }
        return az_value_object(c->a, c->at, members, kept);
    }
    uint32_t n = first->u.array.count, kept = 0;
    az_value **items = new_items(c, n);
    if (!items)
        return NULL;
    for (uint32_t i = 0; i < n; i++) {
        az_value *v = first->u.array.items[i];
        bool everywhere = !seen(items, kept, v);
        for (size_t k = 1; k < c->nargs && everywhere; k++)
            everywhere = seen(c->args[k]->u.array.items, c->args[k]->u.array.count, v);
        if (!az_eval_spend(c->ev, c->nargs + kept / 16, c->at))
            return bound_unknown(c);
        if (everywhere)
            items[kept++] = v;
    }
    return make_array(c, items, kept);
}

/* --- Arithmetic ----------------------------------------------------------- */

static az_value *arithmetic(call *c, char op)
{
    az_value *err = NULL;
    if (!int_arg(c, 0, &err) || !int_arg(c, 1, &err))
        return err;
    int64_t x = c->args[0]->u.integer, y = c->args[1]->u.integer, r = 0;
    bool ok = true;
    switch (op) {
    case '+':
        ok = !__builtin_add_overflow(x, y, &r);
        break;
    case '-':
        ok = !__builtin_sub_overflow(x, y, &r);
        break;
    case '*':
        ok = !__builtin_mul_overflow(x, y, &r);
        break;
    default:
        if (y == 0)
            return bad_argument(c, "division by zero");
        ok = !(x == INT64_MIN && y == -1);
        if (ok)
            r = op == '/' ? x / y : x % y;
        break;
    }
    if (!ok)
        return bad_argument(c, "the result overflows a 64-bit integer");
    return az_value_int(c->a, c->at, r);
}

static az_value *fn_add(call *c)
{
    return arithmetic(c, '+');
}

static az_value *fn_sub(call *c)
{
    return arithmetic(c, '-');
}

static az_value *fn_mul(call *c)
{
    return arithmetic(c, '*');
}

static az_value *fn_div(call *c)
{
    return arithmetic(c, '/');
}

static az_value *fn_mod(call *c)
{
    return arithmetic(c, '%');
}

/* --- Encodings ------------------------------------------------------------ */

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void base64_put(sbuf *b, const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)s[i] << 16;
        if (i + 1 < n)
            v |= (uint32_t)s[i + 1] << 8;
        if (i + 2 < n)
            v |= s[i + 2];
        char out[4] = {b64[v >> 18], b64[(v >> 12) & 63], i + 1 < n ? b64[(v >> 6) & 63] : '=',
                       i + 2 < n ? b64[v & 63] : '='};
        sbuf_put(b, out, 4);
    }
}

/* Decodes base64 text (padding required, as Convert.FromBase64String
 * wants; whitespace is skipped); false when it is not valid base64. */
static bool base64_decode(const char *s, size_t n, sbuf *out)
{
    uint32_t acc = 0;
    int bits = 0;
    size_t chars = 0, pad = 0;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n')
            continue;
        chars++;
        if (ch == '=') {
            pad++;
            continue;
        }
        const char *p = ch ? strchr(b64, ch) : NULL;
        if (!p || pad)
            return false;
        acc = (acc << 6) | (uint32_t)(p - b64);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            char byte = (char)((acc >> bits) & 0xFF);
            sbuf_put(out, &byte, 1);
        }
    }
    return chars % 4 == 0 && pad <= 2;
}

static az_value *decoded_text(call *c, sbuf *b)
{
    if (!b->nomem && !b->too_long && utf8_find_invalid(b->p ? b->p : "", b->len) != b->len) {
        free(b->p);
        return az_eval_unknown(c->ev, c->at, "%s() of bytes that are not UTF-8 text", c->name);
    }
    return sbuf_finish(c, b);
}

static az_value *fn_base64(call *c)
{
    if (c->args[0]->kind != AZ_STRING)
        return type_error(c, 0, "a string");
    sbuf b = sbuf_for(c);
    base64_put(&b, (const unsigned char *)c->args[0]->u.string.ptr, c->args[0]->u.string.len);
    return sbuf_finish(c, &b);
}

static az_value *fn_base64_to_string(call *c)
{
    if (c->args[0]->kind != AZ_STRING)
        return type_error(c, 0, "a string");
    sbuf b = sbuf_for(c);
    if (!base64_decode(c->args[0]->u.string.ptr, c->args[0]->u.string.len, &b)) {
        free(b.p);
        return bad_argument(c, "the string is not valid base64");
    }
    return decoded_text(c, &b);
}

#define DATA_URI_PREFIX "data:text/plain;charset=utf8;base64,"

static az_value *fn_data_uri(call *c)
{
    char buf[24];
    size_t len;
    const char *s = c->args[0]->kind == AZ_STRING || c->args[0]->kind == AZ_INT
                        ? scalar_text(c->args[0], buf, sizeof(buf), &len)
                        : NULL;
    if (!s)
        return type_error(c, 0, "a string");
    sbuf b = sbuf_for(c);
    sbuf_puts(&b, DATA_URI_PREFIX);
    base64_put(&b, (const unsigned char *)s, len);
    return sbuf_finish(c, &b);
}

static az_value *fn_data_uri_to_string(call *c)
{
    const az_value *v = c->args[0];
    if (v->kind != AZ_STRING)
        return type_error(c, 0, "a string");
    const char *s = v->u.string.ptr;
    size_t n = v->u.string.len;
    const char *comma = memchr(s, ',', n);
    if (n < 5 || !fold_equal(s, "data:", 5) || !comma)
        return bad_argument(c, "the string is not a data URI");
    size_t head = (size_t)(comma - s);
    bool base64 = head >= 7 && fold_equal(comma - 7, ";base64", 7);
    if (!base64)
        return az_eval_unknown(c->ev, c->at, "dataUriToString() of a data URI without base64");
    sbuf b = sbuf_for(c);
    if (!base64_decode(comma + 1, n - head - 1, &b)) {
        free(b.p);
        return bad_argument(c, "the data URI is not valid base64");
    }
    return decoded_text(c, &b);
}

static az_value *fn_uri_component(call *c)
{
    if (c->args[0]->kind != AZ_STRING)
        return type_error(c, 0, "a string");
    /* Uri.EscapeDataString: RFC 3986 unreserved characters stay. */
    sbuf b = sbuf_for(c);
    const char *s = c->args[0]->u.string.ptr;
    for (uint32_t i = 0; i < c->args[0]->u.string.len; i++) {
        unsigned char ch = (unsigned char)s[i];
        if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
            ch == '-' || ch == '_' || ch == '.' || ch == '~') {
            sbuf_put(&b, (const char *)&ch, 1);
        } else {
            char esc[4];
            snprintf(esc, sizeof(esc), "%%%02X", ch);
            sbuf_put(&b, esc, 3);
        }
    }
    return sbuf_finish(c, &b);
}

static int hex_digit(char ch)
{
    return ch >= '0' && ch <= '9'   ? ch - '0'
           : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
           : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10
                                    : -1;
}

static az_value *fn_uri_component_to_string(call *c)
{
    if (c->args[0]->kind != AZ_STRING)
        return type_error(c, 0, "a string");
    sbuf b = sbuf_for(c);
    const char *s = c->args[0]->u.string.ptr;
    size_t n = c->args[0]->u.string.len;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '%' && i + 2 < n && hex_digit(s[i + 1]) >= 0 && hex_digit(s[i + 2]) >= 0) {
            char byte = (char)(hex_digit(s[i + 1]) * 16 + hex_digit(s[i + 2]));
            sbuf_put(&b, &byte, 1);
            i += 2;
        } else {
            sbuf_put(&b, s + i, 1);
        }
    }
    return decoded_text(c, &b);
}

/* --- Placeholders for deployment values ----------------------------------- */

static uint64_t fnv1a(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * UINT64_C(0x100000001b3);
    return h;
}

/* A stable hash of the string arguments; false (after setting *err) when
 * one is not a string. Each argument is length-prefixed, so ('ab','c') and
 * ('a','bc') differ. */
static bool hash_args(call *c, uint64_t seed, uint64_t *out, az_value **err)
{
    uint64_t h = seed;
    for (size_t i = 0; i < c->nargs; i++) {
        if (c->args[i]->kind != AZ_STRING) {
            *err = type_error(c, i, "a string");
            return false;
        }
        char len[24];
        int k = snprintf(len, sizeof(len), "%" PRIu32 ":", c->args[i]->u.string.len);
        h = fnv1a(h, len, (size_t)k);
        h = fnv1a(h, c->args[i]->u.string.ptr, c->args[i]->u.string.len);
    }
    *out = h;
    return true;
}

#define FNV_OFFSET UINT64_C(0xcbf29ce484222325)

static az_value *fn_unique_string(call *c)
{
    uint64_t h;
    az_value *err = NULL;
    if (!hash_args(c, FNV_OFFSET, &h, &err))
        return err;
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz234567";
    char out[13];
    for (int i = 0; i < 13; i++) {
        out[i] = alphabet[h & 31];
        h >>= 5;
    }
    return make_string(c, out, sizeof(out));
}

static az_value *fn_guid(call *c)
{
    uint64_t hi, lo;
    az_value *err = NULL;
    if (!hash_args(c, FNV_OFFSET, &hi, &err) || !hash_args(c, ~FNV_OFFSET, &lo, &err))
        return err;
    /* Shaped as a version 5 (name-based) UUID, which is what ARM makes. */
    hi = (hi & ~UINT64_C(0xF000)) | 0x5000;
    lo = (lo & ~(UINT64_C(0xC) << 60)) | (UINT64_C(0x8) << 60);
    char out[40];
    snprintf(out, sizeof(out),
             "%08" PRIx64 "-%04" PRIx64 "-%04" PRIx64 "-%04" PRIx64 "-%012" PRIx64, hi >> 32,
             (hi >> 16) & 0xFFFF, hi & 0xFFFF, lo >> 48, lo & UINT64_C(0xFFFFFFFFFFFF));
    return make_string(c, out, 36);
}

typedef struct {
    const char *key;
    az_value *value;
} field;

static az_value *placeholder_object(call *c, const field *fields, size_t n)
{
    az_member *members = arena_calloc(c->a, n, sizeof(*members));
    if (!members)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        if (!fields[i].value)
            return NULL;
        members[i] =
            (az_member){fields[i].key, (uint32_t)strlen(fields[i].key), c->at, fields[i].value};
    }
    return az_value_object(c->a, c->at, members, (uint32_t)n);
}

static az_value *text(call *c, const char *s)
{
    return az_value_string(c->a, c->at, s, strlen(s));
}

/* resourceGroup(), resourceGroup(name), resourceGroup(subscriptionId, name):
 * Bicep names another group this way in `scope:`. */
static az_value *fn_resource_group(call *c)
{
    az_value *err = need_strings(c, 0, c->nargs);
    if (err)
        return err;
    const char *sub = AZ_PLACEHOLDER_SUBSCRIPTION_ID, *name = AZ_PLACEHOLDER_RESOURCE_GROUP;
    if (c->nargs >= 1)
        name = c->args[c->nargs - 1]->u.string.ptr;
    if (c->nargs == 2)
        sub = c->args[0]->u.string.ptr;
    char *id = arena_printf(c->a, "/subscriptions/%s/resourceGroups/%s", sub, name);
    if (!id)
        return NULL;
    field f[] = {
        {"id", text(c, id)},
        {"name", text(c, name)},
        {"type", text(c, "Microsoft.Resources/resourceGroups")},
        {"location", unknown_as(c, "resourceGroup().location")},
        {"managedBy", unknown_as(c, "resourceGroup().managedBy")},
        {"tags", unknown_as(c, "resourceGroup().tags")},
        {"properties", unknown_as(c, "resourceGroup().properties")},
    };
    return placeholder_object(c, f, sizeof(f) / sizeof(f[0]));
}

/* subscription() or subscription(subscriptionId). */
static az_value *fn_subscription(call *c)
{
    az_value *err = need_strings(c, 0, c->nargs);
    if (err)
        return err;
    const char *sub = c->nargs ? c->args[0]->u.string.ptr : AZ_PLACEHOLDER_SUBSCRIPTION_ID;
    char *id = arena_printf(c->a, "/subscriptions/%s", sub);
    if (!id)
        return NULL;
    field f[] = {
        {"id", text(c, id)},
        {"subscriptionId", text(c, sub)},
        {"tenantId", text(c, AZ_PLACEHOLDER_TENANT_ID)},
        {"displayName", text(c, "subscriptionDisplayName")},
    };
    return placeholder_object(c, f, sizeof(f) / sizeof(f[0]));
}

static az_value *fn_tenant(call *c)
{
    field f[] = {
        {"tenantId", text(c, AZ_PLACEHOLDER_TENANT_ID)},
        {"countryCode", unknown_as(c, "tenant().countryCode")},
        {"displayName", unknown_as(c, "tenant().displayName")},
    };
    return placeholder_object(c, f, sizeof(f) / sizeof(f[0]));
}

static az_value *fn_deployment(call *c)
{
    field f[] = {
        {"name", text(c, AZ_PLACEHOLDER_DEPLOYMENT)},
        {"properties", unknown_as(c, "deployment().properties")},
        {"location", unknown_as(c, "deployment().location")},
    };
    return placeholder_object(c, f, sizeof(f) / sizeof(f[0]));
}

/* Appends "/providers/{namespace}/{type1}/{name1}/{type2}/{name2}..." from
 * args[type] (a resource type) and the names after it. */
static az_value *put_resource(call *c, sbuf *b, size_t type)
{
    az_value *err = need_strings(c, type, c->nargs);
    if (err)
        return err;
    const az_value *t = c->args[type];
    const char *s = t->u.string.ptr, *end = s + t->u.string.len;
    const char *slash = memchr(s, '/', t->u.string.len);
    if (!slash || slash == s || slash + 1 == end || end[-1] == '/')
        return bad_argument(c, "the resource type is not namespace/type");
    size_t segments = 0;
    for (const char *p = slash; p < end; p++) {
        if (*p == '/') {
            if (p + 1 < end && p[1] == '/')
                return bad_argument(c, "the resource type has an empty segment");
            segments++;
        }
    }
    if (c->nargs - type - 1 != segments)
        return az_eval_error(c->ev, c->at,
                             "%s(): the resource type has %zu segments but %zu names follow",
                             c->name, segments, c->nargs - type - 1);
    sbuf_puts(b, "/providers/");
    sbuf_put(b, s, (size_t)(slash - s));
    const char *seg = slash + 1;
    for (size_t i = 0; i < segments; i++) {
        const char *next = memchr(seg, '/', (size_t)(end - seg));
        if (!next)
            next = end;
        sbuf_puts(b, "/");
        sbuf_put(b, seg, (size_t)(next - seg));
        sbuf_puts(b, "/");
        const az_value *name = c->args[type + 1 + i];
        sbuf_put(b, name->u.string.ptr, name->u.string.len);
        seg = next + 1;
    }
    return NULL;
}

/* The index of the resource type: the first argument with a '/' (ids and
 * names of subscriptions and groups have none), or nargs. */
static size_t type_index(call *c)
{
    for (size_t i = 0; i < c->nargs; i++)
        if (c->args[i]->kind == AZ_STRING &&
            memchr(c->args[i]->u.string.ptr, '/', c->args[i]->u.string.len))
            return i;
    return c->nargs;
}

static az_value *resource_id(call *c, size_t max_scope, bool group)
{
    size_t t = type_index(c);
    if (t == c->nargs || t > max_scope)
        return bad_argument(c, "no resource type (namespace/type) where expected");
    az_value *err = need_strings(c, 0, t);
    if (err)
        return err;
    sbuf b = sbuf_for(c);
    if (group || max_scope) {
        sbuf_puts(&b, "/subscriptions/");
        if ((group && t == 2) || (!group && t == 1))
            sbuf_put(&b, c->args[0]->u.string.ptr, c->args[0]->u.string.len);
        else
            sbuf_puts(&b, AZ_PLACEHOLDER_SUBSCRIPTION_ID);
    }
    if (group) {
        sbuf_puts(&b, "/resourceGroups/");
        if (t)
            sbuf_put(&b, c->args[t - 1]->u.string.ptr, c->args[t - 1]->u.string.len);
        else
            sbuf_puts(&b, AZ_PLACEHOLDER_RESOURCE_GROUP);
    }
    if ((err = put_resource(c, &b, t))) {
        free(b.p);
        return err;
    }
    return sbuf_finish(c, &b);
}

static az_value *fn_resource_id(call *c)
{
    return resource_id(c, 2, true);
}

static az_value *fn_subscription_resource_id(call *c)
{
    return resource_id(c, 1, false);
}

static az_value *fn_tenant_resource_id(call *c)
{
    return resource_id(c, 0, false);
}

static az_value *fn_extension_resource_id(call *c)
{
    if (c->args[0]->kind != AZ_STRING)
        return type_error(c, 0, "a string");
    sbuf b = sbuf_for(c);
    sbuf_put(&b, c->args[0]->u.string.ptr, c->args[0]->u.string.len);
    az_value *err = put_resource(c, &b, 1);
    if (err) {
        free(b.p);
        return err;
    }
    return sbuf_finish(c, &b);
}

/* managementGroupResourceId([group,] type, name...) */
static az_value *fn_management_group_resource_id(call *c)
{
    size_t t = type_index(c);
    if (t == c->nargs || t > 1)
        return bad_argument(c, "no resource type (namespace/type) where expected");
    az_value *err = need_strings(c, 0, t);
    if (err)
        return err;
    sbuf b = sbuf_for(c);
    sbuf_puts(&b, "/providers/Microsoft.Management/managementGroups/");
    if (t)
        sbuf_put(&b, c->args[0]->u.string.ptr, c->args[0]->u.string.len);
    else
        sbuf_puts(&b, AZ_PLACEHOLDER_MANAGEMENT_GROUP);
    if ((err = put_resource(c, &b, t))) {
        free(b.p);
        return err;
    }
    return sbuf_finish(c, &b);
}

/* tryGet(value, key, ...): what each key names in turn (a member for a
 * string, an item for an int), or null where it is missing. Bicep's `.?`
 * and `[?i]` compile to it. */
static az_value *fn_try_get(call *c)
{
    const az_value *v = c->args[0];
    for (size_t i = 1; i < c->nargs; i++) {
        const az_value *k = c->args[i];
        if (v->kind == AZ_UNKNOWN)
            return pass(c, v);
        if (v->kind == AZ_NULL || v->kind == AZ_ABSENT)
            return az_value_null(c->a, c->at);
        if (v->kind == AZ_OBJECT && k->kind == AZ_STRING) {
            const az_member *m = az_value_member(v, k->u.string.ptr, k->u.string.len);
            if (!m)
                return az_value_null(c->a, c->at);
            v = m->value;
        } else if (v->kind == AZ_ARRAY && k->kind == AZ_INT) {
            if (k->u.integer < 0 || (uint64_t)k->u.integer >= v->u.array.count)
                return az_value_null(c->a, c->at);
            v = v->u.array.items[k->u.integer];
        } else {
            return type_error(c, i, v->kind == AZ_ARRAY ? "an int" : "a string");
        }
    }
    return pass(c, v);
}

/* shallowMerge(objects): the members of each object in turn, a later one
 * replacing an earlier one whole. */
static az_value *fn_shallow_merge(call *c)
{
    const az_value *list = c->args[0];
    if (list->kind != AZ_ARRAY)
        return type_error(c, 0, "an array");
    az_object_builder ob = {.a = c->a};
    for (uint32_t i = 0; i < list->u.array.count; i++) {
        const az_value *o = list->u.array.items[i];
        if (arg_unknown(o))
            return unknown_as(c, arg_unknown(o));
        if (o->kind != AZ_OBJECT)
            return bad_argument(c, "every item must be an object");
        for (uint32_t k = 0; k < o->u.object.count; k++) {
            const az_member *m = &o->u.object.members[k];
            if (!az_object_builder_add(&ob, m->key, m->key_len, m->key_range, m->value))
                return NULL;
        }
    }
    if (!az_eval_check_array(c->ev, c->at, "shallowMerge() result", ob.count))
        return bound_unknown(c);
    return az_object_builder_finish(&ob, c->at);
}

/* fail(message): the deployment stops here; nothing is known past it. */
static az_value *fn_fail(call *c)
{
    return az_value_unknown(c->a, c->at, "fail()");
}

/* Known only once deployed, or different on every run. */
static az_value *fn_deployment_time(call *c)
{
    return az_eval_unknown(c->ev, c->at, "%s()", c->name);
}

/* --- The table ------------------------------------------------------------ */

#define VARIADIC 255
#define LAZY 0x1      /* takes unknown arguments itself */
#define NO_SECURE 0x2 /* the result carries only the flags of what it passes through */

typedef struct {
    const char *name;
    uint8_t min, max;
    uint8_t flags;
    builtin_fn fn;
} builtin;

/* Sorted by lower-case name for bsearch. */
static const builtin builtins[] = {
    {"add", 2, 2, 0, fn_add},
    {"and", 1, VARIADIC, LAZY, fn_and},
    {"array", 1, 1, 0, fn_array},
    {"base64", 1, 1, 0, fn_base64},
    {"base64ToString", 1, 1, 0, fn_base64_to_string},
    {"bool", 1, 1, 0, fn_bool},
    {"coalesce", 1, VARIADIC, LAZY | NO_SECURE, fn_coalesce},
    {"concat", 1, VARIADIC, 0, fn_concat},
    {"contains", 2, 2, 0, fn_contains},
    {"createArray", 0, VARIADIC, LAZY, fn_create_array},
    {"createObject", 0, VARIADIC, LAZY, fn_create_object},
    {"dataUri", 1, 1, 0, fn_data_uri},
    {"dataUriToString", 1, 1, 0, fn_data_uri_to_string},
    {"deployer", 0, 0, 0, fn_deployment_time},
    {"deployment", 0, 0, 0, fn_deployment},
    {"div", 2, 2, 0, fn_div},
    {"empty", 1, 1, 0, fn_empty},
    {"endsWith", 2, 2, 0, fn_ends_with},
    {"environment", 0, 0, 0, fn_deployment_time},
    {"equals", 2, 2, LAZY, fn_equals},
    {"extensionResourceId", 3, VARIADIC, 0, fn_extension_resource_id},
    {"fail", 1, 1, LAZY, fn_fail},
    {"false", 0, 0, 0, fn_false},
    {"first", 1, 1, 0, fn_first},
    {"flatten", 1, 1, 0, fn_flatten},
    {"format", 1, VARIADIC, 0, fn_format},
    {"greater", 2, 2, 0, fn_greater},
    {"greaterOrEquals", 2, 2, 0, fn_greater_or_equals},
    {"guid", 1, VARIADIC, 0, fn_guid},
    {"if", 3, 3, LAZY | NO_SECURE, fn_if},
    {"indexOf", 2, 2, 0, fn_index_of},
    {"int", 1, 1, 0, fn_int},
    {"intersection", 1, VARIADIC, 0, fn_intersection},
    {"items", 1, 1, 0, fn_items},
    {"join", 2, 2, 0, fn_join},
    {"json", 1, 1, 0, fn_json},
    {"last", 1, 1, 0, fn_last},
    {"lastIndexOf", 2, 2, 0, fn_last_index_of},
    {"length", 1, 1, 0, fn_length},
    {"less", 2, 2, 0, fn_less},
    {"lessOrEquals", 2, 2, 0, fn_less_or_equals},
    {"managementGroup", 0, VARIADIC, LAZY, fn_deployment_time},
    {"managementGroupResourceId", 2, VARIADIC, 0, fn_management_group_resource_id},
    {"max", 1, VARIADIC, 0, fn_max},
    {"min", 1, VARIADIC, 0, fn_min},
    {"mod", 2, 2, 0, fn_mod},
    {"mul", 2, 2, 0, fn_mul},
    {"newGuid", 0, 0, 0, fn_deployment_time},
    {"not", 1, 1, 0, fn_not},
    {"null", 0, 0, 0, fn_null},
    {"objectKeys", 1, 1, 0, fn_object_keys},
    {"or", 1, VARIADIC, LAZY, fn_or},
    {"padLeft", 2, 3, 0, fn_pad_left},
    {"pickZones", 3, 5, LAZY, fn_deployment_time},
    {"providers", 1, 2, LAZY, fn_deployment_time},
    {"range", 2, 2, 0, fn_range},
    {"reference", 1, 3, LAZY, fn_deployment_time},
    {"replace", 3, 3, 0, fn_replace},
    {"resourceGroup", 0, 2, 0, fn_resource_group},
    {"resourceId", 2, VARIADIC, 0, fn_resource_id},
    {"shallowMerge", 1, 1, 0, fn_shallow_merge},
    {"skip", 2, 2, 0, fn_skip},
    {"split", 2, 2, 0, fn_split},
    {"startsWith", 2, 2, 0, fn_starts_with},
    {"string", 1, 1, 0, fn_string},
    {"sub", 2, 2, 0, fn_sub},
    {"subscription", 0, 1, 0, fn_subscription},
    {"subscriptionResourceId", 2, VARIADIC, 0, fn_subscription_resource_id},
    {"substring", 2, 3, 0, fn_substring},
    {"take", 2, 2, 0, fn_take},
    {"tenant", 0, 0, 0, fn_tenant},
    {"tenantResourceId", 2, VARIADIC, 0, fn_tenant_resource_id},
    {"toLower", 1, 1, 0, fn_to_lower},
    {"toUpper", 1, 1, 0, fn_to_upper},
    {"trim", 1, 1, 0, fn_trim},
    {"true", 0, 0, 0, fn_true},
    {"tryGet", 2, VARIADIC, 0, fn_try_get},
    {"union", 1, VARIADIC, 0, fn_union},
    {"uniqueString", 1, VARIADIC, 0, fn_unique_string},
    {"uriComponent", 1, 1, 0, fn_uri_component},
    {"uriComponentToString", 1, 1, 0, fn_uri_component_to_string},
    {"utcNow", 0, 1, LAZY, fn_deployment_time},
};

typedef struct {
    const char *s;
    size_t len;
} name_key;

static int name_compare(const void *key, const void *entry)
{
    const name_key *k = key;
    const char *name = ((const builtin *)entry)->name;
    size_t n = strlen(name);
    for (size_t i = 0; i < k->len && i < n; i++) {
        int d = fold((unsigned char)k->s[i]) - fold((unsigned char)name[i]);
        if (d)
            return d;
    }
    return (k->len > n) - (k->len < n);
}

static const builtin *builtin_find(const char *name, size_t len)
{
    name_key k = {name, len};
    return bsearch(&k, builtins, sizeof(builtins) / sizeof(builtins[0]), sizeof(builtins[0]),
                   name_compare);
}

/* list*() functions (listKeys, listSecrets, listAccountSas...) read
 * secrets and state from deployed resources. */
static bool is_list_function(const char *name, size_t len)
{
    return len > 4 && fold_equal(name, "list", 4);
}

bool az_builtin_exists(const char *name, size_t name_len)
{
    return builtin_find(name, name_len) || is_list_function(name, name_len);
}

#define NAME_MAX_SHOWN 64

az_value *az_builtin_call(az_eval *ev, const char *name, size_t name_len, az_value **args,
                          size_t nargs, az_range at)
{
    arena *a = az_eval_arena(ev);
    if (!az_eval_spend(ev, 1 + nargs, at))
        return az_value_unknown(a, at, "evaluation bound reached: work budget");
    int shown = (int)(name_len < NAME_MAX_SHOWN ? name_len : NAME_MAX_SHOWN);
    const builtin *b = builtin_find(name, name_len);
    if (!b) {
        if (is_list_function(name, name_len)) {
            /* Keys, secrets and SAS tokens: secure, as in the Bicep front end. */
            az_value *v = az_eval_unknown(ev, at, "%.*s()", shown, name);
            if (v)
                v->flags |= AZ_VALUE_SECURE;
            return v;
        }
        return az_eval_unknown(ev, at, "function '%.*s%s' is not evaluated", shown, name,
                               name_len > NAME_MAX_SHOWN ? "..." : "");
    }
    if (nargs < b->min || (b->max != VARIADIC && nargs > b->max)) {
        if (b->min == b->max)
            return az_eval_error(ev, at, "%s() takes %u argument%s, not %zu", b->name, b->min,
                                 b->min == 1 ? "" : "s", nargs);
        if (b->max == VARIADIC)
            return az_eval_error(ev, at, "%s() takes at least %u argument%s, not %zu", b->name,
                                 b->min, b->min == 1 ? "" : "s", nargs);
        return az_eval_error(ev, at, "%s() takes %u to %u arguments, not %zu", b->name, b->min,
                             b->max, nargs);
    }
    call c = {.ev = ev, .a = a, .at = at, .name = b->name, .args = args, .nargs = nargs};
    const char *reason = NULL;
    for (size_t i = 0; i < nargs && !(b->flags & LAZY) && !reason; i++)
        reason = arg_unknown(args[i]);
    az_value *r = reason ? unknown_as(&c, reason) : b->fn(&c);
    if (!r)
        return NULL;
    if (!c.passthrough)
        r->origin = AZ_ORIGIN_EXPRESSION;
    if (!(b->flags & NO_SECURE))
        for (size_t i = 0; i < nargs; i++)
            r->flags |= args[i]->flags & AZ_VALUE_SECURE;
    return r;
}
