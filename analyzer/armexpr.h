#ifndef AZSCAN_ARMEXPR_H
#define AZSCAN_ARMEXPR_H

#include "arena.h"
#include "eval.h"
#include "value.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * ARM template expressions: a JSON string "[...]" holding one expression
 * made of function calls (name(args), namespace.name(args)), member access
 * (.name), index access ([expr]), string literals ('it''s'), integers and
 * true / false / null.
 *
 * Parsing builds a tree in an arena; evaluation turns it into a model value
 * through the context (bounds, warnings) and an environment that answers
 * parameters(), variables() and copyIndex(). Every other function goes to
 * az_builtin_call. Nothing maps offsets to lines here: the caller gives the
 * range of the JSON string, which is the use site of every value made.
 */

/* Whether the string is an expression: it starts with '[' and ends with ']'
 * and does not start with "[[". */
bool armexpr_is_expression(const char *s, size_t len);

/* The literal text of a string that is not an expression: "[[x]" stands
 * for "[x]", anything else for itself. Points into `s`. */
const char *armexpr_literal(const char *s, size_t len, size_t *out_len);

typedef enum {
    ARMEXPR_NULL,
    ARMEXPR_BOOL,
    ARMEXPR_INT,
    ARMEXPR_STRING,
    ARMEXPR_CALL,   /* name(args) or namespace.name(args) */
    ARMEXPR_MEMBER, /* target.name */
    ARMEXPR_INDEX,  /* target[index] */
} armexpr_kind;

typedef struct armexpr armexpr;

/* A node; names and strings are NUL-terminated arena copies (strings with
 * their doubled quotes undone). `offset` and `length` give the node's bytes
 * within the expression text. */
struct armexpr {
    armexpr_kind kind;
    uint32_t offset, length;
    union {
        bool boolean;
        int64_t integer;
        struct {
            const char *ptr;
            uint32_t len;
        } string;
        struct {
            const char *ns; /* NULL unless namespace.name(...) */
            uint32_t ns_len;
            const char *name;
            uint32_t name_len;
            armexpr **args;
            uint32_t nargs;
        } call;
        struct {
            armexpr *target;
            const char *name;
            uint32_t name_len;
        } member;
        struct {
            armexpr *target;
            armexpr *index;
        } index;
    } u;
};

typedef struct {
    size_t offset;       /* byte offset of the error within the expression text */
    const char *message; /* static, e.g. "expected ')'" */
} armexpr_error;

/*
 * Parses the expression `s` (the whole "[...]" text). On error returns NULL
 * and describes it in `*err`; running out of memory is reported as the
 * error "out of memory". Trees are at most `max_depth` nodes high: deeper
 * nesting is an error found without deep recursion.
 */
armexpr *armexpr_parse(arena *a, const char *s, size_t len, uint32_t max_depth, armexpr_error *err);

/*
 * Answers to parameters('name'), variables('name') and copyIndex(): each
 * returns the value or NULL when it has none, which makes the result
 * unknown. `loop` is NULL for copyIndex() without a loop name; the answer is
 * the current index before any offset is added. A NULL callback answers
 * NULL. Values returned are not modified.
 */
typedef struct {
    az_value *(*parameter)(void *ud, const char *name, size_t len, az_range at);
    az_value *(*variable)(void *ud, const char *name, size_t len, az_range at);
    az_value *(*copy_index)(void *ud, const char *loop, size_t len, az_range at);
    void *ud;
} armexpr_env;

/* Evaluates a parsed expression; the result is at `at`. NULL only when out
 * of memory. */
az_value *armexpr_eval(az_eval *ev, const armexpr *expr, const armexpr_env *env, az_range at);

/*
 * The value of a JSON string from a template: its literal text when it is
 * not an expression, else the expression parsed (with the context's depth
 * limit) and evaluated. A syntax error gives an unknown value and a warning
 * "invalid template expression at offset N: message". NULL only when out of
 * memory.
 */
az_value *armexpr_eval_string(az_eval *ev, const char *s, size_t len, const armexpr_env *env,
                              az_range at);

#endif
