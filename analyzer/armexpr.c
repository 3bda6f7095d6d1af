#include "armexpr.h"

#include "builtins.h"

#include <inttypes.h>
#include <string.h>

bool armexpr_is_expression(const char *s, size_t len)
{
    return len >= 2 && s[0] == '[' && s[len - 1] == ']' && s[1] != '[';
}

const char *armexpr_literal(const char *s, size_t len, size_t *out_len)
{
    if (len >= 2 && s[0] == '[' && s[1] == '[') {
        *out_len = len - 1;
        return s + 1;
    }
    *out_len = len;
    return s;
}

/* --- Parsing -------------------------------------------------------------- */

typedef struct {
    arena *a;
    const char *s;
    size_t end; /* the closing ']' */
    size_t pos;
    uint32_t max_depth;
    armexpr_error *err;
} parser;

static armexpr *fail_at(parser *p, size_t offset, const char *message)
{
    if (p->err && !p->err->message) {
        p->err->offset = offset;
        p->err->message = message;
    }
    return NULL;
}

static armexpr *fail(parser *p, const char *message)
{
    return fail_at(p, p->pos, message);
}

static void skip_space(parser *p)
{
    while (p->pos < p->end && (p->s[p->pos] == ' ' || p->s[p->pos] == '\t' ||
                               p->s[p->pos] == '\n' || p->s[p->pos] == '\r'))
        p->pos++;
}

static bool ident_start(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_' || ch == '$';
}

static bool ident_char(char ch)
{
    return ident_start(ch) || (ch >= '0' && ch <= '9');
}

static size_t ident_length(parser *p)
{
    size_t n = 0;
    if (p->pos < p->end && ident_start(p->s[p->pos]))
        while (p->pos + n < p->end && ident_char(p->s[p->pos + n]))
            n++;
    return n;
}

static armexpr *node_new(parser *p, armexpr_kind kind, size_t start)
{
    armexpr *n = arena_alloc(p->a, sizeof(*n));
    if (!n)
        return fail_at(p, start, "out of memory");
    n->kind = kind;
    n->offset = (uint32_t)start;
    n->length = (uint32_t)(p->pos - start);
    return n;
}

static const char *copy(parser *p, size_t start, size_t n)
{
    const char *c = arena_strndup(p->a, p->s + start, n);
    if (!c)
        fail_at(p, start, "out of memory");
    return c;
}

static armexpr *parse_string(parser *p)
{
    size_t start = p->pos++;
    size_t n = 0, i = p->pos;
    /* Measure first: a doubled quote stands for one. */
    for (;;) {
        if (i >= p->end)
            return fail_at(p, start, "unterminated string");
        if (p->s[i] == '\'') {
            if (i + 1 < p->end && p->s[i + 1] == '\'') {
                i += 2;
                n++;
                continue;
            }
            break;
        }
        i++;
        n++;
    }
    char *text = arena_alloc(p->a, n + 1);
    if (!text)
        return fail_at(p, start, "out of memory");
    for (size_t k = 0; p->pos < i; k++) {
        text[k] = p->s[p->pos];
        p->pos += p->s[p->pos] == '\'' ? 2 : 1;
    }
    p->pos = i + 1;
    armexpr *node = node_new(p, ARMEXPR_STRING, start);
    if (node) {
        node->u.string.ptr = text;
        node->u.string.len = (uint32_t)n;
    }
    return node;
}

static armexpr *parse_int(parser *p)
{
    size_t start = p->pos;
    bool negative = p->s[p->pos] == '-';
    if (negative)
        p->pos++;
    if (p->pos >= p->end || p->s[p->pos] < '0' || p->s[p->pos] > '9')
        return fail(p, "expected a digit");
    int64_t v = 0; /* accumulated negative, to reach INT64_MIN */
    while (p->pos < p->end && p->s[p->pos] >= '0' && p->s[p->pos] <= '9') {
        int d = p->s[p->pos] - '0';
        if (v < (INT64_MIN + d) / 10)
            return fail_at(p, start, "integer literal out of range");
        v = v * 10 - d;
        p->pos++;
    }
    if (!negative && v == INT64_MIN)
        return fail_at(p, start, "integer literal out of range");
    if (p->pos < p->end && (p->s[p->pos] == '.' || ident_char(p->s[p->pos])))
        return fail(p, "malformed number");
    armexpr *node = node_new(p, ARMEXPR_INT, start);
    if (node)
        node->u.integer = negative ? v : -v;
    return node;
}

