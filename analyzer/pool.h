#ifndef AZSCAN_POOL_H
#define AZSCAN_POOL_H

#include <stddef.h>

/*
 * Running independent items on worker threads while the calling thread
 * takes their results in item order, so that what it builds from them is
 * the same whatever the number of threads.
 *
 * pool_run calls work(ud, i) once for every i in [0, count), on up to
 * `jobs` worker threads, and done(ud, i) on the calling thread for i = 0, 1,
 * 2, ... in turn, each once work(ud, i) has returned. Items are started in
 * order, and no item is started until the item `window` places before it is
 * done: the caller keeps one slot of state per item in flight, slot
 * i % window, and its memory stays bounded whatever `count` is. The
 * calling thread takes worked items in runs (a quarter of the window, or
 * what is left), so that it is not woken, taking a CPU from a worker, for
 * every item.
 *
 * work may touch only slot i % window and what is safe to share between
 * threads; done may read that slot and fold it into the caller's result.
 * With jobs <= 1, or when no thread can be started, everything runs on the
 * calling thread: work then done, item by item.
 *
 * When done returns nonzero, no further item is started and pool_run returns
 * that value once every worker has stopped; slots of items worked but never
 * done are left for the caller to free. Otherwise pool_run returns 0.
 */

typedef void (*pool_work_fn)(void *ud, size_t index);
typedef int (*pool_done_fn)(void *ud, size_t index);

int pool_run(unsigned jobs, size_t window, size_t count, pool_work_fn work, pool_done_fn done,
             void *ud);

/* The number of online CPUs, at least 1. */
unsigned pool_cpu_count(void);

#endif
