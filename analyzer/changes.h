#ifndef AZSCAN_CHANGES_H
#define AZSCAN_CHANGES_H

#include "dependents.h"
#include "report.h"
#include "scan.h"

#include <stdbool.h>

/*
 * Scanning what changed (--diff REF, --staged): opens the repository,
 * lists the changed templates and what they reach (dependents.h), and
 * gives the scan its files, its provider and the work tree as display
 * root. After the scan, --new-only drops findings that the base revision
 * has too, and --changed-lines those off the changed lines.
 *
 * Library code: nothing is printed; failures come back with a message. A
 * changes owns the repository and providers the scan options borrow: free
 * it after the scan's result.
 */

typedef struct {
    const char *diff_ref; /* --diff REF, or NULL */
    bool staged;          /* --staged */
    bool new_only;        /* --new-only */
    bool changed_lines;   /* --changed-lines */
    const char *const *paths;
    size_t path_count;
} changes_options;

typedef enum {
    CHANGES_OK = 0,
    CHANGES_ERR_USAGE,  /* not a repository, unknown REF, no commit, a path outside the work tree */
    CHANGES_ERR_FAILED, /* libgit2 failed, or out of memory */
} changes_status;

typedef struct changes changes;

changes_status changes_open(changes **out, const changes_options *o, char *err, size_t err_size);
void changes_free(changes *c);

/* Fills the files, provider and display root of `so` for the changed files. */
void changes_scan_options(const changes *c, scan_options *so);

/* The files the scan analyzes, with why. */
size_t changes_file_count(const changes *c);
const dependents_file *changes_file(const changes *c, size_t index);

typedef enum {
    CHANGES_NOTE_WARNING, /* the result may be inexact: no merge base */
    CHANGES_NOTE_INFO,    /* always worth saying: a submodule was skipped */
    CHANGES_NOTE_DETAIL,  /* for --verbose: a changed JSON file that is no template */
} changes_note_level;

/* What to tell the user once, in order. */
size_t changes_note_count(const changes *c);
const char *changes_note(const changes *c, size_t index, changes_note_level *level);

/* What was compared, for messages: "merge base of origin/main", "HEAD". */
const char *changes_base_name(const changes *c);

/*
 * Applies --new-only (scanning the base revision of the same files, from
 * the object database, with `so`'s other options) and --changed-lines to
 * `head`, the result of a scan with changes_scan_options. Fills `delta`
 * with --new-only. Returns 0, or -1 with a message in `err`.
 */
int changes_filter(changes *c, const scan_options *so, scan_result *head, report_delta *delta,
                   char *err, size_t err_size);

/* The provenance of the results; its strings are owned by `c`. */
const report_provenance *changes_provenance(const changes *c);

#endif
