/* The memo in front of a file provider: its answers are realpath(3)'s and
 * its listings its base's, it remembers answers and whole listings but not
 * failures, it holds a bounded number of them, it passes reads through, and
 * it fails cleanly when memory runs out. */
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
    fault_fail_readdir(0);
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

/* The memo answers `path` as realpath does, errno included. */
static void assert_resolves_as_realpath(const file_provider *p, const char *path)
{
    errno = 0;
    char *want = realpath(path, NULL);
    int want_errno = errno;
    errno = 0;
    char *got = file_provider_resolve(p, path);
    if (want)
        cr_assert_str_eq(got, want, "%s", path);
    else
        cr_assert(!got && errno == want_errno, "%s: %s, errno %d, not %d", path, got, errno,
                  want_errno);
    free(want);
    free(got);
}

Test(file_provider_memo, answers_as_realpath_does)
{
    fixture_write_text(dir, "a/main.bicep", "");
    fixture_write_text(dir, "a/sub/x.bicep", "");
    char deep[256] = "";
    for (int i = 0; i < 40; i++)
        strcat(deep, "d/");
    strcat(deep, "f.bicep");
    fixture_write_text(dir, deep, "");
    char *target = fixture_path(dir, "a/main.bicep"), *link = fixture_path(dir, "link.bicep");
    cr_assert_eq(symlink(target, link), 0);
    cr_assert_eq(chdir(dir), 0);
    cr_assert_eq(symlink("a", "linkdir"), 0);
    cr_assert_eq(symlink("linkdir", "chain"), 0);
    cr_assert_eq(symlink("nowhere", "dangling.bicep"), 0);
    cr_assert_eq(symlink("loop", "loop"), 0);
    file_provider *p = file_provider_memo_new(NULL);
    cr_assert(p);
    const char *rels[] = {"a/main.bicep",
                          "a/../a/main.bicep",
                          "link.bicep",
                          "a",
                          "a/",
                          "a/.",
                          "a/..",
                          "a//main.bicep",
                          "a/./main.bicep",
                          "a/sub/../main.bicep",
                          "linkdir/main.bicep",
                          "linkdir/sub/x.bicep",
                          "chain/sub/x.bicep",
                          "chain/sub/../main.bicep",
                          "linkdir/../link.bicep",
                          "dangling.bicep",
                          "loop/x.bicep",
                          "a/main.bicep/x",
                          "a/main.bicep/",
                          "a/missing.bicep",
                          "missing/x.bicep",
                          deep,
                          "",
                          ".",
                          "..",
                          "/",
                          "/.",
                          "/..",
                          "main.bicep"};
    /* Relative and absolute, before and after the memo holds them. */
    for (int round = 0; round < 2; round++) {
        for (size_t i = 0; i < sizeof(rels) / sizeof(*rels); i++) {
            assert_resolves_as_realpath(p, rels[i]);
            char *path = fixture_path(dir, rels[i]);
            assert_resolves_as_realpath(p, path);
            /* With "/" as a resolved directory on the way. */
            char *from_root = fixture_path("/.", path);
            assert_resolves_as_realpath(p, from_root);
            free(from_root);
            free(path);
        }
    }
    free(target);
    free(link);
    file_provider_memo_free(p);
}

/* Files do not change during a scan: a directory, once resolved, is not
 * looked at again, only the name in it. */
Test(file_provider_memo, resolves_a_known_directory_once)
{
    fixture_write_text(dir, "a/one.bicep", "");
    fixture_write_text(dir, "b/two.bicep", "");
    file_provider *p = file_provider_memo_new(NULL);
    cr_assert(p);
    char *one = resolve(p, "a/one.bicep");
    cr_assert(one);
    char *a = fixture_path(dir, "a"), *old = fixture_path(dir, "a.old");
    cr_assert_eq(rename(a, old), 0);
    cr_assert_eq(symlink("b", a), 0);
    char *path = fixture_path(dir, "a/two.bicep");
    char *got = file_provider_resolve(p, path);
    *strrchr(one, '/') = '\0';
    char *want = fixture_path(one, "two.bicep");
    cr_assert_str_eq(got, want, "the directory as it was resolved");
    free(want);
    free(got);
    free(path);
    free(old);
    free(a);
    free(one);
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
    cr_assert_leq(remembered, 256); /* MEMO_SLOTS */
    file_provider_memo_free(p);
}

