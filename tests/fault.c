#define _DEFAULT_SOURCE /* d_type */
#include "fault.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/types.h>
#include <tree_sitter/api.h>

void *__real_malloc(size_t size);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t size);
void __real_free(void *p);
ssize_t __real_read(int fd, void *buf, size_t count);
struct dirent *__real_readdir(DIR *dir);
void *__real_mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset);

void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t size);
void __wrap_free(void *p);
ssize_t __wrap_read(int fd, void *buf, size_t count);
struct dirent *__wrap_readdir(DIR *dir);
void *__wrap_mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset);

static long countdown = -1;
static long live;
static long asked;
static size_t bytes_asked;
static int read_errno;
static int readdir_errno;
static bool readdir_untyped;
static bool mmap_fails;

void fault_fail_allocation(long n)
{
    countdown = n;
}

long fault_allocation_count(void)
{
    return asked;
}

size_t fault_bytes_asked(void)
{
    return bytes_asked;
}

long fault_live_allocations(void)
{
    return live;
}

void fault_fail_reads(int err)
{
    read_errno = err;
}

void fault_fail_readdir(int err)
{
    readdir_errno = err;
}

void fault_fail_mmap(bool fail)
{
    mmap_fails = fail;
}

void fault_readdir_untyped(bool untyped)
{
    readdir_untyped = untyped;
}

void fault_route_tree_sitter_around(void)
{
    ts_set_allocator(__real_malloc, __real_calloc, __real_realloc, __real_free);
}

static int should_fail(void)
{
    asked++;
    if (countdown < 0)
        return 0;
    return countdown-- == 0;
}

void *__wrap_malloc(size_t size)
{
    bytes_asked += size;
    if (should_fail())
        return NULL;
    void *p = __real_malloc(size);
    live += p != NULL;
    return p;
}

void *__wrap_calloc(size_t n, size_t size)
{
    bytes_asked += n * size;
    if (should_fail())
        return NULL;
    void *p = __real_calloc(n, size);
    live += p != NULL;
    return p;
}

void *__wrap_realloc(void *p, size_t size)
{
    bytes_asked += size;
    if (should_fail())
        return NULL;
    void *q = __real_realloc(p, size);
    live += p == NULL && q != NULL;
    return q;
}

void __wrap_free(void *p)
{
    live -= p != NULL;
    __real_free(p);
}

ssize_t __wrap_read(int fd, void *buf, size_t count)
{
    if (read_errno) {
        errno = read_errno;
        return -1;
    }
    return __real_read(fd, buf, count);
}

struct dirent *__wrap_readdir(DIR *dir)
{
    if (readdir_errno) {
        errno = readdir_errno;
        return NULL;
    }
    struct dirent *d = __real_readdir(dir);
    if (d && readdir_untyped)
        d->d_type = DT_UNKNOWN;
    return d;
}

void *__wrap_mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset)
{
    if (mmap_fails) {
        errno = ENOMEM;
        return MAP_FAILED;
    }
    return __real_mmap(addr, length, prot, flags, fd, offset);
}
