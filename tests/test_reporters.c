/* The text, SARIF, JUnit and GitHub reporters, over scans of tests/fixtures/reporters. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "fault.h"
#include "fs_fixture.h"
#include "json_build.h"
#include "report.h"
#include "report_terminal.h"

#include <cjson/cJSON.h>
#include <criterion/criterion.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define REPORTERS AZSCAN_TEST_FIXTURES "/reporters"

static char *dir;

static void setup(void)
{
    /* cJSON's allocations go through the wrapped allocator too, so that
     * failures are injected into them and leaks are counted. */
    cJSON_Hooks hooks = {malloc, free};
    cJSON_InitHooks(&hooks);
    fault_route_tree_sitter_around();
    dir = fixture_tempdir();
}

static void teardown(void)
{
    fixture_remove(dir);
    free(dir);
}

TestSuite(reporters, .init = setup, .fini = teardown);

static scan_result *scan_with(const char *path, bool strict)
{
    scan_options so = {0};
    so.paths = (const char *const[]){path};
    so.path_count = 1;
    so.config.strict = strict;
    scan_result *r = NULL;
    cr_assert_eq(scan_run(&so, &r), 0);
    return r;
}

static scan_result *scan(const char *path)
{
    return scan_with(path, false);
}

static const report_options plain = {0};

typedef int (*reporter)(FILE *out, const scan_result *r, const report_options *o);

static int sarif_plain(FILE *out, const scan_result *r, const report_options *o)
{
    return report_sarif(out, r, o, NULL);
}

static char *render(reporter fn, const scan_result *r, const report_options *o)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    cr_assert_not_null(out);
    cr_assert_eq(fn(out, r, o), 0);
    fclose(out);
    return text;
}

static cJSON *sarif_of(const scan_result *r, const report_options *o, const char *category)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    cr_assert_not_null(out);
    cr_assert_eq(report_sarif(out, r, o, category), 0);
    fclose(out);
    cJSON *doc = cJSON_Parse(text);
    cr_assert_not_null(doc, "not JSON:\n%s", text);
    free(text);
    return doc;
}

static cJSON *path(cJSON *node, const char *keys)
{
    char buf[256];
    snprintf(buf, sizeof(buf), "%s", keys);
    for (char *k = strtok(buf, "."); k && node; k = strtok(NULL, "."))
        node = cJSON_IsArray(node) ? cJSON_GetArrayItem(node, atoi(k))
                                   : cJSON_GetObjectItemCaseSensitive(node, k);
    cr_assert_not_null(node, "no %s", keys);
    return node;
}

static const char *str(cJSON *node, const char *keys)
{
    cJSON *s = path(node, keys);
    cr_assert(cJSON_IsString(s), "%s is not a string", keys);
    return s->valuestring;
}

static int num(cJSON *node, const char *keys)
{
    cJSON *n = path(node, keys);
    cr_assert(cJSON_IsNumber(n), "%s is not a number", keys);
    return n->valueint;
}

static bool ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), t = strlen(tail);
    return n >= t && strcmp(s + n - t, tail) == 0;
}

/* The result of `rule` whose first location's URI ends with `file`. */
static cJSON *result_for(cJSON *doc, const char *rule, const char *file)
{
    cJSON *res;
    cJSON_ArrayForEach(res, path(doc, "runs.0.results"))
    {
        if (strcmp(str(res, "ruleId"), rule) == 0 &&
            ends_with(str(res, "locations.0.physicalLocation.artifactLocation.uri"), file))
            return res;
    }
    cr_assert_fail("no %s result in %s", rule, file);
    return NULL;
}

static size_t count_findings(const scan_result *r, bool notes)
{
    const az_findings *f = scan_result_findings(r);
    size_t n = 0;
    for (size_t i = 0; i < az_findings_count(f); i++)
        n += notes || az_findings_get(f, i)->severity != AZ_SEVERITY_NOTE;
    return n;
}

