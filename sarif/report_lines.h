#ifndef AZSCAN_REPORT_LINES_H
#define AZSCAN_REPORT_LINES_H

#include <stddef.h>

/*
 * The lines of a file, read forward through one buffer, for a reporter that
 * shows a few lines of each file in line order. The file is read only as far
 * as the last line asked for, and not checked or indexed as a scan reads it:
 * reading back every file with findings whole cost a scan of AVM 3% of its
 * time (most of it page faults on buffers of megabytes). The buffer holds the
 * line asked for and the rest of the last read; lines skipped over are not
 * kept.
 *
 * The bytes are the file's as they are now, which may have changed since the
 * scan: a reporter must write them safely (report_terminal.h). A UTF-8
 * byte-order mark is not part of line 1, and a line's break ("\n", or "\r\n")
 * is not part of the line.
 */

typedef struct report_lines report_lines;

/*
 * A reader of the file at `path`, whose lines are never longer than
 * `max_line` bytes (a longer line is taken as missing). A file that cannot be
 * opened, or is not a regular file, has no lines. Returns NULL when out of
 * memory. Free with report_lines_free.
 */
report_lines *report_lines_open(const char *path, size_t max_line);

/* Accepts NULL. */
void report_lines_free(report_lines *r);

/*
 * Line `number` (1-based) in `*text` and `*len`, valid until the next call.
 * Returns 1; 0 when there is no such line (line 0, past the end, a read
 * error, or longer than the reader's bound); -1 when out of memory. A line
 * before the one asked for last makes the reader start again from the top.
 */
int report_lines_get(report_lines *r, unsigned number, const char **text, size_t *len);

#endif
