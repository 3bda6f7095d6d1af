#ifndef AZSCAN_SOURCE_H
#define AZSCAN_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * A source file held in memory: read with one read, checked to be text
 * (no NUL bytes, valid UTF-8), its byte-order mark skipped, and indexed so
 * that any byte offset can be turned into a 1-based line and a 1-based
 * column counted in code points.
 *
 * A `source_file` owns its buffer; free it with `source_file_free`. Offsets
 * taken and returned by this module are relative to `source_file_text`, which
 * is the file after its BOM.
 */

/* Files larger than this are refused rather than parsed. */
#define SOURCE_MAX_SIZE ((uint64_t)128 * 1024 * 1024)

typedef enum {
    SOURCE_OK = 0,
    SOURCE_ERR_NOT_FOUND,   /* the path does not exist */
    SOURCE_ERR_OPEN,        /* open failed for another reason, see sys_errno */
    SOURCE_ERR_NOT_REGULAR, /* a directory, FIFO, device or socket */
    SOURCE_ERR_TOO_LARGE,   /* bigger than SOURCE_MAX_SIZE, see size */
    SOURCE_ERR_READ,        /* read failed, see sys_errno */
    SOURCE_ERR_BINARY,      /* contains a NUL byte */
    SOURCE_ERR_ENCODING,    /* not valid UTF-8, see position and byte */
    SOURCE_ERR_NOMEM,
} source_status;

typedef struct {
    uint32_t line;   /* 1-based */
    uint32_t column; /* 1-based, in code points */
} source_position;

typedef struct {
    source_status status;
    int sys_errno;            /* SOURCE_ERR_OPEN, SOURCE_ERR_READ */
    uint64_t size;            /* SOURCE_ERR_TOO_LARGE */
    source_position position; /* SOURCE_ERR_ENCODING: the first bad byte */
    unsigned char byte;       /* SOURCE_ERR_ENCODING: its value */
} source_error;

typedef struct source_file source_file;

/*
 * Reads and checks the file at `path`. On success stores a new source_file in
 * `*out`; on failure stores NULL and describes the failure in `*err` (which
 * may be NULL). Never blocks on FIFOs: only regular files are read.
 */
source_status source_file_read(source_file **out, const char *path, source_error *err);

/*
 * Reads up to `cap` bytes from the start of the regular file at `path` into
 * `buf`, for a quick look at a file that may not be worth reading whole.
 * Stores the count in `*len` and whether the file is longer in `*truncated`.
 * Fails as source_file_read does on open and read errors and on files that
 * are not regular; does not look at the content.
 */
source_status source_file_read_prefix(const char *path, char *buf, size_t cap, size_t *len,
                                      int *truncated, source_error *err);

/*
 * Opens the regular file at `path` for reading and stores its descriptor in
 * `*fd` (-1 on failure), for a reader that goes through it piece by piece.
 * Fails as source_file_read does on open errors and on files that are not
 * regular.
 */
source_status source_file_open(const char *path, int *fd, source_error *err);

/* The length of the UTF-8 byte-order mark at the start of the `len` bytes
 * at `text`: 3, or 0 when there is none. */
size_t source_bom_length(const char *text, size_t len);

/*
 * A buffer for a file of `size` bytes, one byte longer (so that an empty
 * file still gets a real buffer), as source_file_load gives them and
 * source_file_adopt takes them; NULL when out of memory. Free with
 * source_data_free. A buffer of SOURCE_MAPPED_BYTES or more is pages of
 * its own, given back whole when freed: in the heap, the few files of
 * megabytes a scan meets (compiled ARM templates) each took a run that the
 * many small files' memory then settled around, so that a scan's peak
 * memory depended on the files it had scanned before.
 */
#define SOURCE_MAPPED_BYTES ((size_t)1 << 20)
char *source_data_new(size_t size);

/* Accepts NULL. */
void source_data_free(char *data);

/*
 * The bytes of the regular file at `path`, unchecked, in a buffer of
 * source_data_new's one byte longer than `*len`. Fails as source_file_read
 * does before it looks at the content.
 */
source_status source_file_load(const char *path, char **data, size_t *len, source_error *err);

/*
 * Like source_file_read, for bytes already in memory. Takes ownership of
 * `data` (a buffer of source_data_new's) whether or not it succeeds.
 */
source_status source_file_adopt(source_file **out, char *data, size_t len, source_error *err);

void source_file_free(source_file *src);

/* The text after the byte-order mark, and its length in bytes. */
const char *source_file_text(const source_file *src);
uint32_t source_file_length(const source_file *src);

/* The bytes of memory `src` holds: the file as read and its indexes. */
size_t source_file_memory(const source_file *src);

/* A copy of `src` laid out in `block`, of source_file_memory(src) bytes
 * aligned for any type. The copy owns nothing: it lives as long as the
 * block, whose owner frees it, never with source_file_free. */
source_file *source_file_place(const source_file *src, void *block);

/* The line and column of `offset`; offsets past the end are clamped. */
source_position source_file_locate(const source_file *src, uint32_t offset);

/* Whether the line `row` (0-based, as tree-sitter counts rows) holds only
 * ASCII, so that a column in it is its byte column. False past the end. */
bool source_file_row_is_ascii(const source_file *src, uint32_t row);

/*
 * Writes a one-line, human-readable description of `err` (without the file
 * name) into `buf`. Returns `buf`.
 */
const char *source_error_describe(const source_error *err, char *buf, size_t size);

#endif
