#include "syntax_table.h"

#include <stdlib.h>

enum {
    FLAG_NAMED = 1,
    FLAG_EXTRA = 2,
    FLAG_MISSING = 4,
    FLAG_HAS_ERROR = 8,
};

typedef struct {
    uint32_t start_byte, end_byte;
    TSPoint start_point, end_point;
    uint32_t end;         /* one past the last node of the subtree: children are i+1 .. end-1 */
    uint32_t named;       /* where the named children's indices start in `named` */
    uint32_t named_count; /* how many there are */
    TSSymbol symbol;
    TSFieldId field;
    uint8_t flags;
} entry;

struct syntax_table {
    const TSLanguage *language;
    entry *nodes; /* pre-order */
    uint32_t count;
    uint32_t *named; /* every node's named children, node after node */
    uint32_t named_total;
};

/* A node whose subtree is still open during the walk, and how many of its
 * children are still to be visited. */
typedef struct {
    uint32_t node, children_left;
} frame;

typedef struct {
    frame *items;
    uint32_t count, cap;
} frame_stack;

static int stack_push(frame_stack *s, frame f)
{
    if (s->count == s->cap) {
        uint32_t cap = s->cap ? s->cap * 2 : 64;
        frame *grown = realloc(s->items, (size_t)cap * sizeof(*grown));
        if (!grown)
            return -1;
        s->items = grown;
        s->cap = cap;
    }
    s->items[s->count++] = f;
    return 0;
}

/* Records the cursor's node in `e`; returns its number of children. */
static uint32_t record(entry *e, const TSTreeCursor *cursor)
{
    TSNode node = ts_tree_cursor_current_node(cursor);
    e->start_byte = ts_node_start_byte(node);
    e->end_byte = ts_node_end_byte(node);
    e->start_point = ts_node_start_point(node);
    e->end_point = ts_node_end_point(node);
    e->symbol = ts_node_symbol(node);
    e->field = ts_tree_cursor_current_field_id(cursor);
    e->flags = (uint8_t)((ts_node_is_named(node) ? FLAG_NAMED : 0) |
                         (ts_node_is_extra(node) ? FLAG_EXTRA : 0) |
                         (ts_node_is_missing(node) ? FLAG_MISSING : 0) |
                         (ts_node_has_error(node) ? FLAG_HAS_ERROR : 0));
    return ts_node_child_count(node);
}

/*
 * Visits the tree in pre-order, recording every node and where its subtree
 * ends in t->nodes, which has room for `cap`. Returns the number of named
 * nodes below the root, or -1.
 *
 * The cursor is moved only where a node is known to be: a cursor's failed
 * step to a next sibling climbs through the node's hidden ancestors and
 * costs as much as a successful one, so each node's child count says when
 * its last child has been visited.
 */
static int64_t walk(syntax_table *t, const TSTree *tree, uint32_t cap)
{
    frame_stack open = {0};
    int64_t named = 0;
    TSTreeCursor cursor = ts_tree_cursor_new(ts_tree_root_node(tree));
    t->count = 1;
    if (stack_push(&open, (frame){0, record(&t->nodes[0], &cursor)}) != 0)
        named = -1;
    while (named >= 0 && open.count) {
        frame *top = &open.items[open.count - 1];
        if (!top->children_left) {
            /* The cursor is on the node, or on its last child. */
            if (t->count > top->node + 1)
                ts_tree_cursor_goto_parent(&cursor);
            t->nodes[top->node].end = t->count;
            open.count--;
            continue;
        }
        /* The cursor is on the node, before its first child, or on the
         * child visited last. `cap` is ts_node_descendant_count, which
         * counts exactly the nodes a cursor visits, as each node's child
         * count counts its children: the checks keep a runtime that
         * disagreed from writing past the table. */
        bool moved = t->count == top->node + 1 ? ts_tree_cursor_goto_first_child(&cursor)
                                               : ts_tree_cursor_goto_next_sibling(&cursor);
        if (!moved || t->count == cap) {
            named = -1;
            break;
        }
        top->children_left--;
        uint32_t i = t->count++;
        uint32_t children = record(&t->nodes[i], &cursor);
        if (t->nodes[i].flags & FLAG_NAMED)
            named++;
        if (stack_push(&open, (frame){i, children}) != 0)
            named = -1;
    }
    ts_tree_cursor_delete(&cursor);
    free(open.items);
    return named;
}

