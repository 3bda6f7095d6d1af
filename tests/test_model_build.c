/*
 * az_model_build: a template the caller has parsed is not parsed again,
 * files the build reads itself are parsed with the caller's timeout, and the
 * parsed template is freed on every path, out of memory included.
 */
#include "analysis.h"
#include "fault.h"
#include "fs_fixture.h"
#include "model_build.h"
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