static size_t count_of(const char *haystack, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(haystack, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

static void assert_contains(const char *haystack, const char *needle)
{
    cr_assert(strstr(haystack, needle), "expected \"%s\" in:\n%s", needle, haystack);
}

/* Text ----------------------------------------------------------------------- */

/* report_terminal_snippet's output for a line, uncoloured. */
static char *snippet(const char *line, unsigned start, unsigned end)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    cr_assert_not_null(out);
    report_terminal_snippet(out, line, strlen(line), 7, start, end, NULL);
    fclose(out);
    return text;
}

static void assert_snippet(const char *line, unsigned start, unsigned end, const char *expected)
{
    char *got = snippet(line, start, end);
    cr_assert_str_eq(got, expected, "got:\n%s\nexpected:\n%s", got, expected);
    free(got);
}

Test(json_build, places_items_and_keeps_a_failed_allocation_as_a_failure)
{
    bool failed = false;
    cJSON *root = cJSON_CreateObject(), *list = cJSON_CreateArray();
    json_build_push(&failed, list, cJSON_CreateNumber(1));
    json_build_add(&failed, root, "list", list);
    cr_assert_eq(json_build_check(&failed, root), root);
    cr_assert(!failed);
    char *text = cJSON_PrintUnformatted(root);
    cr_assert_str_eq(text, "{\"list\":[1]}");
    free(text);
    /* A NULL item is an allocation that failed: the flag stays set. */
    json_build_add(&failed, root, "gone", NULL);
    cr_assert(failed);
    failed = false;
    json_build_push(&failed, list, NULL);
    cr_assert(failed);
    failed = false;
    cr_assert_null(json_build_check(&failed, NULL));
    cr_assert(failed);
    cr_assert_eq(cJSON_GetArraySize(list), 1);
    cr_assert_null(cJSON_GetObjectItem(root, "gone"));
    cJSON_Delete(root);
}

Test(reporters, snippet_underlines_the_range)
{
    assert_snippet("  minimumTlsVersion: 'TLS1_0'", 22, 30,
                   "    7 |   minimumTlsVersion: 'TLS1_0'\n"
                   "      |                      ^~~~~~~~\n");
}

Test(reporters, snippet_at_column_1_and_of_an_empty_range)
{
    assert_snippet("resource stg", 1, 9, "    7 | resource stg\n      | ^~~~~~~~\n");
    assert_snippet("resource stg", 1, 1, "    7 | resource stg\n      | ^\n");
    /* Past the end of the line: just after it. */
    assert_snippet("x", 5, 9, "    7 | x\n      |  ^\n");
    assert_snippet("", 1, 2, "    7 |\n      | ^\n");
}

Test(reporters, snippet_expands_tabs_in_the_line_and_under_it)
{
    /* A tab takes the columns to the next multiple of 4, in both lines. */
    assert_snippet("\tkey: 'val'", 7, 12,
                   "    7 |     key: 'val'\n"
                   "      |          ^~~~~\n");
    assert_snippet("ab\tc\td", 6, 7, "    7 | ab  c   d\n      |         ^\n");
    /* A tab inside the range is underlined whole. */
    assert_snippet("a\tb", 2, 3, "    7 | a   b\n      |  ^~~\n");
}

Test(reporters, snippet_counts_a_column_per_code_point)
{
    /* é takes two bytes, 😀 four: one column each. */
    assert_snippet("/* é😀 */ 'v'", 10, 13,
                   "    7 | /* é😀 */ 'v'\n"
                   "      |          ^~~\n");
}

Test(reporters, snippet_of_a_range_over_several_lines_stops_at_the_line_end)
{
    assert_snippet("  properties: {", 3, UINT_MAX,
                   "    7 |   properties: {\n"
                   "      |   ^~~~~~~~~~~~~\n");
}

Test(reporters, snippet_shows_control_characters_as_replacements)
{
    /* An escape sequence in a template must not reach the terminal, nor a
     * bidirectional override reorder the line above its underline. */
    assert_snippet("a\033[2Jb\u202Ec 'x'", 10, 13,
                   "    7 | a\uFFFD[2Jb\uFFFDc 'x'\n"
                   "      |          ^~~\n");
}

/* A line of `n` columns: digits repeating, so that cuts show where they are. */
static char *long_line(size_t n)
{
    char *line = malloc(n + 1);
    cr_assert_not_null(line);
    for (size_t i = 0; i < n; i++)
        line[i] = (char)('0' + i % 10);
    line[n] = '\0';
    return line;
}

/* The source and underline rows of a snippet, after their gutters. */
static void split_snippet(char *text, char **source, char **underline)
{
    char *nl = strchr(text, '\n');
    cr_assert_not_null(nl);
    *nl = '\0';
    cr_assert_eq(strncmp(text, "    7 | ", 8), 0);
    cr_assert_eq(strncmp(nl + 1, "      | ", 8), 0);
    *source = text + 8;
    *underline = nl + 1 + 8;
    nl = strchr(*underline, '\n');
    cr_assert_not_null(nl);
    *nl = '\0';
}

Test(reporters, snippet_cuts_long_lines_around_the_range)
{
    char *line = long_line(300), *source, *underline;
    cr_assert_gt(300, REPORT_TERMINAL_WIDTH);

    /* Near the start: cut after it. */
    char *text = snippet(line, 5, 8);
    split_snippet(text, &source, &underline);
    cr_assert_eq(strlen(source), REPORT_TERMINAL_WIDTH);
    cr_assert_eq(strncmp(source, line, REPORT_TERMINAL_WIDTH - 3), 0);
    cr_assert_str_eq(source + REPORT_TERMINAL_WIDTH - 3, "...");
    cr_assert_str_eq(underline, "    ^~~");
    free(text);

    /* In the middle: cut on both sides, some context kept before the range. */
    text = snippet(line, 201, 206);
    split_snippet(text, &source, &underline);
    cr_assert_eq(strlen(source), REPORT_TERMINAL_WIDTH);
    cr_assert_eq(strncmp(source, "...", 3), 0);
    cr_assert_str_eq(source + REPORT_TERMINAL_WIDTH - 3, "...");
    size_t caret = strlen(underline) - strlen("^~~~~");
    cr_assert_str_eq(underline + caret, "^~~~~");
    cr_assert_eq(strspn(underline, " "), caret);
    cr_assert_eq(strncmp(source + caret, line + 200, 5), 0, "the caret is not under the range");
    cr_assert_gt(caret, 3 + 10);
    free(text);

    /* Near the end: cut before it only. */
    text = snippet(line, 295, 297);
    split_snippet(text, &source, &underline);
    cr_assert_eq(strlen(source), REPORT_TERMINAL_WIDTH);
    cr_assert_eq(strncmp(source, "...", 3), 0);
    cr_assert_str_eq(source + 3, line + 300 - (REPORT_TERMINAL_WIDTH - 3));
    caret = strspn(underline, " ");
    cr_assert_str_eq(underline + caret, "^~");
    cr_assert_eq(strncmp(source + caret, line + 294, 2), 0);

    /* A range longer than the window is cut with the line. */
    free(text);
    text = snippet(line, 1, 250);
    split_snippet(text, &source, &underline);
    cr_assert_eq(strlen(underline), REPORT_TERMINAL_WIDTH - 3);
    free(text);
    free(line);
}

Test(reporters, snippet_colours_the_underline_and_dims_the_gutter)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    cr_assert_not_null(out);
    report_terminal_snippet(out, "x = 1", 5, 3, 5, 6, "\033[31m");
    fclose(out);
    cr_assert_str_eq(text, "\033[2m    3 |\033[0m x = 1\n"
                           "\033[2m      |\033[0m     \033[31m^\033[0m\n");
    free(text);
}

Test(reporters, terminal_text_is_made_safe)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    cr_assert_not_null(out);
    report_terminal_puts(out, "st<\r\n>\tx\x01\x7F\xC2\x9B\u2067\xFF caf\u00E9 \U0001F600");
    fclose(out);
    cr_assert_str_eq(text, "st<\uFFFD\uFFFD>\tx\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD caf\u00E9 "
                           "\U0001F600");
    free(text);
}

Test(reporters, color_only_on_a_terminal_without_no_color)
{
    static const struct {
        report_color mode;
        bool tty;
        const char *no_color;
        bool expected;
    } cases[] = {
        {REPORT_COLOR_AUTO, true, NULL, true},   {REPORT_COLOR_AUTO, true, "", true},
        {REPORT_COLOR_AUTO, true, "1", false},   {REPORT_COLOR_AUTO, true, "0", false},
        {REPORT_COLOR_AUTO, false, NULL, false}, {REPORT_COLOR_ALWAYS, false, NULL, true},
        {REPORT_COLOR_ALWAYS, true, "1", true},  {REPORT_COLOR_NEVER, true, NULL, false},
        {REPORT_COLOR_NEVER, false, "", false},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++)
        cr_assert_eq(report_color_enabled(cases[i].mode, cases[i].tty, cases[i].no_color),
                     cases[i].expected, "case %zu", i);
    report_color mode = REPORT_COLOR_NEVER;
    cr_assert(report_color_parse("auto", &mode));
    cr_assert_eq(mode, REPORT_COLOR_AUTO);
    cr_assert(report_color_parse("always", &mode));
    cr_assert_eq(mode, REPORT_COLOR_ALWAYS);
    cr_assert(report_color_parse("never", &mode));
    cr_assert_eq(mode, REPORT_COLOR_NEVER);
    cr_assert_not(report_color_parse("yes", &mode));
    cr_assert_not(report_color_parse("", &mode));
}

static const char multiline_fixture[] =
    "param access string = 'Enabled'\n"
    "\n"
    "resource stg 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n"
    "  name: 'st'\n"
    "  location: 'westeurope'\n"
    "  properties: {\n"
    "\tpublicNetworkAccess: /* é */ access\n"
    "  }\n"
    "}\n";

