/*
 * az_model_build: a template the caller has parsed is not parsed again,
 * files the build reads itself are parsed with the caller's timeout, and the
 * parsed template is freed on every path, out of memory included. A
 * deployment's copy holds what it holds, linked within itself, and a module
 * deployed again from the same inputs is such a copy, warnings included.
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

/* --- Modules built again from the same inputs ------------------------------ */

static uint32_t warnings_with(const az_model *m, const char *text)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < az_model_warning_count(m); i++)
        n += strstr(az_model_warning(m, i)->message, text) != NULL;
    return n;
}

static bool copied(const az_deployment *a, const az_deployment *b)
{
    cr_assert(a->resource_count && b->resource_count);
    return a->resources[0]->body == b->resources[0]->body;
}

/* The child of the `i`th module of the first variant. */

Test(model_build, a_module_deployed_twice_alike_is_copied_with_its_links)
{
    write_storage_modules();
    fixture_write_text(dir, "main.bicep",
                       "module st './storage.bicep' = [for it in ['init', 'idem', 'again']: {\n"
                       "  name: 'st-${it}'\n"
                       "  params: { name: 'stg' }\n"
                       "}]\n");
    az_model *m = build_file("main.bicep", NULL);
    az_deployment *d = az_model_deployment(m, 0), *first = child(m, 0);
    cr_assert_eq(d->module_count, 3);
    for (uint32_t i = 1; i < 3; i++) {
        az_deployment *c = child(m, i);
        assert_same_deployment(first, c);
        cr_assert(copied(first, c), "instance %u was built again", i);
        cr_assert_eq(c->parent, d);
        cr_assert_eq(c->via, d->modules[i]);
        /* The container's parent is the copy's blob service, not the first's. */
        cr_assert_eq(c->resources[1]->parent, c->resources[2]);
        cr_assert_eq(c->resources[2]->parent, c->resources[0]);
        az_deployment *vault = c->modules[0]->child;
        cr_assert_neq(vault, first->modules[0]->child);
        cr_assert_eq(vault->resources[0]->deployment, vault);
    }
    /* Each instance warns as a build of its own would. */
    cr_assert_eq(warnings_with(m, "'dup' is declared more than once"), 3);
    cr_assert_eq(warnings_with(m, "toLower(): argument 1 must be a string"), 3);
    cr_assert_eq(az_model_warning_count(m), 6);
    az_model_free(m);
}

Test(model_build, a_module_given_other_arguments_is_built_again)
{
    write_storage_modules();
    fixture_write_text(dir, "main.bicep",
                       "module st './storage.bicep' = [for it in ['init', 'idem']: {\n"
                       "  name: 'st-${it}'\n"
                       "  params: { name: 'stg${it}' }\n"
                       "}]\n"
                       /* The same value, but passed from another place. */
                       "module one './storage.bicep' = { name: 'one', params: { name: 'stg' } }\n"
                       "module two './storage.bicep' = { name: 'two', params: { name: 'stg' } }\n");
    az_model *m = build_file("main.bicep", NULL);
    cr_assert_str_eq(child(m, 0)->resources[0]->name->u.string.ptr, "stginit");
    cr_assert_str_eq(child(m, 1)->resources[0]->name->u.string.ptr, "stgidem");
    cr_assert_not(copied(child(m, 0), child(m, 1)));
    az_deployment *one = child(m, 2), *two = child(m, 3);
    cr_assert_not(copied(one, two));
    cr_assert_neq(one->parameters[0]->value->def.start_line,
                  two->parameters[0]->value->def.start_line);
    cr_assert_eq(warnings_with(m, "'dup' is declared more than once"), 4);
    az_model_free(m);
}

/* The module stack a build reads is the parent's: under another parent, a
 * module is built again, even with the same arguments. */
Test(model_build, a_module_is_copied_only_under_the_same_parent)
{
    write_storage_modules();
    fixture_write_text(dir, "a.bicep",
                       "param i int\n"
                       "module v './vault.bicep' = { name: 'v', params: { name: 'x' } }\n");
    fixture_write_text(dir, "main.bicep",
                       "module v './vault.bicep' = { name: 'v', params: { name: 'x' } }\n"
                       "module a './a.bicep' = [for i in range(0, 2): {\n"
                       "  name: 'a${i}'\n"
                       "  params: { i: i }\n"
                       "}]\n");
    az_model *m = build_file("main.bicep", NULL);
    az_deployment *va = child(m, 1)->modules[0]->child, *vb = child(m, 2)->modules[0]->child;
    assert_same_deployment(va, vb);
    cr_assert_not(copied(va, vb));
    cr_assert_not(copied(child(m, 0), va));
    az_model_free(m);
}

