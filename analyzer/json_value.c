#include "json_value.h"
#include "utf8.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { JSON_OK, JSON_SYNTAX, JSON_BOUND, JSON_NOMEM } json_status;

typedef struct {
    az_eval *ev;
    arena *a;
    const char *s;
    size_t len, pos;
    az_range at;
    json_status status;
    const char *message; /* JSON_SYNTAX */
    size_t error_pos;
    char *scratch; /* decoded string, malloc-owned, reused */
    size_t scratch_cap;
} json_parser;

static az_value *fail(json_parser *p, const char *message)
{
    if (p->status == JSON_OK) {
        p->status = JSON_SYNTAX;
        p->message = message;
        p->error_pos = p->pos;
    }
    return NULL;
}

static az_value *bound(json_parser *p)
{
    p->status = JSON_BOUND;
    return NULL;
}

static az_value *nomem(json_parser *p)
{
    p->status = JSON_NOMEM;
    return NULL;
}

static void skip_space(json_parser *p)
{
    while (p->pos < p->len && (p->s[p->pos] == ' ' || p->s[p->pos] == '\t' ||
                               p->s[p->pos] == '\n' || p->s[p->pos] == '\r'))
        p->pos++;
}

static bool literal(json_parser *p, const char *word)
{
    size_t n = strlen(word);
    if (p->len - p->pos < n || memcmp(p->s + p->pos, word, n) != 0)
        return false;
    p->pos += n;
    return true;
}

static int hex4(const char *s)
{
    int v = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

/* Decodes the string at p->pos (after its opening quote) into p->scratch;
 * the decoded text is never longer than the source. */
static bool parse_string(json_parser *p, size_t *out_len)
{
    p->pos++; /* the opening quote */
    size_t end = p->pos;
    while (end < p->len && p->s[end] != '"')
        end += p->s[end] == '\\' ? 2 : 1;
    if (end >= p->len) {
        fail(p, "unterminated string");
        return false;
    }
    size_t need = end - p->pos + 1;
    if (need > p->scratch_cap) {
        char *grown = realloc(p->scratch, need);
        if (!grown) {
            nomem(p);
            return false;
        }
        p->scratch = grown;
        p->scratch_cap = need;
    }
    size_t n = 0;
    while (p->pos < end) {
        unsigned char c = (unsigned char)p->s[p->pos];
        if (c < 0x20) {
            fail(p, "control character in string");
            return false;
        }
        if (c != '\\') {
            p->scratch[n++] = (char)c;
            p->pos++;
            continue;
        }
        char e = p->s[p->pos + 1];
        const char *simple = strchr("\"\\/bfnrt", e);
        if (e && simple) {
            static const char decoded[] = "\"\\/\b\f\n\r\t";
            p->scratch[n++] = decoded[simple - "\"\\/bfnrt"];
            p->pos += 2;
            continue;
        }
        if (e != 'u' || end - p->pos < 6 || hex4(p->s + p->pos + 2) < 0) {
            fail(p, "invalid escape in string");
            return false;
        }
        uint32_t cp = (uint32_t)hex4(p->s + p->pos + 2);
        p->pos += 6;
        if (cp >= 0xDC00 && cp <= 0xDFFF) {
            p->pos -= 6;
            fail(p, "unpaired surrogate in string");
            return false;
        }
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            int low = end - p->pos >= 6 && p->s[p->pos] == '\\' && p->s[p->pos + 1] == 'u'
                          ? hex4(p->s + p->pos + 2)
                          : -1;
            if (low < 0xDC00 || low > 0xDFFF) {
                fail(p, "unpaired surrogate in string");
                return false;
            }
            cp = 0x10000 + ((cp - 0xD800) << 10) + ((uint32_t)low - 0xDC00);
            p->pos += 6;
        }
        n += utf8_encode(cp, p->scratch + n);
    }
    p->pos++; /* the closing quote */
    *out_len = n;
    return true;
}

