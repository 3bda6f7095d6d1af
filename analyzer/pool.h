#ifndef AZSCAN_POOL_H
#define AZSCAN_POOL_H

#include <stddef.h>

/*
 * Running independent items on worker threads while the calling thread
 * takes their results in item order, so that what it builds from them is
 * the same whatever the number of threads.
 *
 * pool_run asks next(ud, i) on the calling thread for item i = 0, 1, 2, ...
 * in turn, until it says there are no more: next makes item i ready in
 * slot i % window of the caller's state and returns 1, or returns 0 when
 * there is no item i, or a negative value to stop the run. It calls
 * work(ud, i) once for every item, on up to `jobs` worker threads, and
 * done(ud, i) on the calling thread for i = 0, 1, 2, ... in turn, each once
 * work(ud, i) has returned. Items are made and started in order, and no
 * item is made until the item `window` places before it is done: the
 * caller keeps one slot of state per item in flight, and its memory stays
 * bounded however many items there are, even when they are only found as
 * the run goes (a directory walk). The calling thread takes worked items
 * in runs (a quarter of the window, or what is left), so that it is not
 * woken, taking a CPU from a worker, for every item.
 *
 * work may touch only slot i % window and what is safe to share between
 * threads; next and done may touch the slots of items not in work. With
 * jobs <= 1, or when no thread can be started, everything runs on the
 * calling thread: next, work then done, item by item.
 *
 * When done or next returns nonzero (next: negative), no further item is
 * made or started and pool_run returns that value once every worker has
 * stopped; slots of items made but never done are left for the caller to
 * free. Otherwise pool_run returns 0.
 */

typedef int (*pool_next_fn)(void *ud, size_t index);
typedef void (*pool_work_fn)(void *ud, size_t index);
typedef int (*pool_done_fn)(void *ud, size_t index);

int pool_run(unsigned jobs, size_t window, pool_next_fn next, pool_work_fn work, pool_done_fn done,
             void *ud);

/* The number of online CPUs, at least 1. */
unsigned pool_cpu_count(void);

#endif
