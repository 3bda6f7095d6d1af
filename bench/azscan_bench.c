/*
 * The stages under a scan, one at a time, over the files a scan of PATH
 * would take: `read` reads and checks each file (as a scan does before
 * parsing), `parse` also parses it with tree-sitter and frees the tree.
 * Prints one line: the files, their bytes, and the files that could not be
 * read or parsed. bench/scan-bench times it.
 *
 *   azscan-bench read|parse PATH...
 */
#include "discover.h"
#include "language.h"
#include "source.h"
#include "syntax.h"

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc < 3 || (strcmp(argv[1], "read") != 0 && strcmp(argv[1], "parse") != 0)) {
        fprintf(stderr, "usage: azscan-bench read|parse PATH...\n");
        return 2;
    }
    int parse = strcmp(argv[1], "parse") == 0;
    discover_result *found;
    if (discover_paths(&found, (const char *const *)argv + 2, (size_t)argc - 2) != 0) {
        fprintf(stderr, "azscan-bench: out of memory\n");
        return 1;
    }
    unsigned long long bytes = 0;
    size_t files = discover_result_entry_count(found), failed = 0;
    for (size_t i = 0; i < files; i++) {
        const char *path = discover_result_entry(found, i)->disk_path;
        source_file *src;
        if (source_file_read(&src, path, NULL) != SOURCE_OK) {
            failed++;
            continue;
        }
        bytes += source_file_length(src);
        TSTree *tree = NULL;
        /* No timeout: this measures the parser, not the limit. */
        if (parse &&
            syntax_parse(&tree, src, language_grammar(language_for_path(path)), 0) != SYNTAX_OK)
            failed++;
        if (tree)
            ts_tree_delete(tree);
        source_file_free(src);
    }
    discover_result_free(found);
    printf("%zu files %llu bytes %zu failed\n", files, bytes, failed);
    return 0;
}