/* Under a condition known to be false, type errors are not reported (see
 * az_eval_quiet_enter): a live instance is not a copy of a dead one, nor
 * the other way round. */
Test(model_build, a_dead_instance_and_a_live_one_are_built_apart)
{
    fixture_write_text(dir, "bad.bicep",
                       "var bad = toLower(1)\n"
                       "resource st 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n"
                       "  name: 'st'\n"
                       "}\n");
    for (int live = 0; live < 2; live++) {
        char main_text[200];
        snprintf(
            main_text, sizeof(main_text),
            "module b './bad.bicep' = [for i in range(0, 2): if (i == %d) { name: 'b${i}' }]\n",
            live);
        fixture_write_text(dir, "main.bicep", main_text);
        az_model *m = build_file("main.bicep", NULL);
        cr_assert_eq(warnings_with(m, "toLower()"), 1, "live instance %d", live);
        cr_assert_not(copied(child(m, 0), child(m, 1)));
        assert_same_deployment(child(m, 0), child(m, 1));
        az_model_free(m);
    }
}

Test(model_build, refused_modules_warn_for_every_instance)
{
    /* A cycle found inside the module is refused in the copy as in the first. */
    fixture_write_text(dir, "self.bicep",
                       "module again './self.bicep' = { name: 'again' }\n"
                       "resource st 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n"
                       "  name: 'st'\n"
                       "}\n");
    fixture_write_text(dir, "main.bicep",
                       "module s './self.bicep' = [for i in range(0, 2): { name: 's${i}' }]\n"
                       "module m './main.bicep' = [for i in range(0, 2): { name: 'm${i}' }]\n");
    az_model *m = build_file("main.bicep", NULL);
    cr_assert_eq(warnings_with(m, "module './self.bicep' includes itself"), 2);
    cr_assert_eq(warnings_with(m, "module './main.bicep' includes itself"), 2);
    cr_assert(copied(child(m, 0), child(m, 1)));
    cr_assert_null(child(m, 0)->modules[0]->child);
    cr_assert_null(child(m, 1)->modules[0]->child);
    cr_assert_null(az_model_deployment(m, 0)->modules[2]->child);
    cr_assert_null(az_model_deployment(m, 0)->modules[3]->child);
    az_model_free(m);
}

Test(model_build, a_build_that_met_a_limit_is_not_copied)
{
    write_storage_modules();
    fixture_write_text(dir, "main.bicep",
                       "module st './storage.bicep' = [for it in ['init', 'idem']: {\n"
                       "  name: 'st-${it}'\n"
                       "  params: { name: 'stg' }\n"
                       "}]\n");
    /* Too deep: the vault module inside is refused. */
    az_limits limits = az_limits_default();
    limits.max_module_depth = 1;
    az_model *m = build_file("main.bicep", &limits);
    cr_assert_eq(warnings_with(m, "module './vault.bicep' is nested more than 2 deep"), 2);
    assert_same_deployment(child(m, 0), child(m, 1));
    cr_assert_not(copied(child(m, 0), child(m, 1)));
    az_model_free(m);
    /* The storage module itself too deep: refused twice. */
    limits.max_module_depth = 0;
    m = build_file("main.bicep", &limits);
    cr_assert_eq(warnings_with(m, "module './storage.bicep' is nested more than 1 deep"), 2);
    cr_assert_null(az_model_deployment(m, 0)->modules[0]->child);
    cr_assert_null(az_model_deployment(m, 0)->modules[1]->child);
    az_model_free(m);
    /* An evaluation bound. */
    fixture_write_text(dir, "vault.bicep", "var many = range(0, 10)\n");
    limits = az_limits_default();
    limits.max_loop_count = 5;
    m = build_file("main.bicep", &limits);
    cr_assert_eq(warnings_with(m, "exceeds the loop limit 5"), 2);
    cr_assert_not(copied(child(m, 0), child(m, 1)));
    az_model_free(m);
}

