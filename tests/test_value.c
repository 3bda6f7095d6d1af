#include "eval_fixture.h"
#include "fault.h"

#include <stdint.h>

TestSuite(arena);
TestSuite(value, .init = fx_setup, .fini = fx_teardown);
TestSuite(json_value, .init = fx_setup, .fini = fx_teardown);

Test(arena, allocations_are_zeroed_aligned_and_distinct)
{
    arena *a = arena_new();
    cr_assert(a);
    unsigned char *p = arena_alloc(a, 3), *q = arena_alloc(a, 0), *r = arena_alloc(a, 17);
    cr_assert(p && q && r);
    cr_assert(p != q && q != r);
    cr_assert_eq((uintptr_t)p % 16, 0);
    cr_assert_eq((uintptr_t)q % 16, 0);
    cr_assert_eq((uintptr_t)r % 16, 0);
    for (int i = 0; i < 17; i++)
        cr_assert_eq(r[i], 0);
    cr_assert_eq(arena_used(a), 16 + 16 + 32);
    cr_assert(!arena_failed(a));
    arena_free(a);
    arena_free(NULL);
}

/* Blocks come from malloc, which hands out freed memory again: what an
 * arena gives must be zeroed all the same, except for strings, which are
 * written whole. */
Test(arena, reused_memory_is_zeroed)
{
    for (int round = 0; round < 2; round++) {
        arena *a = arena_new();
        cr_assert(a);
        for (int i = 0; i < 64; i++) {
            unsigned char *p = arena_alloc(a, 1000);
            cr_assert(p);
            for (int j = 0; j < 1000; j++)
                cr_assert_eq(p[j], 0, "round %d, allocation %d, byte %d", round, i, j);
            memset(p, 0xA5, 1000);
        }
        unsigned char *big = arena_calloc(a, 1, 100000);
        cr_assert(big && big[0] == 0 && big[99999] == 0);
        memset(big, 0xA5, 100000);
        char *s = arena_strndup(a, "abc", 3);
        cr_assert(s && s[3] == '\0');
        arena_free(a);
    }
}

Test(arena, large_requests_get_their_own_block)
{
    arena *a = arena_new();
    char *small = arena_alloc(a, 10);
    char *big = arena_alloc(a, 1024 * 1024);
    char *after = arena_alloc(a, 10);
    cr_assert(small && big && after);
    memset(big, 0xAB, 1024 * 1024);
    /* The current block is still used after a large request. */
    cr_assert_eq(after, small + 16);
    for (int i = 0; i < 70000; i++)
        cr_assert(arena_alloc(a, 100));
    cr_assert(arena_alloc(a, 64 * 1024));
    cr_assert(!arena_failed(a));
    arena_free(a);
}

/* Most arenas hold a few hundred bytes (a small file's results; in a
 * parallel scan, each of the many parts waiting to be merged): their
 * first block is small. */
Test(arena, a_small_arena_takes_a_small_block)
{
    size_t before = fault_bytes_asked();
    arena *a = arena_new();
    cr_assert(arena_alloc(a, 10));
    cr_assert(arena_strndup(a, "westeurope", 10));
    cr_assert_lt(fault_bytes_asked() - before, 8 * 1024);
    arena_free(a);
}

/* ...and blocks double, so that a large model is not held in small ones. */
Test(arena, blocks_grow_to_full_size)
{
    arena *a = arena_new();
    long before = fault_allocation_count();
    for (int i = 0; i < 10000; i++)
        cr_assert(arena_alloc(a, 100));
    /* 1.1 MB in blocks doubling from 4 KiB to 64 KiB: 21 of them. */
    cr_assert_eq(fault_allocation_count() - before, 21);
    cr_assert_eq(arena_used(a), 10000 * 112);
    arena_free(a);
}

Test(arena, failure_is_sticky)
{
    arena *a = arena_new();
    cr_assert_null(arena_alloc(a, SIZE_MAX));
    cr_assert(arena_failed(a));
    cr_assert(arena_alloc(a, 8)); /* later requests may succeed; the flag stays */
    cr_assert(arena_failed(a));
    arena_free(a);
}

