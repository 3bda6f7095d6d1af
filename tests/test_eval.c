#include "builtins.h"
#include "eval_fixture.h"

#include <time.h>

TestSuite(eval, .init = fx_setup, .fini = fx_teardown);

static void with_limits(az_limits limits)
{
    fx_teardown();
    fx_init(&limits);
}

Test(eval, default_limits)
{
    az_limits l = az_limits_default();
    cr_assert_eq(l.max_string_length, 1024 * 1024);
    cr_assert_eq(l.max_array_length, 100000);
    cr_assert_eq(l.max_loop_count, 10000);
    cr_assert_eq(l.max_depth, 256);
    cr_assert_eq(l.max_module_depth, 16);
    cr_assert_eq(l.max_work, 20000000);
    cr_assert_eq(l.max_warnings, 1000);
    cr_assert_eq(az_eval_limits(EV)->max_loop_count, 10000);
    cr_assert_eq(az_eval_arena(EV), A);
    az_eval_free(NULL);
}

Test(eval, warnings_keep_their_order_and_range)
{
    az_range r2 = {1, 9, 1, 9, 4};
    az_eval_warn(EV, R, "first %d", 1);
    az_eval_warn(EV, r2, "second");
    cr_assert_eq(az_eval_warning_count(EV), 2);
    cr_assert_str_eq(az_eval_warning(EV, 0)->message, "first 1");
    cr_assert_str_eq(az_eval_warning(EV, 1)->message, "second");
    cr_assert_eq(az_eval_warning(EV, 1)->range.file, 1);
    cr_assert_eq(az_eval_warning(EV, 1)->range.start_line, 9);
    cr_assert_null(az_eval_warning(EV, 2));
}

Test(eval, unknown_error_and_bound_helpers)
{
    az_value *u = az_eval_unknown(EV, R, "x %s", "y");
    cr_assert_eq(u->kind, AZ_UNKNOWN);
    cr_assert_str_eq(u->u.unknown.reason, "x y");
    cr_assert_eq(az_eval_warning_count(EV), 0);
    az_value *e = az_eval_error(EV, R, "bad %d", 2);
    cr_assert_str_eq(e->u.unknown.reason, "bad 2");
    cr_assert_str_eq(az_eval_warning(EV, 0)->message, "bad 2");
    az_value *b = az_eval_bound(EV, R, "thing %d", 3);
    cr_assert_str_eq(b->u.unknown.reason, "thing 3");
    cr_assert_str_eq(az_eval_warning(EV, 1)->message,
                     "evaluation bound reached: thing 3; value treated as unknown");
}

Test(eval, range_beyond_the_loop_limit_is_unknown_and_fast)
{
    clock_t start = clock();
    expect_unknown("[range(0, 2000000000)]", "evaluation bound reached", "range() count");
    cr_assert_str_eq(az_eval_warning(EV, 0)->message,
                     "evaluation bound reached: range() count 2000000000 exceeds the loop limit "
                     "10000; value treated as unknown");
    cr_assert_lt((double)(clock() - start) / CLOCKS_PER_SEC, 1.0);
    cr_assert_lt(arena_used(A), 1024 * 1024);
    expect("[length(range(0, 10000))]", "10000");
    expect_unknown("[range(0, 10001)]", "evaluation bound reached", "loop limit 10000");
}

Test(eval, array_limit)
{
    az_limits l = az_limits_default();
    l.max_array_length = 5;
    with_limits(l);
    expect("[range(0, 5)]", "[0, 1, 2, 3, 4]");
    expect_unknown("[range(0, 6)]", "evaluation bound reached",
                   "range() length 6 exceeds the array limit 5");
    expect_unknown("[concat(range(0, 3), range(0, 3))]", "evaluation bound reached",
                   "concat() result length 6 exceeds the array limit 5");
    expect_unknown("[union(range(0, 3), range(3, 3))]", "evaluation bound reached",
                   "union() result");
    expect_unknown("[split('a,b,c,d,e,f', ',')]", "evaluation bound reached", "split() result");
    expect_unknown("[json('[1,2,3,4,5,6]')]", "evaluation bound reached", "json() array");
    expect_unknown("[json('{\"a\":1,\"b\":1,\"c\":1,\"d\":1,\"e\":1,\"f\":1}')]",
                   "evaluation bound reached", "json() object");
    expect_unknown("[createObject('a',1,'b',1,'c',1,'d',1,'e',1,'f',1)]",
                   "evaluation bound reached", "createObject() result");
    expect_unknown("[flatten(createArray(range(0, 3), range(0, 3)))]", "evaluation bound reached",
                   "flatten() result");
    expect_unknown("[createArray(1, 2, 3, 4, 5, 6)]", "evaluation bound reached",
                   "createArray() result");
}

