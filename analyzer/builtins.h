#ifndef AZSCAN_BUILTINS_H
#define AZSCAN_BUILTINS_H

#include "eval.h"
#include "value.h"

#include <stdbool.h>
#include <stddef.h>

/*
 * The ARM template function library, shared by the ARM expression evaluator
 * and the Bicep evaluator (whose functions are the same).
 *
 * Function names match ignoring ASCII case. Arguments are already
 * evaluated. The result is at `at` (the call's use site) with origin
 * AZ_ORIGIN_EXPRESSION, except where the function passes one of its
 * arguments through (if, coalesce, first, last, string of a string, array
 * of an array...): that value keeps its origin, definition site and `via`,
 * so provenance survives. A result is marked AZ_VALUE_SECURE when any
 * argument it was computed from is.
 *
 * Nothing here guesses. An unknown argument makes the result unknown unless
 * the function's meaning decides it anyway (if with a known condition, and /
 * or with a known false / true, coalesce before the first unknown, length of
 * an array with unknown items...). Functions whose results exist only at
 * deployment (reference, list*, utcNow, newGuid, pickZones...) give unknown
 * with the function's name as the reason; functions not evaluated at all
 * give unknown with the reason "function 'x' is not evaluated". Type errors
 * and bad arguments give unknown and a warning; bounds give unknown and a
 * bound warning (see eval.h).
 *
 * Deployment-scope functions use fixed placeholders: subscription
 * AZ_PLACEHOLDER_SUBSCRIPTION_ID, resource group AZ_PLACEHOLDER_RESOURCE_GROUP.
 * uniqueString and guid hash their arguments (FNV-1a), so equal arguments
 * give equal placeholders within a scan, but not Azure's values.
 */

#define AZ_PLACEHOLDER_SUBSCRIPTION_ID "00000000-0000-0000-0000-000000000000"
#define AZ_PLACEHOLDER_TENANT_ID "00000000-0000-0000-0000-000000000000"
#define AZ_PLACEHOLDER_RESOURCE_GROUP "resourceGroupName"
#define AZ_PLACEHOLDER_MANAGEMENT_GROUP "managementGroupName"
#define AZ_PLACEHOLDER_DEPLOYMENT "deploymentName"

/* Calls the function `name`; `args` has `nargs` non-NULL values. NULL only
 * when out of memory. */
az_value *az_builtin_call(az_eval *ev, const char *name, size_t name_len, az_value **args,
                          size_t nargs, az_range at);

/* Whether `name` is an ARM template function this library knows, evaluated
 * or deliberately left unknown (list* counts). */
bool az_builtin_exists(const char *name, size_t name_len);

#endif