static armexpr *parse_expr(parser *p, uint32_t depth, uint32_t *height);

static armexpr *parse_call(parser *p, uint32_t depth, uint32_t *height)
{
    size_t start = p->pos;
    size_t n = ident_length(p);
    p->pos += n;
    const char *ns = NULL;
    size_t ns_len = 0, name_start = start, name_len = n;
    if (p->pos < p->end && p->s[p->pos] == '.') {
        /* namespace.name(...): a user-defined function */
        ns = copy(p, start, n);
        ns_len = n;
        p->pos++;
        name_start = p->pos;
        name_len = ident_length(p);
        if (!name_len)
            return ns ? fail(p, "expected a function name") : NULL;
        p->pos += name_len;
    }
    size_t after_name = p->pos;
    skip_space(p);
    if (p->pos >= p->end || p->s[p->pos] != '(') {
        if (!ns) {
            armexpr_kind kind = ARMEXPR_NULL;
            bool literal = true;
            if (n == 4 && memcmp(p->s + start, "true", 4) == 0)
                kind = ARMEXPR_BOOL;
            else if (n == 5 && memcmp(p->s + start, "false", 5) == 0)
                kind = ARMEXPR_BOOL;
            else if (!(n == 4 && memcmp(p->s + start, "null", 4) == 0))
                literal = false;
            if (literal) {
                p->pos = after_name;
                armexpr *node = node_new(p, kind, start);
                if (node && kind == ARMEXPR_BOOL)
                    node->u.boolean = n == 4;
                *height = 1;
                return node;
            }
        }
        return fail(p, "expected '(' after the function name");
    }
    p->pos++;
    armexpr **args = NULL;
    uint32_t nargs = 0, cap = 0, tallest = 0;
    skip_space(p);
    if (p->pos < p->end && p->s[p->pos] == ')') {
        p->pos++;
    } else {
        for (;;) {
            uint32_t h;
            armexpr *arg = parse_expr(p, depth + 1, &h);
            if (!arg)
                return NULL;
            if (h > tallest)
                tallest = h;
            if (nargs == cap) {
                if (cap >= UINT32_MAX / 2)
                    return fail(p, "too many arguments");
                uint32_t grown = cap ? cap * 2 : 4;
                armexpr **more = arena_calloc(p->a, grown, sizeof(*more));
                if (!more)
                    return fail(p, "out of memory");
                if (nargs)
                    memcpy(more, args, nargs * sizeof(*more));
                args = more;
                cap = grown;
            }
            args[nargs++] = arg;
            skip_space(p);
            if (p->pos < p->end && p->s[p->pos] == ',') {
                p->pos++;
                continue;
            }
            if (p->pos < p->end && p->s[p->pos] == ')') {
                p->pos++;
                break;
            }
            return fail(p, "expected ',' or ')'");
        }
    }
    const char *name = copy(p, name_start, name_len);
    armexpr *node = name ? node_new(p, ARMEXPR_CALL, start) : NULL;
    if (!node)
        return NULL;
    node->u.call.ns = ns;
    node->u.call.ns_len = (uint32_t)ns_len;
    node->u.call.name = name;
    node->u.call.name_len = (uint32_t)name_len;
    node->u.call.args = args;
    node->u.call.nargs = nargs;
    *height = tallest + 1;
    return node;
}

static armexpr *parse_primary(parser *p, uint32_t depth, uint32_t *height)
{
    skip_space(p);
    if (p->pos >= p->end)
        return fail(p, "expected an expression");
    char ch = p->s[p->pos];
    *height = 1;
    if (ch == '\'')
        return parse_string(p);
    if (ch == '-' || (ch >= '0' && ch <= '9'))
        return parse_int(p);
    if (ident_start(ch))
        return parse_call(p, depth, height);
    return fail(p, "expected an expression");
}

