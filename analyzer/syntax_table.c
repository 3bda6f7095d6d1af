#include "syntax_table.h"
#include "syntax_walk.h"

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

/* The nodes whose subtrees are still open during the walk, one per depth. */
typedef struct {
    uint32_t *items;
    uint32_t count, cap;
} open_stack;

static int stack_push(open_stack *s, uint32_t node)
{
    if (s->count == s->cap) {
        uint32_t cap = s->cap ? s->cap * 2 : 64;
        uint32_t *grown = realloc(s->items, (size_t)cap * sizeof(*grown));
        if (!grown)
            return -1;
        s->items = grown;
        s->cap = cap;
    }
    s->items[s->count++] = node;
    return 0;
}

static void record(entry *e, const syntax_walk_node *n)
{
    e->start_byte = n->start_byte;
    e->end_byte = n->end_byte;
    e->start_point = n->start_point;
    e->end_point = n->end_point;
    e->symbol = n->symbol;
    e->field = n->field;
    e->flags = (uint8_t)((n->named ? FLAG_NAMED : 0) | (n->extra ? FLAG_EXTRA : 0) |
                         (n->missing ? FLAG_MISSING : 0) | (n->has_error ? FLAG_HAS_ERROR : 0));
}

/*
 * Records every node of the tree in pre-order, and where its subtree ends,
 * in t->nodes, which has room for `cap`. Returns the number of named nodes
 * below the root, or -1.
 */
static int64_t walk(syntax_table *t, const TSTree *tree, uint32_t cap)
{
    open_stack open = {0};
    syntax_walk *w = syntax_walk_new(tree);
    int64_t named = w ? 0 : -1;
    syntax_walk_node n;
    while (named >= 0) {
        int step = syntax_walk_next(w, &n);
        if (step <= 0) {
            named = step < 0 ? -1 : named;
            break;
        }
        /* The subtrees this node is not in are complete. */
        while (open.count > n.depth)
            t->nodes[open.items[--open.count]].end = t->count;
        /* `cap` is ts_node_descendant_count, which counts exactly the nodes
         * a cursor visits: the checks keep a runtime that disagreed from
         * writing past the table. */
        if (t->count == cap || open.count != n.depth) {
            named = -1;
            break;
        }
        uint32_t i = t->count++;
        record(&t->nodes[i], &n);
        if (i > 0 && n.named)
            named++;
        if (stack_push(&open, i) != 0)
            named = -1;
    }
    while (open.count)
        t->nodes[open.items[--open.count]].end = t->count;
    syntax_walk_free(w);
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
