#ifndef AZSCAN_FILE_PROVIDER_H
#define AZSCAN_FILE_PROVIDER_H

#include "path_set.h"
#include "source.h"

#include <stddef.h>

/*
 * Where the files of a scan are read from: the disk, or, in git modes, the
 * index or a commit's tree (git_files.h). Everything that reads a template,
 * a parameter file or a module goes through a provider, so that a staged
 * scan sees the staged bytes of every file it touches.
 *
 * Paths are absolute or relative to the working directory, as for open(2).
 * A NULL provider is the disk. Providers are immutable once made and are
 * borrowed by whoever uses them.
 */

typedef struct file_provider file_provider;

struct file_provider {
    /* The bytes of a regular file, malloc'd (one more byte than `*len`, so
     * that an empty file has a buffer), unchecked. Fails as
     * source_file_read does on missing, unreadable, irregular and too
     * large files. */
    source_status (*load)(const file_provider *p, const char *path, char **data, size_t *len,
                          source_error *err);
    /* As realpath(3): a malloc'd canonical absolute path of an existing file
     * or directory, or NULL (errno ENOENT for a missing one, ENOMEM). */
    char *(*resolve)(const file_provider *p, const char *path);
    /* Adds the names in directory `dir` to `names`, each once, unsorted.
     * A missing directory has none. Returns 0, or -1 when out of memory. */
    int (*list)(const file_provider *p, const char *dir, path_set *names);
};

/* As source_file_read. */
source_status file_provider_read(const file_provider *p, const char *path, source_file **out,
                                 source_error *err);
/* The raw bytes, as `load` gives them: for a quick look at many files. */
source_status file_provider_load(const file_provider *p, const char *path, char **data, size_t *len,
                                 source_error *err);
char *file_provider_resolve(const file_provider *p, const char *path);
int file_provider_list(const file_provider *p, const char *dir, path_set *names);

/*
 * A provider that passes everything to `base` (NULL: the disk), borrowed,
 * but answers `resolve` and `list` from a memo of recent answers where it
 * can. A scan resolves the same module paths for template after template,
 * and each realpath(3) costs a system call per path component: on the disk,
 * the memo resolves a path's directory through itself, and looks only at
 * the last name. A scan also lists a template's directory for its parameter
 * files, once for every template the directory holds. Files do not change
 * during a scan, so a remembered answer stays true. Failures are not
 * remembered, so that they are tried again and say why: a path that does
 * not resolve, and a directory the disk could not open or read to its end.
 * The memo holds a fixed number of answers and of listings (each of a
 * bounded size), so its memory does not grow with the files scanned. Safe
 * to use from several threads at once. Returns NULL when out of memory.
 */
file_provider *file_provider_memo_new(const file_provider *base);

/* Accepts NULL. */
void file_provider_memo_free(file_provider *p);

#endif
