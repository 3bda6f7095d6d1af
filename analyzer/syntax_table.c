#include "syntax_table.h"
#include "syntax_walk.h"

#include <stdlib.h>
#include <string.h>

enum {
    FLAG_NAMED = 1,
    FLAG_EXTRA = 2,
    FLAG_MISSING = 4,
    FLAG_HAS_ERROR = 8,
};

/*
 * One block: this header, then its arrays, indexed by a node's pre-order
 * index unless said otherwise. A node takes 21.5 bytes, 4 more as a named
 * child, and no points: a point is found from its byte through the start of
 * each row a node starts or ends on (8 bytes a row). Over AVM a table takes
 * 2.7 times its source, where one of every node with its points took 7.8.
 */
struct syntax_table {
    const TSLanguage *language;
    size_t size; /* of the block */
    uint32_t count, named_total, row_count;
    uint32_t *start_byte, *end_byte;
    uint32_t *end;   /* one past the last node of the subtree: children are i+1 .. end-1 */
    uint32_t *named; /* count + 1: node i's named children are children[named[i] .. named[i+1]) */
    uint32_t *children;  /* every node's named children, node after node */
    uint32_t *row_start; /* row_count, ascending: where each row that holds a position starts */
    uint32_t *row;       /* row_count: that row's number */
    /* count / BLOCK + 1: the row (its index in row_start) where node
     * k * BLOCK starts. Nodes start in pre-order, so node i starts between
     * the rows of its block's first node and the next block's. */
    uint32_t *block_row;
    TSSymbol *symbol;
    TSFieldId *field;
    uint8_t *flags;
};

/* Nodes a row of block_row stands for: half a byte a node. */
#define BLOCK 8u

static void *carve(char *base, size_t *at, size_t size)
{
    void *p = base ? base + *at : NULL;
    *at += size;
    return p;
}

/* Points the arrays of `t`, sized by its counts, into `base` after the
 * header (with `base` NULL, only counts); returns the size of the block.
 * 32-bit arrays come first, then 16-bit, then bytes, so each is aligned. */
static size_t layout(syntax_table *t, char *base)
{
    size_t at = sizeof(*t), n = t->count;
    t->start_byte = carve(base, &at, n * sizeof(uint32_t));
    t->end_byte = carve(base, &at, n * sizeof(uint32_t));
    t->end = carve(base, &at, n * sizeof(uint32_t));
    t->named = carve(base, &at, (n + 1) * sizeof(uint32_t));
    t->children = carve(base, &at, t->named_total * sizeof(uint32_t));
    t->row_start = carve(base, &at, t->row_count * sizeof(uint32_t));
    t->row = carve(base, &at, t->row_count * sizeof(uint32_t));
    t->block_row = carve(base, &at, (n / BLOCK + 1) * sizeof(uint32_t));
    t->symbol = carve(base, &at, n * sizeof(TSSymbol));
    t->field = carve(base, &at, n * sizeof(TSFieldId));
    t->flags = carve(base, &at, n);
    return at;
}

/* A table of `shape`'s counts in a block of its own, or NULL. */
static syntax_table *table_new(const syntax_table *shape)
{
    syntax_table tmp = *shape;
    size_t size = layout(&tmp, NULL);
    syntax_table *t = malloc(size);
    if (!t)
        return NULL;
    *t = tmp;
    t->size = size;
    layout(t, (char *)t);
    return t;
}

/* A node whose subtree is still open during the walk (one per depth), and
 * where it ends. */
typedef struct {
    uint32_t node;
    TSPoint end_point;
} open_node;

typedef struct {
    uint32_t start, row;
} row_entry;

/* A table being built: every node a cursor visits so far, in a draft of
 * room for all of them, and the rows so far. */
typedef struct {
    syntax_table *draft;
    uint32_t cap;
    open_node *open;
    uint32_t open_count, open_cap;
    row_entry *rows;
    uint32_t row_count, row_cap;
    uint32_t last_byte; /* of the last position noted */
} builder;

