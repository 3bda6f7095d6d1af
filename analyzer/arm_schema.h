#ifndef AZSCAN_ARM_SCHEMA_H
#define AZSCAN_ARM_SCHEMA_H

#include <stddef.h>

/*
 * Tells ARM templates and parameter files from other JSON by the `$schema`
 * member of the top-level object, without parsing the file: a small, tolerant
 * scanner steps over whitespace, comments and the values of other members
 * (counting brackets, never recursing), so its cost is bounded by the input
 * length whatever the nesting.
 */

typedef enum {
    ARM_SCHEMA_TEMPLATE,   /* $schema ends in ...deploymentTemplate.json */
    ARM_SCHEMA_PARAMETERS, /* $schema ends in ...deploymentParameters.json */
    ARM_SCHEMA_OTHER,      /* $schema is something else, or not a string */
    ARM_SCHEMA_NONE,       /* the top-level object has no $schema member */
    ARM_SCHEMA_NOT_OBJECT, /* the document is not a JSON object */
    ARM_SCHEMA_TRUNCATED,  /* the input ended before $schema or the object's end */
} arm_schema_kind;

/*
 * Classifies the JSON text in `text[0, len)`, which may be a prefix of the
 * file and may start with a UTF-8 byte-order mark. The schema URL matches
 * case-insensitively, ignoring any #fragment, so that subscription-,
 * management-group- and tenant-scoped template schemas count as templates.
 */
arm_schema_kind arm_schema_sniff(const char *text, size_t len);

#endif
