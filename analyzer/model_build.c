#define _XOPEN_SOURCE 700 /* realpath */
#include "model_build.h"
#include "analysis.h"
#include "arm_json.h"
#include "file_provider.h"
#include "model_internal.h"
#include "path.h"
#include "str_format.h"
#include "syntax.h"
#include "utf8.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Where the last position was found: most lookups are left to right along
 * one line, so counting can resume there rather than at the line start. */
typedef struct {
    uint32_t file, row, byte_column, column;
    bool valid;
} position_cache;

/*
 * A module build that a later one may copy (see az_builder_build_module):
 * what it was built from, and what it gave.
 */
typedef struct {
    const az_loaded_file *file;
    const az_deployment *parent;
    const az_value *args;
    const az_deployment *child;
    uint32_t warnings_from, warnings_to; /* the model warnings the build added */
    az_eval_mark eval_from, eval_to;
} module_memo;

struct az_builder {
    position_cache *positions;
    az_model *model;
    arena *arena;
    az_eval *eval;
    char *root;                    /* the scan root, resolved, without a trailing slash */
    char *display_root;            /* display paths are relative to it; NULL: root */
    const file_provider *provider; /* NULL: the disk */
    az_loaded_file **files;
    size_t file_count, file_cap;
    char **stack; /* resolved paths of the templates being built, innermost last */
    uint32_t depth;
    uint32_t max_depth;
    uint64_t parse_timeout_micros; /* as analysis_options */
    tree_cache *cache;             /* or NULL */
    void (*on_read)(void *ud, const char *display, const source_file *src); /* or NULL */
    void *on_read_ud;
    /* Builds of the modules of the deployments being built, to copy. */
    module_memo *memos;
    size_t memo_count, memo_cap;
    uint64_t cut_short; /* modules refused as nested too deep, files that could not be read */
};

arena *az_builder_arena(az_builder *b)
{
    return b->arena;
}

az_eval *az_builder_eval(az_builder *b)
{
    return b->eval;
}

/* How far counting code points from a known column is cheaper than asking
 * the source file, whose lookups cost up to two 4 KiB blocks. */
#define COUNT_LIMIT 1024u

/* The 1-based code-point column of the byte at `byte`, which tree-sitter puts
 * at `point` (a row and a byte column). Every path costs a bounded amount, so
 * a huge one-line file is no slower per node than any other. */
static uint32_t column_of(const az_builder *b, const az_loaded_file *f, TSPoint point,
                          uint32_t byte)
{
    const char *text = source_file_text(f->src);
    position_cache *pc = b->positions;
    uint32_t column;
    if (source_file_row_is_ascii(f->src, point.row))
        return point.column + 1;
    if (point.column <= COUNT_LIMIT) {
        column = (uint32_t)utf8_count_code_points(text + byte - point.column, point.column);
    } else if (pc->valid && pc->file == f->file && pc->row == point.row &&
               pc->byte_column <= point.column && point.column - pc->byte_column <= COUNT_LIMIT) {
        uint32_t from = byte - (point.column - pc->byte_column);
        column = pc->column + (uint32_t)utf8_count_code_points(text + from, byte - from);
    } else {
        column = source_file_locate(f->src, byte).column - 1;
    }
    *pc = (position_cache){f->file, point.row, point.column, column, true};
    return column + 1;
}

az_range az_builder_range(const az_builder *b, const az_loaded_file *f, uint32_t start,
                          uint32_t end)
{
    (void)b;
    source_position s = source_file_locate(f->src, start);
    source_position e = source_file_locate(f->src, end);
    return (az_range){f->file, s.line, s.column, e.line, e.column};
}

/* The range from byte `start` at `s` to byte `end` at `e`. */
static az_range points_range(const az_builder *b, const az_loaded_file *f, TSPoint s,
                             uint32_t start, TSPoint e, uint32_t end)
{
    uint32_t sc = column_of(b, f, s, start);
    uint32_t ec = column_of(b, f, e, end);
    return (az_range){f->file, s.row + 1, sc, e.row + 1, ec};
}

az_range az_builder_syntax_range(const az_builder *b, const az_loaded_file *f, syntax_node node)
{
    TSPoint start, end;
    syntax_node_points(node, &start, &end);
    return points_range(b, f, start, syntax_node_start_byte(node), end, syntax_node_end_byte(node));
}

