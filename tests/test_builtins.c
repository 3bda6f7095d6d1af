#include "builtins.h"
#include "eval_fixture.h"

TestSuite(builtins, .init = fx_setup, .fini = fx_teardown);

Test(builtins, names_match_ignoring_case)
{
    expect("[CONCAT('a', 'b')]", "\"ab\"");
    expect("[toupper('abc')]", "\"ABC\"");
    cr_assert(az_builtin_exists("UNIQUESTRING", 12));
    cr_assert(az_builtin_exists("listKeys", 8));
    cr_assert(az_builtin_exists("LISTsecrets", 11));
    cr_assert(!az_builtin_exists("list", 4));
    cr_assert(!az_builtin_exists("frobnicate", 10));
    cr_assert(!az_builtin_exists("concatx", 7));
}

Test(builtins, unknown_function_is_unknown_without_crash)
{
    expect_unknown("[frobnicate(1, 'a')]", "function 'frobnicate' is not evaluated", NULL);
    expect_unknown("[map(createArray(1), 2)]", "function 'map' is not evaluated", NULL);
}

Test(builtins, deployment_time_functions_are_unknown_by_name)
{
    expect_unknown("[reference('x').properties.y]", "reference()", NULL);
    expect_unknown("[listKeys('id', '2020-01-01').keys[0].value]", "listKeys()", NULL);
    expect_unknown("[listAccountSas('id', '2020-01-01', createObject())]", "listAccountSas()",
                   NULL);
    expect_unknown("[utcNow()]", "utcNow()", NULL);
    expect_unknown("[newGuid()]", "newGuid()", NULL);
    expect_unknown("[environment().name]", "environment()", NULL);
    expect_unknown("[pickZones('Microsoft.Compute', 'virtualMachines', 'westus')]", "pickZones()",
                   NULL);
    expect_unknown("[managementGroup().id]", "managementGroup()", NULL);
}

Test(builtins, arity_is_checked)
{
    expect_unknown("[toLower()]", "toLower() takes 1 argument, not 0", "toLower() takes 1");
    expect_unknown("[substring('a')]", "substring() takes 2 to 3 arguments, not 1", "substring()");
    expect_unknown("[concat()]", "concat() takes at least 1 argument, not 0", "concat()");
    expect_unknown("[if(true, 1)]", "if() takes 3 arguments, not 2", "if()");
}

Test(builtins, type_errors_warn_with_the_name_and_range)
{
    expect_unknown("[toLower(5)]", "toLower(): argument 1 must be a string, not int",
                   "toLower(): argument 1 must be a string");
    cr_assert_eq(az_eval_warning(EV, 0)->range.start_line, R.start_line);
    cr_assert_eq(az_eval_warning(EV, 0)->range.start_column, R.start_column);
    expect_unknown("[not('x')]", "not(): argument 1 must be a bool", "not()");
    expect_unknown("[add(1, 'x')]", "add(): argument 2 must be an int", "add()");
    expect_unknown("[length(5)]", "length()", "length()");
    expect_unknown("[less(1, 'a')]", "less()", "less()");
    expect_unknown("[less(true, false)]", "less()", "less()");
    expect_unknown("[union(createArray(1), createObject())]", "union()", "union()");
    expect_unknown("[intersection(5)]", "intersection()", "intersection()");
}

Test(builtins, unknown_arguments_make_unknown_results)
{
    expect_unknown("[concat('a', parameters('unknownX'))]", "parameters('unknown')", NULL);
    expect_unknown("[toLower(parameters('unknownX'))]", "parameters('unknown')", NULL);
    expect_unknown("[add(1, parameters('unknownX'))]", "parameters('unknown')", NULL);
    expect_unknown("[length(parameters('unknownX'))]", "parameters('unknown')", NULL);
    expect_unknown("[uniqueString(resourceGroup().id, parameters('unknownX'))]",
                   "parameters('unknown')", NULL);
    expect_unknown("[guid(parameters('unknownX'))]", "parameters('unknown')", NULL);
}

Test(builtins, results_are_expressions_at_the_call)
{
    PARAMS = J("{\"p\": \"x\"}");
    az_value *v = E("[concat(parameters('p'), 'y')]");
    cr_assert_eq(v->origin, AZ_ORIGIN_EXPRESSION);
    cr_assert_eq(v->range.start_column, R.start_column);
    cr_assert_null(v->via);
}