Test(eval, string_limit)
{
    az_limits l = az_limits_default();
    l.max_string_length = 8;
    with_limits(l);
    expect("[concat('abcd', 'efgh')]", "\"abcdefgh\"");
    expect_unknown("[concat('abcd', 'efghi')]", "evaluation bound reached",
                   "concat() result length 9 exceeds the string limit 8");
    expect_unknown("[replace('aaaa', 'a', 'bbb')]", "evaluation bound reached", "replace()");
    expect_unknown("[padLeft('a', 9)]", "evaluation bound reached", "padLeft()");
    expect_unknown("[format('{0}{0}{0}', 'abc')]", "evaluation bound reached", "format()");
    expect_unknown("[string(createArray(1, 2, 3, 4))]", "string limit 8", "string()");
    expect_unknown("[base64('abcdefg')]", "evaluation bound reached", "base64()");
    expect_unknown("[json('\"abcdefghi\"')]", "evaluation bound reached", "json() string");
    expect_unknown("[join(createArray('abcde', 'fghij'), '')]", "evaluation bound reached",
                   "join()");
}

Test(eval, default_string_limit_stops_doubling)
{
    /* 'x' doubled 21 times: 2 MiB at the last step. */
    const char *doubling = "[replace(replace(replace(replace(replace(replace(replace(replace("
                           "replace(replace(replace(replace(replace(replace(replace(replace("
                           "replace(replace(replace(replace(replace('x','x','xx'),'x','xx'),"
                           "'x','xx'),'x','xx'),'x','xx'),'x','xx'),'x','xx'),'x','xx'),"
                           "'x','xx'),'x','xx'),'x','xx'),'x','xx'),'x','xx'),'x','xx'),"
                           "'x','xx'),'x','xx'),'x','xx'),'x','xx'),'x','xx'),'x','xx'),"
                           "'x','xx')]";
    expect_unknown(doubling, "evaluation bound reached",
                   "replace() result length 2097152 exceeds the string limit 1048576");
}

Test(eval, loop_limit_is_configurable)
{
    az_limits l = az_limits_default();
    l.max_loop_count = 3;
    with_limits(l);
    expect("[range(1, 3)]", "[1, 2, 3]");
    expect_unknown("[range(1, 4)]", "evaluation bound reached",
                   "range() count 4 exceeds the loop limit 3");
    cr_assert(az_eval_check_loop(EV, R, "copy", 3));
    cr_assert(!az_eval_check_loop(EV, R, "copy", 4));
    cr_assert(has_warning("copy count 4 exceeds the loop limit 3"));
}

Test(eval, depth_helpers)
{
    az_limits l = az_limits_default();
    l.max_depth = 2;
    l.max_module_depth = 1;
    with_limits(l);
    cr_assert(az_eval_enter(EV, R));
    cr_assert(az_eval_enter(EV, R));
    cr_assert_eq(az_eval_depth(EV), 2);
    cr_assert(!az_eval_enter(EV, R));
    cr_assert(has_warning("nesting deeper than the depth limit 2"));
    az_eval_leave(EV);
    cr_assert(az_eval_enter(EV, R));
    az_eval_leave(EV);
    az_eval_leave(EV);
    az_eval_leave(EV); /* extra leaves are harmless */
    cr_assert_eq(az_eval_depth(EV), 0);
    cr_assert(az_eval_enter_module(EV, R));
    cr_assert(!az_eval_enter_module(EV, R));
    cr_assert(has_warning("modules nested deeper than the module depth limit 1"));
    az_eval_leave_module(EV);
    az_eval_leave_module(EV);
    cr_assert(az_eval_enter_module(EV, R));
}

