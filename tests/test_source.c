#include "fault.h"
#include "fs_fixture.h"
#include "source.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *dir;

static void setup(void)
{
    dir = fixture_tempdir();
}

static void teardown(void)
{
    fixture_remove(dir);
    free(dir);
}

TestSuite(source, .init = setup, .fini = teardown);

static source_file *read_ok(const char *rel)
{
    char *path = fixture_path(dir, rel);
    source_file *src;
    source_error err;
    cr_assert_eq(source_file_read(&src, path, &err), SOURCE_OK, "reading %s", rel);
    cr_assert_not_null(src);
    free(path);
    return src;
}

static source_status read_fails(const char *rel, source_error *err)
{
    char *path = fixture_path(dir, rel);
    source_file *src = (source_file *)1;
    source_status status = source_file_read(&src, path, err);
    cr_assert_neq(status, SOURCE_OK);
    cr_assert_null(src);
    cr_assert_eq(err->status, status);
    free(path);
    return status;
}

static void assert_position(source_position p, uint32_t line, uint32_t column)
{
    cr_assert_eq(p.line, line, "line %u, expected %u", p.line, line);
    cr_assert_eq(p.column, column, "column %u, expected %u", p.column, column);
}

Test(source, skips_a_byte_order_mark_and_counts_columns_after_it)
{
    fixture_write_text(dir, "bom.json", "\xEF\xBB\xBF{}");
    source_file *src = read_ok("bom.json");
    cr_assert_eq(source_file_length(src), 2);
    cr_assert_eq(memcmp(source_file_text(src), "{}", 2), 0);
    assert_position(source_file_locate(src, 1), 1, 2);
    source_file_free(src);
}

Test(source, counts_columns_in_code_points)
{
    /* a b \n é € x: 'x' is at byte 8 but column 3 of line 2. */
    fixture_write_text(dir, "a.bicep", "ab\n\xC3\xA9\xE2\x82\xACx\n");
    source_file *src = read_ok("a.bicep");
    assert_position(source_file_locate(src, 0), 1, 1);
    assert_position(source_file_locate(src, 2), 1, 3);
    assert_position(source_file_locate(src, 3), 2, 1);
    assert_position(source_file_locate(src, 5), 2, 2);
    assert_position(source_file_locate(src, 8), 2, 3);
    assert_position(source_file_locate(src, 10), 3, 1);
    source_file_free(src);
}

/* The line and column of `offset`, the slow way. */
static source_position naive_position(const char *text, uint32_t offset)
{
    source_position p = {1, 1};
    for (uint32_t i = 0; i < offset; i++) {
        if (text[i] == '\n') {
            p.line++;
            p.column = 1;
        } else if (((unsigned char)text[i] & 0xC0) != 0x80) {
            p.column++;
        }
    }
    return p;
}

typedef enum { TEXT_ASCII, TEXT_SOME_LINES_MULTIBYTE, TEXT_MULTIBYTE } text_kind;

/* Compares every offset of a 64 KiB random text, with lines from empty to
 * 3 index blocks long, with a linear scan. TEXT_MULTIBYTE mixes 2- and
 * 4-byte characters, straddling block boundaries, into every line;
 * TEXT_SOME_LINES_MULTIBYTE into every other line only. */
static void assert_locates_like_a_linear_scan(text_kind kind)
{
    size_t cap = 64 * 1024, len = 0;
    char *text = malloc(cap);
    unsigned seed = 12345, row = 0;
    while (len < cap - 8) {
        seed = seed * 1103515245 + 12345;
        unsigned r = (seed >> 16) % 100;
        bool multibyte = kind == TEXT_MULTIBYTE || (kind == TEXT_SOME_LINES_MULTIBYTE && row % 2);
        if (r < 2) {
            text[len++] = '\n';
            row++;
        } else if (r < 40 && multibyte) {
            memcpy(text + len, "\xC3\xA9", 2);
            len += 2;
        } else if (r < 50 && multibyte) {
            memcpy(text + len, "\xF0\x9F\x98\x80", 4);
            len += 4;
        } else {
            text[len++] = 'a';
        }
        if (len > 20000 && len < 33000 && text[len - 1] == '\n') {
            text[len - 1] = 'b'; /* one line longer than three blocks */
            row--;
        }
    }
    fixture_write(dir, "long.bicep", text, len);
    source_file *src = read_ok("long.bicep");
    for (uint32_t off = 0; off <= len; off++) {
        if (off < len && ((unsigned char)text[off] & 0xC0) == 0x80)
            continue;
        source_position want = naive_position(text, off);
        source_position got = source_file_locate(src, off);
        cr_assert(got.line == want.line && got.column == want.column,
                  "offset %u: got %u:%u, want %u:%u", off, got.line, got.column, want.line,
                  want.column);
    }
    free(text);
    source_file_free(src);
}

