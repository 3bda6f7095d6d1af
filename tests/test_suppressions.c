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

/* The note-level finding of `check` on `line`, or NULL. */
static const az_finding *note(const char *check, unsigned line)
{
    const az_findings *f = scan_result_findings(R);
    for (size_t i = 0; i < az_findings_count(f); i++) {
        const az_finding *x = az_findings_get(f, i);
        if (x->severity == AZ_SEVERITY_NOTE && strcmp(x->check->meta.id, check) == 0 &&
            x->range.start_line == line)
            return x;
    }
    return NULL;
}

static size_t note_count(void)
{
    size_t n = 0;
    for (size_t i = 0; i < az_findings_count(scan_result_findings(R)); i++)
        n += az_findings_get(scan_result_findings(R), i)->severity == AZ_SEVERITY_NOTE;
    return n;
}

static bool warned(unsigned line, unsigned column, const char *text)
{
    for (size_t i = 0; i < scan_result_warning_count(R); i++) {
        const scan_warning *w = scan_result_warning(R, i);
        if (w->line == line && w->column == column && strstr(w->message, text))
            return true;
    }
    return false;
}

Test(suppressions, bicep_unused_and_malformed_comments)
{
    scan("unused.bicep");
    /* A comment whose next line has no finding of its check is reported, at the comment. */
    const az_finding *stale = note("AZS303", 12);
    cr_assert_not_null(stale);
    cr_assert_eq(stale->range.start_column, 5);
    cr_assert_str_eq(stale->message, "Unused suppression: no AZS303 storage-blob-public-access "
                                     "finding starts on line 13; remove it, or move it to the "
                                     "line before the finding");
    cr_assert_not_null(note("AZS301", 18), "Bicep's directive is checked too");
    /* A comment naming no check suppresses nothing, with a warning. */
    cr_assert_not(finding("AZS303", 15)->suppressed);
    cr_assert(warned(14, 5, "names no check"));
    /* An unknown name is a warning; the other names still apply. */
    cr_assert(warned(16, 33, "'AZS999' is not a check id or name"));
    cr_assert_null(note("AZS201", 16));
    /* Bicep linter rules in #disable-next-line are not ours: no warning, no note. */
    cr_assert_not(warned(1, 1, "no-unused-params"));
    cr_assert_not(warned(18, 24, "no-hardcoded-env-urls"));
    cr_assert_eq(scan_result_warning_count(R), 2);
    cr_assert_eq(note_count(), 2);
}

Test(suppressions, arm_unused_comments_and_metadata)
{
    scan("unused.json");
    cr_assert_not_null(note("AZS303", 21));
    /* A metadata entry that matched nothing is noted at the entry. */
    const az_finding *entry = note("AZS311", 16);
    cr_assert_not_null(entry);
    cr_assert_eq(entry->range.start_column, 13);
    cr_assert_str_eq(entry->message,
                     "Unused suppression: AZS311 key-vault-purge-protection reports nothing on "
                     "Storage account 'stgunused'; remove the entry from metadata.azscan.suppress");
    /* The AZS202 entry is used: no note for it. */
    cr_assert_null(note("AZS202", 15));
    cr_assert_eq(note_count(), 2);
}

Test(suppressions, an_unselected_check_has_no_unused_metadata_note)
{
    static char path[512];
    snprintf(path, sizeof(path), "%s/%s", DIR, "unused.json");
    const char *paths[] = {path};
    const char *skip[] = {"AZS311"};
    scan_options o = {0};
    o.paths = paths;
    o.path_count = 1;
    o.exclude = skip;
    o.exclude_count = 1;
    cr_assert_eq(scan_run(&o, &R), 0);
    cr_assert_null(note("AZS311", 16));
    cr_assert_not_null(note("AZS303", 21));
}

Test(suppressions, an_unselected_check_has_no_unused_comment_note)
{
    static char path[512];
    snprintf(path, sizeof(path), "%s/%s", DIR, "unused.bicep");
    const char *paths[] = {path};
    const char *only[] = {"AZS2"};
    scan_options o = {0};
    o.paths = paths;
    o.path_count = 1;
    o.include = only;
    o.include_count = 1;
    cr_assert_eq(scan_run(&o, &R), 0);
    cr_assert_eq(note_count(), 0);
}

/* finding(), in a file whose display path ends in `file` (display paths
 * start at the working directory when it holds the fixtures). */
static const az_finding *finding_in(const char *file, const char *check, unsigned line)
{
    const az_finding *f = finding(check, line);
    size_t n = strlen(f->file), k = strlen(file);
    cr_assert(n >= k && strcmp(f->file + n - k, file) == 0 && (n == k || f->file[n - k - 1] == '/'),
              "%s %u is in %s", check, line, f->file);
    return f;
}

/* A module is read only by the build of the template that uses it: its
 * comments are found as the build reads it, and columns count code points. */
Test(suppressions, in_a_module_read_only_by_its_caller)
{
    scan("modules/main.bicep");
    const az_finding *pna = finding_in("storage.bicep", "AZS201", 10);
    cr_assert(pna->suppressed);
    cr_assert_str_eq(pna->justification, "the module's own reason");
    cr_assert_not_null(note("AZS303", 11));
    cr_assert_eq(note_count(), 1);
    cr_assert(warned(13, 33, "'café' is not a check id or name"));
    cr_assert(warned(13, 38, "'AZS999' is not a check id or name"));
    cr_assert_eq(scan_result_warning_count(R), 2);
}

/* A file that is read but not modeled (a parameter file of no template)
 * still has its comments checked. */
Test(suppressions, in_a_file_that_is_not_modeled)
{
    scan("params");
    const az_finding *n = note("AZS201", 4);
    cr_assert_not_null(n);
    finding_in("orphan.parameters.json", "AZS201", 4);
    cr_assert_eq(n->range.start_column, 3);
    cr_assert_eq(n->range.end_column, 63);
}
