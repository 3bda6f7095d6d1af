/*
 * az_model_build: a template the caller has parsed is not parsed again,
 * files the build reads itself are parsed with the caller's timeout, and the
 * parsed template is freed on every path, out of memory included. A
 * deployment's copy holds what it holds, linked within itself.
 */
#include "analysis.h"
#include "fault.h"
#include "fs_fixture.h"
#include "model_build.h"
#include "model_internal.h"
#include "model_json.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dir;

static void setup(void)
{
    dir = fixture_tempdir();
    fault_route_tree_sitter_around();
}

static void teardown(void)
{
    fixture_remove(dir);
    free(dir);
}

TestSuite(model_build, .init = setup, .fini = teardown);

static const char main_bicep[] = "module big './big.bicep' = { name: 'big' }\n"
                                 "resource st 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n"
                                 "  name: 'st'\n"
                                 "  location: 'westeurope'\n"
                                 "  properties: { publicNetworkAccess: 'Enabled' }\n"
                                 "}\n";

/* A module long enough that no parse of it ends within a microsecond. */
static void write_big_module(void)
{
    size_t n = 20000;
    size_t cap = n * 32 + 64;
    char *text = malloc(cap);
    cr_assert(text);
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        len += (size_t)snprintf(text + len, cap - len, "var v%zu = [1, 2, 3]\n", i);
    fixture_write(dir, "big.bicep", text, len);
    free(text);
}

/* main.bicep read and parsed by an analysis, as a scan does. */
static void parse_main(source_file **src, TSTree **tree)
{
    char *path = fixture_path(dir, "main.bicep");
    analysis *a;
    analysis_options none = {0};
    cr_assert_eq(analysis_run(&a, path, LANGUAGE_BICEP, &none), ANALYSIS_CLEAN);
    analysis_take(a, src, tree);
    cr_assert(*src && *tree);
    cr_assert_null(analysis_tree(a));
    analysis_free(a);
    free(path);
}

static int build(az_model **m, uint64_t timeout, bool parsed, char *err, size_t err_size)
{
    char *path = fixture_path(dir, "main.bicep");
    az_build_request req = {.scan_root = dir,
                            .disk_path = path,
                            .display_path = "main.bicep",
                            .parse_timeout_micros = timeout};
    if (parsed)
        parse_main(&req.source, &req.tree);
    int rc = az_model_build(m, &req, err, err_size);
    free(path);
    return rc;
}

static bool has_warning(const az_model *m, const char *text)
{
    for (uint32_t i = 0; i < az_model_warning_count(m); i++)
        if (strstr(az_model_warning(m, i)->message, text))
            return true;
    return false;
}

Test(model_build, a_parsed_template_gives_the_model_of_a_read_one)
{
    fixture_write_text(dir, "main.bicep", main_bicep);
    fixture_write_text(dir, "big.bicep", "var v = 1\n");
    az_model *read = NULL, *parsed = NULL;
    char err[300];
    cr_assert_eq(build(&read, ANALYSIS_TIMEOUT_SCALED, false, err, sizeof(err)), 0, "%s", err);
    cr_assert_eq(build(&parsed, ANALYSIS_TIMEOUT_SCALED, true, err, sizeof(err)), 0, "%s", err);
    char *a = az_model_to_json(read), *b = az_model_to_json(parsed);
    cr_assert(a && b);
    cr_assert_str_eq(a, b);
    cr_assert(strstr(a, "Microsoft.Storage/storageAccounts"));
    free(a);
    free(b);
    az_model_free(read);
    az_model_free(parsed);
}

Test(model_build, parses_modules_with_the_callers_timeout)
{
    fixture_write_text(dir, "main.bicep", main_bicep);
    write_big_module();
    az_model *m = NULL;
    char err[300];
    cr_assert_eq(build(&m, 1, true, err, sizeof(err)), 0, "%s", err);
    cr_assert(
        has_warning(m, "module './big.bicep' cannot be read: parsing timed out after 1e-06 s"));
    cr_assert_null(az_model_deployment(m, 0)->modules[0]->child);
    az_model_free(m);
    cr_assert_eq(build(&m, 0, true, err, sizeof(err)), 0, "%s", err);
    cr_assert_not(has_warning(m, "timed out"));
    cr_assert(az_model_deployment(m, 0)->modules[0]->child);
    az_model_free(m);
}

