#ifndef AZSCAN_UTF8_H
#define AZSCAN_UTF8_H

#include <stddef.h>
#include <stdint.h>

/*
 * UTF-8 validation and code-point counting over byte buffers. Nothing here
 * allocates or keeps pointers.
 */

/*
 * Returns the offset of the first byte that is not part of a well-formed
 * UTF-8 sequence (RFC 3629: no overlongs, no surrogates, nothing above
 * U+10FFFF), or `len` when the whole buffer is valid. A sequence cut short by
 * the end of the buffer is invalid at its lead byte.
 */
size_t utf8_find_invalid(const char *text, size_t len);

/* The length of the longest prefix of the buffer that is ASCII (bytes below
 * 0x80): `len` when the whole buffer is. */
size_t utf8_ascii_prefix(const char *text, size_t len);

/*
 * Counts the code points in a buffer already known to be valid UTF-8: every
 * byte that is not a continuation byte starts one.
 */
size_t utf8_count_code_points(const char *text, size_t len);

/*
 * Writes the UTF-8 encoding of the code point `cp` (at most U+10FFFF; callers
 * replace surrogates first) into `out`, which must hold 4 bytes, and returns
 * the number of bytes written.
 */
size_t utf8_encode(uint32_t cp, char *out);

#endif
