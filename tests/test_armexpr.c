#include "eval_fixture.h"

#include <stdlib.h>
#include <time.h>

TestSuite(armexpr, .init = fx_setup, .fini = fx_teardown);

static armexpr *parse(const char *s, armexpr_error *err)
{
    return armexpr_parse(A, s, strlen(s), 256, err);
}

/* Asserts that `s` fails to parse at `offset` with a message containing `message`. */
static void parse_fails(const char *s, size_t offset, const char *message)
{
    armexpr_error err;
    cr_assert_null(parse(s, &err), "%s parsed", s);
    cr_assert_str_eq(err.message, message, "%s: %s", s, err.message);
    cr_assert_eq(err.offset, offset, "%s: offset %zu, expected %zu", s, err.offset, offset);
}

Test(armexpr, is_expression)
{
    cr_assert(armexpr_is_expression("[a()]", 5));
    cr_assert(armexpr_is_expression("[]", 2));
    cr_assert(!armexpr_is_expression("[[a()]", 6));
    cr_assert(!armexpr_is_expression("[", 1));
    cr_assert(!armexpr_is_expression("", 0));
    cr_assert(!armexpr_is_expression("a()]", 4));
    cr_assert(!armexpr_is_expression("[a()", 4));
    cr_assert(!armexpr_is_expression(" [a()]", 6));
}

Test(armexpr, literal_drops_the_escaping_bracket)
{
    size_t n;
    const char *s = armexpr_literal("[[x]", 4, &n);
    cr_assert_eq(n, 3);
    cr_assert(memcmp(s, "[x]", 3) == 0);
    s = armexpr_literal("plain", 5, &n);
    cr_assert_eq(n, 5);
    cr_assert(memcmp(s, "plain", 5) == 0);
    expect("[[concat('a')]", "\"[concat('a')]\"");
    expect("just text", "\"just text\"");
    expect("[", "\"[\"");
}

Test(armexpr, parses_calls_members_and_indexes)
{
    armexpr_error err;
    armexpr *e = parse("[ concat( 'a' , parameters('p').x[0] ) ]", &err);
    cr_assert(e, "%s", err.message);
    cr_assert_eq(e->kind, ARMEXPR_CALL);
    cr_assert_str_eq(e->u.call.name, "concat");
    cr_assert_null(e->u.call.ns);
    cr_assert_eq(e->u.call.nargs, 2);
    cr_assert_eq(e->offset, 2);
    cr_assert_eq(e->length, 36);
    armexpr *s = e->u.call.args[0];
    cr_assert_eq(s->kind, ARMEXPR_STRING);
    cr_assert_str_eq(s->u.string.ptr, "a");
    armexpr *ix = e->u.call.args[1];
    cr_assert_eq(ix->kind, ARMEXPR_INDEX);
    cr_assert_eq(ix->u.index.index->kind, ARMEXPR_INT);
    cr_assert_eq(ix->u.index.index->u.integer, 0);
    armexpr *m = ix->u.index.target;
    cr_assert_eq(m->kind, ARMEXPR_MEMBER);
    cr_assert_str_eq(m->u.member.name, "x");
    cr_assert_eq(m->u.member.target->kind, ARMEXPR_CALL);
    cr_assert_str_eq(m->u.member.target->u.call.name, "parameters");
}

Test(armexpr, parses_literals)
{
    armexpr_error err;
    armexpr *e = parse("['it''s']", &err);
    cr_assert_eq(e->kind, ARMEXPR_STRING);
    cr_assert_str_eq(e->u.string.ptr, "it's");
    cr_assert_eq(e->u.string.len, 4);
    e = parse("[-42]", &err);
    cr_assert_eq(e->kind, ARMEXPR_INT);
    cr_assert_eq(e->u.integer, -42);
    e = parse("[-9223372036854775808]", &err);
    cr_assert_eq(e->u.integer, INT64_MIN);
    e = parse("[true]", &err);
    cr_assert_eq(e->kind, ARMEXPR_BOOL);
    cr_assert(e->u.boolean);
    e = parse("[false]", &err);
    cr_assert_eq(e->kind, ARMEXPR_BOOL);
    cr_assert(!e->u.boolean);
    e = parse("[null]", &err);
    cr_assert_eq(e->kind, ARMEXPR_NULL);
    e = parse("['']", &err);
    cr_assert_eq(e->u.string.len, 0);
    expect("['it''s']", "\"it's\"");
    expect("['''']", "\"'\"");
    expect("['a]b']", "\"a]b\"");
}