Test(model_build, frees_a_parsed_template_when_the_build_fails)
{
    fixture_write_text(dir, "main.bicep", main_bicep);
    char *path = fixture_path(dir, "main.bicep");
    az_build_request req = {
        .scan_root = "/nonexistent-root", .disk_path = path, .display_path = "main.bicep"};
    parse_main(&req.source, &req.tree);
    az_model *m = NULL;
    char err[300];
    /* The sanitizers' leak check sees the tree and the source if they leak. */
    cr_assert_eq(az_model_build(&m, &req, err, sizeof(err)), -1);
    cr_assert_null(m);
    free(path);
}

Test(model_build, fails_cleanly_at_every_allocation)
{
    /* No module: a module that cannot be loaded is a warning, not a failure. */
    fixture_write_text(dir, "main.bicep", strchr(main_bicep, '\n') + 1);
    az_model *m = NULL;
    char err[300];
    cr_assert_eq(build(&m, 0, true, err, sizeof(err)), 0, "%s", err);
    char *want = az_model_to_json(m);
    az_model_free(m);
    for (long n = 0;; n++) {
        long before = fault_live_allocations();
        char *path = fixture_path(dir, "main.bicep");
        az_build_request req = {.scan_root = dir, .disk_path = path, .display_path = "main.bicep"};
        parse_main(&req.source, &req.tree);
        fault_fail_allocation(n);
        int rc = az_model_build(&m, &req, err, sizeof(err));
        fault_fail_allocation(-1);
        free(path);
        /* Some front-end allocations degrade the model rather than fail
         * the build; go on until one build is whole. */
        char *got = rc == 0 ? az_model_to_json(m) : NULL;
        bool whole = got && strcmp(got, want) == 0;
        free(got);
        if (rc != 0) {
            cr_assert_null(m);
            cr_assert_str_eq(err, "out of memory");
        }
        az_model_free(m);
        m = NULL;
        /* The parsed template is freed whatever happened. realpath and strdup
         * allocate inside libc, unseen, but are freed through the wrapper:
         * the count can only fall; the sanitizer build's leak check is exact. */
        cr_assert_leq(fault_live_allocations(), before, "leak after failing allocation %ld", n);
        if (whole) {
            cr_assert_geq(n, 10, "too few allocations were failed: %ld", n);
            break;
        }
    }
    free(want);
}

/* --- Copying deployments ----------------------------------------------------- */

static az_model *build_file(const char *file, const az_limits *limits)
{
    char *path = fixture_path(dir, file);
    az_build_request req = {
        .scan_root = dir, .disk_path = path, .display_path = file, .limits = limits};
    az_model *m = NULL;
    char err[300];
    cr_assert_eq(az_model_build(&m, &req, err, sizeof(err)), 0, "%s", err);
    free(path);
    return m;
}

static bool same_range(az_range x, az_range y)
{
    return memcmp(&x, &y, sizeof(x)) == 0;
}

static bool same_string(const char *x, const char *y)
{
    return x == y || (x && y && strcmp(x, y) == 0);
}

static uint32_t resource_index(const az_deployment *d, const az_resource *r)
{
    for (uint32_t i = 0; i < d->resource_count; i++)
        if (d->resources[i] == r)
            return i;
    cr_assert_fail("the resource is not in its deployment");
    return 0;
}

/*
 * Asserts that `b` holds what `a` holds, in objects of its own whose links
 * stay within it: whether built twice or copied, a module's deployments
 * must read the same.
 */