Test(file_provider_memo, passes_reads_through)
{
    fixture_write_text(dir, "d/one.bicep", "param p string\n");
    file_provider *p = file_provider_memo_new(NULL);
    cr_assert(p);
    char *file = fixture_path(dir, "d/one.bicep");
    source_file *src;
    cr_assert_eq(file_provider_read(p, file, &src, NULL), SOURCE_OK);
    cr_assert_eq(source_file_length(src), strlen("param p string\n"));
    source_file_free(src);
    free(file);
    file_provider_memo_free(p);
    file_provider_memo_free(NULL);
}

/* A base that lists the disk and counts how often it is asked to. When
 * `relist` is set, it first lists the same directory through that memo
 * (once), as a second worker would at the same time. */
static int base_lists, base_resolves;
static file_provider *relist;

static source_status counting_load(const file_provider *p, const char *path, char **data,
                                   size_t *len, source_error *err)
{
    (void)p;
    return file_provider_load(NULL, path, data, len, err);
}

static char *counting_resolve(const file_provider *p, const char *path)
{
    (void)p;
    base_resolves++;
    return file_provider_resolve(NULL, path);
}

static int counting_list(const file_provider *p, const char *path, path_set *names)
{
    (void)p;
    base_lists++;
    file_provider *memo = relist;
    relist = NULL;
    if (memo) {
        path_set *other = path_set_new();
        cr_assert(other);
        cr_assert_eq(file_provider_list(memo, path, other), 0);
        path_set_free(other);
    }
    return file_provider_list(NULL, path, names);
}

static const file_provider counting = {counting_load, counting_resolve, counting_list};

/* A memo over `counting`, with nothing counted yet. */
static file_provider *counted_memo(void)
{
    file_provider *p = file_provider_memo_new(&counting);
    cr_assert(p);
    base_lists = base_resolves = 0;
    return p;
}

/* The sorted listing of dir/rel through `p`, as one string, "a b"; NULL when it fails. */
static char *list(const file_provider *p, const char *rel)
{
    char *path = fixture_path(dir, rel);
    path_set *names = path_set_new();
    cr_assert(names);
    char *joined = NULL;
    if (file_provider_list(p, path, names) == 0) {
        path_set_sort(names);
        size_t size = 1;
        for (size_t i = 0; i < path_set_count(names); i++)
            size += strlen(path_set_get(names, i)) + 1;
        joined = calloc(1, size);
        cr_assert(joined);
        for (size_t i = 0; i < path_set_count(names); i++)
            strcat(strcat(joined, i ? " " : ""), path_set_get(names, i));
    }
    path_set_free(names);
    free(path);
    return joined;
}

static void assert_listing(const file_provider *p, const char *rel, const char *want)
{
    char *got = list(p, rel);
    cr_assert(got, "%s", rel);
    cr_assert_str_eq(got, want, "%s", rel);
    free(got);
}

Test(file_provider_memo, lists_as_its_base_does)
{
    fixture_write_text(dir, "d/one.bicep", "");
    fixture_write_text(dir, "d/two.json", "{}");
    fixture_mkdir(dir, "d/sub");
    fixture_mkdir(dir, "empty");
    file_provider *p = file_provider_memo_new(NULL);
    cr_assert(p);
    for (int i = 0; i < 2; i++) {
        assert_listing(p, "d", "one.bicep sub two.json");
        assert_listing(p, "empty", "");
        assert_listing(p, "missing", "");
    }
    /* Names already in the set stay, and the directory's are added. */
    path_set *names = path_set_new();
    cr_assert(names);
    cr_assert_eq(path_set_add(names, "zz"), 0);
    char *d = fixture_path(dir, "d");
    cr_assert_eq(file_provider_list(p, d, names), 0);
    cr_assert_eq(path_set_count(names), 4);
    cr_assert_str_eq(path_set_get(names, 0), "zz");
    free(d);
    path_set_free(names);
    file_provider_memo_free(p);
}

