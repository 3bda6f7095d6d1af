#ifndef AZSCAN_REPORT_H
#define AZSCAN_REPORT_H

#include "scan.h"

#include <stdbool.h>
#include <stdio.h>

/*
 * Reporters: a scan's result written in one format. Each returns 0, or -1
 * when writing failed (the stream's error) or memory ran out.
 */

typedef struct {
    bool color;      /* ANSI colour, for a terminal */
    bool verbose;    /* warnings and skipped files too */
    bool show_notes; /* note-level findings (--strict) */
} report_options;

/* One line per finding: "file:line:col: severity AZSnnn name: message". */
int report_text(FILE *out, const scan_result *r, const report_options *o);

/* The stable JSON document described in docs/output.md. */
int report_json(FILE *out, const scan_result *r, const report_options *o);

/* The JSON schema's version; bumped when the schema changes incompatibly. */
#define REPORT_JSON_VERSION "1.0"

#endif