static const char nic_fixture[] =
    "resource pip 'Microsoft.Network/publicIPAddresses@2023-09-01' = {\n"
    "  name: 'pip'\n"
    "  location: 'westeurope'\n"
    "  properties: { publicIPAllocationMethod: 'Static' }\n"
    "}\n"
    "\n"
    "resource nic 'Microsoft.Network/networkInterfaces@2023-09-01' = {\n"
    "  name: 'nic'\n"
    "  location: 'westeurope'\n"
    "  properties: {\n"
    "    ipConfigurations: [\n"
    "      {\n"
    "        name: 'ip'\n"
    "        properties: {\n"
    "          publicIPAddress: union({ id: pip.id },\n"
    "            {})\n"
    "        }\n"
    "      }\n"
    "    ]\n"
    "  }\n"
    "}\n";

Test(reporters, text_groups_findings_by_file_with_snippets_and_notes)
{
    fixture_write_text(dir, "main.bicep", multiline_fixture);
    fixture_write_text(dir, "nic.bicep", nic_fixture);
    fixture_write_text(dir, "other.bicep", "param p string\n");
    fixture_write_text(dir, "z.bicep",
                       "resource x 'Microsoft.Storage/storageAccounts@2023-01-01' "
                       "= {\n  name: 'x'\n  location: 'westeurope'\n"
                       "  properties: { minimumTlsVersion: 'TLS1_0' }\n}\n");
    scan_result *r = scan(dir);
    char *text = render(report_text, r, &plain);
    cr_assert(strncmp(text, "main.bicep (", 12) == 0, "%s", text);
    cr_assert_eq(count_of(text, "\nz.bicep ("), 1);
    cr_assert_null(strstr(text, "other.bicep"));
    /* The value after a tab and an accent, with its parameter's default as a note. */
    assert_contains(text, "main.bicep:7:31: high AZS201 public-network-access: ");
    assert_contains(text, "\n    7 |     publicNetworkAccess: /* é */ access\n"
                          "      |                                  ^~~~~~\n"
                          "  main.bicep:1:23: note: default of parameter 'access'\n");
    /* A value over two lines: underlined to the end of the first. */
    assert_contains(text, "nic.bicep:15:28: medium AZS209 vm-nic-public-ip: ");
    assert_contains(text, "\n   15 |           publicIPAddress: union({ id: pip.id },\n"
                          "      |                            ^~~~~~~~~~~~~~~~~~~~~\n");
    assert_contains(text, "\n\nnic.bicep (");
    assert_contains(text, "\n\nz.bicep (");
    assert_contains(text, " in 4 files, 4 templates; 0 errors; 0 suppressed\n");
    cr_assert_null(strchr(text, '\033'));
    free(text);

    report_options color = {.color = true};
    text = render(report_text, r, &color);
    assert_contains(text, "\033[1mmain.bicep (");
    assert_contains(text, ": \033[31mhigh\033[0m AZS201 ");
    assert_contains(text, "\033[31m^~~~~~\033[0m\n");
    free(text);
    scan_result_free(r);
}

Test(reporters, text_without_the_file_has_no_snippets)
{
    fixture_write_text(dir, "main.bicep", multiline_fixture);
    scan_result *r = scan(dir);
    char *path = fixture_path(dir, "main.bicep");
    cr_assert_eq(remove(path), 0);
    free(path);
    char *text = render(report_text, r, &plain);
    assert_contains(text, "main.bicep:7:31: high AZS201 public-network-access: ");
    assert_contains(text, "\n  main.bicep:1:23: note: default of parameter 'access'\n");
    cr_assert_null(strstr(text, " | "), "a snippet in:\n%s", text);
    free(text);
    scan_result_free(r);
}

Test(reporters, text_shows_suppressed_findings_only_when_asked)
{
    fixture_write_text(dir, "main.bicep",
                       "resource stg 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n"
                       "  name: 'st'\n"
                       "  location: 'westeurope'\n"
                       "  properties: {\n"
                       "    // azscan-disable-next-line AZS302: legacy clients until June\n"
                       "    minimumTlsVersion: 'TLS1_0'\n"
                       "  }\n"
                       "}\n");
    scan_result *r = scan(dir);
    char *text = render(report_text, r, &plain);
    cr_assert_null(strstr(text, "AZS302"));
    assert_contains(text, "; 1 suppressed\n");
    free(text);
    report_options shown = {.show_suppressed = true};
    text = render(report_text, r, &shown);
    assert_contains(text, "AZS302 minimum-tls-version: ");
    assert_contains(text, " [suppressed: legacy clients until June]\n"
                          "    6 |     minimumTlsVersion: 'TLS1_0'\n");
    assert_contains(text, " findings, 1 suppressed)\n");
    free(text);
    scan_result_free(r);
}

/* SARIF ---------------------------------------------------------------------- */

Test(reporters, sarif_describes_the_tool_and_every_check_as_a_rule)
{
    scan_result *r = scan(REPORTERS "/base");
    cJSON *doc = sarif_of(r, &plain, "azscan/iac");
    cr_assert_str_eq(str(doc, "$schema"), "https://json.schemastore.org/sarif-2.1.0.json");
    cr_assert_str_eq(str(doc, "version"), "2.1.0");
    cr_assert_eq(cJSON_GetArraySize(path(doc, "runs")), 1);
    cJSON *driver = path(doc, "runs.0.tool.driver");
    cr_assert_str_eq(str(driver, "name"), "azscan");
    cr_assert_str_eq(str(driver, "semanticVersion"), AZSCAN_VERSION);
    cr_assert_str_eq(str(driver, "informationUri"), REPORT_PROJECT_URI);
    cr_assert_str_eq(str(doc, "runs.0.automationDetails.id"), "azscan/iac");

    cJSON *rules = path(driver, "rules");
    cr_assert_eq((size_t)cJSON_GetArraySize(rules), az_check_count());
    for (size_t i = 0; i < az_check_count(); i++) {
        const az_check_meta *m = &az_check_get(i)->meta;
        cJSON *rule = cJSON_GetArrayItem(rules, (int)i);
        cr_assert_str_eq(str(rule, "id"), m->id);
        cr_assert_str_eq(str(rule, "name"), m->name);
        cr_assert_str_eq(str(rule, "shortDescription.text"), m->title);
        cr_assert_str_eq(str(rule, "fullDescription.text"), m->description);
        const char *md = str(rule, "help.markdown");
        assert_contains(md, m->remediation);
        assert_contains(md, "```bicep\n");
        assert_contains(md, m->fix_bicep);
        assert_contains(md, "```json\n");
        assert_contains(md, m->fix_arm);
        assert_contains(str(rule, "help.text"), m->remediation);
        char uri[256], severity[16];
        snprintf(uri, sizeof(uri), "%s/blob/main/docs/checks.md#%s", REPORT_PROJECT_URI, m->name);
        cr_assert_str_eq(str(rule, "helpUri"), uri);
        snprintf(severity, sizeof(severity), "%.1f", m->security_severity);
        cr_assert_str_eq(str(rule, "properties.security-severity"), severity);
        cr_assert_str_eq(str(rule, "properties.tags.0"), "security");
        cr_assert_str_eq(str(rule, "properties.tags.1"), az_category_name(m->category));
        cr_assert_str_eq(str(rule, "properties.precision"), "high");
        const char *level = m->severity >= AZ_SEVERITY_HIGH     ? "error"
                            : m->severity == AZ_SEVERITY_MEDIUM ? "warning"
                                                                : "note";
        cr_assert_str_eq(str(rule, "defaultConfiguration.level"), level);
        const char *problem = m->severity >= AZ_SEVERITY_HIGH     ? "error"
                              : m->severity == AZ_SEVERITY_MEDIUM ? "warning"
                                                                  : "recommendation";
        cr_assert_str_eq(
            cJSON_GetStringValue(cJSON_GetObjectItem(path(rule, "properties"), "problem.severity")),
            problem);
    }
    cJSON_Delete(doc);
    scan_result_free(r);
}