az_range az_builder_walk_range(const az_builder *b, const az_loaded_file *f,
                               const syntax_walk_node *node)
{
    return points_range(b, f, node->start_point, node->start_byte, node->end_point, node->end_byte);
}

void az_builder_warn(az_builder *b, az_range at, const char *fmt, ...)
{
    char message[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof(message), fmt, ap);
    va_end(ap);
    /* Out of memory here surfaces through arena_failed() at the end of the build. */
    (void)model_warning_add(b->model, at, message);
}

az_deployment *az_builder_deployment_new(az_builder *b, const az_loaded_file *f,
                                         az_deployment *parent, az_module *via)
{
    az_deployment *d = arena_alloc(b->arena, sizeof(*d));
    if (!d)
        return NULL;
    d->language = f->language == LANGUAGE_BICEP ? AZ_LANG_BICEP : AZ_LANG_ARM;
    d->file = f->file;
    d->target_scope = "resourceGroup";
    d->parent = parent;
    d->via = via;
    if (parent)
        d->variant = parent->variant;
    return d;
}

#define DEFINE_ADD(fn, type, field, count)                                                         \
    type *fn(az_builder *b, az_deployment *d)                                                      \
    {                                                                                              \
        type *item = arena_alloc(b->arena, sizeof(type));                                          \
        if (!item || model_push(b->arena, (void ***)&d->field, &d->count, item))                   \
            return NULL;                                                                           \
        return item;                                                                               \
    }

DEFINE_ADD(az_deployment_add_parameter, az_parameter, parameters, parameter_count)
DEFINE_ADD(az_deployment_add_variable, az_variable, variables, variable_count)
DEFINE_ADD(az_deployment_add_resource, az_resource, resources, resource_count)
DEFINE_ADD(az_deployment_add_module, az_module, modules, module_count)
DEFINE_ADD(az_deployment_add_output, az_output, outputs, output_count)

/* Loading files ----------------------------------------------------------- */

/* `path` relative to the scan root, or NULL when it lies outside. */
static const char *path_under_root(const az_builder *b, const char *resolved)
{
    size_t n = strlen(b->root);
    if (strcmp(b->root, "/") == 0)
        return resolved + 1;
    if (strncmp(resolved, b->root, n) != 0 || resolved[n] != '/')
        return NULL;
    return resolved + n + 1;
}

/* Bicep files up to this size go through the scan's tree cache: modules and
 * shared types files are small, and templates that large are rarely shared. */
#define CACHE_MAX_BYTES ((uint32_t)256 * 1024)

/* The display path of `resolved`, which lies under the root. */
static const char *display_of(const az_builder *b, const char *resolved)
{
    if (!b->display_root)
        return path_under_root(b, resolved);
    size_t n = strlen(b->display_root);
    if (strcmp(b->display_root, "/") == 0)
        return resolved + 1;
    return strncmp(resolved, b->display_root, n) == 0 && resolved[n] == '/' ? resolved + n + 1
                                                                            : NULL;
}

static void loaded_file_free(az_builder *b, az_loaded_file *f)
{
    if (!f)
        return;
    if (f->tree)
        ts_tree_delete(f->tree);
    if (f->cached) {
        tree_cache_release(b->cache, f->cached);
    } else {
        syntax_table_free((syntax_table *)f->syntax);
        source_file_free((source_file *)f->src);
    }
    free((char *)f->disk_path);
    free((char *)f->display_path);
    free(f);
}

/* Reads and parses the file at `path`; returns 0, or -1 having explained why in `err`. */
static void tell_read(const az_builder *b, const char *display, const source_file *src)
{
    if (b->on_read)
        b->on_read(b->on_read_ud, display, src);
}

static int read_and_parse(az_builder *b, const char *path, const char *display, language_id lang,
                          source_file **src, TSTree **tree, char *err, size_t err_size)
{
    source_error serr;
    if (file_provider_read(b->provider, path, src, &serr) != SOURCE_OK) {
        char why[256];
        snprintf(err, err_size, "%s", source_error_describe(&serr, why, sizeof(why)));
        return -1;
    }
    tell_read(b, display, *src);
    uint64_t timeout = analysis_timeout_micros(b->parse_timeout_micros, source_file_length(*src));
    syntax_status st = syntax_parse(tree, *src, language_grammar(lang), timeout);
    if (st == SYNTAX_OK)
        return 0;
    if (st == SYNTAX_TIMEOUT)
        snprintf(err, err_size, "parsing timed out after %.3g s (see --timeout)",
                 (double)timeout / 1e6);
    else
        snprintf(err, err_size, "the grammar cannot be loaded");
    return -1;
}

