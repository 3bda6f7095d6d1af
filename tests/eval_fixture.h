#ifndef AZSCAN_TESTS_EVAL_FIXTURE_H
#define AZSCAN_TESTS_EVAL_FIXTURE_H

/*
 * Shared by the evaluator tests: a fresh arena and context per test, values
 * written as JSON, and ARM expressions evaluated against parameters given as
 * a JSON object. Parameters named "unknown..." are unknown, and "secret" is a
 * secure string.
 */

#include "armexpr.h"
#include "eval.h"
#include "json_value.h"
#include "value.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

static arena *A;
static az_eval *EV;
static az_value *PARAMS;
static az_range R = {0, 3, 5, 3, 20};

static inline void fx_init(const az_limits *limits)
{
    A = arena_new();
    cr_assert(A);
    EV = az_eval_new(A, limits);
    cr_assert(EV);
    PARAMS = NULL;
}

static inline void fx_setup(void)
{
    fx_init(NULL);
}

static inline void fx_teardown(void)
{
    az_eval_free(EV);
    arena_free(A);
}

/* A value from JSON text that must be valid. */
static inline az_value *J(const char *json)
{
    size_t warnings = az_eval_warning_count(EV);
    az_value *v = az_json_parse(EV, json, strlen(json), R);
    cr_assert(v && az_eval_warning_count(EV) == warnings, "bad test JSON: %s", json);
    return v;
}

static inline az_value *fx_parameter(void *ud, const char *name, size_t len, az_range at)
{
    (void)ud;
    if (len >= 7 && memcmp(name, "unknown", 7) == 0)
        return az_value_unknown(A, at, "parameters('unknown')");
    if (len == 6 && memcmp(name, "secret", 6) == 0) {
        az_value *v = az_value_string(A, at, "hunter2", 7);
        v->flags |= AZ_VALUE_SECURE;
        return az_value_through(A, v, AZ_ORIGIN_PARAMETER_DEFAULT, "secret", R, at);
    }
    const az_member *m = az_value_member(PARAMS, name, len);
    if (!m)
        return NULL;
    return az_value_through(A, m->value, AZ_ORIGIN_PARAMETER_DEFAULT, m->key, m->key_range, at);
}

static inline az_value *fx_copy_index(void *ud, const char *loop, size_t len, az_range at)
{
    (void)ud;
    if (loop && !(len == 5 && memcmp(loop, "disks", 5) == 0))
        return NULL;
    return az_value_int(A, at, loop ? 7 : 3);
}

static const armexpr_env ENV = {fx_parameter, fx_parameter, fx_copy_index, NULL};

/* Evaluates a template string (an expression or a literal). */
static inline az_value *E(const char *text)
{
    az_value *v = armexpr_eval_string(EV, text, strlen(text), &ENV, R);
    cr_assert(v, "out of memory evaluating %s", text);
    return v;
}

/* The JSON text of a known value, or a description of an unknown one. */
static inline const char *show(const az_value *v)
{
    if (!v)
        return "(null)";
    if (v->kind == AZ_UNKNOWN)
        return arena_printf(A, "unknown (%s)", v->u.unknown.reason);
    size_t warnings = az_eval_warning_count(EV);
    az_value *s = az_json_stringify(EV, v, R);
    if (s->kind != AZ_STRING)
        return arena_printf(A, "%s with unknown parts (%s)", az_kind_name(v->kind),
                            s->u.unknown.reason);
    cr_assert(az_eval_warning_count(EV) == warnings);
    return s->u.string.ptr;
}

static inline bool same(const az_value *v, const char *json)
{
    return v && az_value_equal(v, J(json), false);
}

/* Asserts that the template string evaluates to the value in JSON. */
#define expect(text, json)                                                                         \
    do {                                                                                           \
        az_value *v_ = E(text);                                                                    \
        cr_assert(same(v_, json), "%s gave %s, expected %s", text, show(v_), json);                \
    } while (0)

static inline bool has_warning(const char *part)
{
    for (size_t i = 0; i < az_eval_warning_count(EV); i++)
        if (strstr(az_eval_warning(EV, i)->message, part))
            return true;
    return false;
}

/* Asserts that the template string evaluates to an unknown value whose
 * reason contains `reason`; `warning` (or NULL for none at all) must be
 * among the warnings. */
#define expect_unknown(text, why, warning)                                                         \
    do {                                                                                           \
        size_t w_ = az_eval_warning_count(EV);                                                     \
        az_value *v_ = E(text);                                                                    \
        const char *warning_ = warning;                                                            \
        cr_assert(v_->kind == AZ_UNKNOWN, "%s gave %s, expected unknown", text, show(v_));         \
        cr_assert(strstr(v_->u.unknown.reason, why), "%s: reason '%s' lacks '%s'", text,           \
                  v_->u.unknown.reason, why);                                                      \
        if (warning_)                                                                              \
            cr_assert(has_warning(warning_), "%s: no warning with '%s'", text, warning_);          \
        else                                                                                       \
            cr_assert(az_eval_warning_count(EV) == w_, "%s: unexpected warning '%s'", text,        \
                      az_eval_warning(EV, w_)->message);                                           \
    } while (0)

#endif
