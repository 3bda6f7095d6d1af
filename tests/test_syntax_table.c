/* The syntax table against tree-sitter's own node API, node by node, over
 * every Bicep file of the fixtures and samples, the grammar's corpus, and
 * hostile input; and its bounds. */
#define _XOPEN_SOURCE 700 /* nftw */
#include "language.h"
#include "nested_text.h"
#include "syntax_table.h"

#include <criterion/criterion.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static TSTree *parse(const char *text, size_t len)
{
    TSParser *parser = ts_parser_new();
    cr_assert(ts_parser_set_language(parser, language_grammar(LANGUAGE_BICEP)));
    TSTree *tree = ts_parser_parse_string(parser, NULL, text, (uint32_t)len);
    ts_parser_delete(parser);
    cr_assert_not_null(tree);
    return tree;
}

static bool same_node(TSNode a, TSNode b)
{
    return ts_node_is_null(a) ? ts_node_is_null(b) : ts_node_eq(a, b);
}

static bool same_point(TSPoint a, TSPoint b)
{
    return a.row == b.row && a.column == b.column;
}

/* The tree's nodes in pre-order, found with ts_node_child alone, each with
 * its parent's index (-1 for the root) and its index among all the
 * parent's children. */
typedef struct {
    TSNode node;
    int64_t parent;
    uint32_t child_index;
} visited;

static visited *preorder(const TSTree *tree, uint32_t *count)
{
    size_t cap = 64, n = 0;
    visited *out = malloc(cap * sizeof(*out));
    /* An explicit stack: hostile input nests deeper than the C stack goes. */
    typedef struct {
        uint32_t index, next_child;
    } frame;
    size_t depth_cap = 64, depth = 0;
    frame *stack = malloc(depth_cap * sizeof(*stack));
    cr_assert(out && stack);
    out[n++] = (visited){ts_tree_root_node(tree), -1, 0};
    stack[depth++] = (frame){0, 0};
    while (depth) {
        frame *top = &stack[depth - 1];
        TSNode parent = out[top->index].node;
        if (top->next_child == ts_node_child_count(parent)) {
            depth--;
            continue;
        }
        uint32_t k = top->next_child++;
        if (n == cap)
            cr_assert((out = realloc(out, (cap *= 2) * sizeof(*out))));
        out[n] = (visited){ts_node_child(parent, k), top->index, k};
        if (depth == depth_cap)
            cr_assert((stack = realloc(stack, (depth_cap *= 2) * sizeof(*stack))));
        stack[depth++] = (frame){(uint32_t)n, 0};
        n++;
    }
    free(stack);
    *count = (uint32_t)n;
    return out;
}

static const char *field_name(const TSLanguage *lang, TSFieldId id)
{
    return id ? ts_language_field_name_for_id(lang, id) : NULL;
}

