#ifndef AZSCAN_EVAL_H
#define AZSCAN_EVAL_H

#include "arena.h"
#include "value.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * The evaluation context shared by the ARM and Bicep evaluators: the bounds
 * on evaluation, a work budget, a recursion depth counter and the warnings
 * raised on the way.
 *
 * A template is hostile input. Whenever it would take evaluation past a
 * bound, the value concerned becomes unknown, a warning names the bound and
 * the scan goes on. Once the work budget is spent every further evaluation
 * gives unknown at once, with a single warning.
 *
 * An az_eval owns none of the values: they, and the warnings' messages, live
 * in the arena it was given, which must outlive it.
 */

typedef struct {
    uint32_t max_string_length; /* bytes in one string value */
    uint32_t max_array_length;  /* items in one array, members in one object */
    uint32_t max_loop_count;    /* iterations of one copy loop, for loop or range() */
    uint32_t max_depth;         /* nesting of expressions and values being evaluated */
    uint32_t max_module_depth;  /* modules within modules */
    uint64_t max_work;          /* work units for one file, see az_eval_spend */
    uint32_t max_warnings;      /* warnings kept; one more says the rest were dropped */
} az_limits;

/* 1 MiB, 100,000, 10,000, 256, 16, 20,000,000, 1,000. */
az_limits az_limits_default(void);

typedef struct az_eval az_eval;

/* `limits` is copied; NULL means az_limits_default(). NULL when out of memory. */
az_eval *az_eval_new(arena *a, const az_limits *limits);

/* Accepts NULL. Leaves the arena and everything in it alone. */
void az_eval_free(az_eval *ev);

arena *az_eval_arena(const az_eval *ev);
const az_limits *az_eval_limits(const az_eval *ev);

/* --- Warnings ------------------------------------------------------------ */

typedef struct {
    az_range range;
    const char *message; /* arena-owned */
} az_warning;

size_t az_eval_warning_count(const az_eval *ev);

/* The warning at `index` in the order added, or NULL past the end. */
const az_warning *az_eval_warning(const az_eval *ev, size_t index);

/* Adds a warning formatted as printf does. Messages must never quote a
 * value, which may be a secret; names and numbers only. */
void az_eval_warn(az_eval *ev, az_range at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * Code that never runs (a resource or module whose condition is false) is
 * still modelled, but the type errors it meets, such as split() of a null
 * optional parameter that the condition guards, are not the template's
 * problem: between enter and leave, az_eval_warn and az_eval_error add no
 * warning. Bounds still warn. Calls nest.
 */
void az_eval_quiet_enter(az_eval *ev);
void az_eval_quiet_leave(az_eval *ev);

/* Whether `condition` is known to be false: what it guards never runs. */
bool az_condition_false(const az_value *condition);

/* --- Unknown results ----------------------------------------------------- */

/* An unknown value at `at` with a formatted reason and no warning. NULL only
 * when out of memory. */
az_value *az_eval_unknown(az_eval *ev, az_range at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A bound was reached: warns "evaluation bound reached: <what>; value
 * treated as unknown" and returns an unknown value whose reason is <what>. */
az_value *az_eval_bound(az_eval *ev, az_range at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The template is wrong (a type error, a bad argument): warns with the
 * formatted message and returns an unknown value with it as the reason. */
az_value *az_eval_error(az_eval *ev, az_range at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* --- Budgets ------------------------------------------------------------- */

/*
 * Takes `units` from the work budget. Returns false once the budget is spent
 * (warning once, at the first use site past it). One unit is roughly one
 * node visited, one item or member built, or eight bytes of string built.
 */
bool az_eval_spend(az_eval *ev, uint64_t units, az_range at);

/* Whether the work budget is spent. */
bool az_eval_exhausted(const az_eval *ev);
uint64_t az_eval_work(const az_eval *ev);

/*
 * Bounded recursion: every recursive step of an evaluator calls enter
 * before descending and leave after. Enter returns false, with a warning,
 * when max_depth is reached; the caller must then not descend, must not call
 * leave, and should give an unknown value.
 */
bool az_eval_enter(az_eval *ev, az_range at);
void az_eval_leave(az_eval *ev);
uint32_t az_eval_depth(const az_eval *ev);

/* The same for modules within modules, against max_module_depth. */
bool az_eval_enter_module(az_eval *ev, az_range at);
void az_eval_leave_module(az_eval *ev);

/* --- Repeating an evaluation ---------------------------------------------- */

/*
 * Where an evaluation stands: the work spent, the warnings added and the
 * bounds reached so far, and the state that what it evaluates next reads
 * (its depths, and whether it is quiet). Evaluating the same thing again
 * from the same state spends the same work and adds the same warnings,
 * unless a bound was or would be reached: the budget or the warning limit
 * may have run out in between.
 */
typedef struct {
    uint64_t work;
    size_t warning_count;
    uint64_t bounds_reached; /* warnings dropped included */
    uint32_t depth, module_depth;
    bool quiet;
} az_eval_mark;

az_eval_mark az_eval_mark_now(const az_eval *ev);

/* Whether a bound was reached (or the budget was found spent) since `mark`. */
bool az_eval_bounded_since(const az_eval *ev, az_eval_mark mark);

/*
 * Stands for evaluating again what was evaluated from `from` to `to`, which
 * reached no bound: spends the same work and adds the same warnings once
 * more. Returns false, changing nothing, when the state now is not the
 * state at `from`, or when repeating would reach a bound now.
 */
bool az_eval_repeat(az_eval *ev, az_eval_mark from, az_eval_mark to);

/* Whether a string of `len` bytes, an array of `count` items and a loop of
 * `count` iterations are within bounds. When not, each warns as az_eval_bound
 * does, naming `what` (e.g. "concat() result") and the bound; the caller then
 * gives an unknown value. */
bool az_eval_check_string(az_eval *ev, az_range at, const char *what, uint64_t len);
bool az_eval_check_array(az_eval *ev, az_range at, const char *what, uint64_t count);
bool az_eval_check_loop(az_eval *ev, az_range at, const char *what, uint64_t count);

#endif
