#define _GNU_SOURCE /* mkostemp, O_CLOEXEC */
#include "spill.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Records are gathered in a block of this size before they are written,
 * and read back a block at a time: a scan appends thousands of small ones. */
#define SPILL_BLOCK ((size_t)64 * 1024)

/* The records are the file's bytes [0, written) followed by `pending`. */
struct spill {
    int fd;
    uint64_t written; /* bytes in the file, all of them whole records */
    char *pending;    /* records not written yet, SPILL_BLOCK bytes */
    size_t pending_size;
    size_t count;
    uint64_t read_at; /* where the next record starts, in the file then in `pending` */
    char *ahead;      /* the file's bytes from ahead_at, read ahead */
    size_t ahead_size, ahead_cap;
    uint64_t ahead_at;
};

spill *spill_open(void)
{
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir)
        dir = "/tmp";
    size_t n = strlen(dir) + sizeof("/azscan-spill-XXXXXX");
    char *name = malloc(n);
    if (!name)
        return NULL;
    snprintf(name, n, "%s/azscan-spill-XXXXXX", dir);
    int fd = mkostemp(name, O_CLOEXEC);
    if (fd >= 0)
        unlink(name);
    free(name);
    return fd >= 0 ? spill_open_fd(fd) : NULL;
}

spill *spill_open_fd(int fd)
{
    spill *s = calloc(1, sizeof(*s));
    if (!s) {
        close(fd);
        return NULL;
    }
    s->fd = fd;
    s->pending = malloc(SPILL_BLOCK);
    if (!s->pending) {
        spill_close(s);
        return NULL;
    }
    return s;
}

void spill_close(spill *s)
{
    if (!s)
        return;
    close(s->fd);
    free(s->pending);
    free(s->ahead);
    free(s);
}

/* Writes (pwrite) or reads (pread) all `size` bytes at `offset`, going on
 * after a short transfer or a signal. */
static int transfer(int fd, bool writing, char *data, size_t size, uint64_t offset)
{
    while (size > 0) {
        ssize_t n =
            writing ? pwrite(fd, data, size, (off_t)offset) : pread(fd, data, size, (off_t)offset);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        data += n;
        size -= (size_t)n;
        offset += (uint64_t)n;
    }
    return 0;
}

/* Writes the pending records; on failure they stay pending, still readable. */
static int flush(spill *s)
{
    if (s->pending_size && transfer(s->fd, true, s->pending, s->pending_size, s->written) != 0)
        return -1;
    s->written += s->pending_size;
    s->pending_size = 0;
    return 0;
}

int spill_append(spill *s, const void *data, size_t size)
{
    uint64_t header = size;
    size_t whole = sizeof(header) + size;
    if (size > SIZE_MAX - sizeof(header) ||
        (whole > SPILL_BLOCK - s->pending_size && flush(s) != 0))
        return -1;
    if (whole > SPILL_BLOCK) {
        /* Nothing is pending: the record goes to the file as it is. What a
         * failed write leaves past `written` is never read, and the next
         * write goes over it. */
        if (transfer(s->fd, true, (char *)&header, sizeof(header), s->written) != 0 ||
            transfer(s->fd, true, (char *)data, size, s->written + sizeof(header)) != 0)
            return -1;
        s->written += whole;
    } else {
        memcpy(s->pending + s->pending_size, &header, sizeof(header));
        memcpy(s->pending + s->pending_size + sizeof(header), data, size);
        s->pending_size += whole;
    }
    s->count++;
    return 0;
}

size_t spill_count(const spill *s)
{
    return s->count;
}

/* The file's bytes [at, at + size), within [0, written), read ahead a block
 * at a time; NULL when they cannot be read or memory runs out. */
static const char *file_bytes(spill *s, uint64_t at, size_t size)
{
    if (at >= s->ahead_at && at + size <= s->ahead_at + s->ahead_size)
        return s->ahead + (at - s->ahead_at);
    size_t want = s->written - at < SPILL_BLOCK ? (size_t)(s->written - at) : SPILL_BLOCK;
    if (want < size)
        want = size;
    if (want > s->ahead_cap) {
        char *grown = realloc(s->ahead, want);
        if (!grown)
            return NULL;
        s->ahead = grown;
        s->ahead_cap = want;
    }
    s->ahead_size = 0;
    if (transfer(s->fd, false, s->ahead, want, at) != 0)
        return NULL;
    s->ahead_at = at;
    s->ahead_size = want;
    return s->ahead;
}

