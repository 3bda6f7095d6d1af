/*
 * The ARM JSON front end: reads a deployment template's syntax tree into
 * plain JSON values, then interprets the template: parameters, variables,
 * resources (languageVersion 1.0 arrays and 2.0 symbolic objects, nested
 * children, copy loops, conditions), nested deployments and outputs,
 * evaluating the template expression language in every string.
 */
#define _GNU_SOURCE /* strcasestr */
#include "arm_json.h"
#include "armexpr.h"
#include "builtins.h"
#include "model_build.h"
#include "model_internal.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

typedef struct arm_ctx arm_ctx;

/* A variable, evaluated on first use: a plain one, or one of the
 * variables' copy loops. */
typedef struct {
    const char *name;
    size_t name_len;
    az_range range;
    const az_value *raw;  /* the value, for a plain variable */
    const az_value *copy; /* the {name, count, input} object, for a copy loop */
    az_value *value;
    int state; /* 0 not evaluated, 1 in progress, 2 done */
} arm_var;

/* One copy loop being expanded, innermost last. */
typedef struct arm_loop {
    const char *name;
    az_value *index; /* known int, or unknown for a symbolic instance */
    bool resource;   /* a resource's copy, which copyIndex() without a name means */
    struct arm_loop *outer;
} arm_loop;

struct arm_ctx {
    az_builder *b;
    const az_loaded_file *f;
    az_deployment *d;
    az_eval *ev;
    arena *a;
    const az_value *template; /* raw JSON of the template */
    const az_value *params_raw;
    arm_var *vars;
    uint32_t var_count;
    const az_value *var_copies; /* the variables' "copy" array, or NULL */
    arm_loop *loop;
    arm_ctx *outer;             /* for nested deployments evaluated in the outer scope */
    const az_value *param_args; /* the deployment's parameter values, or NULL */
    uint8_t *param_state;       /* per parameter: 0 not evaluated, 1 in progress, 2 done */
};

static int parameter_evaluate(arm_ctx *c, uint32_t index);

static az_value *eval_json(arm_ctx *c, const az_value *raw);

/* Environment callbacks ---------------------------------------------------- */

static const az_member *member_named(const az_value *obj, const char *name, size_t len)
{
    return az_value_member(obj, name, len);
}

static az_parameter *find_parameter(arm_ctx *c, const char *name, size_t len)
{
    for (uint32_t i = 0; i < c->d->parameter_count; i++) {
        az_parameter *p = c->d->parameters[i];
        if (strlen(p->name) == len && strncasecmp(p->name, name, len) == 0)
            return p;
    }
    return NULL;
}

static az_value *env_parameter(void *ud, const char *name, size_t len, az_range at)
{
    arm_ctx *c = ud;
    while (c->outer)
        c = c->outer;
    az_parameter *p = find_parameter(c, name, len);
    if (!p)
        return az_eval_error(c->ev, at, "parameters(): no parameter named '%.*s'", (int)len, name);
    /* A default may name a parameter declared after it: evaluate that one now. */
    uint32_t index = 0;
    while (c->d->parameters[index] != p)
        index++;
    if (!p->value && c->param_state && c->param_state[index] == 0) {
        if (!az_eval_enter(c->ev, at))
            return az_eval_unknown(c->ev, at, "parameter '%s' nested too deeply", p->name);
        int rc = parameter_evaluate(c, index);
        az_eval_leave(c->ev);
        if (rc)
            return NULL;
    }
    if (!p->value)
        return az_eval_unknown(c->ev, at, "parameter '%s' is being evaluated", p->name);
    return az_value_relocate(c->a, p->value, at);
}

static az_value *variable_value(arm_ctx *c, arm_var *v, az_range at);

static az_value *env_variable(void *ud, const char *name, size_t len, az_range at)
{
    arm_ctx *c = ud;
    for (uint32_t i = 0; i < c->var_count; i++) {
        arm_var *v = &c->vars[i];
        if (v->name_len == len && strncasecmp(v->name, name, len) == 0)
            return variable_value(c, v, at);
    }
    return az_eval_error(c->ev, at, "variables(): no variable named '%.*s'", (int)len, name);
}

