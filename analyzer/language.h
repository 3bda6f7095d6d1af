#ifndef AZSCAN_LANGUAGE_H
#define AZSCAN_LANGUAGE_H

#include <tree_sitter/api.h>

/*
 * The languages azscan parses and the tree-sitter grammar of each. Bicep
 * files and Bicep parameter files share one grammar; ARM templates and
 * parameter files share the other.
 */
typedef enum {
    LANGUAGE_NONE,
    LANGUAGE_BICEP,   /* .bicep, .bicepparam */
    LANGUAGE_ARMJSON, /* .json, .jsonc */
} language_id;

/* The language a path's extension (compared case-insensitively) selects. */
language_id language_for_path(const char *path);

/* Whether the path names a Bicep parameters file (.bicepparam). */
int language_path_is_bicepparam(const char *path);

/* The grammar of a language other than LANGUAGE_NONE. Static; never freed. */
const TSLanguage *language_grammar(language_id id);

#endif