Test(armexpr, parses_user_function_namespaces)
{
    armexpr_error err;
    armexpr *e = parse("[contoso.uniqueName('x')]", &err);
    cr_assert(e);
    cr_assert_str_eq(e->u.call.ns, "contoso");
    cr_assert_str_eq(e->u.call.name, "uniqueName");
    expect_unknown("[contoso.uniqueName('x')]", "function 'contoso.uniqueName' is not evaluated",
                   NULL);
}

Test(armexpr, syntax_errors_have_offsets)
{
    parse_fails("[]", 1, "expected an expression");
    parse_fails("[   ]", 4, "expected an expression");
    parse_fails("[concat('a']", 11, "expected ',' or ')'");
    parse_fails("[concat('a',]", 12, "expected an expression");
    parse_fails("['abc]", 1, "unterminated string");
    parse_fails("[concat('a') foo]", 13, "unexpected text after the expression");
    parse_fails("[concat]", 7, "expected '(' after the function name");
    parse_fails("[parameters('a').]", 17, "expected a property name after '.'");
    parse_fails("[parameters('a')[0]", 18, "expected ']'");
    parse_fails("[9223372036854775808]", 1, "integer literal out of range");
    parse_fails("[99999999999999999999999]", 1, "integer literal out of range");
    parse_fails("[1.5]", 2, "malformed number");
    parse_fails("[-]", 2, "expected a digit");
    parse_fails("[@]", 1, "expected an expression");
    parse_fails("[ns.]", 4, "expected a function name");
    parse_fails("[[x]", 0, "not an expression: expected '[' ... ']'");
    parse_fails("x", 0, "not an expression: expected '[' ... ']'");
}

Test(armexpr, syntax_errors_become_warnings_when_evaluated)
{
    expect_unknown("[concat('a']", "invalid template expression at offset 11: expected ',' or ')'",
                   "invalid template expression at offset 11");
    cr_assert_eq(az_eval_warning(EV, 0)->range.start_line, R.start_line);
}

static char *nested(const char *open, const char *middle, const char *close, int depth)
{
    size_t n = strlen(open) * depth + strlen(middle) + strlen(close) * depth + 3;
    char *s = malloc(n), *p = s;
    *p++ = '[';
    for (int i = 0; i < depth; i++)
        p += sprintf(p, "%s", open);
    p += sprintf(p, "%s", middle);
    for (int i = 0; i < depth; i++)
        p += sprintf(p, "%s", close);
    *p++ = ']';
    *p = 0;
    return s;
}

Test(armexpr, hostile_nesting_is_an_error_not_a_crash)
{
    clock_t start = clock();
    char *calls = nested("concat(", "'x'", ")", 10000);
    char *indexes = nested("createArray(1)[", "0", "]", 10000);
    char *members = nested("", "json('{}')", ".a", 10000);
    armexpr_error err;
    cr_assert_null(parse(calls, &err));
    cr_assert_str_eq(err.message, "expression nested too deeply");
    cr_assert_null(parse(indexes, &err));
    cr_assert_str_eq(err.message, "expression nested too deeply");
    cr_assert_null(parse(members, &err));
    cr_assert_str_eq(err.message, "expression nested too deeply");
    expect_unknown(calls, "nested too deeply", "invalid template expression");
    free(calls);
    free(indexes);
    free(members);
    cr_assert_lt((double)(clock() - start) / CLOCKS_PER_SEC, 2.0);
}

Test(armexpr, nesting_up_to_the_limit_parses)
{
    char *s = nested("concat(", "'x'", ")", 10);
    armexpr_error err;
    cr_assert(armexpr_parse(A, s, strlen(s), 11, &err));
    cr_assert_null(armexpr_parse(A, s, strlen(s), 10, &err));
    free(s);
    s = nested("", "json('{\"a\":1}')", ".a", 1); /* member, call, string */
    cr_assert(armexpr_parse(A, s, strlen(s), 3, &err));
    cr_assert_null(armexpr_parse(A, s, strlen(s), 2, &err));
    free(s);
}