static az_value *env_copy_index(void *ud, const char *loop, size_t len, az_range at)
{
    arm_ctx *c = ud;
    for (arm_loop *l = c->loop; l; l = l->outer) {
        if (loop ? l->name && strlen(l->name) == len && strncasecmp(l->name, loop, len) == 0
                 : l->resource)
            return az_value_relocate(c->a, l->index, at);
    }
    return az_eval_error(c->ev, at, "copyIndex() outside a copy loop");
}

static armexpr_env env_of(arm_ctx *c)
{
    armexpr_env env = {env_parameter, env_variable, env_copy_index, c};
    return env;
}

/* Expressions in strings ---------------------------------------------------- */

/* Evaluates one JSON string: a template expression when it is one, or the
 * string itself (with a leading "[[" unescaped). */
static az_value *eval_string(arm_ctx *c, const az_value *raw)
{
    const char *s = raw->u.string.ptr;
    size_t len = raw->u.string.len;
    if (!armexpr_is_expression(s, len)) {
        size_t n;
        const char *lit = armexpr_literal(s, len, &n);
        return n == len ? (az_value *)raw : az_value_string(c->a, raw->range, lit, n);
    }
    armexpr_env env = env_of(c);
    return armexpr_eval_string(c->ev, s, len, &env, raw->range);
}

static int64_t known_count(arm_ctx *c, const az_value *count, az_range at, bool *known);

/* A copy loop of properties or variables: the {name, count, input} object
 * `spec` builds the array `name`, one input per index, copyIndex('name')
 * giving the index. Unknown when the count is. */
static az_value *copy_array(arm_ctx *c, const az_value *spec, const char *name, az_range at)
{
    const az_member *count_m = member_named(spec, "count", 5);
    const az_member *input_m = member_named(spec, "input", 5);
    az_value *count = count_m ? eval_json(c, count_m->value) : NULL;
    bool known;
    int64_t n = known_count(c, count, at, &known);
    if (!known || !input_m)
        return az_eval_unknown(c->ev, spec->range, "copy count of '%s' is not known", name);
    az_value **items = n ? arena_calloc(c->a, (size_t)n, sizeof(*items)) : NULL;
    if (n && !items)
        return NULL;
    arm_loop loop = {name, NULL, false, c->loop};
    c->loop = &loop;
    for (int64_t i = 0; i < n; i++) {
        loop.index = az_value_int(c->a, spec->range, i);
        items[i] = loop.index ? eval_json(c, input_m->value) : NULL;
        if (!items[i]) {
            c->loop = loop.outer;
            return NULL;
        }
    }
    c->loop = loop.outer;
    return az_value_array(c->a, spec->range, items, (uint32_t)n);
}

/* A property copy loop; `*name` is the property it builds, NULL when the
 * loop names none. */
static az_value *property_copy(arm_ctx *c, const az_value *spec, const char **name)
{
    const az_member *name_m = member_named(spec, "name", 4);
    *name = name_m && name_m->value->kind == AZ_STRING ? name_m->value->u.string.ptr : NULL;
    return *name ? copy_array(c, spec, *name, spec->range) : NULL;
}

/* An object's members evaluated; a "copy" array among them (property
 * iteration) becomes the arrays it describes. */
static az_value *eval_object(arm_ctx *c, const az_value *raw)
{
    az_object_builder ob = {.a = c->a};
    for (uint32_t i = 0; i < raw->u.object.count; i++) {
        const az_member *m = &raw->u.object.members[i];
        if (m->value->kind == AZ_ARRAY && strcasecmp(m->key, "copy") == 0) {
            for (uint32_t k = 0; k < m->value->u.array.count; k++) {
                const az_value *spec = m->value->u.array.items[k];
                const char *name = NULL;
                az_value *v = spec->kind == AZ_OBJECT ? property_copy(c, spec, &name) : NULL;
                if (name && (!v || !az_object_builder_add(&ob, name, strlen(name), spec->range, v)))
                    return NULL;
            }
            continue;
        }
        az_value *v = eval_json(c, m->value);
        if (!v || !az_object_builder_add(&ob, m->key, m->key_len, m->key_range, v))
            return NULL;
    }
    return az_object_builder_finish(&ob, raw->range);
}

/* Evaluates every string of a JSON value. Depth-guarded: the raw tree was
 * already cut at the nesting limit, this is belt and braces. */
