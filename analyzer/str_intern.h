#ifndef AZSCAN_STR_INTERN_H
#define AZSCAN_STR_INTERN_H

/*
 * A set of strings that keeps each distinct string once. Results repeat
 * the same few strings many times over (a finding's file, resource type,
 * property, and often its whole message): keeping one copy of each is most
 * of what they weigh.
 *
 * The set owns its copies; they live until str_intern_free.
 */

typedef struct str_intern str_intern;

/* Returns NULL when out of memory. */
str_intern *str_intern_new(void);

/* Frees the set and every copy it handed out. Accepts NULL. */
void str_intern_free(str_intern *set);

/* The set's copy of `s` (not NULL), made on first sight; NULL when out of
 * memory. */
const char *str_intern_add(str_intern *set, const char *s);

#endif
