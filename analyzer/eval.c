#include "eval.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct az_eval {
    arena *arena;
    az_limits limits;
    az_warning *warnings; /* in the arena; grown by doubling */
    size_t warning_count, warning_capacity;
    bool warnings_dropped;
    uint64_t work;
    bool exhausted;
    uint32_t depth, module_depth;
    uint32_t quiet;          /* az_eval_quiet_enter nesting */
    uint64_t bounds_reached; /* see az_eval_mark */
};

az_limits az_limits_default(void)
{
    return (az_limits){
        .max_string_length = 1024 * 1024,
        .max_array_length = 100000,
        .max_loop_count = 10000,
        .max_depth = 256,
        .max_module_depth = 16,
        .max_work = 20000000,
        .max_warnings = 1000,
    };
}

az_eval *az_eval_new(arena *a, const az_limits *limits)
{
    az_eval *ev = calloc(1, sizeof(*ev));
    if (!ev)
        return NULL;
    ev->arena = a;
    ev->limits = limits ? *limits : az_limits_default();
    return ev;
}

void az_eval_free(az_eval *ev)
{
    free(ev);
}

arena *az_eval_arena(const az_eval *ev)
{
    return ev->arena;
}

const az_limits *az_eval_limits(const az_eval *ev)
{
    return &ev->limits;
}

size_t az_eval_warning_count(const az_eval *ev)
{
    return ev->warning_count;
}

const az_warning *az_eval_warning(const az_eval *ev, size_t index)
{
    return index < ev->warning_count ? &ev->warnings[index] : NULL;
}

static void warning_add(az_eval *ev, az_range at, const char *message)
{
    if (!message)
        return;
    if (ev->warning_count == ev->warning_capacity) {
        size_t capacity = ev->warning_capacity ? ev->warning_capacity * 2 : 16;
        az_warning *w = arena_calloc(ev->arena, capacity, sizeof(*w));
        if (!w)
            return;
        if (ev->warning_count)
            memcpy(w, ev->warnings, ev->warning_count * sizeof(*w));
        ev->warnings = w;
        ev->warning_capacity = capacity;
    }
    ev->warnings[ev->warning_count++] = (az_warning){at, message};
}

