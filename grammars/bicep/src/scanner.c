/*
 * External scanner for the Bicep grammar.
 *
 * Newlines: Bicep ends statements, object properties and array items at a line
 * break, but a break inside parentheses or in the middle of an expression is
 * plain whitespace. The parser knows which applies: it asks for NEWLINE only
 * where a separator may stand. One token covers the whole run of line breaks,
 * blank lines and comment lines, so the grammar never sees two in a row. A
 * line that starts with `?` or `|` continues the previous one (a ternary, a
 * union type), as in Bicep's own parser.
 *
 * Strings: string contents are lexed here so that `//` or `#` inside a string
 * is never taken for trivia. Multi-line strings may be interpolated with a
 * `$`-prefixed opener (`$'''`, `$$'''`); the number of dollars, which a hole
 * must repeat (`${`, `$${`), is kept on a small stack because holes nest.
 */
#include "tree_sitter/parser.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum TokenType {
    NEWLINE,
    STRING_CONTENT,
    MULTILINE_CONTENT,
    MULTILINE_STRING,
    MULTILINE_INTERPOLATED_START,
    MULTILINE_INTERPOLATION_START,
    MULTILINE_END,
    ERROR_SENTINEL,
};

/* Deeper nesting of interpolated multi-line strings is refused as a syntax error. */
#define MAX_DEPTH 32

typedef struct {
    uint8_t depth;
    uint8_t dollars[MAX_DEPTH];
} Scanner;

/* When calloc fails the payload is NULL: the scanner then serializes
 * nothing and recognizes no token, so the parse ends in syntax errors
 * rather than a crash. */
void *tree_sitter_bicep_external_scanner_create(void)
{
    return calloc(1, sizeof(Scanner));
}

void tree_sitter_bicep_external_scanner_destroy(void *payload)
{
    free(payload);
}

unsigned tree_sitter_bicep_external_scanner_serialize(void *payload, char *buffer)
{
    Scanner *s = payload;
    if (!s)
        return 0;
    buffer[0] = (char)s->depth;
    memcpy(buffer + 1, s->dollars, s->depth);
    return 1u + s->depth;
}

void tree_sitter_bicep_external_scanner_deserialize(void *payload, const char *buffer,
                                                    unsigned length)
{
    Scanner *s = payload;
    if (!s)
        return;
    s->depth = 0;
    if (length == 0)
        return;
    uint8_t depth = (uint8_t)buffer[0];
    if (depth > MAX_DEPTH || length < 1u + depth)
        return;
    s->depth = depth;
    memcpy(s->dollars, buffer + 1, depth);
}

static void advance(TSLexer *lexer)
{
    lexer->advance(lexer, false);
}

static void skip(TSLexer *lexer)
{
    lexer->advance(lexer, true);
}

static bool is_newline(int32_t c)
{
    return c == '\n' || c == '\r';
}

static bool is_blank(int32_t c)
{
    return c == ' ' || c == '\t' || c == '\f' || c == 0xFEFF;
}

/* Consumes a comment if one starts here; false (having consumed at most the
 * slash) when the character after '/' does not start a comment. */
static bool skip_comment(TSLexer *lexer)
{
    advance(lexer);
    if (lexer->lookahead == '/') {
        while (!lexer->eof(lexer) && !is_newline(lexer->lookahead))
            advance(lexer);
        return true;
    }
    if (lexer->lookahead == '*') {
        advance(lexer);
        while (!lexer->eof(lexer)) {
            if (lexer->lookahead == '*') {
                advance(lexer);
                if (lexer->lookahead == '/') {
                    advance(lexer);
                    return true;
                }
            } else {
                advance(lexer);
            }
        }
        return true;
    }
    return false;
}

/* After a line break: is the next significant character one that continues
 * the expression on the previous line? Runs over blank lines, comments and
 * directives; the token has already been marked, so this is lookahead only. */
static bool next_line_continues(TSLexer *lexer)
{
    for (;;) {
        int32_t c = lexer->lookahead;
        if (lexer->eof(lexer))
            return false;
        if (is_blank(c) || is_newline(c)) {
            advance(lexer);
        } else if (c == '/') {
            if (!skip_comment(lexer))
                return false;
        } else if (c == '#') {
            while (!lexer->eof(lexer) && !is_newline(lexer->lookahead))
                advance(lexer);
        } else {
            return c == '?' || c == '|';
        }
    }
}

enum NewlineResult { NEWLINE_NONE, NEWLINE_FOUND, NEWLINE_CONTINUED };

static enum NewlineResult scan_newline(TSLexer *lexer)
{
    bool saw_newline = false;
    while (!lexer->eof(lexer)) {
        int32_t c = lexer->lookahead;
        if (is_newline(c)) {
            saw_newline = true;
            advance(lexer);
        } else if (is_blank(c)) {
            if (saw_newline)
                advance(lexer);
            else
                skip(lexer);
        } else {
            break;
        }
    }
    if (!saw_newline)
        return NEWLINE_NONE;
    lexer->mark_end(lexer);
    if (next_line_continues(lexer))
        return NEWLINE_CONTINUED;
    lexer->result_symbol = NEWLINE;
    return NEWLINE_FOUND;
}

