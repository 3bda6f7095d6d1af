#define _XOPEN_SOURCE 700
#include "fs_fixture.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define UNPRIVILEGED_ID 65534

char *fixture_tempdir(void)
{
    const char *base = getenv("TMPDIR");
    char *dir = fixture_path(base && *base ? base : "/tmp", "azscan-test-XXXXXX");
    cr_assert_not_null(mkdtemp(dir), "mkdtemp: %s", strerror(errno));
    /* Readable by the unprivileged user of fixture_run_unprivileged. */
    cr_assert_eq(chmod(dir, 0755), 0);
    return dir;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

void fixture_remove(const char *dir)
{
    cr_assert_eq(nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS), 0, "cannot remove %s", dir);
}

char *fixture_path(const char *dir, const char *rel)
{
    size_t len = strlen(dir) + strlen(rel) + 2;
    char *path = malloc(len);
    cr_assert_not_null(path);
    snprintf(path, len, "%s/%s", dir, rel);
    return path;
}

void fixture_mkdir(const char *dir, const char *rel)
{
    char *path = fixture_path(dir, rel);
    for (char *p = path + strlen(dir) + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            cr_assert(mkdir(path, 0755) == 0 || errno == EEXIST, "mkdir %s", path);
            *p = '/';
        }
    }
    cr_assert(mkdir(path, 0755) == 0 || errno == EEXIST, "mkdir %s", path);
    free(path);
}

void fixture_write(const char *dir, const char *rel, const void *data, size_t len)
{
    const char *slash = strrchr(rel, '/');
    if (slash) {
        size_t parent_len = (size_t)(slash - rel);
        char *parent = malloc(parent_len + 1);
        cr_assert_not_null(parent);
        memcpy(parent, rel, parent_len);
        parent[parent_len] = '\0';
        fixture_mkdir(dir, parent);
        free(parent);
    }
    char *path = fixture_path(dir, rel);
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f, "fopen %s: %s", path, strerror(errno));
    cr_assert_eq(fwrite(data, 1, len, f), len);
    cr_assert_eq(fclose(f), 0);
    free(path);
}

void fixture_write_text(const char *dir, const char *rel, const char *text)
{
    fixture_write(dir, rel, text, strlen(text));
}

static void drop_privileges(void)
{
    if (geteuid() != 0)
        return;
    if (setgid(UNPRIVILEGED_ID) != 0 || setuid(UNPRIVILEGED_ID) != 0)
        _exit(254);
}

int fixture_run_unprivileged(int (*fn)(void *), void *arg)
{
    fflush(NULL);
    pid_t pid = fork();
    cr_assert_neq(pid, -1);
    if (pid == 0) {
        drop_privileges();
        _exit(fn(arg) & 0xFF);
    }
    int status;
    cr_assert_eq(waitpid(pid, &status, 0), pid);
    cr_assert(WIFEXITED(status), "the unprivileged child died");
    cr_assert_neq(WEXITSTATUS(status), 254, "could not drop root's privileges");
    return WEXITSTATUS(status);
}

static char *slurp(int fd)
{
    size_t len = 0, cap = 4096;
    char *buf = malloc(cap);
    cr_assert_not_null(buf);
    cr_assert_eq(lseek(fd, 0, SEEK_SET), 0);
    for (;;) {
        if (len + 1 == cap) {
            cap *= 2;
            buf = realloc(buf, cap);
            cr_assert_not_null(buf);
        }
        ssize_t n = read(fd, buf + len, cap - len - 1);
        cr_assert_geq(n, 0);
        if (n == 0)
            break;
        len += (size_t)n;
    }
    buf[len] = '\0';
    close(fd);
    return buf;
}

static int temp_file(void)
{
    char name[] = "/tmp/azscan-out-XXXXXX";
    int fd = mkstemp(name);
    cr_assert_geq(fd, 0);
    unlink(name);
    /* Writable by an unprivileged child through the inherited descriptor. */
    return fd;
}

static void copy_executable(const char *from, const char *to)
{
    int in = open(from, O_RDONLY);
    int out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0755);
    cr_assert(in >= 0 && out >= 0, "copying %s: %s", from, strerror(errno));
    char buf[65536];
    ssize_t n;
    while ((n = read(in, buf, sizeof(buf))) > 0)
        cr_assert_eq(write(out, buf, (size_t)n), n);
    cr_assert_eq(n, 0);
    close(in);
    cr_assert_eq(close(out), 0);
}

static fixture_run_result run_azscan(const char *cwd, const char *const *args, int unprivileged,
                                     const char *stdout_path)
{
    /* The build tree may be closed to other users (a clone in a 0700
     * directory): an unprivileged run gets a copy of the binary of its own. */
    char *bin_dir = unprivileged ? fixture_tempdir() : NULL;
    char *bin;
    if (bin_dir) {
        bin = fixture_path(bin_dir, "azscan");
        copy_executable(AZSCAN_BIN, bin);
    } else {
        bin = malloc(sizeof(AZSCAN_BIN));
        cr_assert_not_null(bin);
        memcpy(bin, AZSCAN_BIN, sizeof(AZSCAN_BIN));
    }

    const char *argv[64];
    size_t argc = 0;
    argv[argc++] = bin;
    while (*args) {
        cr_assert_lt(argc, 63);
        argv[argc++] = *args++;
    }
    argv[argc] = NULL;

    int out = stdout_path ? open(stdout_path, O_WRONLY) : temp_file(), err = temp_file();
    cr_assert_geq(out, 0);
    fflush(NULL);
    pid_t pid = fork();
    cr_assert_neq(pid, -1);
    if (pid == 0) {
        int null = open("/dev/null", O_RDONLY);
        if (null < 0 || dup2(null, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0)
            _exit(253);
        if (chdir(cwd) != 0)
            _exit(253);
        if (unprivileged)
            drop_privileges();
        execv(bin, (char *const *)argv);
        _exit(253);
    }
    int status;
    cr_assert_eq(waitpid(pid, &status, 0), pid);
    fixture_run_result r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (stdout_path) {
        close(out);
        r.out = calloc(1, 1);
    } else {
        r.out = slurp(out);
    }
    r.err = slurp(err);
    cr_assert_neq(r.exit_code, 253, "could not start %s", bin);
    cr_assert_neq(r.exit_code, 254, "could not drop root's privileges");
    free(bin);
    if (bin_dir) {
        fixture_remove(bin_dir);
        free(bin_dir);
    }
    return r;
}

fixture_run_result fixture_azscan(const char *cwd, const char *const *args, int unprivileged)
{
    return run_azscan(cwd, args, unprivileged, NULL);
}

fixture_run_result fixture_azscan_to(const char *cwd, const char *const *args,
                                     const char *stdout_path)
{
    return run_azscan(cwd, args, 0, stdout_path);
}

void fixture_run_result_free(fixture_run_result *r)
{
    free(r->out);
    free(r->err);
}
