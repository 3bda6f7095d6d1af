#define _XOPEN_SOURCE 700 /* realpath */
#include "file_provider.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

static int disk_list(const char *dir, path_set *names)
{
    DIR *dh = opendir(*dir ? dir : "/");
    if (!dh)
        return 0;
    int rc = 0;
    struct dirent *de;
    while (rc == 0 && (de = readdir(dh)))
        if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
            rc = path_set_add(names, de->d_name);
    closedir(dh);
    return rc;
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

int file_provider_list(const file_provider *p, const char *dir, path_set *names)
{
    return p ? p->list(p, dir, names) : disk_list(dir, names);
}