Test(builtins, secure_arguments_make_secure_results)
{
    cr_assert(E("[concat('pw=', parameters('secret'))]")->flags & AZ_VALUE_SECURE);
    cr_assert(E("[length(parameters('secret'))]")->flags & AZ_VALUE_SECURE);
    cr_assert(E("[first(createArray(parameters('secret')))]")->flags & AZ_VALUE_SECURE);
    cr_assert(!(E("[concat('a', 'b')]")->flags & AZ_VALUE_SECURE));
    /* if() carries only what it passes through */
    cr_assert(!(E("[if(true, 'x', parameters('secret'))]")->flags & AZ_VALUE_SECURE));
    cr_assert(E("[if(false, 'x', parameters('secret'))]")->flags & AZ_VALUE_SECURE);
}

Test(builtins, if_passes_the_chosen_value_through)
{
    PARAMS = J("{\"sku\": \"Standard\"}");
    az_value *v = E("[if(equals(1, 1), parameters('sku'), 'Basic')]");
    cr_assert(same(v, "\"Standard\""));
    cr_assert_eq(v->origin, AZ_ORIGIN_PARAMETER_DEFAULT);
    cr_assert_str_eq(v->via, "sku");
    expect("[if(false, 1, 2)]", "2");
    expect_unknown("[if(parameters('unknownC'), 1, 2)]", "parameters('unknown')", NULL);
    expect_unknown("[if('yes', 1, 2)]", "if(): argument 1 must be a bool", "if()");
}

Test(builtins, if_with_known_condition_ignores_an_unknown_other_arm)
{
    /* Through az_builtin_call directly, where both arms are evaluated. */
    az_value *args[] = {J("true"), J("1"), az_value_unknown(A, R, "x")};
    az_value *v = az_builtin_call(EV, "if", 2, args, 3, R);
    cr_assert(same(v, "1"));
    args[0] = J("false");
    cr_assert_eq(az_builtin_call(EV, "IF", 2, args, 3, R)->kind, AZ_UNKNOWN);
}

Test(builtins, and_or_short_circuit_on_known_values)
{
    expect("[and(true, true, true)]", "true");
    expect("[and(true, false)]", "false");
    expect("[and(parameters('unknownA'), false)]", "false");
    expect_unknown("[and(parameters('unknownA'), true)]", "parameters('unknown')", NULL);
    expect("[or(false, false)]", "false");
    expect("[or(parameters('unknownA'), true)]", "true");
    expect_unknown("[or(false, parameters('unknownA'))]", "parameters('unknown')", NULL);
    expect_unknown("[and(true, 1)]", "and(): argument 2 must be a bool", "and()");
    expect("[not(false)]", "true");
    expect("[true()]", "true");
    expect("[false()]", "false");
    expect("[null()]", "null");
}

Test(builtins, equals_is_case_sensitive_and_deep)
{
    expect("[equals('abc', 'abc')]", "true");
    expect("[equals('abc', 'ABC')]", "false");
    expect("[equals(1, '1')]", "false");
    expect("[equals(createArray(1, createObject('a', 'x')), json('[1, {\"A\": \"x\"}]'))]", "true");
    expect("[equals(createArray(1, 2), createArray(1))]", "false");
    expect("[equals(createArray(1, parameters('unknownA')), createArray(2, 3))]", "false");
    expect_unknown("[equals(createArray(1, parameters('unknownA')), createArray(1, 3))]",
                   "parameters('unknown')", NULL);
    expect_unknown("[equals(parameters('unknownA'), 1)]", "parameters('unknown')", NULL);
}

Test(builtins, comparisons)
{
    expect("[less(1, 2)]", "true");
    expect("[less(2, 2)]", "false");
    expect("[lessOrEquals(2, 2)]", "true");
    expect("[greater('b', 'a')]", "true");
    expect("[greater('B', 'a')]", "false");
    expect("[greaterOrEquals(-5, -5)]", "true");
    expect("[greaterOrEquals('ab', 'abc')]", "false");
}

Test(builtins, coalesce)
{
    expect("[coalesce(null(), null(), 'x', 'y')]", "\"x\"");
    expect("[coalesce(null())]", "null");
    expect("[coalesce('a', parameters('unknownA'))]", "\"a\"");
    expect_unknown("[coalesce(null(), parameters('unknownA'), 'x')]", "parameters('unknown')",
                   NULL);
    PARAMS = J("{\"p\": 5}");
    az_value *v = E("[coalesce(null(), parameters('p'))]");
    cr_assert_eq(v->origin, AZ_ORIGIN_PARAMETER_DEFAULT);
}

