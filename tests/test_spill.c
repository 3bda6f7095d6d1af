/* The spill: records come back whole and in order, a failed append keeps
 * what came before, a malformed record is refused, and findings survive
 * the trip. */
#define _GNU_SOURCE /* memmem */
#include "check.h"
#include "fs_fixture.h"
#include "spill.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

/* A record of `n` bytes whose content says which record it is. */
static void fill(char *buf, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++)
        buf[i] = (char)(seed * 31 + i * 7);
}

static void expect_record(spill *s, size_t n, unsigned seed)
{
    const void *data;
    size_t size;
    cr_assert_eq(spill_next(s, &data, &size), 1, "record %u", seed);
    cr_assert_eq(size, n, "record %u", seed);
    char *want = malloc(n ? n : 1);
    fill(want, n, seed);
    cr_assert(n == 0 || memcmp(data, want, n) == 0, "record %u", seed);
    free(want);
}

static size_t size_of(unsigned k)
{
    /* Empty records, small ones and some bigger than any buffer so far. */
    return k % 50 == 49 ? 200000 + k : (size_t)(k * 37 % 300);
}

Test(spill, gives_back_every_record_in_order)
{
    spill *s = spill_open();
    cr_assert(s);
    char *buf = malloc(300000);
    for (unsigned k = 0; k < 500; k++) {
        fill(buf, size_of(k), k);
        cr_assert_eq(spill_append(s, buf, size_of(k)), 0);
    }
    cr_assert_eq(spill_count(s), 500);
    for (unsigned k = 0; k < 500; k++)
        expect_record(s, size_of(k), k);
    const void *data;
    size_t size;
    cr_assert_eq(spill_next(s, &data, &size), 0);
    cr_assert_eq(spill_next(s, &data, &size), 0);
    cr_assert_null(data);
    free(buf);
    spill_close(s);
}

Test(spill, leaves_no_file_behind)
{
    char *dir = fixture_tempdir();
    char *old = getenv("TMPDIR") ? strdup(getenv("TMPDIR")) : NULL;
    setenv("TMPDIR", dir, 1);
    spill *s = spill_open();
    cr_assert(s);
    cr_assert_eq(spill_append(s, "x", 1), 0);
    DIR *d = opendir(dir);
    struct dirent *e;
    while ((e = readdir(d)))
        cr_assert(e->d_name[0] == '.', "%s left in TMPDIR", e->d_name);
    closedir(d);
    spill_close(s);

    setenv("TMPDIR", "/nonexistent/tmp", 1);
    cr_assert_null(spill_open());
    if (old)
        setenv("TMPDIR", old, 1);
    else
        unsetenv("TMPDIR");
    free(old);
    fixture_remove(dir);
    free(dir);
}

/* A file size limit stands for a full disk. Records are gathered before
 * they are written: those gathered when writing fails are read back too. */
Test(spill, keeps_the_records_before_a_failed_append)
{
    size_t sizes[] = {300, 300000};
    for (size_t t = 0; t < 2; t++) {
        spill *s = spill_open();
        cr_assert(s);
        signal(SIGXFSZ, SIG_IGN);
        struct rlimit limit = {100000, 100000};
        cr_assert_eq(setrlimit(RLIMIT_FSIZE, &limit), 0);
        char *buf = malloc(sizes[t]);
        char small[300];
        unsigned k = 0;
        for (;; k++) {
            /* Small records, then (t = 1) one bigger than the file may be. */
            bool big = t == 1 && k == 100;
            fill(big ? buf : small, big ? sizes[t] : sizeof(small), k);
            if (spill_append(s, big ? buf : small, big ? sizes[t] : sizeof(small)) != 0)
                break;
            cr_assert_lt(k, 10000, "the file size limit never stopped a write");
        }
        if (t == 1)
            cr_assert_eq(k, 100, "the big record fails");
        else
            cr_assert_gt(k, 300, "more than 100000 bytes were taken");
        cr_assert_eq(spill_count(s), k);
        for (unsigned i = 0; i < k; i++)
            expect_record(s, sizeof(small), i);
        const void *data;
        size_t size;
        cr_assert_eq(spill_next(s, &data, &size), 0);
        free(buf);
        spill_close(s);
    }
}