static az_value *parse_number(json_parser *p)
{
    bool negative = p->pos < p->len && p->s[p->pos] == '-';
    if (negative)
        p->pos++;
    if (p->pos >= p->len || p->s[p->pos] < '0' || p->s[p->pos] > '9')
        return fail(p, "invalid number");
    bool overflow = false;
    int64_t v = 0; /* accumulated negative: INT64_MIN has no positive twin */
    if (p->s[p->pos] == '0') {
        p->pos++;
    } else {
        while (p->pos < p->len && p->s[p->pos] >= '0' && p->s[p->pos] <= '9') {
            int d = p->s[p->pos++] - '0';
            if (v < (INT64_MIN + d) / 10)
                overflow = true;
            else
                v = v * 10 - d;
        }
    }
    bool fraction = false;
    if (p->pos < p->len && p->s[p->pos] == '.') {
        fraction = true;
        p->pos++;
        if (p->pos >= p->len || p->s[p->pos] < '0' || p->s[p->pos] > '9')
            return fail(p, "invalid number");
        while (p->pos < p->len && p->s[p->pos] >= '0' && p->s[p->pos] <= '9')
            p->pos++;
    }
    if (p->pos < p->len && (p->s[p->pos] == 'e' || p->s[p->pos] == 'E')) {
        fraction = true;
        p->pos++;
        if (p->pos < p->len && (p->s[p->pos] == '+' || p->s[p->pos] == '-'))
            p->pos++;
        if (p->pos >= p->len || p->s[p->pos] < '0' || p->s[p->pos] > '9')
            return fail(p, "invalid number");
        while (p->pos < p->len && p->s[p->pos] >= '0' && p->s[p->pos] <= '9')
            p->pos++;
    }
    if (fraction)
        return az_value_unknown(p->a, p->at, "json() floating-point number");
    if (overflow || (!negative && v == INT64_MIN))
        return az_value_unknown(p->a, p->at, "json() integer out of range");
    return az_value_int(p->a, p->at, negative ? v : -v);
}

static az_value *parse_value(json_parser *p, uint32_t depth);

static az_value *parse_array(json_parser *p, uint32_t depth)
{
    az_array_builder b = {.a = p->a};
    p->pos++;
    skip_space(p);
    if (p->pos < p->len && p->s[p->pos] == ']') {
        p->pos++;
        return az_value_array(p->a, p->at, NULL, 0);
    }
    for (;;) {
        if (b.count >= az_eval_limits(p->ev)->max_array_length) {
            az_eval_check_array(p->ev, p->at, "json() array", (uint64_t)b.count + 1);
            return bound(p);
        }
        az_value *item = parse_value(p, depth + 1);
        if (!item)
            return NULL;
        if (!az_array_builder_add(&b, item))
            return nomem(p);
        skip_space(p);
        if (p->pos < p->len && p->s[p->pos] == ',') {
            p->pos++;
            continue;
        }
        if (p->pos < p->len && p->s[p->pos] == ']') {
            p->pos++;
            az_value *v = az_array_builder_finish(&b, p->at);
            return v ? v : nomem(p);
        }
        return fail(p, "expected ',' or ']'");
    }
}