/*
 * Loads, or finds already loaded, the file at the resolved path `resolved`:
 * takes it from the tree cache, or reads and parses it, or, when `src` is
 * given, takes `src` and `tree` (which it frees on failure). A Bicep file's
 * tree is flattened into its syntax table and an ARM file's read into its
 * document, at once, and freed. Returns NULL when the file cannot be read
 * or parsed, having explained why in `err`.
 */
static az_loaded_file *builder_load(az_builder *b, const char *resolved, const char *display,
                                    source_file *src, TSTree *tree, char *err, size_t err_size)
{
    for (size_t i = 0; i < b->file_count && !src; i++)
        if (strcmp(b->files[i]->disk_path, resolved) == 0)
            return b->files[i];

    az_loaded_file *f = NULL;
    language_id lang = language_for_path(resolved);
    if (lang == LANGUAGE_NONE) {
        snprintf(err, err_size, "not a Bicep or ARM JSON file");
        goto fail;
    }
    if (b->file_count == b->file_cap) {
        size_t cap = b->file_cap ? b->file_cap * 2 : 8;
        az_loaded_file **grown = realloc(b->files, cap * sizeof(*grown));
        if (!grown)
            goto nomem;
        b->files = grown;
        b->file_cap = cap;
    }
    f = calloc(1, sizeof(*f));
    if (!f)
        goto nomem;
    f->language = lang;
    f->bicepparam = language_path_is_bicepparam(resolved);
    f->disk_path = strdup(resolved);
    f->display_path = strdup(display);
    if (!f->disk_path || !f->display_path || model_file_add(b->model, display, &f->file))
        goto nomem;
    bool cacheable = b->cache && lang == LANGUAGE_BICEP;
    if (cacheable && !src && (f->cached = tree_cache_get(b->cache, resolved))) {
        f->src = tree_cache_entry_source(f->cached);
        f->syntax = tree_cache_entry_table(f->cached);
        tell_read(b, display, f->src);
    } else {
        if (src)
            tell_read(b, display, src);
        else if (read_and_parse(b, resolved, display, lang, &src, &tree, err, err_size) != 0)
            goto fail;
        syntax_table *table = NULL;
        if (lang == LANGUAGE_BICEP) {
            if (syntax_table_build(&table, tree) != 0)
                goto nomem;
            ts_tree_delete(tree);
            tree = NULL;
        }
        if (cacheable && source_file_length(src) <= CACHE_MAX_BYTES &&
            (f->cached = tree_cache_put(b->cache, resolved, src, table))) {
            f->src = tree_cache_entry_source(f->cached);
            f->syntax = tree_cache_entry_table(f->cached);
        } else {
            f->src = src;
            f->syntax = table;
            f->tree = tree;
        }
        src = NULL;
        tree = NULL;
    }
    if (lang == LANGUAGE_ARMJSON) {
        int failed = 0;
        f->doc = arm_json_from_tree(b, f, &failed);
        ts_tree_delete(f->tree);
        f->tree = NULL;
        if (failed)
            goto nomem;
    }
    b->files[b->file_count++] = f;
    return f;

nomem:
    snprintf(err, err_size, "out of memory");
fail:
    if (tree)
        ts_tree_delete(tree);
    source_file_free(src);
    loaded_file_free(b, f);
    return NULL;
}

/*
 * Resolves `path`, written in `from`, to a file under the scan root. The
 * path is checked as written (so that "../../etc/passwd" is refused as an
 * escape even where nothing is there) and again after symbolic links are
 * followed. Returns a malloc'd resolved path, or NULL with a warning at `at`.
 */
