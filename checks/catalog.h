#ifndef AZSCAN_CATALOG_H
#define AZSCAN_CATALOG_H

/*
 * What a check's source file includes, and the declarations of every check
 * in the catalog. Adding a check: write checks/<category>/<name>.c with an
 * `az_check` named check_<name>, declare it here, list it in registry.c,
 * and add its fixtures in checks/<category>/<AZSnnn>/ (see
 * docs/writing-checks.md).
 */

#include "check.h"

#include <stdio.h>
#include <string.h>

extern const az_check check_public_network_access;

#endif