Test(source, locates_every_offset_like_a_linear_scan_across_index_blocks)
{
    assert_locates_like_a_linear_scan(TEXT_MULTIBYTE);
}

Test(source, locates_every_offset_of_ascii_text_like_a_linear_scan)
{
    assert_locates_like_a_linear_scan(TEXT_ASCII);
}

Test(source, locates_every_offset_when_only_some_lines_are_ascii)
{
    assert_locates_like_a_linear_scan(TEXT_SOME_LINES_MULTIBYTE);
}

Test(source, tells_which_rows_are_ascii)
{
    fixture_write_text(dir, "mixed.bicep", "ascii\ncaf\xC3\xA9\n\nlast \xE2\x80\x94 line\r\nend");
    source_file *src = read_ok("mixed.bicep");
    cr_assert(source_file_row_is_ascii(src, 0));
    cr_assert(!source_file_row_is_ascii(src, 1));
    cr_assert(source_file_row_is_ascii(src, 2));
    cr_assert(!source_file_row_is_ascii(src, 3));
    cr_assert(source_file_row_is_ascii(src, 4));
    cr_assert(!source_file_row_is_ascii(src, 5), "past the last line");
    assert_position(source_file_locate(src, 12), 3, 1);
    assert_position(source_file_locate(src, 25), 4, 11);
    assert_position(source_file_locate(src, 29), 5, 2);
    source_file_free(src);

    fixture_write_text(dir, "ascii.bicep", "one\ntwo");
    src = read_ok("ascii.bicep");
    cr_assert(source_file_row_is_ascii(src, 0) && source_file_row_is_ascii(src, 1));
    cr_assert(!source_file_row_is_ascii(src, 2), "past the last line");
    source_file_free(src);
}

/* The memory of a file: its bytes, a line start a line, and for text
 * that is not all ASCII, the indexes of its rows and code points. */
Test(source, tells_its_memory)
{
    fixture_write_text(dir, "one-line.bicep", "abcdefgh");
    fixture_write_text(dir, "lines.bicep", "abc\n\n\ngh");
    fixture_write_text(dir, "accent.bicep", "abcdef\xC3\xA9");
    fixture_write_text(dir, "bom.bicep",
                       "\xEF\xBB\xBF"
                       "abcdefgh");
    source_file *one = read_ok("one-line.bicep"), *lines = read_ok("lines.bicep");
    source_file *accent = read_ok("accent.bicep"), *bom = read_ok("bom.bicep");
    cr_assert_gt(source_file_memory(one), 8 + sizeof(uint32_t));
    cr_assert_eq(source_file_memory(lines), source_file_memory(one) + 3 * sizeof(uint32_t));
    cr_assert_gt(source_file_memory(accent), source_file_memory(one));
    cr_assert_eq(source_file_memory(bom), source_file_memory(one) + 3);
    source_file_free(one);
    source_file_free(lines);
    source_file_free(accent);
    source_file_free(bom);
}

/* A copy placed in a block of its own answers as the file did, after the
 * file is freed: its text after the mark, lines, rows and code points. */