static armexpr *parse_expr(parser *p, uint32_t depth, uint32_t *height)
{
    if (depth >= p->max_depth)
        return fail(p, "expression nested too deeply");
    armexpr *node = parse_primary(p, depth, height);
    while (node) {
        skip_space(p);
        if (p->pos >= p->end || (p->s[p->pos] != '.' && p->s[p->pos] != '['))
            break;
        if (*height >= p->max_depth)
            return fail(p, "expression nested too deeply");
        size_t start = node->offset;
        armexpr *wrap;
        if (p->s[p->pos] == '.') {
            p->pos++;
            skip_space(p);
            size_t name_start = p->pos, n = ident_length(p);
            if (!n)
                return fail(p, "expected a property name after '.'");
            p->pos += n;
            const char *name = copy(p, name_start, n);
            wrap = name ? node_new(p, ARMEXPR_MEMBER, start) : NULL;
            if (wrap) {
                wrap->u.member.target = node;
                wrap->u.member.name = name;
                wrap->u.member.name_len = (uint32_t)n;
            }
            *height += 1;
        } else {
            p->pos++;
            uint32_t h;
            armexpr *index = parse_expr(p, depth + 1, &h);
            if (!index)
                return NULL;
            skip_space(p);
            if (p->pos >= p->end || p->s[p->pos] != ']')
                return fail(p, "expected ']'");
            p->pos++;
            wrap = node_new(p, ARMEXPR_INDEX, start);
            if (wrap) {
                wrap->u.index.target = node;
                wrap->u.index.index = index;
            }
            *height = (h > *height ? h : *height) + 1;
        }
        if (*height > p->max_depth)
            return fail(p, "expression nested too deeply");
        node = wrap;
    }
    return node;
}

armexpr *armexpr_parse(arena *a, const char *s, size_t len, uint32_t max_depth, armexpr_error *err)
{
    if (err)
        *err = (armexpr_error){0, NULL};
    parser p = {
        .a = a, .s = s, .end = len ? len - 1 : 0, .pos = 1, .max_depth = max_depth, .err = err};
    if (!armexpr_is_expression(s, len))
        return fail_at(&p, 0, "not an expression: expected '[' ... ']'");
    uint32_t height;
    armexpr *e = parse_expr(&p, 0, &height);
    if (!e)
        return NULL;
    skip_space(&p);
    if (p.pos != p.end)
        return fail(&p, "unexpected text after the expression");
    return e;
}

/* --- Evaluation ----------------------------------------------------------- */

static bool name_is(const char *name, size_t len, const char *word)
{
    size_t n = strlen(word);
    if (len != n)
        return false;
    for (size_t i = 0; i < n; i++) {
        char ch = name[i];
        if (ch >= 'A' && ch <= 'Z')
            ch = (char)(ch + ('a' - 'A'));
        if (ch != word[i])
            return false;
    }
    return true;
}

static az_value *eval_node(az_eval *ev, const armexpr *e, const armexpr_env *env, az_range at);

/* A part of `container` (a member or an item) as the result at `at`. A
 * literal part of a value that came through a parameter or variable came
 * through it too; a part of a secure value is secure. */
static az_value *part_of(az_eval *ev, const az_value *container, const az_value *part, az_range at)
{
    az_value *v = az_value_relocate(az_eval_arena(ev), part, at);
    if (!v)
        return NULL;
    if (v->origin == AZ_ORIGIN_LITERAL && container->origin != AZ_ORIGIN_LITERAL) {
        v->origin = container->origin;
        v->def = container->def;
        v->via = container->via;
    }
    v->flags |= container->flags & AZ_VALUE_SECURE;
    return v;
}

/* What is read from an unknown value is unknown for the same reason, and as
 * secret as the value it is read from. */
static az_value *unknown_target(az_eval *ev, const az_value *t, az_range at)
{
    az_value *v = az_value_unknown(az_eval_arena(ev), at,
                                   t->kind == AZ_UNKNOWN ? t->u.unknown.reason : "absent value");
    if (v)
        v->flags |= t->flags & AZ_VALUE_SECURE;
    return v;
}