static void assert_same_deployment(const az_deployment *a, const az_deployment *b)
{
    cr_assert(a && b);
    cr_assert_neq(a, b);
    cr_assert_eq(a->language, b->language);
    cr_assert_eq(a->file, b->file);
    cr_assert(same_string(a->variant, b->variant));
    cr_assert_str_eq(a->target_scope, b->target_scope);
    cr_assert_eq(a->parameter_count, b->parameter_count);
    for (uint32_t i = 0; i < a->parameter_count; i++) {
        const az_parameter *x = a->parameters[i], *y = b->parameters[i];
        cr_assert_neq(x, y);
        cr_assert_str_eq(x->name, y->name);
        cr_assert(same_string(x->type, y->type));
        cr_assert_eq(x->secure, y->secure);
        cr_assert(az_value_identical(x->default_value, y->default_value));
        cr_assert(az_value_identical(x->allowed, y->allowed));
        cr_assert(az_value_identical(x->value, y->value));
        cr_assert(same_range(x->range, y->range));
    }
    cr_assert_eq(a->variable_count, b->variable_count);
    for (uint32_t i = 0; i < a->variable_count; i++) {
        const az_variable *x = a->variables[i], *y = b->variables[i];
        cr_assert_neq(x, y);
        cr_assert_str_eq(x->name, y->name);
        cr_assert(az_value_identical(x->value, y->value));
        cr_assert(same_range(x->range, y->range));
    }
    cr_assert_eq(a->output_count, b->output_count);
    for (uint32_t i = 0; i < a->output_count; i++) {
        const az_output *x = a->outputs[i], *y = b->outputs[i];
        cr_assert_neq(x, y);
        cr_assert_str_eq(x->name, y->name);
        cr_assert_eq(x->secure, y->secure);
        cr_assert(az_value_identical(x->value, y->value));
        cr_assert(same_range(x->range, y->range));
    }
    cr_assert_eq(a->resource_count, b->resource_count);
    for (uint32_t i = 0; i < a->resource_count; i++) {
        const az_resource *x = a->resources[i], *y = b->resources[i];
        cr_assert_neq(x, y);
        cr_assert_eq(x->deployment, a);
        cr_assert_eq(y->deployment, b);
        cr_assert(same_string(x->symbol, y->symbol));
        cr_assert_str_eq(x->type, y->type);
        cr_assert(same_string(x->api_version, y->api_version));
        cr_assert(az_value_identical(x->name, y->name));
        cr_assert(az_value_identical(x->condition, y->condition));
        cr_assert(az_value_identical(x->scope, y->scope));
        cr_assert(az_value_identical(x->body, y->body));
        cr_assert(az_value_identical(x->id, y->id));
        cr_assert_eq(x->existing, y->existing);
        cr_assert(same_range(x->range, y->range));
        cr_assert_eq(!x->loop, !y->loop);
        if (x->loop)
            cr_assert_eq(x->loop->index, y->loop->index);
        cr_assert_eq(!x->parent, !y->parent);
        if (x->parent)
            cr_assert_eq(resource_index(a, x->parent), resource_index(b, y->parent));
    }
    cr_assert_eq(a->module_count, b->module_count);
    for (uint32_t i = 0; i < a->module_count; i++) {
        const az_module *x = a->modules[i], *y = b->modules[i];
        cr_assert_neq(x, y);
        cr_assert(same_string(x->symbol, y->symbol));
        cr_assert(same_string(x->path, y->path));
        cr_assert_eq(x->external, y->external);
        cr_assert(az_value_identical(x->condition, y->condition));
        cr_assert(az_value_identical(x->params, y->params));
        cr_assert(same_range(x->range, y->range));
        cr_assert_eq(!x->child, !y->child);
        if (!x->child)
            continue;
        cr_assert_eq(x->child->parent, a);
        cr_assert_eq(x->child->via, x);
        cr_assert_eq(y->child->parent, b);
        cr_assert_eq(y->child->via, y);
        assert_same_deployment(x->child, y->child);
    }
}

/* Whether `b` was copied from `a` rather than built: a copy shares the
 * values (which never change once built), a build makes its own. */

static az_deployment *child(const az_model *m, uint32_t i)
{
    az_deployment *d = az_model_deployment(m, 0);
    cr_assert_lt(i, d->module_count);
    cr_assert(d->modules[i]->child, "module %u has no deployment", i);
    return d->modules[i]->child;
}

