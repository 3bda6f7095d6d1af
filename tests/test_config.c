/* .azscan.json: loading and validation, lookup, and its effect on a scan. */
#include "config.h"
#include "fs_fixture.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

TestSuite(config, .init = setup, .fini = teardown);

static az_config *load_text(const char *text)
{
    fixture_write_text(dir, ".azscan.json", text);
    char *path = fixture_path(dir, ".azscan.json");
    az_config *c = NULL;
    char err[600];
    int rc = az_config_load(&c, path, err, sizeof(err));
    cr_assert_eq(rc, 0, "load failed: %s", err);
    free(path);
    return c;
}

/* Loading `text` fails with an error that ends with `expected`, after the path. */
static void assert_load_error(const char *text, const char *expected)
{
    fixture_write_text(dir, ".azscan.json", text);
    char *path = fixture_path(dir, ".azscan.json");
    az_config *c = NULL;
    char err[600];
    cr_assert_eq(az_config_load(&c, path, err, sizeof(err)), -1, "loaded: %s", text);
    cr_assert_null(c);
    cr_assert_eq(strncmp(err, path, strlen(path)), 0, "no path in: %s", err);
    cr_assert_str_eq(err + strlen(path), expected);
    free(path);
}

Test(config, reads_every_setting)
{
    fixture_write_text(dir, "prod.bicepparam", "using 'main.bicep'\n");
    az_config *c =
        load_text("{\n"
                  "  // comments and trailing commas, as in ARM templates\n"
                  "  \"$schema\": \"https://example.invalid/azscan.schema.json\",\n"
                  "  \"checks\": {\"enabled\": [\"AZS2\", \"key-vault-purge-protection\"],\n"
                  "             \"disabled\": [\"AZS210\"]},\n"
                  "  \"severity\": {\"AZS204\": \"high\"},\n"
                  "  \"exclude\": [\"tests\", \"./legacy/*.json\", \"gen/\"],\n"
                  "  \"allowedLocations\": [\"westeurope\"],\n"
                  "  \"requiredTags\": [\"owner\", \"cost\\u0043enter\"],\n"
                  "  \"failOn\": \"medium\",\n"
                  "  \"parameterFiles\": {\"infra/*.bicep\": \"prod.bicepparam\"},\n"
                  "}\n");
    cr_assert(c->has_enabled && c->has_disabled && c->has_locations && c->has_tags &&
              c->has_fail_on);
    cr_assert_eq(c->enabled_count, 2);
    cr_assert_str_eq(c->enabled[1], "key-vault-purge-protection");
    cr_assert_eq(c->disabled_count, 1);
    cr_assert_eq(c->severity_count, 1);
    cr_assert_eq(c->severities[0].severity, AZ_SEVERITY_HIGH);
    cr_assert_eq(c->exclude_count, 3);
    cr_assert_str_eq(c->excludes[0], "**/tests");
    cr_assert_str_eq(c->excludes[1], "legacy/*.json");
    cr_assert_str_eq(c->excludes[2], "**/gen");
    cr_assert_str_eq(c->allowed_locations[0], "westeurope");
    cr_assert_null(c->allowed_locations[1]);
    cr_assert_str_eq(c->required_tags[1], "costCenter");
    cr_assert_eq(c->fail_on, AZ_SEVERITY_MEDIUM);
    cr_assert_eq(c->param_file_count, 1);
    cr_assert_str_eq(c->param_files[0].pattern, "infra/*.bicep");
    cr_assert(strstr(c->param_files[0].param_file, "/prod.bicepparam"));
    az_config_free(c);
}

Test(config, an_empty_object_sets_nothing)
{
    az_config *c = load_text("{}");
    cr_assert_not(c->has_enabled || c->has_disabled || c->has_locations || c->has_tags ||
                  c->has_fail_on);
    cr_assert_eq(c->exclude_count + c->severity_count + c->param_file_count, 0);
    az_config_free(c);
}

