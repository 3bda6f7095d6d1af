#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */
#include "source.h"

#include "utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/*
 * Locating an offset: a table of line starts gives its line by binary
 * search. In a file of ASCII text its column is then a subtraction; in
 * other files, a second index records how many code points precede every
 * 4 KiB block, so that counting them scans at most two blocks, and a 50 MB
 * single-line file still locates each node in constant time.
 */
#define BLOCK_SIZE 4096u

struct source_file {
    char *data;            /* the whole file as read */
    const char *text;      /* data after the BOM */
    uint32_t length;       /* bytes of text */
    uint32_t *lines;       /* offset of the start of every line */
    uint32_t line_count;   /* at least 1 */
    uint32_t *code_points; /* code points before each block; NULL for ASCII text */
    uint8_t *ascii_rows;   /* a bit per line, set when it is ASCII; NULL for ASCII text */
};

size_t source_bom_length(const char *text, size_t len)
{
    return len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

/* Before every buffer of source_data_new's, 16 bytes so that the text stays
 * as aligned as malloc's. */
typedef struct {
    size_t mapped; /* bytes of the mapping, header included; 0: from malloc */
    size_t unused;
} data_header;

char *source_data_new(size_t size)
{
    if (size > SIZE_MAX - sizeof(data_header) - 1)
        return NULL;
    size_t total = sizeof(data_header) + size + 1;
    data_header *h;
    if (size >= SOURCE_MAPPED_BYTES) {
        h = mmap(NULL, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (h == MAP_FAILED)
            return NULL;
        h->mapped = total;
    } else {
        if (!(h = malloc(total)))
            return NULL;
        h->mapped = 0;
    }
    return (char *)(h + 1);
}

void source_data_free(char *data)
{
    if (!data)
        return;
    data_header *h = (data_header *)data - 1;
    if (h->mapped)
        munmap(h, h->mapped);
    else
        free(h);
}

static source_status fail(source_error *err, source_status status)
{
    if (err) {
        memset(err, 0, sizeof(*err));
        err->status = status;
    }
    return status;
}

static source_status fail_errno(source_error *err, source_status status, int sys_errno)
{
    fail(err, status);
    if (err)
        err->sys_errno = sys_errno;
    return status;
}

/* Position of `offset`, counted from the start; used before an index exists. */
static source_position scan_position(const char *text, uint32_t offset)
{
    uint32_t lines = 0, column = 0;
    for (uint32_t i = 0; i < offset; i++) {
        if (text[i] == '\n') {
            lines++;
            column = 0;
        } else {
            column += ((unsigned char)text[i] & 0xC0) != 0x80;
        }
    }
    return (source_position){lines + 1, column + 1};
}

static int build_index(source_file *src)
{
    const char *text = src->text, *end = text + src->length;
    uint32_t count = 1;
    for (const char *p = text; (p = memchr(p, '\n', (size_t)(end - p))); p++)
        count++;
    src->lines = malloc(count * sizeof(*src->lines));
    if (!src->lines)
        return -1;
    src->lines[0] = 0;
    src->line_count = 1;
    for (const char *p = text; (p = memchr(p, '\n', (size_t)(end - p))); p++)
        src->lines[src->line_count++] = (uint32_t)(p - text) + 1;

    if (utf8_ascii_prefix(text, src->length) == src->length)
        return 0;
    /* Most lines of most files with a non-ASCII character are still ASCII,
     * and their columns are subtractions too. */
    src->ascii_rows = calloc(src->line_count / 8 + 1, 1);
    if (!src->ascii_rows)
        return -1;
    for (uint32_t row = 0; row < src->line_count; row++) {
        uint32_t start = src->lines[row];
        uint32_t stop = row + 1 < src->line_count ? src->lines[row + 1] : src->length;
        if (utf8_ascii_prefix(text + start, stop - start) == stop - start)
            src->ascii_rows[row / 8] |= (uint8_t)(1u << (row % 8));
    }
    size_t blocks = src->length / BLOCK_SIZE + 1;
    src->code_points = malloc(blocks * sizeof(*src->code_points));
    if (!src->code_points)
        return -1;
    uint32_t before = 0;
    for (size_t b = 0; b < blocks; b++) {
        src->code_points[b] = before;
        uint32_t start = (uint32_t)(b * BLOCK_SIZE);
        uint32_t stop = start + BLOCK_SIZE < src->length ? start + BLOCK_SIZE : src->length;
        before += (uint32_t)utf8_count_code_points(text + start, stop - start);
    }
    return 0;
}

source_status source_file_adopt(source_file **out, char *data, size_t len, source_error *err)
{
    *out = NULL;
    if (len > SOURCE_MAX_SIZE) {
        source_data_free(data);
        fail(err, SOURCE_ERR_TOO_LARGE);
        if (err)
            err->size = len;
        return SOURCE_ERR_TOO_LARGE;
    }

    size_t bom = source_bom_length(data, len);
    const char *text = data + bom;
    size_t text_len = len - bom;

    if (memchr(text, '\0', text_len)) {
        source_data_free(data);
        return fail(err, SOURCE_ERR_BINARY);
    }

    size_t bad = utf8_find_invalid(text, text_len);
    if (bad != text_len) {
        if (err) {
            fail(err, SOURCE_ERR_ENCODING);
            /* Everything before the bad byte is valid, so it can be counted. */
            err->position = scan_position(text, (uint32_t)bad);
            err->byte = (unsigned char)text[bad];
        }
        source_data_free(data);
        return SOURCE_ERR_ENCODING;
    }

    source_file *src = calloc(1, sizeof(*src));
    if (!src) {
        source_data_free(data);
        return fail(err, SOURCE_ERR_NOMEM);
    }
    src->data = data;
    src->text = text;
    src->length = (uint32_t)text_len;
    if (build_index(src) != 0) {
        source_file_free(src);
        return fail(err, SOURCE_ERR_NOMEM);
    }

    *out = src;
    if (err)
        memset(err, 0, sizeof(*err));
    return SOURCE_OK;
}

/*
 * Opens a regular file for reading. O_NONBLOCK keeps open() from waiting for
 * a writer when the path is a FIFO, which is then refused.
 */
static source_status open_regular(const char *path, int *fd_out, struct stat *st, source_error *err)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        int e = errno;
        if (e == ENOENT || e == ENOTDIR)
            return fail(err, SOURCE_ERR_NOT_FOUND);
        return fail_errno(err, SOURCE_ERR_OPEN, e);
    }
    if (fstat(fd, st) != 0) {
        int e = errno;
        close(fd);
        return fail_errno(err, SOURCE_ERR_READ, e);
    }
    if (!S_ISREG(st->st_mode)) {
        close(fd);
        return fail(err, SOURCE_ERR_NOT_REGULAR);
    }
    *fd_out = fd;
    return SOURCE_OK;
}