Test(arena, calloc_checks_overflow)
{
    arena *a = arena_new();
    cr_assert_null(arena_calloc(a, SIZE_MAX / 2, 4));
    cr_assert(arena_failed(a));
    arena_free(a);
    a = arena_new();
    int *v = arena_calloc(a, 10, sizeof(int));
    cr_assert(v && v[9] == 0);
    cr_assert_null(arena_strndup(a, "x", SIZE_MAX));
    arena_free(a);
}

Test(arena, limit_makes_allocations_fail)
{
    arena *a = arena_new();
    arena_set_limit(a, 32);
    cr_assert(arena_alloc(a, 16));
    cr_assert(arena_alloc(a, 16));
    cr_assert_null(arena_alloc(a, 1));
    cr_assert(arena_failed(a));
    arena_set_limit(a, 0); /* below what is used already */
    cr_assert_null(arena_alloc(a, 1));
    cr_assert_null(arena_printf(a, "%d", 1));
    arena_free(a);
}

Test(arena, strndup_and_printf)
{
    arena *a = arena_new();
    char *s = arena_strndup(a, "hello", 3);
    cr_assert_str_eq(s, "hel");
    cr_assert_str_eq(arena_printf(a, "%s-%d", "x", 42), "x-42");
    cr_assert_str_eq(arena_strndup(a, NULL, 0), "");
    arena_free(a);
}

Test(value, constructors)
{
    az_value *v = az_value_string(A, R, "a\0b", 3);
    cr_assert_eq(v->kind, AZ_STRING);
    cr_assert_eq(v->u.string.len, 3);
    cr_assert_eq(v->u.string.ptr[1], 0);
    cr_assert_eq(v->u.string.ptr[3], 0);
    cr_assert_eq(v->origin, AZ_ORIGIN_LITERAL);
    cr_assert_eq(v->range.start_column, R.start_column);
    cr_assert_eq(az_value_int(A, R, -5)->u.integer, -5);
    cr_assert(az_value_bool(A, R, true)->u.boolean);
    cr_assert_eq(az_value_null(A, R)->kind, AZ_NULL);
    cr_assert_eq(az_value_absent(A, R)->kind, AZ_ABSENT);
    cr_assert_str_eq(az_value_unknown(A, R, "why")->u.unknown.reason, "why");
    cr_assert_str_eq(az_value_unknown(A, R, NULL)->u.unknown.reason, "unknown");
    arena_set_limit(A, arena_used(A));
    cr_assert_null(az_value_int(A, R, 1));
    cr_assert_null(az_value_string(A, R, "x", 1));
}

Test(value, relocate_and_through_copy_the_node_only)
{
    az_value *inner = J("[1]");
    az_range use = {0, 7, 1, 7, 2}, def = {0, 2, 1, 2, 9};
    az_value *moved = az_value_relocate(A, inner, use);
    cr_assert_neq(moved, inner);
    cr_assert_eq(moved->u.array.items, inner->u.array.items);
    cr_assert_eq(moved->range.start_line, 7);
    cr_assert_eq(inner->range.start_line, R.start_line);
    az_value *t = az_value_through(A, inner, AZ_ORIGIN_VARIABLE, "v", def, use);
    cr_assert_eq(t->origin, AZ_ORIGIN_VARIABLE);
    cr_assert_str_eq(t->via, "v");
    cr_assert_eq(t->def.start_line, 2);
    cr_assert_eq(t->range.start_line, 7);
    cr_assert_eq(inner->origin, AZ_ORIGIN_LITERAL);
}

Test(value, member_lookup_ignores_ascii_case)
{
    az_value *o = J("{\"Name\": 1, \"sku\": {\"TIER\": 2}, \"\u00c4\": 3}");
    cr_assert_eq(az_value_member(o, "name", 4)->value->u.integer, 1);
    cr_assert_eq(az_value_member(o, "NAME", 4)->value->u.integer, 1);
    cr_assert_null(az_value_member(o, "nam", 3));
    cr_assert_null(az_value_member(o, "names", 5));
    cr_assert_eq(az_value_member(az_value_member(o, "SKU", 3)->value, "tier", 4)->value->u.integer,
                 2);
    cr_assert_null(az_value_member(o, "\xc3\xa4", 2)); /* ä is not folded to Ä */
    cr_assert_null(az_value_member(NULL, "a", 1));
    cr_assert_null(az_value_member(J("[1]"), "a", 1));
}

