#include "str_intern.h"

#include "arena.h"
#include "str_hash.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct str_intern {
    arena *strings;
    /* Open addressing over the copies, at most half full; NULL when empty. */
    const char **slots;
    size_t slot_count, count;
};

str_intern *str_intern_new(void)
{
    str_intern *set = calloc(1, sizeof(*set));
    if (set && !(set->strings = arena_new())) {
        free(set);
        return NULL;
    }
    return set;
}

void str_intern_free(str_intern *set)
{
    if (!set)
        return;
    arena_free(set->strings);
    free(set->slots);
    free(set);
}

/* The slot holding `s`, or the empty slot where it goes. */
static const char **slot_of(const str_intern *set, const char *s, size_t len, uint64_t h)
{
    size_t mask = set->slot_count - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        const char **slot = &set->slots[i];
        if (!*slot || (strncmp(*slot, s, len) == 0 && (*slot)[len] == '\0'))
            return slot;
    }
}

/* Keeps the table at most half full. Returns 0, or -1 when out of memory. */
static int grow(str_intern *set)
{
    if (set->slot_count && (set->count + 1) * 2 <= set->slot_count)
        return 0;
    size_t count = set->slot_count ? set->slot_count * 2 : 64;
    const char **slots = calloc(count, sizeof(*slots));
    if (!slots)
        return -1;
    const char **old = set->slots;
    size_t old_count = set->slot_count;
    set->slots = slots;
    set->slot_count = count;
    for (size_t i = 0; i < old_count; i++) {
        if (old[i]) {
            size_t len = strlen(old[i]);
            *slot_of(set, old[i], len, str_hash_add(STR_HASH_SEED, old[i], len)) = old[i];
        }
    }
    free(old);
    return 0;
}

const char *str_intern_add(str_intern *set, const char *s)
{
    if (grow(set) != 0)
        return NULL;
    size_t len = strlen(s);
    const char **slot = slot_of(set, s, len, str_hash_add(STR_HASH_SEED, s, len));
    if (!*slot) {
        if (!(*slot = arena_strndup(set->strings, s, len)))
            return NULL;
        set->count++;
    }
    return *slot;
}
