#include "model_json.h"

#include <cjson/cJSON.h>
#include <stdlib.h>

typedef struct {
    const az_model *m;
    bool failed;
} writer;

static cJSON *check(writer *w, cJSON *item)
{
    if (!item)
        w->failed = true;
    return item;
}

static void add(writer *w, cJSON *obj, const char *key, cJSON *item)
{
    if (!item || !cJSON_AddItemToObject(obj, key, item)) {
        cJSON_Delete(item);
        w->failed = true;
    }
}

/* [file, start line, start column, end line, end column], or null. */
static cJSON *range_json(writer *w, az_range r)
{
    if (r.start_line == 0)
        return check(w, cJSON_CreateNull());
    cJSON *a = check(w, cJSON_CreateArray());
    if (!a)
        return NULL;
    const char *file = az_model_file_path(w->m, r.file);
    cJSON_AddItemToArray(a, cJSON_CreateString(file ? file : ""));
    cJSON_AddItemToArray(a, cJSON_CreateNumber(r.start_line));
    cJSON_AddItemToArray(a, cJSON_CreateNumber(r.start_column));
    cJSON_AddItemToArray(a, cJSON_CreateNumber(r.end_line));
    cJSON_AddItemToArray(a, cJSON_CreateNumber(r.end_column));
    if (cJSON_GetArraySize(a) != 5)
        w->failed = true;
    return a;
}

/* Values nest no deeper than the evaluator's depth limit, which bounds
 * this recursion. */
static cJSON *value_json(writer *w, const az_value *v)
{
    cJSON *o = check(w, cJSON_CreateObject());
    if (!o)
        return NULL;
    if (!v) {
        add(w, o, "kind", cJSON_CreateString("absent"));
        return o;
    }
    add(w, o, "kind", cJSON_CreateString(az_kind_name(v->kind)));
    bool secure = v->flags & AZ_VALUE_SECURE;
    if (secure)
        add(w, o, "secure", cJSON_CreateTrue());
    switch (v->kind) {
    case AZ_BOOL:
        if (!secure)
            add(w, o, "value", cJSON_CreateBool(v->u.boolean));
        break;
    case AZ_INT:
        if (!secure)
            add(w, o, "value", cJSON_CreateNumber((double)v->u.integer));
        break;
    case AZ_STRING:
        if (!secure)
            add(w, o, "value", cJSON_CreateString(v->u.string.ptr));
        break;
    case AZ_UNKNOWN:
        add(w, o, "reason", cJSON_CreateString(v->u.unknown.reason));
        break;
    case AZ_ARRAY:
        if (!secure) {
            cJSON *items = check(w, cJSON_CreateArray());
            for (uint32_t i = 0; items && i < v->u.array.count; i++)
                cJSON_AddItemToArray(items, value_json(w, v->u.array.items[i]));
            add(w, o, "items", items);
        }
        break;
    case AZ_OBJECT:
        if (!secure) {
            cJSON *members = check(w, cJSON_CreateObject());
            for (uint32_t i = 0; members && i < v->u.object.count; i++)
                add(w, members, v->u.object.members[i].key,
                    value_json(w, v->u.object.members[i].value));
            add(w, o, "members", members);
        }
        break;
    default:
        break;
    }
    add(w, o, "origin", cJSON_CreateString(az_origin_name(v->origin)));
    if (v->via)
        add(w, o, "via", cJSON_CreateString(v->via));
    add(w, o, "range", range_json(w, v->range));
    if (v->origin != AZ_ORIGIN_LITERAL && v->origin != AZ_ORIGIN_EXPRESSION)
        add(w, o, "def", range_json(w, v->def));
    return o;
}

static cJSON *loop_json(writer *w, const az_loop *l)
{
    if (!l)
        return check(w, cJSON_CreateNull());
    cJSON *o = check(w, cJSON_CreateObject());
    if (!o)
        return NULL;
    if (l->name)
        add(w, o, "name", cJSON_CreateString(l->name));
    add(w, o, "count", value_json(w, l->count));
    add(w, o, "index", cJSON_CreateNumber(l->index));
    add(w, o, "symbolic", cJSON_CreateBool(l->symbolic));
    return o;
}

static cJSON *string_or_null(const char *s)
{
    return s ? cJSON_CreateString(s) : cJSON_CreateNull();
}

static cJSON *resource_json(writer *w, const az_resource *r)
{
    cJSON *o = check(w, cJSON_CreateObject());
    if (!o)
        return NULL;
    add(w, o, "symbol", string_or_null(r->symbol));
    add(w, o, "type", cJSON_CreateString(r->type));
    add(w, o, "apiVersion", string_or_null(r->api_version));
    add(w, o, "name", value_json(w, r->name));
    add(w, o, "id", value_json(w, r->id));
    add(w, o, "existing", cJSON_CreateBool(r->existing));
    add(w, o, "condition", r->condition ? value_json(w, r->condition) : cJSON_CreateNull());
    add(w, o, "loop", loop_json(w, r->loop));
    add(w, o, "parent",
        r->parent ? string_or_null(r->parent->symbol ? r->parent->symbol : r->parent->type)
                  : cJSON_CreateNull());
    add(w, o, "range", range_json(w, r->range));
    add(w, o, "body", value_json(w, r->body));
    return o;
}

static cJSON *deployment_json(writer *w, const az_deployment *d, uint32_t depth);