Test(reporters, sarif_results_point_at_their_rules)
{
    scan_result *r = scan(REPORTERS "/base");
    cJSON *doc = sarif_of(r, &plain, NULL);
    cr_assert_null(cJSON_GetObjectItem(path(doc, "runs.0"), "automationDetails"));
    cJSON *results = path(doc, "runs.0.results");
    cr_assert_eq((size_t)cJSON_GetArraySize(results), count_findings(r, false));
    cr_assert_gt(cJSON_GetArraySize(results), 0);
    cJSON *rules = path(doc, "runs.0.tool.driver.rules");
    cJSON *res;
    cJSON_ArrayForEach(res, results)
    {
        cJSON *rule = cJSON_GetArrayItem(rules, num(res, "ruleIndex"));
        cr_assert_str_eq(str(rule, "id"), str(res, "ruleId"));
        const char *print = str(res, "partialFingerprints.azscanFingerprint/v1");
        cr_assert_eq(strlen(print), 32);
        cr_assert_eq(strspn(print, "0123456789abcdef"), 32);
    }
    /* Levels follow each finding's severity. */
    cr_assert_str_eq(str(result_for(doc, "AZS203", "nsg.bicep"), "level"), "error");
    cr_assert_str_eq(str(result_for(doc, "AZS106", "main.bicep"), "level"), "warning");
    cr_assert_str_eq(str(result_for(doc, "AZS210", "nsg.bicep"), "level"), "note");
    cr_assert(cJSON_IsTrue(path(doc, "runs.0.invocations.0.executionSuccessful")));
    cr_assert_eq(cJSON_GetArraySize(path(doc, "runs.0.invocations.0.toolExecutionNotifications")),
                 0);
    cr_assert_str_eq(str(doc, "runs.0.columnKind"), "utf16CodeUnits");
    cJSON_Delete(doc);
    scan_result_free(r);
}

Test(reporters, sarif_columns_count_utf16_code_units)
{
    scan_result *r = scan(REPORTERS "/base");
    cJSON *doc = sarif_of(r, &plain, NULL);
    /* Line 10 holds "café 😀 naïve 🎉" in a comment before the value: two
     * code points above U+FFFF, which take two units each; the accents, one. */
    cJSON *region =
        path(result_for(doc, "AZS201", "main.bicep"), "locations.0.physicalLocation.region");
    cr_assert_eq(num(region, "startLine"), 10);
    cr_assert_eq(num(region, "startColumn"), 47 + 2);
    cr_assert_eq(num(region, "endLine"), 10);
    cr_assert_eq(num(region, "endColumn"), 56 + 2);
    /* Only BMP characters before it: code points and units agree. */
    region = path(result_for(doc, "AZS301", "main.bicep"), "locations.0.physicalLocation.region");
    cr_assert_eq(num(region, "startColumn"), 39);
    cr_assert_eq(num(region, "endColumn"), 44);
    /* An astral character in a JSON string. */
    region = path(result_for(doc, "AZS301", "escape.json"), "locations.0.physicalLocation.region");
    cr_assert_eq(num(region, "startColumn"), 71 + 1);
    cJSON_Delete(doc);
    scan_result_free(r);
}

Test(reporters, sarif_related_locations_carry_their_labels)
{
    fixture_write_text(dir, "main.bicep",
                       "param access string = 'Enabled' // 😀\n"
                       "resource stg 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n"
                       "  name: 'st😀'\n"
                       "  location: 'westeurope'\n"
                       "  properties: { publicNetworkAccess: access }\n"
                       "}\n");
    scan_result *r = scan(dir);
    cJSON *doc = sarif_of(r, &plain, NULL);
    cJSON *res = result_for(doc, "AZS201", "main.bicep");
    cJSON *rel = path(res, "relatedLocations.0");
    cr_assert_eq(num(rel, "id"), 0);
    cr_assert_str_eq(str(rel, "message.text"), "default of parameter 'access'");
    cr_assert_eq(num(rel, "physicalLocation.region.startLine"), 1);
    cr_assert_eq(num(rel, "physicalLocation.region.startColumn"), 23);
    cJSON_Delete(doc);
    scan_result_free(r);
}

Test(reporters, sarif_fingerprints_survive_lines_inserted_above)
{
    scan_result *base = scan(REPORTERS "/base");
    scan_result *shifted = scan(REPORTERS "/shifted");
    cJSON *a = sarif_of(base, &plain, NULL);
    cJSON *b = sarif_of(shifted, &plain, NULL);
    cJSON *ra = path(a, "runs.0.results"), *rb = path(b, "runs.0.results");
    cr_assert_eq(cJSON_GetArraySize(ra), cJSON_GetArraySize(rb));
    for (int i = 0; i < cJSON_GetArraySize(ra); i++) {
        cJSON *x = cJSON_GetArrayItem(ra, i), *y = cJSON_GetArrayItem(rb, i);
        cr_assert_str_eq(str(x, "ruleId"), str(y, "ruleId"));
        cr_assert_eq(num(x, "locations.0.physicalLocation.region.startLine") + 10,
                     num(y, "locations.0.physicalLocation.region.startLine"));
        cr_assert_str_eq(str(x, "partialFingerprints.azscanFingerprint/v1"),
                         str(y, "partialFingerprints.azscanFingerprint/v1"));
        /* And no two results of the scan share one. */
        for (int j = 0; j < i; j++)
            cr_assert_str_neq(
                str(x, "partialFingerprints.azscanFingerprint/v1"),
                str(cJSON_GetArrayItem(ra, j), "partialFingerprints.azscanFingerprint/v1"));
    }
    cJSON_Delete(a);
    cJSON_Delete(b);
    scan_result_free(base);
    scan_result_free(shifted);
}