Test(armexpr, parse_out_of_memory_is_reported)
{
    armexpr_error err;
    arena_set_limit(A, arena_used(A));
    cr_assert_null(parse("[concat('a', 'b')]", &err));
    cr_assert_str_eq(err.message, "out of memory");
    cr_assert(arena_failed(A));
}

Test(armexpr, parameters_and_variables_come_from_the_environment)
{
    PARAMS = J("{\"name\": \"st1\", \"cfg\": {\"Tier\": {\"size\": 3}}, \"list\": [10, 20]}");
    az_value *v = E("[parameters('name')]");
    cr_assert(same(v, "\"st1\""));
    cr_assert_eq(v->origin, AZ_ORIGIN_PARAMETER_DEFAULT);
    cr_assert_str_eq(v->via, "name");
    cr_assert_eq(v->range.start_column, R.start_column);
    expect("[PARAMETERS('name')]", "\"st1\"");
    expect("[variables('name')]", "\"st1\"");
    expect("[parameters('cfg').tier.SIZE]", "3");
    expect("[parameters('cfg')['TIER']['size']]", "3");
    expect("[parameters('list')[1]]", "20");
    expect_unknown("[parameters('missing')]", "parameters('missing')", NULL);
    expect_unknown("[parameters(1)]", "parameters(): argument 1 must be a string", "parameters()");
    expect_unknown("[variables('a', 'b')]", "variables() takes 1 argument", "variables()");
    expect_unknown("[parameters(parameters('unknownN'))]", "parameters('unknown')", NULL);
}

Test(armexpr, a_part_of_a_parameter_came_through_it)
{
    PARAMS = J("{\"cfg\": {\"tier\": \"Basic\"}}");
    az_value *v = E("[parameters('cfg').tier]");
    cr_assert_eq(v->origin, AZ_ORIGIN_PARAMETER_DEFAULT);
    cr_assert_str_eq(v->via, "cfg");
}

Test(armexpr, missing_callbacks_give_unknown)
{
    armexpr_env none = {0};
    const char *s = "[concat(parameters('a'), copyIndex())]";
    az_value *v = armexpr_eval_string(EV, s, strlen(s), &none, R);
    cr_assert_eq(v->kind, AZ_UNKNOWN);
    cr_assert_str_eq(v->u.unknown.reason, "parameters('a')");
    armexpr_error err;
    armexpr *e = parse("[copyIndex()]", &err);
    v = armexpr_eval(EV, e, NULL, R);
    cr_assert_eq(v->kind, AZ_UNKNOWN);
    cr_assert_str_eq(v->u.unknown.reason, "copyIndex() outside a known loop");
}

Test(armexpr, copy_index)
{
    expect("[copyIndex()]", "3");
    expect("[copyIndex(1)]", "4");
    expect("[copyIndex('disks')]", "7");
    expect("[copyIndex('disks', 10)]", "17");
    expect("[concat('vm', copyIndex(1))]", "\"vm4\"");
    expect_unknown("[copyIndex('other')]", "outside a known loop", NULL);
    expect_unknown("[copyIndex('a')]", "outside a known loop", NULL);
    expect_unknown("[copyIndex(1, 2)]", "copyIndex(): argument 1 must be a string", "copyIndex()");
    expect_unknown("[copyIndex('disks', 'x')]", "offset must be an int", "copyIndex()");
    expect_unknown("[copyIndex('disks', 1, 2)]", "at most 2 arguments", "copyIndex()");
    expect_unknown("[copyIndex(9223372036854775807)]", "overflows", "copyIndex()");
    expect_unknown("[copyIndex(parameters('unknownO'))]", "parameters('unknown')", NULL);
}