Test(config, rejects_unknown_keys_and_wrong_types_with_their_place)
{
    assert_load_error("{\n  \"failon\": \"high\"\n}",
                      ":2:3: unknown key 'failon' (expected checks, severity, exclude, "
                      "allowedLocations, requiredTags, failOn or parameterFiles)");
    assert_load_error("{\"checks\": {\"enable\": []}}",
                      ":1:13: unknown key 'checks.enable' (expected enabled or disabled)");
    assert_load_error("{\"exclude\": \"tests\"}",
                      ":1:13: 'exclude' must be an array of strings, not a string");
    assert_load_error("{\"allowedLocations\": [\"a\", 3]}",
                      ":1:28: 'allowedLocations' must be an array of strings; item 2 is a number");
    assert_load_error("{\"failOn\": true}", ":1:12: 'failOn' must be a string, not a boolean");
    assert_load_error("{\"failOn\": \"severe\"}",
                      ":1:12: 'failOn': unknown severity 'severe' (expected critical, high, "
                      "medium or low)");
    assert_load_error("{\"checks\": []}",
                      ":1:12: 'checks' must be an object with \"enabled\" and \"disabled\"");
    assert_load_error("{\"checks\": {\"disabled\": [\"AZS999\"]}}",
                      ":1:26: 'checks.disabled': no check matches 'AZS999' (see azscan checks)");
    assert_load_error("{\"severity\": {\"nope\": \"low\"}}",
                      ":1:15: 'severity': no check matches 'nope' (see azscan checks)");
    assert_load_error("{\"severity\": {\"AZS101\": \"note\"}}",
                      ":1:25: 'severity': unknown severity 'note' (expected critical, high, "
                      "medium or low)");
    assert_load_error("{\"exclude\": [\"a//b\"]}", ":1:14: 'exclude': invalid glob 'a//b'");
    assert_load_error("{\"exclude\": [\"/abs\"]}",
                      ":1:14: 'exclude': invalid glob '/abs' (globs are relative to the config "
                      "file's folder)");
    assert_load_error("{\"parameterFiles\": {\"main.bicep\": \"missing.json\"}}",
                      ":1:35: 'parameterFiles': 'missing.json' is not a file");
    assert_load_error("{\"failOn\": \"low\", \"failOn\": \"high\"}",
                      ":1:19: duplicate key 'failOn'");
    assert_load_error("[1]", ":1:1: the configuration must be an object, not an array");
}

Test(config, rejects_what_is_not_json)
{
    assert_load_error("", ":1:1: empty configuration: expected an object");
    assert_load_error("{\"failOn\": }", ":1:11: missing 'string'");
    fixture_write(dir, ".azscan.json", "{\0}", 3);
    char *path = fixture_path(dir, ".azscan.json");
    az_config *c;
    char err[600];
    cr_assert_eq(az_config_load(&c, path, err, sizeof(err)), -1);
    cr_assert(strstr(err, "binary file"), "%s", err);
    free(path);
    cr_assert_eq(az_config_load(&c, "/no/such/.azscan.json", err, sizeof(err)), -1);
    cr_assert_str_eq(err, "/no/such/.azscan.json: no such file or directory");
}

Test(config, bounds_the_number_of_items)
{
    size_t cap = 1100 * 6 + 64;
    char *text = malloc(cap);
    strcpy(text, "{\"requiredTags\": [");
    for (int i = 0; i < 1100; i++)
        strcat(text, i ? ",\"t\"" : "\"t\"");
    strcat(text, "]}");
    assert_load_error(text, ":1:18: 'requiredTags' has more than 1024 items");
    free(text);
}

Test(config, is_found_upward_until_the_repository_root)
{
    fixture_mkdir(dir, "repo/.git");
    fixture_mkdir(dir, "repo/infra/app");
    fixture_write_text(dir, ".azscan.json", "{}");
    char *start = fixture_path(dir, "repo/infra/app");
    /* Above the repository root does not count. */
    cr_assert_null(az_config_find(start));
    fixture_write_text(dir, "repo/.azscan.json", "{}");
    char *found = az_config_find(start);
    char *expected = fixture_path(dir, "repo/.azscan.json");
    cr_assert_not_null(found);
    cr_assert(strstr(found, "/repo/.azscan.json"), "%s", found);
    free(found);
    /* A file starts from its folder; the nearest file wins. */
    fixture_write_text(dir, "repo/infra/.azscan.json", "{}");
    fixture_write_text(dir, "repo/infra/app/main.bicep", "");
    char *file = fixture_path(dir, "repo/infra/app/main.bicep");
    found = az_config_find(file);
    cr_assert(strstr(found, "/repo/infra/.azscan.json"), "%s", found);
    free(found);
    free(file);
    free(expected);
    free(start);
}

