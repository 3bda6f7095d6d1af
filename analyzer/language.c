#include "language.h"

#include <stddef.h>
#include <string.h>
#include <strings.h>

const TSLanguage *tree_sitter_bicep(void);
const TSLanguage *tree_sitter_armjson(void);

static int has_extension(const char *path, const char *ext)
{
    size_t len = strlen(path), ext_len = strlen(ext);
    return len > ext_len && strcasecmp(path + len - ext_len, ext) == 0;
}

language_id language_for_path(const char *path)
{
    if (has_extension(path, ".bicep") || has_extension(path, ".bicepparam"))
        return LANGUAGE_BICEP;
    if (has_extension(path, ".json") || has_extension(path, ".jsonc"))
        return LANGUAGE_ARMJSON;
    return LANGUAGE_NONE;
}

int language_path_is_bicepparam(const char *path)
{
    return has_extension(path, ".bicepparam");
}

const TSLanguage *language_grammar(language_id id)
{
    switch (id) {
    case LANGUAGE_BICEP:
        return tree_sitter_bicep();
    case LANGUAGE_ARMJSON:
        return tree_sitter_armjson();
    case LANGUAGE_NONE:
        break;
    }
    return NULL;
}