Test(value, later_duplicate_keys_replace_earlier_ones)
{
    az_member m[3] = {
        {"a", 1, R, az_value_int(A, R, 1)},
        {"b", 1, R, az_value_int(A, R, 2)},
        {"A", 1, R, az_value_int(A, R, 3)},
    };
    az_value *o = az_value_object(A, R, m, 3);
    cr_assert_eq(o->u.object.count, 2);
    cr_assert_str_eq(o->u.object.members[0].key, "A");
    cr_assert_eq(o->u.object.members[0].value->u.integer, 3);
    cr_assert_str_eq(o->u.object.members[1].key, "b");
}

Test(value, duplicate_keys_in_large_objects)
{
    az_object_builder b = {.a = A};
    char key[16];
    for (int i = 0; i < 1000; i++) {
        int n = sprintf(key, "k%d", i % 300);
        if (i >= 300)
            key[0] = 'K';
        cr_assert(az_object_builder_add(&b, key, (size_t)n, R, az_value_int(A, R, i)));
    }
    az_value *o = az_object_builder_finish(&b, R);
    cr_assert_eq(o->u.object.count, 300);
    cr_assert_eq(az_value_member(o, "k7", 2)->value->u.integer, 907);
    cr_assert_eq(az_value_member(o, "k299", 4)->value->u.integer, 899);
}

Test(value, builders)
{
    az_array_builder b = {.a = A};
    for (int i = 0; i < 100; i++)
        cr_assert(az_array_builder_add(&b, az_value_int(A, R, i)));
    az_value *v = az_array_builder_finish(&b, R);
    cr_assert_eq(v->u.array.count, 100);
    cr_assert_eq(v->u.array.items[99]->u.integer, 99);
    az_array_builder bad = {.a = A};
    cr_assert(!az_array_builder_add(&bad, NULL));
    cr_assert(!az_array_builder_add(&bad, az_value_int(A, R, 1)));
    cr_assert_null(az_array_builder_finish(&bad, R));
    az_object_builder ob = {.a = A};
    cr_assert(!az_object_builder_add(&ob, "a", 1, R, NULL));
    cr_assert_null(az_object_builder_finish(&ob, R));
    az_array_builder empty = {.a = A};
    cr_assert_eq(az_array_builder_finish(&empty, R)->u.array.count, 0);
    arena_set_limit(A, arena_used(A));
    az_array_builder oom = {.a = A};
    cr_assert(!az_array_builder_add(&oom, v));
    az_object_builder ooo = {.a = A};
    cr_assert(!az_object_builder_add(&ooo, "a", 1, R, v));
}

Test(value, equality)
{
    cr_assert(az_value_equal(J("\"abc\""), J("\"ABC\""), true));
    cr_assert(!az_value_equal(J("\"abc\""), J("\"ABC\""), false));
    cr_assert(!az_value_equal(J("\"abc\""), J("\"abcd\""), true));
    cr_assert(az_value_equal(J("{\"A\": [1, \"x\"], \"b\": null}"),
                             J("{\"b\": null, \"a\": [1, \"X\"]}"), true));
    cr_assert(!az_value_equal(J("{\"a\": 1}"), J("{\"b\": 1}"), true));
    cr_assert(!az_value_equal(J("[1, 2]"), J("[2, 1]"), false));
    cr_assert(!az_value_equal(J("1"), J("\"1\""), false));
    cr_assert(!az_value_equal(J("true"), J("false"), false));
    cr_assert(az_value_equal(J("null"), J("null"), false));
    az_value *u = az_value_unknown(A, R, "u");
    cr_assert(!az_value_equal(u, u, false));
    cr_assert(!az_value_equal(az_value_absent(A, R), az_value_absent(A, R), false));
}