static cJSON *module_json(writer *w, const az_module *mod, uint32_t depth)
{
    cJSON *o = check(w, cJSON_CreateObject());
    if (!o)
        return NULL;
    add(w, o, "symbol", string_or_null(mod->symbol));
    add(w, o, "path", string_or_null(mod->path));
    add(w, o, "external", cJSON_CreateBool(mod->external));
    add(w, o, "condition", mod->condition ? value_json(w, mod->condition) : cJSON_CreateNull());
    add(w, o, "loop", loop_json(w, mod->loop));
    add(w, o, "params", mod->params ? value_json(w, mod->params) : cJSON_CreateNull());
    add(w, o, "range", range_json(w, mod->range));
    add(w, o, "deployment",
        mod->child ? deployment_json(w, mod->child, depth + 1) : cJSON_CreateNull());
    return o;
}

/* Module nesting is bounded by the builder's module depth limit. */
static cJSON *deployment_json(writer *w, const az_deployment *d, uint32_t depth)
{
    cJSON *o = check(w, cJSON_CreateObject());
    if (!o)
        return NULL;
    add(w, o, "language", cJSON_CreateString(d->language == AZ_LANG_BICEP ? "bicep" : "arm"));
    add(w, o, "file", cJSON_CreateString(az_model_file_path(w->m, d->file)));
    add(w, o, "variant", string_or_null(d->variant));
    add(w, o, "targetScope", cJSON_CreateString(d->target_scope ? d->target_scope : ""));

    cJSON *params = check(w, cJSON_CreateArray());
    for (uint32_t i = 0; params && i < d->parameter_count; i++) {
        const az_parameter *p = d->parameters[i];
        cJSON *po = check(w, cJSON_CreateObject());
        if (!po)
            break;
        add(w, po, "name", cJSON_CreateString(p->name));
        add(w, po, "type", string_or_null(p->type));
        add(w, po, "secure", cJSON_CreateBool(p->secure));
        add(w, po, "default",
            p->default_value ? value_json(w, p->default_value) : cJSON_CreateNull());
        add(w, po, "allowed", p->allowed ? value_json(w, p->allowed) : cJSON_CreateNull());
        add(w, po, "value", value_json(w, p->value));
        add(w, po, "range", range_json(w, p->range));
        cJSON_AddItemToArray(params, po);
    }
    add(w, o, "parameters", params);

    cJSON *vars = check(w, cJSON_CreateArray());
    for (uint32_t i = 0; vars && i < d->variable_count; i++) {
        cJSON *vo = check(w, cJSON_CreateObject());
        if (!vo)
            break;
        add(w, vo, "name", cJSON_CreateString(d->variables[i]->name));
        add(w, vo, "value", value_json(w, d->variables[i]->value));
        add(w, vo, "range", range_json(w, d->variables[i]->range));
        cJSON_AddItemToArray(vars, vo);
    }
    add(w, o, "variables", vars);

    cJSON *resources = check(w, cJSON_CreateArray());
    for (uint32_t i = 0; resources && i < d->resource_count; i++)
        cJSON_AddItemToArray(resources, resource_json(w, d->resources[i]));
    add(w, o, "resources", resources);

    cJSON *modules = check(w, cJSON_CreateArray());
    for (uint32_t i = 0; modules && i < d->module_count; i++)
        cJSON_AddItemToArray(modules, module_json(w, d->modules[i], depth));
    add(w, o, "modules", modules);

    cJSON *outputs = check(w, cJSON_CreateArray());
    for (uint32_t i = 0; outputs && i < d->output_count; i++) {
        const az_output *out = d->outputs[i];
        cJSON *oo = check(w, cJSON_CreateObject());
        if (!oo)
            break;
        add(w, oo, "name", cJSON_CreateString(out->name));
        add(w, oo, "secure", cJSON_CreateBool(out->secure));
        add(w, oo, "value", value_json(w, out->value));
        add(w, oo, "range", range_json(w, out->range));
        cJSON_AddItemToArray(outputs, oo);
    }
    add(w, o, "outputs", outputs);
    return o;
}

char *az_model_to_json(const az_model *m)
{
    writer w = {m, false};
    cJSON *root = cJSON_CreateObject();
    if (!root)
        return NULL;
    cJSON *files = check(&w, cJSON_CreateArray());
    for (uint32_t i = 0; files && i < az_model_file_count(m); i++)
        cJSON_AddItemToArray(files, cJSON_CreateString(az_model_file_path(m, i)));
    add(&w, root, "files", files);

    cJSON *deployments = check(&w, cJSON_CreateArray());
    for (uint32_t i = 0; deployments && i < az_model_deployment_count(m); i++)
        cJSON_AddItemToArray(deployments, deployment_json(&w, az_model_deployment(m, i), 0));
    add(&w, root, "deployments", deployments);

    cJSON *warnings = check(&w, cJSON_CreateArray());
    for (uint32_t i = 0; warnings && i < az_model_warning_count(m); i++) {
        const az_warning *wa = az_model_warning(m, i);
        cJSON *wo = check(&w, cJSON_CreateObject());
        if (!wo)
            break;
        add(&w, wo, "message", cJSON_CreateString(wa->message));
        add(&w, wo, "range", range_json(&w, wa->range));
        cJSON_AddItemToArray(warnings, wo);
    }
    add(&w, root, "warnings", warnings);

    char *text = w.failed ? NULL : cJSON_Print(root);
    cJSON_Delete(root);
    return text;
}