static az_value *eval_json(arm_ctx *c, const az_value *raw)
{
    if (!raw)
        return NULL;
    switch (raw->kind) {
    case AZ_STRING:
        return eval_string(c, raw);
    case AZ_ARRAY:
    case AZ_OBJECT:
        break;
    default:
        return (az_value *)raw;
    }
    if (!az_eval_spend(c->ev, 1, raw->range))
        return az_eval_unknown(c->ev, raw->range, "work budget spent");
    if (!az_eval_enter(c->ev, raw->range))
        return az_eval_unknown(c->ev, raw->range, "nested too deep");
    az_value *out = NULL;
    if (raw->kind == AZ_ARRAY) {
        uint32_t n = raw->u.array.count;
        az_value **items = n ? arena_calloc(c->a, n, sizeof(*items)) : NULL;
        if (!n || items) {
            for (uint32_t i = 0; i < n; i++)
                items[i] = eval_json(c, raw->u.array.items[i]);
            out = az_value_array(c->a, raw->range, items, n);
        }
    } else {
        out = eval_object(c, raw);
    }
    az_eval_leave(c->ev);
    return out;
}

/* Marks a value as having come through a parameter or variable named `via`,
 * defined where the value was written. A value that already came through
 * one keeps that older, deeper origin: it says where to fix it. */
static az_value *mark_through(arm_ctx *c, az_value *v, az_origin origin, const char *via)
{
    if (!v)
        return NULL;
    if (v->origin != AZ_ORIGIN_LITERAL && v->origin != AZ_ORIGIN_EXPRESSION)
        return v;
    return az_value_through(c->a, v, origin, via, v->range, v->range);
}

static int64_t known_count(arm_ctx *c, const az_value *count, az_range at, bool *known)
{
    *known = false;
    if (!count || count->kind != AZ_INT)
        return 0;
    if (!az_eval_check_loop(c->ev, at, "copy", count->u.integer))
        return 0;
    *known = true;
    return count->u.integer;
}

static az_value *variable_value(arm_ctx *c, arm_var *v, az_range at)
{
    if (v->state == 1)
        return az_eval_error(c->ev, at, "variable '%s' refers to itself", v->name);
    if (v->state == 0) {
        v->state = 1;
        az_value *value = v->copy ? copy_array(c, v->copy, v->name, at) : eval_json(c, v->raw);
        v->value = mark_through(c, value, AZ_ORIGIN_VARIABLE, v->name);
        v->state = 2;
    }
    if (!v->value)
        return az_eval_unknown(c->ev, at, "variable '%s' could not be evaluated", v->name);
    return az_value_relocate(c->a, v->value, at);
}

/* Template sections ---------------------------------------------------------- */

static const az_value *section(const az_value *tmpl, const char *name)
{
    const az_member *m = member_named(tmpl, name, strlen(name));
    return m ? m->value : NULL;
}

static const char *string_of(const az_value *v)
{
    return v && v->kind == AZ_STRING ? v->u.string.ptr : NULL;
}

/* Evaluates parameter `index` of the deployment: its argument, or its default. */
static int parameter_evaluate(arm_ctx *c, uint32_t index)
{
    az_parameter *p = c->d->parameters[index];
    const az_member *m = &section(c->template, "parameters")->u.object.members[index];
    const az_value *args = c->param_args;
    c->param_state[index] = 1;
    const az_value *def = section(m->value, "defaultValue");
    const az_value *allowed = section(m->value, "allowedValues");
    p->allowed = allowed ? eval_json(c, allowed) : NULL;
    if (def) {
        p->default_value = eval_json(c, def);
        if (!p->default_value)
            return -1;
    }
    const az_member *arg = args ? az_value_member(args, m->key, m->key_len) : NULL;
    az_value *value;
    if (args && args->kind == AZ_UNKNOWN)
        value = az_value_relocate(c->a, args, p->range);
    else if (arg && arg->value && !(arg->value->kind == AZ_NULL && p->default_value))
        value = arg->value;
    /* A null argument is none given: the default applies. */
    else if (p->default_value)
        value = mark_through(c, p->default_value, AZ_ORIGIN_PARAMETER_DEFAULT, p->name);
    else
        value = az_eval_unknown(c->ev, p->range, "parameter '%s' has no value", p->name);
    if (value && p->secure && !(value->flags & AZ_VALUE_SECURE)) {
        value = az_value_relocate(c->a, value, value->range);
        if (value)
            value->flags |= AZ_VALUE_SECURE;
    }
    if (!value)
        return -1;
    p->value = value;
    c->param_state[index] = 2;
    return 0;
}