Test(value, scalars_are_the_same_only_in_kind_and_content)
{
    cr_assert(az_value_scalar_same(J("null"), J("null")));
    cr_assert(az_value_scalar_same(J("true"), J("true")));
    cr_assert(!az_value_scalar_same(J("true"), J("false")));
    cr_assert(az_value_scalar_same(J("-7"), J("-7")));
    cr_assert(!az_value_scalar_same(J("7"), J("-7")));
    cr_assert(az_value_scalar_same(J("\"ab\""), J("\"ab\"")));
    cr_assert(!az_value_scalar_same(J("\"ab\""), J("\"AB\"")));
    cr_assert(!az_value_scalar_same(J("\"ab\""), J("\"abc\"")));
    cr_assert(!az_value_scalar_same(J("1"), J("\"1\"")));
    cr_assert(!az_value_scalar_same(J("[]"), J("[]")), "arrays are not scalars");
    cr_assert(!az_value_scalar_same(J("{}"), J("{}")));
    az_value *u = az_value_unknown(A, R, "u");
    cr_assert(!az_value_scalar_same(u, u));
}

Test(value, ranges_are_the_same_in_every_coordinate)
{
    az_range r = {1, 2, 3, 4, 5};
    cr_assert(az_range_same(r, r));
    az_range other[] = {
        {0, 2, 3, 4, 5}, {1, 0, 3, 4, 5}, {1, 2, 0, 4, 5}, {1, 2, 3, 0, 5}, {1, 2, 3, 4, 0}};
    for (size_t i = 0; i < sizeof(other) / sizeof(*other); i++)
        cr_assert(!az_range_same(r, other[i]), "coordinate %zu", i);
}

Test(value, compare_tells_unequal_from_unknown)
{
    az_value *u = az_value_unknown(A, R, "u");
    az_value *items1[] = {J("1"), u}, *items2[] = {J("2"), u}, *items3[] = {J("1"), J("2")};
    az_value *x = az_value_array(A, R, items1, 2);
    cr_assert_eq(az_value_compare(x, az_value_array(A, R, items2, 2), false), AZ_UNEQUAL);
    cr_assert_eq(az_value_compare(x, az_value_array(A, R, items3, 2), false), AZ_EQUAL_UNKNOWN);
    cr_assert_eq(az_value_compare(x, az_value_array(A, R, items3, 1), false), AZ_UNEQUAL);
    cr_assert_eq(az_value_compare(J("[1]"), J("[1]"), false), AZ_EQUAL);
}

Test(value, identical_values_are_equal_in_everything)
{
    const char *json = "{\"a\": [1, \"x\", true, null], \"b\": {\"c\": -2}}";
    az_value *x = J(json), *y = J(json);
    cr_assert_neq(x, y);
    cr_assert(az_value_identical(x, y));
    cr_assert(az_value_identical(x, x));
    cr_assert(az_value_identical(NULL, NULL));
    cr_assert(!az_value_identical(x, NULL));
    cr_assert(!az_value_identical(NULL, x));
    cr_assert(!az_value_identical(J("\"abc\""), J("\"ABC\"")));
    cr_assert(!az_value_identical(J("\"ab\""), J("\"abc\"")));
    cr_assert(!az_value_identical(J("1"), J("2")));
    cr_assert(!az_value_identical(J("true"), J("false")));
    cr_assert(!az_value_identical(J("1"), J("\"1\"")));
    cr_assert(!az_value_identical(J("[1]"), J("[1, 2]")));
    cr_assert(!az_value_identical(J("[1]"), J("[2]")));
    cr_assert(!az_value_identical(J("{\"a\": 1}"), J("{\"b\": 1}")));
    cr_assert(!az_value_identical(J("{\"a\": 1}"), J("{\"ab\": 1}")));
    cr_assert(!az_value_identical(J("{\"a\": 1}"), J("{\"a\": 2}")));
    cr_assert(!az_value_identical(J("{\"a\": 1}"), J("{\"a\": 1, \"b\": 1}")));
    /* Order is part of what a reader sees. */
    cr_assert(!az_value_identical(J("{\"a\": 1, \"b\": 2}"), J("{\"b\": 2, \"a\": 1}")));
    cr_assert(az_value_identical(J("null"), J("null")));
    cr_assert(az_value_identical(J("[]"), J("[]")));
    cr_assert(az_value_identical(J("{}"), J("{}")));
    cr_assert(az_value_identical(az_value_absent(A, R), az_value_absent(A, R)));
    /* Unlike equality, unknowns compare by their reasons. */
    cr_assert(az_value_identical(az_value_unknown(A, R, "why"), az_value_unknown(A, R, "why")));
    cr_assert(!az_value_identical(az_value_unknown(A, R, "why"), az_value_unknown(A, R, "how")));
}