Test(source, answers_the_same_once_placed_in_a_block)
{
    fixture_write_text(dir, "placed.bicep",
                       "\xEF\xBB\xBF"
                       "ascii\ncaf\xC3\xA9 \xF0\x9F\x98\x80 x\n\nend");
    fixture_write_text(dir, "plain.bicep", "one\ntwo");
    const char *names[] = {"placed.bicep", "plain.bicep"};
    for (size_t k = 0; k < 2; k++) {
        source_file *src = read_ok(names[k]);
        uint32_t len = source_file_length(src);
        char *text = malloc(len);
        memcpy(text, source_file_text(src), len);
        source_position *want = malloc((len + 1) * sizeof(*want));
        bool rows[6];
        for (uint32_t off = 0; off <= len; off++)
            want[off] = source_file_locate(src, off);
        for (uint32_t row = 0; row < 6; row++)
            rows[row] = source_file_row_is_ascii(src, row);
        size_t memory = source_file_memory(src);
        void *block = malloc(memory);
        source_file *copy = source_file_place(src, block);
        source_file_free(src);
        cr_assert_eq(source_file_memory(copy), memory);
        cr_assert_eq(source_file_length(copy), len);
        cr_assert_eq(memcmp(source_file_text(copy), text, len), 0);
        cr_assert_geq((const char *)source_file_text(copy), (const char *)block);
        cr_assert_leq(source_file_text(copy) + len, (const char *)block + memory);
        for (uint32_t off = 0; off <= len; off++) {
            source_position got = source_file_locate(copy, off);
            assert_position(got, want[off].line, want[off].column);
        }
        for (uint32_t row = 0; row < 6; row++)
            cr_assert_eq(source_file_row_is_ascii(copy, row), rows[row], "%s row %u", names[k],
                         row);
        free(block);
        free(want);
        free(text);
    }
}

/* Files of SOURCE_MAPPED_BYTES or more are read into pages of their own
 * (so a failing mmap fails them, and only them), and read the same. */
Test(source, reads_large_files_into_pages_of_their_own)
{
    size_t sizes[] = {SOURCE_MAPPED_BYTES - 1, SOURCE_MAPPED_BYTES, SOURCE_MAPPED_BYTES + 4097};
    for (size_t k = 0; k < 3; k++) {
        size_t size = sizes[k];
        char *text = malloc(size);
        for (size_t i = 0; i < size; i++)
            text[i] = i % 64 == 63 ? '\n' : (char)('a' + i % 26);
        fixture_write(dir, "big.json", text, size);
        bool mapped = size >= SOURCE_MAPPED_BYTES;
        source_error err;
        fault_fail_mmap(true);
        if (mapped)
            cr_assert_eq(read_fails("big.json", &err), SOURCE_ERR_NOMEM, "%zu bytes", size);
        else
            source_file_free(read_ok("big.json"));
        fault_fail_mmap(false);
        source_file *src = read_ok("big.json");
        cr_assert_eq(source_file_length(src), size);
        cr_assert_eq(memcmp(source_file_text(src), text, size), 0, "%zu bytes", size);
        assert_position(source_file_locate(src, (uint32_t)size), (uint32_t)(size / 64 + 1),
                        (uint32_t)(size % 64 + 1));
        source_file_free(src);
        free(text);
    }
}

Test(source, data_buffers_fail_as_values_and_free_null)
{
    cr_assert_null(source_data_new(SIZE_MAX));
    cr_assert_null(source_data_new(SIZE_MAX - 16));
    fault_fail_allocation(0);
    cr_assert_null(source_data_new(10));
    fault_fail_allocation(-1);
    char *empty = source_data_new(0);
    cr_assert_not_null(empty);
    source_data_free(empty);
    source_data_free(NULL);
}

Test(source, clamps_offsets_past_the_end)
{
    fixture_write_text(dir, "a.bicep", "x\nyz");
    source_file *src = read_ok("a.bicep");
    assert_position(source_file_locate(src, 4), 2, 3);
    assert_position(source_file_locate(src, 1000), 2, 3);
    source_file_free(src);
}

Test(source, reads_empty_files)
{
    fixture_write_text(dir, "empty.bicep", "");
    fixture_write_text(dir, "bom-only.bicep", "\xEF\xBB\xBF");
    const char *names[] = {"empty.bicep", "bom-only.bicep"};
    for (int i = 0; i < 2; i++) {
        source_file *src = read_ok(names[i]);
        cr_assert_eq(source_file_length(src), 0);
        assert_position(source_file_locate(src, 0), 1, 1);
        source_file_free(src);
    }
}

