#ifndef AZSCAN_REPORT_TERMINAL_H
#define AZSCAN_REPORT_TERMINAL_H

#include <stddef.h>
#include <stdio.h>

/*
 * Text for a terminal, as the text report writes it. Text from templates
 * (values in messages, source lines) must not drive the terminal: control
 * characters (C0 but tab, DEL, C1) and the bidirectional controls that can
 * reorder a line are written as U+FFFD, and so is a byte that is not valid
 * UTF-8. Nothing here allocates; write errors are left in the stream's
 * error indicator.
 */

/* Display columns: a tab reaches the next multiple of this. */
#define REPORT_TERMINAL_TAB 4

/* A source line wider than this many columns is cut around the finding. */
#define REPORT_TERMINAL_WIDTH 100

/* Writes the NUL-terminated `s`, tabs included, made safe. */
void report_terminal_puts(FILE *out, const char *s);

/*
 * Writes line `number` of a file, the `len` bytes at `text` without their
 * line break, and under it a caret underline of the 1-based code point
 * columns [start, end):
 *
 *        45 |   publicNetworkAccess: access
 *           |                        ^~~~~~
 *
 * Every code point takes one column but a tab, which is expanded, so that
 * the underline stands under the range whatever precedes it. An `end`
 * beyond the line (a range that goes on to later lines) stops at its end;
 * an `end` at or before `start` underlines one column. A line wider than
 * REPORT_TERMINAL_WIDTH is cut around the start of the range, "..." marking
 * each cut. `color`, when not NULL, is the escape sequence of the underline,
 * and the gutter is then dim.
 */
void report_terminal_snippet(FILE *out, const char *text, size_t len, unsigned number,
                             unsigned start, unsigned end, const char *color);

#endif
