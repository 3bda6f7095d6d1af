#ifndef AZSCAN_CATALOG_H
#define AZSCAN_CATALOG_H

/*
 * What a check's source file includes, and the catalog's index: one
 * NULL-terminated list of checks per category, each defined in that
 * category's index.c in id order. Adding a check: write
 * checks/<category>/<name>.c defining `const az_check check_<name>`, list
 * it in checks/<category>/index.c, and add its fixtures in
 * checks/<category>/<AZSnnn>/ (see docs/writing-checks.md).
 */

#include "check.h"

#include <stdio.h>
#include <string.h>

extern const az_check *const catalog_identity[];
extern const az_check *const catalog_network[];
extern const az_check *const catalog_encryption[];
extern const az_check *const catalog_secrets[];
extern const az_check *const catalog_monitoring[];
extern const az_check *const catalog_governance[];

#endif