/* Declares every parameter first, then evaluates them in order. */
static int build_parameters(arm_ctx *c, const az_value *args)
{
    const az_value *params = section(c->template, "parameters");
    if (!params || params->kind != AZ_OBJECT || params->u.object.count == 0)
        return 0;
    c->param_args = args;
    c->param_state = arena_calloc(c->a, params->u.object.count, 1);
    if (!c->param_state)
        return -1;
    for (uint32_t i = 0; i < params->u.object.count; i++) {
        const az_member *m = &params->u.object.members[i];
        az_parameter *p = az_deployment_add_parameter(c->b, c->d);
        if (!p)
            return -1;
        p->name = m->key;
        p->range = m->key_range;
        const char *type = string_of(section(m->value, "type"));
        p->type = type;
        p->secure = type && (strcasecmp(type, "securestring") == 0 ||
                             strcasecmp(type, "secureobject") == 0);
    }
    for (uint32_t i = 0; i < params->u.object.count; i++)
        if (c->param_state[i] == 0 && parameter_evaluate(c, i))
            return -1;
    return 0;
}

static int collect_variables(arm_ctx *c)
{
    const az_value *vars = section(c->template, "variables");
    if (!vars || vars->kind != AZ_OBJECT)
        return 0;
    const az_value *copies = section(vars, "copy");
    uint32_t n = vars->u.object.count;
    if (copies && copies->kind == AZ_ARRAY)
        n += copies->u.array.count;
    c->vars = n ? arena_calloc(c->a, n, sizeof(arm_var)) : NULL;
    if (n && !c->vars)
        return -1;
    for (uint32_t i = 0; i < vars->u.object.count; i++) {
        const az_member *m = &vars->u.object.members[i];
        if (strcasecmp(m->key, "copy") == 0 && m->value->kind == AZ_ARRAY)
            continue;
        arm_var *v = &c->vars[c->var_count++];
        v->name = m->key;
        v->name_len = m->key_len;
        v->range = m->key_range;
        v->raw = m->value;
    }
    if (copies && copies->kind == AZ_ARRAY) {
        for (uint32_t i = 0; i < copies->u.array.count; i++) {
            const az_value *spec = copies->u.array.items[i];
            const char *name = string_of(section(spec, "name"));
            if (!name)
                continue;
            arm_var *v = &c->vars[c->var_count++];
            v->name = name;
            v->name_len = strlen(name);
            v->range = spec->range;
            v->copy = spec;
        }
    }
    return 0;
}

/* Evaluates every variable, so that the model lists them all. */
static int build_variables(arm_ctx *c)
{
    for (uint32_t i = 0; i < c->var_count; i++) {
        arm_var *v = &c->vars[i];
        az_value *value = variable_value(c, v, v->range);
        az_variable *out = az_deployment_add_variable(c->b, c->d);
        if (!out || !value)
            return -1;
        out->name = v->name;
        out->range = v->range;
        out->value = v->value ? v->value : value;
    }
    return 0;
}

/* Resources ------------------------------------------------------------------ */

static size_t count_segments(const char *s)
{
    size_t n = 1;
    for (; *s; s++)
        n += *s == '/';
    return n;
}

/* "Microsoft.Sql/servers" + "databases" → "Microsoft.Sql/servers/databases";
 * a child type that is already qualified stays as it is. */
static const char *child_type(arena *a, const char *parent, const char *type)
{
    if (!parent || strchr(type, '/'))
        return type;
    size_t len = strlen(parent) + 1 + strlen(type) + 1;
    char *joined = arena_alloc(a, len);
    if (joined)
        snprintf(joined, len, "%s/%s", parent, type);
    return joined;
}

