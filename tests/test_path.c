/* Path text: lexical normalization and registry references. */
#include "path.h"
#include "path_set.h"

#include <criterion/criterion.h>
#include <string.h>

static void assert_normalizes(const char *in, const char *want)
{
    char buf[256];
    strcpy(buf, in);
    path_normalize(buf);
    cr_assert_str_eq(buf, want, "%s", in);
}

Test(path, normalize_resolves_dots_and_separators)
{
    assert_normalizes("/a/b/c", "/a/b/c");
    assert_normalizes("/a//b///c/", "/a/b/c");
    assert_normalizes("/a/./b/.", "/a/b");
    assert_normalizes("/a/b/../c", "/a/c");
    assert_normalizes("/a/b/../../c/..", "/");
    /* ".." at the root stays at the root. */
    assert_normalizes("/../../etc/passwd", "/etc/passwd");
    assert_normalizes("/", "/");
    assert_normalizes("/.", "/");
    assert_normalizes("/..a/b..", "/..a/b..");
}

Test(path, external_references)
{
    cr_assert(path_is_external("br:mcr.microsoft.com/bicep/avm/res/x:1.0"));
    cr_assert(path_is_external("br/public:avm/res/x:1.0"));
    cr_assert(path_is_external("ts:sub/rg/spec:1"));
    cr_assert(path_is_external("ts/alias:spec:1"));
    cr_assert_not(path_is_external("./br/main.bicep"));
    cr_assert_not(path_is_external("br"));
    cr_assert_not(path_is_external("modules/ts.bicep"));
}

Test(path, under_a_directory_segment_by_segment)
{
    cr_assert(path_is_under("a/b/c.bicep", "a/b"));
    cr_assert(path_is_under("a/b", "a/b"));
    cr_assert(path_is_under("a/b", ""), "the root is above every path");
    cr_assert(path_is_under("", ""));
    cr_assert(!path_is_under("a/bc/d.bicep", "a/b"), "a longer name is another directory");
    cr_assert(!path_is_under("a", "a/b"));
    cr_assert(!path_is_under("", "a"));
    cr_assert(!path_is_under("b/a", "a"));
}

Test(path_set, keeps_the_order_added_until_sorted)
{
    path_set *s = path_set_new();
    cr_assert_not_null(s);
    cr_assert_eq(path_set_add(s, "b.bicep"), 0);
    cr_assert_eq(path_set_add_len(s, "a/x.bicep", 1), 0);
    cr_assert_eq(path_set_add(s, "b.bicep"), 0);
    cr_assert_eq(path_set_count(s), 3);
    cr_assert_str_eq(path_set_get(s, 0), "b.bicep");
    cr_assert_str_eq(path_set_get(s, 1), "a");
    cr_assert_null(path_set_get(s, 3));
    path_set_sort(s);
    cr_assert_eq(path_set_count(s), 2, "duplicates dropped");
    cr_assert_str_eq(path_set_get(s, 0), "a");
    cr_assert_str_eq(path_set_get(s, 1), "b.bicep");
    cr_assert(path_set_has(s, "a") && path_set_has(s, "b.bicep"));
    cr_assert(!path_set_has(s, "a/x.bicep"));
    path_set_free(s);
    path_set_free(NULL);
}