Test(builtins, concat)
{
    expect("[concat('a', 'b', 'c')]", "\"abc\"");
    expect("[concat('vm', 1)]", "\"vm1\"");
    expect("[concat('x', true)]", "\"xTrue\"");
    expect("[concat(createArray(1, 2), createArray(), createArray('a'))]", "[1, 2, \"a\"]");
    expect_unknown("[concat(createArray(1), 'a')]", "concat(): argument 2 must be an array",
                   "concat()");
    expect_unknown("[concat('a', createObject())]", "concat(): argument 2", "concat()");
    expect("[concat(createArray(1), createArray(parameters('unknownX')))[0]]", "1");
}

Test(builtins, format)
{
    expect("[format('{0}-{1}', 'a', 2)]", "\"a-2\"");
    expect("[format('{1}{0}{1}', 'x', 'y')]", "\"yxy\"");
    expect("[format('{{literal}} {0}', 1)]", "\"{literal} 1\"");
    expect("[format('{0:D3}', 7)]", "\"007\"");
    expect("[format('{0:D3}', -7)]", "\"-007\"");
    expect("[format('{0:d}', 12)]", "\"12\"");
    expect("[format('{0:X}', 255)]", "\"FF\"");
    expect("[format('{0:x4}', 255)]", "\"00ff\"");
    expect("[format('{0:N0}', 1234567)]", "\"1,234,567\"");
    expect("[format('{0:N}', 1234)]", "\"1,234.00\"");
    expect("[format('[{0,4}]', 'ab')]", "\"[  ab]\"");
    expect("[format('[{0,-4}]', 'ab')]", "\"[ab  ]\"");
    expect("[format('{0}', true)]", "\"True\"");
    expect("[format('{0}', null())]", "\"\"");
    expect_unknown("[format('{1}', 'a')]", "missing argument", "format()");
    expect_unknown("[format('{0', 'a')]", "malformed item", "format()");
    expect_unknown("[format('a}b')]", "unmatched '}'", "format()");
    expect_unknown("[format('{0:P}', 1)]", "format() item 0 is not reproduced", NULL);
    expect_unknown("[format('{0}', createArray(1))]", "format() item 0", NULL);
    expect_unknown("[format('{0,x}', 1)]", "bad alignment", "format()");
    expect_unknown("[format('{0,999999999}', 1)]", "evaluation bound reached",
                   "exceeds the string limit");
    expect_unknown("[format('{0}', parameters('unknownA'))]", "parameters('unknown')", NULL);
}

Test(builtins, string_int_bool)
{
    expect("[string(5)]", "\"5\"");
    expect("[string(true)]", "\"True\"");
    expect("[string('x')]", "\"x\"");
    expect("[string(null())]", "\"\"");
    expect("[string(json('{\"a\":[1,true,null,\"q\\\"\"]}'))]",
           "\"{\\\"a\\\":[1,true,null,\\\"q\\\\\\\"\\\"]}\"");
    expect_unknown("[string(createArray(parameters('unknownA')))]", "parameters('unknown')", NULL);
    expect("[int('42')]", "42");
    expect("[int(' -42 ')]", "-42");
    expect("[int(7)]", "7");
    expect("[int('-9223372036854775808')]", "-9223372036854775808");
    expect_unknown("[int('9223372036854775808')]", "out of range", "int()");
    expect_unknown("[int('4x')]", "not an integer", "int()");
    expect_unknown("[int('')]", "not an integer", "int()");
    expect_unknown("[int(true)]", "int(): argument 1", "int()");
    expect("[bool('TRUE')]", "true");
    expect("[bool('false')]", "false");
    expect("[bool(0)]", "false");
    expect("[bool(2)]", "true");
    expect_unknown("[bool('yes')]", "neither", "bool()");
}

Test(builtins, case_and_trim)
{
    expect("[toLower('AbC-1')]", "\"abc-1\"");
    expect("[toUpper('AbC-1')]", "\"ABC-1\"");
    expect_unknown("[toLower('Ä')]", "toLower() of non-ASCII text", NULL);
    expect("[trim('  a b \t')]", "\"a b\"");
    expect("[trim('\u00a0x\u3000')]", "\"x\"");
    expect("[trim('   ')]", "\"\"");
}

Test(builtins, replace_and_split)
{
    expect("[replace('a-b-c', '-', '--')]", "\"a--b--c\"");
    expect("[replace('aaa', 'aa', 'b')]", "\"ba\"");
    expect("[replace('ABC', 'b', 'x')]", "\"ABC\"");
    expect_unknown("[replace('abc', '', 'x')]", "empty", "replace()");
    expect("[split('a,b,,c', ',')]", "[\"a\", \"b\", \"\", \"c\"]");
    expect("[split('a,b;c', createArray(',', ';'))]", "[\"a\", \"b\", \"c\"]");
    expect("[split('abc', '')]", "[\"abc\"]");
    expect("[split('', ',')]", "[\"\"]");
    expect("[split('a::b', createArray(':', '::'))]", "[\"a\", \"\", \"b\"]");
    expect_unknown("[split('a', createArray(1))]", "delimiters must be strings", "split()");
    expect_unknown("[split('a', createArray(parameters('unknownD')))]", "parameters('unknown')",
                   NULL);
    expect_unknown("[split('a', 1)]", "split(): argument 2", "split()");
}