static az_value *child_name(arm_ctx *c, const az_value *parent, const char *type, az_value *name)
{
    if (!parent || !name || name->kind != AZ_STRING)
        return name;
    /* A fully qualified child name has one segment per type segment past the namespace. */
    if (count_segments(name->u.string.ptr) + 1 >= count_segments(type))
        return name;
    if (parent->kind != AZ_STRING)
        return az_eval_unknown(c->ev, name->range, "the parent's name is not known");
    size_t len = parent->u.string.len + 1 + name->u.string.len;
    char *joined = arena_alloc(c->a, len + 1);
    if (!joined)
        return NULL;
    snprintf(joined, len + 1, "%s/%s", parent->u.string.ptr, name->u.string.ptr);
    az_value *v = az_value_string(c->a, name->range, joined, len);
    if (v) {
        v->origin = name->origin;
        v->via = name->via;
        v->def = name->def;
    }
    return v;
}

/* The declaration's members that make up the model's body. */
static bool body_member(const char *key)
{
    static const char *const skip[] = {"type",      "apiVersion", "condition", "copy",
                                       "resources", "comments",   "existing",  "import"};
    for (size_t i = 0; i < sizeof(skip) / sizeof(*skip); i++)
        if (strcasecmp(key, skip[i]) == 0)
            return false;
    return true;
}

static az_value *resource_body(arm_ctx *c, const az_value *raw)
{
    uint32_t n = raw->u.object.count;
    az_member *members = n ? arena_calloc(c->a, n, sizeof(*members)) : NULL;
    if (n && !members)
        return NULL;
    uint32_t k = 0;
    for (uint32_t i = 0; i < n; i++) {
        const az_member *m = &raw->u.object.members[i];
        if (!body_member(m->key))
            continue;
        members[k] = *m;
        members[k].value = eval_json(c, m->value);
        if (!members[k].value)
            return NULL;
        k++;
    }
    return az_value_object(c->a, raw->range, members, k);
}

static int build_resource_list(arm_ctx *c, const az_value *list, az_resource *parent);
static int build_nested_deployment(arm_ctx *c, const az_value *raw, const char *symbol,
                                   az_value *condition, az_loop *loop);

static int build_one(arm_ctx *c, const az_value *raw, const char *symbol, az_resource *parent,
                     az_value *condition, az_loop *loop)
{
    const char *type = string_of(eval_json(c, section(raw, "type")));
    if (!type) {
        az_eval_warn(c->ev, raw->range, "a resource without a known type is left out");
        return 0;
    }
    type = child_type(c->a, parent ? parent->type : NULL, type);
    if (!type)
        return -1;
    if (!parent && strcasecmp(type, "Microsoft.Resources/deployments") == 0)
        return build_nested_deployment(c, raw, symbol, condition, loop);

    az_resource *r = az_deployment_add_resource(c->b, c->d);
    if (!r)
        return -1;
    r->symbol = symbol;
    r->type = type;
    r->api_version = string_of(eval_json(c, section(raw, "apiVersion")));
    r->condition = condition;
    r->loop = loop;
    r->parent = parent;
    r->deployment = c->d;
    r->range = section(raw, "type") ? section(raw, "type")->range : raw->range;
    const az_value *existing = section(raw, "existing");
    r->existing = existing && existing->kind == AZ_BOOL && existing->u.boolean;
    r->body = resource_body(c, raw);
    if (!r->body)
        return -1;
    const az_member *name = az_value_member(r->body, "name", 4);
    r->name = child_name(c, parent ? parent->name : NULL, type, name ? name->value : NULL);
    const az_member *scope = az_value_member(r->body, "scope", 5);
    r->scope = scope ? scope->value : NULL;
    /* ARM's own scope property names the parent resource relatively: ids stay group-level. */
    r->id = model_resource_id(c->ev, c->d->target_scope, r->type, r->name, NULL, r->range);

    const az_value *children = section(raw, "resources");
    return children ? build_resource_list(c, children, r) : 0;
}

/* What a false condition guards is modelled quietly: see az_eval_quiet_enter. */
static int build_guarded(arm_ctx *c, const az_value *raw, const char *symbol, az_resource *parent,
                         az_value *cond, az_loop *info)
{
    bool dead = az_condition_false(cond);
    if (dead)
        az_eval_quiet_enter(c->ev);
    int rc = build_one(c, raw, symbol, parent, cond, info);
    if (dead)
        az_eval_quiet_leave(c->ev);
    return rc;
}

