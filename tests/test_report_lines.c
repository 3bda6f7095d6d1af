#include "fault.h"
#include "fs_fixture.h"
#include "report_lines.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The reader's first buffer, as report_lines.c sizes it. */
#define CHUNK (64 * 1024)

static char *dir;

static void setup(void)
{
    dir = fixture_tempdir();
}

static void teardown(void)
{
    fault_fail_allocation(-1);
    fault_fail_reads(0);
    fixture_remove(dir);
    free(dir);
}

TestSuite(report_lines, .init = setup, .fini = teardown);

/* A reader of a file holding `len` bytes of `data`. */
static report_lines *open_bytes(const char *data, size_t len, size_t max_line)
{
    fixture_write(dir, "f", data, len);
    char *path = fixture_path(dir, "f");
    report_lines *r = report_lines_open(path, max_line);
    free(path);
    cr_assert_not_null(r);
    return r;
}

static report_lines *open_text(const char *text)
{
    return open_bytes(text, strlen(text), 1000);
}

static void assert_line(report_lines *r, unsigned number, const char *expected)
{
    const char *text;
    size_t len;
    cr_assert_eq(report_lines_get(r, number, &text, &len), 1, "no line %u", number);
    cr_assert_eq(len, strlen(expected), "line %u: %zu bytes, not %zu", number, len,
                 strlen(expected));
    cr_assert_eq(memcmp(text, expected, len), 0, "line %u: '%.*s'", number, (int)len, text);
}

static void assert_no_line(report_lines *r, unsigned number)
{
    const char *text;
    size_t len;
    cr_assert_eq(report_lines_get(r, number, &text, &len), 0, "a line %u", number);
}

Test(report_lines, gives_lines_without_their_breaks)
{
    report_lines *r = open_text("a\r\nbb\n\nccc");
    assert_line(r, 1, "a");
    assert_line(r, 2, "bb");
    assert_line(r, 3, "");
    assert_line(r, 4, "ccc");
    assert_no_line(r, 5);
    report_lines_free(r);
}

Test(report_lines, line_0_and_lines_past_the_end_are_missing)
{
    report_lines *r = open_text("one\ntwo\n");
    assert_no_line(r, 0);
    /* After the last break, an empty last line, as the scan counts lines. */
    assert_line(r, 3, "");
    assert_no_line(r, 4);
    assert_no_line(r, 1000);
    report_lines_free(r);
}

Test(report_lines, an_empty_file_has_one_empty_line)
{
    report_lines *r = open_text("");
    assert_line(r, 1, "");
    assert_no_line(r, 2);
    report_lines_free(r);
}

Test(report_lines, skips_the_byte_order_mark)
{
    report_lines *r = open_text("\xEF\xBB\xBFx = 1\ny");
    assert_line(r, 1, "x = 1");
    assert_line(r, 2, "y");
    /* Read again from the top, the mark is skipped again. */
    assert_line(r, 1, "x = 1");
    report_lines_free(r);

    r = open_text("\xEF\xBB\xBF");
    assert_line(r, 1, "");
    report_lines_free(r);

    /* Only at the very start. */
    r = open_text("a\n\xEF\xBB\xBF");
    assert_line(r, 2, "\xEF\xBB\xBF");
    report_lines_free(r);
}

Test(report_lines, an_earlier_line_reads_from_the_top_again)
{
    report_lines *r = open_text("1\n2\n3\n4\n");
    assert_line(r, 3, "3");
    assert_line(r, 3, "3");
    assert_line(r, 1, "1");
    assert_line(r, 4, "4");
    assert_line(r, 2, "2");
    report_lines_free(r);
}

/* Line k of the many-line file: k % 997 bytes, so that lines of every
 * length cross the buffer's edges. */
static size_t line_length(unsigned k)
{
    return k % 997;
}

static char line_byte(unsigned k, size_t i)
{
    return (char)('a' + (k + i) % 26);
}