Test(eval, json_depth_is_bounded)
{
    char text[2100];
    memset(text, '[', 1000);
    memset(text + 1000, ']', 1000);
    text[2000] = 0;
    az_value *v = az_json_parse(EV, text, 2000, R);
    cr_assert_eq(v->kind, AZ_UNKNOWN);
    cr_assert(has_warning("json() text nested deeper than the depth limit 256"));
}

Test(eval, union_depth_is_bounded)
{
    az_limits l = az_limits_default();
    l.max_depth = 3;
    az_value *x = J("{\"a\":{\"a\":{\"a\":{\"a\":1}}}}");
    az_value *y = J("{\"a\":{\"a\":{\"a\":{\"a\":2}}}}");
    az_eval *shallow = az_eval_new(A, &l);
    az_eval_free(EV);
    EV = shallow;
    az_value *args[] = {x, y};
    az_value *v = az_builtin_call(EV, "union", 5, args, 2, R);
    cr_assert_eq(v->kind, AZ_OBJECT); /* the innermost merge gave up */
    cr_assert(has_warning("union() of objects nested deeper than the depth limit 3"));
    cr_assert_eq(
        az_value_member(az_value_member(az_value_member(v, "a", 1)->value, "a", 1)->value, "a", 1)
            ->value->kind,
        AZ_UNKNOWN);
}

Test(eval, work_budget_exhaustion)
{
    az_limits l = az_limits_default();
    l.max_work = 1000;
    with_limits(l);
    expect("[concat('a', 'b')]", "\"ab\"");
    cr_assert_gt(az_eval_work(EV), 0);
    expect_unknown("[length(range(0, 5000))]", "evaluation bound reached",
                   "the work budget of 1000 units is spent");
    cr_assert(az_eval_exhausted(EV));
    size_t warnings = az_eval_warning_count(EV);
    /* Every later evaluation is unknown at once, with no new warning. */
    expect_unknown("[concat('a', 'b')]", "work budget", NULL);
    expect_unknown("['literal in an expression']", "work budget", NULL);
    cr_assert(!az_eval_spend(EV, 0, R));
    cr_assert_eq(az_eval_warning_count(EV), warnings);
    cr_assert_eq(az_eval_work(EV), 1000);
}

Test(eval, default_work_budget_stops_a_hostile_template)
{
    clock_t start = clock();
    /* Each evaluation builds 10,000 items; 2,500 of them are 25 million units. */
    for (int i = 0; i < 2500; i++)
        E("[range(0, 10000)]");
    cr_assert(az_eval_exhausted(EV));
    cr_assert_lt((double)(clock() - start) / CLOCKS_PER_SEC, 10.0);
}

Test(eval, search_work_is_charged)
{
    az_limits l = az_limits_default();
    l.max_work = 100;
    with_limits(l);
    char expr[20000];
    int n = sprintf(expr, "[contains('");
    memset(expr + n, 'a', 8000);
    n += 8000;
    n += sprintf(expr + n, "', '");
    memset(expr + n, 'a', 4000);
    n += 4000;
    sprintf(expr + n, "b')]");
    expect_unknown(expr, "evaluation bound reached", "work budget");
}

Test(eval, warnings_are_capped)
{
    az_limits l = az_limits_default();
    l.max_warnings = 3;
    with_limits(l);
    for (int i = 0; i < 10; i++)
        E("[toLower(1)]");
    cr_assert_eq(az_eval_warning_count(EV), 4);
    cr_assert_str_eq(az_eval_warning(EV, 3)->message,
                     "evaluation bound reached: more than 3 warnings; further warnings dropped");
    cr_assert_eq(E("[toLower(1)]")->kind, AZ_UNKNOWN);
    cr_assert_eq(az_eval_warning_count(EV), 4);
    cr_assert_eq(az_eval_bound(EV, R, "x")->kind, AZ_UNKNOWN);
    cr_assert_eq(az_eval_error(EV, R, "x")->kind, AZ_UNKNOWN);
    cr_assert_eq(az_eval_warning_count(EV), 4);
}