source_status source_file_open(const char *path, int *fd, source_error *err)
{
    struct stat st;
    *fd = -1;
    return open_regular(path, fd, &st, err);
}

/* Reads until `size` bytes or end of file; stores the count in `*got`. */
static source_status read_fully(int fd, char *buf, size_t size, size_t *got, source_error *err)
{
    *got = 0;
    while (*got < size) {
        ssize_t n = read(fd, buf + *got, size - *got);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return fail_errno(err, SOURCE_ERR_READ, errno);
        }
        if (n == 0)
            break;
        *got += (size_t)n;
    }
    return SOURCE_OK;
}

source_status source_file_read_prefix(const char *path, char *buf, size_t cap, size_t *len,
                                      int *truncated, source_error *err)
{
    int fd;
    struct stat st;
    *len = 0;
    *truncated = 0;
    source_status status = open_regular(path, &fd, &st, err);
    if (status != SOURCE_OK)
        return status;
    status = read_fully(fd, buf, cap, len, err);
    close(fd);
    if (status == SOURCE_OK)
        *truncated = (uint64_t)st.st_size > *len;
    return status;
}

source_status source_file_load(const char *path, char **data, size_t *len, source_error *err)
{
    int fd;
    struct stat st;
    *data = NULL;
    *len = 0;
    source_status status = open_regular(path, &fd, &st, err);
    if (status != SOURCE_OK)
        return status;
    if ((uint64_t)st.st_size > SOURCE_MAX_SIZE) {
        close(fd);
        fail(err, SOURCE_ERR_TOO_LARGE);
        if (err)
            err->size = (uint64_t)st.st_size;
        return SOURCE_ERR_TOO_LARGE;
    }

    size_t size = (size_t)st.st_size;
    char *buf = source_data_new(size);
    if (!buf) {
        close(fd);
        return fail(err, SOURCE_ERR_NOMEM);
    }
    /* A file that changes size while being read is taken as it was read. */
    size_t got;
    status = read_fully(fd, buf, size, &got, err);
    close(fd);
    if (status != SOURCE_OK) {
        source_data_free(buf);
        return status;
    }
    *data = buf;
    *len = got;
    return SOURCE_OK;
}

source_status source_file_read(source_file **out, const char *path, source_error *err)
{
    *out = NULL;
    char *data;
    size_t len;
    source_status status = source_file_load(path, &data, &len, err);
    return status == SOURCE_OK ? source_file_adopt(out, data, len, err) : status;
}

