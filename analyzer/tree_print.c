#include "tree_print.h"

#include <stdint.h>

static int node_is_printed(TSNode node)
{
    return ts_node_is_named(node) || ts_node_is_missing(node);
}

static void print_node(FILE *out, const TSTreeCursor *cursor, TSNode node, const source_file *src,
                       uint32_t depth)
{
    uint32_t indent = depth < TREE_PRINT_MAX_INDENT ? depth : TREE_PRINT_MAX_INDENT;
    fprintf(out, "%*s", (int)(indent * 2), "");

    const char *field = ts_tree_cursor_current_field_name(cursor);
    if (field)
        fprintf(out, "%s: ", field);

    source_position start = source_file_locate(src, ts_node_start_byte(node));
    source_position end = source_file_locate(src, ts_node_end_byte(node));
    if (ts_node_is_missing(node)) {
        fprintf(out, ts_node_is_named(node) ? "(MISSING %s" : "(MISSING \"%s\"",
                ts_node_type(node));
    } else {
        fprintf(out, "(%s", ts_node_type(node));
    }
    fprintf(out, " [%u:%u-%u:%u]", start.line, start.column, end.line, end.column);
}

int tree_print(FILE *out, const TSTree *tree, const source_file *src)
{
    TSTreeCursor cursor = ts_tree_cursor_new(ts_tree_root_node(tree));
    /* Depth counts printed ancestors only: anonymous nodes are leaves here. */
    uint32_t depth = 0;
    int printed_any = 0;

    for (;;) {
        TSNode node = ts_tree_cursor_current_node(&cursor);
        int printed = node_is_printed(node);
        if (printed) {
            if (printed_any)
                fputc('\n', out);
            print_node(out, &cursor, node, src, depth);
            printed_any = 1;
        }

        if (printed && ts_tree_cursor_goto_first_child(&cursor)) {
            depth++;
            continue;
        }
        if (printed)
            fputc(')', out);

        /* Close every printed ancestor we climb out of. */
        while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
            if (!ts_tree_cursor_goto_parent(&cursor))
                goto done;
            depth--;
            fputc(')', out);
        }
    }
done:
    if (printed_any)
        fputc('\n', out);
    ts_tree_cursor_delete(&cursor);
    return ferror(out) ? -1 : 0;
}