static az_value *eval_member(az_eval *ev, const armexpr *e, const armexpr_env *env, az_range at)
{
    az_value *t = eval_node(ev, e->u.member.target, env, at);
    if (!t || t->kind == AZ_UNKNOWN || t->kind == AZ_ABSENT)
        return t ? unknown_target(ev, t, at) : NULL;
    int shown = e->u.member.name_len < 64 ? (int)e->u.member.name_len : 64;
    if (t->kind != AZ_OBJECT)
        return az_eval_error(ev, at, "template expression: property '%.*s' of a value of kind %s",
                             shown, e->u.member.name, az_kind_name(t->kind));
    const az_member *m = az_value_member(t, e->u.member.name, e->u.member.name_len);
    if (!m)
        return az_eval_error(ev, at, "template expression: the object has no property '%.*s'",
                             shown, e->u.member.name);
    return part_of(ev, t, m->value, at);
}

static az_value *eval_index(az_eval *ev, const armexpr *e, const armexpr_env *env, az_range at)
{
    az_value *t = eval_node(ev, e->u.index.target, env, at);
    if (!t)
        return NULL;
    az_value *i = eval_node(ev, e->u.index.index, env, at);
    if (!i)
        return NULL;
    if (t->kind == AZ_UNKNOWN || t->kind == AZ_ABSENT)
        return unknown_target(ev, t, at);
    if (i->kind == AZ_UNKNOWN || i->kind == AZ_ABSENT)
        return unknown_target(ev, i, at);
    if (t->kind == AZ_ARRAY) {
        if (i->kind != AZ_INT)
            return az_eval_error(ev, at,
                                 "template expression: an array index must be an int, "
                                 "not %s",
                                 az_kind_name(i->kind));
        if (i->u.integer < 0 || i->u.integer >= t->u.array.count)
            return az_eval_error(ev, at,
                                 "template expression: index %" PRId64
                                 " is out of range for an array of %" PRIu32 " items",
                                 i->u.integer, t->u.array.count);
        return part_of(ev, t, t->u.array.items[i->u.integer], at);
    }
    if (t->kind == AZ_OBJECT) {
        if (i->kind != AZ_STRING)
            return az_eval_error(ev, at,
                                 "template expression: an object index must be a "
                                 "string, not %s",
                                 az_kind_name(i->kind));
        const az_member *m = az_value_member(t, i->u.string.ptr, i->u.string.len);
        if (!m)
            return az_eval_error(ev, at,
                                 "template expression: the object has no property "
                                 "named by the index");
        return part_of(ev, t, m->value, at);
    }
    return az_eval_error(ev, at, "template expression: cannot index a value of kind %s",
                         az_kind_name(t->kind));
}

/* parameters('x') and variables('x'). */
static az_value *eval_lookup(az_eval *ev, const char *fn, az_value **args, uint32_t nargs,
                             az_value *(*lookup)(void *, const char *, size_t, az_range),
                             const armexpr_env *env, az_range at)
{
    if (nargs != 1)
        return az_eval_error(ev, at, "%s() takes 1 argument, not %" PRIu32, fn, nargs);
    const az_value *name = args[0];
    if (name->kind == AZ_UNKNOWN || name->kind == AZ_ABSENT)
        return unknown_target(ev, name, at);
    if (name->kind != AZ_STRING)
        return az_eval_error(ev, at, "%s(): argument 1 must be a string, not %s", fn,
                             az_kind_name(name->kind));
    az_value *v = lookup ? lookup(env->ud, name->u.string.ptr, name->u.string.len, at) : NULL;
    if (!v) {
        int shown = name->u.string.len < 64 ? (int)name->u.string.len : 64;
        return az_eval_unknown(ev, at, "%s('%.*s')", fn, shown, name->u.string.ptr);
    }
    return az_value_relocate(az_eval_arena(ev), v, at);
}

