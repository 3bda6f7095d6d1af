#ifndef AZSCAN_TREE_PRINT_H
#define AZSCAN_TREE_PRINT_H

#include "source.h"

#include <stdio.h>
#include <tree_sitter/api.h>

/*
 * Prints a syntax tree as an indented S-expression of its named nodes (and
 * of MISSING nodes, which may be anonymous), one node per line:
 *
 *   (document [1:1-3:2]
 *     (object [1:1-3:2]
 *       key: (string [2:3-2:8])
 *       value: (number [2:10-2:13])))
 *
 * Ranges are 1-based line:column, columns counted in code points, the end
 * being the position just past the node. The walk is iterative, so any depth
 * prints; past TREE_PRINT_MAX_INDENT levels the indentation stops growing
 * (the parentheses still nest) so that output stays linear in the tree size.
 */

#define TREE_PRINT_MAX_INDENT 64

/* Returns 0, or -1 when writing to `out` failed (errno tells why). */
int tree_print(FILE *out, const TSTree *tree, const source_file *src);

#endif