/* `items`, a full array of `*cap` items of `size` bytes, grown to hold
 * more (up to UINT32_MAX), and `*cap` updated; NULL when it cannot grow. */
static void *grow(void *items, uint32_t *cap, size_t size)
{
    if (*cap == UINT32_MAX)
        return NULL;
    uint32_t more = !*cap ? 64 : *cap > UINT32_MAX / 2 ? UINT32_MAX : *cap * 2;
    void *grown = realloc(items, (size_t)more * size);
    if (grown)
        *cap = more;
    return grown;
}

/*
 * Notes that byte `byte`, a node's start or end, is at `p`. The walk meets
 * positions in byte order (a node's start before its children's, its end
 * after theirs), so each row's start is the first one noted on it. The
 * checks make sure that every noted byte maps back to its point: bytes
 * never go back, a row has one start, and a row starts after every byte
 * noted on the rows before it. Returns -1 when out of memory or when the
 * tree's points do not follow from its bytes (tree-sitter's always do).
 */
static int note_position(builder *b, uint32_t byte, TSPoint p)
{
    if (p.column > byte)
        return -1;
    uint32_t start = byte - p.column;
    if (b->row_count) {
        const row_entry *last = &b->rows[b->row_count - 1];
        if (byte < b->last_byte || p.row < last->row)
            return -1;
        if (p.row == last->row) {
            b->last_byte = byte;
            return start == last->start ? 0 : -1;
        }
        if (start <= b->last_byte)
            return -1;
    }
    if (b->row_count == b->row_cap) {
        row_entry *grown = grow(b->rows, &b->row_cap, sizeof(*grown));
        if (!grown)
            return -1;
        b->rows = grown;
    }
    b->rows[b->row_count++] = (row_entry){start, p.row};
    b->last_byte = byte;
    return 0;
}

/* Closes the innermost open subtree, which ends at the node recorded last. */
static int close_top(builder *b)
{
    const open_node *o = &b->open[--b->open_count];
    b->draft->end[o->node] = b->draft->count;
    return note_position(b, b->draft->end_byte[o->node], o->end_point);
}

/* Records the node the walk gave, after closing the subtrees it is not in. */
static int add(builder *b, const syntax_walk_node *n)
{
    while (b->open_count > n->depth)
        if (close_top(b) != 0)
            return -1;
    syntax_table *t = b->draft;
    /* `cap` is ts_node_descendant_count, which counts exactly the nodes a
     * cursor visits: the checks keep a runtime that disagreed from writing
     * past the draft. */
    if (t->count == b->cap || b->open_count != n->depth)
        return -1;
    if (b->open_count == b->open_cap) {
        open_node *grown = grow(b->open, &b->open_cap, sizeof(*grown));
        if (!grown)
            return -1;
        b->open = grown;
    }
    uint32_t i = t->count++;
    b->open[b->open_count++] = (open_node){i, n->end_point};
    t->start_byte[i] = n->start_byte;
    t->end_byte[i] = n->end_byte;
    t->symbol[i] = n->symbol;
    t->field[i] = n->field;
    t->flags[i] = (uint8_t)((n->named ? FLAG_NAMED : 0) | (n->extra ? FLAG_EXTRA : 0) |
                            (n->missing ? FLAG_MISSING : 0) | (n->has_error ? FLAG_HAS_ERROR : 0));
    return note_position(b, n->start_byte, n->start_point);
}

/* Records every node in pre-order, where its subtree ends, and the rows of
 * the nodes' positions. */
static int walk(builder *b, const TSTree *tree)
{
    syntax_walk *w = syntax_walk_new(tree);
    if (!w)
        return -1;
    syntax_walk_node n;
    int step = 0, rc = 0;
    while (rc == 0 && (step = syntax_walk_next(w, &n)) > 0)
        rc = add(b, &n);
    syntax_walk_free(w);
    while (rc == 0 && b->open_count)
        rc = close_top(b);
    return step < 0 ? -1 : rc;
}