Test(source, refuses_files_with_nul_bytes)
{
    fixture_write(dir, "bin.bicep", "ab\0cd", 5);
    source_error err;
    cr_assert_eq(read_fails("bin.bicep", &err), SOURCE_ERR_BINARY);
}

Test(source, reports_where_invalid_utf8_starts)
{
    fixture_write_text(dir, "bad.bicep", "ok\nab\xC3\xA9\xFFz");
    fixture_write_text(dir, "bad-bom.bicep", "\xEF\xBB\xBFok\nab\xC3\xA9\xFFz");
    const char *names[] = {"bad.bicep", "bad-bom.bicep"};
    for (int i = 0; i < 2; i++) {
        source_error err;
        cr_assert_eq(read_fails(names[i], &err), SOURCE_ERR_ENCODING);
        assert_position(err.position, 2, 4);
        cr_assert_eq(err.byte, 0xFF);
    }
}

static void make_sparse(const char *rel, off_t size)
{
    char *path = fixture_path(dir, rel);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    cr_assert_geq(fd, 0);
    cr_assert_eq(ftruncate(fd, size), 0);
    close(fd);
    free(path);
}

Test(source, refuses_files_over_the_size_limit)
{
    make_sparse("huge.bicep", (off_t)SOURCE_MAX_SIZE + 1);
    source_error err;
    cr_assert_eq(read_fails("huge.bicep", &err), SOURCE_ERR_TOO_LARGE);
    cr_assert_eq(err.size, SOURCE_MAX_SIZE + 1);
}

Test(source, reads_a_file_of_exactly_the_size_limit)
{
    /* Read whole, then refused for its (sparse) NUL bytes, not its size. */
    make_sparse("limit.bicep", (off_t)SOURCE_MAX_SIZE);
    source_error err;
    cr_assert_eq(read_fails("limit.bicep", &err), SOURCE_ERR_BINARY);
}

Test(source, adopt_refuses_buffers_over_the_size_limit)
{
    source_file *src;
    source_error err;
    cr_assert_eq(source_file_adopt(&src, source_data_new(0), SOURCE_MAX_SIZE + 1, &err),
                 SOURCE_ERR_TOO_LARGE);
    cr_assert_null(src);
}

Test(source, adopt_takes_bytes_already_in_memory)
{
    char *data = source_data_new(5);
    memcpy(data, "a\n\xC3\xA9z", 5);
    source_file *src;
    cr_assert_eq(source_file_adopt(&src, data, 5, NULL), SOURCE_OK);
    assert_position(source_file_locate(src, 5), 2, 3);
    source_file_free(src);
}

Test(source, reports_missing_paths)
{
    fixture_write_text(dir, "file", "x");
    source_error err;
    cr_assert_eq(read_fails("nope.bicep", &err), SOURCE_ERR_NOT_FOUND);
    cr_assert_eq(read_fails("file/under-a-file.bicep", &err), SOURCE_ERR_NOT_FOUND);
}

Test(source, refuses_directories_and_fifos_without_blocking)
{
    fixture_mkdir(dir, "d.bicep");
    char *fifo = fixture_path(dir, "f.bicep");
    cr_assert_eq(mkfifo(fifo, 0644), 0);
    free(fifo);
    source_error err;
    cr_assert_eq(read_fails("d.bicep", &err), SOURCE_ERR_NOT_REGULAR);
    cr_assert_eq(read_fails("f.bicep", &err), SOURCE_ERR_NOT_REGULAR);
}

static int read_unprivileged(void *path)
{
    source_file *src;
    source_error err;
    source_status status = source_file_read(&src, path, &err);
    return status == SOURCE_ERR_OPEN && err.sys_errno == EACCES ? 0 : 1;
}