/* copyIndex(), copyIndex(offset), copyIndex('loop'), copyIndex('loop', offset) */
static az_value *eval_copy_index(az_eval *ev, az_value **args, uint32_t nargs,
                                 const armexpr_env *env, az_range at)
{
    if (nargs > 2)
        return az_eval_error(ev, at, "copyIndex() takes at most 2 arguments, not %" PRIu32, nargs);
    for (uint32_t k = 0; k < nargs; k++)
        if (args[k]->kind == AZ_UNKNOWN || args[k]->kind == AZ_ABSENT)
            return unknown_target(ev, args[k], at);
    const az_value *loop = nargs && args[0]->kind == AZ_STRING ? args[0] : NULL;
    const az_value *offset = nargs > (loop ? 1u : 0u) ? args[loop ? 1 : 0] : NULL;
    if (nargs == 2 && !loop)
        return az_eval_error(ev, at, "copyIndex(): argument 1 must be a string, not %s",
                             az_kind_name(args[0]->kind));
    if (offset && offset->kind != AZ_INT)
        return az_eval_error(ev, at, "copyIndex(): the offset must be an int, not %s",
                             az_kind_name(offset->kind));
    az_value *index = env->copy_index ? env->copy_index(env->ud, loop ? loop->u.string.ptr : NULL,
                                                        loop ? loop->u.string.len : 0, at)
                                      : NULL;
    if (!index)
        return az_eval_unknown(ev, at, "copyIndex() outside a known loop");
    if (index->kind != AZ_INT)
        return az_value_relocate(az_eval_arena(ev), index, at);
    int64_t sum;
    if (__builtin_add_overflow(index->u.integer, offset ? offset->u.integer : 0, &sum))
        return az_eval_error(ev, at, "copyIndex(): the index plus the offset overflows");
    az_value *v = az_value_int(az_eval_arena(ev), at, sum);
    if (v)
        v->origin = AZ_ORIGIN_EXPRESSION;
    return v;
}

/* Lambdas: map(), filter(), reduce(), toObject() and mapValues() take
 * lambda('x', ..., body) arguments, whose body reads its parameters with
 * lambdaVariables('x'). A lambda's bindings are an environment that forwards
 * everything else to the one it was written in. */
typedef struct {
    armexpr_env env; /* forwards to outer; ud is this scope */
    const armexpr_env *outer;
    const armexpr *lambda;
    az_value *values[2];
} lambda_scope;

static az_value *scope_parameter(void *ud, const char *name, size_t len, az_range at)
{
    const armexpr_env *o = ((lambda_scope *)ud)->outer;
    return o->parameter ? o->parameter(o->ud, name, len, at) : NULL;
}

static az_value *scope_variable(void *ud, const char *name, size_t len, az_range at)
{
    const armexpr_env *o = ((lambda_scope *)ud)->outer;
    return o->variable ? o->variable(o->ud, name, len, at) : NULL;
}

static az_value *scope_copy_index(void *ud, const char *loop, size_t len, az_range at)
{
    const armexpr_env *o = ((lambda_scope *)ud)->outer;
    return o->copy_index ? o->copy_index(o->ud, loop, len, at) : NULL;
}

static bool is_lambda(const armexpr *e, uint32_t params)
{
    if (e->kind != ARMEXPR_CALL || e->u.call.ns ||
        !name_is(e->u.call.name, e->u.call.name_len, "lambda"))
        return false;
    if (e->u.call.nargs < 2 || e->u.call.nargs - 1 > params)
        return false;
    for (uint32_t i = 0; i + 1 < e->u.call.nargs; i++)
        if (e->u.call.args[i]->kind != ARMEXPR_STRING)
            return false;
    return true;
}

/* lambdaVariables('x'): the innermost binding of x. */
static az_value *lambda_variable(az_eval *ev, const armexpr_env *env, const az_value *name,
                                 az_range at)
{
    if (name->kind != AZ_STRING)
        return az_eval_error(ev, at, "lambdaVariables(): argument 1 must be a string");
    for (; env && env->parameter == scope_parameter; env = ((lambda_scope *)env->ud)->outer) {
        const lambda_scope *s = env->ud;
        for (uint32_t i = 0; i + 1 < s->lambda->u.call.nargs && i < 2; i++) {
            const armexpr *p = s->lambda->u.call.args[i];
            if (p->u.string.len == name->u.string.len &&
                memcmp(p->u.string.ptr, name->u.string.ptr, p->u.string.len) == 0)
                return s->values[i] ? az_value_relocate(az_eval_arena(ev), s->values[i], at)
                                    : az_eval_unknown(ev, at, "lambda argument");
        }
    }
    return az_eval_error(ev, at, "lambdaVariables(): no lambda variable of that name");
}

static az_value *apply(az_eval *ev, const armexpr *lambda, const armexpr_env *env, az_value *x,
                       az_value *y, az_range at)
{
    lambda_scope s = {
        {scope_parameter, scope_variable, scope_copy_index, NULL}, env, lambda, {x, y}};
    s.env.ud = &s;
    return eval_node(ev, lambda->u.call.args[lambda->u.call.nargs - 1], &s.env, at);
}