Test(builtins, search_functions_ignore_case)
{
    expect("[startsWith('Hello', 'he')]", "true");
    expect("[startsWith('He', 'hello')]", "false");
    expect("[endsWith('Hello', 'LO')]", "true");
    expect("[endsWith('Hello', 'x')]", "false");
    expect("[indexOf('test', 'T')]", "0");
    expect("[indexOf('abcdef', 'CD')]", "2");
    expect("[indexOf('abc', 'z')]", "-1");
    expect("[indexOf('abc', '')]", "0");
    expect("[lastIndexOf('abcabc', 'AB')]", "3");
    expect("[lastIndexOf('abc', 'z')]", "-1");
    expect_unknown("[lastIndexOf('abc', '')]", "lastIndexOf()", NULL);
    expect("[indexOf('äbc', 'c')]", "2");
    expect("[indexOf(createArray(1, 'a', 2), 2)]", "2");
    expect("[lastIndexOf(createArray(1, 2, 1), 1)]", "2");
    expect("[indexOf(createArray(1), 5)]", "-1");
    expect_unknown("[indexOf(createArray(parameters('unknownA'), 2), 2)]", "unknown parts", NULL);
    expect("[indexOf(createArray(2, parameters('unknownA')), 2)]", "0");
}

Test(builtins, contains)
{
    expect("[contains('OneTwoThree', 'Two')]", "true");
    expect("[contains('OneTwoThree', 'two')]", "false");
    expect("[contains('a1', 1)]", "true");
    expect("[contains(createObject('Key', 1), 'KEY')]", "true");
    expect("[contains(createObject('Key', 1), 'other')]", "false");
    expect("[contains(createArray('a', 'b'), 'b')]", "true");
    expect("[contains(createArray('a', 'b'), 'B')]", "false");
    expect("[contains(createArray(parameters('unknownA'), 'b'), 'b')]", "true");
    expect_unknown("[contains(createArray(parameters('unknownA'), 'b'), 'c')]", "unknown parts",
                   NULL);
    expect_unknown("[contains(5, 'a')]", "contains(): argument 1", "contains()");
    expect_unknown("[contains(createObject(), 1)]", "contains(): argument 2", "contains()");
}

Test(builtins, empty_and_length)
{
    expect("[empty('')]", "true");
    expect("[empty(null())]", "true");
    expect("[empty(createArray())]", "true");
    expect("[empty(createObject())]", "true");
    expect("[empty(' ')]", "false");
    expect("[empty(createArray(1))]", "false");
    expect("[empty(createObject('a', 1))]", "false");
    expect_unknown("[empty(1)]", "empty()", "empty()");
    expect("[length('abc')]", "3");
    expect("[length('äb')]", "2");
    expect("[length('\xf0\x9f\x98\x80')]", "2"); /* UTF-16: a surrogate pair */
    expect("[length(createArray(1, parameters('unknownA')))]", "2");
    expect("[length(createObject('a', 1, 'b', 2))]", "2");
}

Test(builtins, first_last_skip_take)
{
    expect("[first(createArray(1, 2))]", "1");
    expect("[last(createArray(1, 2))]", "2");
    expect("[first('abc')]", "\"a\"");
    expect("[last('abä')]", "\"ä\"");
    expect("[first('')]", "\"\"");
    expect_unknown("[first(createArray())]", "empty", "first()");
    expect("[first(createArray(1, parameters('unknownA')))]", "1");
    expect_unknown("[last(createArray(1, parameters('unknownA')))]", "parameters('unknown')", NULL);
    expect("[skip(createArray(1, 2, 3), 1)]", "[2, 3]");
    expect("[skip(createArray(1, 2, 3), -1)]", "[1, 2, 3]");
    expect("[skip(createArray(1, 2, 3), 9)]", "[]");
    expect("[take(createArray(1, 2, 3), 2)]", "[1, 2]");
    expect("[take('abc', 2)]", "\"ab\"");
    expect("[skip('abc', 2)]", "\"c\"");
    expect("[take('abc', 100)]", "\"abc\"");
    expect_unknown("[take('\xf0\x9f\x98\x80', 1)]", "splits a character", "take()");
    expect_unknown("[skip(5, 1)]", "skip(): argument 1", "skip()");
}

