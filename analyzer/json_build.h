#ifndef AZSCAN_JSON_BUILD_H
#define AZSCAN_JSON_BUILD_H

#include <cjson/cJSON.h>
#include <stdbool.h>

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

#endif