Test(report_lines, lines_across_reads_and_longer_than_the_buffer)
{
    enum { LINES = 2000 };
    size_t size = 0;
    for (unsigned k = 1; k <= LINES; k++)
        size += line_length(k) + 1;
    size_t long_len = 3 * CHUNK + 5;
    char *data = malloc(size + long_len + 16);
    cr_assert_not_null(data);
    size_t at = 0;
    for (unsigned k = 1; k <= LINES; k++) {
        for (size_t i = 0; i < line_length(k); i++)
            data[at++] = line_byte(k, i);
        data[at++] = '\n';
    }
    /* Then a line of several buffers, and a short one. */
    memset(data + at, 'L', long_len);
    at += long_len;
    memcpy(data + at, "\r\nend", 5);
    at += 5;

    report_lines *r = open_bytes(data, at, SIZE_MAX);
    for (unsigned k = 1; k <= LINES; k += 1 + k % 3) {
        const char *text;
        size_t len;
        cr_assert_eq(report_lines_get(r, k, &text, &len), 1, "no line %u", k);
        cr_assert_eq(len, line_length(k), "line %u", k);
        for (size_t i = 0; i < len; i++)
            cr_assert_eq(text[i], line_byte(k, i), "line %u, byte %zu", k, i);
    }
    const char *text;
    size_t len;
    cr_assert_eq(report_lines_get(r, LINES + 1, &text, &len), 1);
    cr_assert_eq(len, long_len);
    cr_assert_eq(text[0], 'L');
    cr_assert_eq(text[len - 1], 'L');
    assert_line(r, LINES + 2, "end");
    report_lines_free(r);
    free(data);
}

Test(report_lines, a_line_longer_than_the_bound_is_missing)
{
    report_lines *r = open_bytes("0123456789\n01234567890\n0123456789\r\nz", 36, 10);
    assert_line(r, 1, "0123456789");
    assert_no_line(r, 2);
    /* The break is not part of the line. */
    assert_line(r, 3, "0123456789");
    assert_line(r, 4, "z");
    report_lines_free(r);
}

Test(report_lines, memory_stays_within_the_bound_whatever_the_line)
{
    /* A 4 MiB line: skipped over, or given up past a bound of 10 bytes,
     * it takes no more than the first buffer. */
    size_t big = 4u << 20;
    char *data = malloc(big + 3);
    cr_assert_not_null(data);
    memset(data, 'x', big);
    memcpy(data + big, "\nok", 3);
    for (int skip = 0; skip < 2; skip++) {
        report_lines *r = open_bytes(data, big + 3, 10);
        size_t before = fault_bytes_asked();
        if (skip)
            assert_line(r, 2, "ok");
        else
            assert_no_line(r, 1);
        cr_assert_leq(fault_bytes_asked() - before, CHUNK, "%zu bytes",
                      fault_bytes_asked() - before);
        report_lines_free(r);
    }
    free(data);
}

Test(report_lines, a_file_that_cannot_be_read_has_no_lines)
{
    char *missing = fixture_path(dir, "missing");
    report_lines *r = report_lines_open(missing, 100);
    cr_assert_not_null(r);
    assert_no_line(r, 1);
    report_lines_free(r);
    free(missing);

    /* A directory is not read as a file. */
    r = report_lines_open(dir, 100);
    cr_assert_not_null(r);
    assert_no_line(r, 1);
    report_lines_free(r);

    r = open_text("a\nb\n");
    fault_fail_reads(EIO);
    assert_no_line(r, 1);
    fault_fail_reads(0);
    /* A failed read ends the reader: it never gives part of a file. */
    assert_no_line(r, 1);
    report_lines_free(r);
}

Test(report_lines, out_of_memory_is_returned)
{
    fixture_write_text(dir, "f", "a\nb\n");
    char *path = fixture_path(dir, "f");
    fault_fail_allocation(0);
    cr_assert_null(report_lines_open(path, 100));
    fault_fail_allocation(-1);

    /* The first read takes the buffer. */
    report_lines *r = report_lines_open(path, 100);
    cr_assert_not_null(r);
    const char *text;
    size_t len;
    fault_fail_allocation(0);
    cr_assert_eq(report_lines_get(r, 1, &text, &len), -1);
    fault_fail_allocation(-1);
    report_lines_free(r);
    free(path);

    /* A line longer than the buffer grows it. */
    char *data = malloc(2 * CHUNK);
    cr_assert_not_null(data);
    memset(data, 'y', 2 * CHUNK);
    r = open_bytes(data, 2 * CHUNK, SIZE_MAX);
    free(data);
    cr_assert_eq(report_lines_get(r, 2, &text, &len), 0);
    fault_fail_allocation(0);
    cr_assert_eq(report_lines_get(r, 1, &text, &len), -1);
    fault_fail_allocation(-1);
    cr_assert_eq(report_lines_get(r, 1, &text, &len), 1);
    cr_assert_eq(len, 2 * CHUNK);
    report_lines_free(r);
}