/* One declaration, expanded over its copy loop. */
static int build_declaration(arm_ctx *c, const az_value *raw, const char *symbol,
                             az_resource *parent)
{
    if (!raw || raw->kind != AZ_OBJECT)
        return 0;
    if (!az_eval_spend(c->ev, 1, raw->range))
        return 0;
    const az_value *cond_raw = section(raw, "condition");
    const az_value *copy = section(raw, "copy");
    if (!copy || copy->kind != AZ_OBJECT) {
        az_value *cond = cond_raw ? eval_json(c, cond_raw) : NULL;
        return build_guarded(c, raw, symbol, parent, cond, NULL);
    }
    const char *loop_name = string_of(section(copy, "name"));
    az_value *count = eval_json(c, section(copy, "count"));
    bool known;
    int64_t n = known_count(c, count, copy->range, &known);
    if (!count)
        count = az_eval_unknown(c->ev, copy->range, "copy has no count");
    arm_loop loop = {loop_name, NULL, true, c->loop};
    c->loop = &loop;
    int rc = 0;
    int64_t instances = known ? n : 1;
    for (int64_t i = 0; rc == 0 && i < instances; i++) {
        az_loop *info = arena_alloc(c->a, sizeof(*info));
        loop.index = known ? az_value_int(c->a, copy->range, i)
                           : az_eval_unknown(c->ev, copy->range, "copy count is not known");
        if (!info || !loop.index) {
            rc = -1;
            break;
        }
        info->name = loop_name;
        info->count = count;
        info->index = (uint32_t)i;
        info->symbolic = !known;
        az_value *cond = cond_raw ? eval_json(c, cond_raw) : NULL;
        rc = build_guarded(c, raw, symbol, parent, cond, info);
    }
    c->loop = loop.outer;
    return rc;
}

static int build_resource_list(arm_ctx *c, const az_value *list, az_resource *parent)
{
    if (list->kind == AZ_ARRAY) {
        for (uint32_t i = 0; i < list->u.array.count; i++)
            if (build_declaration(c, list->u.array.items[i], NULL, parent))
                return -1;
    } else if (list->kind == AZ_OBJECT) {
        for (uint32_t i = 0; i < list->u.object.count; i++) {
            const az_member *m = &list->u.object.members[i];
            if (build_declaration(c, m->value, m->key, parent))
                return -1;
        }
    }
    return 0;
}

/* Children declared at the top level with a segmented type and name find
 * their parent by type and name. */
static void link_parents(arm_ctx *c)
{
    for (uint32_t i = 0; i < c->d->resource_count; i++) {
        az_resource *r = c->d->resources[i];
        if (r->parent || !r->name || r->name->kind != AZ_STRING)
            continue;
        const char *type_cut = strrchr(r->type, '/');
        const char *name_cut = strrchr(r->name->u.string.ptr, '/');
        if (!type_cut || !name_cut || count_segments(r->type) < 3)
            continue;
        size_t tl = (size_t)(type_cut - r->type);
        size_t nl = (size_t)(name_cut - r->name->u.string.ptr);
        for (uint32_t j = 0; j < c->d->resource_count; j++) {
            az_resource *p = c->d->resources[j];
            if (p == r || !p->name || p->name->kind != AZ_STRING)
                continue;
            if (strlen(p->type) == tl && strncasecmp(p->type, r->type, tl) == 0 &&
                p->name->u.string.len == nl &&
                strncasecmp(p->name->u.string.ptr, r->name->u.string.ptr, nl) == 0) {
                r->parent = p;
                break;
            }
        }
    }
}

/* Nested deployments ------------------------------------------------------- */

static int build_template(arm_ctx *c, const az_value *args);

/* The `parameters` of a deployment resource as an argument object. */
static az_value *deployment_arguments(arm_ctx *c, const az_value *params)
{
    if (!params || params->kind != AZ_OBJECT)
        return NULL;
    uint32_t n = params->u.object.count;
    az_member *members = n ? arena_calloc(c->a, n, sizeof(*members)) : NULL;
    if (n && !members)
        return NULL;
    for (uint32_t i = 0; i < n; i++) {
        const az_member *m = &params->u.object.members[i];
        members[i] = *m;
        const az_member *value = az_value_member(m->value, "value", 5);
        az_value *v;
        if (value) {
            v = value->value;
        } else {
            v = az_eval_unknown(c->ev, m->value->range, "a Key Vault reference");
            if (v)
                v->flags |= AZ_VALUE_SECURE;
        }
        members[i].value = v ? mark_through(c, v, AZ_ORIGIN_MODULE_ARGUMENT, m->key) : NULL;
        if (!members[i].value)
            return NULL;
    }
    return az_value_object(c->a, params->range, members, n);
}

