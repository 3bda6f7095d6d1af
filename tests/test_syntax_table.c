/* The syntax table against tree-sitter's own node API, node by node, over
 * every Bicep file of the fixtures and samples, the grammar's corpus,
 * hostile and mutated input; its bounds, its memory and its failures. */
#define _XOPEN_SOURCE 700 /* nftw */
#include "fault.h"
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

/* The field `v` is in within its parent, or NULL. */
static const char *field_of(const visited *nodes, const visited *v)
{
    return v->parent < 0 ? NULL
                         : ts_node_field_name_for_child(nodes[v->parent].node, v->child_index);
}

/* Whether the table holds the node: all but anonymous leaves outside any field. */
static bool kept(const visited *nodes, const visited *v)
{
    return ts_node_is_named(v->node) || ts_node_child_count(v->node) || field_of(nodes, v);
}

/* The first child of nodes[k] in the field `name` as the cursor finds
 * fields, or the null node. */
static TSNode first_in_field(const visited *nodes, uint32_t all, uint32_t k, const char *name)
{
    /* The descendants of nodes[k] follow it; the node after them has a
     * parent before it. */
    for (uint32_t m = k + 1; name && m < all && nodes[m].parent >= (int64_t)k; m++) {
        const char *f = nodes[m].parent == (int64_t)k ? field_of(nodes, &nodes[m]) : NULL;
        if (f && strcmp(f, name) == 0)
            return nodes[m].node;
    }
    return (TSNode){0};
}

/* Builds the table of `text` and checks every node of it, in a copy
 * placed in a block of its own once the table is freed. */
static void check_text(const char *what, const char *text, size_t len)
{
    TSTree *tree = parse(text, len);
    const TSLanguage *lang = ts_tree_language(tree);
    syntax_table *built;
    cr_assert_eq(syntax_table_build(&built, tree), 0);
    size_t memory = syntax_table_memory(built);
    cr_assert_gt(memory, 0);
    void *block = malloc(memory);
    cr_assert_not_null(block);
    const syntax_table *t = syntax_table_place(built, block);
    syntax_table_free(built);
    cr_assert_eq(syntax_table_memory(t), memory);
    cr_assert_eq(syntax_table_language(t), lang);
    uint32_t all;
    visited *nodes = preorder(tree, &all);
    uint32_t fields = ts_language_field_count(lang);

    /* The tree's nodes that the table holds, in order: table node i is
     * nodes[held[i]]. */
    uint32_t *held = malloc((all ? all : 1) * sizeof(*held)), count = 0;
    cr_assert_not_null(held);
    for (uint32_t k = 0; k < all; k++)
        if (kept(nodes, &nodes[k]))
            held[count++] = k;

    for (uint32_t i = 0; i < count; i++) {
        TSNode tn = nodes[held[i]].node;
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
        TSPoint got_start = syntax_node_start_point(sn), got_end = syntax_node_end_point(sn);
        TSPoint want_start = ts_node_start_point(tn), want_end = ts_node_end_point(tn);
        TSPoint both_start, both_end;
        syntax_node_points(sn, &both_start, &both_end);
        cr_assert(same_point(both_start, got_start) && same_point(both_end, got_end));
        cr_assert(same_point(got_start, want_start), "%s: node %u starts at %u:%u, not %u:%u", what,
                  i, got_start.row, got_start.column, want_start.row, want_start.column);
        cr_assert(same_point(got_end, want_end), "%s: node %u ends at %u:%u, not %u:%u", what, i,
                  got_end.row, got_end.column, want_end.row, want_end.column);

        const char *want_field = field_of(nodes, &nodes[held[i]]);
        const char *got_field = field_name(lang, syntax_node_field(sn));
        cr_assert(want_field ? got_field && strcmp(want_field, got_field) == 0 : !got_field,
                  "%s: node %u (%s) is in field %s, not %s", what, i, ts_node_type(tn),
                  want_field ? want_field : "(none)", got_field ? got_field : "(none)");

        uint32_t named = ts_node_named_child_count(tn);
        cr_assert_eq(syntax_node_named_child_count(sn), named, "%s: node %u", what, i);
        for (uint32_t k = 0; k < named; k++) {
            syntax_node c = syntax_node_named_child(sn, k);
            cr_assert_not(syntax_node_is_null(c));
            cr_assert(same_node(nodes[held[c.i]].node, ts_node_named_child(tn, k)),
                      "%s: named child %u of node %u", what, k, i);
        }
        cr_assert(syntax_node_is_null(syntax_node_named_child(sn, named)));
        cr_assert(syntax_node_is_null(syntax_node_named_child(sn, UINT32_MAX)));

        cr_assert(syntax_node_is_null(syntax_node_child_by_field(sn, 0)));
        for (TSFieldId f = 1; f <= fields + 1; f++) {
            syntax_node c = syntax_node_child_by_field(sn, f);
            /* Inside an ERROR node, ts_node_child_by_field_id reads the
             * node's own field map, which is empty, where the cursor finds
             * the fields of the rules the error holds: the table answers
             * as the cursor does (see syntax_node_child_by_field). */
            TSNode want = ts_node_is_error(tn)
                              ? first_in_field(nodes, all, held[i], field_name(lang, f))
                              : ts_node_child_by_field_id(tn, f);
            cr_assert(syntax_node_is_null(c) ? ts_node_is_null(want)
                                             : same_node(nodes[held[c.i]].node, want),
                      "%s: field %s of node %u (%s)", what, field_name(lang, f), i,
                      ts_node_type(tn));
        }
    }
    cr_assert(syntax_node_is_null(syntax_table_node(t, count)), "%s: more nodes than the tree",
              what);
    cr_assert_eq(syntax_table_root(t).i, 0);
    cr_assert_eq(syntax_table_root(t).t, t);
    free(held);
    free(nodes);
    free(block);
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
    /* An ERROR node holding a child that the cursor finds in a field. */
    check_string("param s a<s,S Z");
    check_nested("var x = ", "[", "1", "]", 5000);
    check_nested("var x = ", "(", "1", ")", 5000);
    check_nested("var x = ", "{a:", "1", "}", 2000);
    check_nested("var x = ", "[", "", "", 5000);
}

