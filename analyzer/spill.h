#ifndef AZSCAN_SPILL_H
#define AZSCAN_SPILL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * A spill: records appended one after another to an unlinked temporary file
 * and read back in the same order, by the process that wrote them. A scan
 * keeps there what its report needs while files are scanned, so that its
 * memory holds the files in flight rather than the results of every file
 * before them: the page cache holds the records, not the process.
 *
 * Records are built with a spill_record (values in the machine's own byte
 * order: they never leave the process) and read with a spill_reader.
 * Errors are returned as values; a failed append leaves the spill holding
 * the records before it.
 */

typedef struct spill spill;

/* Opens a spill in a new file under $TMPDIR, else /tmp, unlinked at once so
 * that nothing is left behind. Returns NULL when no file can be made there or
 * memory runs out. */
spill *spill_open(void);

/* A spill over the open file `fd`, which it takes (spill_close closes it,
 * and so does a failure here); NULL when out of memory. */
spill *spill_open_fd(int fd);

/* Closes the file and frees the spill. Accepts NULL. */
void spill_close(spill *s);

/* Appends one record of `size` bytes. Records are gathered in memory and
 * written a block at a time. Returns 0, or -1 when the file did not take
 * what was written: the spill then holds the records before this one
 * (written or still gathered), still readable. */
int spill_append(spill *s, const void *data, size_t size);

/* Records appended so far. */
size_t spill_count(const spill *s);

/* Reads the records in order, from the first (reading starts once appending
 * is over). Returns 1 with the next record at *data (owned by the spill,
 * valid until the next call) and its size, 0 after the last record, or -1
 * when the file cannot be read back or memory runs out. */
int spill_next(spill *s, const void **data, size_t *size);

/* A record being built: a growing buffer. Failure is sticky (`failed`),
 * so that a writer checks once at the end. */
typedef struct {
    char *data;
    size_t size, cap;
    bool failed;
} spill_record;

void spill_record_u32(spill_record *r, uint32_t v);
void spill_record_u64(spill_record *r, uint64_t v);
/* A string or NULL; read back as a pointer into the record. */
void spill_record_str(spill_record *r, const char *s);
/* `size` bytes (any bytes), read back with spill_reader_bytes. */
void spill_record_bytes(spill_record *r, const void *data, size_t size);
/* Empties the record for reuse. */
void spill_record_clear(spill_record *r);
void spill_record_free(spill_record *r);

/* Reading a record: each read past its end, or of a malformed string,
 * sets `failed` and yields zero or NULL. */
typedef struct {
    const char *at, *end;
    bool failed;
} spill_reader;

spill_reader spill_reader_of(const void *data, size_t size);
uint32_t spill_reader_u32(spill_reader *r);
uint64_t spill_reader_u64(spill_reader *r);
const char *spill_reader_str(spill_reader *r);
/* The bytes of a spill_record_bytes; NULL for none. */
const void *spill_reader_bytes(spill_reader *r, size_t *size);

#endif
