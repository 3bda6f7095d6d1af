/* The worker pool: every item worked once, results taken in item order, at
 * most a window in flight, a failure stops it, and no thread still works. */
#include "pool.h"

#include <criterion/criterion.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

/* pthread_create is wrapped (-Wl,--wrap=pthread_create) so that tests can
 * refuse threads after the first `threads_allowed`; -1 allows all. */
int __real_pthread_create(pthread_t *t, const pthread_attr_t *attr, void *(*fn)(void *), void *arg);
int __wrap_pthread_create(pthread_t *t, const pthread_attr_t *attr, void *(*fn)(void *), void *arg);

static int threads_allowed = -1;

int __wrap_pthread_create(pthread_t *t, const pthread_attr_t *attr, void *(*fn)(void *), void *arg)
{
    if (threads_allowed == 0)
        return 11; /* EAGAIN */
    if (threads_allowed > 0)
        threads_allowed--;
    return __real_pthread_create(t, attr, fn, arg);
}

#define ITEMS 300

typedef struct {
    pthread_mutex_t lock;
    size_t window;
    int worked[ITEMS];    /* times each item was worked */
    bool finished[ITEMS]; /* worked and returned */
    size_t in_flight, max_in_flight;
    size_t done_count;
    size_t count;     /* items next() makes */
    size_t made;      /* items made so far */
    size_t made_late; /* items made more than a window ahead of done */
    size_t fail_at;   /* done() fails at this item; ITEMS: never */
    size_t stop_at;   /* next() fails at this item; SIZE_MAX: never */
    pthread_t caller;
    bool off_caller; /* some work ran on another thread */
} state;

static int next(void *ud, size_t i)
{
    state *s = ud;
    pthread_mutex_lock(&s->lock);
    bool in_order = s->made == i;
    bool too_early = i >= s->done_count + s->window;
    s->made_late += too_early;
    if (i < s->count && i != s->stop_at)
        s->made++;
    pthread_mutex_unlock(&s->lock);
    cr_assert(in_order, "item %zu made out of order", i);
    cr_assert(pthread_equal(pthread_self(), s->caller), "item %zu made off the caller", i);
    if (i == s->stop_at)
        return -5;
    return i < s->count;
}

static void work(void *ud, size_t i)
{
    state *s = ud;
    pthread_mutex_lock(&s->lock);
    s->worked[i]++;
    if (++s->in_flight > s->max_in_flight)
        s->max_in_flight = s->in_flight;
    s->off_caller |= !pthread_equal(pthread_self(), s->caller);
    pthread_mutex_unlock(&s->lock);
    /* Uneven work, so that items finish out of order. */
    volatile unsigned x = 0;
    for (unsigned k = 0; k < (unsigned)(i * 7919 % 5000); k++)
        x += k;
    pthread_mutex_lock(&s->lock);
    s->finished[i] = true;
    pthread_mutex_unlock(&s->lock);
}

static int done(void *ud, size_t i)
{
    state *s = ud;
    pthread_mutex_lock(&s->lock);
    bool in_order = s->done_count == i && s->finished[i];
    s->done_count++;
    s->in_flight--;
    pthread_mutex_unlock(&s->lock);
    cr_assert(in_order, "item %zu done out of order", i);
    return i == s->fail_at ? 7 : 0;
}

static state *state_new(size_t window)
{
    state *s = calloc(1, sizeof(*s));
    cr_assert(s);
    pthread_mutex_init(&s->lock, NULL);
    s->window = window ? window : 1;
    s->count = ITEMS;
    s->fail_at = ITEMS;
    s->stop_at = SIZE_MAX;
    s->caller = pthread_self();
    return s;
}

static void state_free(state *s)
{
    pthread_mutex_destroy(&s->lock);
    free(s);
}