Test(value, identical_values_come_through_the_same_places)
{
    az_range use = {1, 7, 1, 7, 2}, def = {1, 2, 1, 2, 9};
    char via[] = "p";
    az_value *v = J("[1]");
    az_value *t = az_value_through(A, v, AZ_ORIGIN_MODULE_ARGUMENT, "p", def, use);
    cr_assert(
        az_value_identical(t, az_value_through(A, v, AZ_ORIGIN_MODULE_ARGUMENT, via, def, use)));
    cr_assert(
        !az_value_identical(t, az_value_through(A, v, AZ_ORIGIN_MODULE_ARGUMENT, "q", def, use)));
    cr_assert(
        !az_value_identical(t, az_value_through(A, v, AZ_ORIGIN_MODULE_ARGUMENT, NULL, def, use)));
    cr_assert(
        !az_value_identical(az_value_through(A, v, AZ_ORIGIN_MODULE_ARGUMENT, NULL, def, use), t));
    cr_assert(!az_value_identical(t, az_value_through(A, v, AZ_ORIGIN_VARIABLE, "p", def, use)));
    cr_assert(!az_value_identical(t, az_value_relocate(A, t, def)));
    /* Every field of both sites counts. */
    for (int field = 0; field < 5; field++) {
        az_range other = def;
        uint32_t *fields[] = {&other.file, &other.start_line, &other.start_column, &other.end_line,
                              &other.end_column};
        (*fields[field])++;
        az_value *moved = az_value_through(A, v, AZ_ORIGIN_MODULE_ARGUMENT, "p", other, use);
        cr_assert(!az_value_identical(t, moved), "def field %d", field);
    }
    az_value *secret = az_value_relocate(A, t, t->range);
    secret->flags |= AZ_VALUE_SECURE;
    cr_assert(!az_value_identical(t, secret));
    az_range key_at = {1, 4, 1, 4, 2};
    az_member m1[] = {{"a", 1, R, t}}, m2[] = {{"a", 1, key_at, t}};
    cr_assert(!az_value_identical(az_value_object(A, R, m1, 1), az_value_object(A, R, m2, 1)));
}

static az_value *deep_array(int depth)
{
    az_value *v = az_value_int(A, R, 1);
    for (int i = 0; i < depth; i++) {
        az_value **items = arena_calloc(A, 1, sizeof(*items));
        items[0] = v;
        v = az_value_array(A, R, items, 1);
    }
    return v;
}

Test(value, deep_values_are_bounded)
{
    az_value *ok1 = deep_array(AZ_VALUE_MAX_DEPTH), *ok2 = deep_array(AZ_VALUE_MAX_DEPTH);
    cr_assert(az_value_equal(ok1, ok2, false));
    cr_assert_null(az_value_unknown_reason(ok1));
    az_value *x = deep_array(100000), *y = deep_array(100000);
    cr_assert_eq(az_value_compare(x, y, false), AZ_EQUAL_UNKNOWN);
    cr_assert(!az_value_equal(x, y, false));
    cr_assert_str_eq(az_value_unknown_reason(x), "value nested too deeply");
    cr_assert(az_value_identical(ok1, ok2));
    cr_assert(!az_value_identical(x, y));
    cr_assert(az_value_identical(x, x));
}

