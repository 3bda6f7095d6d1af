#ifndef AZSCAN_GLOB_H
#define AZSCAN_GLOB_H

#include <stdbool.h>

/*
 * Path globs, as in .azscan.json's "exclude" and "parameterFiles":
 *
 *   *       any run of characters other than '/'
 *   ?       one character other than '/'
 *   [a-z]   one character of a class; [!...] or [^...] negates it
 *   **      as a whole segment, any number of segments (also none)
 *   \x      the character x
 *
 * A pattern matches a whole path of '/'-separated segments. Matching takes
 * time proportional to the product of the lengths at worst (no
 * backtracking blow-up), whatever the pattern.
 */
bool glob_match(const char *pattern, const char *path);

/* Whether `pattern` is well formed: no empty segment, no unclosed class,
 * no trailing backslash. */
bool glob_valid(const char *pattern);

#endif
