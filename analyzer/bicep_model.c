#include "bicep_eval.h"
#include "path.h"

#include "model_internal.h"

#include <string.h>
#include <strings.h>

/*
 * The Bicep front end: a template's declarations to the resource model, and
 * .bicepparam files to parameter values.
 *
 * Collection reads the top-level statements (and resources nested in
 * resource bodies) into a symbol table. Nothing is evaluated then: values
 * are computed on first use and memoized (see bicep_eval.h), and the model
 * is filled afterwards in declaration order.
 *
 * Module arguments: a value passed to a module keeps both of its sites. Its
 * use site inside the module becomes `range` wherever the module uses it;
 * `def` is the argument as written in the calling file, `via` the module's
 * parameter name and the origin AZ_ORIGIN_MODULE_ARGUMENT. What the argument
 * itself came through in the caller (a parameter, a variable) is not
 * carried further: the call site is where the value enters the module.
 */

static syntax_node field(syntax_node node, bicep_node_field f)
{
    return bicep_field(node, f);
}

static bool named_origin(const az_value *v)
{
    return v->origin != AZ_ORIGIN_LITERAL && v->origin != AZ_ORIGIN_EXPRESSION;
}

/* --- Symbol tables -------------------------------------------------------- */

static uint32_t name_hash(const char *s, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

bicep_symbol *bicep_file_lookup(const bicep_file *file, const char *name, size_t len)
{
    if (!file->table_size)
        return NULL;
    uint32_t mask = file->table_size - 1;
    for (uint32_t i = name_hash(name, len) & mask; file->table[i]; i = (i + 1) & mask) {
        bicep_symbol *sym = file->table[i];
        if (sym->name_len == len && memcmp(sym->name, name, len) == 0)
            return sym;
    }
    return NULL;
}

static void table_put(bicep_symbol **table, uint32_t size, bicep_symbol *sym)
{
    uint32_t mask = size - 1, i = name_hash(sym->name, sym->name_len) & mask;
    while (table[i])
        i = (i + 1) & mask;
    table[i] = sym;
}

/* Adds `sym` unless its name is taken. Returns false when out of memory. */
static bool table_insert(bicep_build *bb, bicep_file *file, bicep_symbol *sym, bool *taken)
{
    *taken = bicep_file_lookup(file, sym->name, sym->name_len) != NULL;
    if (*taken)
        return true;
    if ((file->symbol_count + 1) * 2 > file->table_size) {
        uint32_t size = file->table_size ? file->table_size * 2 : 32;
        bicep_symbol **table = arena_calloc(bb->a, size, sizeof(*table));
        if (!table)
            return false;
        for (uint32_t i = 0; i < file->table_size; i++)
            if (file->table[i])
                table_put(table, size, file->table[i]);
        file->table = table;
        file->table_size = size;
    }
    table_put(file->table, file->table_size, sym);
    file->symbol_count++;
    return true;
}

/* Appends to an arena array of pointers or nodes, doubling when full. */
static bool push(arena *a, void **items, uint32_t *count, uint32_t *cap, const void *item,
                 size_t size)
{
    if (*count == *cap) {
        uint32_t new_cap = *cap ? *cap * 2 : 8;
        char *grown = arena_calloc(a, new_cap, size);
        if (!grown || new_cap < *cap)
            return false;
        if (*count)
            memcpy(grown, *items, (size_t)*count * size);
        *items = grown;
        *cap = new_cap;
    }
    memcpy((char *)*items + (size_t)*count * size, item, size);
    (*count)++;
    return true;
}

/* --- Collecting declarations ---------------------------------------------- */

/* A new symbol named by `name_node`. Top-level symbols go into the table
 * (a duplicate name is reported and only the first is reachable) and the
 * declaration order; nested resources are reachable through `parent::child`
 * and, when the name is free, directly. */
static bicep_symbol *symbol_add(bicep_build *bb, bicep_file *file, bicep_sym_kind kind,
                                syntax_node decl, syntax_node name_node, bicep_symbol *parent)
{
    uint32_t len;
    const char *text = bicep_text(file, name_node, &len);
    bicep_symbol *sym = arena_alloc(bb->a, sizeof(*sym));
    if (!sym || !(sym->name = arena_strndup(bb->a, text, len)))
        return NULL;
    sym->kind = kind;
    sym->name_len = len;
    sym->decl = decl;
    sym->file = file;
    sym->parent = parent;
    bool taken;
    if (!table_insert(bb, file, sym, &taken))
        return NULL;
    if (parent) {
        if (!push(bb->a, (void **)&parent->children, &parent->child_count, &parent->child_capacity,
                  &sym, sizeof(sym)))
            return NULL;
        return sym;
    }
    if (taken)
        az_builder_warn(bb->b, az_builder_syntax_range(bb->b, file->f, name_node),
                        "'%s' is declared more than once; the first declaration is used",
                        sym->name);
    if (!push(bb->a, (void **)&file->order, &file->order_count, &file->order_capacity, &sym,
              sizeof(sym)))
        return NULL;
    return sym;
}

/* The object a resource or module body declares its properties in, and the
 * loop and condition around it. */
typedef struct {
    syntax_node for_node; /* null when not a loop */
    syntax_node if_node;  /* null when unconditional */
    syntax_node object;
} body_shape;

static body_shape shape_of(syntax_node decl)
{
    body_shape sh = {.object = field(decl, BICEP_FIELD_BODY)};
    if (bicep_is(sh.object, BICEP_NODE_FOR_EXPRESSION)) {
        sh.for_node = sh.object;
        sh.object = field(sh.for_node, BICEP_FIELD_BODY);
    }
    if (bicep_is(sh.object, BICEP_NODE_IF_BODY)) {
        sh.if_node = sh.object;
        sh.object = field(sh.if_node, BICEP_FIELD_BODY);
    }
    return sh;
}

/* Resources declared in `parent`'s body, depth first. Nesting is bounded by
 * the evaluation depth. */
static bool collect_nested(bicep_build *bb, bicep_file *file, bicep_symbol *parent)
{
    syntax_node object = shape_of(parent->decl).object;
    if (!bicep_is(object, BICEP_NODE_OBJECT))
        return true;
    uint32_t count = syntax_node_named_child_count(object);
    for (uint32_t i = 0; i < count; i++) {
        syntax_node c = syntax_node_named_child(object, i);
        if (!bicep_is(c, BICEP_NODE_RESOURCE_DECLARATION))
            continue;
        az_range at = az_builder_syntax_range(bb->b, file->f, c);
        if (!az_eval_enter(bb->ev, at))
            continue;
        bicep_symbol *sym =
            symbol_add(bb, file, BICEP_SYM_RESOURCE, c, field(c, BICEP_FIELD_NAME), parent);
        bool ok = sym && collect_nested(bb, file, sym);
        az_eval_leave(bb->ev);
        if (!ok)
            return false;
    }
    return true;
}

static bool collect_import(bicep_build *bb, bicep_file *file, syntax_node decl)
{
    syntax_node symbols = field(decl, BICEP_FIELD_SYMBOLS), path = field(decl, BICEP_FIELD_PATH);
    /* The older extension form (`import 'az@1.0.0'`) declares no values. */
    if (syntax_node_is_null(symbols))
        return true;
    if (bicep_is(symbols, BICEP_NODE_WILDCARD_IMPORT)) {
        bicep_symbol *sym = symbol_add(bb, file, BICEP_SYM_NAMESPACE, decl,
                                       field(symbols, BICEP_FIELD_ALIAS), NULL);
        if (sym)
            sym->import_path = path;
        return sym != NULL;
    }
    uint32_t count = syntax_node_named_child_count(symbols);
    for (uint32_t i = 0; i < count; i++) {
        syntax_node c = syntax_node_named_child(symbols, i);
        if (!bicep_is(c, BICEP_NODE_IMPORT_SYMBOL))
            continue;
        syntax_node name = field(c, BICEP_FIELD_NAME), alias = field(c, BICEP_FIELD_ALIAS);
        if (!bicep_is(name, BICEP_NODE_IDENTIFIER) && syntax_node_is_null(alias))
            continue;
        bicep_symbol *sym = symbol_add(bb, file, BICEP_SYM_IMPORT, decl,
                                       syntax_node_is_null(alias) ? name : alias, NULL);
        if (!sym)
            return false;
        sym->import_path = path;
        if (bicep_is(name, BICEP_NODE_IDENTIFIER)) {
            uint32_t len;
            const char *text = bicep_text(file, name, &len);
            sym->import_name = arena_strndup(bb->a, text, len);
            sym->import_name_len = len;
        } else {
            bicep_scope s = {bb, file, NULL};
            sym->import_name = bicep_literal_string(&s, name);
            sym->import_name_len = sym->import_name ? (uint32_t)strlen(sym->import_name) : 0;
        }
    }
    return true;
}

static bool collect(bicep_build *bb, bicep_file *file)
{
    syntax_node root = syntax_table_root(file->f->syntax);
    uint32_t count = syntax_node_named_child_count(root);
    for (uint32_t i = 0; i < count; i++) {
        syntax_node c = syntax_node_named_child(root, i);
        bicep_symbol *sym = NULL;
        bool ok = true;
        switch (bicep_symbol_type(syntax_node_symbol(c))) {
        case BICEP_NODE_PARAMETER_DECLARATION:
        case BICEP_NODE_PARAMETER_ASSIGNMENT:
            ok = (sym = symbol_add(bb, file, BICEP_SYM_PARAM, c, field(c, BICEP_FIELD_NAME), NULL));
            break;
        case BICEP_NODE_VARIABLE_DECLARATION:
            ok = (sym = symbol_add(bb, file, BICEP_SYM_VAR, c, field(c, BICEP_FIELD_NAME), NULL));
            break;
        case BICEP_NODE_FUNCTION_DECLARATION:
            ok = (sym = symbol_add(bb, file, BICEP_SYM_FUNC, c, field(c, BICEP_FIELD_NAME), NULL));
            break;
        case BICEP_NODE_RESOURCE_DECLARATION:
            ok = (sym = symbol_add(bb, file, BICEP_SYM_RESOURCE, c, field(c, BICEP_FIELD_NAME),
                                   NULL));
            break;
        case BICEP_NODE_MODULE_DECLARATION:
            ok =
                (sym = symbol_add(bb, file, BICEP_SYM_MODULE, c, field(c, BICEP_FIELD_NAME), NULL));
            break;
        case BICEP_NODE_IMPORT_DECLARATION:
            ok = collect_import(bb, file, c);
            break;
        case BICEP_NODE_OUTPUT_DECLARATION:
            ok = push(bb->a, (void **)&file->outputs, &file->output_count, &file->output_capacity,
                      &c, sizeof(c));
            break;
        case BICEP_NODE_TARGET_SCOPE_DECLARATION:
            file->target_scope_decl = c;
            break;
        case BICEP_NODE_USING_DECLARATION:
            file->using_decl = c;
            break;
        case BICEP_NODE_EXTENDS_DECLARATION:
            file->extends_decl = c;
            break;
        default:
            break;
        }
        if (!ok)
            return false;
    }
    /* Nested resources after every top-level name, so that a nested name
     * never takes a top-level one's place. */
    for (uint32_t i = 0; i < file->order_count; i++)
        if (file->order[i]->kind == BICEP_SYM_RESOURCE && !collect_nested(bb, file, file->order[i]))
            return false;
    return true;
}

bicep_file *bicep_file_get(bicep_build *bb, const az_loaded_file *f, const az_value *args)
{
    for (bicep_file *file = bb->files; file; file = file->next)
        if (file->f == f || strcmp(file->f->disk_path, f->disk_path) == 0)
            return file;
    bicep_file *file = arena_alloc(bb->a, sizeof(*file));
    if (!file)
        return NULL;
    file->f = f;
    file->text = source_file_text(f->src);
    file->args = args;
    file->next = bb->files;
    bb->files = file;
    return collect(bb, file) ? file : NULL;
}

/* --- Imports -------------------------------------------------------------- */

/* The file an import names, loaded on first use; NULL when it cannot be. */
static bicep_file *import_target(bicep_build *bb, bicep_symbol *sym)
{
    if (sym->resolved)
        return sym->target;
    sym->resolved = true;
    bicep_scope s = {bb, sym->file, NULL};
    az_range at = bicep_range(&s, sym->import_path);
    const char *path = bicep_literal_string(&s, sym->import_path);
    if (!path) {
        if (!arena_failed(bb->a))
            az_builder_warn(bb->b, at, "import path is not a string literal");
        return NULL;
    }
    /* Registry imports are never fetched: what they export stays unknown. */
    if (path_is_external(path))
        return NULL;
    const az_loaded_file *lf = az_builder_load_import(bb->b, sym->file->f, path, at);
    if (!lf)
        return NULL;
    if (lf->language != LANGUAGE_BICEP || lf->bicepparam) {
        az_builder_warn(bb->b, at, "imports from '%s' are not evaluated: not a Bicep file",
                        lf->display_path);
        return NULL;
    }
    sym->target = bicep_file_get(bb, lf, NULL);
    return sym->target;
}

bicep_file *bicep_namespace_resolve(bicep_build *bb, bicep_symbol *sym)
{
    return import_target(bb, sym);
}

bicep_symbol *bicep_import_resolve(bicep_build *bb, bicep_symbol *sym, bool *missing)
{
    *missing = false;
    bicep_file *target = import_target(bb, sym);
    if (!target) {
        *missing = !arena_failed(bb->a);
        return NULL;
    }
    bicep_symbol *t =
        sym->import_name ? bicep_file_lookup(target, sym->import_name, sym->import_name_len) : NULL;
    if (t && t->kind == BICEP_SYM_IMPORT) {
        /* Re-exported import: follow it, within the depth bound (a file may
         * import from itself). */
        az_range at = bicep_range(&(bicep_scope){bb, sym->file, NULL}, sym->import_path);
        if (!az_eval_enter(bb->ev, at)) {
            *missing = true;
            return NULL;
        }
        t = bicep_import_resolve(bb, t, missing);
        az_eval_leave(bb->ev);
        return t;
    }
    if (!t || (t->kind != BICEP_SYM_VAR && t->kind != BICEP_SYM_FUNC)) {
        *missing = true;
        return NULL;
    }
    return t;
}

/* --- Parameters and variables --------------------------------------------- */

static az_value *param_value(const bicep_scope *s, bicep_symbol *sym)
{
    bicep_build *bb = s->bb;
    arena *a = bb->a;
    syntax_node decl = sym->decl, name = field(decl, BICEP_FIELD_NAME);
    az_range name_range = bicep_range(s, name);

    if (bicep_is(decl, BICEP_NODE_PARAMETER_ASSIGNMENT)) {
        syntax_node value = field(decl, BICEP_FIELD_VALUE);
        az_value *v = bicep_eval(s, value);
        az_range def = bicep_range(s, value);
        return v ? az_value_through(a, v, AZ_ORIGIN_PARAMETER_FILE, sym->name, def, def) : NULL;
    }

    syntax_node default_node = field(decl, BICEP_FIELD_DEFAULT);
    if (!syntax_node_is_null(default_node)) {
        az_value *dv = bicep_eval(s, default_node);
        az_range def = bicep_range(s, default_node);
        if (!dv || !(sym->default_value =
                         az_value_through(a, dv, AZ_ORIGIN_PARAMETER_DEFAULT, sym->name, def, def)))
            return NULL;
    }

    const az_value *args = s->file->args;
    const az_member *m = az_value_member(args, sym->name, sym->name_len);
    az_value *v;
    if (args && args->kind == AZ_UNKNOWN)
        v = az_value_unknown(a, name_range, args->u.unknown.reason);
    else if (m && !(m->value && m->value->kind == AZ_NULL && sym->default_value))
        v = m->value;
    /* ARM takes a null argument as none given: the default applies (AVM
     * passes optional settings on as `item.?setting`). */
    else if (sym->default_value)
        v = sym->default_value;
    else
        /* A nullable parameter without a default is null only when the
         * deployer passes nothing; which they do is not known here. */
        v = az_eval_unknown(bb->ev, name_range, "parameter '%s' has no value", sym->name);

    if (v && !syntax_node_is_null(bicep_decorator_find(s->file, decl, "secure", NULL))) {
        v = az_value_relocate(a, v, v->range);
        if (v)
            v->flags |= AZ_VALUE_SECURE;
        if (sym->default_value)
            sym->default_value->flags |= AZ_VALUE_SECURE;
    }
    return v;
}

az_value *bicep_symbol_value(bicep_build *bb, bicep_symbol *sym, az_range use)
{
    if (sym->state == BICEP_DONE)
        return sym->value;
    if (sym->state == BICEP_ACTIVE)
        return az_eval_error(bb->ev, use, "'%s' refers to itself", sym->name);
    if (!az_eval_enter(bb->ev, use))
        return az_value_unknown(bb->a, use, "nesting too deep");
    sym->state = BICEP_ACTIVE;
    bicep_scope s = {bb, sym->file, NULL};
    az_value *v;
    if (sym->kind == BICEP_SYM_PARAM) {
        v = param_value(&s, sym);
    } else {
        syntax_node value = field(sym->decl, BICEP_FIELD_VALUE);
        v = bicep_eval(&s, value);
        if (v && !named_origin(v))
            v = az_value_through(bb->a, v, AZ_ORIGIN_VARIABLE, sym->name, bicep_range(&s, value),
                                 v->range);
    }
    az_eval_leave(bb->ev);
    sym->value = v;
    sym->state = BICEP_DONE;
    return v;
}

/* --- Resources and modules ------------------------------------------------ */

/* The value node of the property `key` in an object literal, or a null node. */
static syntax_node property(const bicep_file *file, syntax_node object, const char *key)
{
    size_t key_len = strlen(key);
    uint32_t count =
        bicep_is(object, BICEP_NODE_OBJECT) ? syntax_node_named_child_count(object) : 0;
    for (uint32_t i = 0; i < count; i++) {
        syntax_node c = syntax_node_named_child(object, i);
        if (!bicep_is(c, BICEP_NODE_OBJECT_PROPERTY))
            continue;
        syntax_node k = field(c, BICEP_FIELD_KEY);
        uint32_t len;
        const char *text = bicep_text(file, k, &len);
        if (bicep_is(k, BICEP_NODE_STRING) && len >= 2)
            text++, len -= 2;
        if (len == key_len && memcmp(text, key, len) == 0)
            return field(c, BICEP_FIELD_VALUE);
    }
    return (syntax_node){0};
}

/* The scope an instance's expressions see: the file, and the loop variables. */
static bicep_scope instance_scope(bicep_build *bb, const bicep_symbol *sym,
                                  const bicep_instance *inst, bicep_binding binds[2])
{
    bicep_scope s = {bb, sym->file, NULL};
    syntax_node for_node = shape_of(sym->decl).for_node;
    if (syntax_node_is_null(for_node))
        return s;
    syntax_node item = field(for_node, BICEP_FIELD_ITEM),
                index = field(for_node, BICEP_FIELD_INDEX);
    if (!syntax_node_is_null(item) && inst->item) {
        binds[0] = (bicep_binding){NULL, 0, inst->item, s.locals};
        binds[0].name = bicep_text(sym->file, item, &binds[0].len);
        s.locals = &binds[0];
    }
    if (!syntax_node_is_null(index) && inst->index_value) {
        binds[1] = (bicep_binding){NULL, 0, inst->index_value, s.locals};
        binds[1].name = bicep_text(sym->file, index, &binds[1].len);
        s.locals = &binds[1];
    }
    return s;
}

/* Lays out the instances of a loop (or the single instance), with the loop
 * variables bound. An unknown collection, or one past the loop bound, gives
 * one symbolic instance whose loop variables are unknown. */
static bool instances_new(bicep_build *bb, bicep_symbol *sym, body_shape sh)
{
    arena *a = bb->a;
    bicep_scope s = {bb, sym->file, NULL};
    if (syntax_node_is_null(sh.for_node)) {
        sym->instances = arena_calloc(a, 1, sizeof(*sym->instances));
        sym->instance_count = 1;
        return sym->instances != NULL;
    }
    sym->looped = true;
    syntax_node coll_node = field(sh.for_node, BICEP_FIELD_COLLECTION),
                item = field(sh.for_node, BICEP_FIELD_ITEM),
                index = field(sh.for_node, BICEP_FIELD_INDEX);
    az_range at = bicep_range(&s, sh.for_node), coll_at = bicep_range(&s, coll_node);
    az_value *coll = bicep_eval(&s, coll_node);
    if (!coll)
        return false;
    bool known =
        coll->kind == AZ_ARRAY && az_eval_check_loop(bb->ev, at, sym->name, coll->u.array.count);
    if (coll->kind != AZ_ARRAY && coll->kind != AZ_UNKNOWN)
        az_eval_warn(bb->ev, coll_at, "loop of '%s' over a %s", sym->name,
                     az_kind_name(coll->kind));
    uint32_t n = known ? coll->u.array.count : 1;
    az_value *count =
        known ? az_value_int(a, coll_at, n)
              : az_value_unknown(a, coll_at,
                                 coll->kind == AZ_UNKNOWN ? coll->u.unknown.reason : "loop count");
    if (!count)
        return false;
    if (n == 0)
        return true;
    sym->instances = arena_calloc(a, n, sizeof(*sym->instances));
    az_loop *loops = arena_calloc(a, n, sizeof(*loops));
    const char *loop_name = NULL;
    if (!syntax_node_is_null(item)) {
        uint32_t len;
        const char *text = bicep_text(sym->file, item, &len);
        loop_name = arena_strndup(a, text, len);
    }
    if (!sym->instances || !loops || (!syntax_node_is_null(item) && !loop_name))
        return false;
    sym->instance_count = n;
    for (uint32_t i = 0; i < n; i++) {
        bicep_instance *inst = &sym->instances[i];
        inst->loop = &loops[i];
        loops[i] = (az_loop){loop_name, count, i, !known};
        if (known) {
            az_value *it = coll->u.array.items[i];
            inst->item =
                named_origin(it) || !named_origin(coll)
                    ? az_value_relocate(a, it, it->range)
                    : az_value_through(a, it, coll->origin, coll->via, it->range, it->range);
            if (inst->item)
                inst->item->flags |= coll->flags & AZ_VALUE_SECURE;
            inst->index_value = syntax_node_is_null(index)
                                    ? az_value_int(a, coll_at, i)
                                    : az_value_int(a, bicep_range(&s, index), i);
        } else {
            inst->item = az_value_unknown(a, syntax_node_is_null(item) ? at : bicep_range(&s, item),
                                          "loop item of an unknown collection");
            inst->index_value = az_value_unknown(a, at, "loop index of an unknown collection");
        }
        if (!inst->item || !inst->index_value)
            return false;
    }
    return true;
}

/* "parent/child" when both are known strings. */
static az_value *name_join(bicep_build *bb, const az_value *parent, const az_value *child)
{
    if (child->kind != AZ_STRING)
        return az_value_relocate(bb->a, child, child->range);
    if (parent->kind != AZ_STRING)
        return az_value_unknown(bb->a, child->range,
                                parent->kind == AZ_UNKNOWN ? parent->u.unknown.reason
                                                           : "parent name");
    uint32_t plen = parent->u.string.len, clen = child->u.string.len;
    uint64_t len = (uint64_t)plen + clen + 1;
    if (!az_eval_check_string(bb->ev, child->range, "resource name", len))
        return az_value_unknown(bb->a, child->range, "name too long");
    if (!az_eval_spend(bb->ev, len / 8, child->range))
        return az_value_unknown(bb->a, child->range, "work budget spent");
    char *buf = arena_alloc(bb->a, (size_t)plen + clen + 2);
    if (!buf)
        return NULL;
    memcpy(buf, parent->u.string.ptr, plen);
    buf[plen] = '/';
    memcpy(buf + plen + 1, child->u.string.ptr, clen);
    az_value *v = az_value_string(bb->a, child->range, buf, (size_t)plen + clen + 1);
    if (v) {
        v->origin = AZ_ORIGIN_EXPRESSION;
        v->flags |= (parent->flags | child->flags) & AZ_VALUE_SECURE;
    }
    return v;
}

/* Splits "Microsoft.X/y@2023-01-01" into type and API version; a nested
 * resource's bare type ("blobServices") is joined to its parent's. */
static bool resource_type(bicep_build *bb, bicep_symbol *sym, bicep_instance *inst,
                          const bicep_instance *nest_parent)
{
    arena *a = bb->a;
    bicep_scope s = {bb, sym->file, NULL};
    const char *written = bicep_literal_string(&s, field(sym->decl, BICEP_FIELD_TYPE));
    if (!written) {
        if (arena_failed(a))
            return false;
        az_builder_warn(bb->b, bicep_range(&s, field(sym->decl, BICEP_FIELD_TYPE)),
                        "the type of '%s' is not a string literal", sym->name);
        written = "unknown";
    }
    const char *at_sign = strchr(written, '@');
    size_t type_len = at_sign ? (size_t)(at_sign - written) : strlen(written);
    inst->api_version = at_sign ? at_sign + 1 : NULL;
    if (nest_parent && !memchr(written, '/', type_len)) {
        size_t plen = strlen(nest_parent->type);
        char *joined = arena_alloc(a, plen + type_len + 2);
        if (!joined)
            return false;
        memcpy(joined, nest_parent->type, plen);
        joined[plen] = '/';
        memcpy(joined + plen + 1, written, type_len);
        inst->type = joined;
        if (!inst->api_version)
            inst->api_version = nest_parent->api_version;
    } else {
        inst->type = arena_strndup(a, written, type_len);
    }
    return inst->type != NULL;
}

/* A resource nested in a conditional one is deployed only when its parent
 * is, as ARM's compiled form says: the parent's condition, and the child's
 * own when it has one. */
static az_value *nested_condition(bicep_build *bb, az_value *parent, az_value *own)
{
    if (!own)
        return parent;
    bool parent_false = parent->kind == AZ_BOOL && !parent->u.boolean;
    bool own_false = own->kind == AZ_BOOL && !own->u.boolean;
    if (parent_false)
        return parent;
    if (own_false || (parent->kind == AZ_BOOL && own->kind == AZ_BOOL))
        return own;
    if (parent->kind == AZ_UNKNOWN)
        return az_value_unknown(bb->a, own->range, parent->u.unknown.reason);
    return own;
}

/* The scope, name and id of a resource instance. */
static bool resource_instance_name(bicep_build *bb, bicep_symbol *sym, bicep_instance *inst,
                                   bicep_scope *s, syntax_node name_node, syntax_node parent_node,
                                   syntax_node scope_node)
{
    arena *a = bb->a;
    if (!syntax_node_is_null(scope_node) && !(inst->scope = bicep_eval(s, scope_node)))
        return false;
    az_range at = bicep_range(s, field(sym->decl, BICEP_FIELD_NAME));
    inst->declared_name = syntax_node_is_null(name_node)
                              ? az_eval_error(bb->ev, at, "resource '%s' has no name", sym->name)
                              : bicep_eval(s, name_node);
    if (!inst->declared_name)
        return false;
    bool unresolved_parent = !syntax_node_is_null(parent_node) && !inst->parent;
    if (unresolved_parent)
        inst->name = az_value_unknown(a, inst->declared_name->range, "unresolved parent");
    else
        inst->name = inst->parent ? name_join(bb, inst->parent->name, inst->declared_name)
                                  : inst->declared_name;
    return inst->name &&
           (inst->id = model_resource_id(
                bb->ev, bb->root->target_scope ? bb->root->target_scope : "resourceGroup",
                inst->type, inst->name, inst->scope, inst->name->range));
}

/* Names, types, ids, conditions and scopes of a resource's instances. */
static bool resource_prepare(bicep_build *bb, bicep_symbol *sym, body_shape sh, az_range use)
{
    arena *a = bb->a;
    bicep_instance *nest_parent = NULL;
    if (sym->parent) {
        if (!bicep_symbol_prepare(bb, sym->parent, use) && arena_failed(a))
            return false;
        if (sym->parent->instance_count)
            nest_parent = &sym->parent->instances[0];
    }
    syntax_node name_node = property(sym->file, sh.object, "name");
    syntax_node parent_node = property(sym->file, sh.object, "parent");
    syntax_node scope_node = property(sym->file, sh.object, "scope");
    for (uint32_t i = 0; i < sym->instance_count; i++) {
        bicep_instance *inst = &sym->instances[i];
        bicep_binding binds[2];
        bicep_scope s = instance_scope(bb, sym, inst, binds);
        inst->parent = nest_parent;
        if (!syntax_node_is_null(parent_node)) {
            bicep_ref ref;
            bool failed = false;
            bool found = bicep_resolve_ref(&s, parent_node, &ref, &failed);
            if (arena_failed(a))
                return false;
            if (found && !failed && ref.inst && ref.sym->kind == BICEP_SYM_RESOURCE)
                inst->parent = ref.inst;
            else
                az_eval_warn(bb->ev, bicep_range(&s, parent_node),
                             "the parent of '%s' cannot be resolved", sym->name);
        }
        if (!resource_type(bb, sym, inst, nest_parent))
            return false;
        if (!syntax_node_is_null(sh.if_node) &&
            !(inst->condition = bicep_eval(&s, field(sh.if_node, BICEP_FIELD_CONDITION))))
            return false;
        if (nest_parent && nest_parent->condition &&
            !(inst->condition = nested_condition(bb, nest_parent->condition, inst->condition)))
            return false;
        bool dead = az_condition_false(inst->condition);
        if (dead)
            az_eval_quiet_enter(bb->ev);
        bool ok = resource_instance_name(bb, sym, inst, &s, name_node, parent_node, scope_node);
        if (dead)
            az_eval_quiet_leave(bb->ev);
        if (!ok)
            return false;
    }
    return true;
}

/* Names, conditions and arguments of a module's instances. */
static bool module_prepare(bicep_build *bb, bicep_symbol *sym, body_shape sh)
{
    syntax_node name_node = property(sym->file, sh.object, "name");
    syntax_node params_node = property(sym->file, sh.object, "params");
    syntax_node scope_node = property(sym->file, sh.object, "scope");
    for (uint32_t i = 0; i < sym->instance_count; i++) {
        bicep_instance *inst = &sym->instances[i];
        bicep_binding binds[2];
        bicep_scope s = instance_scope(bb, sym, inst, binds);
        if (!syntax_node_is_null(sh.if_node) &&
            !(inst->condition = bicep_eval(&s, field(sh.if_node, BICEP_FIELD_CONDITION))))
            return false;
        bool dead = az_condition_false(inst->condition);
        if (dead)
            az_eval_quiet_enter(bb->ev);
        bool ok =
            (syntax_node_is_null(name_node) || (inst->declared_name = bicep_eval(&s, name_node))) &&
            (syntax_node_is_null(scope_node) || (inst->scope = bicep_eval(&s, scope_node))) &&
            (syntax_node_is_null(params_node) || (inst->body = bicep_eval(&s, params_node)));
        if (dead)
            az_eval_quiet_leave(bb->ev);
        if (!ok)
            return false;
    }
    return true;
}

bool bicep_symbol_prepare(bicep_build *bb, bicep_symbol *sym, az_range use)
{
    if (sym->state == BICEP_DONE)
        return true;
    if (sym->state == BICEP_ACTIVE) {
        az_eval_warn(bb->ev, use, "'%s' depends on itself", sym->name);
        return false;
    }
    if (!az_eval_enter(bb->ev, use))
        return false;
    sym->state = BICEP_ACTIVE;
    body_shape sh = shape_of(sym->decl);
    bool ok = instances_new(bb, sym, sh) &&
              (sym->kind == BICEP_SYM_RESOURCE ? resource_prepare(bb, sym, sh, use)
                                               : module_prepare(bb, sym, sh));
    az_eval_leave(bb->ev);
    sym->state = BICEP_DONE;
    return ok;
}

/* The arguments a module call passes, each marked as coming through the
 * module's parameter (see the comment at the top). An unknown params object
 * is passed as it is: every parameter of the module is then unknown. */
static az_value *module_args(bicep_build *bb, const az_value *params)
{
    if (!params || params->kind != AZ_OBJECT)
        return (az_value *)params;
    az_object_builder ob = {.a = bb->a};
    for (uint32_t i = 0; i < params->u.object.count; i++) {
        const az_member *m = &params->u.object.members[i];
        az_value *v = az_value_through(bb->a, m->value, AZ_ORIGIN_MODULE_ARGUMENT, m->key,
                                       m->value->range, m->value->range);
        if (!az_object_builder_add(&ob, m->key, m->key_len, m->key_range, v))
            return NULL;
    }
    return az_object_builder_finish(&ob, params->range);
}

static bool module_build(bicep_build *bb, bicep_symbol *sym)
{
    arena *a = bb->a;
    bicep_scope s = {bb, sym->file, NULL};
    syntax_node path_node = field(sym->decl, BICEP_FIELD_PATH);
    az_range path_at = bicep_range(&s, path_node);
    const char *path = bicep_literal_string(&s, path_node);
    if (!path && arena_failed(a))
        return false;
    if (!path)
        az_builder_warn(bb->b, path_at, "the path of module '%s' is not a string literal",
                        sym->name);
    for (uint32_t i = 0; i < sym->instance_count; i++) {
        bicep_instance *inst = &sym->instances[i];
        az_module *m = arena_alloc(a, sizeof(*m));
        if (!m)
            return false;
        m->symbol = sym->name;
        m->path = path;
        m->condition = inst->condition;
        m->loop = inst->loop;
        m->params = inst->body;
        m->range = bicep_range(&s, field(sym->decl, BICEP_FIELD_NAME));
        inst->module = m;
        /* Only the template being built deploys its modules; an imported
         * file's modules are not part of this deployment. */
        if (!path || sym->file != bb->root || !bb->d)
            continue;
        az_value *args = inst->body ? module_args(bb, inst->body) : NULL;
        if (inst->body && !args)
            return false;
        bool dead = az_condition_false(inst->condition);
        if (dead)
            az_eval_quiet_enter(bb->ev);
        int rc = az_builder_build_module(bb->b, sym->file->f, path, path_at, bb->d, m, args);
        if (dead)
            az_eval_quiet_leave(bb->ev);
        if (rc < 0)
            return false;
    }
    return true;
}

bool bicep_symbol_finish(bicep_build *bb, bicep_symbol *sym, az_range use)
{
    if (!bicep_symbol_prepare(bb, sym, use))
        return false;
    if (sym->body_state == BICEP_DONE)
        return true;
    if (sym->body_state == BICEP_ACTIVE) {
        az_eval_warn(bb->ev, use, "'%s' depends on itself", sym->name);
        return false;
    }
    if (!az_eval_enter(bb->ev, use))
        return false;
    sym->body_state = BICEP_ACTIVE;
    bool ok = true;
    if (sym->kind == BICEP_SYM_MODULE) {
        ok = module_build(bb, sym);
    } else {
        syntax_node object = shape_of(sym->decl).object;
        static const char *const keys[] = {"name", "scope"};
        for (uint32_t i = 0; i < sym->instance_count && ok; i++) {
            bicep_instance *inst = &sym->instances[i];
            bicep_binding binds[2];
            bicep_scope s = instance_scope(bb, sym, inst, binds);
            az_value *values[] = {inst->declared_name, inst->scope};
            bicep_given given = {keys, values, 2};
            bool dead = az_condition_false(inst->condition);
            if (dead)
                az_eval_quiet_enter(bb->ev);
            ok = (inst->body = bicep_eval_body(&s, object, &given)) != NULL;
            if (dead)
                az_eval_quiet_leave(bb->ev);
        }
    }
    az_eval_leave(bb->ev);
    sym->body_state = BICEP_DONE;
    return ok;
}

/* --- Filling the deployment ----------------------------------------------- */

static const char *param_type(const bicep_file *file, arena *a, syntax_node type)
{
    if (bicep_is(type, BICEP_NODE_NULLABLE_TYPE))
        type = field(type, BICEP_FIELD_TYPE);
    if (!bicep_is(type, BICEP_NODE_TYPE_IDENTIFIER))
        return NULL;
    uint32_t len;
    const char *text = bicep_text(file, type, &len);
    return arena_strndup(a, text, len);
}

static bool emit_parameter(bicep_build *bb, bicep_symbol *sym)
{
    bicep_scope s = {bb, sym->file, NULL};
    syntax_node name = field(sym->decl, BICEP_FIELD_NAME), allowed_arg = {0};
    az_range at = bicep_range(&s, name);
    az_value *v = bicep_symbol_value(bb, sym, at);
    az_parameter *p = az_deployment_add_parameter(bb->b, bb->d);
    if (!v || !p)
        return false;
    p->name = sym->name;
    p->type = param_type(sym->file, bb->a, field(sym->decl, BICEP_FIELD_TYPE));
    p->secure = !syntax_node_is_null(bicep_decorator_find(sym->file, sym->decl, "secure", NULL));
    p->default_value = sym->default_value;
    p->value = v;
    p->range = at;
    if (!syntax_node_is_null(bicep_decorator_find(sym->file, sym->decl, "allowed", &allowed_arg)) &&
        !syntax_node_is_null(allowed_arg) && !(p->allowed = bicep_eval(&s, allowed_arg)))
        return false;
    return true;
}

static bool emit_variable(bicep_build *bb, bicep_symbol *sym)
{
    az_range at =
        bicep_range(&(bicep_scope){bb, sym->file, NULL}, field(sym->decl, BICEP_FIELD_NAME));
    az_value *v = bicep_symbol_value(bb, sym, at);
    az_variable *var = az_deployment_add_variable(bb->b, bb->d);
    if (!v || !var)
        return false;
    var->name = sym->name;
    var->value = v;
    var->range = at;
    return true;
}

/* Adds a resource's instances, then its nested resources' (depth first, as
 * declared; nesting was bounded when collected). */
static bool emit_resource(bicep_build *bb, bicep_symbol *sym)
{
    bicep_scope s = {bb, sym->file, NULL};
    az_range at = bicep_range(&s, field(sym->decl, BICEP_FIELD_NAME));
    if (!bicep_symbol_finish(bb, sym, at) && arena_failed(bb->a))
        return false;
    bool existing = !syntax_node_is_null(field(sym->decl, BICEP_FIELD_EXISTING));
    for (uint32_t i = 0; i < sym->instance_count; i++) {
        bicep_instance *inst = &sym->instances[i];
        /* A deployment declared as a resource deploys a template: it is a
         * module of this deployment, as in the ARM front end. */
        if (!existing && !inst->parent &&
            strcasecmp(inst->type, "Microsoft.Resources/deployments") == 0) {
            az_module *m = az_deployment_add_module(bb->b, bb->d);
            if (!m)
                return false;
            m->symbol = sym->name;
            m->condition = inst->condition;
            m->loop = inst->loop;
            m->range = at;
            if (arm_model_build_nested(bb->b, sym->file->f, bb->d, m, inst->body))
                return false;
            continue;
        }
        az_resource *r = az_deployment_add_resource(bb->b, bb->d);
        if (!r)
            return false;
        r->symbol = sym->name;
        r->type = inst->type;
        r->api_version = inst->api_version;
        r->name = inst->name;
        r->condition = inst->condition;
        r->loop = inst->loop;
        r->scope = inst->scope;
        r->existing = existing;
        r->body = inst->body;
        r->id = inst->id;
        r->range = at;
        r->deployment = bb->d;
        inst->resource = r;
    }
    for (uint32_t i = 0; i < sym->child_count; i++)
        if (!emit_resource(bb, sym->children[i]))
            return false;
    return true;
}

/* Parents are linked once every resource has its place in the deployment. */
static void link_parents(bicep_symbol *sym)
{
    for (uint32_t i = 0; i < sym->instance_count; i++) {
        bicep_instance *inst = &sym->instances[i];
        if (inst->resource && inst->parent)
            inst->resource->parent = inst->parent->resource;
    }
    for (uint32_t i = 0; i < sym->child_count; i++)
        link_parents(sym->children[i]);
}

static bool emit_module(bicep_build *bb, bicep_symbol *sym)
{
    az_range at =
        bicep_range(&(bicep_scope){bb, sym->file, NULL}, field(sym->decl, BICEP_FIELD_NAME));
    if (!bicep_symbol_finish(bb, sym, at) && arena_failed(bb->a))
        return false;
    for (uint32_t i = 0; i < sym->instance_count; i++) {
        bicep_instance *inst = &sym->instances[i];
        if (!inst->module)
            continue;
        az_module *m = az_deployment_add_module(bb->b, bb->d);
        if (!m)
            return false;
        /* The module was built before its place in the deployment was known
         * (modules are built when first referenced); move it there. */
        *m = *inst->module;
        if (m->child)
            m->child->via = m;
        inst->module = m;
    }
    return true;
}

static bool emit_output(bicep_build *bb, bicep_file *file, syntax_node decl)
{
    bicep_scope s = {bb, file, NULL};
    syntax_node name = field(decl, BICEP_FIELD_NAME);
    uint32_t len;
    const char *text = bicep_text(file, name, &len);
    az_value *v = bicep_eval(&s, field(decl, BICEP_FIELD_VALUE));
    az_output *o = az_deployment_add_output(bb->b, bb->d);
    if (!v || !o || !(o->name = arena_strndup(bb->a, text, len)))
        return false;
    o->secure = !syntax_node_is_null(bicep_decorator_find(file, decl, "secure", NULL));
    if (o->secure && !(v->flags & AZ_VALUE_SECURE)) {
        if (!(v = az_value_relocate(bb->a, v, v->range)))
            return false;
        v->flags |= AZ_VALUE_SECURE;
    }
    o->value = v;
    o->range = bicep_range(&s, name);
    return true;
}

static const char *target_scope_of(bicep_build *bb, bicep_file *file)
{
    if (syntax_node_is_null(file->target_scope_decl))
        return "resourceGroup";
    bicep_scope s = {bb, file, NULL};
    az_value *v = bicep_eval(&s, field(file->target_scope_decl, BICEP_FIELD_VALUE));
    if (v && v->kind == AZ_STRING)
        return v->u.string.ptr;
    if (v)
        az_builder_warn(bb->b, bicep_range(&s, file->target_scope_decl),
                        "targetScope is not a known string; resourceGroup assumed");
    return "resourceGroup";
}

static bool build(bicep_build *bb, bicep_file *file)
{
    file->target_scope = target_scope_of(bb, file);
    bb->d->target_scope = file->target_scope;
    for (uint32_t pass = 0; pass < 4; pass++) {
        for (uint32_t i = 0; i < file->order_count; i++) {
            bicep_symbol *sym = file->order[i];
            bool ok = true;
            if (pass == 0 && sym->kind == BICEP_SYM_PARAM)
                ok = emit_parameter(bb, sym);
            else if (pass == 1 && sym->kind == BICEP_SYM_VAR)
                ok = emit_variable(bb, sym);
            else if (pass == 2 && sym->kind == BICEP_SYM_RESOURCE)
                ok = emit_resource(bb, sym);
            else if (pass == 3 && sym->kind == BICEP_SYM_MODULE)
                ok = emit_module(bb, sym);
            if (!ok)
                return false;
        }
    }
    for (uint32_t i = 0; i < file->order_count; i++)
        if (file->order[i]->kind == BICEP_SYM_RESOURCE)
            link_parents(file->order[i]);
    for (uint32_t i = 0; i < file->output_count; i++)
        if (!emit_output(bb, file, file->outputs[i]))
            return false;
    return true;
}

int bicep_model_build(az_builder *b, const az_loaded_file *f, az_deployment *d,
                      const az_value *args)
{
    bicep_build bb = {b, az_builder_eval(b), az_builder_arena(b), d, NULL, NULL};
    bicep_file *file = bicep_file_get(&bb, f, args);
    if (!file)
        return -1;
    bb.root = file;
    bool ok = build(&bb, file);
    return ok && !arena_failed(bb.a) ? 0 : -1;
}

/* --- Parameter files ------------------------------------------------------ */

/* Adds the parameters of `file` to `ob`: those of the file it extends
 * first, so that its own override them. */
static bool params_collect(bicep_build *bb, bicep_file *file, az_object_builder *ob)
{
    bicep_scope s = {bb, file, NULL};
    if (!syntax_node_is_null(file->extends_decl)) {
        syntax_node path_node = field(file->extends_decl, BICEP_FIELD_PATH);
        az_range at = bicep_range(&s, path_node);
        const char *path = bicep_literal_string(&s, path_node);
        const az_loaded_file *lf = path ? az_builder_load_import(bb->b, file->f, path, at) : NULL;
        bicep_file *base = lf ? bicep_file_get(bb, lf, NULL) : NULL;
        if (arena_failed(bb->a))
            return false;
        if (base && base->extends_state != BICEP_PENDING) {
            az_builder_warn(bb->b, at, "'%s' extends itself", lf->display_path);
        } else if (base && az_eval_enter(bb->ev, at)) {
            base->extends_state = BICEP_ACTIVE;
            bool ok = params_collect(bb, base, ob);
            base->extends_state = BICEP_DONE;
            az_eval_leave(bb->ev);
            if (!ok)
                return false;
        }
    }
    for (uint32_t i = 0; i < file->order_count; i++) {
        bicep_symbol *sym = file->order[i];
        if (sym->kind != BICEP_SYM_PARAM || !bicep_is(sym->decl, BICEP_NODE_PARAMETER_ASSIGNMENT))
            continue;
        az_value *v =
            bicep_symbol_value(bb, sym, bicep_range(&s, field(sym->decl, BICEP_FIELD_NAME)));
        if (!v || !az_object_builder_add(ob, sym->name, sym->name_len,
                                         bicep_range(&s, field(sym->decl, BICEP_FIELD_NAME)), v))
            return false;
    }
    return true;
}

int bicep_params_evaluate(az_builder *b, const az_loaded_file *f, az_value **args,
                          const char **template_path)
{
    bicep_build bb = {b, az_builder_eval(b), az_builder_arena(b), NULL, NULL, NULL};
    *args = NULL;
    *template_path = NULL;
    bicep_file *file = bicep_file_get(&bb, f, NULL);
    if (!file)
        return -1;
    bb.root = file;
    file->extends_state = BICEP_ACTIVE;
    az_object_builder ob = {.a = bb.a};
    if (!params_collect(&bb, file, &ob))
        return -1;
    bicep_scope s = {&bb, file, NULL};
    *args = az_object_builder_finish(&ob, bicep_range(&s, syntax_table_root(f->syntax)));
    if (!syntax_node_is_null(file->using_decl)) {
        syntax_node path = field(file->using_decl, BICEP_FIELD_PATH);
        *template_path = bicep_is(path, BICEP_NODE_STRING) ? bicep_literal_string(&s, path) : NULL;
        if (bicep_is(path, BICEP_NODE_STRING) && !*template_path && !arena_failed(bb.a))
            az_builder_warn(b, bicep_range(&s, path), "the using path is not a string literal");
    }
    return *args && !arena_failed(bb.a) ? 0 : -1;
}
