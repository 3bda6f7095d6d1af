#ifndef AZSCAN_IDENTITY_COMMON_H
#define AZSCAN_IDENTITY_COMMON_H

/*
 * Helpers shared by the identity checks (checks/identity/): finding a
 * property key anywhere in a body, and relating child resources to their
 * parents within one deployment.
 */

#include "../catalog.h"

/*
 * The first member named `key` (ignoring case) found anywhere in `v`,
 * depth first in source order, whose value is not null; NULL when there is
 * none. A present key whose value is unknown is returned: the key being
 * there is what counts. `*saw_unknown` (may be NULL) is set when the search
 * met an unknown value it could not look inside.
 */
const az_member *identity_find_key(const az_value *v, const char *key, bool *saw_unknown);

/* Whether `child` is declared as a child of `parent`: through its parent
 * link, or by its full name starting with the parent's name and a '/'. */
bool identity_is_child_of(const az_resource *child, const az_resource *parent);

/* The last '/'-separated segment of a known string, or NULL. */
const char *identity_last_segment(const az_value *v, size_t *len);

#endif
