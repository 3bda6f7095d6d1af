/* End-to-end tests of the azscan binary: exit codes, messages, streams. */
#include "fs_fixture.h"

#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TEMPLATE_SCHEMA                                                                            \
    "\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/"                       \
    "deploymentTemplate.json#\""

static char *dir;

static void setup(void)
{
    dir = fixture_tempdir();
}

static void teardown(void)
{
    fixture_remove(dir);
    free(dir);
}

TestSuite(cli, .init = setup, .fini = teardown);

#define AZSCAN(...) fixture_azscan(dir, (const char *const[]){__VA_ARGS__, NULL}, 0)

static void assert_run(fixture_run_result *r, int code, const char *out, const char *err)
{
    cr_assert_eq(r->exit_code, code, "exit %d, expected %d\nstdout: %s\nstderr: %s", r->exit_code,
                 code, r->out, r->err);
    if (out)
        cr_assert_str_eq(r->out, out);
    if (err)
        cr_assert_str_eq(r->err, err);
    fixture_run_result_free(r);
}

static void assert_contains(const char *haystack, const char *needle)
{
    cr_assert(strstr(haystack, needle), "expected \"%s\" in:\n%s", needle, haystack);
}

Test(cli, shows_help_with_the_exit_codes)
{
    const char *const *runs[] = {
        (const char *const[]){"--help", NULL},        (const char *const[]){"-h", NULL},
        (const char *const[]){"help", NULL},          (const char *const[]){"help", "scan", NULL},
        (const char *const[]){"help", "parse", NULL}, (const char *const[]){"scan", "--help", NULL},
        (const char *const[]){"parse", "-h", NULL},
    };
    for (size_t i = 0; i < sizeof(runs) / sizeof(runs[0]); i++) {
        fixture_run_result r = fixture_azscan(dir, runs[i], 0);
        cr_assert_eq(r.exit_code, 0, "run %zu", i);
        assert_contains(r.out, "usage: azscan");
        if (i < 5)
            assert_contains(r.out, "3  a file could not be analyzed");
        cr_assert_str_eq(r.err, "");
        fixture_run_result_free(&r);
    }
    fixture_run_result r = AZSCAN("help", "help");
    cr_assert_eq(r.exit_code, 0);
    assert_contains(r.out, "usage: azscan help [COMMAND]");
    fixture_run_result_free(&r);
}

Test(cli, prints_its_version)
{
    fixture_run_result r = AZSCAN("--version");
    assert_run(&r, 0, "azscan " AZSCAN_VERSION "\n", "");
}