Test(file_provider_memo, remembers_listings_but_not_failures)
{
    fixture_write_text(dir, "d/one.bicep", "");
    file_provider *p = counted_memo();
    assert_listing(p, "d", "one.bicep");
    assert_listing(p, "d", "one.bicep");
    cr_assert_eq(base_lists, 1, "the second listing is remembered");
    file_provider_memo_free(p);

    /* Files do not change during a scan: the memo answers without looking. */
    p = file_provider_memo_new(NULL);
    cr_assert(p);
    assert_listing(p, "d", "one.bicep");
    fixture_write_text(dir, "d/two.bicep", "");
    assert_listing(p, "d", "one.bicep");
    /* A directory that cannot be opened is looked at again. */
    assert_listing(p, "late", "");
    fixture_write_text(dir, "late/one.bicep", "");
    assert_listing(p, "late", "one.bicep");
    /* Nor one that cannot be read. */
    fixture_write_text(dir, "broken/one.bicep", "");
    fault_fail_readdir(EIO);
    assert_listing(p, "broken", "");
    fault_fail_readdir(0);
    assert_listing(p, "broken", "one.bicep");
    file_provider_memo_free(p);
}

Test(file_provider_memo, holds_a_bounded_number_of_listings)
{
    enum { DIRS = 40 };
    fixture_write_text(dir, "hot/main.bicep", "");
    char rel[64];
    for (int i = 0; i < DIRS; i++) {
        snprintf(rel, sizeof(rel), "d%d", i);
        fixture_mkdir(dir, rel);
    }
    file_provider *p = counted_memo();
    for (int i = 0; i < DIRS; i++) {
        snprintf(rel, sizeof(rel), "d%d", i);
        assert_listing(p, rel, "");
        assert_listing(p, "hot", "main.bicep");
    }
    cr_assert_eq(base_lists, DIRS + 1, "a listing in use stays remembered");
    /* Listed again, newest first: only the last few are still remembered. */
    for (int i = DIRS - 1; i >= 0; i--) {
        snprintf(rel, sizeof(rel), "d%d", i);
        assert_listing(p, rel, "");
    }
    int remembered = 2 * DIRS + 1 - base_lists;
    cr_assert_gt(remembered, 0);
    cr_assert_leq(remembered, 8);
    file_provider_memo_free(p);
}

Test(file_provider_memo, leaves_out_listings_too_big_to_hold)
{
    enum { FILES = 1000 }; /* 36 bytes of name each, with its NUL */
    char rel[64];
    for (int i = 0; i < FILES; i++) {
        snprintf(rel, sizeof(rel), "big/a-parameter-file-named-at-%04d.json", i);
        fixture_write_text(dir, rel, "");
    }
    file_provider *p = counted_memo();
    for (int i = 0; i < 2; i++) {
        char *names = list(p, "big");
        cr_assert(names);
        cr_assert_eq(strlen(names), FILES * 36 - 1);
        free(names);
    }
    cr_assert_eq(base_lists, 2);
    file_provider_memo_free(p);
}

Test(file_provider_memo, remembers_a_listing_made_twice_at_once_once)
{
    fixture_write_text(dir, "d/one.bicep", "");
    file_provider *p = counted_memo();
    relist = p;
    assert_listing(p, "d", "one.bicep");
    cr_assert_eq(base_lists, 2);
    assert_listing(p, "d", "one.bicep");
    cr_assert_eq(base_lists, 2);
    file_provider_memo_free(p);
}

Test(file_provider_memo, fails_cleanly_when_memory_runs_out)
{
    fault_fail_allocation(0);
    cr_assert_null(file_provider_memo_new(NULL));
    fault_fail_mmap(true);
    cr_assert_null(file_provider_memo_new(NULL));
    fault_fail_mmap(false);

    fixture_write_text(dir, "m.bicep", "");
    char *path = fixture_path(dir, "m.bicep");
    file_provider *p = file_provider_memo_new(NULL);
    cr_assert(p);
    /* Resolving fails: nothing is remembered. */
    cr_assert_eq(unlink(path), 0);
    cr_assert_null(file_provider_resolve(p, path));
    /* Remembered, then copying the remembered answer fails. */
    fixture_write_text(dir, "m.bicep", "");
    free(file_provider_resolve(p, path));
    fault_fail_allocation(0);
    cr_assert_null(file_provider_resolve(p, path));
    fault_fail_allocation(-1);
    char *got = file_provider_resolve(p, path);
    cr_assert(got);
    free(got);
    free(path);
    file_provider_memo_free(p);
}