static char *vformat(arena *a, const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    char *p = n < 0 ? NULL : arena_alloc(a, (size_t)n + 1);
    if (p)
        vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

/* Whether there is room for one more warning; the first refusal leaves a
 * last warning saying that the rest are dropped. */
static bool warning_room(az_eval *ev, az_range at)
{
    if (ev->warning_count < ev->limits.max_warnings)
        return true;
    ev->bounds_reached++;
    if (!ev->warnings_dropped) {
        ev->warnings_dropped = true;
        warning_add(ev, at,
                    arena_printf(ev->arena,
                                 "evaluation bound reached: more than %" PRIu32
                                 " warnings; further warnings dropped",
                                 ev->limits.max_warnings));
    }
    return false;
}

void az_eval_quiet_enter(az_eval *ev)
{
    ev->quiet++;
}

void az_eval_quiet_leave(az_eval *ev)
{
    if (ev->quiet)
        ev->quiet--;
}

bool az_condition_false(const az_value *condition)
{
    return condition && condition->kind == AZ_BOOL && !condition->u.boolean;
}

void az_eval_warn(az_eval *ev, az_range at, const char *fmt, ...)
{
    if (ev->quiet || !warning_room(ev, at))
        return;
    va_list ap;
    va_start(ap, fmt);
    warning_add(ev, at, vformat(ev->arena, fmt, ap));
    va_end(ap);
}

az_value *az_eval_unknown(az_eval *ev, az_range at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *reason = vformat(ev->arena, fmt, ap);
    va_end(ap);
    return reason ? az_value_unknown(ev->arena, at, reason) : NULL;
}

#define BOUND_PREFIX "evaluation bound reached: "
#define BOUND_SUFFIX "; value treated as unknown"

az_value *az_eval_bound(az_eval *ev, az_range at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *what = vformat(ev->arena, fmt, ap);
    va_end(ap);
    if (!what)
        return NULL;
    ev->bounds_reached++;
    if (warning_room(ev, at))
        warning_add(ev, at, arena_printf(ev->arena, BOUND_PREFIX "%s" BOUND_SUFFIX, what));
    return az_value_unknown(ev->arena, at, what);
}

az_value *az_eval_error(az_eval *ev, az_range at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *message = vformat(ev->arena, fmt, ap);
    va_end(ap);
    if (!message)
        return NULL;
    if (!ev->quiet && warning_room(ev, at))
        warning_add(ev, at, message);
    return az_value_unknown(ev->arena, at, message);
}

bool az_eval_spend(az_eval *ev, uint64_t units, az_range at)
{
    if (ev->exhausted) {
        ev->bounds_reached++;
        return false;
    }
    if (units > ev->limits.max_work - ev->work) {
        ev->exhausted = true;
        ev->bounds_reached++;
        ev->work = ev->limits.max_work;
        az_eval_warn(ev, at,
                     BOUND_PREFIX "the work budget of %" PRIu64
                                  " units is spent; this and every later value treated as "
                                  "unknown",
                     ev->limits.max_work);
        return false;
    }
    ev->work += units;
    return true;
}

bool az_eval_exhausted(const az_eval *ev)
{
    return ev->exhausted;
}

uint64_t az_eval_work(const az_eval *ev)
{
    return ev->work;
}

bool az_eval_enter(az_eval *ev, az_range at)
{
    if (ev->depth >= ev->limits.max_depth) {
        ev->bounds_reached++;
        az_eval_warn(ev, at,
                     BOUND_PREFIX "nesting deeper than the depth limit %" PRIu32 BOUND_SUFFIX,
                     ev->limits.max_depth);
        return false;
    }
    ev->depth++;
    return true;
}

void az_eval_leave(az_eval *ev)
{
    if (ev->depth)
        ev->depth--;
}

uint32_t az_eval_depth(const az_eval *ev)
{
    return ev->depth;
}

bool az_eval_enter_module(az_eval *ev, az_range at)
{
    if (ev->module_depth >= ev->limits.max_module_depth) {
        ev->bounds_reached++;
        az_eval_warn(ev, at,
                     BOUND_PREFIX
                     "modules nested deeper than the module depth limit %" PRIu32 BOUND_SUFFIX,
                     ev->limits.max_module_depth);
        return false;
    }
    ev->module_depth++;
    return true;
}

void az_eval_leave_module(az_eval *ev)
{
    if (ev->module_depth)
        ev->module_depth--;
}

bool az_eval_check_string(az_eval *ev, az_range at, const char *what, uint64_t len)
{
    if (len <= ev->limits.max_string_length)
        return true;
    ev->bounds_reached++;
    az_eval_warn(
        ev, at, BOUND_PREFIX "%s length %" PRIu64 " exceeds the string limit %" PRIu32 BOUND_SUFFIX,
        what, len, ev->limits.max_string_length);
    return false;
}

bool az_eval_check_array(az_eval *ev, az_range at, const char *what, uint64_t count)
{
    if (count <= ev->limits.max_array_length)
        return true;
    ev->bounds_reached++;
    az_eval_warn(ev, at,
                 BOUND_PREFIX "%s length %" PRIu64 " exceeds the array limit %" PRIu32 BOUND_SUFFIX,
                 what, count, ev->limits.max_array_length);
    return false;
}

bool az_eval_check_loop(az_eval *ev, az_range at, const char *what, uint64_t count)
{
    if (count <= ev->limits.max_loop_count)
        return true;
    ev->bounds_reached++;
    az_eval_warn(ev, at,
                 BOUND_PREFIX "%s count %" PRIu64 " exceeds the loop limit %" PRIu32 BOUND_SUFFIX,
                 what, count, ev->limits.max_loop_count);
    return false;
}

az_eval_mark az_eval_mark_now(const az_eval *ev)
{
    return (az_eval_mark){.work = ev->work,
                          .warning_count = ev->warning_count,
                          .bounds_reached = ev->bounds_reached,
                          .depth = ev->depth,
                          .module_depth = ev->module_depth,
                          .quiet = ev->quiet > 0};
}

bool az_eval_bounded_since(const az_eval *ev, az_eval_mark mark)
{
    return ev->bounds_reached != mark.bounds_reached;
}

bool az_eval_repeat(az_eval *ev, az_eval_mark from, az_eval_mark to)
{
    uint64_t work = to.work - from.work;
    size_t warnings = to.warning_count - from.warning_count;
    if (ev->depth != from.depth || ev->module_depth != from.module_depth ||
        (ev->quiet > 0) != from.quiet || ev->exhausted || work > ev->limits.max_work - ev->work ||
        ev->warning_count > ev->limits.max_warnings ||
        warnings > ev->limits.max_warnings - ev->warning_count)
        return false;
    ev->work += work;
    /* By index: adding may move the array. */
    for (size_t i = from.warning_count; i < to.warning_count; i++)
        warning_add(ev, ev->warnings[i].range, ev->warnings[i].message);
    return true;
}