static az_value *parse_object(json_parser *p, uint32_t depth)
{
    az_object_builder b = {.a = p->a};
    p->pos++;
    skip_space(p);
    if (p->pos < p->len && p->s[p->pos] == '}') {
        p->pos++;
        return az_value_object(p->a, p->at, NULL, 0);
    }
    for (;;) {
        if (b.count >= az_eval_limits(p->ev)->max_array_length) {
            az_eval_check_array(p->ev, p->at, "json() object", (uint64_t)b.count + 1);
            return bound(p);
        }
        skip_space(p);
        if (p->pos >= p->len || p->s[p->pos] != '"')
            return fail(p, "expected a property name");
        size_t key_len;
        if (!parse_string(p, &key_len))
            return NULL;
        char *key = arena_strndup(p->a, p->scratch, key_len);
        if (!key)
            return nomem(p);
        skip_space(p);
        if (p->pos >= p->len || p->s[p->pos] != ':')
            return fail(p, "expected ':'");
        p->pos++;
        az_value *value = parse_value(p, depth + 1);
        if (!value)
            return NULL;
        if (!az_object_builder_add(&b, key, key_len, p->at, value))
            return nomem(p);
        skip_space(p);
        if (p->pos < p->len && p->s[p->pos] == ',') {
            p->pos++;
            continue;
        }
        if (p->pos < p->len && p->s[p->pos] == '}') {
            p->pos++;
            az_value *v = az_object_builder_finish(&b, p->at);
            return v ? v : nomem(p);
        }
        return fail(p, "expected ',' or '}'");
    }
}

static az_value *parse_value(json_parser *p, uint32_t depth)
{
    skip_space(p);
    if (!az_eval_spend(p->ev, 1, p->at))
        return bound(p);
    if (p->pos >= p->len)
        return fail(p, "unexpected end of text");
    char c = p->s[p->pos];
    if (c == '[' || c == '{') {
        if (depth >= az_eval_limits(p->ev)->max_depth) {
            az_eval_bound(p->ev, p->at, "json() text nested deeper than the depth limit %" PRIu32,
                          az_eval_limits(p->ev)->max_depth);
            return bound(p);
        }
        return c == '[' ? parse_array(p, depth) : parse_object(p, depth);
    }
    if (c == '"') {
        size_t n;
        if (!parse_string(p, &n))
            return NULL;
        if (!az_eval_check_string(p->ev, p->at, "json() string", n) ||
            !az_eval_spend(p->ev, n / 8, p->at))
            return bound(p);
        az_value *v = az_value_string(p->a, p->at, p->scratch, n);
        return v ? v : nomem(p);
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
        az_value *v = parse_number(p);
        return v || p->status != JSON_OK ? v : nomem(p);
    }
    az_value *v = literal(p, "true")    ? az_value_bool(p->a, p->at, true)
                  : literal(p, "false") ? az_value_bool(p->a, p->at, false)
                  : literal(p, "null")  ? az_value_null(p->a, p->at)
                                        : fail(p, "unexpected character");
    return v || p->status != JSON_OK ? v : nomem(p);
}

az_value *az_json_parse(az_eval *ev, const char *text, size_t len, az_range at)
{
    json_parser p = {.ev = ev, .a = az_eval_arena(ev), .s = text, .len = len, .at = at};
    az_value *v = parse_value(&p, 0);
    if (v) {
        skip_space(&p);
        if (p.pos < p.len)
            fail(&p, "unexpected text after the value");
    }
    free(p.scratch);
    switch (p.status) {
    case JSON_OK:
        return v;
    case JSON_SYNTAX:
        return az_eval_error(ev, at, "json(): invalid JSON at offset %zu: %s", p.error_pos,
                             p.message);
    case JSON_BOUND:
        return az_eval_unknown(ev, at, "evaluation bound reached in json()");
    case JSON_NOMEM:
        break;
    }
    return NULL;
}

/* --- Writing ------------------------------------------------------------- */

typedef struct {
    az_eval *ev;
    az_range at;
    char *buf; /* malloc-owned */
    size_t len, cap;
    bool too_long, nomem, too_deep;
    const char *unknown; /* reason, when an unknown value was met */
} json_writer;

static void put(json_writer *w, const char *s, size_t n)
{
    if (n == 0 || w->too_long || w->nomem)
        return;
    if (n > az_eval_limits(w->ev)->max_string_length - w->len ||
        w->len > az_eval_limits(w->ev)->max_string_length) {
        w->too_long = true;
        return;
    }
    if (w->len + n > w->cap) {
        size_t cap = w->cap ? w->cap : 64;
        while (cap < w->len + n)
            cap *= 2;
        char *grown = realloc(w->buf, cap);
        if (!grown) {
            w->nomem = true;
            return;
        }
        w->buf = grown;
        w->cap = cap;
    }
    memcpy(w->buf + w->len, s, n);
    w->len += n;
}

