#ifndef AZSCAN_TESTS_FS_FIXTURE_H
#define AZSCAN_TESTS_FS_FIXTURE_H

#include <stddef.h>

/*
 * Scratch files for tests: temporary directories, files written into them,
 * runs of the azscan binary, and runs without root's privileges. Every
 * function aborts the test (via Criterion) when the machine misbehaves, so
 * tests only see the behaviour under test. Returned strings are malloc'd;
 * the caller frees them.
 */

/* A new, empty, world-readable directory under $TMPDIR (or /tmp). */
char *fixture_tempdir(void);

/* Removes `dir` and everything under it, without following symlinks. */
void fixture_remove(const char *dir);

/* `dir`/`rel`. */
char *fixture_path(const char *dir, const char *rel);

/* Writes `len` bytes to `dir`/`rel`, creating parent directories. */
void fixture_write(const char *dir, const char *rel, const void *data, size_t len);

/* Writes a NUL-terminated string to `dir`/`rel`. */
void fixture_write_text(const char *dir, const char *rel, const char *text);

/* Creates the directory `dir`/`rel` and its parents. */
void fixture_mkdir(const char *dir, const char *rel);

/*
 * Runs `fn(arg)` in a child process that has dropped root's privileges (to
 * uid and gid 65534) when the test runs as root, so that permission bits
 * apply. Returns fn's result (0..255).
 */
int fixture_run_unprivileged(int (*fn)(void *), void *arg);

typedef struct {
    int exit_code; /* -1 when killed by a signal */
    char *out;     /* all of stdout */
    char *err;     /* all of stderr */
} fixture_run_result;

/*
 * Runs the azscan binary with `args` (NULL-terminated, without argv[0]) in
 * directory `cwd`, with no stdin. `unprivileged` drops root's privileges
 * first, as fixture_run_unprivileged does.
 */
fixture_run_result fixture_azscan(const char *cwd, const char *const *args, int unprivileged);

/* Like fixture_azscan, with stdout sent to the file `stdout_path` (out is ""). */
fixture_run_result fixture_azscan_to(const char *cwd, const char *const *args,
                                     const char *stdout_path);

void fixture_run_result_free(fixture_run_result *r);

#endif
