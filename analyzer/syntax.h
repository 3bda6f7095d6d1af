#ifndef AZSCAN_SYNTAX_H
#define AZSCAN_SYNTAX_H

#include "diagnostic.h"
#include "source.h"

#include <stdint.h>
#include <tree_sitter/api.h>

/*
 * Parsing a source file into a tree-sitter tree, and turning the tree's
 * ERROR and MISSING nodes into diagnostics. Nothing here recurses on the
 * depth of the tree.
 */

typedef enum {
    SYNTAX_OK,
    SYNTAX_TIMEOUT,      /* the parse ran longer than the timeout */
    SYNTAX_INCOMPATIBLE, /* the grammar's ABI does not match the tree-sitter runtime */
} syntax_status;

/*
 * Parses `src` with `grammar`, giving up after `timeout_micros` (0: never)
 * so that pathological input cannot hang a scan. On SYNTAX_OK stores a tree
 * in `*out` that the caller frees with ts_tree_delete; otherwise stores NULL.
 * The tree points into nothing of `src`, but its offsets only make sense
 * against it.
 */
syntax_status syntax_parse(TSTree **out, const source_file *src, const TSLanguage *grammar,
                           uint64_t timeout_micros);

/*
 * Appends one diagnostic per syntax error in `tree`, in document order:
 * "unexpected 'TEXT'" for an ERROR node (TEXT is the start of the skipped
 * input, escaped and cut short) and "missing 'X'" for a node the parser had
 * to invent. Returns 0, or -1 when out of memory.
 */
int syntax_errors_collect(const TSTree *tree, const source_file *src, diagnostic_list *out);

#endif