Test(config, excludes_paths_and_their_folders)
{
    az_config *c = load_text("{\"exclude\": [\"tests\", \"legacy/*.json\", \"a/**/gen\"]}");
    cr_assert(az_config_excludes(c, "tests"));
    cr_assert(az_config_excludes(c, "infra/tests/main.bicep"));
    cr_assert(az_config_excludes(c, "legacy/old.json"));
    cr_assert_not(az_config_excludes(c, "legacy/sub/old.json"));
    cr_assert(az_config_excludes(c, "a/b/gen/x.bicep"));
    cr_assert_not(az_config_excludes(c, "infra/main.bicep"));
    cr_assert_not(az_config_excludes(c, "testsuite/main.bicep"));
    cr_assert_not(az_config_excludes(c, ""));
    az_config_free(c);
}

Test(config, maps_parameter_files_first_match_wins)
{
    fixture_write_text(dir, "a.json", "{}");
    fixture_write_text(dir, "b.json", "{}");
    az_config *c = load_text("{\"parameterFiles\": {\"infra/main.bicep\": \"a.json\", "
                             "\"infra/*.bicep\": \"b.json\"}}");
    cr_assert(strstr(az_config_param_file_for(c, "infra/main.bicep"), "/a.json"));
    cr_assert(strstr(az_config_param_file_for(c, "infra/other.bicep"), "/b.json"));
    cr_assert_null(az_config_param_file_for(c, "main.bicep"));
    az_config_free(c);
}

/* The CLI ---------------------------------------------------------------- */

static const char vault[] = "param location string = 'eastus'\n"
                            "resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {\n"
                            "  name: 'kv'\n"
                            "  location: location\n"
                            "  properties: {\n"
                            "    tenantId: subscription().tenantId\n"
                            "    sku: { family: 'A', name: 'standard' }\n"
                            "  }\n"
                            "}\n";

#define AZSCAN(...) fixture_azscan(dir, (const char *const[]){"scan", __VA_ARGS__, NULL}, 0)

static void assert_exit(const fixture_run_result *r, int code)
{
    cr_assert_eq(r->exit_code, code, "exit %d, expected %d\nstdout: %s\nstderr: %s", r->exit_code,
                 code, r->out, r->err);
}

static void assert_has(const char *text, const char *needle, bool expected)
{
    cr_assert_eq(strstr(text, needle) != NULL, expected, "\"%s\" %s in:\n%s", needle,
                 expected ? "missing" : "present", text);
}

Test(config, cli_flags_win_over_the_file)
{
    fixture_write_text(dir, "main.bicep", vault);
    fixture_write_text(dir, ".azscan.json",
                       "{\"failOn\": \"critical\", \"checks\": {\"disabled\": [\"AZS2\"]},\n"
                       " \"allowedLocations\": [\"westeurope\"]}");
    fixture_run_result r = AZSCAN("main.bicep");
    /* Nothing critical: the file's threshold passes the gate. */
    assert_exit(&r, 0);
    assert_has(r.out, "AZS311", true);
    assert_has(r.out, "AZS201", false);
    assert_has(r.out, "AZS601", true);
    fixture_run_result_free(&r);

    r = AZSCAN("main.bicep", "--fail-on", "medium", "--skip-check", "AZS311", "--allowed-locations",
               "eastus");
    assert_exit(&r, 1);
    assert_has(r.out, "AZS311", false);
    assert_has(r.out, "AZS201", true);
    assert_has(r.out, "AZS601", false);
    fixture_run_result_free(&r);

    /* --no-config ignores the file altogether. */
    r = AZSCAN("--no-config", "main.bicep");
    assert_exit(&r, 1);
    assert_has(r.out, "AZS201", true);
    assert_has(r.out, "AZS601", false);
    fixture_run_result_free(&r);
}