Test(builtins, substring_and_pad_left)
{
    expect("[substring('abcdef', 2)]", "\"cdef\"");
    expect("[substring('abcdef', 2, 3)]", "\"cde\"");
    expect("[substring('abc', 3, 0)]", "\"\"");
    expect("[substring('äbc', 1, 1)]", "\"b\"");
    expect_unknown("[substring('abc', 4)]", "start index is out of range", "substring()");
    expect_unknown("[substring('abc', -1)]", "start index", "substring()");
    expect_unknown("[substring('abc', 1, 5)]", "length is out of range", "substring()");
    expect_unknown("[substring('abc', 1, -1)]", "length is out of range", "substring()");
    expect("[padLeft('7', 3, '0')]", "\"007\"");
    expect("[padLeft(7, 3, '0')]", "\"007\"");
    expect("[padLeft('abc', 2)]", "\"abc\"");
    expect("[padLeft('a', 3)]", "\"  a\"");
    expect_unknown("[padLeft('a', 3, 'xy')]", "one ASCII character", "padLeft()");
    expect_unknown("[padLeft('a', -1)]", "negative", "padLeft()");
    expect_unknown("[padLeft('a', 2000000000)]", "evaluation bound reached",
                   "exceeds the string limit");
}

Test(builtins, join)
{
    expect("[join(createArray('a', 'b', 'c'), ', ')]", "\"a, b, c\"");
    expect("[join(createArray(), ',')]", "\"\"");
    expect("[join(createArray(1, true), '-')]", "\"1-True\"");
    expect_unknown("[join(createArray(createArray()), ',')]", "must be strings", "join()");
    expect_unknown("[join(createArray('a', parameters('unknownA')), ',')]", "parameters('unknown')",
                   NULL);
}

Test(builtins, arithmetic)
{
    expect("[add(2, 3)]", "5");
    expect("[sub(2, 3)]", "-1");
    expect("[mul(-4, 3)]", "-12");
    expect("[div(7, 2)]", "3");
    expect("[div(-7, 2)]", "-3");
    expect("[mod(7, 3)]", "1");
    expect("[mod(-7, 3)]", "-1");
    expect_unknown("[div(1, 0)]", "division by zero", "div(): division by zero");
    expect_unknown("[mod(1, 0)]", "division by zero", "mod()");
    expect_unknown("[add(9223372036854775807, 1)]", "overflows", "add()");
    expect_unknown("[sub(-9223372036854775808, 1)]", "overflows", "sub()");
    expect_unknown("[mul(9223372036854775807, 2)]", "overflows", "mul()");
    expect_unknown("[div(-9223372036854775808, -1)]", "overflows", "div()");
    expect_unknown("[mod(-9223372036854775808, -1)]", "overflows", "mod()");
    expect("[min(3, 1, 2)]", "1");
    expect("[max(createArray(3, 9, 2))]", "9");
    expect_unknown("[max(createArray())]", "empty", "max()");
    expect_unknown("[min(1, 'a')]", "must be ints", "min()");
    expect_unknown("[min(createArray(1, parameters('unknownA')))]", "parameters('unknown')", NULL);
}

Test(builtins, union_merges_objects_deeply)
{
    expect("[union(json('{\"a\": 1, \"n\": {\"x\": 1, \"y\": 2}}'), "
           "json('{\"b\": 2, \"N\": {\"y\": 3, \"z\": 4}}'))]",
           "{\"a\": 1, \"n\": {\"x\": 1, \"y\": 3, \"z\": 4}, \"b\": 2}");
    expect("[union(createObject('a', 1), createObject('a', createArray(2)))]", "{\"a\": [2]}");
    expect("[union(createObject('a', createObject('b', 1)), createObject('a', 5))]", "{\"a\": 5}");
    expect("[union(createObject('a', 1))]", "{\"a\": 1}");
    expect("[union(createObject('a', 1), createObject('b', 2), createObject('a', 3))]",
           "{\"a\": 3, \"b\": 2}");
}

