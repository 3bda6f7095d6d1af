#ifndef AZSCAN_MODEL_JSON_H
#define AZSCAN_MODEL_JSON_H

#include "model.h"

/*
 * The model as JSON, for `azscan model` and for tests: every deployment
 * variant with its parameters, variables, resources, modules and outputs,
 * every value with its kind, origin and source ranges. The schema is
 * documented in docs/model.md. A secure value's content is never written.
 *
 * Returns a malloc'd, NUL-terminated string, or NULL when out of memory.
 */
char *az_model_to_json(const az_model *m);

#endif