Test(config, enables_checks_and_overrides_severities)
{
    fixture_write_text(dir, "main.bicep", vault);
    fixture_write_text(
        dir, ".azscan.json",
        "{\"checks\": {\"enabled\": [\"AZS3\"]}, \"severity\": {\"AZS3\": \"low\", \"AZS311\": "
        "\"critical\"}}");
    fixture_run_result r = AZSCAN("main.bicep", "--format", "json");
    assert_exit(&r, 1);
    assert_has(r.out, "\"AZS311\"", true);
    assert_has(r.out, "\"critical\"", true);
    assert_has(r.out, "\"AZS105\"", false);
    fixture_run_result_free(&r);
}

Test(config, excludes_folders_from_the_walk)
{
    fixture_write_text(dir, "infra/main.bicep", vault);
    fixture_write_text(dir, "infra/tests/main.bicep", vault);
    fixture_write_text(dir, ".azscan.json", "{\"exclude\": [\"tests\"]}");
    fixture_run_result r = AZSCAN("infra", "--verbose", "--format", "github");
    assert_exit(&r, 1);
    assert_has(r.out, "file=infra/main.bicep", true);
    assert_has(r.out, "tests/main.bicep", false);
    assert_has(r.err, "tests: skipped: excluded by the configuration", true);
    assert_has(r.err, "using configuration", true);
    fixture_run_result_free(&r);
    /* A file named on the command line is excluded too (as pre-commit names them). */
    r = AZSCAN("infra/tests/main.bicep");
    assert_exit(&r, 0);
    assert_has(r.err, "excluded by the configuration", true);
    fixture_run_result_free(&r);
}

Test(config, maps_a_template_to_its_parameter_file)
{
    fixture_write_text(dir, "main.bicep", vault);
    fixture_write_text(dir, "prod.bicepparam", "using 'main.bicep'\nparam location = 'westus'\n");
    fixture_write_text(dir, "params/dev.bicepparam",
                       "using '../main.bicep'\nparam location = 'northeurope'\n");
    fixture_write_text(dir, ".azscan.json",
                       "{\"parameterFiles\": {\"main.bicep\": \"params/dev.bicepparam\"},"
                       " \"allowedLocations\": [\"westeurope\"]}");
    fixture_run_result r = AZSCAN(".", "--check", "AZS601", "--format", "github");
    assert_exit(&r, 1);
    assert_has(r.out, "'northeurope'", true);
    assert_has(r.out, "'westus'", false);
    fixture_run_result_free(&r);
    /* --param-file wins. */
    r = AZSCAN(".", "--check", "AZS601", "--format", "github", "--param-file", "prod.bicepparam");
    assert_has(r.out, "'westus'", true);
    assert_has(r.out, "'northeurope'", false);
    fixture_run_result_free(&r);
}

Test(config, a_bad_file_is_a_usage_error)
{
    fixture_write_text(dir, "main.bicep", vault);
    fixture_write_text(dir, ".azscan.json", "{\n  \"checks\": {\"disabled\": \"AZS2\"}\n}\n");
    fixture_run_result r = AZSCAN("main.bicep", "--soft-fail");
    assert_exit(&r, 2);
    assert_has(r.err,
               ".azscan.json:2:26: 'checks.disabled' must be an array of strings, not a string",
               true);
    assert_has(r.out, "AZS", false);
    fixture_run_result_free(&r);

    r = AZSCAN("main.bicep", "--config", "missing.json");
    assert_exit(&r, 2);
    assert_has(r.err, "missing.json: no such file or directory", true);
    fixture_run_result_free(&r);

    r = AZSCAN("main.bicep", "--config", "x.json", "--no-config");
    assert_exit(&r, 2);
    fixture_run_result_free(&r);

    /* --config names another file; the broken one is not read. */
    fixture_write_text(dir, "ok.json", "{\"failOn\": \"critical\"}");
    r = AZSCAN("main.bicep", "--config", "ok.json");
    assert_exit(&r, 0);
    fixture_run_result_free(&r);
}
