/* Baselines: only what a change introduces fails, and fingerprints survive
 * moved lines. */
#include "baseline.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define FIXTURES AZSCAN_TEST_FIXTURES

static scan_result *scan(const char *dir)
{
    const char *paths[] = {dir};
    scan_options o = {0};
    o.paths = paths;
    o.path_count = 1;
    scan_result *r;
    cr_assert_eq(scan_run(&o, &r), 0);
    return r;
}

static size_t counting(const scan_result *r)
{
    const az_findings *f = scan_result_findings(r);
    size_t n = 0;
    for (size_t i = 0; i < az_findings_count(f); i++) {
        const az_finding *x = az_findings_get(f, i);
        n += !x->suppressed && !x->baselined && x->severity != AZ_SEVERITY_NOTE;
    }
    return n;
}

/* Writes the baseline of `dir` to a temporary file; the caller unlinks it. */
static void make_baseline(const char *dir, char *path)
{
    strcpy(path, "/tmp/azscan-baseline-XXXXXX");
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    FILE *f = fdopen(fd, "w");
    scan_result *r = scan(dir);
    cr_assert_gt(counting(r), 0);
    cr_assert_eq(baseline_write(f, r), 0);
    fclose(f);
    scan_result_free(r);
}

Test(baseline, the_same_findings_all_match)
{
    char path[64], err[256];
    make_baseline(FIXTURES "/baseline", path);
    scan_result *r = scan(FIXTURES "/baseline");
    size_t unmatched = 99;
    cr_assert_eq(baseline_apply(path, r, &unmatched, err, sizeof(err)), 0, "%s", err);
    cr_assert_eq(unmatched, 0);
    cr_assert_eq(counting(r), 0);
    scan_result_free(r);
    unlink(path);
}

Test(baseline, ten_lines_lower_and_one_new_misconfiguration)
{
    char path[64], err[256];
    make_baseline(FIXTURES "/baseline", path);
    /* The same template ten blank lines lower, with allowBlobPublicAccess added. */
    scan_result *r = scan(FIXTURES "/baseline-new");
    size_t unmatched = 99;
    cr_assert_eq(baseline_apply(path, r, &unmatched, err, sizeof(err)), 0, "%s", err);
    cr_assert_eq(unmatched, 0, "a fingerprint depended on line numbers");
    cr_assert_eq(counting(r), 1);
    const az_findings *f = scan_result_findings(r);
    for (size_t i = 0; i < az_findings_count(f); i++) {
        const az_finding *x = az_findings_get(f, i);
        if (!x->baselined && x->severity != AZ_SEVERITY_NOTE)
            cr_assert_str_eq(x->check->meta.id, "AZS303");
    }
    scan_result_free(r);
    unlink(path);
}

Test(baseline, entries_without_a_finding_are_counted)
{
    char err[256];
    char path[] = "/tmp/azscan-baseline-XXXXXX";
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    const char *text = "{\"version\": 1, \"fingerprints\": [\"00000000000000000000000000000000\"]}";
    cr_assert_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    scan_result *r = scan(FIXTURES "/baseline");
    size_t unmatched = 0;
    cr_assert_eq(baseline_apply(path, r, &unmatched, err, sizeof(err)), 0);
    cr_assert_eq(unmatched, 1);
    cr_assert_gt(counting(r), 0);
    scan_result_free(r);
    unlink(path);
}

Test(baseline, a_malformed_or_missing_file_is_an_error_naming_it)
{
    char err[256];
    char path[] = "/tmp/azscan-baseline-XXXXXX";
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    cr_assert_eq(write(fd, "[1, 2", 5), 5);
    close(fd);
    scan_result *r = scan(FIXTURES "/baseline");
    size_t unmatched;
    cr_assert_eq(baseline_apply(path, r, &unmatched, err, sizeof(err)), -1);
    cr_assert(strstr(err, path) && strstr(err, "not an azscan baseline"), "%s", err);
    cr_assert_eq(baseline_apply("/no/such/baseline.json", r, &unmatched, err, sizeof(err)), -1);
    cr_assert(strstr(err, "/no/such/baseline.json"), "%s", err);
    scan_result_free(r);
    unlink(path);
}
