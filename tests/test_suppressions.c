/* Suppressions: comments on the line before a finding, and ARM metadata. */
#include "scan.h"

#include <criterion/criterion.h>
#include <string.h>

#define DIR AZSCAN_TEST_FIXTURES "/suppressions"

static scan_result *R;

static void teardown(void)
{
    scan_result_free(R);
    R = NULL;
}

TestSuite(suppressions, .fini = teardown);

static void scan(const char *file)
{
    static char path[512];
    snprintf(path, sizeof(path), "%s/%s", DIR, file);
    const char *paths[] = {path};
    scan_options o = {0};
    o.paths = paths;
    o.path_count = 1;
    cr_assert_eq(scan_run(&o, &R), 0);
}

/* The finding of `check` on `line`, which must exist. */
static const az_finding *finding(const char *check, unsigned line)
{
    const az_findings *f = scan_result_findings(R);
    for (size_t i = 0; i < az_findings_count(f); i++) {
        const az_finding *x = az_findings_get(f, i);
        if (strcmp(x->check->meta.id, check) == 0 && x->range.start_line == line)
            return x;
    }
    cr_assert_fail("no %s finding on line %u", check, line);
    return NULL;
}

Test(suppressions, bicep_comments_by_id_or_name_with_a_justification)
{
    scan("suppressed.bicep");
    const az_finding *pna = finding("AZS201", 10);
    cr_assert(pna->suppressed);
    cr_assert_str_eq(pna->justification, "served behind Front Door until Q3");
    /* Bicep's own directive suppresses too, without a reason. */
    const az_finding *blob = finding("AZS303", 12);
    cr_assert(blob->suppressed);
    cr_assert_null(blob->justification);
    /* A comment naming another check suppresses nothing. */
    cr_assert_not(finding("AZS301", 14)->suppressed);
    /* A finding on a line with no comment before it is not suppressed. */
    cr_assert_not(finding("AZS106", 1)->suppressed);
}

Test(suppressions, arm_comments_and_resource_metadata)
{
    scan("suppressed.json");
    const az_finding *pna = finding("AZS201", 19);
    cr_assert(pna->suppressed);
    cr_assert_str_eq(pna->justification, "served behind Front Door until Q3");
    /* metadata.azscan.suppress covers the whole resource. */
    const az_finding *pe = finding("AZS202", 6);
    cr_assert(pe->suppressed);
    cr_assert_str_eq(pe->justification, "a private endpoint is added by the platform team");
    cr_assert_not(finding("AZS303", 20)->suppressed);
}

Test(suppressions, without_a_reason_they_do_not_count_when_reasons_are_required)
{
    static char path[512];
    snprintf(path, sizeof(path), "%s/%s", DIR, "suppressed.bicep");
    const char *paths[] = {path};
    scan_options o = {0};
    o.paths = paths;
    o.path_count = 1;
    o.config.require_justification = true;
    cr_assert_eq(scan_run(&o, &R), 0);
    cr_assert(finding("AZS201", 10)->suppressed, "a suppression with a reason still counts");
    cr_assert_not(finding("AZS303", 12)->suppressed, "#disable-next-line gives no reason");
}