/*
 * The table of the walked draft, in a block of its exact size, or NULL.
 * The table keeps the nodes its API can reach, which are all but anonymous
 * leaves outside any field (punctuation, keywords): named_child never
 * returns those, nor child_by_field, and leaving them out takes two nodes
 * in five out of a Bicep file's table.
 */
static syntax_table *pack(const builder *b)
{
    const syntax_table *d = b->draft;
    /* The index each node takes in the table, in the draft's `named`. */
    uint32_t *index = d->named;
    syntax_table shape = {.language = d->language, .row_count = b->row_count};
    for (uint32_t i = 0; i < d->count; i++) {
        index[i] = shape.count;
        bool keep = i == 0 || d->flags[i] & FLAG_NAMED || d->field[i] || d->end[i] > i + 1;
        shape.count += keep;
        /* Every named node but the root is a named child of a kept node:
         * the table keeps every node with children. */
        shape.named_total += i > 0 && d->flags[i] & FLAG_NAMED;
    }
    index[d->count] = shape.count;
    syntax_table *t = table_new(&shape);
    if (!t)
        return NULL;
    for (uint32_t i = 0; i < d->count; i++) {
        uint32_t k = index[i];
        if (k == index[i + 1]) /* left out */
            continue;
        t->start_byte[k] = d->start_byte[i];
        t->end_byte[k] = d->end_byte[i];
        t->end[k] = index[d->end[i]];
        t->symbol[k] = d->symbol[i];
        t->field[k] = d->field[i];
        t->flags[k] = d->flags[i];
    }
    /* Each node's named children, found by hopping from subtree to subtree. */
    uint32_t filled = 0;
    for (uint32_t i = 0; i < t->count; i++) {
        t->named[i] = filled;
        for (uint32_t c = i + 1; c < t->end[i]; c = t->end[c])
            if (t->flags[c] & FLAG_NAMED)
                t->children[filled++] = c;
    }
    t->named[t->count] = filled;
    for (uint32_t r = 0; r < t->row_count; r++) {
        t->row_start[r] = b->rows[r].start;
        t->row[r] = b->rows[r].row;
    }
    for (size_t i = 0, r = 0; i < t->count; i += BLOCK) {
        while (r + 1 < t->row_count && t->row_start[r + 1] <= t->start_byte[i])
            r++;
        t->block_row[i / BLOCK] = (uint32_t)r;
    }
    return t;
}

int syntax_table_build(syntax_table **out, const TSTree *tree)
{
    *out = NULL;
    builder b = {.cap = ts_node_descendant_count(ts_tree_root_node(tree))};
    syntax_table shape = {.language = ts_tree_language(tree), .count = b.cap};
    b.draft = table_new(&shape);
    if (b.draft) {
        b.draft->count = 0;
        if (walk(&b, tree) == 0)
            *out = pack(&b);
    }
    free(b.draft);
    free(b.open);
    free(b.rows);
    return *out ? 0 : -1;
}

void syntax_table_free(syntax_table *t)
{
    free(t);
}

size_t syntax_table_memory(const syntax_table *t)
{
    return t->size;
}

