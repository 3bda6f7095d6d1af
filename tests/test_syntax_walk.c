/* The syntax walk against tree-sitter's cursor, node by node, over every
 * Bicep and ARM file of the fixtures, samples and checks, both grammars'
 * corpora, and hostile input; skipping; and running out of memory. */
#define _XOPEN_SOURCE 700 /* nftw */
#include "fault.h"
#include "language.h"
#include "nested_text.h"
#include "syntax_walk.h"

#include <criterion/criterion.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static TSTree *parse(language_id lang, const char *text, size_t len)
{
    TSParser *parser = ts_parser_new();
    cr_assert(ts_parser_set_language(parser, language_grammar(lang)));
    TSTree *tree = ts_parser_parse_string(parser, NULL, text, (uint32_t)len);
    ts_parser_delete(parser);
    cr_assert_not_null(tree);
    return tree;
}

static bool same_point(TSPoint a, TSPoint b)
{
    return a.row == b.row && a.column == b.column;
}

/* Walks `text` with the cursor and the walk side by side. */
static void check_text(const char *what, language_id lang, const char *text, size_t len)
{
    TSTree *tree = parse(lang, text, len);
    syntax_walk *w = syntax_walk_new(tree);
    cr_assert_not_null(w);
    TSTreeCursor cur = ts_tree_cursor_new(ts_tree_root_node(tree));
    uint32_t depth = 0, i = 0;
    for (;; i++) {
        syntax_walk_node n;
        cr_assert_eq(syntax_walk_next(w, &n), 1, "%s: node %u missing", what, i);
        TSNode t = ts_tree_cursor_current_node(&cur);
        cr_assert_eq(n.symbol, ts_node_symbol(t), "%s: node %u", what, i);
        cr_assert_eq(n.field, ts_tree_cursor_current_field_id(&cur), "%s: node %u (%s)", what, i,
                     ts_node_type(t));
        cr_assert_eq(n.depth, depth, "%s: node %u", what, i);
        cr_assert_eq(n.named, ts_node_is_named(t), "%s: node %u", what, i);
        cr_assert_eq(n.extra, ts_node_is_extra(t), "%s: node %u", what, i);
        cr_assert_eq(n.missing, ts_node_is_missing(t), "%s: node %u", what, i);
        cr_assert_eq(n.has_error, ts_node_has_error(t), "%s: node %u", what, i);
        cr_assert_eq(n.start_byte, ts_node_start_byte(t), "%s: node %u", what, i);
        cr_assert_eq(n.end_byte, ts_node_end_byte(t), "%s: node %u", what, i);
        cr_assert(same_point(n.start_point, ts_node_start_point(t)), "%s: node %u", what, i);
        cr_assert(same_point(n.end_point, ts_node_end_point(t)), "%s: node %u", what, i);
        if (ts_tree_cursor_goto_first_child(&cur)) {
            depth++;
            continue;
        }
        while (!ts_tree_cursor_goto_next_sibling(&cur) && depth > 0) {
            cr_assert(ts_tree_cursor_goto_parent(&cur));
            depth--;
        }
        if (depth == 0)
            break;
    }
    syntax_walk_node n;
    cr_assert_eq(syntax_walk_next(w, &n), 0, "%s: more nodes than the tree", what);
    cr_assert_eq(syntax_walk_next(w, &n), 0);
    ts_tree_cursor_delete(&cur);
    syntax_walk_free(w);
    ts_tree_delete(tree);
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "%s", path);
    cr_assert_eq(fseek(f, 0, SEEK_END), 0);
    long size = ftell(f);
    cr_assert_geq(size, 0);
    rewind(f);
    char *data = malloc((size_t)size + 1);
    cr_assert_not_null(data);
    *len = fread(data, 1, (size_t)size, f);
    data[*len] = '\0';
    fclose(f);
    return data;
}

static unsigned files_checked;

static int check_file(const char *path, const struct stat *st, int kind, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    language_id lang = kind == FTW_F ? language_for_path(path) : LANGUAGE_NONE;
    if (lang == LANGUAGE_NONE)
        return 0;
    size_t len;
    char *text = read_all(path, &len);
    check_text(path, lang, text, len);
    free(text);
    files_checked++;
    return 0;
}

Test(syntax_walk, matches_the_cursor_on_every_fixture_and_sample)
{
    cr_assert_eq(nftw(AZSCAN_TEST_FIXTURES, check_file, 16, FTW_PHYS), 0);
    cr_assert_eq(nftw(AZSCAN_SOURCE_DIR "/samples", check_file, 16, FTW_PHYS), 0);
    cr_assert_eq(nftw(AZSCAN_SOURCE_DIR "/checks", check_file, 16, FTW_PHYS), 0);
    cr_assert_gt(files_checked, 200);
}

/* Each corpus file whole, as hostile input: the examples' expected trees
 * follow them. */
static language_id corpus_language;

static int check_corpus(const char *path, const struct stat *st, int kind, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    if (kind != FTW_F)
        return 0;
    size_t len;
    char *text = read_all(path, &len);
    check_text(path, corpus_language, text, len);
    free(text);
    files_checked++;
    return 0;
}

