#include "diagnostic.h"
#include "fault.h"
#include "language.h"
#include "source.h"
#include "syntax.h"
#include "tree_print.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
/* The grammar's generated header: the layout of TSLanguage, to fake an ABI. */
#include <tree_sitter/parser.h>

static source_file *source_from(const char *text, size_t len)
{
    char *data = source_data_new(len);
    memcpy(data, text, len);
    source_file *src;
    cr_assert_eq(source_file_adopt(&src, data, len, NULL), SOURCE_OK);
    return src;
}

static TSTree *parse(const source_file *src, language_id language)
{
    TSTree *tree;
    cr_assert_eq(syntax_parse(&tree, src, language_grammar(language), 0), SYNTAX_OK);
    cr_assert_not_null(tree);
    return tree;
}

/* The syntax errors of `text`, one "line:col: message" per line. */
static char *errors_of(const char *text, size_t len, language_id language)
{
    source_file *src = source_from(text, len);
    TSTree *tree = parse(src, language);
    diagnostic_list *list = diagnostic_list_new();
    cr_assert_eq(syntax_errors_collect(tree, src, list), 0);
    char *out;
    size_t out_len;
    FILE *f = open_memstream(&out, &out_len);
    for (size_t i = 0; i < diagnostic_list_count(list); i++) {
        const diagnostic *d = diagnostic_list_get(list, i);
        cr_assert(d->has_position);
        fprintf(f, "%u:%u: %s\n", d->position.line, d->position.column, d->message);
    }
    fclose(f);
    diagnostic_list_free(list);
    ts_tree_delete(tree);
    source_file_free(src);
    return out;
}

static void assert_errors(const char *text, language_id language, const char *want)
{
    char *got = errors_of(text, strlen(text), language);
    cr_assert_str_eq(got, want, "for input %s, got %s", text, got);
    free(got);
}

Test(syntax, finds_nothing_in_valid_input)
{
    assert_errors("{\"a\": [1, true, null, \"s\\n\"], \"b\": {}}", LANGUAGE_ARMJSON, "");
    assert_errors("", LANGUAGE_BICEP, "");
    assert_errors("param name string = 'x'\nvar n = length(name)\n", LANGUAGE_BICEP, "");
}

Test(syntax, reports_unexpected_and_missing_tokens)
{
    assert_errors("{\"a\": [1, 2,, ]}", LANGUAGE_ARMJSON, "1:13: unexpected ','\n");
    assert_errors("{\"a\": [1, 2}", LANGUAGE_ARMJSON, "1:12: missing ']'\n");
    assert_errors("{\"a\":}", LANGUAGE_ARMJSON, "1:6: missing 'string'\n");
    assert_errors("param x int\nvar y = [\n  1\n  (\n]\n", LANGUAGE_BICEP, "4:3: unexpected '('\n");
}

Test(syntax, reports_a_bad_escape_or_an_open_string_where_it_is)
{
    /* A well-formed string is one token; others are read part by part. */
    assert_errors("{\"a\": \"ok\\x\", \"b\": \"\\u12\"}", LANGUAGE_ARMJSON,
                  "1:10: unexpected '\\\\x'\n1:21: unexpected '\\\\u12'\n");
    assert_errors("{\"a\": \"x\",\n \"b\": \"tail", LANGUAGE_ARMJSON,
                  "2:12: missing '\"'\n2:12: missing '}'\n");
    assert_errors("{\"a\": \"\\\"quoted\\\" \\u00e9\\n\"}", LANGUAGE_ARMJSON, "");
}

Test(syntax, reports_every_error_in_document_order)
{
    assert_errors("[[1,,2],\n [3,,4]]", LANGUAGE_ARMJSON,
                  "1:5: unexpected ','\n2:4: unexpected ','\n");
}

Test(syntax, counts_columns_in_code_points_after_multibyte_text_and_a_bom)
{
    assert_errors("{\"\xC3\xA9\xE2\x82\xAC\": [1,, 2]}", LANGUAGE_ARMJSON,
                  "1:10: unexpected ','\n");
    assert_errors("\xEF\xBB\xBF[,]", LANGUAGE_ARMJSON, "1:2: unexpected ','\n");
}

Test(syntax, quotes_the_skipped_text_escaped_on_one_line)
{
    assert_errors("[1, 'it\\'s']", LANGUAGE_ARMJSON, "1:5: unexpected '\\'it\\\\\\'s\\''\n");
    assert_errors("[1, @\x01\t\r\"\n]", LANGUAGE_ARMJSON,
                  "1:1: unexpected '[1, @\\x01\\t\\r\"\\n]'\n");
}