/* A file that could not be read might be read next time (a parse that
 * timed out): the build is not copied. */
Test(model_build, a_build_that_could_not_read_a_file_is_not_copied)
{
    write_storage_modules();
    fixture_write_text(dir, "types.txt", "not a template\n");
    fixture_write_text(dir, "vault.bicep", "import * as t from './types.txt'\nvar x = t.y\n");
    fixture_write_text(dir, "main.bicep",
                       "module st './storage.bicep' = [for it in ['init', 'idem']: {\n"
                       "  name: 'st-${it}'\n"
                       "  params: { name: 'stg' }\n"
                       "}]\n");
    az_model *m = build_file("main.bicep", NULL);
    cr_assert_eq(warnings_with(m, "import './types.txt' cannot be read"), 2);
    cr_assert_not(copied(child(m, 0), child(m, 1)));
    az_model_free(m);
}

static const char twice_main[] = "module w './work.bicep' = [for i in range(0, 2): {\n"
                                 "  name: 'w${i}'\n"
                                 "}]\n";

static bool known_items(const az_deployment *d)
{
    return d->variables[0]->value->kind == AZ_ARRAY;
}

/* A copy spends the work a build would: when the budget would run out
 * within the second instance, that one is built, and runs out. */
Test(model_build, a_copy_that_would_spend_past_the_budget_is_built)
{
    fixture_write_text(dir, "work.bicep",
                       "var items = range(0, 50)\n"
                       "resource st 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n"
                       "  name: 'st'\n"
                       "}\n");
    fixture_write_text(dir, "main.bicep", twice_main);
    /* The least budget under which the second instance is whole. */
    az_limits limits = az_limits_default();
    uint64_t low = 1, high = 100000;
    while (low < high) {
        limits.max_work = (low + high) / 2;
        az_model *m = build_file("main.bicep", &limits);
        bool whole = known_items(child(m, 1));
        az_model_free(m);
        if (whole)
            high = limits.max_work;
        else
            low = limits.max_work + 1;
    }
    limits.max_work = low - 1;
    az_model *m = build_file("main.bicep", &limits);
    cr_assert(known_items(child(m, 0)));
    cr_assert_not(known_items(child(m, 1)));
    cr_assert_eq(warnings_with(m, "work budget"), 1);
    az_model_free(m);
}

/* A copy adds the warnings a build would: when they would pass the limit,
 * the instance is built, and its warnings are dropped from there. */
Test(model_build, a_copy_that_would_warn_past_the_limit_is_built)
{
    fixture_write_text(dir, "work.bicep",
                       "var one = toLower(1)\n"
                       "var two = toUpper(2)\n"
                       "resource st 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n"
                       "  name: 'st'\n"
                       "}\n");
    fixture_write_text(dir, "main.bicep", twice_main);
    az_limits limits = az_limits_default();
    limits.max_warnings = 3;
    az_model *m = build_file("main.bicep", &limits);
    cr_assert_eq(warnings_with(m, "toLower()"), 2);
    cr_assert_eq(warnings_with(m, "toUpper()"), 1);
    cr_assert_eq(warnings_with(m, "more than 3 warnings"), 1);
    az_model_free(m);
    limits.max_warnings = 4;
    m = build_file("main.bicep", &limits);
    cr_assert(copied(child(m, 0), child(m, 1)));
    cr_assert_eq(warnings_with(m, "toUpper()"), 2);
    cr_assert_eq(warnings_with(m, "more than"), 0);
    az_model_free(m);
}

