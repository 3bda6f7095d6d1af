#ifndef AZSCAN_DIAGNOSTIC_H
#define AZSCAN_DIAGNOSTIC_H

#include "source.h"

#include <stddef.h>

/*
 * Errors found in one file (it could not be read, or did not parse), in the
 * order they were added. Library code adds them; only the command-line layer
 * prints them. A diagnostic_list owns its messages; free it with
 * diagnostic_list_free.
 */

typedef struct {
    int has_position;         /* 0 when the message is about the whole file */
    source_position position; /* valid when has_position */
    const char *message;      /* owned by the list */
} diagnostic;

typedef struct diagnostic_list diagnostic_list;

/* Returns NULL when out of memory. */
diagnostic_list *diagnostic_list_new(void);
void diagnostic_list_free(diagnostic_list *list);

/*
 * Appends a diagnostic; `position` may be NULL. The message is copied.
 * Returns 0, or -1 when out of memory (the list is then unchanged).
 */
int diagnostic_list_add(diagnostic_list *list, const source_position *position,
                        const char *message);

size_t diagnostic_list_count(const diagnostic_list *list);

/* The diagnostic at `index`, or NULL when index is out of range. */
const diagnostic *diagnostic_list_get(const diagnostic_list *list, size_t index);

/* Removes every diagnostic, keeping the list for reuse. */
void diagnostic_list_clear(diagnostic_list *list);

#endif
