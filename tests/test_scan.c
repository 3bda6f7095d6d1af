/* The scan pipeline: one report per problem file, and files that cannot be
 * read or parsed are not modelled. */
#include "fault.h"
#include "fs_fixture.h"
#include "scan.h"

#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

/* Each test's files, removed with everything in it afterwards. */
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

TestSuite(scan, .init = setup, .fini = teardown);

Test(scan, invalid_utf8_is_reported_once_with_its_position)
{
    fixture_write_text(dir, "bad.bicep", "param a string = 'caf\xe9'\n");
    char *path = fixture_path(dir, "bad.bicep");

    const char *paths[] = {path};
    scan_options o = {0};
    o.paths = paths;
    o.path_count = 1;
    scan_result *r;
    cr_assert_eq(scan_run(&o, &r), 0);
    cr_assert_eq(scan_result_error_count(r), 1);
    const scan_error *e = scan_result_error(r, 0);
    cr_assert(e->has_position);
    cr_assert_eq(e->line, 1);
    cr_assert_eq(e->column, 22);
    cr_assert(strstr(e->message, "invalid UTF-8"));
    cr_assert_eq(scan_result_template_count(r), 0);
    scan_result_free(r);
    free(path);
}

/* Everything a result says, in order, as text. */
static char *describe(const scan_result *r)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    cr_assert(out);
    fprintf(out, "files %zu templates %zu\n", scan_result_file_count(r),
            scan_result_template_count(r));
    const az_findings *fs = scan_result_findings(r);
    for (size_t i = 0; i < az_findings_count(fs); i++) {
        const az_finding *f = az_findings_get(fs, i);
        fprintf(out, "finding %s %s:%u:%u %s %s %s %s %s %d %s\n", f->check->meta.id, f->file,
                f->range.start_line, f->range.start_column, f->resource_type, f->resource,
                f->variant ? f->variant : "-", f->property ? f->property : "-", f->message,
                f->suppressed, f->justification ? f->justification : "-");
        for (size_t k = 0; k < f->related_count; k++)
            fprintf(out, "  related %s:%u %s\n", f->related[k].file, f->related[k].range.start_line,
                    f->related[k].label);
        fprintf(out, "  disk %s\n", scan_result_disk_path(r, f->file));
    }
    for (size_t i = 0; i < scan_result_error_count(r); i++) {
        const scan_error *e = scan_result_error(r, i);
        fprintf(out, "error %s:%u:%u %s\n", e->file, e->line, e->column, e->message);
    }
    for (size_t i = 0; i < scan_result_warning_count(r); i++) {
        const scan_warning *w = scan_result_warning(r, i);
        fprintf(out, "warning %s:%u:%u %s\n", w->file ? w->file : "-", w->line, w->column,
                w->message);
    }
    for (size_t i = 0; i < scan_result_note_count(r); i++) {
        const scan_note *n = scan_result_note(r, i);
        fprintf(out, "note %d %s %s\n", (int)n->kind, n->path, n->reason);
    }
    fclose(out);
    return text;
}

static char *scan_described(const char *const *paths, size_t count, unsigned jobs)
{
    scan_options o = {0};
    o.paths = paths;
    o.path_count = count;
    o.jobs = jobs;
    scan_result *r;
    cr_assert_eq(scan_run(&o, &r), 0);
    char *text = describe(r);
    scan_result_free(r);
    return text;
}

/* Errors, warnings, a module two templates share, and a suppression, in
 * `dir` beside the samples and the checks' fixtures; a missing path too.
 * Returns the number of paths. */
static size_t write_mixed(const char *paths[4])
{
    fixture_write_text(dir, "bad.bicep", "var x = (\n");
    fixture_write(dir, "binary.bicep", "a\0b", 3);
    fixture_write_text(dir, "shared.bicep",
                       "param access string\n"
                       "resource st 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n"
                       "  name: 'st'\n"
                       "  location: 'westeurope'\n"
                       "  properties: { publicNetworkAccess: access }\n"
                       "}\n");
    fixture_write_text(dir, "a.bicep",
                       "module m './shared.bicep' = { name: 'm', params: { access: 'Enabled' } }\n"
                       "var r = range(0, 2000000000)\n");
    fixture_write_text(dir, "b.bicep",
                       "module m './shared.bicep' = { name: 'm', params: { access: 'Enabled' } }\n"
                       "module n '../../outside.bicep' = { name: 'n' }\n");
    fixture_write_text(dir, "c.bicep",
                       "resource st 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n"
                       "  name: 'st'\n"
                       "  location: 'westeurope'\n"
                       "  // azscan-disable-next-line AZS201: behind a firewall\n"
                       "  properties: { publicNetworkAccess: 'Enabled' }\n"
                       "}\n");
    paths[0] = AZSCAN_SOURCE_DIR "/samples";
    paths[1] = dir;
    paths[2] = AZSCAN_SOURCE_DIR "/checks";
    paths[3] = "/nonexistent";
    return 4;
}

