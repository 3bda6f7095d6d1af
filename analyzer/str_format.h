#ifndef AZSCAN_STR_FORMAT_H
#define AZSCAN_STR_FORMAT_H

#include <stdarg.h>

/* printf into a new malloc'd string, owned by the caller; NULL when out of
 * memory or the format fails. */
char *str_format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *str_vformat(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

#endif
