#ifndef AZSCAN_MODEL_DIFF_H
#define AZSCAN_MODEL_DIFF_H

#include "model.h"

/*
 * Comparing the resources of two deployments, for the tests that hold a
 * Bicep template and its ARM twin to the same model, and for measuring that
 * agreement over a corpus.
 *
 * Resources are paired by type and known name, else by symbolic name, else
 * by position. An `existing` resource without a partner is no difference:
 * ARM languageVersion 1.0 does not declare existing resources at all. Symbols
 * compare by their last "::" part. For each pair the type, symbolic name (when both have one),
 * existing flag, condition and loop are compared, and so is every property
 * of the body whose value both sides know: an unknown on either side is no
 * disagreement. Source ranges and origins are ignored.
 */

typedef enum {
    MODEL_DIFF_MISSING, /* a resource on one side only */
    MODEL_DIFF_TYPE,
    MODEL_DIFF_SYMBOL,
    MODEL_DIFF_EXISTING,
    MODEL_DIFF_CONDITION,
    MODEL_DIFF_LOOP,
    MODEL_DIFF_PROPERTY, /* a known value differs */
    MODEL_DIFF_ABSENT,   /* a known value on one side, nothing on the other */
} model_diff_kind;

typedef struct {
    model_diff_kind kind;
    const az_resource *left, *right; /* one may be NULL for MODEL_DIFF_MISSING */
    const char *path;                /* the property path, for PROPERTY and ABSENT */
} model_difference;

/* Called once per difference; return non-zero to stop. `d->path` lives only
 * during the call. */
typedef int (*model_diff_fn)(const model_difference *d, void *ud);

/* Returns the number of differences reported, or -1 when out of memory. */
int model_diff_deployments(const az_deployment *left, const az_deployment *right, model_diff_fn fn,
                           void *ud);

/* "missing", "type", "symbol", ... */
const char *model_diff_kind_name(model_diff_kind kind);

#endif
