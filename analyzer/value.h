#ifndef AZSCAN_VALUE_H
#define AZSCAN_VALUE_H

#include "arena.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * The values of the resource model, as evaluated from Bicep or ARM JSON.
 *
 * A value is known (null, bool, int, string, array, object), unknown (it
 * depends on something not known before deployment), or absent (nothing is
 * there). An unknown value is never turned into a known one.
 *
 * Every value records where it stands in the source (its use site) and, when
 * it came through a parameter, variable or module argument, where it was
 * defined. Values live in an arena and are immutable once built: sharing a
 * value between two places is done by az_value_relocate, which copies the
 * node (not its children) with a new use site.
 */

typedef enum {
    AZ_ABSENT = 0,
    AZ_UNKNOWN,
    AZ_NULL,
    AZ_BOOL,
    AZ_INT,
    AZ_STRING,
    AZ_ARRAY,
    AZ_OBJECT,
} az_kind;

typedef enum {
    AZ_ORIGIN_LITERAL = 0,
    AZ_ORIGIN_PARAMETER_DEFAULT,
    AZ_ORIGIN_PARAMETER_FILE,
    AZ_ORIGIN_VARIABLE,
    AZ_ORIGIN_MODULE_ARGUMENT,
    AZ_ORIGIN_EXPRESSION,
} az_origin;

/* A span of source text. `file` indexes the model's file table; lines and
 * columns are 1-based, columns in code points; the end is exclusive. A range
 * with line 0 is empty (no position known). */
typedef struct {
    uint32_t file;
    uint32_t start_line, start_column;
    uint32_t end_line, end_column;
} az_range;

/* Whether two ranges are the same place: file, start and end. */
bool az_range_same(az_range x, az_range y);

/* The value came from a @secure() parameter or a securestring/secureObject:
 * it must never be printed. */
#define AZ_VALUE_SECURE 0x1u

typedef struct az_value az_value;

typedef struct {
    const char *key; /* NUL-terminated, arena-owned */
    uint32_t key_len;
    az_range key_range;
    az_value *value;
} az_member;

struct az_value {
    az_kind kind;
    az_origin origin;
    uint32_t flags;  /* AZ_VALUE_* */
    az_range range;  /* the use site */
    az_range def;    /* the defining site when origin is not LITERAL or EXPRESSION */
    const char *via; /* the parameter, variable or argument name it came through, or NULL */
    union {
        bool boolean;
        int64_t integer;
        struct {
            const char *ptr; /* NUL-terminated; may also contain NULs */
            uint32_t len;
        } string;
        struct {
            az_value **items;
            uint32_t count;
        } array;
        struct {
            az_member *members; /* in source order; keys are unique, ignoring case */
            uint32_t count;
        } object;
        struct {
            const char *reason; /* why it is unknown, e.g. "reference()"; never NULL */
        } unknown;
    } u;
};

/* Constructors. Each allocates in `a` and returns NULL when out of memory.
 * The range is the use site; origin starts as AZ_ORIGIN_LITERAL. */
az_value *az_value_absent(arena *a, az_range range);
az_value *az_value_unknown(arena *a, az_range range, const char *reason);
az_value *az_value_null(arena *a, az_range range);
az_value *az_value_bool(arena *a, az_range range, bool b);
az_value *az_value_int(arena *a, az_range range, int64_t i);
/* Copies `len` bytes. */
az_value *az_value_string(arena *a, az_range range, const char *s, size_t len);
/* Takes `s`, `len` bytes already in `a` and NUL-terminated, as it is. */
az_value *az_value_string_adopt(arena *a, az_range range, const char *s, size_t len);
/* Takes `items` (arena-allocated, `count` elements) as it is. */
az_value *az_value_array(arena *a, az_range range, az_value **items, uint32_t count);
/* Takes `members` as it is; a later duplicate key (ignoring case) replaces the earlier one. */
az_value *az_value_object(arena *a, az_range range, az_member *members, uint32_t count);

/* Incremental construction, for when the count is not known in advance:
 * zero-initialise a builder with its arena, add, then finish. Growth copies
 * within the arena (amortised doubling). Add returns false when out of
 * memory or past UINT32_MAX elements; finish then returns NULL. */
typedef struct {
    arena *a;
    az_value **items;
    uint32_t count, capacity;
    bool failed;
} az_array_builder;

bool az_array_builder_add(az_array_builder *b, az_value *item);
az_value *az_array_builder_finish(az_array_builder *b, az_range range);

typedef struct {
    arena *a;
    az_member *members;
    uint32_t count, capacity;
    bool failed;
} az_object_builder;

/* Copies the key. */
bool az_object_builder_add(az_object_builder *b, const char *key, size_t key_len,
                           az_range key_range, az_value *value);
/* As az_value_object: a later duplicate key replaces the earlier one. */
az_value *az_object_builder_finish(az_object_builder *b, az_range range);

/* A shallow copy of `v` with a new use site (children are shared). */
az_value *az_value_relocate(arena *a, const az_value *v, az_range range);

/* A shallow copy of `v` marked as having come through `via`, defined at `def`. */
az_value *az_value_through(arena *a, const az_value *v, az_origin origin, const char *via,
                           az_range def, az_range use);

/* The member named `key` (ignoring ASCII case), or NULL. `v` may be NULL or
 * of any kind. */
const az_member *az_value_member(const az_value *v, const char *key, size_t key_len);

/* Whether two values are equal as ARM compares them: strings ignoring case
 * when `fold_case`, arrays and objects deeply. Unknown and absent values are
 * never equal to anything. */
bool az_value_equal(const az_value *x, const az_value *y, bool fold_case);

/* Values nested deeper than this are never compared as equal (the
 * comparison recurses). */
#define AZ_VALUE_MAX_DEPTH 512

typedef enum {
    AZ_UNEQUAL = 0,
    AZ_EQUAL,
    AZ_EQUAL_UNKNOWN, /* depends on an unknown or absent value, or nesting too deep */
} az_equality;

/* Like az_value_equal, but tells "unequal" from "cannot say": [1, x] and
 * [2, x] are unequal whatever x is, [1, x] and [1, 2] are not known to be. */
az_equality az_value_compare(const az_value *x, const az_value *y, bool fold_case);

/* Whether two values are both null, or booleans, integers or strings with
 * the same content (strings byte for byte). False for any other kind. */
bool az_value_scalar_same(const az_value *x, const az_value *y);

/* Whether two values are the same in everything a reader of the model can
 * tell: kinds, contents (strings byte for byte), flags, origins, `via` names,
 * use and defining sites, all through. Not ARM's equality: an unknown value
 * is identical to one with the same reason and sites. Values nested deeper
 * than AZ_VALUE_MAX_DEPTH are identical only to themselves. Either may be
 * NULL. */
bool az_value_identical(const az_value *x, const az_value *y);

/* NULL when `v` is known all through; otherwise why not: the reason of the
 * first unknown value inside it, "absent value", or "value nested too deeply"
 * past AZ_VALUE_MAX_DEPTH. */
const char *az_value_unknown_reason(const az_value *v);

/* The kind's lower-case name: "absent", "unknown", "null", "bool", ... */
const char *az_kind_name(az_kind kind);

/* "literal", "parameter default", "parameter file", "variable", "module argument", "expression" */
const char *az_origin_name(az_origin origin);

#endif