Test(armexpr, member_and_index_errors)
{
    expect_unknown("[createObject('a', 1).b]", "no property 'b'", "no property 'b'");
    expect_unknown("['text'.length]", "property 'length' of a value of kind string",
                   "property 'length'");
    expect_unknown("[createArray(1, 2)[2]]", "index 2 is out of range for an array of 2 items",
                   "index 2 is out of range");
    expect_unknown("[createArray(1, 2)[-1]]", "index -1 is out of range", "out of range");
    expect_unknown("[createArray(1)['a']]", "an array index must be an int", "array index");
    expect_unknown("[createObject('a', 1)[0]]", "an object index must be a string", "object index");
    expect_unknown("[createObject('a', 1)['b']]", "no property named by the index",
                   "named by the index");
    expect_unknown("['abc'[0]]", "cannot index a value of kind string", "cannot index");
    expect_unknown("[parameters('unknownX').a[0].b]", "parameters('unknown')", NULL);
    expect_unknown("[createArray(1)[parameters('unknownI')]]", "parameters('unknown')", NULL);
    expect_unknown("[reference('st').primaryEndpoints.blob]", "reference()", NULL);
}

Test(armexpr, if_evaluates_only_the_chosen_branch)
{
    expect("[if(true, 'ok', createArray()[5])]", "\"ok\"");
    expect("[if(false, createArray()[5], 'ok')]", "\"ok\"");
    cr_assert_eq(az_eval_warning_count(EV), 0);
    expect_unknown("[if(parameters('unknownC'), 1, 2)]", "parameters('unknown')", NULL);
    expect_unknown("[if(1, 1, 2)]", "if(): argument 1 must be a bool", "if()");
    expect_unknown("[if(true, 1)]", "if() takes 3 arguments", "if()");
}

Test(armexpr, evaluation_is_depth_bounded)
{
    az_limits limits = az_limits_default();
    limits.max_depth = 8;
    fx_teardown();
    fx_init(&limits);
    /* Parses (height 6 < 8), but with four outer levels of evaluation in
     * use, its five calls take the evaluator past its depth limit. */
    for (int i = 0; i < 4; i++)
        cr_assert(az_eval_enter(EV, R));
    expect_unknown("[concat(concat(concat(concat(concat('x')))))]", "depth",
                   "nesting deeper than the depth limit 8");
    az_eval_leave(EV);
    expect("[concat(concat(concat(concat(concat('x')))))]", "\"x\"");
}

Test(armexpr, lambdas_map_filter_reduce_and_to_object)
{
    PARAMS = J("{\"xs\": [1, 2, 3], \"names\": [\"a\", \"b\"], \"o\": {\"k\": 1, \"m\": 2}}");
    expect("[map(parameters('xs'), lambda('x', add(lambdaVariables('x'), 10)))]", "[11,12,13]");
    expect("[map(parameters('names'), lambda('n', 'i', concat(lambdaVariables('n'), "
           "string(lambdaVariables('i')))))]",
           "[\"a0\",\"b1\"]");
    expect("[filter(parameters('xs'), lambda('x', greater(lambdaVariables('x'), 1)))]", "[2,3]");
    expect("[reduce(parameters('xs'), 0, lambda('acc', 'x', add(lambdaVariables('acc'), "
           "lambdaVariables('x'))))]",
           "6");
    expect("[toObject(parameters('names'), lambda('n', lambdaVariables('n')), lambda('n', "
           "length(lambdaVariables('n'))))]",
           "{\"a\":1,\"b\":1}");
    expect("[mapValues(parameters('o'), lambda('v', mul(lambdaVariables('v'), 2)))]",
           "{\"k\":2,\"m\":4}");
    /* Nested lambdas see the outer binding. */
    expect("[map(parameters('names'), lambda('n', map(parameters('xs'), lambda('x', "
           "concat(lambdaVariables('n'), string(lambdaVariables('x')))))))]",
           "[[\"a1\",\"a2\",\"a3\"],[\"b1\",\"b2\",\"b3\"]]");
}

Test(armexpr, lambdas_over_unknown_input_are_unknown)
{
    expect_unknown("[map(parameters('unknownList'), lambda('x', lambdaVariables('x')))]",
                   "parameters('unknown')", NULL);
    expect_unknown("[filter(createArray(1), lambda('x', parameters('unknownFlag')))]",
                   "parameters('unknown')", NULL);
    expect_unknown("[lambdaVariables('nope')]", "lambdaVariables", "no lambda variable");
    expect_unknown("[filter(createArray(1), lambda('x', 5))]", "must return a bool",
                   "must return a bool");
}