Test(eval, out_of_memory_gives_null_not_a_crash)
{
    const char *exprs[] = {
        "[concat('a', 'b')]",
        "[createArray(1, 2)]",
        "[json('{\"a\": [1, \"x\"]}')]",
        "[union(createObject('a', 1), createObject('b', 2))]",
        "[items(createObject('a', 1))]",
        "[split('a,b', ',')]",
        "[range(0, 3)]",
        "[resourceGroup()]",
        "[string(createArray(1))]",
        "[toLower(5)]",
        "[format('{0}', 1)]",
        "[parameters('p').x]",
    };
    for (size_t i = 0; i < sizeof(exprs) / sizeof(exprs[0]); i++) {
        /* Every allocation count up to the one that succeeds. */
        for (size_t limit = 0;; limit += 16) {
            fx_teardown();
            fx_init(NULL);
            PARAMS = J("{\"p\": {\"x\": 1}}");
            arena_set_limit(A, arena_used(A) + limit);
            az_value *v = armexpr_eval_string(EV, exprs[i], strlen(exprs[i]), &ENV, R);
            if (v && !arena_failed(A))
                break;
            cr_assert(arena_failed(A), "%s: NULL without running out of memory", exprs[i]);
            cr_assert_lt(limit, 100000, "%s never succeeded", exprs[i]);
        }
    }
}

/* What is evaluated at another depth may reach the depth limits elsewhere,
 * and quiet or not, it warns otherwise. */
Test(eval, repeat_needs_the_state_it_started_from)
{
    az_eval_quiet_enter(EV);
    az_eval_mark from = az_eval_mark_now(EV);
    az_eval_quiet_enter(EV);
    az_eval_warn(EV, R, "held back");
    az_eval_mark to = az_eval_mark_now(EV);
    az_eval_quiet_leave(EV);
    cr_assert(az_eval_repeat(EV, from, to)); /* quiet still */
    az_eval_quiet_leave(EV);
    cr_assert_not(az_eval_repeat(EV, from, to));
    az_eval_quiet_enter(EV);
    cr_assert(az_eval_enter(EV, R));
    cr_assert_not(az_eval_repeat(EV, from, to));
    az_eval_leave(EV);
    cr_assert(az_eval_enter_module(EV, R));
    cr_assert_not(az_eval_repeat(EV, from, to));
    az_eval_leave_module(EV);
    cr_assert(az_eval_repeat(EV, from, to));
    cr_assert_eq(az_eval_warning_count(EV), 0);
}

Test(eval, repeat_spends_and_warns_again)
{
    az_eval_warn(EV, R, "before");
    az_eval_mark from = az_eval_mark_now(EV);
    E("[toLower(1)]");
    az_eval_spend(EV, 10, R);
    az_eval_mark to = az_eval_mark_now(EV);
    cr_assert(!az_eval_bounded_since(EV, from));
    uint64_t spent = az_eval_work(EV) - from.work;
    cr_assert_eq(to.warning_count, 2);
    az_eval_warn(EV, R, "between");
    cr_assert(az_eval_repeat(EV, from, to));
    cr_assert_eq(az_eval_work(EV), to.work + spent);
    cr_assert_eq(az_eval_warning_count(EV), 4);
    const az_warning *w = az_eval_warning(EV, 3), *first = az_eval_warning(EV, 1);
    cr_assert_str_eq(w->message, first->message);
    cr_assert_eq(w->range.start_column, first->range.start_column);
    cr_assert(!az_eval_bounded_since(EV, from));
}

/* A repeat that would reach a bound changes nothing: evaluating again would
 * give other values and warnings. */