static char *resolve_local(az_builder *b, const az_loaded_file *from, const char *path, az_range at,
                           const char *what)
{
    if (path[0] == '/' || strstr(path, "://")) {
        az_builder_warn(b, at, "%s path '%s' is not relative to the template; not read", what,
                        path);
        return NULL;
    }
    const char *slash = strrchr(from->disk_path, '/');
    size_t dir_len = slash ? (size_t)(slash - from->disk_path) : 0;
    size_t len = dir_len + 1 + strlen(path) + 1;
    char *joined = malloc(len);
    if (!joined)
        return NULL;
    snprintf(joined, len, "%.*s/%s", (int)dir_len, from->disk_path, path);
    path_normalize(joined);
    if (!path_under_root(b, joined)) {
        az_builder_warn(b, at, "%s path '%s' resolves outside the scan root; not read", what, path);
        free(joined);
        return NULL;
    }
    char *resolved = file_provider_resolve(b->provider, joined);
    free(joined);
    if (!resolved) {
        az_builder_warn(b, at, "%s path '%s' does not name a readable file", what, path);
        return NULL;
    }
    if (!path_under_root(b, resolved)) {
        az_builder_warn(b, at, "%s path '%s' resolves outside the scan root; not read", what, path);
        free(resolved);
        return NULL;
    }
    return resolved;
}

static const az_loaded_file *load_local(az_builder *b, const az_loaded_file *from,
                                        const char *resolved, az_range at, const char *what,
                                        const char *path)
{
    char err[300];
    az_loaded_file *f =
        builder_load(b, resolved, display_of(b, resolved), NULL, NULL, err, sizeof(err));
    if (!f) {
        az_builder_warn(b, at, "%s '%s' cannot be read: %s", what, path, err);
        b->cut_short++;
    }
    (void)from;
    return f;
}

const az_loaded_file *az_builder_load_import(az_builder *b, const az_loaded_file *from,
                                             const char *path, az_range at)
{
    if (path_is_external(path)) {
        az_builder_warn(b, at, "import from registry '%s' is not fetched", path);
        return NULL;
    }
    char *resolved = resolve_local(b, from, path, at, "import");
    if (!resolved)
        return NULL;
    const az_loaded_file *f = load_local(b, from, resolved, at, "import", path);
    free(resolved);
    return f;
}

static int build_with(az_builder *b, const az_loaded_file *f, az_deployment *d,
                      const az_value *args)
{
    return f->language == LANGUAGE_BICEP ? bicep_model_build(b, f, d, args)
                                         : arm_model_build(b, f, d, args);
}

/*
 * Memoized module builds. A module deployed twice with the same arguments,
 * as a loop over ['init', 'idem'] does, would be built twice into the same
 * deployment. Building a module reads only its file, its arguments, the
 * module stack (fixed by the parent deployment, all of whose modules are
 * built while it is) and the evaluator's state: whether it is quiet, its
 * depths, and the work budget and warning room left. So a build from the
 * same inputs copies the first and adds its warnings again, unless the
 * first met a bound or an unreadable file, where building again might
 * differ. Each module file keeps its first build under each parent, and
 * only that one, so that comparing arguments costs no more than making them.
 */

/* The build of `file` under `parent` kept to copy, or NULL. */
static const module_memo *memo_find(const az_builder *b, const az_loaded_file *file,
                                    const az_deployment *parent)
{
    for (size_t i = b->memo_count; i-- > 0;)
        if (b->memos[i].file == file && b->memos[i].parent == parent)
            return &b->memos[i];
    return NULL;
}

/* Gives `module` a copy of the kept build's deployment and adds its warnings
 * again. Returns 0, or -1 when out of memory. */
static int memo_copy(az_builder *b, const module_memo *m, az_deployment *parent, az_module *module)
{
    module->child = model_deployment_copy(b->arena, m->child, parent, module);
    if (!module->child)
        return -1;
    for (uint32_t i = m->warnings_from; i < m->warnings_to; i++)
        if (model_warning_add(b->model, b->model->warnings[i].range, b->model->warnings[i].message))
            return -1;
    return 0;
}

static int memo_add(az_builder *b, const module_memo *m)
{
    if (b->memo_count == b->memo_cap) {
        size_t cap = b->memo_cap ? b->memo_cap * 2 : 8;
        module_memo *grown = realloc(b->memos, cap * sizeof(*grown));
        if (!grown)
            return -1;
        b->memos = grown;
        b->memo_cap = cap;
    }
    b->memos[b->memo_count++] = *m;
    return 0;
}

