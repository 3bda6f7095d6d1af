#ifndef AZSCAN_JSON_VALUE_H
#define AZSCAN_JSON_VALUE_H

#include "eval.h"
#include "value.h"

#include <stddef.h>

/*
 * JSON text to model values and back, for ARM's json() and string(). Both
 * directions are bounded by the context's limits (nesting depth, string and
 * array length, work) and never recurse past max_depth.
 *
 * Every value built is at `at`. Results live in the context's arena; NULL is
 * returned only when out of memory.
 */

/*
 * Parses JSON text (RFC 8259, surrounding whitespace allowed). Invalid text
 * gives an unknown value and a warning naming the byte offset. A number with
 * a fraction or exponent, or an integer outside int64, becomes an unknown
 * value in place: the model has no floating point.
 */
az_value *az_json_parse(az_eval *ev, const char *text, size_t len, az_range at);

/*
 * The compact JSON text of `v` (no spaces, as ARM's string() writes it), as
 * a string value. Unknown when `v` is not known all through, with a warning
 * when a bound is reached.
 */
az_value *az_json_stringify(az_eval *ev, const az_value *v, az_range at);

#endif