Test(builtins, union_of_arrays_is_distinct)
{
    expect("[union(createArray(1, 2, 2), createArray(2, 3, 1))]", "[1, 2, 3]");
    expect("[union(createArray('a'), createArray('A'))]", "[\"a\", \"A\"]");
    expect_unknown("[union(createArray(1), createArray(parameters('unknownA')))]",
                   "parameters('unknown')", NULL);
    /* Items with unknown parts stay when their known parts tell them apart. */
    expect("[length(union(createArray(), createArray(createObject('name', 'k1', 'value', "
           "parameters('unknownA')))))]",
           "1");
    expect("[length(union(createArray(createObject('name', 'a', 'v', parameters('unknownA'))), "
           "createArray(createObject('name', 'b', 'v', parameters('unknownA')))))]",
           "2");
    expect("[length(union(createArray(createObject('name', 'a', 'v', parameters('unknownA'))), "
           "createArray(1, 'a')))]",
           "3");
    /* ... and make the union unknown when they may repeat an item. */
    expect_unknown("[union(createArray(createObject('name', 'a', 'v', parameters('unknownA'))), "
                   "createArray(createObject('name', 'a', 'v', 1)))]",
                   "parameters('unknown')", NULL);
}

Test(builtins, intersection)
{
    expect("[intersection(createArray(1, 2, 3, 2), createArray(2, 3, 4), createArray(3, 2))]",
           "[2, 3]");
    expect("[intersection(json('{\"a\": 1, \"b\": 2, \"c\": 3}'), json('{\"a\": 1, \"b\": 5}'))]",
           "{\"a\": 1}");
    expect_unknown("[intersection(createArray(1), createArray(parameters('unknownA')))]",
                   "parameters('unknown')", NULL);
    expect_unknown("[intersection(createArray(1), createObject())]", "intersection(): argument 2",
                   "intersection()");
}

Test(builtins, create_object_and_array)
{
    expect("[createObject('a', 1, 'b', createArray('x'))]", "{\"a\": 1, \"b\": [\"x\"]}");
    expect("[createObject()]", "{}");
    expect("[createArray()]", "[]");
    expect("[createObject('a', 1, 'A', 2)]", "{\"A\": 2}");
    expect_unknown("[createObject('a')]", "pairs", "createObject()");
    expect_unknown("[createObject(1, 2)]", "createObject(): argument 1", "createObject()");
    expect_unknown("[createObject(parameters('unknownK'), 2)]", "parameters('unknown')", NULL);
    az_value *v = E("[createObject('a', parameters('unknownV'))]");
    cr_assert_eq(v->kind, AZ_OBJECT);
    cr_assert_eq(az_value_member(v, "a", 1)->value->kind, AZ_UNKNOWN);
    expect("[array('x')]", "[\"x\"]");
    expect("[array(createArray(1))]", "[1]");
}

Test(builtins, items_are_sorted_by_key)
{
    expect("[items(json('{\"b\": 2, \"a\": 1, \"C\": 3}'))]",
           "[{\"key\": \"a\", \"value\": 1}, {\"key\": \"b\", \"value\": 2},"
           " {\"key\": \"C\", \"value\": 3}]");
    expect("[items(createObject())]", "[]");
    expect("[objectKeys(json('{\"b\": 2, \"a\": 1}'))]", "[\"b\", \"a\"]");
    expect("[flatten(createArray(createArray(1), createArray(), createArray(2, 3)))]", "[1, 2, 3]");
    expect_unknown("[flatten(createArray(1))]", "must be arrays", "flatten()");
    expect_unknown("[items(createArray())]", "items(): argument 1", "items()");
}

Test(builtins, json_function)
{
    expect("[json('{\"a\": {\"b\": [1, \"x\", null, false]}}').a.b[1]]", "\"x\"");
    expect("[json('null')]", "null");
    expect("[json(' 12 ')]", "12");
    expect_unknown("[json('{\"a\": }')]", "invalid JSON at offset 6", "json(): invalid JSON");
    expect_unknown("[json('[1, 2')]", "invalid JSON", "json()");
    expect_unknown("[json('1.5')]", "floating-point", NULL);
    expect_unknown("[json(5)]", "json(): argument 1", "json()");
}

Test(builtins, encodings)
{
    expect("[base64('hello')]", "\"aGVsbG8=\"");
    expect("[base64('')]", "\"\"");
    expect("[base64('ab')]", "\"YWI=\"");
    expect("[base64ToString('aGVsbG8=')]", "\"hello\"");
    expect("[base64ToString('YWI=')]", "\"ab\"");
    expect_unknown("[base64ToString('a*b=')]", "not valid base64", "base64ToString()");
    expect_unknown("[base64ToString('YWI')]", "not valid base64", "base64ToString()");
    expect_unknown("[base64ToString('/w==')]", "not UTF-8", NULL);
    expect("[dataUri('Hello')]", "\"data:text/plain;charset=utf8;base64,SGVsbG8=\"");
    expect("[dataUriToString('data:text/plain;charset=utf8;base64,SGVsbG8=')]", "\"Hello\"");
    expect_unknown("[dataUriToString('hello')]", "not a data URI", "dataUriToString()");
    expect_unknown("[dataUriToString('data:,Hello')]", "without base64", NULL);
    expect("[uriComponent('a b/c?d=é')]", "\"a%20b%2Fc%3Fd%3D%C3%A9\"");
    expect("[uriComponentToString('a%20b%2fc%')]", "\"a b/c%\"");
}

