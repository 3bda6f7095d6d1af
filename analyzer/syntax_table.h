#ifndef AZSCAN_SYNTAX_TABLE_H
#define AZSCAN_SYNTAX_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <tree_sitter/api.h>

/*
 * A parsed file's syntax tree flattened into one read-only table, for front
 * ends that walk a tree many times (a module file is built once per caller).
 * tree-sitter's node API recomputes a node's children from the packed tree
 * on every call; here every answer is a lookup, a short loop over a node's
 * children, or for a point, a search among the rows near the node's.
 *
 * The table holds, in pre-order, the nodes a tree cursor visits that its
 * API can reach: all but anonymous leaves outside any field (punctuation,
 * keywords). It answers for them exactly as tree-sitter's node API does:
 * ts_node_symbol, ts_node_type, ts_node_is_named, ts_node_is_extra,
 * ts_node_is_missing, ts_node_has_error, the byte and point ranges,
 * ts_node_named_child_count, ts_node_named_child and
 * ts_node_child_by_field_id.
 *
 * A table owns its memory and nothing of the tree it was built from, which
 * may be freed at once. Tables are never changed once built, so any number
 * of threads may read one at the same time. Free with syntax_table_free.
 */

typedef struct syntax_table syntax_table;

/* A node of a table, valid while the table is; `t` is NULL for the null node. */
typedef struct {
    const syntax_table *t;
    uint32_t i;
} syntax_node;

/* Builds the table of `tree` in one walk. Returns 0, or -1 when out of
 * memory (or when the tree's points do not follow from its bytes, which no
 * tree of tree-sitter's does: the table finds points from bytes). */
int syntax_table_build(syntax_table **out, const TSTree *tree);

/* Accepts NULL. */
void syntax_table_free(syntax_table *t);

/* The bytes of memory the table holds. */
size_t syntax_table_memory(const syntax_table *t);

/* A copy of `t` in `block`, of syntax_table_memory(t) bytes aligned for
 * any type. The copy owns nothing: it lives as long as the block, whose
 * owner frees it, never with syntax_table_free. */
syntax_table *syntax_table_place(const syntax_table *t, void *block);

/* The language of the tree the table was built from. */
const TSLanguage *syntax_table_language(const syntax_table *t);

/* The root node. */
syntax_node syntax_table_root(const syntax_table *t);

/* The table's node at pre-order index `i` (the root is 0), or the null
 * node past the end. */
syntax_node syntax_table_node(const syntax_table *t, uint32_t i);

/*
 * Nodes. Every function takes the null node: it has symbol 0, type NULL,
 * no field, no flags, empty ranges and no children.
 */
static inline bool syntax_node_is_null(syntax_node n)
{
    return n.t == NULL;
}

/* The public symbol, as ts_node_symbol: aliases have their alias's symbol. */
TSSymbol syntax_node_symbol(syntax_node n);

/* The type's name, as ts_node_type. Several symbols may share one name. */
const char *syntax_node_type(syntax_node n);

/* The field the node is in within its parent, or 0 for none. */
TSFieldId syntax_node_field(syntax_node n);

bool syntax_node_is_named(syntax_node n);
bool syntax_node_is_extra(syntax_node n);
bool syntax_node_is_missing(syntax_node n);

/* Whether the node is an error, is missing, or holds one that is. */
bool syntax_node_has_error(syntax_node n);

uint32_t syntax_node_start_byte(syntax_node n);
uint32_t syntax_node_end_byte(syntax_node n);
TSPoint syntax_node_start_point(syntax_node n);
TSPoint syntax_node_end_point(syntax_node n);

/* Both points, for less than asking for each: points are found from bytes. */
void syntax_node_points(syntax_node n, TSPoint *start, TSPoint *end);

uint32_t syntax_node_named_child_count(syntax_node n);

/* The `i`th named child, or the null node when there are not that many. */
syntax_node syntax_node_named_child(syntax_node n, uint32_t i);

/* The first child in the field `field`, or the null node. Fields are the
 * cursor's (ts_tree_cursor_current_field_id): inside an ERROR node, where
 * ts_node_child_by_field_id reads the node's own empty field map and finds
 * nothing, this finds the fields of the rules the error holds. */
syntax_node syntax_node_child_by_field(syntax_node n, TSFieldId field);

#endif