/* The deployment a nested deployment's evaluated `properties` describe:
 * an inline template (evaluated in its own scope when `inner`, else in the
 * outer one), a template linked by relative path, or an external link. */
static int build_deployment_target(arm_ctx *c, az_module *mod, const az_value *props,
                                   const az_value *tmpl, bool inner)
{
    const az_value *link = section(props, "templateLink");
    if (link) {
        const char *rel = string_of(section(link, "relativePath"));
        if (!rel) {
            /* A template by URI or template-spec id: never fetched. */
            mod->external = true;
            mod->path = string_of(section(link, "uri"));
            if (!mod->path)
                mod->path = string_of(section(link, "id"));
            return 0;
        }
        return az_builder_build_module(c->b, c->f, rel, mod->range, c->d, mod, mod->params);
    }
    if (!tmpl || tmpl->kind != AZ_OBJECT)
        return 0;
    if (!az_eval_enter_module(c->ev, mod->range))
        return 0;
    az_deployment *child = az_builder_deployment_new(c->b, c->f, c->d, mod);
    if (!child) {
        az_eval_leave_module(c->ev);
        return -1;
    }
    mod->child = child;
    arm_ctx inner_ctx = {0};
    inner_ctx.b = c->b;
    inner_ctx.f = c->f;
    inner_ctx.d = child;
    inner_ctx.ev = c->ev;
    inner_ctx.a = c->a;
    inner_ctx.template = tmpl;
    inner_ctx.outer = inner ? NULL : c;
    int rc = build_template(&inner_ctx, inner ? mod->params : NULL);
    az_eval_leave_module(c->ev);
    return rc;
}

static int build_nested_deployment(arm_ctx *c, const az_value *raw, const char *symbol,
                                   az_value *condition, az_loop *loop)
{
    az_module *mod = az_deployment_add_module(c->b, c->d);
    if (!mod)
        return -1;
    /* Everything but the template is evaluated here, in the outer scope. */
    const az_value *raw_props = section(raw, "properties");
    const az_value *tmpl = section(raw_props, "template");
    const char *scope =
        string_of(section(section(raw_props, "expressionEvaluationOptions"), "scope"));
    bool inner = scope && strcasecmp(scope, "inner") == 0;
    const az_value *name = eval_json(c, section(raw, "name"));
    mod->symbol = symbol ? symbol : string_of(name);
    mod->condition = condition;
    mod->loop = loop;
    mod->range = section(raw, "type") ? section(raw, "type")->range : raw->range;
    const az_value *params_raw = section(raw_props, "parameters");
    az_value *params = params_raw ? eval_json(c, params_raw) : NULL;
    mod->params = deployment_arguments(c, params);
    const az_value *link_raw = section(raw_props, "templateLink");
    az_value *props = NULL;
    if (link_raw) {
        /* az_value_object keeps the members it is given: they live in the arena. */
        az_member *m = arena_alloc(c->a, sizeof(*m));
        if (!m)
            return -1;
        *m = (az_member){"templateLink", 12, link_raw->range, eval_json(c, link_raw)};
        props = m->value ? az_value_object(c->a, raw_props->range, m, 1) : NULL;
        if (!props)
            return -1;
    }
    return build_deployment_target(c, mod, props, tmpl, inner);
}

int arm_model_build_nested(az_builder *b, const az_loaded_file *f, az_deployment *parent,
                           az_module *mod, const az_value *body)
{
    arm_ctx c = {0};
    c.b = b;
    c.f = f;
    c.d = parent;
    c.ev = az_builder_eval(b);
    c.a = az_builder_arena(b);
    const az_value *props = section(body, "properties");
    if (props && props->kind == AZ_UNKNOWN) {
        mod->params = (az_value *)props;
        return 0;
    }
    mod->params = deployment_arguments(&c, section(props, "parameters"));
    return build_deployment_target(&c, mod, props, section(props, "template"), true);
}

