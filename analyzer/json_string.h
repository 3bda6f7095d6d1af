#ifndef AZSCAN_JSON_STRING_H
#define AZSCAN_JSON_STRING_H

#include <stddef.h>

/*
 * Unescapes the body of a JSON string (between its quotes), s[0, len), into
 * `out`, which must hold at least len bytes: no escape yields more bytes
 * than it takes. Returns the length written (no terminator is added).
 * Unpaired surrogates become U+FFFD; a malformed escape is kept as its
 * character.
 */
size_t json_string_unescape(const char *s, size_t len, char *out);

/* The value of a hexadecimal digit, or -1 for any other character. */
int json_hex_digit(char c);

#endif