static bool known_value(const az_value *v)
{
    return v && v->kind != AZ_UNKNOWN && v->kind != AZ_ABSENT;
}

static az_value *eval_lambda_call(az_eval *ev, const armexpr *e, const armexpr_env *env,
                                  az_range at, bool *handled)
{
    const char *name = e->u.call.name;
    size_t len = e->u.call.name_len;
    uint32_t nargs = e->u.call.nargs;
    armexpr **args = e->u.call.args;
    arena *a = az_eval_arena(ev);
    *handled = true;
    bool map = name_is(name, len, "map"), filter = name_is(name, len, "filter");
    bool reduce = name_is(name, len, "reduce"), to_object = name_is(name, len, "toobject");
    bool map_values = name_is(name, len, "mapvalues");
    if (!((map || filter || map_values) && nargs == 2 && is_lambda(args[1], 2)) &&
        !(reduce && nargs == 3 && is_lambda(args[2], 3)) &&
        !(to_object && (nargs == 2 || nargs == 3) && is_lambda(args[1], 1) &&
          (nargs == 2 || is_lambda(args[2], 1)))) {
        *handled = false;
        return NULL;
    }
    az_value *input = eval_node(ev, args[0], env, at);
    if (!input)
        return NULL;
    if (!known_value(input))
        return unknown_target(ev, input, at);
    if (map_values) {
        if (input->kind != AZ_OBJECT)
            return az_eval_error(ev, at, "mapValues(): argument 1 must be an object");
        az_object_builder ob = {.a = a};
        for (uint32_t i = 0; i < input->u.object.count; i++) {
            const az_member *m = &input->u.object.members[i];
            az_value *v = apply(ev, args[1], env, m->value, NULL, at);
            if (!v || !az_object_builder_add(&ob, m->key, m->key_len, m->key_range, v))
                return NULL;
        }
        return az_object_builder_finish(&ob, at);
    }
    if (input->kind != AZ_ARRAY)
        return az_eval_error(ev, at, "%.*s(): argument 1 must be an array", (int)len, name);
    uint32_t n = input->u.array.count;
    if (reduce) {
        az_value *acc = eval_node(ev, args[1], env, at);
        for (uint32_t i = 0; acc && i < n; i++)
            acc = apply(ev, args[2], env, acc, input->u.array.items[i], at);
        return acc;
    }
    if (to_object) {
        az_object_builder ob = {.a = a};
        for (uint32_t i = 0; i < n; i++) {
            az_value *item = input->u.array.items[i];
            az_value *key = apply(ev, args[1], env, item, NULL, at);
            az_value *value = nargs == 3 ? apply(ev, args[2], env, item, NULL, at) : item;
            if (!key || !value)
                return NULL;
            if (key->kind != AZ_STRING)
                return known_value(key) ? az_eval_error(ev, at, "toObject(): a key is not a string")
                                        : unknown_target(ev, key, at);
            if (!az_object_builder_add(&ob, key->u.string.ptr, key->u.string.len, at, value))
                return NULL;
        }
        return az_object_builder_finish(&ob, at);
    }
    az_array_builder ab = {.a = a};
    for (uint32_t i = 0; i < n; i++) {
        az_value *item = input->u.array.items[i];
        az_value *index = az_value_int(a, at, i);
        az_value *v = index ? apply(ev, args[1], env, item, index, at) : NULL;
        if (!v)
            return NULL;
        if (filter) {
            if (!known_value(v))
                return unknown_target(ev, v, at);
            if (v->kind != AZ_BOOL)
                return az_eval_error(ev, at, "filter(): the lambda must return a bool");
            if (!v->u.boolean)
                continue;
            v = item;
        }
        if (!az_array_builder_add(&ab, v))
            return NULL;
    }
    return az_array_builder_finish(&ab, at);
}