/* Outputs ------------------------------------------------------------------ */

static int build_outputs(arm_ctx *c)
{
    const az_value *outputs = section(c->template, "outputs");
    if (!outputs || outputs->kind != AZ_OBJECT)
        return 0;
    for (uint32_t i = 0; i < outputs->u.object.count; i++) {
        const az_member *m = &outputs->u.object.members[i];
        az_output *o = az_deployment_add_output(c->b, c->d);
        if (!o)
            return -1;
        o->name = m->key;
        o->range = m->key_range;
        const char *type = string_of(section(m->value, "type"));
        o->secure = type && (strcasecmp(type, "securestring") == 0 ||
                             strcasecmp(type, "secureobject") == 0);
        const az_value *value = section(m->value, "value");
        o->value = value ? eval_json(c, value)
                         : az_eval_unknown(c->ev, m->key_range, "output without a value");
        if (!o->value)
            return -1;
    }
    return 0;
}

static const char *scope_of_schema(const char *schema)
{
    if (!schema)
        return "resourceGroup";
    if (strcasestr(schema, "subscriptionDeploymentTemplate"))
        return "subscription";
    if (strcasestr(schema, "managementGroupDeploymentTemplate"))
        return "managementGroup";
    if (strcasestr(schema, "tenantDeploymentTemplate"))
        return "tenant";
    return "resourceGroup";
}

static int build_template(arm_ctx *c, const az_value *args)
{
    const char *schema = string_of(section(c->template, "$schema"));
    c->d->target_scope = c->outer && !schema ? c->outer->d->target_scope : scope_of_schema(schema);
    if (c->outer) {
        /* Outer scope: the nested template sees the parent's parameters and
         * variables, and its own are ignored, as ARM does. */
        c->d->parameters = NULL;
        c->vars = c->outer->vars;
        c->var_count = c->outer->var_count;
    } else if (build_parameters(c, args) || collect_variables(c) || build_variables(c)) {
        return -1;
    }
    const az_value *resources = section(c->template, "resources");
    if (resources && build_resource_list(c, resources, NULL))
        return -1;
    link_parents(c);
    return build_outputs(c);
}

int arm_model_build(az_builder *b, const az_loaded_file *f, az_deployment *d, const az_value *args)
{
    const az_value *doc = f->doc;
    if (!doc || doc->kind != AZ_OBJECT) {
        az_builder_warn(b, (az_range){f->file, 1, 1, 1, 1}, "not a JSON object; nothing to model");
        return 0;
    }
    arm_ctx c = {0};
    c.b = b;
    c.f = f;
    c.d = d;
    c.ev = az_builder_eval(b);
    c.a = az_builder_arena(b);
    c.template = doc;
    return build_template(&c, args);
}

int arm_params_evaluate(az_builder *b, const az_loaded_file *f, az_value **args)
{
    *args = NULL;
    const az_value *doc = f->doc;
    arm_ctx c = {0};
    c.b = b;
    c.f = f;
    c.ev = az_builder_eval(b);
    c.a = az_builder_arena(b);
    const az_value *params = section(doc, "parameters");
    if (!params || params->kind != AZ_OBJECT)
        return 0;
    /* Parameter files hold literal values: nothing in them is evaluated. */
    uint32_t n = params->u.object.count;
    az_member *members = n ? arena_calloc(c.a, n, sizeof(*members)) : NULL;
    if (n && !members)
        return -1;
    for (uint32_t i = 0; i < n; i++) {
        const az_member *m = &params->u.object.members[i];
        members[i] = *m;
        const az_member *value = az_value_member(m->value, "value", 5);
        az_value *v;
        if (value) {
            v = az_value_through(c.a, value->value, AZ_ORIGIN_PARAMETER_FILE, m->key,
                                 value->value->range, value->value->range);
        } else {
            v = az_eval_unknown(c.ev, m->value->range, "a Key Vault reference");
            if (v) {
                v->flags |= AZ_VALUE_SECURE;
                v->origin = AZ_ORIGIN_PARAMETER_FILE;
                v->via = m->key;
                v->def = m->value->range;
            }
        }
        if (!v)
            return -1;
        members[i].value = v;
    }
    *args = az_value_object(c.a, params->range, members, n);
    return *args ? 0 : -1;
}