Test(syntax_walk, matches_the_cursor_on_the_grammar_corpora)
{
    files_checked = 0;
    corpus_language = LANGUAGE_BICEP;
    cr_assert_eq(nftw(AZSCAN_SOURCE_DIR "/grammars/bicep/test/corpus", check_corpus, 16, FTW_PHYS),
                 0);
    corpus_language = LANGUAGE_ARMJSON;
    cr_assert_eq(
        nftw(AZSCAN_SOURCE_DIR "/grammars/armjson/test/corpus", check_corpus, 16, FTW_PHYS), 0);
    cr_assert_geq(files_checked, 4);
}

static void check_string(language_id lang, const char *text)
{
    check_text(text, lang, text, strlen(text));
}

/* `depth` of `open`, a middle, then `depth` of `close`. */
static void check_nested(language_id lang, const char *prefix, const char *open, const char *middle,
                         const char *close, size_t depth)
{
    size_t len;
    char *text = nested_text(prefix, open, middle, close, depth, &len);
    cr_assert_not_null(text);
    check_text(prefix, lang, text, len);
    free(text);
}

Test(syntax_walk, matches_the_cursor_on_hostile_input)
{
    const char *arm[] = {"",
                         "  \n",
                         "// c",
                         "{\"a\": [1, 2}",
                         "{\"a\":}",
                         "{\"a\" 1, \"b\": }",
                         "[1 @]",
                         "{'a': 1}",
                         "{\"a\": \"\\q\", \"b\": \"x\n",
                         "{\"\xff\": 1}",
                         "{/*a*/\"k\"/*b*/:/*c*/[/*d*/1/*e*/,/*f*/]/*g*/,}",
                         "1 2 3",
                         "{,}"};
    for (size_t i = 0; i < sizeof(arm) / sizeof(*arm); i++)
        check_string(LANGUAGE_ARMJSON, arm[i]);
    check_string(LANGUAGE_BICEP, "var x = (1 + 2");
    check_string(LANGUAGE_BICEP, "@@@ var ) ] } = = 'x' ''' \\ ${");
    check_string(LANGUAGE_BICEP, "var s = 'a${b}c${'d${e}'}'\nvar m = '''\nx\n'''\n");
    check_string(LANGUAGE_BICEP, "var /*a*/ x /*b*/ = {\n /*d*/ a: /*e*/ 1 // f\n}\n");
    check_string(LANGUAGE_BICEP, "resource a 'x@1' = [for (i, j) in range(0, 3): if (j > 1) {}]");
    check_text("NUL bytes", LANGUAGE_ARMJSON, "{\"a\": 1\0}", 10);
    check_nested(LANGUAGE_ARMJSON, "", "[", "1", "]", 5000);
    check_nested(LANGUAGE_ARMJSON, "", "{\"a\":", "1", "}", 3000);
    check_nested(LANGUAGE_ARMJSON, "", "[", "", "", 5000);
    check_nested(LANGUAGE_BICEP, "var x = ", "{a:", "1", "}", 2000);
    /* A long list: tree-sitter keeps it in a balanced tree of hidden nodes. */
    check_nested(LANGUAGE_ARMJSON, "[", "1,", "2", "", 20000);
}

Test(syntax_walk, skips_the_children_of_the_node_given_last)
{
    const char *text = "{\"a\": [1, [2]], \"b\": 3}";
    TSTree *tree = parse(LANGUAGE_ARMJSON, text, strlen(text));
    syntax_walk *w = syntax_walk_new(tree);
    cr_assert_not_null(w);
    syntax_walk_node n;
    char got[256] = "";
    while (syntax_walk_next(w, &n) == 1) {
        if (!n.named)
            continue;
        size_t used = strlen(got);
        snprintf(got + used, sizeof(got) - used, "%u:%.*s ", n.depth,
                 (int)(n.end_byte - n.start_byte), text + n.start_byte);
        if (n.start_byte == 6 && n.depth == 2) /* the array after "a" */
            syntax_walk_skip_children(w);
    }
    cr_assert_str_eq(got, "0:{\"a\": [1, [2]], \"b\": 3} 1:{\"a\": [1, [2]], \"b\": 3} "
                          "2:\"a\" 2:[1, [2]] 2:\"b\" 2:3 ");
    syntax_walk_free(w);
    syntax_walk_free(NULL);
    ts_tree_delete(tree);
}

Test(syntax_walk, stops_cleanly_when_out_of_memory)
{
    fault_route_tree_sitter_around();
    const char *text =
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]";
    TSTree *tree = parse(LANGUAGE_ARMJSON, text, strlen(text));
    fault_fail_allocation(0);
    cr_assert_null(syntax_walk_new(tree));
    fault_fail_allocation(-1);
    bool failed_midway = false;
    for (long k = 1; k < 6; k++) {
        syntax_walk *w = syntax_walk_new(tree);
        cr_assert_not_null(w);
        fault_fail_allocation(k - 1);
        syntax_walk_node n;
        int rc;
        uint32_t seen = 0;
        while ((rc = syntax_walk_next(w, &n)) == 1)
            seen++;
        fault_fail_allocation(-1);
        if (rc == -1) {
            failed_midway = true;
            cr_assert_eq(syntax_walk_next(w, &n), 0, "the walk is over after a failure");
        } else {
            cr_assert_eq(rc, 0);
            cr_assert_eq(seen, 1 + 40 * 3 + 1);
        }
        syntax_walk_free(w);
    }
    cr_assert(failed_midway);
    ts_tree_delete(tree);
}