void source_file_free(source_file *src)
{
    if (!src)
        return;
    free(src->lines);
    free(src->code_points);
    free(src->ascii_rows);
    source_data_free(src->data);
    free(src);
}

const char *source_file_text(const source_file *src)
{
    return src->text;
}

uint32_t source_file_length(const source_file *src)
{
    return src->length;
}

static size_t ascii_rows_size(const source_file *src)
{
    return src->ascii_rows ? src->line_count / 8 + 1 : 0;
}

static size_t code_points_size(const source_file *src)
{
    return src->code_points ? (src->length / BLOCK_SIZE + 1) * sizeof(*src->code_points) : 0;
}

size_t source_file_memory(const source_file *src)
{
    return sizeof(*src) + src->line_count * sizeof(*src->lines) + code_points_size(src) +
           ascii_rows_size(src) + (size_t)(src->text - src->data) + src->length;
}

/* Copies `size` bytes of `from` to `*at` and moves `*at` past them; a
 * NULL `from` stays NULL. */
static void *place(char **at, const void *from, size_t size)
{
    if (!from)
        return NULL;
    void *to = memcpy(*at, from, size);
    *at += size;
    return to;
}

source_file *source_file_place(const source_file *src, void *block)
{
    /* The struct, then the 32-bit indexes, then bytes: each part stays aligned. */
    source_file *copy = block;
    *copy = *src;
    char *at = (char *)(copy + 1);
    copy->lines = place(&at, src->lines, src->line_count * sizeof(*src->lines));
    copy->code_points = place(&at, src->code_points, code_points_size(src));
    copy->ascii_rows = place(&at, src->ascii_rows, ascii_rows_size(src));
    size_t bom = (size_t)(src->text - src->data);
    copy->data = place(&at, src->data, bom + src->length);
    copy->text = copy->data + bom;
    return copy;
}

static uint32_t code_points_before(const source_file *src, uint32_t offset)
{
    if (!src->code_points)
        return offset;
    uint32_t block_start = offset / BLOCK_SIZE * BLOCK_SIZE;
    return src->code_points[offset / BLOCK_SIZE] +
           (uint32_t)utf8_count_code_points(src->text + block_start, offset - block_start);
}

source_position source_file_locate(const source_file *src, uint32_t offset)
{
    if (offset > src->length)
        offset = src->length;
    /* The last line that starts at or before the offset. */
    uint32_t lo = 0, hi = src->line_count;
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (src->lines[mid] <= offset)
            lo = mid;
        else
            hi = mid;
    }
    uint32_t column =
        source_file_row_is_ascii(src, lo)
            ? offset - src->lines[lo]
            : code_points_before(src, offset) - code_points_before(src, src->lines[lo]);
    return (source_position){lo + 1, column + 1};
}

bool source_file_row_is_ascii(const source_file *src, uint32_t row)
{
    if (row >= src->line_count)
        return false;
    return !src->ascii_rows || (src->ascii_rows[row / 8] >> (row % 8)) & 1;
}

/* strerror's text in `buf`: strerror itself may share one buffer between
 * threads, and files are read on several. */
static const char *error_text(int errnum, char *buf, size_t size)
{
    if (strerror_r(errnum, buf, size) != 0)
        snprintf(buf, size, "error %d", errnum);
    return buf;
}

const char *source_error_describe(const source_error *err, char *buf, size_t size)
{
    char why[128];
    switch (err->status) {
    case SOURCE_OK:
        snprintf(buf, size, "no error");
        break;
    case SOURCE_ERR_NOT_FOUND:
        snprintf(buf, size, "no such file or directory");
        break;
    case SOURCE_ERR_OPEN:
        snprintf(buf, size, "cannot open: %s", error_text(err->sys_errno, why, sizeof(why)));
        break;
    case SOURCE_ERR_NOT_REGULAR:
        snprintf(buf, size, "not a regular file");
        break;
    case SOURCE_ERR_TOO_LARGE:
        snprintf(buf, size, "file too large (%llu bytes; the limit is %llu MiB)",
                 (unsigned long long)err->size,
                 (unsigned long long)(SOURCE_MAX_SIZE / (1024 * 1024)));
        break;
    case SOURCE_ERR_READ:
        snprintf(buf, size, "cannot read: %s", error_text(err->sys_errno, why, sizeof(why)));
        break;
    case SOURCE_ERR_BINARY:
        snprintf(buf, size, "binary file (contains NUL bytes)");
        break;
    case SOURCE_ERR_ENCODING:
        snprintf(buf, size, "invalid UTF-8 (byte 0x%02X)", err->byte);
        break;
    case SOURCE_ERR_NOMEM:
        snprintf(buf, size, "out of memory");
        break;
    }
    return buf;
}