Test(builtins, unique_string_and_guid_are_stable_placeholders)
{
    az_value *u1 = E("[uniqueString(resourceGroup().id, 'x')]");
    az_value *u2 = E("[uniquestring(resourceGroup().id, 'x')]");
    az_value *u3 = E("[uniqueString(resourceGroup().id, 'y')]");
    cr_assert_eq(u1->kind, AZ_STRING);
    cr_assert_eq(u1->u.string.len, 13);
    for (uint32_t i = 0; i < 13; i++)
        cr_assert(strchr("abcdefghijklmnopqrstuvwxyz234567", u1->u.string.ptr[i]));
    cr_assert(az_value_equal(u1, u2, false));
    cr_assert(!az_value_equal(u1, u3, false));
    /* Arguments are length-prefixed: ('ab','c') is not ('a','bc'). */
    cr_assert(
        !az_value_equal(E("[uniqueString('ab', 'c')]"), E("[uniqueString('a', 'bc')]"), false));
    az_value *g = E("[guid('a', 'b')]");
    cr_assert_eq(g->kind, AZ_STRING);
    cr_assert_eq(g->u.string.len, 36);
    for (uint32_t i = 0; i < 36; i++) {
        char ch = g->u.string.ptr[i];
        if (i == 8 || i == 13 || i == 18 || i == 23)
            cr_assert_eq(ch, '-');
        else
            cr_assert(strchr("0123456789abcdef", ch), "%s", g->u.string.ptr);
    }
    cr_assert_eq(g->u.string.ptr[14], '5');
    cr_assert(az_value_equal(g, E("[guid('a', 'b')]"), false));
    cr_assert(!az_value_equal(g, E("[guid('a', 'c')]"), false));
    expect_unknown("[uniqueString(1)]", "uniqueString(): argument 1", "uniqueString()");
}

Test(builtins, resource_ids)
{
    expect("[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 's')]",
           "\"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/"
           "resourceGroupName/providers/Microsoft.Network/virtualNetworks/vnet/subnets/s\"");
    expect("[resourceId('rg2', 'Microsoft.Storage/storageAccounts', 'st')]",
           "\"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg2/providers/"
           "Microsoft.Storage/storageAccounts/st\"");
    expect("[resourceId('sub1', 'rg2', 'Microsoft.Storage/storageAccounts', 'st')]",
           "\"/subscriptions/sub1/resourceGroups/rg2/providers/Microsoft.Storage/"
           "storageAccounts/st\"");
    expect("[subscriptionResourceId('Microsoft.Resources/resourceGroups', 'rg')]",
           "\"/subscriptions/00000000-0000-0000-0000-000000000000/providers/"
           "Microsoft.Resources/resourceGroups/rg\"");
    expect("[subscriptionResourceId('s2', 'Microsoft.Resources/resourceGroups', 'rg')]",
           "\"/subscriptions/s2/providers/Microsoft.Resources/resourceGroups/rg\"");
    expect("[tenantResourceId('Microsoft.Management/managementGroups', 'mg')]",
           "\"/providers/Microsoft.Management/managementGroups/mg\"");
    expect("[extensionResourceId(resourceId('Microsoft.Storage/storageAccounts', 'st'), "
           "'Microsoft.Authorization/locks', 'lock')]",
           "\"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/"
           "resourceGroupName/providers/Microsoft.Storage/storageAccounts/st/providers/"
           "Microsoft.Authorization/locks/lock\"");
    expect_unknown("[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet')]",
                   "2 segments but 1 names follow", "resourceId()");
    expect_unknown("[resourceId('a', 'b')]", "no resource type", "resourceId()");
    expect_unknown("[resourceId('a', 'b', 'c', 'Microsoft.X/y', 'n')]", "no resource type",
                   "resourceId()");
    expect_unknown("[tenantResourceId('Microsoft.X/', 'n')]", "namespace/type",
                   "tenantResourceId()");
    expect_unknown("[tenantResourceId('Microsoft.X//y', 'n', 'm')]", "empty segment",
                   "tenantResourceId()");
    expect_unknown("[resourceId('Microsoft.X/y', 5)]", "resourceId(): argument 2", "resourceId()");
    expect_unknown("[resourceId('Microsoft.X/y', parameters('unknownN'))]", "parameters('unknown')",
                   NULL);
}