/* Objects nested past the bound are identical only to themselves. */
Test(value, deep_objects_are_bounded)
{
    az_value *x = az_value_int(A, R, 1), *y = x;
    for (int i = 0; i <= AZ_VALUE_MAX_DEPTH; i++) {
        az_member *mx = arena_calloc(A, 1, sizeof(*mx)), *my = arena_calloc(A, 1, sizeof(*my));
        *mx = (az_member){"a", 1, R, x};
        *my = (az_member){"a", 1, R, y};
        x = az_value_object(A, R, mx, 1);
        y = az_value_object(A, R, my, 1);
        if (i + 1 == AZ_VALUE_MAX_DEPTH)
            cr_assert(az_value_identical(x, y));
    }
    cr_assert(!az_value_identical(x, y));
}

Test(value, unknown_reason_finds_the_first_unknown)
{
    cr_assert_null(az_value_unknown_reason(J("{\"a\": [1, {\"b\": null}]}")));
    az_member m[] = {{"a", 1, R, J("1")}, {"b", 1, R, az_value_unknown(A, R, "inner")}};
    cr_assert_str_eq(az_value_unknown_reason(az_value_object(A, R, m, 2)), "inner");
    cr_assert_str_eq(az_value_unknown_reason(az_value_absent(A, R)), "absent value");
}

Test(value, names)
{
    cr_assert_str_eq(az_kind_name(AZ_ABSENT), "absent");
    cr_assert_str_eq(az_kind_name(AZ_UNKNOWN), "unknown");
    cr_assert_str_eq(az_kind_name(AZ_OBJECT), "object");
    cr_assert_str_eq(az_kind_name((az_kind)99), "invalid");
    cr_assert_str_eq(az_origin_name(AZ_ORIGIN_PARAMETER_FILE), "parameter file");
    cr_assert_str_eq(az_origin_name(AZ_ORIGIN_MODULE_ARGUMENT), "module argument");
    cr_assert_str_eq(az_origin_name(AZ_ORIGIN_EXPRESSION), "expression");
    cr_assert_str_eq(az_origin_name((az_origin)99), "invalid");
}

static az_value *parse(const char *s)
{
    return az_json_parse(EV, s, strlen(s), R);
}

static void invalid(const char *s, const char *message)
{
    size_t w = az_eval_warning_count(EV);
    az_value *v = parse(s);
    cr_assert_eq(v->kind, AZ_UNKNOWN, "%s parsed", s);
    cr_assert_eq(az_eval_warning_count(EV), w + 1, "%s: no warning", s);
    cr_assert(strstr(az_eval_warning(EV, w)->message, message), "%s: %s", s,
              az_eval_warning(EV, w)->message);
}

Test(json_value, parses_nested_values)
{
    az_value *v = parse(" {\"a\": [1, -2, true, false, null, \"s\"], \"o\": {\"x\": {}}, "
                        "\"e\": []} ");
    cr_assert_eq(v->kind, AZ_OBJECT);
    const az_value *a = az_value_member(v, "a", 1)->value;
    cr_assert_eq(a->u.array.count, 6);
    cr_assert_eq(a->u.array.items[1]->u.integer, -2);
    cr_assert_eq(a->u.array.items[3]->kind, AZ_BOOL);
    cr_assert_eq(a->u.array.items[4]->kind, AZ_NULL);
    cr_assert_str_eq(a->u.array.items[5]->u.string.ptr, "s");
    cr_assert_eq(az_value_member(az_value_member(v, "o", 1)->value, "x", 1)->value->kind,
                 AZ_OBJECT);
    cr_assert_eq(az_value_member(v, "e", 1)->value->u.array.count, 0);
    cr_assert_eq(az_eval_warning_count(EV), 0);
}

Test(json_value, string_escapes)
{
    az_value *v = parse("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\\u0000\"");
    cr_assert_eq(v->kind, AZ_STRING);
    const char want[] = "a\"b\\c/d\b\f\n\r\t\xc3\xa9\xf0\x9f\x98\x80";
    cr_assert_eq(v->u.string.len, sizeof(want));
    cr_assert(memcmp(v->u.string.ptr, want, sizeof(want)) == 0);
    cr_assert_str_eq(parse("\"\\u0041\\u07ff\\uffff\"")->u.string.ptr, "A\xdf\xbf\xef\xbf\xbf");
}