int syntax_table_build(syntax_table **out, const TSTree *tree)
{
    *out = NULL;
    syntax_table *t = calloc(1, sizeof(*t));
    if (!t)
        return -1;
    t->language = ts_tree_language(tree);
    uint32_t cap = ts_node_descendant_count(ts_tree_root_node(tree));
    t->nodes = malloc((size_t)cap * sizeof(entry));
    int64_t named = t->nodes ? walk(t, tree, cap) : -1;
    if (named >= 0)
        t->named = malloc((named ? (size_t)named : 1) * sizeof(*t->named));
    if (named < 0 || !t->named) {
        syntax_table_free(t);
        return -1;
    }
    /* Each node's named children, found by hopping from subtree to subtree. */
    for (uint32_t i = 0; i < t->count; i++) {
        entry *e = &t->nodes[i];
        e->named = t->named_total;
        for (uint32_t c = i + 1; c < e->end; c = t->nodes[c].end)
            if (t->nodes[c].flags & FLAG_NAMED)
                t->named[t->named_total++] = c;
        e->named_count = t->named_total - e->named;
    }
    *out = t;
    return 0;
}

void syntax_table_free(syntax_table *t)
{
    if (!t)
        return;
    free(t->nodes);
    free(t->named);
    free(t);
}

const TSLanguage *syntax_table_language(const syntax_table *t)
{
    return t->language;
}

syntax_node syntax_table_root(const syntax_table *t)
{
    return (syntax_node){t, 0};
}

syntax_node syntax_table_node(const syntax_table *t, uint32_t i)
{
    return i < t->count ? (syntax_node){t, i} : (syntax_node){NULL, 0};
}

/* The null node's entry: every answer about the null node comes from here. */
static const entry null_entry = {0};

static const entry *at(syntax_node n)
{
    return n.t ? &n.t->nodes[n.i] : &null_entry;
}

TSSymbol syntax_node_symbol(syntax_node n)
{
    return at(n)->symbol;
}

const char *syntax_node_type(syntax_node n)
{
    return n.t ? ts_language_symbol_name(n.t->language, at(n)->symbol) : NULL;
}

TSFieldId syntax_node_field(syntax_node n)
{
    return at(n)->field;
}

bool syntax_node_is_named(syntax_node n)
{
    return at(n)->flags & FLAG_NAMED;
}

bool syntax_node_is_extra(syntax_node n)
{
    return at(n)->flags & FLAG_EXTRA;
}

bool syntax_node_is_missing(syntax_node n)
{
    return at(n)->flags & FLAG_MISSING;
}

bool syntax_node_has_error(syntax_node n)
{
    return at(n)->flags & FLAG_HAS_ERROR;
}

uint32_t syntax_node_start_byte(syntax_node n)
{
    return at(n)->start_byte;
}

uint32_t syntax_node_end_byte(syntax_node n)
{
    return at(n)->end_byte;
}

TSPoint syntax_node_start_point(syntax_node n)
{
    return at(n)->start_point;
}

TSPoint syntax_node_end_point(syntax_node n)
{
    return at(n)->end_point;
}

uint32_t syntax_node_named_child_count(syntax_node n)
{
    return at(n)->named_count;
}

syntax_node syntax_node_named_child(syntax_node n, uint32_t i)
{
    const entry *e = at(n);
    return i < e->named_count ? (syntax_node){n.t, n.t->named[e->named + i]}
                              : (syntax_node){NULL, 0};
}

syntax_node syntax_node_child_by_field(syntax_node n, TSFieldId field)
{
    if (!n.t || !field)
        return (syntax_node){NULL, 0};
    const entry *nodes = n.t->nodes;
    for (uint32_t c = n.i + 1; c < nodes[n.i].end; c = nodes[c].end)
        if (nodes[c].field == field)
            return (syntax_node){n.t, c};
    return (syntax_node){NULL, 0};
}
