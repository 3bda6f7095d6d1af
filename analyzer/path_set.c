#include "path_set.h"

#include <stdlib.h>
#include <string.h>

struct path_set {
    char **paths;
    size_t count, cap;
};

path_set *path_set_new(void)
{
    return calloc(1, sizeof(path_set));
}

void path_set_free(path_set *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->count; i++)
        free(s->paths[i]);
    free(s->paths);
    free(s);
}

int path_set_add(path_set *s, const char *path)
{
    return path_set_add_len(s, path, strlen(path));
}

int path_set_add_len(path_set *s, const char *path, size_t len)
{
    if (s->count == s->cap) {
        size_t next = s->cap ? s->cap * 2 : 16;
        char **grown = realloc(s->paths, next * sizeof(*grown));
        if (!grown)
            return -1;
        s->paths = grown;
        s->cap = next;
    }
    if (!(s->paths[s->count] = strndup(path, len)))
        return -1;
    s->count++;
    return 0;
}

static int compare_paths(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void path_set_sort(path_set *s)
{
    if (s->count < 2)
        return;
    qsort(s->paths, s->count, sizeof(*s->paths), compare_paths);
    size_t kept = 1;
    for (size_t i = 1; i < s->count; i++) {
        if (strcmp(s->paths[i], s->paths[kept - 1]) == 0)
            free(s->paths[i]);
        else
            s->paths[kept++] = s->paths[i];
    }
    s->count = kept;
}

size_t path_set_count(const path_set *s)
{
    return s->count;
}

const char *path_set_get(const path_set *s, size_t index)
{
    return index < s->count ? s->paths[index] : NULL;
}

bool path_set_has(const path_set *s, const char *path)
{
    const char *key = path;
    return s->count && bsearch(&key, s->paths, s->count, sizeof(*s->paths), compare_paths);
}

char **path_set_items(const path_set *s)
{
    return s->paths;
}
