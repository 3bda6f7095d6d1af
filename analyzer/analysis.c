#include "analysis.h"

#include "syntax.h"

#include <stdio.h>
#include <stdlib.h>

struct analysis {
    source_file *source;
    TSTree *tree;
    diagnostic_list *diagnostics;
};

uint64_t analysis_timeout_micros(uint64_t option, uint64_t bytes)
{
    if (option != ANALYSIS_TIMEOUT_SCALED)
        return option;
    return ANALYSIS_TIMEOUT_BASE_MICROS + bytes / (1024 * 1024) * ANALYSIS_TIMEOUT_PER_MIB_MICROS;
}

static analysis_status finish(analysis *a, int nomem, analysis **out)
{
    if (nomem) {
        analysis_free(a);
        *out = NULL;
        return ANALYSIS_NOMEM;
    }
    *out = a;
    return diagnostic_list_count(a->diagnostics) ? ANALYSIS_FAILED : ANALYSIS_CLEAN;
}

analysis_status analysis_run(analysis **out, const char *path, language_id language,
                             const analysis_options *options)
{
    return analysis_run_from(out, NULL, path, language, options);
}

analysis_status analysis_run_from(analysis **out, const file_provider *files, const char *path,
                                  language_id language, const analysis_options *options)
{
    *out = NULL;
    analysis *a = calloc(1, sizeof(*a));
    if (!a)
        return ANALYSIS_NOMEM;
    a->diagnostics = diagnostic_list_new();
    if (!a->diagnostics)
        return finish(a, 1, out);

    char message[256];
    source_error err;
    source_status read = file_provider_read(files, path, &a->source, &err);
    if (read == SOURCE_ERR_NOMEM)
        return finish(a, 1, out);
    if (read != SOURCE_OK) {
        source_error_describe(&err, message, sizeof(message));
        const source_position *at = read == SOURCE_ERR_ENCODING ? &err.position : NULL;
        if (diagnostic_list_add(a->diagnostics, at, message) != 0)
            return finish(a, 1, out);
        finish(a, 0, out);
        return read == SOURCE_ERR_NOT_FOUND ? ANALYSIS_NOT_FOUND : ANALYSIS_FAILED;
    }

    uint64_t timeout =
        analysis_timeout_micros(options->parse_timeout_micros, source_file_length(a->source));
    const TSLanguage *grammar = language_grammar(language);
    switch (syntax_parse(&a->tree, a->source, grammar, timeout)) {
    case SYNTAX_OK:
        return finish(a, syntax_errors_collect(a->tree, a->source, a->diagnostics) != 0, out);
    case SYNTAX_TIMEOUT:
        snprintf(message, sizeof(message), "parsing timed out after %.3g s (see --timeout)",
                 (double)timeout / 1e6);
        break;
    case SYNTAX_INCOMPATIBLE:
        snprintf(message, sizeof(message),
                 "grammar ABI version %u is not supported by the tree-sitter runtime",
                 ts_language_version(grammar));
        break;
    }
    return finish(a, diagnostic_list_add(a->diagnostics, NULL, message) != 0, out);
}

void analysis_free(analysis *a)
{
    if (!a)
        return;
    if (a->tree)
        ts_tree_delete(a->tree);
    source_file_free(a->source);
    diagnostic_list_free(a->diagnostics);
    free(a);
}

const source_file *analysis_source(const analysis *a)
{
    return a->source;
}

const TSTree *analysis_tree(const analysis *a)
{
    return a->tree;
}

const diagnostic_list *analysis_diagnostics(const analysis *a)
{
    return a->diagnostics;
}

void analysis_take(analysis *a, source_file **source, TSTree **tree)
{
    *source = a->source;
    *tree = a->tree;
    a->source = NULL;
    a->tree = NULL;
}
