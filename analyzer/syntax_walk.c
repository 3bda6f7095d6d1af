#include "syntax_walk.h"

#include <stdlib.h>

/* The runtime's own headers (lib/src of the tree-sitter we build). */
#include "src/language.h"
#include "src/length.h"
#include "src/subtree.h"
#include "src/tree.h"

/* A subtree whose children are being walked. */
typedef struct {
    const Subtree *children;
    uint32_t count, next; /* how many children, and the next to look at */
    uint32_t structural;  /* the next child's index among the non-extra ones */
    Length position;      /* where the next child starts, past its padding */
    const TSSymbol *aliases;
    const TSFieldMapEntry *fields, *fields_end;
    /* The field a visible child has when its own place has none: the
     * cursor looks for a field through the hidden nodes above a node, up
     * to the first visible one or an extra. */
    TSFieldId outer_field;
    uint32_t depth; /* the visible ancestors of the children */
} frame;

struct syntax_walk {
    const TSLanguage *language;
    const Subtree *root;
    frame *frames;
    uint32_t count, cap;
    bool started;
    /* The visible node given last, whose children come next unless skipped. */
    const Subtree *pending;
    Length pending_position;
    uint32_t pending_depth;
};

syntax_walk *syntax_walk_new(const TSTree *tree)
{
    syntax_walk *w = calloc(1, sizeof(*w));
    if (!w)
        return NULL;
    w->language = tree->language;
    w->root = &tree->root;
    return w;
}

void syntax_walk_free(syntax_walk *w)
{
    if (!w)
        return;
    free(w->frames);
    free(w);
}

void syntax_walk_skip_children(syntax_walk *w)
{
    w->pending = NULL;
}

/* The field of the child at `index` among the non-extra ones, or 0. */
static TSFieldId field_at(const frame *f, uint32_t index)
{
    for (const TSFieldMapEntry *e = f->fields; e < f->fields_end; e++)
        if (!e->inherited && e->child_index == index)
            return e->field_id;
    return 0;
}

/* Starts walking the children of `parent`, which starts at `position`. */
static int push(syntax_walk *w, const Subtree *parent, Length position, TSFieldId outer_field,
                uint32_t depth)
{
    if (w->count == w->cap) {
        uint32_t cap = w->cap ? w->cap * 2 : 32;
        frame *grown = realloc(w->frames, (size_t)cap * sizeof(*grown));
        if (!grown)
            return -1;
        w->frames = grown;
        w->cap = cap;
    }
    uint16_t production = ts_subtree_production_id(*parent);
    frame *f = &w->frames[w->count++];
    f->children = ts_subtree_children(*parent);
    f->count = ts_subtree_child_count(*parent);
    f->next = 0;
    f->structural = 0;
    f->position = position;
    f->aliases = ts_language_alias_sequence(w->language, production);
    ts_language_field_map(w->language, production, &f->fields, &f->fields_end);
    f->outer_field = outer_field;
    f->depth = depth;
    return 0;
}

static void describe(const syntax_walk *w, Subtree t, TSSymbol alias, Length start,
                     syntax_walk_node *n)
{
    TSSymbol symbol = alias ? alias : ts_subtree_symbol(t);
    n->symbol = ts_language_public_symbol(w->language, symbol);
    n->named = alias ? ts_language_symbol_metadata(w->language, alias).named : ts_subtree_named(t);
    n->extra = ts_subtree_extra(t);
    n->missing = ts_subtree_missing(t);
    n->has_error = ts_subtree_error_cost(t) > 0;
    Length end = length_add(start, ts_subtree_size(t));
    n->start_byte = start.bytes;
    n->start_point = start.extent;
    n->end_byte = end.bytes;
    n->end_point = end.extent;
}

int syntax_walk_next(syntax_walk *w, syntax_walk_node *n)
{
    if (w->pending) {
        const Subtree *t = w->pending;
        w->pending = NULL;
        /* Below a visible node, a child without a field of its own has none. */
        if (push(w, t, w->pending_position, 0, w->pending_depth)) {
            w->count = 0;
            return -1;
        }
    }
    if (!w->started) {
        w->started = true;
        Length start = ts_subtree_padding(*w->root);
        describe(w, *w->root, 0, start, n);
        n->field = 0;
        n->depth = 0;
        if (ts_subtree_child_count(*w->root)) {
            w->pending = w->root;
            w->pending_position = start;
            w->pending_depth = 1;
        }
        return 1;
    }
    while (w->count) {
        frame *f = &w->frames[w->count - 1];
        if (f->next == f->count) {
            w->count--;
            continue;
        }
        const Subtree *child = &f->children[f->next++];
        Length start = f->position;
        f->position = length_add(f->position, ts_subtree_size(*child));
        if (f->next < f->count)
            f->position = length_add(f->position, ts_subtree_padding(f->children[f->next]));
        bool extra = ts_subtree_extra(*child);
        TSSymbol alias = 0;
        TSFieldId field = 0;
        if (!extra) {
            if (f->aliases)
                alias = f->aliases[f->structural];
            field = field_at(f, f->structural);
            if (!field)
                field = f->outer_field;
            f->structural++;
        }
        if (ts_subtree_visible(*child) || alias) {
            describe(w, *child, alias, start, n);
            n->field = field;
            n->depth = f->depth;
            if (ts_subtree_child_count(*child)) {
                w->pending = child;
                w->pending_position = start;
                w->pending_depth = f->depth + 1;
            }
            return 1;
        }
        /* A hidden node: its visible children are its parent's. */
        if (ts_subtree_visible_child_count(*child) && push(w, child, start, field, f->depth)) {
            w->count = 0;
            return -1;
        }
    }
    return 0;
}
