#include "model_json.h"

#include "json_build.h"

#include <stdlib.h>

typedef struct {
    const az_model *m;
    bool failed;
} writer;

/* [file, start line, start column, end line, end column], or null. */
static cJSON *range_json(writer *w, az_range r)
{
    if (r.start_line == 0)
        return json_build_check(&w->failed, cJSON_CreateNull());
    cJSON *a = json_build_check(&w->failed, cJSON_CreateArray());
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
    cJSON *o = json_build_check(&w->failed, cJSON_CreateObject());
    if (!o)
        return NULL;
    if (!v) {
        json_build_add(&w->failed, o, "kind", cJSON_CreateString("absent"));
        return o;
    }
    json_build_add(&w->failed, o, "kind", cJSON_CreateString(az_kind_name(v->kind)));
    bool secure = v->flags & AZ_VALUE_SECURE;
    if (secure)
        json_build_add(&w->failed, o, "secure", cJSON_CreateTrue());
    switch (v->kind) {
    case AZ_BOOL:
        if (!secure)
            json_build_add(&w->failed, o, "value", cJSON_CreateBool(v->u.boolean));
        break;
    case AZ_INT:
        if (!secure)
            json_build_add(&w->failed, o, "value", cJSON_CreateNumber((double)v->u.integer));
        break;
    case AZ_STRING:
        if (!secure)
            json_build_add(&w->failed, o, "value", cJSON_CreateString(v->u.string.ptr));
        break;
    case AZ_UNKNOWN:
        json_build_add(&w->failed, o, "reason", cJSON_CreateString(v->u.unknown.reason));
        break;
    case AZ_ARRAY:
        if (!secure) {
            cJSON *items = json_build_check(&w->failed, cJSON_CreateArray());
            for (uint32_t i = 0; items && i < v->u.array.count; i++)
                cJSON_AddItemToArray(items, value_json(w, v->u.array.items[i]));
            json_build_add(&w->failed, o, "items", items);
        }
        break;
    case AZ_OBJECT:
        if (!secure) {
            cJSON *members = json_build_check(&w->failed, cJSON_CreateObject());
            for (uint32_t i = 0; members && i < v->u.object.count; i++)
                json_build_add(&w->failed, members, v->u.object.members[i].key,
                               value_json(w, v->u.object.members[i].value));
            json_build_add(&w->failed, o, "members", members);
        }
        break;
    default:
        break;
    }
    json_build_add(&w->failed, o, "origin", cJSON_CreateString(az_origin_name(v->origin)));
    if (v->via)
        json_build_add(&w->failed, o, "via", cJSON_CreateString(v->via));
    json_build_add(&w->failed, o, "range", range_json(w, v->range));
    if (v->origin != AZ_ORIGIN_LITERAL && v->origin != AZ_ORIGIN_EXPRESSION)
        json_build_add(&w->failed, o, "def", range_json(w, v->def));
    return o;
}

static cJSON *loop_json(writer *w, const az_loop *l)
{
    if (!l)
        return json_build_check(&w->failed, cJSON_CreateNull());
    cJSON *o = json_build_check(&w->failed, cJSON_CreateObject());
    if (!o)
        return NULL;
    if (l->name)
        json_build_add(&w->failed, o, "name", cJSON_CreateString(l->name));
    json_build_add(&w->failed, o, "count", value_json(w, l->count));
    json_build_add(&w->failed, o, "index", cJSON_CreateNumber(l->index));
    json_build_add(&w->failed, o, "symbolic", cJSON_CreateBool(l->symbolic));
    return o;
}

static cJSON *string_or_null(const char *s)
{
    return s ? cJSON_CreateString(s) : cJSON_CreateNull();
}

static cJSON *resource_json(writer *w, const az_resource *r)
{
    cJSON *o = json_build_check(&w->failed, cJSON_CreateObject());
    if (!o)
        return NULL;
    json_build_add(&w->failed, o, "symbol", string_or_null(r->symbol));
    json_build_add(&w->failed, o, "type", cJSON_CreateString(r->type));
    json_build_add(&w->failed, o, "apiVersion", string_or_null(r->api_version));
    json_build_add(&w->failed, o, "name", value_json(w, r->name));
    json_build_add(&w->failed, o, "id", value_json(w, r->id));
    json_build_add(&w->failed, o, "existing", cJSON_CreateBool(r->existing));
    json_build_add(&w->failed, o, "condition",
                   r->condition ? value_json(w, r->condition) : cJSON_CreateNull());
    json_build_add(&w->failed, o, "loop", loop_json(w, r->loop));
    json_build_add(&w->failed, o, "parent",
                   r->parent
                       ? string_or_null(r->parent->symbol ? r->parent->symbol : r->parent->type)
                       : cJSON_CreateNull());
    json_build_add(&w->failed, o, "range", range_json(w, r->range));
    json_build_add(&w->failed, o, "body", value_json(w, r->body));
    return o;
}

static cJSON *deployment_json(writer *w, const az_deployment *d, uint32_t depth);

static cJSON *module_json(writer *w, const az_module *mod, uint32_t depth)
{
    cJSON *o = json_build_check(&w->failed, cJSON_CreateObject());
    if (!o)
        return NULL;
    json_build_add(&w->failed, o, "symbol", string_or_null(mod->symbol));
    json_build_add(&w->failed, o, "path", string_or_null(mod->path));
    json_build_add(&w->failed, o, "external", cJSON_CreateBool(mod->external));
    json_build_add(&w->failed, o, "condition",
                   mod->condition ? value_json(w, mod->condition) : cJSON_CreateNull());
    json_build_add(&w->failed, o, "loop", loop_json(w, mod->loop));
    json_build_add(&w->failed, o, "params",
                   mod->params ? value_json(w, mod->params) : cJSON_CreateNull());
    json_build_add(&w->failed, o, "range", range_json(w, mod->range));
    json_build_add(&w->failed, o, "deployment",
                   mod->child ? deployment_json(w, mod->child, depth + 1) : cJSON_CreateNull());
    return o;
}

