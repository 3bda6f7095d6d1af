/* String helpers shared by the scan's tables: hashing and interning. */
#include "str_hash.h"
#include "str_intern.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

Test(str_hash, is_64_bit_fnv_1a)
{
    /* The published FNV-1a test vectors. */
    cr_assert_eq(str_hash(""), UINT64_C(0xcbf29ce484222325));
    cr_assert_eq(str_hash("a"), UINT64_C(0xaf63dc4c8601ec8c));
    cr_assert_eq(str_hash("foobar"), UINT64_C(0x85944171f73967e8));
}

Test(str_hash, continues_over_several_fields)
{
    uint64_t h = str_hash_add(STR_HASH_SEED, "foo", 3);
    cr_assert_eq(str_hash_add(h, "bar", 3), str_hash("foobar"));
    cr_assert_eq(str_hash_add(STR_HASH_SEED, "foobar", 0), STR_HASH_SEED);
}

Test(str_intern, keeps_one_copy_of_each_string)
{
    str_intern *set = str_intern_new();
    cr_assert_not_null(set);
    char buf[16] = "main.bicep";
    const char *a = str_intern_add(set, buf);
    cr_assert_str_eq(a, "main.bicep");
    cr_assert_neq(a, buf, "a copy, not the caller's buffer");
    strcpy(buf, "changed");
    cr_assert_str_eq(a, "main.bicep");
    cr_assert_eq(str_intern_add(set, "main.bicep"), a);
    /* A prefix or an extension of a kept string is another string. */
    const char *prefix = str_intern_add(set, "main");
    const char *longer = str_intern_add(set, "main.bicepparam");
    cr_assert(prefix != a && longer != a && prefix != longer);
    cr_assert_str_eq(prefix, "main");
    cr_assert_str_eq(longer, "main.bicepparam");
    cr_assert_str_eq(str_intern_add(set, ""), "");
    str_intern_free(set);
}

Test(str_intern, finds_every_string_again_after_growing)
{
    str_intern *set = str_intern_new();
    enum { N = 5000 };
    static const char *first[N];
    char buf[32];
    for (int i = 0; i < N; i++) {
        snprintf(buf, sizeof(buf), "file-%d.bicep", i);
        first[i] = str_intern_add(set, buf);
        cr_assert_not_null(first[i]);
    }
    for (int i = 0; i < N; i++) {
        snprintf(buf, sizeof(buf), "file-%d.bicep", i);
        cr_assert_eq(str_intern_add(set, buf), first[i], "%s", buf);
    }
    str_intern_free(set);
    str_intern_free(NULL);
}