int az_builder_build_module(az_builder *b, const az_loaded_file *from, const char *path,
                            az_range at, az_deployment *parent, az_module *module,
                            const az_value *args)
{
    module->path = arena_strndup(b->arena, path, strlen(path));
    if (!module->path)
        return -1;
    if (path_is_external(path)) {
        module->external = true;
        return 0;
    }
    char *resolved = resolve_local(b, from, path, at, "module");
    if (!resolved)
        return 0;
    int rc = 0;
    if (b->depth >= b->max_depth) {
        az_builder_warn(b, at, "module '%s' is nested more than %u deep; not read", path,
                        b->max_depth);
        b->cut_short++;
        goto done;
    }
    for (uint32_t i = 0; i < b->depth; i++) {
        if (strcmp(b->stack[i], resolved) == 0) {
            az_builder_warn(b, at, "module '%s' includes itself (a module cycle); not read", path);
            goto done;
        }
    }
    const az_loaded_file *f = load_local(b, from, resolved, at, "module", path);
    if (!f)
        goto done;
    if (f->bicepparam) {
        az_builder_warn(b, at, "module '%s' is a parameters file; not read", path);
        goto done;
    }
    const module_memo *kept = memo_find(b, f, parent);
    if (kept && az_value_identical(kept->args, args) &&
        az_eval_repeat(b->eval, kept->eval_from, kept->eval_to)) {
        rc = memo_copy(b, kept, parent, module);
        goto done;
    }
    az_deployment *child = az_builder_deployment_new(b, f, parent, module);
    if (!child) {
        rc = -1;
        goto done;
    }
    module->child = child;
    module_memo memo = {.file = f,
                        .parent = parent,
                        .args = args,
                        .child = child,
                        .warnings_from = b->model->warning_count,
                        .eval_from = az_eval_mark_now(b->eval)};
    bool keep = !kept; /* `kept` may move while the child is built */
    size_t memo_count = b->memo_count;
    uint64_t cut_short = b->cut_short;
    b->stack[b->depth++] = resolved;
    rc = build_with(b, f, child, args);
    b->depth--;
    /* The child's modules are all built: their memos can serve no other. */
    b->memo_count = memo_count;
    if (rc == 0 && keep && b->cut_short == cut_short &&
        !az_eval_bounded_since(b->eval, memo.eval_from)) {
        memo.warnings_to = b->model->warning_count;
        memo.eval_to = az_eval_mark_now(b->eval);
        rc = memo_add(b, &memo);
    }
done:
    free(resolved);
    return rc;
}

/* Variants ---------------------------------------------------------------- */

static bool has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/*
 * Adds to `out` the parameter files that go with the template at
 * `resolved`, by convention: `<stem>.parameters.json` and
 * `<stem>.parameters.<name>.json` beside it, and for Bicep, every
 * `.bicepparam` beside it whose `using` names it. Sorted.
 */
static int find_parameter_files(az_builder *b, const az_loaded_file *tmpl, path_set *out)
{
    const char *resolved = tmpl->disk_path;
    const char *slash = strrchr(resolved, '/');
    char *dir = strndup(resolved, slash ? (size_t)(slash - resolved) : 0);
    path_set *names = path_set_new();
    int rc = dir && names ? file_provider_list(b->provider, dir, names) : -1;
    const char *base = slash ? slash + 1 : resolved;
    const char *dot = strrchr(base, '.');
    size_t stem_len = dot ? (size_t)(dot - base) : strlen(base);
    for (size_t i = 0; rc == 0 && i < path_set_count(names); i++) {
        const char *name = path_set_get(names, i);
        bool take =
            (strncmp(name, base, stem_len) == 0 &&
             strncmp(name + stem_len, ".parameters.", 12) == 0 && has_suffix(name, ".json")) ||
            (tmpl->language == LANGUAGE_BICEP && has_suffix(name, ".bicepparam"));
        if (!take)
            continue;
        char *path = str_format("%s/%s", dir, name);
        rc = path ? path_set_add(out, path) : -1;
        free(path);
    }
    path_set_free(names);
    free(dir);
    path_set_sort(out);
    return rc;
}

/* Evaluates the parameter file at `resolved` for the template `tmpl`. Stores
 * NULL in *args when the file is for another template (a .bicepparam whose
 * `using` names something else). */
