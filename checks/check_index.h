#ifndef AZSCAN_CHECK_INDEX_H
#define AZSCAN_CHECK_INDEX_H

#include "check.h"

#include <stddef.h>

/*
 * The registry's checks by what they run on: the resource checks of each
 * resource type, and the deployment checks. A scan visits each resource
 * once and runs only the checks of its type, instead of matching every
 * resource against every check's types.
 */
typedef struct check_index check_index;

/* The index of the registry, built on first use and kept for the process
 * (the registry never changes). Safe to call from several threads. NULL
 * when out of memory; a later call tries again. */
const check_index *check_index_get(void);

/* The resource checks that apply to `type` (matched ignoring case), in
 * registry order, each once; sets *count (0 for a type no check names). */
const az_check *const *check_index_resource_checks(const check_index *ix, const char *type,
                                                   size_t *count);

/* The deployment checks, in registry order; sets *count. */
const az_check *const *check_index_deployment_checks(const check_index *ix, size_t *count);

#endif
