#ifndef AZSCAN_REPORT_PATH_H
#define AZSCAN_REPORT_PATH_H

#include "scan.h"

#include <stdbool.h>

/*
 * Paths for formats that other tools resolve against a checkout (SARIF,
 * GitHub annotations). A display path is relative to the path argument it
 * came from, which such tools do not know; the path the file was read from,
 * taken relative to the working directory, is relative to the repository
 * root whenever azscan runs there, as it does in CI.
 */

/*
 * The file named by the display path `display`: relative to the working
 * directory (the scan's display root, when it has one), with '/' separators and no "." or ".."
 * segments, or, when it lies outside the working directory, absolute (and `*absolute` is set).
 * Returns a malloc'd string, or NULL when out of memory.
 */
char *report_path_resolve(const scan_result *r, const char *display, bool *absolute);

/* Stores the directory paths are relative to (the scan's display root, or
 * else the working directory) as a malloc'd file URI ending in '/', or NULL
 * when it cannot be known. Returns 0, or -1 when out of memory. */
int report_path_root_uri(const scan_result *r, char **out);

/*
 * Appends `path` to `out` percent-encoded as a URI path: every byte but
 * unreserved characters and '/' (spaces, non-ASCII, ':' which would read
 * as a scheme) becomes %XX. `out` must hold 3 * strlen(path) + 1 bytes.
 */
void report_path_uri_encode(const char *path, char *out);

#endif