Test(pool, works_every_item_once_and_takes_them_in_order)
{
    unsigned jobs[] = {1, 2, 4, 8, 64};
    size_t windows[] = {1, 3, 32};
    for (size_t j = 0; j < sizeof(jobs) / sizeof(*jobs); j++) {
        for (size_t w = 0; w < sizeof(windows) / sizeof(*windows); w++) {
            state *s = state_new(windows[w]);
            cr_assert_eq(pool_run(jobs[j], windows[w], next, work, done, s), 0);
            cr_assert_eq(s->done_count, ITEMS);
            for (size_t i = 0; i < ITEMS; i++)
                cr_assert_eq(s->worked[i], 1, "item %zu worked %d times", i, s->worked[i]);
            cr_assert_leq(s->max_in_flight, windows[w], "%zu items in flight, window %zu",
                          s->max_in_flight, windows[w]);
            cr_assert_eq(s->off_caller, jobs[j] > 1, "jobs %u", jobs[j]);
            cr_assert_eq(s->made_late, 0, "items made more than a window ahead");
            state_free(s);
        }
    }
}

static void slow_work(void *ud, size_t i)
{
    if (i % 97 == 0) {
        struct timespec pause = {0, 20 * 1000 * 1000};
        nanosleep(&pause, NULL);
    }
    work(ud, i);
}

/* The calling thread sleeps until a batch of items is worked: the last
 * items, fewer than a batch, must still wake it, with slow items holding
 * the window and workers waiting for it to move. (A lost wake-up hangs the
 * run: the timeout fails it.) */
Test(pool, takes_results_when_a_slow_item_holds_the_window, .timeout = 20)
{
    size_t windows[] = {1, 5, 16, 200};
    for (size_t w = 0; w < sizeof(windows) / sizeof(*windows); w++) {
        state *s = state_new(windows[w]);
        cr_assert_eq(pool_run(4, windows[w], next, slow_work, done, s), 0);
        cr_assert_eq(s->done_count, ITEMS);
        cr_assert_leq(s->max_in_flight, windows[w]);
        state_free(s);
    }
}

Test(pool, handles_no_items_and_a_zero_window)
{
    state *s = state_new(1);
    s->count = 0;
    cr_assert_eq(pool_run(4, 8, next, work, done, s), 0);
    cr_assert_eq(s->done_count, 0);
    s->count = 5;
    cr_assert_eq(pool_run(4, 0, next, work, done, s), 0);
    cr_assert_eq(s->done_count, 5);
    cr_assert_leq(s->max_in_flight, 1);
    state_free(s);
}

Test(pool, stops_when_done_fails)
{
    unsigned jobs[] = {1, 4};
    for (size_t j = 0; j < 2; j++) {
        state *s = state_new(4);
        s->fail_at = 10;
        cr_assert_eq(pool_run(jobs[j], 4, next, work, done, s), 7);
        cr_assert_eq(s->done_count, 11);
        /* Nothing starts beyond the window past the failed item. */
        for (size_t i = 11 + 4; i < ITEMS; i++)
            cr_assert_eq(s->worked[i], 0, "item %zu was started", i);
        state_free(s);
    }
}

/* A failed next() stops the run as a failed done() does: no item after it
 * is made or started. */
Test(pool, stops_when_next_fails)
{
    unsigned jobs[] = {1, 4};
    for (size_t j = 0; j < 2; j++) {
        state *s = state_new(4);
        s->stop_at = 10;
        cr_assert_eq(pool_run(jobs[j], 4, next, work, done, s), -5);
        cr_assert_eq(s->made, 10);
        cr_assert_leq(s->done_count, 10);
        for (size_t i = 10; i < ITEMS; i++)
            cr_assert_eq(s->worked[i], 0, "item %zu was started", i);
        state_free(s);
    }
}

Test(pool, runs_on_the_calling_thread_when_no_thread_starts)
{
    threads_allowed = 0;
    state *s = state_new(4);
    cr_assert_eq(pool_run(4, 4, next, work, done, s), 0);
    cr_assert_eq(s->done_count, ITEMS);
    cr_assert_not(s->off_caller);
    state_free(s);
}

Test(pool, goes_on_with_the_threads_that_did_start)
{
    threads_allowed = 1;
    state *s = state_new(4);
    cr_assert_eq(pool_run(4, 4, next, work, done, s), 0);
    cr_assert_eq(s->done_count, ITEMS);
    for (size_t i = 0; i < ITEMS; i++)
        cr_assert_eq(s->worked[i], 1);
    cr_assert(s->off_caller);
    state_free(s);
}

Test(pool, counts_at_least_one_cpu)
{
    cr_assert_geq(pool_cpu_count(), 1);
}