Test(spill, refuses_a_file_it_cannot_read_back)
{
    /* Written through a descriptor that cannot be read, with a record big
     * enough to be written at once. */
    char *dir = fixture_tempdir();
    char *path = fixture_path(dir, "spill");
    int fd = open(path, O_WRONLY | O_CREAT, 0600);
    cr_assert_geq(fd, 0);
    spill *s = spill_open_fd(fd);
    char *big = calloc(1, 200000);
    cr_assert_eq(spill_append(s, big, 200000), 0);
    const void *data;
    size_t size;
    cr_assert_eq(spill_next(s, &data, &size), -1);
    free(big);
    spill_close(s);
    fixture_remove(dir);
    free(path);
    free(dir);
}

Test(spill, reads_back_what_a_record_holds)
{
    spill_record r = {0};
    spill_record_u32(&r, 7);
    spill_record_u64(&r, UINT64_MAX);
    spill_record_str(&r, "hello");
    spill_record_str(&r, NULL);
    spill_record_str(&r, "");
    spill_record_bytes(&r, "a\0b", 3);
    spill_record_bytes(&r, NULL, 0);
    cr_assert_not(r.failed);
    spill_reader in = spill_reader_of(r.data, r.size);
    cr_assert_eq(spill_reader_u32(&in), 7);
    cr_assert_eq(spill_reader_u64(&in), UINT64_MAX);
    cr_assert_str_eq(spill_reader_str(&in), "hello");
    cr_assert_null(spill_reader_str(&in));
    cr_assert_str_eq(spill_reader_str(&in), "");
    size_t n;
    const char *bytes = spill_reader_bytes(&in, &n);
    cr_assert_eq(n, 3);
    cr_assert_eq(memcmp(bytes, "a\0b", 3), 0);
    cr_assert_null(spill_reader_bytes(&in, &n));
    cr_assert_eq(n, 0);
    cr_assert_not(in.failed);
    cr_assert_eq(in.at, in.end);
    /* Past the end: zero, and failed from then on. */
    cr_assert_eq(spill_reader_u32(&in), 0);
    cr_assert(in.failed);
    spill_record_free(&r);
}

Test(spill, refuses_malformed_strings)
{
    spill_record r = {0};
    /* A length past the end. */
    spill_record_u64(&r, 100);
    spill_record_bytes(&r, "abc", 3);
    spill_reader in = spill_reader_of(r.data, r.size);
    cr_assert_null(spill_reader_str(&in));
    cr_assert(in.failed);
    /* No NUL at the end, and a NUL inside. */
    const char *bad[] = {"abcd", "a\0cd"};
    for (size_t i = 0; i < 2; i++) {
        spill_record_clear(&r);
        spill_record_bytes(&r, bad[i], 4);
        in = spill_reader_of(r.data, r.size);
        cr_assert_null(spill_reader_str(&in));
        cr_assert(in.failed);
    }
    spill_record_free(&r);
}

/* A finding with a related location, a suppressed one and a pass. */
static az_findings *some_findings(void)
{
    az_findings *f = az_findings_new();
    az_related related = {"params.json", {1, 4, 5, 4, 20}, "default of parameter 'access'"};
    az_finding a = {.check = az_check_find("AZS201"),
                    .severity = AZ_SEVERITY_HIGH,
                    .range = {0, 3, 7, 3, 30},
                    .file = "main.bicep",
                    .resource_type = "Microsoft.Storage/storageAccounts",
                    .resource = "st",
                    .variant = "main.bicepparam",
                    .property = "properties.publicNetworkAccess",
                    .message = "public network access is enabled",
                    .related = &related,
                    .related_count = 1};
    az_finding b = a;
    b.range.start_line = 9;
    b.variant = NULL;
    b.property = NULL;
    b.related = NULL;
    b.related_count = 0;
    b.justification = "behind a firewall";
    b.suppressed = true;
    b.baselined = true;
    cr_assert_eq(az_findings_add(f, &a), 0);
    cr_assert_eq(az_findings_add(f, &b), 0);
    az_pass p = {az_check_find("AZS301"),
                 "main.bicep",
                 {0, 2, 1, 8, 2},
                 "Microsoft.Storage/storageAccounts",
                 "st"};
    cr_assert_eq(az_findings_add_pass(f, &p), 0);
    return f;
}

