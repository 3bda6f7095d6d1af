#include "syntax.h"

#include <stdio.h>
#include <string.h>

/* How much of the skipped input an "unexpected" message quotes. */
#define QUOTE_MAX_CODE_POINTS 20

syntax_status syntax_parse(TSTree **out, const source_file *src, const TSLanguage *grammar,
                           uint64_t timeout_micros)
{
    *out = NULL;
    TSParser *parser = ts_parser_new();
    if (!ts_parser_set_language(parser, grammar)) {
        ts_parser_delete(parser);
        return SYNTAX_INCOMPATIBLE;
    }
    ts_parser_set_timeout_micros(parser, timeout_micros);
    /* With a language set, a NULL tree can only mean the timeout ran out. */
    TSTree *tree = ts_parser_parse_string_encoding(parser, NULL, source_file_text(src),
                                                   source_file_length(src), TSInputEncodingUTF8);
    ts_parser_delete(parser);
    if (!tree)
        return SYNTAX_TIMEOUT;
    *out = tree;
    return SYNTAX_OK;
}

/*
 * Quotes the start of text[start, end) for a one-line message: stops at
 * QUOTE_MAX_CODE_POINTS code points, escapes quotes, backslashes and control
 * characters, and marks a cut with "...". `buf` must hold 4 * QUOTE_MAX_CODE_POINTS + 8
 * bytes (each code point takes at most 4).
 */
static void quote_text(const char *text, uint32_t start, uint32_t end, char *buf)
{
    size_t n = 0;
    uint32_t i = start;
    for (int cps = 0; i < end && cps < QUOTE_MAX_CODE_POINTS; cps++) {
        unsigned char c = (unsigned char)text[i];
        if (c >= 0x80) {
            /* Copy the whole (already validated) multi-byte sequence. */
            do
                buf[n++] = text[i++];
            while (i < end && ((unsigned char)text[i] & 0xC0) == 0x80);
            continue;
        }
        i++;
        switch (c) {
        case '\n':
            n += (size_t)sprintf(buf + n, "\\n");
            break;
        case '\r':
            n += (size_t)sprintf(buf + n, "\\r");
            break;
        case '\t':
            n += (size_t)sprintf(buf + n, "\\t");
            break;
        case '\'':
        case '\\':
            buf[n++] = '\\';
            buf[n++] = (char)c;
            break;
        default:
            if (c < 0x20 || c == 0x7F)
                n += (size_t)sprintf(buf + n, "\\x%02X", c);
            else
                buf[n++] = (char)c;
        }
    }
    if (i < end)
        n += (size_t)sprintf(buf + n, "...");
    buf[n] = '\0';
}

static int report(diagnostic_list *out, const source_file *src, TSNode node)
{
    char message[4 * QUOTE_MAX_CODE_POINTS + 64];
    uint32_t start = ts_node_start_byte(node);
    if (ts_node_is_missing(node)) {
        snprintf(message, sizeof(message), "missing '%s'", ts_node_type(node));
    } else {
        char quoted[4 * QUOTE_MAX_CODE_POINTS + 8];
        quote_text(source_file_text(src), start, ts_node_end_byte(node), quoted);
        snprintf(message, sizeof(message), "unexpected '%s'", quoted);
    }
    source_position position = source_file_locate(src, start);
    return diagnostic_list_add(out, &position, message);
}

int syntax_errors_collect(const TSTree *tree, const source_file *src, diagnostic_list *out)
{
    TSNode root = ts_tree_root_node(tree);
    if (!ts_node_has_error(root))
        return 0;

    int status = 0;
    TSTreeCursor cursor = ts_tree_cursor_new(root);
    for (;;) {
        TSNode node = ts_tree_cursor_current_node(&cursor);
        int descend = 0;
        if (ts_node_is_missing(node) || strcmp(ts_node_type(node), "ERROR") == 0) {
            if (report(out, src, node) != 0) {
                status = -1;
                break;
            }
        } else {
            descend = ts_node_has_error(node);
        }

        if (descend && ts_tree_cursor_goto_first_child(&cursor))
            continue;
        while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
            if (!ts_tree_cursor_goto_parent(&cursor))
                goto done;
        }
    }
done:
    ts_tree_cursor_delete(&cursor);
    return status;
}