Test(reporters, fingerprints_hash_identity_not_position)
{
    const az_check *check = az_check_find("AZS201");
    cr_assert_not_null(check);
    az_finding f = {.check = check,
                    .severity = AZ_SEVERITY_HIGH,
                    .file = "main.bicep",
                    .range = {0, 10, 47, 10, 56},
                    .resource_type = "Microsoft.Storage/storageAccounts",
                    .resource = "stg",
                    .property = "properties.publicNetworkAccess",
                    .message = "m"};
    char a[REPORT_FINGERPRINT_SIZE], b[REPORT_FINGERPRINT_SIZE];
    report_fingerprint(&f, a);
    /* FNV-1a 128 over the tagged fields, computed independently: a change
     * here orphans every baseline. */
    cr_assert_str_eq(a, "a6bdd007c2484c0d982317e523c93f34");

    az_finding g = f;
    g.range = (az_range){0, 20, 1, 21, 1};
    g.message = "another message";
    g.severity = AZ_SEVERITY_LOW;
    report_fingerprint(&g, b);
    cr_assert_str_eq(a, b);

    const char *az_finding_fields[] = {"file",     "resource_type", "resource",
                                       "property", "variant",       "check"};
    for (size_t i = 0; i < sizeof(az_finding_fields) / sizeof(*az_finding_fields); i++) {
        g = f;
        switch (i) {
        case 0:
            g.file = "other.bicep";
            break;
        case 1:
            g.resource_type = "Microsoft.Storage/storageAccounts/x";
            break;
        case 2:
            g.resource = "stg2";
            break;
        case 3:
            g.property = NULL;
            break;
        case 4:
            g.variant = "main.bicepparam";
            break;
        default:
            g.check = az_check_find("AZS202");
        }
        report_fingerprint(&g, b);
        cr_assert_str_neq(a, b, "%s is not hashed", az_finding_fields[i]);
    }
    /* Absent and empty differ, and fields do not run into each other. */
    g = f;
    g.property = "";
    report_fingerprint(&g, b);
    g.property = NULL;
    report_fingerprint(&g, a);
    cr_assert_str_neq(a, b);
    g = f;
    g.resource = "stgp";
    g.property = "roperties.publicNetworkAccess";
    report_fingerprint(&f, a);
    report_fingerprint(&g, b);
    cr_assert_str_neq(a, b);
}

Test(reporters, sarif_uris_are_relative_to_the_working_directory_and_encoded)
{
    const char *text = "resource stg 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n"
                       "  name: 'st'\n"
                       "  location: 'westeurope'\n"
                       "  properties: { supportsHttpsTrafficOnly: false }\n"
                       "}\n";
    fixture_write_text(dir, "in space/ü,a:b%.bicep", text);
    cr_assert_eq(chdir(dir), 0);
    scan_result *r = scan("./in space/../in space");
    cJSON *doc = sarif_of(r, &plain, NULL);
    cJSON *art =
        path(result_for(doc, "AZS301", ".bicep"), "locations.0.physicalLocation.artifactLocation");
    cr_assert_str_eq(str(art, "uri"), "in%20space/%C3%BC%2Ca%3Ab%25.bicep");
    cr_assert_str_eq(str(art, "uriBaseId"), "%SRCROOT%");
    char cwd[4096], root[4200];
    cr_assert_not_null(getcwd(cwd, sizeof(cwd)));
    snprintf(root, sizeof(root), "file://%s/", cwd);
    cr_assert_str_eq(str(doc, "runs.0.originalUriBaseIds.%SRCROOT%.uri"), root);
    cJSON_Delete(doc);

    /* GitHub takes the same path, with ',' and ':' escaped. */
    char *gh = render(report_github, r, &plain);
    assert_contains(gh, "::error file=in space/ü%2Ca%3Ab%25.bicep,line=4,col=");
    free(gh);
    scan_result_free(r);
}

Test(reporters, sarif_uris_outside_the_working_directory_are_absolute)
{
    cr_assert_eq(chdir(dir), 0);
    scan_result *r = scan(REPORTERS "/base");
    cJSON *doc = sarif_of(r, &plain, NULL);
    cJSON *art = path(result_for(doc, "AZS201", "main.bicep"),
                      "locations.0.physicalLocation.artifactLocation");
    char *real = realpath(REPORTERS "/base/main.bicep", NULL);
    char uri[4200];
    snprintf(uri, sizeof(uri), "file://%s", real);
    cr_assert_str_eq(str(art, "uri"), uri);
    cr_assert_null(cJSON_GetObjectItem(art, "uriBaseId"));
    free(real);
    cJSON_Delete(doc);
    scan_result_free(r);
}

Test(reporters, sarif_without_a_working_directory_keeps_paths_relative)
{
    fixture_write_text(dir, "gone/main.bicep",
                       "resource stg 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n"
                       "  name: 'st'\n"
                       "  location: 'westeurope'\n"
                       "  properties: { supportsHttpsTrafficOnly: false }\n"
                       "}\n");
    char *gone = fixture_path(dir, "gone");
    cr_assert_eq(chdir(gone), 0);
    scan_result *r = scan("main.bicep");
    fixture_remove(gone);
    free(gone);
    cJSON *doc = sarif_of(r, &plain, NULL);
    cr_assert_null(cJSON_GetObjectItem(path(doc, "runs.0"), "originalUriBaseIds"));
    cJSON *art = path(result_for(doc, "AZS301", "main.bicep"),
                      "locations.0.physicalLocation.artifactLocation");
    cr_assert_str_eq(str(art, "uri"), "main.bicep");
    /* The file is gone too: its columns stay as they were. */
    cr_assert_eq(num(result_for(doc, "AZS301", "main.bicep"),
                     "locations.0.physicalLocation.region.startColumn"),
                 43);
    cJSON_Delete(doc);
    scan_result_free(r);
}

Test(reporters, sarif_reports_files_not_analyzed_and_warnings)
{
    fixture_write_text(dir, "broken.bicep", "param x string = 'é😀' +\n");
    fixture_write(dir, "binary.bicep", "a\0b", 3);
    fixture_write_text(dir, "loop.json",
                       "{\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/"
                       "deploymentTemplate.json#\", \"contentVersion\": \"1.0.0.0\",\n"
                       "\"resources\": [{\"type\": \"Microsoft.Network/virtualNetworks\", "
                       "\"apiVersion\": \"2023-04-01\", \"name\": \"[concat('v', copyIndex())]\","
                       " \"copy\": {\"name\": \"c\", \"count\": 1000000000}}]}\n");
    scan_result *r = scan(dir);
    cr_assert_eq(scan_result_error_count(r), 2);
    cr_assert_geq(scan_result_warning_count(r), 1);
    cJSON *doc = sarif_of(r, &plain, NULL);
    cJSON *inv = path(doc, "runs.0.invocations.0");
    cr_assert(cJSON_IsFalse(path(inv, "executionSuccessful")));
    cJSON *notes = path(inv, "toolExecutionNotifications");
    cr_assert_eq((size_t)cJSON_GetArraySize(notes),
                 scan_result_error_count(r) + scan_result_warning_count(r));
    bool positioned = false, unpositioned = false, warned = false;
    cJSON *n;
    cJSON_ArrayForEach(n, notes)
    {
        const char *uri = str(n, "locations.0.physicalLocation.artifactLocation.uri");
        cJSON *phys = path(n, "locations.0.physicalLocation");
        if (strcmp(str(n, "level"), "warning") == 0) {
            warned = true;
            assert_contains(uri, "loop.json");
            cr_assert_eq(num(phys, "region.startLine"), 2);
        } else if (ends_with(uri, "broken.bicep")) {
            positioned = true;
            /* After 'é😀': one code point above U+FFFF before the error. */
            const scan_error *e = scan_result_error(r, 0);
            if (!e->has_position)
                e = scan_result_error(r, 1);
            cr_assert_eq(num(phys, "region.startLine"), 1);
            cr_assert_eq(num(phys, "region.startColumn"), (int)e->column + 1);
        } else {
            unpositioned = true;
            assert_contains(uri, "binary.bicep");
            cr_assert_null(cJSON_GetObjectItem(phys, "region"));
        }
        cr_assert_gt(strlen(str(n, "message.text")), 0);
    }
    cr_assert(positioned && unpositioned && warned);
    cJSON_Delete(doc);
    scan_result_free(r);
}