/* Builds the table of `text` and checks every node of it. */
static void check_text(const char *what, const char *text, size_t len)
{
    TSTree *tree = parse(text, len);
    const TSLanguage *lang = ts_tree_language(tree);
    syntax_table *t;
    cr_assert_eq(syntax_table_build(&t, tree), 0);
    cr_assert_eq(syntax_table_language(t), lang);
    uint32_t count;
    visited *nodes = preorder(tree, &count);
    uint32_t fields = ts_language_field_count(lang);

    for (uint32_t i = 0; i < count; i++) {
        TSNode tn = nodes[i].node;
        syntax_node sn = syntax_table_node(t, i);
        cr_assert_not(syntax_node_is_null(sn), "%s: node %u missing", what, i);
        cr_assert_eq(sn.i, i);
        cr_assert_eq(syntax_node_symbol(sn), ts_node_symbol(tn), "%s: node %u", what, i);
        cr_assert_str_eq(syntax_node_type(sn), ts_node_type(tn), "%s: node %u", what, i);
        cr_assert_eq(syntax_node_is_named(sn), ts_node_is_named(tn), "%s: node %u", what, i);
        cr_assert_eq(syntax_node_is_extra(sn), ts_node_is_extra(tn), "%s: node %u", what, i);
        cr_assert_eq(syntax_node_is_missing(sn), ts_node_is_missing(tn), "%s: node %u", what, i);
        cr_assert_eq(syntax_node_has_error(sn), ts_node_has_error(tn), "%s: node %u", what, i);
        cr_assert_eq(syntax_node_start_byte(sn), ts_node_start_byte(tn), "%s: node %u", what, i);
        cr_assert_eq(syntax_node_end_byte(sn), ts_node_end_byte(tn), "%s: node %u", what, i);
        cr_assert(same_point(syntax_node_start_point(sn), ts_node_start_point(tn)));
        cr_assert(same_point(syntax_node_end_point(sn), ts_node_end_point(tn)));

        const char *want_field =
            nodes[i].parent < 0
                ? NULL
                : ts_node_field_name_for_child(nodes[nodes[i].parent].node, nodes[i].child_index);
        const char *got_field = field_name(lang, syntax_node_field(sn));
        cr_assert(want_field ? got_field && strcmp(want_field, got_field) == 0 : !got_field,
                  "%s: node %u (%s) is in field %s, not %s", what, i, ts_node_type(tn),
                  want_field ? want_field : "(none)", got_field ? got_field : "(none)");

        uint32_t named = ts_node_named_child_count(tn);
        cr_assert_eq(syntax_node_named_child_count(sn), named, "%s: node %u", what, i);
        for (uint32_t k = 0; k < named; k++) {
            syntax_node c = syntax_node_named_child(sn, k);
            cr_assert_not(syntax_node_is_null(c));
            cr_assert(same_node(nodes[c.i].node, ts_node_named_child(tn, k)),
                      "%s: named child %u of node %u", what, k, i);
        }
        cr_assert(syntax_node_is_null(syntax_node_named_child(sn, named)));
        cr_assert(syntax_node_is_null(syntax_node_named_child(sn, UINT32_MAX)));

        cr_assert(syntax_node_is_null(syntax_node_child_by_field(sn, 0)));
        for (TSFieldId f = 1; f <= fields + 1; f++) {
            syntax_node c = syntax_node_child_by_field(sn, f);
            TSNode want = ts_node_child_by_field_id(tn, f);
            cr_assert(
                syntax_node_is_null(c) ? ts_node_is_null(want) : same_node(nodes[c.i].node, want),
                "%s: field %s of node %u (%s)", what, field_name(lang, f), i, ts_node_type(tn));
        }
    }
    cr_assert(syntax_node_is_null(syntax_table_node(t, count)), "%s: more nodes than the tree",
              what);
    cr_assert_eq(syntax_table_root(t).i, 0);
    cr_assert_eq(syntax_table_root(t).t, t);
    free(nodes);
    syntax_table_free(t);
    ts_tree_delete(tree);
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "%s", path);
    char *data = NULL;
    size_t cap = 0;
    *len = 0;
    for (;;) {
        if (*len == cap)
            cr_assert((data = realloc(data, (cap = cap ? cap * 2 : 4096) + 1)));
        size_t got = fread(data + *len, 1, cap - *len, f);
        if (!got)
            break;
        *len += got;
    }
    fclose(f);
    data[*len] = '\0';
    return data;
}

static bool is_bicep(const char *path)
{
    const char *dot = strrchr(path, '.');
    return dot && (strcmp(dot, ".bicep") == 0 || strcmp(dot, ".bicepparam") == 0);
}

static unsigned files_checked;

static int check_file(const char *path, const struct stat *st, int kind, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    if (kind != FTW_F || !is_bicep(path))
        return 0;
    size_t len;
    char *text = read_all(path, &len);
    check_text(path, text, len);
    free(text);
    files_checked++;
    return 0;
}

Test(syntax_table, matches_tree_sitter_on_every_fixture_and_sample)
{
    cr_assert_eq(nftw(AZSCAN_TEST_FIXTURES, check_file, 16, FTW_PHYS), 0);
    cr_assert_eq(nftw(AZSCAN_SOURCE_DIR "/samples", check_file, 16, FTW_PHYS), 0);
    cr_assert_eq(nftw(AZSCAN_SOURCE_DIR "/checks", check_file, 16, FTW_PHYS), 0);
    cr_assert_gt(files_checked, 100);
}

/* Each example of the grammar's corpus (the input between its `===` title
 * and its `---` line), and the whole corpus file as one hostile input. */
static int check_corpus(const char *path, const struct stat *st, int kind, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    if (kind != FTW_F)
        return 0;
    size_t len;
    char *text = read_all(path, &len);
    check_text(path, text, len);
    for (char *p = text; (p = strstr(p, "\n====")) != NULL;) {
        char *title_end = strstr(p + 5, "\n====");
        char *start = title_end ? strchr(title_end + 1, '\n') : NULL;
        char *end = start ? strstr(start, "\n---") : NULL;
        if (!end)
            break;
        check_text(path, start + 1, (size_t)(end - start));
        files_checked++;
        p = end;
    }
    free(text);
    return 0;
}