Test(scan, gives_the_same_result_whatever_the_number_of_jobs)
{
    const char *paths[4];
    size_t count = write_mixed(paths);
    char *serial = scan_described(paths, count, 1);
    cr_assert(strstr(serial, "finding AZS201"));
    cr_assert(strstr(serial, "error bad.bicep:1:1"));
    cr_assert(strstr(serial, "error binary.bicep"));
    cr_assert(strstr(serial, "warning a.bicep"));
    cr_assert(strstr(serial, "warning b.bicep"));
    cr_assert(strstr(serial, "behind a firewall"));
    unsigned jobs[] = {2, 4, 0};
    for (size_t j = 0; j < sizeof(jobs) / sizeof(*jobs); j++) {
        char *parallel = scan_described(paths, count, jobs[j]);
        cr_assert_str_eq(parallel, serial, "--jobs %u differs", jobs[j]);
        free(parallel);
    }
    free(serial);
}

/* Results wait in a temporary file (spill.h) until the scan ends. Without
 * one, or when it stops taking them (here: a file size limit, well below
 * the 500 KB or so these results take, met at the first write or after
 * some), they are kept in memory, and the result is the same. */
Test(scan, gives_the_same_result_whatever_becomes_of_its_spill)
{
    const char *paths[4];
    size_t count = write_mixed(paths);
    char *spilled = scan_described(paths, count, 2);
    char *tmpdir = getenv("TMPDIR") ? strdup(getenv("TMPDIR")) : NULL;
    cr_assert_eq(setenv("TMPDIR", "/nonexistent/tmp", 1), 0);
    char *in_memory = scan_described(paths, count, 2);
    cr_assert_str_eq(in_memory, spilled);
    free(in_memory);
    if (tmpdir)
        setenv("TMPDIR", tmpdir, 1);
    else
        unsetenv("TMPDIR");
    free(tmpdir);

    signal(SIGXFSZ, SIG_IGN);
    struct rlimit limit;
    cr_assert_eq(getrlimit(RLIMIT_FSIZE, &limit), 0);
    rlim_t sizes[] = {4096, 100000};
    unsigned jobs[] = {1, 2};
    for (size_t k = 0; k < 2; k++) {
        limit.rlim_cur = sizes[k];
        cr_assert_eq(setrlimit(RLIMIT_FSIZE, &limit), 0);
        for (size_t j = 0; j < 2; j++) {
            char *cut_short = scan_described(paths, count, jobs[j]);
            cr_assert_str_eq(cut_short, spilled, "--jobs %u, %zu bytes", jobs[j], (size_t)sizes[k]);
            free(cut_short);
        }
    }
    free(spilled);
}

/* A template that an earlier template loaded as a module is analyzed as
 * itself when its turn comes: with its own defaults, and with its syntax
 * errors reported although the module load took it without complaint. */
Test(scan, analyzes_a_template_loaded_before_as_a_module)
{
    fixture_write_text(dir, "a.bicep",
                       "module z './z.bicep' = { name: 'z', params: { access: 'Disabled' } }\n"
                       "module y './y.bicep' = { name: 'y' }\n");
    fixture_write_text(dir, "y.bicep", "var x = (\n");
    fixture_write_text(dir, "z.bicep",
                       "param access string = 'Enabled'\n"
                       "resource st 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n"
                       "  name: 'st'\n"
                       "  location: 'westeurope'\n"
                       "  properties: { publicNetworkAccess: access }\n"
                       "}\n");
    const char *paths[] = {dir};
    char *text = scan_described(paths, 1, 1);
    cr_assert(strstr(text, "files 3 templates 3\n"), "%s", text);
    cr_assert(strstr(text, "finding AZS201 z.bicep:5:"), "%s", text);
    cr_assert(strstr(text, "error y.bicep:1:1 unexpected"), "%s", text);
    free(text);
}