Test(cli, rejects_bad_usage_with_exit_code_2)
{
    struct {
        const char *const *args;
        const char *message;
    } cases[] = {
        {(const char *const[]){NULL}, "azscan: missing command"},
        {(const char *const[]){"frobnicate", NULL}, "azscan: unknown command 'frobnicate'"},
        {(const char *const[]){"--frob", NULL}, "azscan: unknown option '--frob'"},
        {(const char *const[]){"scan", "--frob", NULL}, "azscan: unknown option '--frob'"},
        {(const char *const[]){"scan", "--a-very-long-unknown-option-name=1", NULL},
         "azscan: unknown option '--a-very-long-unknown-option-name=1'"},
        {(const char *const[]){"scan", "--errors", NULL}, "azscan: unknown option '--errors'"},
        {(const char *const[]){"scan", "--verbose=yes", NULL},
         "azscan: unknown option '--verbose=yes'"},
        {(const char *const[]){"parse", "--verbose", "a.bicep", NULL},
         "azscan: unknown option '--verbose'"},
        {(const char *const[]){"parse", NULL}, "azscan: parse needs at least one FILE"},
        {(const char *const[]){"parse", "--errors", NULL}, "azscan: parse needs at least one FILE"},
        {(const char *const[]){"parse", "--errors=1", "a.json", NULL},
         "azscan: unknown option '--errors=1'"},
        {(const char *const[]){"parse", "--a-very-long-unknown-option-name", NULL},
         "azscan: unknown option '--a-very-long-unknown-option-name'"},
        {(const char *const[]){"parse", "--timeout", NULL},
         "azscan: option '--timeout' needs a number of seconds"},
        {(const char *const[]){"scan", "--timeout=abc", NULL},
         "azscan: invalid timeout 'abc': expected seconds, 0 to 86400"},
        {(const char *const[]){"scan", "--timeout", "-1", NULL},
         "azscan: invalid timeout '-1': expected seconds, 0 to 86400"},
        {(const char *const[]){"parse", "--timeout", "86401", "a.json", NULL},
         "azscan: invalid timeout '86401': expected seconds, 0 to 86400"},
        {(const char *const[]){"parse", "--timeout=nan", "a.json", NULL},
         "azscan: invalid timeout 'nan': expected seconds, 0 to 86400"},
        {(const char *const[]){"scan", "--color=yes", NULL},
         "azscan: unknown colour mode 'yes': expected auto, always or never"},
        {(const char *const[]){"scan", "--color", NULL}, "azscan: option '--color' needs a value"},
        {(const char *const[]){"scan", "--jobs", "0", NULL},
         "azscan: invalid number of jobs '0': expected 1 to 1024"},
        {(const char *const[]){"scan", "--jobs=-2", NULL},
         "azscan: invalid number of jobs '-2': expected 1 to 1024"},
        {(const char *const[]){"scan", "-j", "many", NULL},
         "azscan: invalid number of jobs 'many': expected 1 to 1024"},
        {(const char *const[]){"scan", "-j", "+3", NULL},
         "azscan: invalid number of jobs '+3': expected 1 to 1024"},
        {(const char *const[]){"scan", "-j4x", NULL},
         "azscan: invalid number of jobs '4x': expected 1 to 1024"},
        {(const char *const[]){"scan", "--jobs", "", NULL},
         "azscan: invalid number of jobs '': expected 1 to 1024"},
        {(const char *const[]){"scan", "--jobs", "1025", NULL},
         "azscan: invalid number of jobs '1025': expected 1 to 1024"},
        {(const char *const[]){"scan", "--jobs", "99999999999999999999", NULL},
         "azscan: invalid number of jobs '99999999999999999999': expected 1 to 1024"},
        {(const char *const[]){"scan", "--jobs", NULL}, "azscan: option '--jobs' needs a value"},
        {(const char *const[]){"help", "nope", NULL}, "azscan: unknown command 'nope'"},
        {(const char *const[]){"help", "scan", "parse", NULL},
         "azscan: help takes at most one COMMAND"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        fixture_run_result r = fixture_azscan(dir, cases[i].args, 0);
        cr_assert_eq(r.exit_code, 2, "case %zu", i);
        cr_assert_str_eq(r.out, "", "case %zu", i);
        cr_assert(strncmp(r.err, cases[i].message, strlen(cases[i].message)) == 0,
                  "case %zu: stderr is %s", i, r.err);
        assert_contains(r.err, "usage: azscan");
        fixture_run_result_free(&r);
    }
}

Test(cli, parse_prints_the_tree)
{
    fixture_write_text(dir, "a.json", "{\"a\": 1}");
    fixture_run_result r = AZSCAN("parse", "a.json");
    assert_run(&r, 0,
               "(document [1:1-1:9]\n"
               "  (object [1:1-1:9]\n"
               "    key: (string [1:2-1:5])\n"
               "    value: (number [1:7-1:8])))\n",
               "");
}

Test(cli, parse_heads_each_tree_when_given_several_files)
{
    fixture_write_text(dir, "a.json", "1");
    fixture_write_text(dir, "b.bicep", "");
    fixture_run_result r = AZSCAN("parse", "a.json", "--", "b.bicep");
    assert_run(&r, 0,
               ";; a.json\n(document [1:1-1:2]\n  (number [1:1-1:2]))\n"
               "\n;; b.bicep\n(program [1:1-1:1])\n",
               "");
}

Test(cli, parse_reports_syntax_errors_with_exit_code_3)
{
    fixture_write_text(dir, "bad.json", "{\"a\": [1, 2,, ]}");
    fixture_write_text(dir, "good.bicep", "var x = 1\n");
    fixture_run_result r = AZSCAN("parse", "--errors", "bad.json", "good.bicep");
    assert_run(&r, 3, "bad.json:1:13: error: unexpected ','\n", "");
    /* Without --errors, stdout keeps the trees and errors go to stderr. */
    r = AZSCAN("parse", "bad.json");
    cr_assert_eq(r.exit_code, 3);
    assert_contains(r.out, "(ERROR [1:13-1:14])");
    cr_assert_str_eq(r.err, "bad.json:1:13: error: unexpected ','\n");
    fixture_run_result_free(&r);
}

Test(cli, parse_reports_missing_files_and_unknown_types_as_usage_errors)
{
    fixture_write_text(dir, "notes.txt", "");
    fixture_write_text(dir, "bad.json", "[,]");
    fixture_run_result r = AZSCAN("parse", "--errors", "missing.bicep", "notes.txt", "bad.json");
    assert_run(&r, 2, "bad.json:1:2: error: unexpected ','\n",
               "missing.bicep: error: no such file or directory\n"
               "notes.txt: error: unknown file type (expected .bicep, .bicepparam, .json or "
               ".jsonc)\n");
}

Test(cli, reports_a_failed_write_to_stdout)
{
    fixture_write_text(dir, "a.json", "[1]");
    fixture_run_result r =
        fixture_azscan_to(dir, (const char *const[]){"parse", "a.json", NULL}, "/dev/full");
    cr_assert_eq(r.exit_code, 3);
    assert_contains(r.err, "azscan: cannot write output: No space left on device");
    fixture_run_result_free(&r);
}

/*
 * scan's report also carries findings and a summary line, which the checks
 * tests cover; these tests pin what discovery and bad input add to it.
 */
static void assert_scan(fixture_run_result *r, int code, const char *const *out_lines,
                        const char *err, const char *absent)
{
    cr_assert_eq(r->exit_code, code, "exit %d, expected %d\nstdout: %s\nstderr: %s", r->exit_code,
                 code, r->out, r->err);
    for (; *out_lines; out_lines++)
        assert_contains(r->out, *out_lines);
    cr_assert_str_eq(r->err, err);
    if (absent)
        cr_assert_null(strstr(r->out, absent), "unexpected \"%s\" in:\n%s", absent, r->out);
    fixture_run_result_free(r);
}

#define LINES(...) ((const char *const[]){__VA_ARGS__, NULL})

Test(cli, scan_defaults_to_the_current_directory)
{
    fixture_write_text(dir, "main.bicep", "var x = (\n");
    fixture_write_text(dir, "azuredeploy.json", "{" TEMPLATE_SCHEMA ", \"resources\": [],}");
    fixture_run_result r = AZSCAN("scan");
    assert_scan(&r, 3, LINES("main.bicep:1:1: error: unexpected 'var x = ('\n"), "", NULL);
}

Test(cli, scan_shows_paths_relative_to_the_directory_argument)
{
    fixture_write_text(dir, "infra/modules/bad.bicep", "var x = (\n");
    fixture_write_text(dir, "infra/bad.json", "{" TEMPLATE_SCHEMA ",,}");
    fixture_run_result r = AZSCAN("scan", "infra");
    assert_scan(&r, 3,
                LINES("\nmodules/bad.bicep:1:1: error: unexpected 'var x = ('\n",
                      "bad.json:1:95: error: unexpected ','\n"),
                "", "infra/");
    r = AZSCAN("scan", "infra/modules/bad.bicep");
    assert_scan(&r, 3, LINES("infra/modules/bad.bicep:1:1: error: unexpected 'var x = ('\n"), "",
                NULL);
}

Test(cli, scan_reports_each_bad_file_and_still_scans_the_rest)
{
    fixture_write_text(dir, "empty.bicep", "");
    fixture_write_text(dir, "good.bicep", "var x = 1\n");
    fixture_write(dir, "binary.bicep",
                  "\x7F"
                  "ELF\x02\x01\x01\0\0\0",
                  10);
    fixture_write_text(dir, "latin1.bicep", "var name = 'caf\xE9'\n");
    fixture_write_text(dir, "bom.bicep", "\xEF\xBB\xBFvar x = 1 )\n");
    fixture_write_text(dir, "unicode.bicep", "var s = '\xE2\x82\xAC\xE2\x82\xAC' )\n");
    fixture_run_result r = AZSCAN("scan", ".");
    assert_scan(&r, 3,
                LINES("binary.bicep: error: binary file (contains NUL bytes)\n",
                      "bom.bicep:1:11: error: unexpected ')'\n",
                      "latin1.bicep:1:16: error: invalid UTF-8 (byte 0xE9)\n",
                      "unicode.bicep:1:14: error: unexpected ')'\n"),
                "", "good.bicep:");
    r = AZSCAN("scan", "empty.bicep");
    assert_scan(&r, 0, LINES(""), "", "empty.bicep:");
}

Test(cli, scan_reports_a_missing_path_with_exit_code_2_and_scans_the_rest)
{
    fixture_write_text(dir, "t/bad.bicep", "var x = (\n");
    fixture_run_result r = AZSCAN("scan", "nope", "t");
    assert_scan(&r, 2, LINES("bad.bicep:1:1: error: unexpected 'var x = ('\n"),
                "nope: error: no such file or directory\n", NULL);
}

Test(cli, scan_says_when_a_directory_holds_no_templates)
{
    fixture_write_text(dir, "docs/package.json", "{\"name\": \"x\"}");
    fixture_write_text(dir, "docs/README.md", "");
    fixture_run_result r = AZSCAN("scan", "docs");
    assert_scan(&r, 0, LINES(""), "no templates found under docs\n", NULL);
}

Test(cli, scan_warns_about_a_named_file_it_skips)
{
    fixture_write_text(dir, "package.json", "{\"name\": \"x\"}");
    fixture_run_result r = AZSCAN("scan", "package.json");
    assert_scan(&r, 0, LINES(""),
                "package.json: warning: skipped: not an ARM template: no top-level $schema\n",
                NULL);
}

Test(cli, scan_lists_skipped_files_when_verbose)
{
    fixture_write_text(dir, "package.json", "{\"name\": \"x\"}");
    fixture_write_text(dir, "node_modules/m.bicep", "");
    fixture_write_text(dir, "main.bicep", "");
    fixture_run_result r = AZSCAN("scan", "--verbose");
    cr_assert_eq(r.exit_code, 0);
    assert_contains(r.err, "node_modules: skipped: directory skipped\n");
    assert_contains(r.err, "package.json: skipped: not an ARM template: no top-level $schema\n");
    fixture_run_result_free(&r);
    r = AZSCAN("scan");
    assert_scan(&r, 0, LINES(""), "", NULL);
}

Test(cli, scan_reports_a_file_it_may_not_read)
{
    fixture_write_text(dir, "secret.bicep", "var x = 1\n");
    fixture_write_text(dir, "ok.bicep", "var x = 1\n");
    char *secret = fixture_path(dir, "secret.bicep");
    cr_assert_eq(chmod(secret, 0), 0);
    free(secret);
    fixture_run_result r = fixture_azscan(dir, (const char *const[]){"scan", NULL}, 1);
    assert_scan(&r, 3, LINES("secret.bicep: error: cannot open: Permission denied\n"), "", NULL);
}

Test(cli, scan_refuses_files_over_128_mib)
{
    char *path = fixture_path(dir, "huge.bicep");
    int fd = open(path, O_WRONLY | O_CREAT, 0644);
    cr_assert_eq(ftruncate(fd, (off_t)128 * 1024 * 1024 + 1), 0);
    close(fd);
    free(path);
    fixture_run_result r = AZSCAN("scan");
    assert_scan(
        &r, 3, LINES("huge.bicep: error: file too large (134217729 bytes; the limit is 128 MiB)\n"),
        "", NULL);
}

Test(cli, parses_a_50_mb_template, .timeout = 600)
{
    const char *head = "{\n  " TEMPLATE_SCHEMA ",\n  \"contentVersion\": \"1.0.0.0\",\n"
                       "  \"resources\": [\n";
    const char *resource =
        "    {\n      \"type\": \"Microsoft.Storage/storageAccounts\",\n"
        "      \"apiVersion\": \"2023-01-01\",\n"
        "      \"name\": \"[concat('st', uniqueString(resourceGroup().id))]\",\n"
        "      \"location\": \"[resourceGroup().location]\",\n"
        "      \"sku\": {\"name\": \"Standard_LRS\"},\n"
        "      \"properties\": {\"minimumTlsVersion\": \"TLS1_2\", \"tags\": [1, 2.5, null]}\n"
        "    },\n";
    size_t want = (size_t)50 * 1024 * 1024, resource_len = strlen(resource);
    char *text = malloc(want + 1024);
    size_t len = (size_t)sprintf(text, "%s", head);
    while (len < want) {
        memcpy(text + len, resource, resource_len);
        len += resource_len;
    }
    len -= 2; /* the last ",\n" */
    len += (size_t)sprintf(text + len, "\n  ]\n}\n");
    fixture_write(dir, "big.json", text, len);
    free(text);
    fixture_run_result r = AZSCAN("parse", "--errors", "big.json");
    assert_run(&r, 0, "", "");
}

static void write_nested(const char *rel, const char *prefix, char open, size_t depth)
{
    size_t len = strlen(prefix) + depth;
    char *text = malloc(len + 1);
    strcpy(text, prefix);
    memset(text + strlen(prefix), open, depth);
    fixture_write(dir, rel, text, len);
    free(text);
}

Test(cli, scan_survives_100000_unclosed_brackets, .timeout = 600)
{
    write_nested("deep.json", "", '[', 100000);
    write_nested("deep.bicep", "var x = ", '[', 100000);
    write_nested("parens.bicep", "var x = ", '(', 100000);
    fixture_run_result r = AZSCAN("parse", "--errors", "deep.json", "deep.bicep", "parens.bicep");
    assert_run(&r, 3,
               "deep.json:1:1: error: unexpected '[[[[[[[[[[[[[[[[[[[[...'\n"
               "deep.bicep:1:1: error: unexpected 'var x = [[[[[[[[[[[[...'\n"
               "parens.bicep:1:1: error: unexpected 'var x = ((((((((((((...'\n",
               "");
}

Test(cli, scan_gives_up_on_a_parse_that_runs_out_of_time)
{
    size_t n = 200000;
    char *text = malloc(2 * n + 2);
    size_t len = 0;
    text[len++] = '[';
    for (size_t i = 0; i < n; i++) {
        text[len++] = '1';
        text[len++] = i + 1 < n ? ',' : ']';
    }
    fixture_write(dir, "slow.json", text, len);
    free(text);
    fixture_run_result r = AZSCAN("parse", "--errors", "--timeout=0.000001", "slow.json");
    assert_run(&r, 3, "slow.json: error: parsing timed out after 1e-06 s (see --timeout)\n", "");
    r = AZSCAN("parse", "--errors", "--timeout", "0", "slow.json");
    assert_run(&r, 0, "", "");
}

Test(cli, scan_reports_the_same_whatever_the_number_of_jobs)
{
    fixture_write_text(dir, "t/bad.bicep", "var x = (\n");
    fixture_write_text(dir, "t/loop.bicep", "var r = range(0, 2000000000)\n");
    char *samples = fixture_path(AZSCAN_SOURCE_DIR, "samples");
    char *checks = fixture_path(AZSCAN_SOURCE_DIR, "checks");
    const char *formats[] = {"text", "json", "sarif"};
    for (size_t i = 0; i < sizeof(formats) / sizeof(*formats); i++) {
        fixture_run_result one = AZSCAN("scan", "--verbose", "--format", formats[i], "--jobs", "1",
                                        samples, "t", checks);
        cr_assert_eq(one.exit_code, 1, "stderr: %s", one.err);
        cr_assert_gt(strlen(one.out), 1000);
        const char *const many[][2] = {{"--jobs", "4"}, {"-j", "2"}, {"--jobs=3", NULL}};
        for (size_t k = 0; k < sizeof(many) / sizeof(*many); k++) {
            fixture_run_result other = many[k][1]
                                           ? AZSCAN("scan", "--verbose", "--format", formats[i],
                                                    many[k][0], many[k][1], samples, "t", checks)
                                           : AZSCAN("scan", "--verbose", "--format", formats[i],
                                                    many[k][0], samples, "t", checks);
            cr_assert_eq(other.exit_code, one.exit_code);
            cr_assert_str_eq(other.out, one.out, "%s with %s", formats[i], many[k][0]);
            cr_assert_str_eq(other.err, one.err);
            fixture_run_result_free(&other);
        }
        fixture_run_result_free(&one);
    }
    free(samples);
    free(checks);
}