static void put_string(json_writer *w, const char *s, size_t n)
{
    put(w, "\"", 1);
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        put(w, s + run, i - run);
        run = i + 1;
        char esc[8];
        const char *simple = c == '"'    ? "\\\""
                             : c == '\\' ? "\\\\"
                             : c == '\n' ? "\\n"
                             : c == '\r' ? "\\r"
                             : c == '\t' ? "\\t"
                             : c == '\b' ? "\\b"
                             : c == '\f' ? "\\f"
                                         : NULL;
        if (!simple) {
            static const char hex[] = "0123456789abcdef";
            memcpy(esc, "\\u00", 4);
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            esc[6] = 0;
            simple = esc;
        }
        put(w, simple, strlen(simple));
    }
    put(w, s + run, n - run);
    put(w, "\"", 1);
}

static void write_value(json_writer *w, const az_value *v, uint32_t depth)
{
    if (w->too_long || w->nomem || w->too_deep || w->unknown)
        return;
    if (!az_eval_spend(w->ev, 1, w->at)) {
        w->unknown = "evaluation bound reached: work budget";
        return;
    }
    char num[24];
    switch (v->kind) {
    case AZ_ABSENT:
        w->unknown = "absent value";
        return;
    case AZ_UNKNOWN:
        w->unknown = v->u.unknown.reason;
        return;
    case AZ_NULL:
        put(w, "null", 4);
        return;
    case AZ_BOOL:
        put(w, v->u.boolean ? "true" : "false", v->u.boolean ? 4 : 5);
        return;
    case AZ_INT:
        put(w, num, (size_t)snprintf(num, sizeof(num), "%" PRId64, v->u.integer));
        return;
    case AZ_STRING:
        put_string(w, v->u.string.ptr, v->u.string.len);
        return;
    case AZ_ARRAY:
    case AZ_OBJECT:
        break;
    }
    if (depth >= az_eval_limits(w->ev)->max_depth) {
        w->too_deep = true;
        return;
    }
    bool array = v->kind == AZ_ARRAY;
    put(w, array ? "[" : "{", 1);
    uint32_t count = array ? v->u.array.count : v->u.object.count;
    for (uint32_t i = 0; i < count; i++) {
        if (i)
            put(w, ",", 1);
        if (array) {
            write_value(w, v->u.array.items[i], depth + 1);
        } else {
            const az_member *m = &v->u.object.members[i];
            put_string(w, m->key, m->key_len);
            put(w, ":", 1);
            write_value(w, m->value, depth + 1);
        }
    }
    put(w, array ? "]" : "}", 1);
}

az_value *az_json_stringify(az_eval *ev, const az_value *v, az_range at)
{
    json_writer w = {.ev = ev, .at = at};
    write_value(&w, v, 0);
    az_value *result;
    if (w.nomem)
        result = NULL;
    else if (w.unknown)
        result = az_value_unknown(az_eval_arena(ev), at, w.unknown);
    else if (w.too_long)
        result = az_eval_bound(ev, at, "string() result longer than the string limit %" PRIu32,
                               az_eval_limits(ev)->max_string_length);
    else if (w.too_deep)
        result =
            az_eval_bound(ev, at, "string() of a value nested deeper than the depth limit %" PRIu32,
                          az_eval_limits(ev)->max_depth);
    else if (az_eval_spend(ev, w.len / 8, at))
        result = az_value_string(az_eval_arena(ev), at, w.buf ? w.buf : "", w.len);
    else
        result = az_value_unknown(az_eval_arena(ev), at, "evaluation bound reached: work budget");
    free(w.buf);
    return result;
}