/* A template's scan root is that of the first path argument it falls
 * under, whichever argument discovered it. A file argument's is its
 * directory here, as the scratch directory is not under the working one. */
Test(scan, gives_each_template_the_root_of_its_argument)
{
    fixture_write_text(dir, "shared/x.bicep", "param p string = 'x'\n");
    const char *uses = "module x '../shared/x.bicep' = { name: 'x' }\n";
    fixture_write_text(dir, "a/main.bicep", uses);
    fixture_write_text(dir, "b/main.bicep", uses);
    char *a = fixture_path(dir, "a/main.bicep");
    const char *paths[] = {a, dir};
    char *text = scan_described(paths, 2, 1);
    const char *outside = "1:10 module path '../shared/x.bicep' resolves outside the scan root; "
                          "not read\n";
    char want[1024];
    snprintf(want, sizeof(want), "files 4 templates 4\nwarning %s:%swarning a/main.bicep:%s", a,
             outside, outside);
    cr_assert_str_eq(text, want);
    free(text);
    free(a);
}

/* Path arguments are scanned one at a time, yet the errors discovery finds
 * still come before the errors of the files, whatever argument they are about. */
Test(scan, lists_discovery_errors_first_across_path_arguments)
{
    fixture_write_text(dir, "bad.bicep", "var x = (\n");
    char *fifo = fixture_path(dir, "fifo.bicep");
    cr_assert_eq(mkfifo(fifo, 0600), 0);
    const char *paths[] = {dir, fifo, dir};
    char *text = scan_described(paths, 3, 1);
    char *unreadable = strstr(text, "\nerror ");
    cr_assert(unreadable, "%s", text);
    char *end = strchr(unreadable + 1, '\n');
    char *reason = strstr(unreadable, "not a regular file");
    cr_assert(reason && reason < end, "%s", text);
    char *bad = strstr(end, "error bad.bicep:1:1");
    cr_assert(bad && strstr(bad + 1, "error bad.bicep:1:1"), "%s", text);
    free(text);
    free(fifo);
}

/* Out of memory anywhere gives -1 and no result, or a whole result when the
 * allocation was one a front end tolerates; the sanitizer build's leak
 * check sees anything left behind, parts of entries in flight on other
 * threads included. */
Test(scan, fails_cleanly_when_memory_runs_out)
{
    fault_route_tree_sitter_around();
    /* ARM JSON only: the Bicep grammar's external scanner cannot survive
     * a failed malloc (tree-sitter's own allocations are routed around). */
    const char *names[] = {"a.json", "b.json", "bad.json", "empty.json"};
    const char *storage =
        "{\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/"
        "deploymentTemplate.json#\", \"resources\": [{\n"
        "  \"type\": \"Microsoft.Storage/storageAccounts\", \"apiVersion\": \"2023-01-01\",\n"
        "  \"name\": \"st\",\n"
        "  // azscan-disable-next-line AZS201: behind a firewall\n"
        "  \"properties\": {\"publicNetworkAccess\": \"Enabled\", \"minimumTlsVersion\": "
        "\"TLS1_0\"}\n"
        "}]}\n";
    fixture_write_text(dir, names[0], storage);
    fixture_write_text(dir, names[1], storage);
    fixture_write_text(dir, names[2],
                       "{\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/"
                       "deploymentTemplate.json#\",,}");
    fixture_write_text(dir, names[3],
                       "{\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/"
                       "deploymentTemplate.json#\"}");
    const char *paths[] = {dir};
    unsigned jobs[] = {1, 2};
    for (size_t j = 0; j < 2; j++) {
        scan_options o = {0};
        o.paths = paths;
        o.path_count = 1;
        o.jobs = jobs[j];
        scan_result *r = NULL;
        long start = fault_allocation_count();
        cr_assert_eq(scan_run(&o, &r), 0);
        cr_assert_gt(az_findings_count(scan_result_findings(r)), 1);
        scan_result_free(r);
        long total = fault_allocation_count() - start;
        long failures = 0;
        /* With 2 jobs, which allocation fails varies from run to run. */
        for (long n = 0; n < total; n++) {
            fault_fail_allocation(n);
            int rc = scan_run(&o, &r);
            fault_fail_allocation(-1);
            if (rc != 0) {
                cr_assert_null(r);
                failures++;
            }
            scan_result_free(r);
        }
        cr_assert_gt(failures, total / 2, "%ld of %ld", failures, total);
    }
}