static az_value *eval_call(az_eval *ev, const armexpr *e, const armexpr_env *env, az_range at)
{
    arena *a = az_eval_arena(ev);
    const char *name = e->u.call.name;
    size_t len = e->u.call.name_len;
    uint32_t nargs = e->u.call.nargs;

    /* if() evaluates only the branch its condition picks, as ARM does, so
     * that an expression valid only under its condition is not an error. */
    if (!e->u.call.ns && nargs == 3 && name_is(name, len, "if")) {
        az_value *cond = eval_node(ev, e->u.call.args[0], env, at);
        if (!cond || cond->kind == AZ_UNKNOWN || cond->kind == AZ_ABSENT)
            return cond ? unknown_target(ev, cond, at) : NULL;
        if (cond->kind != AZ_BOOL)
            return az_eval_error(ev, at, "if(): argument 1 must be a bool, not %s",
                                 az_kind_name(cond->kind));
        return eval_node(ev, e->u.call.args[cond->u.boolean ? 1 : 2], env, at);
    }

    if (!e->u.call.ns) {
        bool handled;
        az_value *v = eval_lambda_call(ev, e, env, at, &handled);
        if (handled)
            return v;
    }

    az_value **args = arena_calloc(a, nargs ? nargs : 1, sizeof(*args));
    if (!args)
        return NULL;
    for (uint32_t i = 0; i < nargs; i++)
        if (!(args[i] = eval_node(ev, e->u.call.args[i], env, at)))
            return NULL;

    if (e->u.call.ns) {
        int ns_shown = e->u.call.ns_len < 64 ? (int)e->u.call.ns_len : 64;
        int shown = len < 64 ? (int)len : 64;
        return az_eval_unknown(ev, at, "function '%.*s.%.*s' is not evaluated", ns_shown,
                               e->u.call.ns, shown, name);
    }
    if (name_is(name, len, "parameters"))
        return eval_lookup(ev, "parameters", args, nargs, env->parameter, env, at);
    if (name_is(name, len, "variables"))
        return eval_lookup(ev, "variables", args, nargs, env->variable, env, at);
    if (name_is(name, len, "copyindex"))
        return eval_copy_index(ev, args, nargs, env, at);
    if (name_is(name, len, "lambdavariables") && nargs == 1)
        return lambda_variable(ev, env, args[0], at);
    return az_builtin_call(ev, name, len, args, nargs, at);
}

static az_value *eval_node(az_eval *ev, const armexpr *e, const armexpr_env *env, az_range at)
{
    arena *a = az_eval_arena(ev);
    if (!az_eval_spend(ev, 1, at))
        return az_value_unknown(a, at, "evaluation bound reached: work budget");
    switch (e->kind) {
    case ARMEXPR_NULL:
        return az_value_null(a, at);
    case ARMEXPR_BOOL:
        return az_value_bool(a, at, e->u.boolean);
    case ARMEXPR_INT:
        return az_value_int(a, at, e->u.integer);
    case ARMEXPR_STRING:
        return az_value_string(a, at, e->u.string.ptr, e->u.string.len);
    default:
        break;
    }
    if (!az_eval_enter(ev, at))
        return az_value_unknown(a, at, "evaluation bound reached: depth");
    az_value *v = e->kind == ARMEXPR_CALL     ? eval_call(ev, e, env, at)
                  : e->kind == ARMEXPR_MEMBER ? eval_member(ev, e, env, at)
                                              : eval_index(ev, e, env, at);
    az_eval_leave(ev);
    return v;
}

az_value *armexpr_eval(az_eval *ev, const armexpr *expr, const armexpr_env *env, az_range at)
{
    static const armexpr_env none = {0};
    return eval_node(ev, expr, env ? env : &none, at);
}

az_value *armexpr_eval_string(az_eval *ev, const char *s, size_t len, const armexpr_env *env,
                              az_range at)
{
    arena *a = az_eval_arena(ev);
    if (!armexpr_is_expression(s, len)) {
        size_t n;
        const char *text = armexpr_literal(s, len, &n);
        return az_value_string(a, at, text, n);
    }
    if (az_eval_exhausted(ev))
        return az_value_unknown(a, at, "evaluation bound reached: work budget");
    armexpr_error err;
    armexpr *e = armexpr_parse(a, s, len, az_eval_limits(ev)->max_depth, &err);
    if (!e) {
        if (arena_failed(a))
            return NULL;
        return az_eval_error(ev, at, "invalid template expression at offset %zu: %s", err.offset,
                             err.message);
    }
    return armexpr_eval(ev, e, env, at);
}