/* A text built piece by piece. */
typedef struct {
    char *data;
    size_t len, cap;
} text_buf;

static void append(text_buf *b, const char *piece)
{
    size_t n = strlen(piece);
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        cr_assert((b->data = realloc(b->data, b->cap)));
    }
    memcpy(b->data + b->len, piece, n + 1);
    b->len += n;
}

static void check_buf(const char *what, text_buf *b)
{
    check_text(what, b->data, b->len);
    free(b->data);
    *b = (text_buf){0};
}

/* Points are found from bytes through the rows that nodes start or end on:
 * lines past any 16-bit column, rows with no node on them (blank lines, the
 * inside of multi-line strings and comments), rows where only left-out
 * punctuation is, and every kind of line break tree-sitter does not count. */
Test(syntax_table, finds_every_point_on_long_lines_and_many_rows)
{
    text_buf b = {0};
    append(&b, "var x = [");
    for (int i = 0; i < 4000; i++)
        append(&b, "{a: [1, '\xc3\xa9', 2], b: 'xy'}, ");
    append(&b, "]\nvar y = 1");
    check_buf("a line of 112,000 bytes", &b);

    append(&b, "\n\n\n");
    char line[64];
    for (int i = 0; i < 250; i++) {
        snprintf(line, sizeof(line), "var v%d = {\n", i);
        append(&b, line);
        for (int k = 0; k < 200; k++) {
            snprintf(line, sizeof(line), "  p%d: '%d'\n", k, i * k);
            append(&b, line);
        }
        append(&b, i % 2 ? "\n\n\n}\n" : "}\nvar m = '''\n\n\n\n'''\n/*\n\n*/\n");
    }
    check_buf("51,000 rows", &b);

    check_string("var a = 1\r\nvar b = '\r'\r\nvar c = '''\r\n\r\n'''\r\n");
    check_string("var a = 1\rvar b = 2\r\r\r");
    check_string("var a = \v\f 1\n\n");
    check_string("var x = {\n  a: [\n    1\n  ]\n\n}\n\n\n)\n");
    check_string("resource r 'a@b' = {\n  properties: {\n  }\n}");
    check_string("\n\n\n\nvar x = 1");
    check_string("var x = '''\n\n");
    check_string("var x = (\n\n\n");
}