Test(builtins, deployment_scope_objects)
{
    expect("[resourceGroup().id]", "\"/subscriptions/00000000-0000-0000-0000-000000000000/"
                                   "resourceGroups/resourceGroupName\"");
    expect("[resourceGroup().name]", "\"resourceGroupName\"");
    expect_unknown("[resourceGroup().location]", "resourceGroup().location", NULL);
    expect("[subscription().subscriptionId]", "\"00000000-0000-0000-0000-000000000000\"");
    expect("[subscription().id]", "\"/subscriptions/00000000-0000-0000-0000-000000000000\"");
    expect("[subscription().tenantId]", "\"00000000-0000-0000-0000-000000000000\"");
    cr_assert_eq(E("[subscription().displayName]")->kind, AZ_STRING);
    expect("[tenant().tenantId]", "\"00000000-0000-0000-0000-000000000000\"");
    expect("[deployment().name]", "\"deploymentName\"");
    expect_unknown("[deployment().properties.templateLink.uri]", "deployment().properties", NULL);
}

Test(builtins, range)
{
    expect("[range(5, 3)]", "[5, 6, 7]");
    expect("[range(0, 0)]", "[]");
    expect_unknown("[range(0, -1)]", "negative", "range()");
    expect_unknown("[range(9223372036854775807, 2)]", "out of range", "range()");
}

Test(builtins, try_get_reads_members_and_items_or_gives_null)
{
    PARAMS = J("{\"o\": {\"a\": {\"b\": [10, 20]}}}");
    expect("[tryGet(parameters('o'), 'a', 'b', 1)]", "20");
    expect("[tryGet(parameters('o'), 'A')]", "{\"b\":[10,20]}");
    expect("[tryGet(parameters('o'), 'missing', 'b')]", "null");
    expect("[tryGet(parameters('o'), 'a', 'b', 5)]", "null");
    expect("[tryGet(null(), 'a')]", "null");
    expect_unknown("[tryGet(parameters('unknownObject'), 'a')]", "parameters('unknown')", NULL);
    expect_unknown("[tryGet(parameters('o'), 'a', 'b', 'x')]", "must be an int", "must be an int");
}

Test(builtins, shallow_merge_replaces_whole_members)
{
    expect("[shallowMerge(createArray(createObject('a', createObject('x', 1)), "
           "createObject('a', createObject('y', 2), 'b', 3)))]",
           "{\"a\":{\"y\":2},\"b\":3}");
    expect_unknown("[shallowMerge(createArray(parameters('unknownObject')))]",
                   "parameters('unknown')", NULL);
    expect_unknown("[shallowMerge(createArray(1))]", "must be an object", "must be an object");
}

Test(builtins, management_group_resource_id_and_fail)
{
    expect("[managementGroupResourceId('Microsoft.Authorization/policyDefinitions', 'p1')]",
           "\"/providers/Microsoft.Management/managementGroups/managementGroupName/providers/"
           "Microsoft.Authorization/policyDefinitions/p1\"");
    expect("[managementGroupResourceId('mg1', 'Microsoft.Authorization/policyDefinitions', "
           "'p1')]",
           "\"/providers/Microsoft.Management/managementGroups/mg1/providers/"
           "Microsoft.Authorization/policyDefinitions/p1\"");
    expect_unknown("[fail('stop')]", "fail()", NULL);
    expect_unknown("[deployer()]", "deployer()", NULL);
}

Test(builtins, resource_group_and_subscription_by_name)
{
    expect(
        "[resourceGroup().id]",
        "\"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/resourceGroupName\"");
    expect("[resourceGroup('rg-other').id]",
           "\"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-other\"");
    expect("[resourceGroup('sub1', 'rg-other').name]", "\"rg-other\"");
    expect("[resourceGroup('sub1', 'rg-other').id]",
           "\"/subscriptions/sub1/resourceGroups/rg-other\"");
    expect("[subscription('sub1').id]", "\"/subscriptions/sub1\"");
    expect_unknown("[resourceGroup('rg').location]", "resourceGroup().location", NULL);
    expect_unknown("[resourceGroup(1)]", "must be a string", "must be a string");
}

Test(builtins, list_functions_are_unknown_and_secure)
{
    az_value *v = E("[listKeys('stg', '2023-05-01').keys[0].value]");
    cr_assert_eq(v->kind, AZ_UNKNOWN);
    cr_assert(v->flags & AZ_VALUE_SECURE, "a key read with listKeys() must be secure");
}
