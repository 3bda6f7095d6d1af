/* Path globs: segments, doublestar, classes, escapes, and a hostile pattern. */
#include "glob.h"

#include <criterion/criterion.h>
#include <string.h>

Test(glob, star_stays_within_a_segment)
{
    cr_assert(glob_match("*.json", "main.json"));
    cr_assert(glob_match("a/*.json", "a/main.json"));
    cr_assert_not(glob_match("*.json", "a/main.json"));
    cr_assert_not(glob_match("a/*.json", "a/b/main.json"));
    cr_assert(glob_match("a*b*c", "abc"));
    cr_assert(glob_match("a*b*c", "aXbYbZc"));
    cr_assert_not(glob_match("a*b*c", "aXbYbZ"));
}

Test(glob, doublestar_matches_any_number_of_segments)
{
    cr_assert(glob_match("**/x.bicep", "x.bicep"));
    cr_assert(glob_match("**/x.bicep", "a/b/c/x.bicep"));
    cr_assert(glob_match("a/**/x.bicep", "a/x.bicep"));
    cr_assert(glob_match("a/**/x.bicep", "a/b/c/x.bicep"));
    cr_assert_not(glob_match("a/**/x.bicep", "b/a/x.bicep"));
    cr_assert(glob_match("a/**", "a/b/c"));
    cr_assert(glob_match("**", "anything/at/all"));
    cr_assert(glob_match("a/**/b/**/c", "a/x/b/y/z/c"));
    cr_assert_not(glob_match("a/**/b/**/c", "a/x/y/z/c"));
    /* "**" inside a segment is two stars, not a doublestar. */
    cr_assert_not(glob_match("a**.json", "a/b.json"));
}

Test(glob, question_mark_classes_and_escapes)
{
    cr_assert(glob_match("m?in.bicep", "main.bicep"));
    cr_assert_not(glob_match("m?in.bicep", "m/in.bicep"));
    cr_assert(glob_match("v[0-9].json", "v7.json"));
    cr_assert_not(glob_match("v[0-9].json", "vx.json"));
    cr_assert(glob_match("v[!0-9].json", "vx.json"));
    cr_assert(glob_match("v[^0-9].json", "vx.json"));
    cr_assert(glob_match("[]]x", "]x"));
    cr_assert(glob_match("\\*.json", "*.json"));
    cr_assert_not(glob_match("\\*.json", "a.json"));
}

Test(glob, validity)
{
    cr_assert(glob_valid("a/**/b*.json"));
    cr_assert_not(glob_valid(""));
    cr_assert_not(glob_valid("a//b"));
    cr_assert_not(glob_valid("a/"));
    cr_assert_not(glob_valid("[abc"));
    cr_assert_not(glob_valid("abc\\"));
}

/* The classic exponential case for backtracking matchers finishes at once. */
Test(glob, hostile_pattern_is_not_exponential, .timeout = 10)
{
    char pattern[400] = "", path[400] = "";
    for (int i = 0; i < 60; i++)
        strcat(pattern, "*a");
    strcat(pattern, "*b");
    memset(path, 'a', 300);
    cr_assert_not(glob_match(pattern, path));
    char deep[4000] = "", many[4000] = "";
    for (int i = 0; i < 100; i++) {
        strcat(deep, "**/a/");
        strcat(many, "a/");
    }
    strcat(deep, "b");
    strcat(many, "c");
    cr_assert_not(glob_match(deep, many));
}
