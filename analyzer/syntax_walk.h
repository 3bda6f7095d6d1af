#ifndef AZSCAN_SYNTAX_WALK_H
#define AZSCAN_SYNTAX_WALK_H

#include <stdbool.h>
#include <stdint.h>
#include <tree_sitter/api.h>

/*
 * A pre-order walk over the nodes of a tree that a tree cursor visits (the
 * visible ones, named and anonymous), for front ends that read every node
 * once. Each node is described as tree-sitter's node API would describe it.
 *
 * tree-sitter's cursor spends several hundred instructions on each step,
 * climbing in and out of the hidden nodes that hold long lists; this walk
 * reads the runtime's packed subtrees directly and costs a few dozen. It
 * depends on the internals of the runtime we build (tree-sitter 0.22.6),
 * and its tests compare every node it gives with the cursor's.
 *
 * A walk holds the tree, which must outlive it, and is used by one thread.
 */

typedef struct syntax_walk syntax_walk;

typedef struct {
    TSSymbol symbol; /* as ts_node_symbol: public, aliases applied */
    TSFieldId field; /* as ts_tree_cursor_current_field_id; 0 for none */
    uint32_t depth;  /* the visible ancestors: 0 for the root */
    uint32_t start_byte, end_byte;
    TSPoint start_point, end_point;
    bool named, extra, missing, has_error;
} syntax_walk_node;

/* Starts a walk at the root of `tree`. Returns NULL when out of memory. */
syntax_walk *syntax_walk_new(const TSTree *tree);

/* Accepts NULL. */
void syntax_walk_free(syntax_walk *w);

/* The next node: 1 and *node set, 0 when the walk is over, -1 when out of
 * memory (the walk is then over). */
int syntax_walk_next(syntax_walk *w, syntax_walk_node *node);

/* Leaves out the descendants of the node syntax_walk_next gave last. */
void syntax_walk_skip_children(syntax_walk *w);

#endif