static int evaluate_parameters(az_builder *b, const az_loaded_file *tmpl, const char *resolved,
                               bool must_match, const az_loaded_file **pf_out, az_value **args)
{
    *args = NULL;
    *pf_out = NULL;
    const char *display = display_of(b, resolved);
    char err[300];
    az_loaded_file *pf =
        builder_load(b, resolved, display ? display : resolved, NULL, NULL, err, sizeof(err));
    if (!pf) {
        az_builder_warn(b, (az_range){0}, "parameter file '%s' cannot be read: %s",
                        display ? display : resolved, err);
        return 0;
    }
    if (pf->language == LANGUAGE_BICEP) {
        const char *using_path = NULL;
        if (bicep_params_evaluate(b, pf, args, &using_path))
            return -1;
        if (!must_match && tmpl) {
            char *target = NULL;
            if (using_path && !path_is_external(using_path)) {
                char *joined = NULL;
                const char *slash = strrchr(pf->disk_path, '/');
                size_t dl = slash ? (size_t)(slash - pf->disk_path) : 0;
                size_t len = dl + 2 + strlen(using_path);
                joined = malloc(len);
                if (!joined)
                    return -1;
                snprintf(joined, len, "%.*s/%s", (int)dl, pf->disk_path, using_path);
                target = file_provider_resolve(b->provider, joined);
                free(joined);
            }
            bool same = target && strcmp(target, tmpl->disk_path) == 0;
            free(target);
            if (!same) {
                *args = NULL;
                return 0;
            }
        }
    } else if (arm_params_evaluate(b, pf, args)) {
        return -1;
    }
    *pf_out = pf;
    return 0;
}

static int build_variant(az_builder *b, const az_loaded_file *tmpl, const az_loaded_file *pf,
                         const az_value *args)
{
    az_deployment *d = az_builder_deployment_new(b, tmpl, NULL, NULL);
    if (!d || model_deployment_add(b->model, d))
        return -1;
    if (pf)
        d->variant = az_model_file_path(b->model, pf->file);
    b->stack[0] = (char *)tmpl->disk_path;
    b->depth = 1;
    int rc = build_with(b, tmpl, d, args);
    b->depth = 0;
    b->memo_count = 0;
    return rc;
}

static void builder_free(az_builder *b)
{
    for (size_t i = 0; i < b->file_count; i++)
        loaded_file_free(b, b->files[i]);
    free(b->files);
    free(b->memos);
    free(b->stack);
    free(b->root);
    free(b->display_root);
    free(b->positions);
    az_eval_free(b->eval);
}

/* Moves the evaluator's warnings into the model. */
static int collect_eval_warnings(az_builder *b)
{
    size_t n = az_eval_warning_count(b->eval);
    for (size_t i = 0; i < n; i++) {
        const az_warning *w = az_eval_warning(b->eval, i);
        if (model_warning_add(b->model, w->range, w->message))
            return -1;
    }
    return 0;
}