Test(json_value, numbers)
{
    cr_assert_eq(parse("0")->u.integer, 0);
    cr_assert_eq(parse("-0")->u.integer, 0);
    cr_assert_eq(parse("9223372036854775807")->u.integer, INT64_MAX);
    cr_assert_eq(parse("-9223372036854775808")->u.integer, INT64_MIN);
    cr_assert_str_eq(parse("9223372036854775808")->u.unknown.reason, "json() integer out of range");
    cr_assert_str_eq(parse("-99999999999999999999")->u.unknown.reason,
                     "json() integer out of range");
    cr_assert_str_eq(parse("1.5")->u.unknown.reason, "json() floating-point number");
    cr_assert_str_eq(parse("1e3")->u.unknown.reason, "json() floating-point number");
    cr_assert_str_eq(parse("-2.5E-3")->u.unknown.reason, "json() floating-point number");
    az_value *v = parse("[1, 2.5]");
    cr_assert_eq(v->kind, AZ_ARRAY);
    cr_assert_eq(v->u.array.items[1]->kind, AZ_UNKNOWN);
    cr_assert_eq(az_eval_warning_count(EV), 0);
}

Test(json_value, invalid_text)
{
    invalid("", "offset 0: unexpected end of text");
    invalid("   ", "offset 3: unexpected end of text");
    invalid("{\"a\": }", "offset 6: unexpected character");
    invalid("[1, 2", "offset 5: expected ',' or ']'");
    invalid("[1 2]", "offset 3: expected ',' or ']'");
    invalid("{\"a\" 1}", "offset 5: expected ':'");
    invalid("{\"a\": 1,}", "offset 8: expected a property name");
    invalid("{a: 1}", "expected a property name");
    invalid("{\"a\": 1 \"b\"}", "expected ',' or '}'");
    invalid("\"abc", "unterminated string");
    invalid("\"a\\\"", "unterminated string");
    invalid("\"\\x\"", "invalid escape");
    invalid("\"\\u12g4\"", "invalid escape");
    invalid("\"\\u12\"", "invalid escape");
    invalid("\"\\ud83d\"", "unpaired surrogate");
    invalid("\"\\ude00\"", "unpaired surrogate");
    invalid("\"\\ud83d\\u0041\"", "unpaired surrogate");
    invalid("\"a\nb\"", "control character");
    invalid("1 2", "unexpected text after the value");
    invalid("tru", "unexpected character");
    invalid("nul", "unexpected character");
    invalid("01", "unexpected text after the value");
    invalid("-", "invalid number");
    invalid("1.", "invalid number");
    invalid("1e", "invalid number");
    invalid("'a'", "unexpected character");
}

Test(json_value, stringify_round_trips)
{
    const char *texts[] = {
        "{\"a\":[1,-2,true,false,null,\"s\"],\"o\":{\"x\":{}},\"e\":[]}",
        "\"quote\\\" backslash\\\\ newline\\n tab\\t bell\\u0007\"",
        "[]",
        "{}",
    };
    for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
        az_value *s = az_json_stringify(EV, parse(texts[i]), R);
        cr_assert_eq(s->kind, AZ_STRING);
        cr_assert_str_eq(s->u.string.ptr, texts[i]);
    }
    az_value *items[] = {J("1"), az_value_unknown(A, R, "why")};
    az_value *s = az_json_stringify(EV, az_value_array(A, R, items, 2), R);
    cr_assert_eq(s->kind, AZ_UNKNOWN);
    cr_assert_str_eq(s->u.unknown.reason, "why");
    cr_assert_str_eq(az_json_stringify(EV, az_value_absent(A, R), R)->u.unknown.reason,
                     "absent value");
}

Test(json_value, stringify_depth_is_bounded)
{
    az_value *s = az_json_stringify(EV, deep_array(300), R);
    cr_assert_eq(s->kind, AZ_UNKNOWN);
    cr_assert(has_warning("string() of a value nested deeper than the depth limit 256"));
}