/* Module nesting is bounded by the builder's module depth limit. */
static cJSON *deployment_json(writer *w, const az_deployment *d, uint32_t depth)
{
    cJSON *o = json_build_check(&w->failed, cJSON_CreateObject());
    if (!o)
        return NULL;
    json_build_add(&w->failed, o, "language",
                   cJSON_CreateString(d->language == AZ_LANG_BICEP ? "bicep" : "arm"));
    json_build_add(&w->failed, o, "file", cJSON_CreateString(az_model_file_path(w->m, d->file)));
    json_build_add(&w->failed, o, "variant", string_or_null(d->variant));
    json_build_add(&w->failed, o, "targetScope",
                   cJSON_CreateString(d->target_scope ? d->target_scope : ""));

    cJSON *params = json_build_check(&w->failed, cJSON_CreateArray());
    for (uint32_t i = 0; params && i < d->parameter_count; i++) {
        const az_parameter *p = d->parameters[i];
        cJSON *po = json_build_check(&w->failed, cJSON_CreateObject());
        if (!po)
            break;
        json_build_add(&w->failed, po, "name", cJSON_CreateString(p->name));
        json_build_add(&w->failed, po, "type", string_or_null(p->type));
        json_build_add(&w->failed, po, "secure", cJSON_CreateBool(p->secure));
        json_build_add(&w->failed, po, "default",
                       p->default_value ? value_json(w, p->default_value) : cJSON_CreateNull());
        json_build_add(&w->failed, po, "allowed",
                       p->allowed ? value_json(w, p->allowed) : cJSON_CreateNull());
        json_build_add(&w->failed, po, "value", value_json(w, p->value));
        json_build_add(&w->failed, po, "range", range_json(w, p->range));
        cJSON_AddItemToArray(params, po);
    }
    json_build_add(&w->failed, o, "parameters", params);

    cJSON *vars = json_build_check(&w->failed, cJSON_CreateArray());
    for (uint32_t i = 0; vars && i < d->variable_count; i++) {
        cJSON *vo = json_build_check(&w->failed, cJSON_CreateObject());
        if (!vo)
            break;
        json_build_add(&w->failed, vo, "name", cJSON_CreateString(d->variables[i]->name));
        json_build_add(&w->failed, vo, "value", value_json(w, d->variables[i]->value));
        json_build_add(&w->failed, vo, "range", range_json(w, d->variables[i]->range));
        cJSON_AddItemToArray(vars, vo);
    }
    json_build_add(&w->failed, o, "variables", vars);

    cJSON *resources = json_build_check(&w->failed, cJSON_CreateArray());
    for (uint32_t i = 0; resources && i < d->resource_count; i++)
        cJSON_AddItemToArray(resources, resource_json(w, d->resources[i]));
    json_build_add(&w->failed, o, "resources", resources);

    cJSON *modules = json_build_check(&w->failed, cJSON_CreateArray());
    for (uint32_t i = 0; modules && i < d->module_count; i++)
        cJSON_AddItemToArray(modules, module_json(w, d->modules[i], depth));
    json_build_add(&w->failed, o, "modules", modules);

    cJSON *outputs = json_build_check(&w->failed, cJSON_CreateArray());
    for (uint32_t i = 0; outputs && i < d->output_count; i++) {
        const az_output *out = d->outputs[i];
        cJSON *oo = json_build_check(&w->failed, cJSON_CreateObject());
        if (!oo)
            break;
        json_build_add(&w->failed, oo, "name", cJSON_CreateString(out->name));
        json_build_add(&w->failed, oo, "secure", cJSON_CreateBool(out->secure));
        json_build_add(&w->failed, oo, "value", value_json(w, out->value));
        json_build_add(&w->failed, oo, "range", range_json(w, out->range));
        cJSON_AddItemToArray(outputs, oo);
    }
    json_build_add(&w->failed, o, "outputs", outputs);
    return o;
}

char *az_model_to_json(const az_model *m)
{
    writer w = {m, false};
    cJSON *root = cJSON_CreateObject();
    if (!root)
        return NULL;
    cJSON *files = json_build_check(&w.failed, cJSON_CreateArray());
    for (uint32_t i = 0; files && i < az_model_file_count(m); i++)
        cJSON_AddItemToArray(files, cJSON_CreateString(az_model_file_path(m, i)));
    json_build_add(&w.failed, root, "files", files);

    cJSON *deployments = json_build_check(&w.failed, cJSON_CreateArray());
    for (uint32_t i = 0; deployments && i < az_model_deployment_count(m); i++)
        cJSON_AddItemToArray(deployments, deployment_json(&w, az_model_deployment(m, i), 0));
    json_build_add(&w.failed, root, "deployments", deployments);

    cJSON *warnings = json_build_check(&w.failed, cJSON_CreateArray());
    for (uint32_t i = 0; warnings && i < az_model_warning_count(m); i++) {
        const az_warning *wa = az_model_warning(m, i);
        cJSON *wo = json_build_check(&w.failed, cJSON_CreateObject());
        if (!wo)
            break;
        json_build_add(&w.failed, wo, "message", cJSON_CreateString(wa->message));
        json_build_add(&w.failed, wo, "range", range_json(&w, wa->range));
        cJSON_AddItemToArray(warnings, wo);
    }
    json_build_add(&w.failed, root, "warnings", warnings);

    char *text = w.failed ? NULL : cJSON_Print(root);
    cJSON_Delete(root);
    return text;
}