static void expect_same_finding(const az_finding *x, const az_finding *y)
{
    cr_assert_eq(x->check, y->check);
    cr_assert_eq(x->severity, y->severity);
    cr_assert_eq(memcmp(&x->range, &y->range, sizeof(x->range)), 0);
    const char *xs[] = {x->file,     x->resource_type, x->resource,     x->variant,
                        x->property, x->message,       x->justification};
    const char *ys[] = {y->file,     y->resource_type, y->resource,     y->variant,
                        y->property, y->message,       y->justification};
    for (size_t i = 0; i < sizeof(xs) / sizeof(*xs); i++)
        cr_assert((!xs[i] && !ys[i]) || (xs[i] && ys[i] && strcmp(xs[i], ys[i]) == 0));
    cr_assert_eq(x->suppressed, y->suppressed);
    cr_assert_eq(x->baselined, y->baselined);
    cr_assert_eq(x->related_count, y->related_count);
    for (size_t k = 0; k < x->related_count; k++) {
        cr_assert_str_eq(x->related[k].file, y->related[k].file);
        cr_assert_str_eq(x->related[k].label, y->related[k].label);
        cr_assert_eq(memcmp(&x->related[k].range, &y->related[k].range, sizeof(az_range)), 0);
    }
}

Test(spill, carries_findings_and_passes)
{
    az_findings *f = some_findings();
    spill_record r = {0};
    az_findings_encode(f, &r);
    cr_assert_not(r.failed);
    az_findings *back = az_findings_new();
    spill_reader in = spill_reader_of(r.data, r.size);
    cr_assert_eq(az_findings_decode(back, &in), 0);
    cr_assert_eq(in.at, in.end);
    cr_assert_eq(az_findings_count(back), 2);
    for (size_t i = 0; i < 2; i++)
        expect_same_finding(az_findings_get(back, i), az_findings_get(f, i));
    /* Decoding adds as merging does: a finding already there is kept once. */
    in = spill_reader_of(r.data, r.size);
    cr_assert_eq(az_findings_decode(back, &in), 0);
    cr_assert_eq(az_findings_count(back), 2);
    az_findings_sort(back);
    cr_assert_eq(az_findings_pass_count(back), 1);
    cr_assert_str_eq(az_findings_pass(back, 0)->check->meta.id, "AZS301");
    cr_assert_str_eq(az_findings_pass(back, 0)->resource, "st");
    az_findings_free(back);
    spill_record_free(&r);
    az_findings_free(f);
}

/* Every record cut short, and one naming a check there is none of. */
Test(spill, refuses_findings_cut_short_or_unknown)
{
    az_findings *f = some_findings();
    spill_record r = {0};
    az_findings_encode(f, &r);
    for (size_t n = 0; n < r.size; n++) {
        az_findings *back = az_findings_new();
        spill_reader in = spill_reader_of(r.data, n);
        cr_assert_eq(az_findings_decode(back, &in), -1, "cut at %zu of %zu", n, r.size);
        az_findings_free(back);
    }
    char *unknown = memmem(r.data, r.size, "AZS201", 6);
    cr_assert(unknown);
    memcpy(unknown, "AZS999", 6);
    az_findings *back = az_findings_new();
    spill_reader in = spill_reader_of(r.data, r.size);
    cr_assert_eq(az_findings_decode(back, &in), -1);
    az_findings_free(back);
    spill_record_free(&r);
    az_findings_free(f);
}