static const char storage_module[] =
    "param name string\n"
    "var dup = 1\n"
    "var dup = 2\n"          /* a builder warning */
    "var bad = toLower(1)\n" /* an evaluator warning */
    "resource st 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n"
    "  name: name\n"
    "  location: 'westeurope'\n"
    "}\n"
    "resource container 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-01-01' = "
    "{\n"
    "  parent: blob\n" /* declared before its parent */
    "  name: 'c'\n"
    "}\n"
    "resource blob 'Microsoft.Storage/storageAccounts/blobServices@2023-01-01' = {\n"
    "  parent: st\n"
    "  name: 'default'\n"
    "}\n"
    "module vault './vault.bicep' = { name: 'vault', params: { name: name } }\n"
    "output id string = st.id\n";

static const char vault_module[] = "param name string\n"
                                   "resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {\n"
                                   "  name: '${name}-kv'\n"
                                   "  location: 'westeurope'\n"
                                   "}\n";

static void write_storage_modules(void)
{
    fixture_write_text(dir, "storage.bicep", storage_module);
    fixture_write_text(dir, "vault.bicep", vault_module);
}

Test(model_build, a_deployment_copy_fails_cleanly_when_memory_runs_out)
{
    write_storage_modules();
    fixture_write_text(dir, "main.bicep",
                       "module st './storage.bicep' = { name: 'st', params: { name: 'stg' } }\n");
    az_model *m = build_file("main.bicep", NULL);
    az_deployment *d = az_model_deployment(m, 0), *from = child(m, 0);
    /* Every arena allocation in turn: arena_alloc rounds sizes to 16. */
    for (size_t limit = 0;; limit += 16) {
        arena *a = arena_new();
        arena_set_limit(a, limit);
        az_deployment *copy = model_deployment_copy(a, from, d, d->modules[0]);
        if (copy) {
            cr_assert_not(arena_failed(a));
            cr_assert_eq(copy->parent, d);
            cr_assert_eq(copy->via, d->modules[0]);
            assert_same_deployment(from, copy);
            arena_free(a);
            break;
        }
        cr_assert(arena_failed(a), "NULL at limit %zu without running out", limit);
        arena_free(a);
    }
    /* The table that finds the parents' copies. */
    arena *a = arena_new();
    cr_assert(arena_alloc(a, 1));
    fault_fail_allocation(0);
    cr_assert_null(model_deployment_copy(a, from, d, d->modules[0]));
    fault_fail_allocation(-1);
    arena_free(a);
    az_model_free(m);
}

/* Parents are found among many resources, and one outside the deployment
 * stays where it is; the copy's arrays grow as the builder's do. */
Test(model_build, a_deployment_copy_links_parents_within_it)
{
    arena *a = arena_new();
    az_resource outside = {.type = "Microsoft.Sql/servers"};
    az_deployment d = {.target_scope = "resourceGroup"};
    for (uint32_t i = 0; i < 40; i++) {
        az_resource *r = arena_alloc(a, sizeof(*r));
        r->type = "Microsoft.Sql/servers/databases";
        r->deployment = &d;
        r->parent = i == 0 ? &outside : i % 2 ? d.resources[i - 1] : d.resources[i / 2];
        cr_assert_eq(model_push(a, (void ***)&d.resources, &d.resource_count, r), 0);
    }
    az_deployment *c = model_deployment_copy(a, &d, NULL, NULL);
    cr_assert(c);
    cr_assert_null(c->parent);
    cr_assert_eq(c->resources[0]->parent, &outside);
    for (uint32_t i = 1; i < 40; i++) {
        cr_assert_eq(c->resources[i]->deployment, c);
        cr_assert_eq(c->resources[i]->parent,
                     c->resources[resource_index(&d, d.resources[i]->parent)]);
    }
    for (uint32_t n = 1; n <= 30; n++) {
        az_resource *r = arena_alloc(a, sizeof(*r));
        cr_assert_eq(model_push(a, (void ***)&c->resources, &c->resource_count, r), 0);
        cr_assert_eq(c->resources[0]->parent, &outside);
    }
    cr_assert_eq(d.resource_count, 40);
    cr_assert_eq(c->resource_count, 70);
    arena_free(a);
}

/* A module whose copy takes arena blocks of its own (many resources, many
 * warnings), so that running out of memory can strike within the copy.
 * (The many resources are ARM's: when a string buffer cannot be allocated,
 * the Bicep front end does not yet report running out of memory, and leaves
 * a loop's later instances without a type.) */