Test(source, reports_files_it_may_not_open)
{
    fixture_write_text(dir, "secret.bicep", "x");
    char *path = fixture_path(dir, "secret.bicep");
    cr_assert_eq(chmod(path, 0), 0);
    cr_assert_eq(fixture_run_unprivileged(read_unprivileged, path), 0);
    free(path);
}

Test(source, reports_read_errors)
{
    fixture_write_text(dir, "a.bicep", "x");
    source_error err;
    fault_fail_reads(EIO);
    cr_assert_eq(read_fails("a.bicep", &err), SOURCE_ERR_READ);
    cr_assert_eq(err.sys_errno, EIO);

    char buf[8];
    size_t len;
    int truncated;
    char *path = fixture_path(dir, "a.bicep");
    cr_assert_eq(source_file_read_prefix(path, buf, sizeof(buf), &len, &truncated, &err),
                 SOURCE_ERR_READ);
    fault_fail_reads(0);
    free(path);
}

Test(source, reads_a_prefix_and_says_whether_there_is_more)
{
    fixture_write_text(dir, "a.json", "0123456789");
    char *path = fixture_path(dir, "a.json");
    char buf[16];
    size_t len;
    int truncated;
    cr_assert_eq(source_file_read_prefix(path, buf, 4, &len, &truncated, NULL), SOURCE_OK);
    cr_assert_eq(len, 4);
    cr_assert(truncated);
    cr_assert_eq(memcmp(buf, "0123", 4), 0);
    cr_assert_eq(source_file_read_prefix(path, buf, 10, &len, &truncated, NULL), SOURCE_OK);
    cr_assert_eq(len, 10);
    cr_assert_not(truncated);
    free(path);

    fixture_mkdir(dir, "d.json");
    path = fixture_path(dir, "d.json");
    source_error err;
    cr_assert_eq(source_file_read_prefix(path, buf, 4, &len, &truncated, &err),
                 SOURCE_ERR_NOT_REGULAR);
    free(path);
}

/* ASCII text needs no code-point index; other text does: both are tried. */
Test(source, fails_cleanly_at_every_allocation)
{
    static const char *const texts[] = {"param x string\n", "param caf\xC3\xA9 string\n"};
    for (size_t t = 0; t < 2; t++) {
        fixture_write_text(dir, "a.bicep", texts[t]);
        char *path = fixture_path(dir, "a.bicep");
        for (long n = 0;; n++) {
            long before = fault_live_allocations();
            fault_fail_allocation(n);
            source_file *src;
            source_error err;
            source_status status = source_file_read(&src, path, &err);
            fault_fail_allocation(-1);
            if (status == SOURCE_OK) {
                cr_assert_geq(n, 2 + (long)t, "text %zu: allocation %ld was not tried", t, n);
                source_file_free(src);
                cr_assert_eq(fault_live_allocations(), before);
                break;
            }
            cr_assert_eq(status, SOURCE_ERR_NOMEM, "allocation %ld", n);
            cr_assert_null(src);
            cr_assert_eq(fault_live_allocations(), before, "leak after failing allocation %ld", n);
        }
        free(path);
    }
}

Test(source, describes_every_error)
{
    char buf[128];
    struct {
        source_error err;
        const char *text;
    } cases[] = {
        {{.status = SOURCE_ERR_NOT_FOUND}, "no such file or directory"},
        {{.status = SOURCE_ERR_OPEN, .sys_errno = EACCES}, "cannot open: Permission denied"},
        {{.status = SOURCE_ERR_NOT_REGULAR}, "not a regular file"},
        {{.status = SOURCE_ERR_TOO_LARGE, .size = 200000000},
         "file too large (200000000 bytes; the limit is 128 MiB)"},
        {{.status = SOURCE_ERR_READ, .sys_errno = EIO}, "cannot read: Input/output error"},
        {{.status = SOURCE_ERR_BINARY}, "binary file (contains NUL bytes)"},
        {{.status = SOURCE_ERR_ENCODING, .byte = 0xFE}, "invalid UTF-8 (byte 0xFE)"},
        {{.status = SOURCE_ERR_NOMEM}, "out of memory"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        cr_assert_str_eq(source_error_describe(&cases[i].err, buf, sizeof(buf)), cases[i].text);
}
