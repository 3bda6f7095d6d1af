/* The resolve memo in front of a file provider: its answers are
 * realpath(3)'s, it remembers answers but not failures, it holds a bounded
 * number of them, it passes reads and listings through, and it fails
 * cleanly when memory runs out. */
#define _XOPEN_SOURCE 700 /* realpath, symlink */
#include "fault.h"
#include "file_provider.h"
#include "fs_fixture.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *dir;

static void setup(void)
{
    dir = fixture_tempdir();
    fault_fail_allocation(-1);
}

static void teardown(void)
{
    fault_fail_allocation(-1);
    fixture_remove(dir);
    free(dir);
}

TestSuite(file_provider_memo, .init = setup, .fini = teardown);

/* The memo's answer for dir/rel, which must be realpath's while the file is there. */
static char *resolve(const file_provider *p, const char *rel)
{
    char *path = fixture_path(dir, rel);
    char *got = file_provider_resolve(p, path);
    char *want = realpath(path, NULL);
    if (want)
        cr_assert_str_eq(got, want, "%s", rel);
    free(want);
    free(path);
    return got;
}

Test(file_provider_memo, answers_as_realpath_does)
{
    fixture_write_text(dir, "a/main.bicep", "");
    char *target = fixture_path(dir, "a/main.bicep"), *link = fixture_path(dir, "link.bicep");
    cr_assert_eq(symlink(target, link), 0);
    file_provider *p = file_provider_memo_new(NULL);
    cr_assert(p);
    const char *rels[] = {"a/main.bicep", "a/../a/main.bicep", "link.bicep", "a", "a/main.bicep"};
    for (size_t i = 0; i < sizeof(rels) / sizeof(*rels); i++) {
        char *got = resolve(p, rels[i]);
        cr_assert(got, "%s", rels[i]);
        free(got);
    }
    errno = 0;
    char *missing = fixture_path(dir, "a/missing.bicep");
    cr_assert_null(file_provider_resolve(p, missing));
    cr_assert_eq(errno, ENOENT);
    free(missing);
    free(target);
    free(link);
    file_provider_memo_free(p);
}

Test(file_provider_memo, remembers_answers_but_not_failures)
{
    file_provider *p = file_provider_memo_new(NULL);
    cr_assert(p);
    char *path = fixture_path(dir, "late.bicep");
    cr_assert_null(file_provider_resolve(p, path));
    fixture_write_text(dir, "late.bicep", "");
    char *first = file_provider_resolve(p, path);
    cr_assert(first, "a failure is not remembered");
    /* Files do not change during a scan: the memo answers without looking. */
    cr_assert_eq(unlink(path), 0);
    char *again = file_provider_resolve(p, path);
    cr_assert_str_eq(again, first);
    cr_assert_null(file_provider_resolve(NULL, path));
    free(first);
    free(again);
    free(path);
    file_provider_memo_free(p);
}

Test(file_provider_memo, holds_a_bounded_number_of_answers)
{
    enum { FILES = 3000 };
    file_provider *p = file_provider_memo_new(NULL);
    cr_assert(p);
    char rel[64];
    for (int i = 0; i < FILES; i++) {
        snprintf(rel, sizeof(rel), "f%d.bicep", i);
        fixture_write_text(dir, rel, "");
        free(resolve(p, rel));
    }
    /* With the files gone, only remembered answers are left. */
    int remembered = 0;
    for (int i = 0; i < FILES; i++) {
        snprintf(rel, sizeof(rel), "f%d.bicep", i);
        char *path = fixture_path(dir, rel);
        cr_assert_eq(unlink(path), 0);
        char *got = file_provider_resolve(p, path);
        remembered += got != NULL;
        free(got);
        free(path);
    }
    cr_assert_gt(remembered, 0);
    cr_assert_leq(remembered, 1024);
    file_provider_memo_free(p);
}

Test(file_provider_memo, passes_reads_and_listings_through)
{
    fixture_write_text(dir, "d/one.bicep", "param p string\n");
    fixture_write_text(dir, "d/two.json", "{}");
    file_provider *p = file_provider_memo_new(NULL);
    cr_assert(p);
    char *file = fixture_path(dir, "d/one.bicep"), *sub = fixture_path(dir, "d");
    source_file *src;
    cr_assert_eq(file_provider_read(p, file, &src, NULL), SOURCE_OK);
    cr_assert_eq(source_file_length(src), strlen("param p string\n"));
    source_file_free(src);
    path_set *names = path_set_new();
    cr_assert(names);
    cr_assert_eq(file_provider_list(p, sub, names), 0);
    path_set_sort(names);
    cr_assert_eq(path_set_count(names), 2);
    cr_assert_str_eq(path_set_get(names, 0), "one.bicep");
    cr_assert_str_eq(path_set_get(names, 1), "two.json");
    path_set_free(names);
    free(file);
    free(sub);
    file_provider_memo_free(p);
    file_provider_memo_free(NULL);
}

Test(file_provider_memo, fails_cleanly_when_memory_runs_out)
{
    fault_fail_allocation(0);
    cr_assert_null(file_provider_memo_new(NULL));

    fixture_write_text(dir, "m.bicep", "");
    char *path = fixture_path(dir, "m.bicep");
    file_provider *p = file_provider_memo_new(NULL);
    cr_assert(p);
    /* Remembering fails: the answer is still given, and not remembered. */
    fault_fail_allocation(0);
    char *got = file_provider_resolve(p, path);
    fault_fail_allocation(-1);
    cr_assert(got);
    free(got);
    cr_assert_eq(unlink(path), 0);
    cr_assert_null(file_provider_resolve(p, path));
    /* Remembered, then copying the remembered answer fails. */
    fixture_write_text(dir, "m.bicep", "");
    free(file_provider_resolve(p, path));
    fault_fail_allocation(0);
    cr_assert_null(file_provider_resolve(p, path));
    fault_fail_allocation(-1);
    got = file_provider_resolve(p, path);
    cr_assert(got);
    free(got);
    free(path);
    file_provider_memo_free(p);
}
