#ifndef AZSCAN_PATH_H
#define AZSCAN_PATH_H

#include <stdbool.h>

/*
 * Path text, without touching the file system.
 */

/* Rewrites the absolute path `p` in place without "." and ".." segments or
 * repeated separators; ".." at the root stays at the root, and an empty
 * result is "/". */
void path_normalize(char *p);

/* Whether a module or import path names a registry ("br:", "br/") or a
 * template spec ("ts:", "ts/") rather than a local file. */
bool path_is_external(const char *path);

/* Whether the relative path `path` is `dir` or lies under it, segment by
 * segment ("a/bc" is not under "a/b"); "" is the root, above every path. */
bool path_is_under(const char *path, const char *dir);

#endif
