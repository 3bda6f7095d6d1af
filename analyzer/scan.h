#ifndef AZSCAN_SCAN_H
#define AZSCAN_SCAN_H

#include "check.h"
#include "diagnostic.h"
#include "discover.h"
#include "file_provider.h"
#include "source.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * A scan: discover the files under some paths, check each for syntax
 * errors, build the model of each template (with its parameter-file
 * variants and local modules), and run the selected checks over it.
 *
 * Files are analyzed in parallel (scan_options.jobs), each on its own, and
 * their results merged in discovery order: findings are then sorted, and
 * errors and warnings stay in discovery order, file by file, so the result
 * never depends on the number of threads. Memory holds the files in flight,
 * not the whole tree: a file's syntax tree is freed once its model is built,
 * and its model once it is checked; files are discovered as the scan goes,
 * a window of them ahead of the files in flight. What the report needs
 * (findings, errors, warnings, notes, the paths read) waits in a temporary
 * file (spill.h) until the last file is scanned, and only then is read into
 * the result; without a temporary file it is kept in memory as it comes.
 *
 * Library code: nothing is printed. A scan_result owns its findings, its
 * file errors and its warnings; free it with scan_result_free.
 */

/* A file given to a scan, rather than discovered (git modes). */
typedef struct {
    const char *display_path; /* relative to the display root */
    const char *disk_path;    /* as the provider knows it */
    const char *root;         /* its scan root: no module is read from outside it */
    discover_kind kind;
} scan_file;

typedef struct {
    const char *const *paths; /* files or directories */
    size_t path_count;
    const char *param_file; /* --param-file, or NULL for the conventions */
    /* When set and param_file is not: the parameter file of a template (by
     * its disk path), or NULL for the conventions. */
    const char *(*param_file_for)(const char *disk_path, void *ud);
    void *param_file_ud;
    const discover_filter *filter; /* paths left out of discovery, or NULL */
    uint64_t parse_timeout_micros; /* as analysis_options; 0 means none */
    az_check_config config;
    /* Checks run when they match one of `include` (all when none) and none of `exclude`. */
    const char *const *include;
    size_t include_count;
    const char *const *exclude;
    size_t exclude_count;
    /* When not NULL, exactly these files are analyzed, in order, and
     * `paths` are not discovered. */
    const scan_file *files;
    size_t file_count;
    /* Where every file is read from; NULL: the disk. Borrowed: it must
     * outlive the result, whose reporters read through it. */
    const file_provider *provider;
    /* When not NULL, display paths are relative to this directory (which
     * holds every scan root) and reporters resolve them against it rather
     * than the working directory. */
    const char *display_root;
    /* Files are analyzed on this many threads; 0 means one per online CPU.
     * The result is the same whatever the number. */
    unsigned jobs;
} scan_options;

/* A problem with one file: it could not be read, parsed or modelled. */
typedef struct {
    const char *file; /* display path */
    bool has_position;
    unsigned line, column;
    const char *message;
} scan_error;

/* A warning raised while modelling: an evaluation bound, a refused module path. */
typedef struct {
    const char *file; /* display path, or NULL */
    unsigned line, column;
    const char *message;
} scan_warning;

/* Something discovery says about the paths: skipped files, missing paths. */
typedef struct {
    enum { SCAN_NOTE_SKIPPED, SCAN_NOTE_IGNORED, SCAN_NOTE_EMPTY, SCAN_NOTE_MISSING } kind;
    const char *path;
    const char *reason;
} scan_note;

typedef struct scan_result scan_result;

/* Returns 0 and stores the result, or -1 (storing NULL) when out of memory. */
int scan_run(const scan_options *options, scan_result **out);
void scan_result_free(scan_result *r);

const az_findings *scan_result_findings(const scan_result *r);
/* The same, for marking findings after the scan (a baseline). */
az_findings *scan_result_findings_mutable(scan_result *r);

size_t scan_result_error_count(const scan_result *r);
const scan_error *scan_result_error(const scan_result *r, size_t index);

size_t scan_result_warning_count(const scan_result *r);
const scan_warning *scan_result_warning(const scan_result *r, size_t index);

size_t scan_result_note_count(const scan_result *r);
const scan_note *scan_result_note(const scan_result *r, size_t index);

/*
 * The path a file was read from, for a display path the result names (a
 * finding's, a related location's, an error's or a warning's `file`), so
 * that reporters can read its text; NULL when the scan read no file of that
 * name. Two path arguments can give two files one display path: the first
 * read wins. Owned by the result.
 */
const char *scan_result_disk_path(const scan_result *r, const char *display_path);

/*
 * Reads the file with display path `display` as the scan read it (through
 * its provider). Returns SOURCE_ERR_NOT_FOUND when the scan read no file of
 * that name.
 */
source_status scan_result_read(const scan_result *r, const char *display, source_file **out);

/* The scan's display root (see scan_options), or NULL. Owned by the result. */
const char *scan_result_display_root(const scan_result *r);

/* Files analyzed (templates and parameter files) and templates modelled. */
size_t scan_result_file_count(const scan_result *r);
size_t scan_result_template_count(const scan_result *r);

#endif
