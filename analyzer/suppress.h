#ifndef AZSCAN_SUPPRESS_H
#define AZSCAN_SUPPRESS_H

#include "check.h"

#include <stdbool.h>
#include <stddef.h>

/*
 * Suppression comments. "// azscan-disable-next-line AZS201 AZS310: reason"
 * (Bicep, and ARM JSON, which allows comments) or Bicep's own
 * "#disable-next-line AZS201" alone on the line before a finding's first
 * line suppresses it; checks are named by id or name, separated by spaces
 * or commas. (Suppressions in ARM metadata are the engine's: checks/engine.c.)
 */

/*
 * The directives of one file's text, found while the text is in hand (as the
 * scan reads each file), so that applying them needs no second read: the
 * lines that may hold one, with their numbers, in one malloc'd block of
 * `*size` bytes that may be copied as it is. Most files have none: then
 * `*block` is NULL and `*size` 0. Returns 0, or -1 when out of memory.
 */
int suppress_directives_find(const char *text, size_t len, char **block, size_t *size);

typedef struct {
    const char *display;    /* the findings' `file` */
    const char *directives; /* as suppress_directives_find found them, or NULL */
    size_t directives_size;
} suppress_file;

/* Receives a problem with a comment; `message` is only valid during the call. */
typedef void (*suppress_warn_fn)(void *ud, const char *file, unsigned line, unsigned column,
                                 const char *message);

/*
 * Applies the suppression comments of each of `files` to `findings`, which
 * must be sorted (az_findings_sort). A check a comment names that no finding
 * on the next line matches is stale or misplaced: it becomes a note-level
 * finding of that check at the comment. An azscan comment naming no check,
 * or a name that is no check, is passed to `warn`; Bicep's own directive
 * also names linter rules, so its other names are left alone. Under
 * `require_justification` a comment without a reason suppresses nothing.
 * Findings are appended, so sort again after. Returns 0, or -1 when out of
 * memory.
 */
typedef struct {
    bool require_justification;
    /* The checks that ran (NULL: all): a comment about another is not unused. */
    bool (*selected)(const az_check *check, void *ud);
    void *selected_ud;
    suppress_warn_fn warn; /* or NULL */
    void *warn_ud;
} suppress_options;

int suppress_comments_apply(az_findings *findings, const suppress_file *files, size_t count,
                            const suppress_options *options);

#endif