/* Text of a single-quoted string, up to a quote, a backslash escape, a `${`
 * hole or the end of the line (an unterminated string). */
static bool scan_string_content(TSLexer *lexer)
{
    bool has_content = false;
    for (;;) {
        lexer->mark_end(lexer);
        if (lexer->eof(lexer))
            break;
        int32_t c = lexer->lookahead;
        if (c == '\'' || c == '\\' || is_newline(c))
            break;
        if (c == '$') {
            advance(lexer);
            if (lexer->lookahead == '{')
                break;
            has_content = true;
            continue;
        }
        advance(lexer);
        has_content = true;
    }
    lexer->result_symbol = STRING_CONTENT;
    return has_content;
}

/* At "'''": the rest of a multi-line string without interpolation. Three or
 * more quotes end it. An unterminated string runs to the end of the file. */
static bool scan_multiline_string(TSLexer *lexer)
{
    for (int i = 0; i < 3; i++) {
        if (lexer->lookahead != '\'')
            return false;
        advance(lexer);
    }
    unsigned quotes = 0;
    while (!lexer->eof(lexer)) {
        if (lexer->lookahead == '\'') {
            quotes++;
            advance(lexer);
            continue;
        }
        if (quotes >= 3)
            break;
        quotes = 0;
        advance(lexer);
    }
    lexer->mark_end(lexer);
    lexer->result_symbol = MULTILINE_STRING;
    return true;
}

/* Inside an interpolated multi-line string: content, a hole opener made of
 * `dollars` dollar signs and a brace, or the closing quotes. */
static bool scan_multiline_piece(Scanner *s, TSLexer *lexer, const bool *valid)
{
    uint8_t dollars = s->depth ? s->dollars[s->depth - 1] : 1;
    bool has_content = false;
    for (;;) {
        lexer->mark_end(lexer);
        if (lexer->eof(lexer))
            break;
        int32_t c = lexer->lookahead;
        if (c == '\'') {
            unsigned quotes = 0;
            while (lexer->lookahead == '\'') {
                quotes++;
                advance(lexer);
            }
            if (quotes >= 3) {
                if (has_content)
                    break;
                if (!valid[MULTILINE_END])
                    return false;
                lexer->mark_end(lexer);
                if (s->depth)
                    s->depth--;
                lexer->result_symbol = MULTILINE_END;
                return true;
            }
            has_content = true;
            continue;
        }
        if (c == '$') {
            unsigned run = 0;
            while (lexer->lookahead == '$') {
                run++;
                advance(lexer);
            }
            if (run >= dollars && lexer->lookahead == '{') {
                if (has_content)
                    break;
                if (!valid[MULTILINE_INTERPOLATION_START])
                    return false;
                advance(lexer);
                lexer->mark_end(lexer);
                lexer->result_symbol = MULTILINE_INTERPOLATION_START;
                return true;
            }
            has_content = true;
            continue;
        }
        advance(lexer);
        has_content = true;
    }
    lexer->result_symbol = MULTILINE_CONTENT;
    return has_content && valid[MULTILINE_CONTENT];
}

/* At '$': `$'''`, `$$'''`... opens an interpolated multi-line string. */
static bool scan_interpolated_start(Scanner *s, TSLexer *lexer)
{
    unsigned dollars = 0;
    while (lexer->lookahead == '$') {
        dollars++;
        advance(lexer);
    }
    for (int i = 0; i < 3; i++) {
        if (lexer->lookahead != '\'')
            return false;
        advance(lexer);
    }
    if (s->depth >= MAX_DEPTH || dollars > UINT8_MAX)
        return false;
    s->dollars[s->depth++] = (uint8_t)dollars;
    lexer->mark_end(lexer);
    lexer->result_symbol = MULTILINE_INTERPOLATED_START;
    return true;
}

bool tree_sitter_bicep_external_scanner_scan(void *payload, TSLexer *lexer, const bool *valid)
{
    Scanner *s = payload;
    if (!s)
        return false;

    /* In error recovery every symbol is valid; leave it to the internal lexer. */
    if (valid[ERROR_SENTINEL])
        return false;

    if (valid[STRING_CONTENT])
        return scan_string_content(lexer);

    if (valid[MULTILINE_CONTENT] || valid[MULTILINE_END] || valid[MULTILINE_INTERPOLATION_START])
        return scan_multiline_piece(s, lexer, valid);

    if (valid[NEWLINE]) {
        enum NewlineResult r = scan_newline(lexer);
        if (r != NEWLINE_NONE)
            return r == NEWLINE_FOUND;
    }

    while (is_blank(lexer->lookahead) || is_newline(lexer->lookahead))
        skip(lexer);

    if (valid[MULTILINE_STRING] && lexer->lookahead == '\'')
        return scan_multiline_string(lexer);

    if (valid[MULTILINE_INTERPOLATED_START] && lexer->lookahead == '$')
        return scan_interpolated_start(s, lexer);

    return false;
}