Test(file_provider_memo, lists_cleanly_when_memory_runs_out)
{
    fixture_write_text(dir, "d/one.bicep", "");
    char *d = fixture_path(dir, "d");
    file_provider *p = counted_memo();
    /* The base's listing fails: nothing is remembered. */
    path_set *names = path_set_new();
    cr_assert(names);
    fault_fail_allocation(0);
    cr_assert_eq(file_provider_list(p, d, names), -1);
    fault_fail_allocation(-1);
    path_set_free(names);
    cr_assert_eq(base_lists, 1);
    assert_listing(p, "d", "one.bicep");
    cr_assert_eq(base_lists, 2, "remembered");
    /* Remembered now, and copying it out fails. */
    cr_assert(names = path_set_new());
    fault_fail_allocation(0);
    cr_assert_eq(file_provider_list(p, d, names), -1);
    fault_fail_allocation(-1);
    path_set_free(names);
    assert_listing(p, "d", "one.bicep");
    cr_assert_eq(base_lists, 2, "still remembered");
    free(d);
    file_provider_memo_free(p);
}

/* Out of memory while a directory above the path is resolved through the
 * memo, realpath(3) answers instead. */
Test(file_provider_memo, resolves_as_realpath_when_memory_runs_out)
{
    fixture_write_text(dir, "a/sub/x.bicep", "");
    char *path = fixture_path(dir, "a/sub/x.bicep");
    char *want = realpath(path, NULL);
    cr_assert(want);
    long total = 0;
    for (long n = -1; n < total; n++) {
        file_provider *p = file_provider_memo_new(NULL);
        cr_assert(p);
        long before = fault_allocation_count();
        fault_fail_allocation(n);
        char *got = file_provider_resolve(p, path);
        fault_fail_allocation(-1);
        if (n < 0)
            total = fault_allocation_count() - before;
        cr_assert_str_eq(got, want, "allocation %ld of %ld", n, total);
        free(got);
        file_provider_memo_free(p);
    }
    cr_assert_gt(total, 4);
    free(want);
    free(path);
}

/* A module path may be as long as a template makes it: the memo resolves
 * the directories of a few of its last names, and realpath(3) the rest,
 * rather than recurse once for every name. */
Test(file_provider_memo, resolves_paths_of_any_depth)
{
    enum { NAMES = 100000 };
    fixture_write_text(dir, "x/x/x.bicep", "");
    char *path = malloc(strlen(dir) + 2 * NAMES + 16);
    cr_assert(path);
    char *end = stpcpy(path, dir);
    for (int i = 0; i < NAMES; i++)
        end = stpcpy(end, "/x");
    strcpy(end, ".bicep");
    file_provider *p = file_provider_memo_new(NULL);
    cr_assert(p);
    assert_resolves_as_realpath(p, path);
    free(path);
    file_provider_memo_free(p);
}

/* Answers live in a region of the memo's own, of a fixed size: once it is
 * full, answers are still given, right, and not remembered. Paths of
 * nearly PATH_MAX bytes fill it after a few dozen. */
Test(file_provider_memo, remembers_no_more_than_its_region_holds)
{
    char deep[4096] = "";
    size_t at = 0;
    char level[201];
    memset(level, 'd', 200);
    level[200] = '\0';
    while (at + strlen(dir) + 2 * sizeof(level) < 3700)
        at += (size_t)snprintf(deep + at, sizeof(deep) - at, "%s/", level);
    enum { FILES = 60 };
    char *paths[FILES];
    for (int i = 0; i < FILES; i++) {
        char rel[4096];
        snprintf(rel, sizeof(rel), "%sf%02d.bicep", deep, i);
        fixture_write_text(dir, rel, "");
        paths[i] = fixture_path(dir, rel);
    }
    file_provider *p = counted_memo();
    for (int round = 0; round < 2; round++) {
        base_resolves = 0;
        for (int i = 0; i < FILES; i++) {
            char *got = file_provider_resolve(p, paths[i]), *want = realpath(paths[i], NULL);
            cr_assert(got && want);
            cr_assert_str_eq(got, want);
            free(got);
            free(want);
        }
        if (round == 0)
            cr_assert_eq(base_resolves, FILES);
        else
            cr_assert(base_resolves > 0 && base_resolves < FILES, "%d of %d resolved again",
                      base_resolves, FILES);
    }
    for (int i = 0; i < FILES; i++)
        free(paths[i]);
    file_provider_memo_free(p);
}