syntax_table *syntax_table_place(const syntax_table *t, void *block)
{
    syntax_table *copy = memcpy(block, t, t->size);
    layout(copy, block);
    return copy;
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

/* The null node's answers are zeros: every accessor tests for it first. */

TSSymbol syntax_node_symbol(syntax_node n)
{
    return n.t ? n.t->symbol[n.i] : 0;
}

const char *syntax_node_type(syntax_node n)
{
    return n.t ? ts_language_symbol_name(n.t->language, n.t->symbol[n.i]) : NULL;
}

TSFieldId syntax_node_field(syntax_node n)
{
    return n.t ? n.t->field[n.i] : 0;
}

static uint8_t flags_of(syntax_node n)
{
    return n.t ? n.t->flags[n.i] : 0;
}

bool syntax_node_is_named(syntax_node n)
{
    return flags_of(n) & FLAG_NAMED;
}

bool syntax_node_is_extra(syntax_node n)
{
    return flags_of(n) & FLAG_EXTRA;
}

bool syntax_node_is_missing(syntax_node n)
{
    return flags_of(n) & FLAG_MISSING;
}

bool syntax_node_has_error(syntax_node n)
{
    return flags_of(n) & FLAG_HAS_ERROR;
}

uint32_t syntax_node_start_byte(syntax_node n)
{
    return n.t ? n.t->start_byte[n.i] : 0;
}

uint32_t syntax_node_end_byte(syntax_node n)
{
    return n.t ? n.t->end_byte[n.i] : 0;
}

/* The last of rows [lo, hi) that starts at or before `byte`, when row lo
 * does. The build checked that this is the row of any node's start or end. */
static uint32_t row_of(const syntax_table *t, uint32_t byte, uint32_t lo, uint32_t hi)
{
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (t->row_start[mid] <= byte)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* The row node `i` starts on, searched between its block's rows. */
static uint32_t start_row(const syntax_table *t, uint32_t i)
{
    uint32_t block = i / BLOCK;
    uint32_t hi =
        (size_t)(block + 1) * BLOCK < t->count ? t->block_row[block + 1] + 1 : t->row_count;
    return row_of(t, t->start_byte[i], t->block_row[block], hi);
}

static TSPoint point_at(const syntax_table *t, uint32_t row, uint32_t byte)
{
    return (TSPoint){t->row[row], byte - t->row_start[row]};
}

/* The point of the end of node `i`, which starts on row `start`: most
 * nodes end on that row or a few rows later, so the end's row is searched
 * in steps that double from there. */
static TSPoint end_point(const syntax_table *t, uint32_t i, uint32_t start)
{
    uint32_t byte = t->end_byte[i], lo = start;
    size_t step = 1;
    while (lo + step < t->row_count && t->row_start[lo + step] <= byte) {
        lo += (uint32_t)step;
        step *= 2;
    }
    uint32_t hi = lo + step < t->row_count ? lo + (uint32_t)step : t->row_count;
    return point_at(t, row_of(t, byte, lo, hi), byte);
}

TSPoint syntax_node_start_point(syntax_node n)
{
    if (!n.t)
        return (TSPoint){0, 0};
    return point_at(n.t, start_row(n.t, n.i), n.t->start_byte[n.i]);
}

TSPoint syntax_node_end_point(syntax_node n)
{
    return n.t ? end_point(n.t, n.i, start_row(n.t, n.i)) : (TSPoint){0, 0};
}

void syntax_node_points(syntax_node n, TSPoint *start, TSPoint *end)
{
    if (!n.t) {
        *start = *end = (TSPoint){0, 0};
        return;
    }
    uint32_t row = start_row(n.t, n.i);
    *start = point_at(n.t, row, n.t->start_byte[n.i]);
    *end = end_point(n.t, n.i, row);
}

uint32_t syntax_node_named_child_count(syntax_node n)
{
    return n.t ? n.t->named[n.i + 1] - n.t->named[n.i] : 0;
}

syntax_node syntax_node_named_child(syntax_node n, uint32_t i)
{
    if (i >= syntax_node_named_child_count(n))
        return (syntax_node){NULL, 0};
    return (syntax_node){n.t, n.t->children[n.t->named[n.i] + i]};
}

syntax_node syntax_node_child_by_field(syntax_node n, TSFieldId field)
{
    if (!n.t || !field)
        return (syntax_node){NULL, 0};
    const syntax_table *t = n.t;
    for (uint32_t c = n.i + 1; c < t->end[n.i]; c = t->end[c])
        if (t->field[c] == field)
            return (syntax_node){t, c};
    return (syntax_node){NULL, 0};
}
