#include "pool.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

/* Workers recurse as deep as the evaluator allows; give them the stack the
 * main thread usually has rather than whatever RLIMIT_STACK implies. */
#define POOL_STACK_SIZE ((size_t)8 * 1024 * 1024)

typedef struct {
    pthread_mutex_t lock;
    pthread_cond_t ready; /* the calling thread has a batch to take: wakes it */
    pthread_cond_t room;  /* an item was made, or the run ends: wakes the workers */
    size_t window;
    size_t made;     /* items made so far */
    bool last_made;  /* next() said there are no more */
    size_t next;     /* the next item to start */
    size_t done;     /* items done so far */
    size_t ready_to; /* items [done, ready_to) are all worked: the calling thread may take them */
    size_t batch;    /* how many of those wake the calling thread */
    bool *finished;  /* by slot: worked and not yet done */
    bool caller_waiting;
    unsigned room_waiters; /* workers waiting for an item to be made */
    bool stop;
    pool_work_fn work;
    void *ud;
} pool;

/*
 * Whether the calling thread should take the worked items now. Waking it
 * for every item preempts a worker each time (it is one thread more than
 * the CPUs), so it sleeps until a batch is worked, unless the run is ending
 * or a worker waits for the window.
 */
static bool pool_batch_ready(const pool *p)
{
    return p->ready_to > p->done && (p->ready_to - p->done >= p->batch ||
                                     (p->last_made && p->ready_to == p->made) || p->room_waiters);
}

static void pool_wake_caller(pool *p)
{
    if (p->caller_waiting && pool_batch_ready(p))
        pthread_cond_signal(&p->ready);
}

static void *pool_worker(void *arg)
{
    pool *p = arg;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (!p->stop && !p->last_made && p->next >= p->made) {
            p->room_waiters++;
            pool_wake_caller(p);
            pthread_cond_wait(&p->room, &p->lock);
            p->room_waiters--;
        }
        if (p->stop || p->next >= p->made)
            break;
        size_t i = p->next++;
        pthread_mutex_unlock(&p->lock);
        p->work(p->ud, i);
        pthread_mutex_lock(&p->lock);
        p->finished[i % p->window] = true;
        while (p->ready_to < p->next && p->finished[p->ready_to % p->window])
            p->ready_to++;
        pool_wake_caller(p);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

static int pool_run_serial(pool_next_fn next, pool_work_fn work, pool_done_fn done, void *ud)
{
    for (size_t i = 0;; i++) {
        int rc = next(ud, i);
        if (rc <= 0)
            return rc;
        work(ud, i);
        if ((rc = done(ud, i)) != 0)
            return rc;
    }
}

/* Makes items while the window has room for them, with the lock held. */
static int pool_make(pool *p, pool_next_fn next)
{
    while (!p->last_made && p->made < p->done + p->window) {
        size_t i = p->made;
        pthread_mutex_unlock(&p->lock);
        int rc = next(p->ud, i);
        pthread_mutex_lock(&p->lock);
        if (rc > 0)
            p->made = i + 1;
        else
            p->last_made = true;
        pthread_cond_broadcast(&p->room);
        if (rc < 0)
            return rc;
    }
    return 0;
}

/* Makes the items, and takes their results in order, a batch at a time,
 * until all are done or next() or done() fails. */
static int pool_consume(pool *p, pool_next_fn next, pool_done_fn done)
{
    int rc = 0;
    pthread_mutex_lock(&p->lock);
    while (rc == 0 && (rc = pool_make(p, next)) == 0 && !(p->last_made && p->done == p->made)) {
        p->caller_waiting = true;
        while (!pool_batch_ready(p))
            pthread_cond_wait(&p->ready, &p->lock);
        p->caller_waiting = false;
        size_t to = p->ready_to;
        while (rc == 0 && p->done < to) {
            size_t i = p->done;
            p->finished[i % p->window] = false;
            pthread_mutex_unlock(&p->lock);
            rc = done(p->ud, i);
            pthread_mutex_lock(&p->lock);
            p->done = i + 1;
        }
    }
    p->stop = true;
    pthread_cond_broadcast(&p->room);
    pthread_mutex_unlock(&p->lock);
    return rc;
}

int pool_run(unsigned jobs, size_t window, pool_next_fn next, pool_work_fn work, pool_done_fn done,
             void *ud)
{
    if (window == 0)
        window = 1;
    if (jobs <= 1)
        return pool_run_serial(next, work, done, ud);

    /* A batch of a quarter of the window leaves the workers three quarters
     * to go on with while the calling thread sleeps. */
    pool p = {.window = window, .batch = window / 4 ? window / 4 : 1, .work = work, .ud = ud};
    pthread_t *threads = malloc(jobs * sizeof(*threads));
    p.finished = calloc(window, sizeof(*p.finished));
    pthread_attr_t attr;
    bool attr_ok = pthread_attr_init(&attr) == 0;
    if (!threads || !p.finished || !attr_ok) {
        free(threads);
        free(p.finished);
        if (attr_ok)
            pthread_attr_destroy(&attr);
        return pool_run_serial(next, work, done, ud);
    }
    pthread_attr_setstacksize(&attr, POOL_STACK_SIZE);
    pthread_mutex_init(&p.lock, NULL);
    pthread_cond_init(&p.ready, NULL);
    pthread_cond_init(&p.room, NULL);

    /* As many workers as can be started; none means the calling thread does it all. */
    unsigned started = 0;
    while (started < jobs && pthread_create(&threads[started], &attr, pool_worker, &p) == 0)
        started++;
    pthread_attr_destroy(&attr);
    int rc = started ? pool_consume(&p, next, done) : pool_run_serial(next, work, done, ud);
    for (unsigned t = 0; t < started; t++)
        pthread_join(threads[t], NULL);

    pthread_cond_destroy(&p.room);
    pthread_cond_destroy(&p.ready);
    pthread_mutex_destroy(&p.lock);
    free(p.finished);
    free(threads);
    return rc;
}

unsigned pool_cpu_count(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (unsigned)n : 1;
}