/* Bicep files of the samples, mutated at random (with a fixed seed): bytes
 * replaced, inserted and deleted, from line breaks, brackets, quotes, NUL
 * and pieces of UTF-8, so that error recovery puts errors, missing nodes
 * and zero-width nodes anywhere, on any row. */
Test(syntax_table, matches_tree_sitter_on_mutated_input)
{
    static const char *const files[] = {
        AZSCAN_SOURCE_DIR "/samples/insecure/bicep/main.bicep",
        AZSCAN_SOURCE_DIR "/samples/hardened/bicep/main.bicep",
        AZSCAN_SOURCE_DIR "/checks/encryption/AZS302/fail.bicep",
    };
    static const char pieces[] = "\n\r\t {}[]()'\"$:=,.@#/*\\\0\xff\xc3\xa9\xe2\x80"
                                 "a1?|&<>";
    uint64_t state = 0x9e3779b97f4a7c15u;
    for (int round = 0; round < 300; round++) {
        size_t len;
        char *text = read_all(files[round % 3], &len);
        state ^= state << 13, state ^= state >> 7, state ^= state << 17;
        int edits = 1 + (int)(state % 20);
        cr_assert((text = realloc(text, len + (size_t)edits + 1)));
        for (int e = 0; e < edits; e++) {
            state ^= state << 13, state ^= state >> 7, state ^= state << 17;
            size_t at = len ? (size_t)(state >> 8) % len : 0;
            char piece = pieces[(state >> 40) % (sizeof(pieces) - 1)];
            switch (state % 3) {
            case 0:
                text[at] = piece;
                break;
            case 1:
                memmove(text + at + 1, text + at, len - at);
                text[at] = piece;
                len++;
                break;
            default:
                if (len) {
                    memmove(text + at, text + at + 1, len - at - 1);
                    len--;
                }
            }
        }
        check_text(files[round % 3], text, len);
        free(text);
    }
}

/* A failed allocation anywhere in a build frees what the build took. */
Test(syntax_table, fails_cleanly_at_every_allocation)
{
    fault_route_tree_sitter_around();
    const char text[] = "var x = {\n  a: [1, 2]\n}\nvar y = x.a[0]\n";
    TSTree *tree = parse(text, sizeof(text) - 1);
    for (long n = 0;; n++) {
        long before = fault_live_allocations();
        syntax_table *t = (syntax_table *)1;
        fault_fail_allocation(n);
        int rc = syntax_table_build(&t, tree);
        fault_fail_allocation(-1);
        if (rc == 0) {
            cr_assert_geq(n, 3, "too few allocations were failed: %ld", n);
            syntax_table_free(t);
            break;
        }
        cr_assert_eq(rc, -1);
        cr_assert_null(t);
        cr_assert_eq(fault_live_allocations(), before, "leak after failing allocation %ld", n);
    }
    ts_tree_delete(tree);
}

/* The memory a table holds grows with its nodes. */
Test(syntax_table, tells_its_memory)
{
    text_buf b = {0};
    append(&b, "var x = 1\n");
    TSTree *small = parse(b.data, b.len);
    for (int i = 0; i < 100; i++)
        append(&b, "var x = [1, 2]\n");
    TSTree *big = parse(b.data, b.len);
    free(b.data);
    syntax_table *s, *t;
    cr_assert_eq(syntax_table_build(&s, small), 0);
    cr_assert_eq(syntax_table_build(&t, big), 0);
    /* Each declaration adds five nodes (the table leaves out its keyword
     * and punctuation) of 21 bytes at least, and a row of 8. */
    cr_assert_geq(syntax_table_memory(t), syntax_table_memory(s) + 100 * (5 * 21 + 8));
    syntax_table_free(s);
    syntax_table_free(t);
    ts_tree_delete(small);
    ts_tree_delete(big);
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
    cr_assert_eq(syntax_node_start_point(null).row, 0);
    cr_assert_eq(syntax_node_end_point(null).row, 0);
    TSPoint start = {1, 1}, end = {1, 1};
    syntax_node_points(null, &start, &end);
    cr_assert(same_point(start, (TSPoint){0, 0}) && same_point(end, (TSPoint){0, 0}));
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