Test(syntax, cuts_long_skipped_text_at_twenty_characters)
{
    assert_errors("[1, @@@@@@@@@@@@@@@@@@@@@]", LANGUAGE_ARMJSON,
                  "1:5: unexpected '@@@@@@@@@@@@@@@@@@@@...'\n");
    assert_errors("[1, @@@@@@@@@@@@@@@@@@@@]", LANGUAGE_ARMJSON,
                  "1:5: unexpected '@@@@@@@@@@@@@@@@@@@@'\n");
    /* Twenty characters, not twenty bytes. */
    assert_errors(
        "[1, \xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3"
        "\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3"
        "\xA9\xC3\xA9]",
        LANGUAGE_ARMJSON,
        "1:5: unexpected '\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
        "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
        "\xC3\xA9\xC3\xA9...'\n");
}

/*
 * `prefix`, `depth` copies of `open_text`, and when `closed` "1" and as many
 * copies of `close_text`.
 */
static char *nested(const char *prefix, const char *open_text, const char *close_text, size_t depth,
                    int closed)
{
    size_t open_len = strlen(open_text), close_len = strlen(close_text);
    size_t len = strlen(prefix) + depth * (open_len + close_len) + 3;
    char *text = malloc(len);
    char *p = text + sprintf(text, "%s", prefix);
    for (size_t i = 0; i < depth; i++, p += open_len)
        memcpy(p, open_text, open_len);
    if (closed)
        *p++ = '1';
    for (size_t i = 0; closed && i < depth; i++, p += close_len)
        memcpy(p, close_text, close_len);
    *p++ = '\n';
    *p = '\0';
    return text;
}

static void assert_deep_input_survives(const char *prefix, const char *open_text,
                                       const char *close_text, language_id language)
{
    for (int closed = 0; closed < 2; closed++) {
        char *text = nested(prefix, open_text, close_text, 100000, closed);
        char *errors = errors_of(text, strlen(text), language);
        cr_assert_eq(errors[0] == '\0', closed, "%s%s: %s", prefix, open_text,
                     closed ? "closed nesting must parse" : "unclosed nesting must fail");
        free(errors);
        free(text);
    }
}

Test(syntax, survives_100000_levels_of_json_nesting)
{
    assert_deep_input_survives("", "[", "]", LANGUAGE_ARMJSON);
    assert_deep_input_survives("", "{\"a\":", "}", LANGUAGE_ARMJSON);
}

Test(syntax, survives_100000_levels_of_bicep_nesting)
{
    assert_deep_input_survives("var x = ", "[", "]", LANGUAGE_BICEP);
    assert_deep_input_survives("var x = ", "(", ")", LANGUAGE_BICEP);
    assert_deep_input_survives("var x = ", "{a:", "}", LANGUAGE_BICEP);
}

Test(syntax, gives_up_when_the_timeout_runs_out)
{
    char *text = nested("", "[1,", "]", 200000, 1);
    source_file *src = source_from(text, strlen(text));
    TSTree *tree = (TSTree *)1;
    cr_assert_eq(syntax_parse(&tree, src, language_grammar(LANGUAGE_ARMJSON), 1), SYNTAX_TIMEOUT);
    cr_assert_null(tree);
    source_file_free(src);
    free(text);
}

Test(syntax, refuses_a_grammar_of_another_abi)
{
    TSLanguage fake = *language_grammar(LANGUAGE_ARMJSON);
    fake.version = TREE_SITTER_LANGUAGE_VERSION + 1;
    source_file *src = source_from("{}", 2);
    TSTree *tree = (TSTree *)1;
    cr_assert_eq(syntax_parse(&tree, src, &fake, 0), SYNTAX_INCOMPATIBLE);
    cr_assert_null(tree);
    source_file_free(src);
}

Test(syntax, fails_cleanly_when_a_diagnostic_cannot_be_allocated)
{
    fault_route_tree_sitter_around();
    const char *text = "[[1,,2],\n [3,,4]]";
    source_file *src = source_from(text, strlen(text));
    TSTree *tree = parse(src, LANGUAGE_ARMJSON);
    for (long n = 0; n < 4; n++) {
        diagnostic_list *list = diagnostic_list_new();
        long before = fault_live_allocations();
        fault_fail_allocation(n);
        int status = syntax_errors_collect(tree, src, list);
        fault_fail_allocation(-1);
        if (n < 3) {
            /* list growth, first message, second message */
            cr_assert_eq(status, -1, "allocation %ld", n);
            cr_assert_eq(fault_live_allocations() - before, (long)(n > 0) + (n > 1));
        } else {
            cr_assert_eq(status, 0);
            cr_assert_eq(diagnostic_list_count(list), 2);
        }
        diagnostic_list_free(list);
    }
    ts_tree_delete(tree);
    source_file_free(src);
}

/* The Bicep scanner's state is the one allocation a parse makes outside
 * tree-sitter: without it the parse must end in errors, not a crash. */