Test(syntax_table, matches_tree_sitter_on_the_grammar_corpus)
{
    files_checked = 0;
    cr_assert_eq(nftw(AZSCAN_SOURCE_DIR "/grammars/bicep/test/corpus", check_corpus, 16, FTW_PHYS),
                 0);
    cr_assert_gt(files_checked, 20);
}

static void check_string(const char *text)
{
    check_text(text, text, strlen(text));
}

/* `depth` of `open`, a middle, then `depth` of `close`. */
static void check_nested(const char *prefix, const char *open, const char *middle,
                         const char *close, size_t depth)
{
    size_t len;
    char *text = nested_text(prefix, open, middle, close, depth, &len);
    cr_assert_not_null(text);
    check_text(prefix, text, len);
    free(text);
}

Test(syntax_table, matches_tree_sitter_on_hostile_input)
{
    check_string("");
    check_string("\n\n   \n");
    check_string("// only a comment");
    check_string("var x = (1 + 2");
    check_string("var x = {\n  a: [1, 2\n}\n");
    check_string("param p string = 'abc\nresource r 'a@b' = {\n  name: \n}\n");
    check_string("@@@ var ) ] } = = 'x' ''' \\ ${");
    check_string("var s = 'a${b}c${'d${e}'}'\nvar m = '''\nx\n'''\n");
    check_string("var /*a*/ x /*b*/ = /*c*/ {\n /*d*/ a: /*e*/ 1 // f\n}\n#disable-next-line x\n");
    check_string("type t = resource<'Microsoft.X/y@2020-01-01'>.properties\n"
                 "type u = foo<a, b, /*c*/ c>\n");
    check_string("resource a 'x@1' = [for (i, j) in range(0, 3): if (j > 1) { name: 'n' }]\n");
    check_string("var \xff\xfe = '\xc3\x28'\n");
    check_text("NUL bytes", "var a = 1\0var b = 2\n", 20);
    check_nested("var x = ", "[", "1", "]", 5000);
    check_nested("var x = ", "(", "1", ")", 5000);
    check_nested("var x = ", "{a:", "1", "}", 2000);
    check_nested("var x = ", "[", "", "", 5000);
}

Test(syntax_table, null_node_and_bounds)
{
    syntax_node null = {NULL, 0};
    cr_assert(syntax_node_is_null(null));
    cr_assert_eq(syntax_node_symbol(null), 0);
    cr_assert_null(syntax_node_type(null));
    cr_assert_eq(syntax_node_field(null), 0);
    cr_assert_not(syntax_node_is_named(null));
    cr_assert_not(syntax_node_is_extra(null));
    cr_assert_not(syntax_node_is_missing(null));
    cr_assert_not(syntax_node_has_error(null));
    cr_assert_eq(syntax_node_start_byte(null), 0);
    cr_assert_eq(syntax_node_end_byte(null), 0);
    cr_assert_eq(syntax_node_end_point(null).row, 0);
    cr_assert_eq(syntax_node_named_child_count(null), 0);
    cr_assert(syntax_node_is_null(syntax_node_named_child(null, 0)));
    cr_assert(syntax_node_is_null(syntax_node_child_by_field(null, 1)));

    const char text[] = "var x = 1\n";
    TSTree *tree = parse(text, sizeof(text) - 1);
    syntax_table *t;
    cr_assert_eq(syntax_table_build(&t, tree), 0);
    ts_tree_delete(tree); /* the table needs nothing of it */
    uint32_t count = 0;
    while (!syntax_node_is_null(syntax_table_node(t, count)))
        count++;
    cr_assert_gt(count, 3);
    cr_assert(syntax_node_is_null(syntax_table_node(t, UINT32_MAX)));
    syntax_node root = syntax_table_root(t);
    cr_assert_str_eq(syntax_node_type(root), "program");
    cr_assert_eq(syntax_node_end_byte(root), sizeof(text) - 1);
    syntax_node decl = syntax_node_named_child(root, 0);
    cr_assert_str_eq(syntax_node_type(decl), "variable_declaration");
    TSFieldId value = ts_language_field_id_for_name(syntax_table_language(t), "value", 5);
    cr_assert_str_eq(syntax_node_type(syntax_node_child_by_field(decl, value)), "number");
    cr_assert(syntax_node_is_null(syntax_node_child_by_field(root, value)));
    syntax_table_free(t);
    syntax_table_free(NULL);
}
