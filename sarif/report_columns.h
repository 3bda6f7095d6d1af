#ifndef AZSCAN_REPORT_COLUMNS_H
#define AZSCAN_REPORT_COLUMNS_H

#include "scan.h"

/*
 * Columns in UTF-16 code units, SARIF's default column kind, from the code
 * point columns of findings. A code point above U+FFFF takes two units, so
 * the conversion needs the text before the column: each file is read once,
 * on first use, and only the positions of such code points are kept, which
 * is nothing for most files.
 *
 * A report_columns borrows the result's display paths; free it before the
 * result.
 */

typedef struct report_columns report_columns;

/* Returns NULL when out of memory. */
report_columns *report_columns_new(const scan_result *r);
void report_columns_free(report_columns *c);

/*
 * Stores in `*out` the UTF-16 column of the 1-based code point column
 * `column` on `line` of the file with display path `display`. A file that
 * cannot be read now (removed, changed into something else) keeps its
 * columns as they are. Returns 0, or -1 when out of memory.
 */
int report_columns_utf16(report_columns *c, const char *display, unsigned line, unsigned column,
                         unsigned *out);

#endif
