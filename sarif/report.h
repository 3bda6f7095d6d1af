#ifndef AZSCAN_REPORT_H
#define AZSCAN_REPORT_H

#include "scan.h"

#include <stdbool.h>
#include <stdio.h>

/*
 * Reporters: a scan's result written in one format. Each returns 0, or -1
 * when writing failed (the stream's error) or memory ran out.
 */

/* Where the results come from, in git modes (SARIF versionControlProvenance). */
typedef struct {
    const char *repository_uri; /* NULL: no provenance is written */
    const char *revision_id;    /* or NULL */
    const char *branch;         /* or NULL */
} report_provenance;

/* What --new-only compared: findings new since the base, in it too, gone. */
typedef struct {
    size_t new_count, unchanged, fixed;
} report_delta;

typedef struct {
    bool color;                /* ANSI colour in the text report, see report_color_enabled */
    bool verbose;              /* warnings and skipped files too */
    bool show_notes;           /* note-level findings (not in JUnit, whose cases pass or fail) */
    bool show_suppressed;      /* suppressed findings, in the text report (--show-suppressed) */
    bool include_passed;       /* passed evaluations, in the JSON report (--include-passed) */
    bool baseline;             /* a baseline was applied */
    size_t baseline_unmatched; /* its entries that matched no finding */
    const report_provenance *provenance; /* or NULL */
    const report_delta *delta;           /* with --new-only, else NULL */
} report_options;

/*
 * The terminal report: findings grouped by file, each as
 * "file:line:col: severity AZSnnn name: message" with its source line, a
 * caret underline and its related locations as notes (docs/output.md); then
 * the files that could not be analyzed and a summary. Source lines are read
 * again through scan_result_disk_path; a file that cannot be read now gets
 * no snippets.
 */
int report_text(FILE *out, const scan_result *r, const report_options *o);

/* --color: when the text report is coloured. */
typedef enum { REPORT_COLOR_AUTO, REPORT_COLOR_ALWAYS, REPORT_COLOR_NEVER } report_color;

/* Parses "auto", "always" or "never"; false when `text` is none of them. */
bool report_color_parse(const char *text, report_color *out);

/*
 * Whether to colour a text report: as asked by always or never; with auto,
 * only when it goes to a terminal (`tty`) and the NO_COLOR variable
 * (`no_color`, its value or NULL) is unset or empty, as no-color.org asks.
 */
bool report_color_enabled(report_color mode, bool tty, const char *no_color);

/* The stable JSON document described in docs/output.md. */
int report_json(FILE *out, const scan_result *r, const report_options *o);

/* The JSON schema's version; bumped when the schema changes incompatibly. */
#define REPORT_JSON_VERSION "1.0"

/* The project's home page: SARIF's informationUri and the base of help links. */
#define REPORT_PROJECT_URI "https://github.com/azscan/azscan"

/*
 * SARIF 2.1.0 for code scanning (GitHub, Azure DevOps): every registered
 * check as a rule, findings as results with UTF-16 columns (which needs the
 * files' text: each is read once more), file errors and model warnings as
 * tool execution notifications. `category`, when not NULL, becomes
 * automationDetails.id, which tells apart analyses of one commit.
 */
int report_sarif(FILE *out, const scan_result *r, const report_options *o, const char *category);

/*
 * JUnit XML for test tabs (Azure DevOps, Jenkins): a <testsuite> per file, a
 * failing <testcase> per check and resource with findings, and an <error>
 * for each file that could not be analyzed.
 */
int report_junit(FILE *out, const scan_result *r, const report_options *o);

/* GitHub Actions workflow commands (::error, ::warning, ::notice), one per
 * finding and file error, which GitHub shows as annotations. */
int report_github(FILE *out, const scan_result *r, const report_options *o);

/*
 * A finding's identity across runs, as 32 hex digits and a NUL: a hash of
 * its check id, file, resource type, resource, property and variant, never
 * of its position, so that editing elsewhere in the file keeps it. SARIF's
 * partialFingerprints carry it; baselines match findings by it.
 */
#define REPORT_FINGERPRINT_SIZE 33
void report_fingerprint(const az_finding *f, char out[REPORT_FINGERPRINT_SIZE]);

#endif