int az_model_build(az_model **out, const az_build_request *req, char *err, size_t err_size)
{
    char scratch[8];
    if (!err) {
        err = scratch;
        err_size = sizeof(scratch);
    }
    *out = NULL;
    source_file *src = req->source;
    TSTree *tree = req->tree;
    az_builder b = {0};
    b.parse_timeout_micros = req->parse_timeout_micros;
    b.cache = req->cache;
    b.on_read = req->on_read;
    b.on_read_ud = req->on_read_ud;
    b.model = model_new();
    char *resolved = NULL;
    if (!b.model) {
        snprintf(err, err_size, "out of memory");
        goto fail;
    }
    b.arena = b.model->arena;
    b.eval = az_eval_new(b.arena, req->limits);
    b.provider = req->from ? req->from->files : NULL;
    b.root = file_provider_resolve(b.provider, req->scan_root);
    if (req->from && req->from->display_root && b.root) {
        b.display_root = file_provider_resolve(b.provider, req->from->display_root);
        /* A display root that does not hold the scan root would name nothing. */
        if (b.display_root && !display_of(&b, b.root) && strcmp(b.display_root, b.root) != 0) {
            free(b.display_root);
            b.display_root = NULL;
        }
    }
    b.positions = calloc(1, sizeof(*b.positions));
    resolved = file_provider_resolve(b.provider, req->disk_path);
    if (!b.eval || !b.root || !resolved || !b.positions) {
        if (resolved || strerror_r(errno, err, err_size) != 0)
            snprintf(err, err_size, "out of memory");
        goto fail;
    }
    b.max_depth = az_eval_limits(b.eval)->max_module_depth + 1;
    b.stack = calloc(b.max_depth + 1, sizeof(char *));
    if (!b.stack) {
        snprintf(err, err_size, "out of memory");
        goto fail;
    }

    const az_loaded_file *tmpl =
        builder_load(&b, resolved, req->display_path, src, tree, err, err_size);
    src = NULL;
    tree = NULL;
    if (!tmpl)
        goto fail;

    /* A .bicepparam named on its own stands for its template with itself as the variant. */
    const az_loaded_file *pf = NULL;
    az_value *args = NULL;
    if (tmpl->bicepparam) {
        const char *using_path = NULL;
        pf = tmpl;
        if (bicep_params_evaluate(&b, pf, &args, &using_path))
            goto nomem;
        if (!using_path) {
            snprintf(err, err_size, "a parameters file without a local 'using' template");
            goto fail;
        }
        char *target = resolve_local(&b, pf, using_path, (az_range){0}, "using");
        if (!target) {
            snprintf(err, err_size, "its 'using' template '%s' cannot be read", using_path);
            goto fail;
        }
        char terr[300];
        tmpl = builder_load(&b, target, display_of(&b, target), NULL, NULL, terr, sizeof(terr));
        free(target);
        if (!tmpl) {
            snprintf(err, err_size, "its template cannot be read: %s", terr);
            goto fail;
        }
        if (build_variant(&b, tmpl, pf, args))
            goto nomem;
    } else if (req->param_file) {
        char *pf_resolved = file_provider_resolve(b.provider, req->param_file);
        if (!pf_resolved) {
            char why[128];
            if (strerror_r(errno, why, sizeof(why)) != 0)
                snprintf(why, sizeof(why), "error %d", errno);
            snprintf(err, err_size, "parameter file '%s': %s", req->param_file, why);
            goto fail;
        }
        int rc = evaluate_parameters(&b, tmpl, pf_resolved, true, &pf, &args);
        free(pf_resolved);
        if (rc || build_variant(&b, tmpl, pf, args))
            goto nomem;
    } else {
        path_set *files = path_set_new();
        int rc = files ? find_parameter_files(&b, tmpl, files) : -1;
        for (size_t i = 0; rc == 0 && i < path_set_count(files); i++) {
            rc = evaluate_parameters(&b, tmpl, path_set_get(files, i), false, &pf, &args);
            if (rc == 0 && pf)
                rc = build_variant(&b, tmpl, pf, args);
        }
        path_set_free(files);
        if (rc)
            goto nomem;
        if (b.model->deployment_count == 0 && build_variant(&b, tmpl, NULL, NULL))
            goto nomem;
    }
    if (collect_eval_warnings(&b) || arena_failed(b.arena))
        goto nomem;
    free(resolved);
    builder_free(&b);
    *out = b.model;
    return 0;

nomem:
    snprintf(err, err_size, "out of memory");
fail:
    if (tree)
        ts_tree_delete(tree);
    source_file_free(src);
    free(resolved);
    builder_free(&b);
    az_model_free(b.model);
    return -1;
}

int az_model_build_file(az_model **out, const char *scan_root, const char *disk_path,
                        const char *display_path, const char *param_file, const az_limits *limits,
                        char *err, size_t err_size)
{
    return az_model_build_from(out, NULL, scan_root, disk_path, display_path, param_file, limits,
                               err, err_size);
}

int az_model_build_from(az_model **out, const az_build_source *source, const char *scan_root,
                        const char *disk_path, const char *display_path, const char *param_file,
                        const az_limits *limits, char *err, size_t err_size)
{
    az_build_request req = {.from = source,
                            .scan_root = scan_root,
                            .disk_path = disk_path,
                            .display_path = display_path,
                            .param_file = param_file,
                            .limits = limits,
                            .parse_timeout_micros = ANALYSIS_TIMEOUT_SCALED};
    return az_model_build(out, &req, err, err_size);
}
