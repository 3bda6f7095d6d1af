#ifndef AZSCAN_DISCOVER_H
#define AZSCAN_DISCOVER_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Finding the files to analyze under the paths a user names.
 *
 * Directories are walked iteratively (no recursion on depth), skipping `.git`
 * and `node_modules`. Symbolic links to files are followed; symbolic links
 * to directories met during a walk are not, which rules out loops (a
 * directory named on the command line is walked even when it is a link).
 * `.bicep` and `.bicepparam` files are taken; `.json` and `.jsonc` files are
 * taken only when the `$schema` of their top-level object, looked for in the
 * first DISCOVER_SNIFF_SIZE bytes, names a deployment template or parameters
 * schema. Extensions compare case-insensitively.
 *
 * Entries are grouped by path argument, in argument order; within a
 * directory argument they are sorted bytewise by display path. The display
 * path is relative to the directory argument, with '/' separators, or the
 * argument itself when it names a file. A file named twice is listed twice.
 *
 * Everything left out, and why, is kept as notes in walk order: argument by
 * argument, and within a directory argument in the order of the display
 * paths (a directory sorting as its path with a '/' after it). Problems are
 * returned as notes too, so one bad path never stops the rest.
 *
 * A discover_result owns all its strings; free it with discover_result_free.
 */

#define DISCOVER_SNIFF_SIZE ((size_t)64 * 1024)

typedef enum {
    DISCOVER_KIND_BICEP,
    DISCOVER_KIND_BICEPPARAM,
    DISCOVER_KIND_ARM_TEMPLATE,
    DISCOVER_KIND_ARM_PARAMETERS,
} discover_kind;

typedef struct {
    const char *display_path; /* for messages */
    const char *disk_path;    /* for opening */
    discover_kind kind;
} discover_entry;

typedef enum {
    DISCOVER_NOTE_SKIPPED,      /* left out on purpose during a walk */
    DISCOVER_NOTE_IGNORED_FILE, /* a file argument left out on purpose */
    DISCOVER_NOTE_NO_TEMPLATES, /* a directory argument under which nothing was taken */
    DISCOVER_NOTE_UNREADABLE,   /* a file or directory that could not be read */
    DISCOVER_NOTE_MISSING,      /* a path argument that does not exist */
} discover_note_kind;

typedef struct {
    discover_note_kind kind;
    const char *path;   /* display path, or the argument for argument notes */
    const char *reason; /* a short phrase, e.g. "directory skipped" */
} discover_note;

typedef struct discover_result discover_result;

/*
 * Discovers the files under `paths[0, count)`. Returns 0 and stores the
 * result in `*out`, or returns -1 (and stores NULL) when out of memory.
 */
int discover_paths(discover_result **out, const char *const *paths, size_t count);

/*
 * A filter: `exclude` is asked about each path argument (`relative` NULL)
 * and each file and folder met under a directory argument (`relative` its
 * display path) before it is read. What it excludes is left out with a
 * note ("excluded by the configuration"); an excluded folder is not walked.
 */
typedef struct {
    bool (*exclude)(const char *argument, const char *relative, bool is_directory, void *ud);
    void *ud;
} discover_filter;

/* discover_paths, leaving out what `filter` (which may be NULL) excludes. */
int discover_paths_filtered(discover_result **out, const char *const *paths, size_t count,
                            const discover_filter *filter);

void discover_result_free(discover_result *result);

/*
 * The same discovery, as it goes: entries one at a time, in the same order,
 * with memory for the directories open on the way down rather than for
 * every file found. `paths` and `filter` (which may be NULL) are borrowed
 * until discover_walk_free.
 */
typedef struct discover_walk discover_walk;

/* Returns 0 and stores the walk in `*out`, or -1 (storing NULL) when out of memory. */
int discover_walk_new(discover_walk **out, const char *const *paths, size_t count,
                      const discover_filter *filter);

/* Returns 1 and stores the next entry in `*entry`, whose paths the caller
 * then owns (discover_entry_clear frees them); 0 when there are no more, or
 * -1 when out of memory (storing an empty entry either way). */
int discover_walk_next(discover_walk *walk, discover_entry *entry);

/* Frees the paths of an entry discover_walk_next gave, and empties it. */
void discover_entry_clear(discover_entry *entry);

/* The notes met since the last discover_walk_clear_notes, in walk order;
 * owned by the walk, valid until it is cleared. */
size_t discover_walk_note_count(const discover_walk *walk);
const discover_note *discover_walk_note(const discover_walk *walk, size_t index);
void discover_walk_clear_notes(discover_walk *walk);

void discover_walk_free(discover_walk *walk);

size_t discover_result_entry_count(const discover_result *result);
const discover_entry *discover_result_entry(const discover_result *result, size_t index);

size_t discover_result_note_count(const discover_result *result);
const discover_note *discover_result_note(const discover_result *result, size_t index);

#endif
