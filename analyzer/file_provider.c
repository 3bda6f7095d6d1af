#define _XOPEN_SOURCE 700 /* realpath */
#include "file_provider.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

static int disk_list(const char *dir, char ***names, size_t *count)
{
    *names = NULL;
    *count = 0;
    DIR *dh = opendir(*dir ? dir : "/");
    if (!dh)
        return 0;
    char **list = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    struct dirent *de;
    while ((de = readdir(dh))) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            char **grown = realloc(list, cap * sizeof(*grown));
            if (!grown) {
                rc = -1;
                break;
            }
            list = grown;
        }
        if (!(list[n] = strdup(de->d_name))) {
            rc = -1;
            break;
        }
        n++;
    }
    closedir(dh);
    if (rc) {
        file_provider_names_free(list, n);
        return -1;
    }
    *names = list;
    *count = n;
    return 0;
}

source_status file_provider_read(const file_provider *p, const char *path, source_file **out,
                                 source_error *err)
{
    *out = NULL;
    if (!p)
        return source_file_read(out, path, err);
    char *data;
    size_t len;
    source_status status = p->load(p, path, &data, &len, err);
    return status == SOURCE_OK ? source_file_adopt(out, data, len, err) : status;
}

source_status file_provider_load(const file_provider *p, const char *path, char **data, size_t *len,
                                 source_error *err)
{
    *data = NULL;
    *len = 0;
    if (p)
        return p->load(p, path, data, len, err);
    return source_file_load(path, data, len, err);
}

char *file_provider_resolve(const file_provider *p, const char *path)
{
    return p ? p->resolve(p, path) : realpath(path, NULL);
}

int file_provider_list(const file_provider *p, const char *dir, char ***names, size_t *count)
{
    return p ? p->list(p, dir, names, count) : disk_list(dir, names, count);
}

void file_provider_names_free(char **names, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(names[i]);
    free(names);
}