Test(eval, repeat_refuses_to_spend_past_the_budget)
{
    az_limits l = az_limits_default();
    l.max_work = 100;
    with_limits(l);
    az_eval_mark from = az_eval_mark_now(EV);
    cr_assert(az_eval_spend(EV, 40, R));
    az_eval_mark to = az_eval_mark_now(EV);
    cr_assert(az_eval_spend(EV, 21, R));
    cr_assert(!az_eval_repeat(EV, from, to));
    cr_assert_eq(az_eval_work(EV), 61);
    cr_assert_eq(az_eval_warning_count(EV), 0);
    with_limits(l);
    cr_assert(az_eval_spend(EV, 40, R));
    cr_assert(az_eval_spend(EV, 20, R));
    cr_assert(az_eval_repeat(EV, from, to)); /* to the last unit */
    cr_assert_eq(az_eval_work(EV), 100);
    cr_assert(!az_eval_exhausted(EV));
    /* Once the budget is spent, even a repeat of nothing is refused: every
     * evaluation is cut short then. */
    az_eval_mark now = az_eval_mark_now(EV);
    cr_assert(!az_eval_spend(EV, 1, R));
    cr_assert(!az_eval_repeat(EV, now, now));
}

Test(eval, repeat_refuses_to_warn_past_the_limit)
{
    az_limits l = az_limits_default();
    l.max_warnings = 3;
    with_limits(l);
    az_eval_mark from = az_eval_mark_now(EV);
    az_eval_warn(EV, R, "one");
    az_eval_warn(EV, R, "two");
    az_eval_mark to = az_eval_mark_now(EV);
    cr_assert(!az_eval_repeat(EV, from, to));
    cr_assert_eq(az_eval_warning_count(EV), 2);
    with_limits(l);
    az_eval_warn(EV, R, "one");
    cr_assert(az_eval_repeat(EV, from, to)); /* to the last warning */
    cr_assert_eq(az_eval_warning_count(EV), 3);
    /* Past the limit (the "dropped" warning is there), nothing is repeated. */
    az_eval_warn(EV, R, "dropped");
    az_eval_mark now = az_eval_mark_now(EV);
    cr_assert_eq(az_eval_warning_count(EV), 4);
    cr_assert(!az_eval_repeat(EV, now, now));
}

Test(eval, every_bound_reached_is_counted)
{
    az_limits l = az_limits_default();
    l.max_depth = 1;
    l.max_module_depth = 0;
    l.max_string_length = 4;
    l.max_array_length = 4;
    l.max_loop_count = 4;
    l.max_work = 10;
    l.max_warnings = 8; /* room for one warning per bound below */
    with_limits(l);
    az_eval_mark m = az_eval_mark_now(EV);
    cr_assert(az_eval_enter(EV, R));
    az_eval_leave(EV);
    cr_assert(az_eval_check_string(EV, R, "s", 4));
    cr_assert(az_eval_check_array(EV, R, "a", 4));
    cr_assert(az_eval_check_loop(EV, R, "l", 4));
    cr_assert(az_eval_spend(EV, 1, R));
    az_eval_warn(EV, R, "within the limit");
    cr_assert(!az_eval_bounded_since(EV, m));
#define COUNTED(op)                                                                                \
    do {                                                                                           \
        az_eval_mark before = az_eval_mark_now(EV);                                                \
        op;                                                                                        \
        cr_assert(az_eval_bounded_since(EV, before), "not counted: %s", #op);                      \
    } while (0)
    COUNTED(az_eval_bound(EV, R, "x"));
    cr_assert(az_eval_enter(EV, R));
    COUNTED(cr_assert(!az_eval_enter(EV, R)));
    az_eval_leave(EV);
    COUNTED(cr_assert(!az_eval_enter_module(EV, R)));
    COUNTED(cr_assert(!az_eval_check_string(EV, R, "s", 5)));
    COUNTED(cr_assert(!az_eval_check_array(EV, R, "a", 5)));
    COUNTED(cr_assert(!az_eval_check_loop(EV, R, "l", 5)));
    COUNTED(cr_assert(!az_eval_spend(EV, 10, R)));
    COUNTED(cr_assert(!az_eval_spend(EV, 1, R))); /* spent already */
    cr_assert_eq(az_eval_warning_count(EV), 8);
    COUNTED(az_eval_warn(EV, R, "dropped"));
    COUNTED(az_eval_warn(EV, R, "dropped again"));
#undef COUNTED
}