int spill_next(spill *s, const void **data, size_t *size)
{
    *data = NULL;
    *size = 0;
    uint64_t header;
    const char *at;
    if (s->read_at < s->written) {
        uint64_t left = s->written - s->read_at;
        at = left >= sizeof(header) ? file_bytes(s, s->read_at, sizeof(header)) : NULL;
        if (!at)
            return -1;
        memcpy(&header, at, sizeof(header));
        if (header > left - sizeof(header) ||
            !(at = file_bytes(s, s->read_at, sizeof(header) + (size_t)header)))
            return -1;
    } else if (s->read_at - s->written < s->pending_size) {
        at = s->pending + (s->read_at - s->written);
        memcpy(&header, at, sizeof(header));
    } else {
        return 0;
    }
    s->read_at += sizeof(header) + header;
    *data = at + sizeof(header);
    *size = (size_t)header;
    return 1;
}

static void record_put(spill_record *r, const void *data, size_t size)
{
    if (r->failed)
        return;
    if (size > r->cap - r->size) {
        size_t cap = r->cap ? r->cap : 256;
        while (size > cap - r->size) {
            if (cap > SIZE_MAX / 2) {
                r->failed = true;
                return;
            }
            cap *= 2;
        }
        char *grown = realloc(r->data, cap);
        if (!grown) {
            r->failed = true;
            return;
        }
        r->data = grown;
        r->cap = cap;
    }
    if (size)
        memcpy(r->data + r->size, data, size);
    r->size += size;
}

void spill_record_u32(spill_record *r, uint32_t v)
{
    record_put(r, &v, sizeof(v));
}

void spill_record_u64(spill_record *r, uint64_t v)
{
    record_put(r, &v, sizeof(v));
}

/* A length of 0 stands for NULL; otherwise the length with its NUL, then
 * the bytes and the NUL, so that a reader hands out the string in place. */
void spill_record_str(spill_record *r, const char *s)
{
    if (!s) {
        spill_record_u64(r, 0);
        return;
    }
    size_t n = strlen(s) + 1;
    spill_record_u64(r, n);
    record_put(r, s, n);
}

void spill_record_bytes(spill_record *r, const void *data, size_t size)
{
    spill_record_u64(r, size);
    record_put(r, data, size);
}

void spill_record_clear(spill_record *r)
{
    r->size = 0;
    r->failed = false;
}

void spill_record_free(spill_record *r)
{
    free(r->data);
    *r = (spill_record){0};
}

spill_reader spill_reader_of(const void *data, size_t size)
{
    return (spill_reader){data, (const char *)data + size, false};
}

static const void *reader_take(spill_reader *r, size_t size)
{
    if (r->failed || size > (size_t)(r->end - r->at)) {
        r->failed = true;
        return NULL;
    }
    const void *at = r->at;
    r->at += size;
    return at;
}

uint32_t spill_reader_u32(spill_reader *r)
{
    uint32_t v = 0;
    const void *at = reader_take(r, sizeof(v));
    if (at)
        memcpy(&v, at, sizeof(v));
    return v;
}

uint64_t spill_reader_u64(spill_reader *r)
{
    uint64_t v = 0;
    const void *at = reader_take(r, sizeof(v));
    if (at)
        memcpy(&v, at, sizeof(v));
    return v;
}

const char *spill_reader_str(spill_reader *r)
{
    uint64_t n = spill_reader_u64(r);
    if (n == 0 || r->failed)
        return NULL;
    const char *s = n <= SIZE_MAX ? reader_take(r, (size_t)n) : NULL;
    if (!s || s[n - 1] != '\0' || memchr(s, '\0', (size_t)n - 1)) {
        r->failed = true;
        return NULL;
    }
    return s;
}

const void *spill_reader_bytes(spill_reader *r, size_t *size)
{
    uint64_t n = spill_reader_u64(r);
    *size = 0;
    if (n == 0 || r->failed)
        return NULL;
    const void *at = n <= SIZE_MAX ? reader_take(r, (size_t)n) : NULL;
    if (at)
        *size = (size_t)n;
    else
        r->failed = true;
    return at;
}