/* Under --strict, unresolved values become notes, which every format but
 * JUnit shows when asked to. */
Test(reporters, notes_are_shown_only_when_asked)
{
    fixture_write_text(dir, "main.bicep",
                       "param access string\n"
                       "resource stg 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n"
                       "  name: 'st'\n"
                       "  location: 'westeurope'\n"
                       "  properties: { publicNetworkAccess: access }\n"
                       "}\n");
    scan_result *r = scan_with(dir, true);
    size_t notes = count_findings(r, true) - count_findings(r, false);
    cr_assert_gt(notes, 0);
    report_options shown = {.show_notes = true};

    cJSON *doc = sarif_of(r, &plain, NULL);
    cr_assert_eq((size_t)cJSON_GetArraySize(path(doc, "runs.0.results")), count_findings(r, false));
    cJSON_Delete(doc);
    doc = sarif_of(r, &shown, NULL);
    cr_assert_eq((size_t)cJSON_GetArraySize(path(doc, "runs.0.results")), count_findings(r, true));
    cJSON_Delete(doc);

    char *without = render(report_github, r, &plain), *with = render(report_github, r, &shown);
    cr_assert_eq(count_of(with, "\n") - count_of(without, "\n"), notes);
    cr_assert_eq(count_of(with, "::notice ") - count_of(without, "::notice "), notes);
    free(without);
    free(with);

    /* JUnit's cases pass or fail, and notes never fail: they are never cases. */
    without = render(report_junit, r, &plain);
    with = render(report_junit, r, &shown);
    cr_assert_str_eq(with, without);
    free(without);
    free(with);
    scan_result_free(r);
}

/* JUnit ---------------------------------------------------------------------- */

