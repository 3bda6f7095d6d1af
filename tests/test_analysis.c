#include "analysis.h"
#include "fault.h"
#include "fs_fixture.h"

#include <criterion/criterion.h>
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

TestSuite(analysis, .init = setup, .fini = teardown);

static const analysis_options no_timeout = {0};

static analysis *run(const char *rel, language_id language, const analysis_options *options,
                     analysis_status want)
{
    char *path = fixture_path(dir, rel);
    analysis *a;
    cr_assert_eq(analysis_run(&a, path, language, options), want, "status for %s", rel);
    cr_assert_not_null(a);
    free(path);
    return a;
}

static void assert_only_diagnostic(const analysis *a, int has_position, uint32_t line,
                                   uint32_t column, const char *message)
{
    const diagnostic_list *list = analysis_diagnostics(a);
    cr_assert_eq(diagnostic_list_count(list), 1);
    const diagnostic *d = diagnostic_list_get(list, 0);
    cr_assert_eq(d->has_position, has_position);
    if (has_position) {
        cr_assert_eq(d->position.line, line);
        cr_assert_eq(d->position.column, column);
    }
    cr_assert_str_eq(d->message, message);
}

Test(analysis, keeps_the_source_and_tree_of_a_clean_file)
{
    fixture_write_text(dir, "main.bicep", "param location string = resourceGroup().location\n");
    analysis_options scaled = {ANALYSIS_TIMEOUT_SCALED};
    analysis *a = run("main.bicep", LANGUAGE_BICEP, &scaled, ANALYSIS_CLEAN);
    cr_assert_not_null(analysis_source(a));
    cr_assert_not_null(analysis_tree(a));
    cr_assert_eq(diagnostic_list_count(analysis_diagnostics(a)), 0);
    analysis_free(a);
}

Test(analysis, reports_syntax_errors_with_the_tree)
{
    fixture_write_text(dir, "t.json", "{\"a\": [1,, 2]}");
    analysis *a = run("t.json", LANGUAGE_ARMJSON, &no_timeout, ANALYSIS_FAILED);
    cr_assert_not_null(analysis_tree(a));
    assert_only_diagnostic(a, 1, 1, 9, "unexpected ','");
    analysis_free(a);
}

Test(analysis, reports_a_missing_file)
{
    analysis *a = run("missing.bicep", LANGUAGE_BICEP, &no_timeout, ANALYSIS_NOT_FOUND);
    cr_assert_null(analysis_source(a));
    cr_assert_null(analysis_tree(a));
    assert_only_diagnostic(a, 0, 0, 0, "no such file or directory");
    analysis_free(a);
}

Test(analysis, refuses_binary_files_without_parsing)
{
    fixture_write(dir, "bin.bicep", "\x89PNG\r\n\x1a\n\0\0", 10);
    analysis *a = run("bin.bicep", LANGUAGE_BICEP, &no_timeout, ANALYSIS_FAILED);
    cr_assert_null(analysis_tree(a));
    assert_only_diagnostic(a, 0, 0, 0, "binary file (contains NUL bytes)");
    analysis_free(a);
}

Test(analysis, refuses_invalid_utf8_with_its_position)
{
    fixture_write_text(dir, "bad.bicep", "var a = 'ok'\nvar b = '\xC3\xA9\xC3('\n");
    analysis *a = run("bad.bicep", LANGUAGE_BICEP, &no_timeout, ANALYSIS_FAILED);
    cr_assert_null(analysis_tree(a));
    assert_only_diagnostic(a, 1, 2, 11, "invalid UTF-8 (byte 0xC3)");
    analysis_free(a);
}

static void write_big_array(const char *rel)
{
    size_t n = 200000, len = 0;
    char *text = malloc(n * 2 + 2);
    text[len++] = '[';
    for (size_t i = 0; i < n; i++) {
        text[len++] = '1';
        text[len++] = i + 1 < n ? ',' : ']';
    }
    fixture_write(dir, rel, text, len);
    free(text);
}

Test(analysis, reports_a_parse_that_runs_out_of_time)
{
    write_big_array("big.json");
    analysis_options tiny = {1};
    analysis *a = run("big.json", LANGUAGE_ARMJSON, &tiny, ANALYSIS_FAILED);
    cr_assert_null(analysis_tree(a));
    cr_assert_not_null(analysis_source(a));
    assert_only_diagnostic(a, 0, 0, 0, "parsing timed out after 1e-06 s (see --timeout)");
    analysis_free(a);
}

static void assert_fails_cleanly_at_every_allocation(const char *rel, language_id language,
                                                     const analysis_options *options,
                                                     analysis_status want)
{
    char *path = fixture_path(dir, rel);
    for (long n = 0;; n++) {
        long before = fault_live_allocations();
        fault_fail_allocation(n);
        analysis *a;
        analysis_status status = analysis_run(&a, path, language, options);
        fault_fail_allocation(-1);
        if (status != ANALYSIS_NOMEM) {
            cr_assert_eq(status, want);
            cr_assert_geq(n, 3, "too few allocations were failed");
            analysis_free(a);
            cr_assert_eq(fault_live_allocations(), before);
            break;
        }
        cr_assert_null(a);
        cr_assert_eq(fault_live_allocations(), before, "leak after failing allocation %ld", n);
    }
    free(path);
}

Test(analysis, fails_cleanly_at_every_allocation)
{
    fixture_write_text(dir, "errors.json", "[[1,,2],\n [3,,4]]");
    fixture_write_text(dir, "bad.bicep", "\xFF");
    write_big_array("big.json");
    analysis_options tiny = {1};
    assert_fails_cleanly_at_every_allocation("errors.json", LANGUAGE_ARMJSON, &no_timeout,
                                             ANALYSIS_FAILED);
    assert_fails_cleanly_at_every_allocation("bad.bicep", LANGUAGE_BICEP, &no_timeout,
                                             ANALYSIS_FAILED);
    assert_fails_cleanly_at_every_allocation("missing.bicep", LANGUAGE_BICEP, &no_timeout,
                                             ANALYSIS_NOT_FOUND);
    assert_fails_cleanly_at_every_allocation("big.json", LANGUAGE_ARMJSON, &tiny, ANALYSIS_FAILED);
}