Test(syntax, bicep_parse_survives_the_scanner_allocation_failing)
{
    fault_route_tree_sitter_around();
    const char *text = "var s = 'a // b'\nvar m = '''\nx\n'''\n";
    source_file *src = source_from(text, strlen(text));
    for (long n = 0; n < 3; n++) {
        TSTree *tree = NULL;
        fault_fail_allocation(n);
        syntax_status status = syntax_parse(&tree, src, language_grammar(LANGUAGE_BICEP), 0);
        fault_fail_allocation(-1);
        cr_assert_eq(status, SYNTAX_OK, "allocation %ld", n);
        cr_assert_not_null(tree);
        ts_tree_delete(tree);
    }
    /* With the allocation working, the text is valid. */
    TSTree *tree = parse(src, LANGUAGE_BICEP);
    cr_assert_not(ts_node_has_error(ts_tree_root_node(tree)));
    ts_tree_delete(tree);
    source_file_free(src);
}

static char *printed(const char *text, language_id language)
{
    source_file *src = source_from(text, strlen(text));
    TSTree *tree = parse(src, language);
    char *out;
    size_t len;
    FILE *f = open_memstream(&out, &len);
    cr_assert_eq(tree_print(f, tree, src), 0);
    fclose(f);
    ts_tree_delete(tree);
    source_file_free(src);
    return out;
}

Test(tree_print, prints_named_nodes_fields_and_ranges)
{
    char *out = printed("{\"a\": [1, true],\n \"\xC3\xA9\": {}}", LANGUAGE_ARMJSON);
    cr_assert_str_eq(out, "(document [1:1-2:10]\n"
                          "  (object [1:1-2:10]\n"
                          "    key: (string [1:2-1:5])\n"
                          "    value: (array [1:7-1:16]\n"
                          "      (number [1:8-1:9])\n"
                          "      (true [1:11-1:15]))\n"
                          "    key: (string [2:2-2:5])\n"
                          "    value: (object [2:7-2:9])))\n");
    free(out);
}

Test(tree_print, prints_missing_and_error_nodes)
{
    char *out = printed("[1 @]", LANGUAGE_ARMJSON);
    cr_assert_str_eq(out, "(document [1:1-1:6]\n"
                          "  (array [1:1-1:6]\n"
                          "    (number [1:2-1:3])\n"
                          "    (ERROR [1:4-1:5]\n"
                          "      (ERROR [1:4-1:5]))))\n");
    free(out);
    out = printed("{\"a\": [1, 2}", LANGUAGE_ARMJSON);
    cr_assert(strstr(out, "      (MISSING \"]\" [1:12-1:12]))))\n"), "%s", out);
    free(out);
    out = printed("{\"a\":}", LANGUAGE_ARMJSON);
    cr_assert(strstr(out, "value: (MISSING string [1:6-1:6])))\n"), "%s", out);
    free(out);
}

Test(tree_print, prints_an_empty_program)
{
    char *out = printed("", LANGUAGE_BICEP);
    cr_assert_str_eq(out, "(program [1:1-1:1])\n");
    free(out);
}

Test(tree_print, prints_100000_levels_with_bounded_indentation)
{
    char *text = nested("", "[", "]", 100000, 1);
    char *out = printed(text, LANGUAGE_ARMJSON);
    /* document, 100,000 arrays, and the number in the middle */
    size_t lines = 0, open = 0, close = 0, longest = 0, line_len = 0;
    for (const char *p = out; *p; p++) {
        open += *p == '(';
        close += *p == ')';
        if (*p == '\n') {
            lines++;
            if (line_len > longest)
                longest = line_len;
            line_len = 0;
        } else {
            line_len++;
        }
    }
    cr_assert_eq(lines, 100002);
    cr_assert_eq(open, 100002);
    cr_assert_eq(close, 100002);
    /* The last line also carries every closing parenthesis. */
    cr_assert_lt(longest, 2 * TREE_PRINT_MAX_INDENT + 40 + 100002);
    const char *deep_line = strstr(out, "(array [1:100000-1:100003]");
    cr_assert_not_null(deep_line);
    cr_assert_eq(deep_line[-1], ' ');
    cr_assert_eq(deep_line[-2 * TREE_PRINT_MAX_INDENT - 1], '\n');
    free(out);
    free(text);
}

Test(tree_print, reports_write_errors)
{
    source_file *src = source_from("[1]", 3);
    TSTree *tree = parse(src, LANGUAGE_ARMJSON);
    FILE *full = fopen("/dev/full", "w");
    cr_assert_not_null(full);
    setvbuf(full, NULL, _IONBF, 0);
    cr_assert_eq(tree_print(full, tree, src), -1);
    fclose(full);
    ts_tree_delete(tree);
    source_file_free(src);
}
