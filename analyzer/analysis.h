#ifndef AZSCAN_ANALYSIS_H
#define AZSCAN_ANALYSIS_H

#include "diagnostic.h"
#include "file_provider.h"
#include "language.h"
#include "source.h"

#include <stdint.h>
#include <tree_sitter/api.h>

/*
 * The analysis of one file: read it, check it is text, parse it, and collect
 * every problem as a diagnostic. This is the one place that strings the
 * steps together, so every command treats bad input the same way.
 *
 * An analysis owns its source, tree and diagnostics; free it with
 * analysis_free.
 */

/*
 * The default parse timeout: long enough for any file up to SOURCE_MAX_SIZE
 * on a slow machine (parsing runs at several MB/s even under sanitizers), yet
 * it ends the rare input on which tree-sitter's error recovery goes
 * quadratic.
 */
#define ANALYSIS_TIMEOUT_SCALED UINT64_MAX
#define ANALYSIS_TIMEOUT_BASE_MICROS ((uint64_t)10 * 1000000)
#define ANALYSIS_TIMEOUT_PER_MIB_MICROS ((uint64_t)1 * 1000000)

typedef struct {
    /*
     * Parses running longer are abandoned. 0 means no limit;
     * ANALYSIS_TIMEOUT_SCALED means ANALYSIS_TIMEOUT_BASE_MICROS plus
     * ANALYSIS_TIMEOUT_PER_MIB_MICROS for every MiB of the file.
     */
    uint64_t parse_timeout_micros;
} analysis_options;

/* The timeout, in microseconds (0: none), for parsing `bytes` bytes under `option`. */
uint64_t analysis_timeout_micros(uint64_t option, uint64_t bytes);

typedef enum {
    ANALYSIS_CLEAN,     /* read and parsed without a single diagnostic */
    ANALYSIS_FAILED,    /* diagnostics were recorded: syntax errors, or unusable input */
    ANALYSIS_NOT_FOUND, /* the path does not exist (also recorded as a diagnostic) */
    ANALYSIS_NOMEM,     /* out of memory; no analysis was returned */
} analysis_status;

typedef struct analysis analysis;

/*
 * Analyzes the file at `path` as `language` (not LANGUAGE_NONE). Except on
 * ANALYSIS_NOMEM, stores an analysis in `*out`.
 */
analysis_status analysis_run(analysis **out, const char *path, language_id language,
                             const analysis_options *options);

/* analysis_run, reading the file through `files` (NULL: the disk). */
analysis_status analysis_run_from(analysis **out, const file_provider *files, const char *path,
                                  language_id language, const analysis_options *options);

void analysis_free(analysis *a);

/* The file's text, or NULL when it could not be read or was not text. */
const source_file *analysis_source(const analysis *a);

/* The syntax tree, or NULL when the file was not parsed. */
const TSTree *analysis_tree(const analysis *a);

const diagnostic_list *analysis_diagnostics(const analysis *a);

/*
 * Moves the source and the tree out of `a` into `*source` and `*tree` (NULL
 * when there is none), for a caller that goes on with the parsed file after
 * analysis_free: the caller then owns them.
 */
void analysis_take(analysis *a, source_file **source, TSTree **tree);

#endif