/* ARM deployments linked by relative path are modules too. */
Test(model_build, a_linked_template_deployed_twice_alike_is_copied)
{
    fixture_write_text(
        dir, "child.json",
        "{\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/"
        "deploymentTemplate.json#\",\n"
        " \"parameters\": {\"name\": {\"type\": \"string\"}},\n"
        " \"resources\": [{\"type\": \"Microsoft.Sql/servers\", \"apiVersion\": \"2021-11-01\",\n"
        "   \"name\": \"[parameters('name')]\",\n"
        "   \"resources\": [{\"type\": \"databases\", \"apiVersion\": \"2021-11-01\",\n"
        "     \"name\": \"db\"}]}]}\n");
    fixture_write_text(
        dir, "main.json",
        "{\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/"
        "deploymentTemplate.json#\",\n"
        " \"resources\": [{\"type\": \"Microsoft.Resources/deployments\",\n"
        "   \"apiVersion\": \"2022-09-01\", \"name\": \"[concat('d', copyIndex())]\",\n"
        "   \"copy\": {\"name\": \"each\", \"count\": 2},\n"
        "   \"properties\": {\"mode\": \"Incremental\",\n"
        "     \"templateLink\": {\"relativePath\": \"child.json\"},\n"
        "     \"parameters\": {\"name\": {\"value\": \"sql\"}}}}]}\n");
    az_model *m = build_file("main.json", NULL);
    az_deployment *a = child(m, 0), *b = child(m, 1);
    assert_same_deployment(a, b);
    cr_assert(copied(a, b));
    cr_assert_eq(b->resources[1]->parent, b->resources[0]);
    az_model_free(m);
}

/* Each module file keeps its first build under each parent. */
Test(model_build, many_modules_are_each_copied)
{
    char name[32], main_text[2048] = "";
    size_t len = 0;
    for (int i = 0; i < 20; i++) {
        snprintf(name, sizeof(name), "m%d.bicep", i);
        fixture_write_text(dir, name,
                           "resource st 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n"
                           "  name: 'st'\n"
                           "}\n");
        len += (size_t)snprintf(main_text + len, sizeof(main_text) - len,
                                "module m%d './m%d.bicep' = [for i in range(0, 2): { name: "
                                "'m%d${i}' }]\n",
                                i, i, i);
    }
    fixture_write_text(dir, "main.bicep", main_text);
    az_model *m = build_file("main.bicep", NULL);
    for (uint32_t i = 0; i < 40; i += 2)
        cr_assert(copied(child(m, i), child(m, i + 1)), "module %u", i / 2);
    az_model_free(m);
}

Test(model_build, copying_a_module_fails_cleanly_at_every_allocation)
{
    size_t cap = 64 * 1024, len = 0;
    char *text = malloc(cap);
    cr_assert(text);
    for (int i = 0; i < 300; i++)
        len += (size_t)snprintf(text + len, cap - len, "var dup = %d\n", i);
    snprintf(text + len, cap - len, "module many './many.json' = { name: 'many' }\n");
    fixture_write_text(dir, "big.bicep", text);
    free(text);
    fixture_write_text(
        dir, "many.json",
        "{\"resources\": [{\"type\": \"Microsoft.Sql/servers\", \"apiVersion\": \"2021-11-01\",\n"
        "   \"name\": \"sql\", \"copy\": {\"name\": \"each\", \"count\": 80},\n"
        "   \"resources\": [{\"type\": \"databases\", \"apiVersion\": \"2021-11-01\",\n"
        "     \"name\": \"db\"}]}]}\n");
    fixture_write_text(dir, "main.bicep",
                       "module b './big.bicep' = [for i in range(0, 2): {\n"
                       "  name: 'b${i}'\n"
                       "}]\n");
    az_model *m = build_file("main.bicep", NULL);
    cr_assert(copied(child(m, 0)->modules[0]->child, child(m, 1)->modules[0]->child));
    cr_assert_eq(warnings_with(m, "'dup' is declared more than once"), 598);
    char *want = az_model_to_json(m);
    az_model_free(m);
    char err[300];
    for (long n = 0;; n++) {
        long before = fault_live_allocations(), asked = fault_allocation_count();
        char *path = fixture_path(dir, "main.bicep");
        az_build_request req = {.scan_root = dir, .disk_path = path, .display_path = "main.bicep"};
        fault_fail_allocation(n);
        int rc = az_model_build(&m, &req, err, sizeof(err));
        fault_fail_allocation(-1);
        free(path);
        /* Past the last allocation, nothing failed: the build is whole. */
        if (fault_allocation_count() - asked <= n) {
            cr_assert_eq(rc, 0, "%s", err);
            char *got = az_model_to_json(m);
            cr_assert_str_eq(got, want);
            free(got);
            az_model_free(m);
            break;
        }
        if (rc != 0) {
            cr_assert_null(m);
            cr_assert_str_eq(err, "out of memory");
        }
        az_model_free(m);
        m = NULL;
        cr_assert_leq(fault_live_allocations(), before, "leak after failing allocation %ld", n);
    }
    free(want);
}