Test(reporters, junit_has_a_suite_per_file_and_a_case_per_check_and_resource)
{
    scan_result *r = scan(REPORTERS "/base");
    char *xml = render(report_junit, r, &plain);
    cr_assert_eq(strncmp(xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites", 50), 0);
    /* 14 findings; nsg.bicep's two AZS203 findings make one case. */
    assert_contains(xml, "<testsuites name=\"azscan\" tests=\"13\" failures=\"13\" errors=\"0\">");
    cr_assert_eq(count_of(xml, "<testsuite "), 3);
    cr_assert_eq(count_of(xml, "<testcase "), 13);
    cr_assert_eq(count_of(xml, "<failure "), 13);
    assert_contains(xml, "<testsuite name=\"nsg.bicep\" tests=\"2\" failures=\"2\" errors=\"0\"");
    assert_contains(xml, "<testcase classname=\"Microsoft.Network/networkSecurityGroups\" "
                         "name=\"AZS203 nsg-open-inbound: nsg\">");
    assert_contains(xml, "type=\"critical\">nsg.bicep:18:33: critical: ");
    assert_contains(xml, "nsg.bicep:31:33: critical: ");
    assert_contains(xml, "Remediation: ");
    free(xml);
    scan_result_free(r);
}

Test(reporters, junit_escapes_everything)
{
    scan_result *r = scan(REPORTERS "/base");
    char *xml = render(report_junit, r, &plain);
    /* The resource name st<&>"'%,:\r\nx\x01 in an attribute, then in text. */
    assert_contains(xml, "name=\"AZS301 https-only: st&lt;&amp;&gt;&quot;&apos;%,:&#13;&#10;x"
                         "\xEF\xBF\xBD\">");
    assert_contains(xml, "message=\"Storage account &apos;st&lt;&amp;&gt;&quot;&apos;%,:&#13;&#10;x"
                         "\xEF\xBF\xBD&apos; accepts unencrypted");
    assert_contains(xml, "escape.json:12:71: high: Storage account 'st&lt;&amp;&gt;\"'%,:\r\nx"
                         "\xEF\xBF\xBD' accepts");
    cr_assert_null(strchr(xml, '\x01'));
    free(xml);
    scan_result_free(r);
}

Test(reporters, junit_reports_files_not_analyzed_as_errors)
{
    fixture_write_text(dir, "a&b.bicep", "param x string = 'a' +\nparam y = \n");
    fixture_write_text(dir, "ok.bicep",
                       "resource stg 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n"
                       "  name: 'st'\n"
                       "  location: 'westeurope'\n"
                       "  properties: { supportsHttpsTrafficOnly: false }\n"
                       "}\n");
    scan_result *r = scan(dir);
    cr_assert_geq(scan_result_error_count(r), 1);
    char *xml = render(report_junit, r, &plain);
    size_t cases = count_of(xml, "<testcase ");
    char head[128];
    snprintf(head, sizeof(head), "tests=\"%zu\" failures=\"%zu\" errors=\"1\">", cases, cases - 1);
    assert_contains(xml, head);
    assert_contains(xml,
                    "<testsuite name=\"a&amp;b.bicep\" tests=\"1\" failures=\"0\" errors=\"1\"");
    assert_contains(xml, "<testcase classname=\"azscan\" name=\"a&amp;b.bicep: analysis\">");
    cr_assert_eq(count_of(xml, "<error "), 1);
    /* Every error of the file is in the one case. */
    cr_assert_eq(count_of(xml, "a&amp;b.bicep:"), scan_result_error_count(r) + 1);
    assert_contains(xml, "<testsuite name=\"ok.bicep\"");
    free(xml);
    scan_result_free(r);
}

Test(reporters, junit_of_a_clean_scan_has_no_suites)
{
    fixture_write_text(dir, "empty.bicep", "param x string = 'y'\n");
    scan_result *r = scan(dir);
    char *xml = render(report_junit, r, &plain);
    cr_assert_str_eq(xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<testsuites name=\"azscan\" tests=\"0\" failures=\"0\" errors=\"0\">\n"
                          "</testsuites>\n");
    free(xml);
    scan_result_free(r);
}

/* GitHub --------------------------------------------------------------------- */

Test(reporters, github_annotations_by_severity)
{
    cr_assert_eq(chdir(REPORTERS), 0);
    scan_result *r = scan("base");
    char *gh = render(report_github, r, &plain);
    cr_assert_eq(count_of(gh, "\n"), count_findings(r, false));
    assert_contains(gh, "::error file=base/nsg.bicep,line=18,col=33,endLine=18,endColumn=39,"
                        "title=AZS203 nsg-open-inbound::Network security group 'nsg' rule 'rdp' "
                        "allows inbound traffic from the internet to RDP (3389): "
                        "destinationPortRange is '3389' and sourceAddressPrefix is '*'\n");
    assert_contains(gh, "::warning file=base/main.bicep,line=4,col=10,");
    assert_contains(gh, "::notice file=base/nsg.bicep,line=39,");
    free(gh);
    scan_result_free(r);
}

Test(reporters, github_escapes_data_and_properties)
{
    cr_assert_eq(chdir(REPORTERS), 0);
    scan_result *r = scan("base");
    char *gh = render(report_github, r, &plain);
    /* In the message: %, CR and LF; ':' and ',' stay. */
    assert_contains(gh, "title=AZS301 https-only::Storage account 'st<&>\"'%25,:%0D%0Ax\x01' "
                        "accepts unencrypted connections");
    free(gh);
    scan_result_free(r);
}

Test(reporters, github_reports_errors_and_verbose_warnings)
{
    fixture_write_text(dir, "broken.bicep", "param x string = 'a' +\n");
    fixture_write(dir, "binary.bicep", "a\0b", 3);
    fixture_write_text(dir, "loop.json",
                       "{\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/"
                       "deploymentTemplate.json#\", \"contentVersion\": \"1.0.0.0\",\n"
                       "\"resources\": [{\"type\": \"Microsoft.Network/virtualNetworks\", "
                       "\"apiVersion\": \"2023-04-01\", \"name\": \"[concat('v', copyIndex())]\","
                       " \"copy\": {\"name\": \"c\", \"count\": 1000000000}}]}\n");
    cr_assert_eq(chdir(dir), 0);
    scan_result *r = scan(".");
    char *gh = render(report_github, r, &plain);
    assert_contains(gh, "::error file=broken.bicep,line=1,col=23,title=azscan::");
    assert_contains(gh, "::error file=binary.bicep,title=azscan::");
    cr_assert_null(strstr(gh, "::warning "));
    free(gh);
    report_options verbose = {.verbose = true};
    gh = render(report_github, r, &verbose);
    assert_contains(gh, "::warning file=loop.json,line=2,");
    free(gh);
    scan_result_free(r);
}

/* The file `display` maps to begins with `start`. */
static void assert_opens(const scan_result *r, const char *display, const char *start)
{
    const char *disk = scan_result_disk_path(r, display);
    cr_assert_not_null(disk, "no disk path for %s", display);
    char buf[64] = {0};
    FILE *f = fopen(disk, "r");
    cr_assert_not_null(f, "cannot open %s", disk);
    cr_assert_gt(fread(buf, 1, sizeof(buf) - 1, f), 0);
    fclose(f);
    cr_assert_eq(strncmp(buf, start, strlen(start)), 0, "%s holds %s", disk, buf);
}

/* Failures ------------------------------------------------------------------- */

static const reporter reporters_all[] = {report_text, sarif_plain, report_junit, report_github};

Test(reporters, write_errors_are_returned)
{
    scan_result *r = scan(REPORTERS "/base");
    for (size_t i = 0; i < sizeof(reporters_all) / sizeof(*reporters_all); i++) {
        FILE *full = fopen("/dev/full", "w");
        cr_assert_not_null(full);
        setvbuf(full, NULL, _IONBF, 0);
        cr_assert_eq(reporters_all[i](full, r, &plain), -1, "reporter %zu", i);
        fclose(full);
    }
    scan_result_free(r);
}

Test(reporters, out_of_memory_is_returned_at_every_allocation)
{
    /* Errors, warnings, related locations and an astral character: every
     * allocation site is reached. */
    fixture_write_text(dir, "broken.bicep", "param x string = 'a' +\n");
    fixture_write_text(dir, "main.bicep",
                       "param access string = 'Enabled'\n"
                       "resource stg 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n"
                       "  name: 'st'\n"
                       "  location: 'westeurope'\n"
                       "  properties: { publicNetworkAccess: /* 😀 */ access }\n"
                       "}\n");
    fixture_write_text(dir, "loop.json",
                       "{\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/"
                       "deploymentTemplate.json#\", \"contentVersion\": \"1.0.0.0\",\n"
                       "\"resources\": [{\"type\": \"Microsoft.Network/virtualNetworks\", "
                       "\"apiVersion\": \"2023-04-01\", \"name\": \"[concat('v', copyIndex())]\","
                       " \"copy\": {\"name\": \"c\", \"count\": 1000000000}}]}\n");
    cr_assert_eq(chdir(dir), 0);
    scan_result *r = scan(".");
    for (size_t i = 0; i < sizeof(reporters_all) / sizeof(*reporters_all); i++) {
        for (long n = 0;; n++) {
            FILE *out = fopen("/dev/null", "w");
            cr_assert_not_null(out);
            long before = fault_live_allocations();
            fault_fail_allocation(n);
            int rc = reporters_all[i](out, r, &plain);
            fault_fail_allocation(-1);
            fclose(out);
            cr_assert_eq(fault_live_allocations(), before,
                         "reporter %zu leaks after failing "
                         "allocation %ld",
                         i, n);
            if (rc == 0)
                break;
            cr_assert_eq(rc, -1);
        }
    }
    scan_result_free(r);
}

/* The scan records where each file was read from; out of memory there
 * fails the scan like anywhere else. A file argument keeps discovery out
 * of the way. Leaks are left to LeakSanitizer: realpath's and getcwd's own
 * allocations, freed by the scan, make the wrapper's count drift. */
Test(reporters, scan_out_of_memory_is_returned_at_every_allocation)
{
    /* ARM JSON: the Bicep grammar's scanner does not survive a failed allocation. */
    fixture_write_text(dir, "main.json",
                       "{\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/"
                       "deploymentTemplate.json#\", \"contentVersion\": \"1.0.0.0\",\n"
                       "\"parameters\": {\"p\": {\"type\": \"string\"}}, \"resources\": []}\n");
    fixture_write_text(dir, "main.parameters.json",
                       "{\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/"
                       "deploymentParameters.json#\", \"contentVersion\": \"1.0.0.0\",\n"
                       "\"parameters\": {\"p\": {\"value\": \"x\"}}}\n");
    cr_assert_eq(chdir(dir), 0);
    for (long n = 0;; n++) {
        scan_options so = {0};
        so.paths = (const char *const[]){"main.json"};
        so.path_count = 1;
        fault_fail_allocation(n);
        scan_result *r = NULL;
        int rc = scan_run(&so, &r);
        fault_fail_allocation(-1);
        if (rc == 0 && !scan_result_disk_path(r, "main.parameters.json")) {
            /* The model turns a parameter file it cannot load, for want of
             * memory too, into a warning. */
            cr_assert_gt(scan_result_warning_count(r), 0);
            scan_result_free(r);
            continue;
        }
        if (rc == 0) {
            cr_assert_gt(n, 10, "too few allocations were failed");
            assert_opens(r, "main.parameters.json", "{");
            scan_result_free(r);
            break;
        }
        cr_assert_eq(rc, -1);
        cr_assert_null(r);
    }
}

/* The path map behind the reporters -------------------------------------- */

Test(reporters, disk_paths_of_every_file_read)
{
    fixture_write_text(dir, "main.bicep", "module m './sub/mod.bicep' = {\n  name: 'm'\n}\n");
    fixture_write_text(dir, "main.bicepparam", "using './main.bicep'\n");
    fixture_write_text(dir, "sub/mod.bicep", "param p string = 'x'\n");
    cr_assert_eq(chdir(dir), 0);
    scan_result *r = scan("./");
    assert_opens(r, "main.bicep", "module m");
    assert_opens(r, "main.bicepparam", "using");
    assert_opens(r, "sub/mod.bicep", "param p");
    cr_assert_null(scan_result_disk_path(r, "nothing.bicep"));
    cr_assert_null(scan_result_disk_path(r, "a"));
    cr_assert_null(scan_result_disk_path(r, "zzz"));
    scan_result_free(r);
}

Test(reporters, disk_paths_of_two_arguments_sharing_display_paths)
{
    fixture_write_text(dir, "a/main.bicep", "param p string = 'a'\n");
    fixture_write_text(dir, "b/main.bicep", "param p string = 'b'\n");
    cr_assert_eq(chdir(dir), 0);
    scan_options so = {0};
    so.paths = (const char *const[]){"b", "a"};
    so.path_count = 2;
    scan_result *r = NULL;
    cr_assert_eq(scan_run(&so, &r), 0);
    /* The first read wins. */
    assert_opens(r, "main.bicep", "param p string = 'b'");
    scan_result_free(r);
}

/* --include-passed --------------------------------------------------------- */

static scan_result *scan_recording_passes(const char *path)
{
    scan_options so = {0};
    so.paths = (const char *const[]){path};
    so.path_count = 1;
    so.config.record_passed = true;
    scan_result *r = NULL;
    cr_assert_eq(scan_run(&so, &r), 0);
    return r;
}

static bool has_pass(const scan_result *r, const char *check, const char *resource)
{
    const az_findings *f = scan_result_findings(r);
    for (size_t i = 0; i < az_findings_pass_count(f); i++) {
        const az_pass *p = az_findings_pass(f, i);
        if (strcmp(p->check->meta.id, check) == 0 && strcmp(p->resource, resource) == 0)
            return true;
    }
    return false;
}

Test(reporters, passed_evaluations_are_one_per_check_and_resource)
{
    /* Two variants: the storage account is public in one only, so AZS201 does not pass;
     * the loop's two instances pass AZS301 once. */
    fixture_write_text(dir, "main.bicep",
                       "param access string = 'Disabled'\n"
                       "resource stg 'Microsoft.Storage/storageAccounts@2023-01-01' = [for i in "
                       "range(0, 2): {\n"
                       "  name: 'st${i}'\n"
                       "  location: 'westeurope'\n"
                       "  kind: 'StorageV2'\n"
                       "  properties: { publicNetworkAccess: access, supportsHttpsTrafficOnly: "
                       "true }\n"
                       "}]\n");
    fixture_write_text(dir, "main.bicepparam", "using 'main.bicep'\nparam access = 'Enabled'\n");
    fixture_write_text(dir, "dev.bicepparam", "using 'main.bicep'\nparam access = 'Disabled'\n");
    scan_result *r = scan_recording_passes(dir);
    cr_assert(has_pass(r, "AZS301", "stg"));
    cr_assert_not(has_pass(r, "AZS201", "stg"));
    const az_findings *f = scan_result_findings(r);
    size_t azs301 = 0;
    for (size_t i = 0; i < az_findings_pass_count(f); i++) {
        const az_pass *p = az_findings_pass(f, i);
        azs301 += strcmp(p->check->meta.id, "AZS301") == 0;
        cr_assert_str_eq(p->file, "main.bicep");
        cr_assert_eq(p->range.start_line, 2);
        /* No check that reported on the resource passed it. */
        for (size_t k = 0; k < az_findings_count(f); k++)
            cr_assert(az_findings_get(f, k)->check != p->check, "%s both passed and failed",
                      p->check->meta.id);
    }
    cr_assert_eq(azs301, 1);

    /* JSON lists them only when asked, with a count in the summary. */
    char *without = render(report_json, r, &plain);
    cr_assert_null(strstr(without, "\"passed\""));
    free(without);
    report_options with = {.include_passed = true};
    char *json = render(report_json, r, &with);
    cJSON *doc = cJSON_Parse(json);
    cr_assert_eq((size_t)cJSON_GetArraySize(path(doc, "passed")), az_findings_pass_count(f));
    cr_assert_eq((size_t)num(doc, "summary.passed"), az_findings_pass_count(f));
    cJSON *first = cJSON_GetArrayItem(path(doc, "passed"), 0);
    cr_assert_str_eq(str(first, "file"), "main.bicep");
    cr_assert_eq(num(first, "line"), 2);
    cr_assert_str_eq(str(first, "resource_type"), "Microsoft.Storage/storageAccounts");
    cJSON_Delete(doc);
    free(json);

    /* JUnit makes each a passing case beside the failing ones. */
    char *xml = render(report_junit, r, &with), *failing = render(report_junit, r, &plain);
    assert_contains(xml, "<testcase classname=\"Microsoft.Storage/storageAccounts\" "
                         "name=\"AZS301 https-only: stg\"/>");
    cr_assert_eq(count_of(xml, "<testcase "),
                 count_of(failing, "<testcase ") + az_findings_pass_count(f));
    cr_assert_eq(count_of(xml, "<failure "), count_of(failing, "<failure "));
    char header[128];
    snprintf(header, sizeof(header), "tests=\"%zu\" failures=\"%zu\"", count_of(xml, "<testcase "),
             count_of(xml, "<failure "));
    assert_contains(xml, header);
    free(xml);
    free(failing);
    scan_result_free(r);
}

Test(reporters, passes_are_not_recorded_unless_asked)
{
    scan_result *r = scan(AZSCAN_SOURCE_DIR "/samples/hardened");
    cr_assert_eq(az_findings_pass_count(scan_result_findings(r)), 0);
    scan_result_free(r);
    r = scan_recording_passes(AZSCAN_SOURCE_DIR "/samples/hardened");
    cr_assert_gt(az_findings_pass_count(scan_result_findings(r)), 0);
    cr_assert_eq(az_findings_count(scan_result_findings(r)), 0);
    scan_result_free(r);
}
