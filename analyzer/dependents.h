#ifndef AZSCAN_DEPENDENTS_H
#define AZSCAN_DEPENDENTS_H

#include "discover.h"
#include "file_provider.h"

#include <stddef.h>

/*
 * What a change reaches: from the changed files, the templates that use a
 * changed local module or imported file (Bicep `module x './m.bicep'`,
 * `import ... from './f.bicep'`, ARM `templateLink.relativePath`),
 * transitively; the template a changed parameter file is for (`using` of
 * a .bicepparam, X.json for X.parameters[.name].json); and the parameter
 * files of every template reached, by the conventions of model_build.c.
 *
 * No model is built. Each candidate that can refer to a changed template
 * is read once: JSON ones only for a changed JSON template, since an ARM
 * template link names a JSON template (a Bicep file does not deploy that
 * way). Only those that name a changed file's base name in a string are
 * looked at further, lexically, and only the text of files that can refer
 * to another file at all is kept.
 *
 * Paths are relative to a root directory (the work tree's) with '/'
 * separators. A dependents owns its strings; free it with dependents_free.
 */

typedef struct {
    const char *path;   /* a changed file */
    const char *reason; /* why it is analyzed: "changed", "renamed from x.bicep" */
} dependents_seed;

typedef struct {
    const file_provider *files; /* where text is read; NULL: the disk */
    /* Where the candidates are looked through, when cheaper and the same
     * text (git_files_index_quick); NULL: `files`. */
    const file_provider *quick;
    const char *root; /* absolute; every path is relative to it */
    /* The files that may use a changed one: template extensions, under the
     * scan paths. */
    const char *const *candidates;
    size_t candidate_count;
} dependents_options;

typedef struct {
    const char *path;
    discover_kind kind;
    const char *reason; /* "changed", "uses changed module m.bicep", "parameter file of x" */
} dependents_file;

/* A changed file that is not analyzed, and why (not an ARM template, unreadable). */
typedef struct {
    const char *path;
    const char *reason;
} dependents_skip;

typedef struct dependents dependents;

/* Returns 0, or -1 when out of memory. */
int dependents_resolve(dependents **out, const dependents_options *o, const dependents_seed *seeds,
                       size_t seed_count);
void dependents_free(dependents *d);

/* The files to analyze, sorted by path. */
size_t dependents_count(const dependents *d);
const dependents_file *dependents_get(const dependents *d, size_t index);

size_t dependents_skip_count(const dependents *d);
const dependents_skip *dependents_skipped(const dependents *d, size_t index);

#endif
