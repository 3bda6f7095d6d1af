#include "diagnostic.h"

#include <stdlib.h>
#include <string.h>

struct diagnostic_list {
    diagnostic *items;
    size_t count;
    size_t capacity;
};

diagnostic_list *diagnostic_list_new(void)
{
    return calloc(1, sizeof(diagnostic_list));
}

void diagnostic_list_clear(diagnostic_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        free((char *)list->items[i].message);
    list->count = 0;
}

void diagnostic_list_free(diagnostic_list *list)
{
    if (!list)
        return;
    diagnostic_list_clear(list);
    free(list->items);
    free(list);
}

int diagnostic_list_add(diagnostic_list *list, const source_position *position, const char *message)
{
    if (list->count == list->capacity) {
        size_t capacity = list->capacity ? list->capacity * 2 : 8;
        diagnostic *items = realloc(list->items, capacity * sizeof(*items));
        if (!items)
            return -1;
        list->items = items;
        list->capacity = capacity;
    }

    size_t len = strlen(message);
    char *copy = malloc(len + 1);
    if (!copy)
        return -1;
    memcpy(copy, message, len + 1);

    diagnostic *d = &list->items[list->count++];
    d->has_position = position != NULL;
    d->position = position ? *position : (source_position){0, 0};
    d->message = copy;
    return 0;
}

size_t diagnostic_list_count(const diagnostic_list *list)
{
    return list->count;
}

const diagnostic *diagnostic_list_get(const diagnostic_list *list, size_t index)
{
    return index < list->count ? &list->items[index] : NULL;
}
