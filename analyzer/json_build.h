#ifndef AZSCAN_JSON_BUILD_H
#define AZSCAN_JSON_BUILD_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/*
 * Building a cJSON document under one failure flag: every helper takes the
 * item it is given (a NULL item is a failed allocation), frees it when it
 * cannot be placed, and sets `*failed`, so that a writer builds without a
 * check at each step and looks at the flag once at the end.
 */

/* Adds `item` to the object `obj` under `key`. */
void json_build_add(bool *failed, cJSON *obj, const char *key, cJSON *item);

/* Appends `item` to the array `array`. */
void json_build_push(bool *failed, cJSON *array, cJSON *item);

/* Returns `item`, setting `*failed` when it is NULL. */
cJSON *json_build_check(bool *failed, cJSON *item);

/*
 * One long array of a document, made as it is printed: item(ud, index,
 * failed) returns the array's item `index` (0, 1, 2, ... in turn), which the
 * printer takes, or NULL after the last; when it cannot make the item it
 * sets *failed.
 */
typedef struct {
    cJSON *array; /* an empty array within the document */
    cJSON *(*item)(void *ud, size_t index, bool *failed);
    void *ud;
} json_build_stream;

/*
 * Writes `root` and a newline to `out` as cJSON_Print formats it, the items
 * of each stream's array made, printed and freed one at a time, so that a
 * long array (a report's findings) is never in memory at once; with no
 * streams, the document as it is. Returns 0, or -1 when memory runs out, an
 * item cannot be made, or writing fails.
 */
int json_build_print(FILE *out, cJSON *root, const json_build_stream *streams, size_t count);

#endif
