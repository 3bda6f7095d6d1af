/* Finding suppression directives in a file's text: which lines are kept,
 * with which numbers, and a failed allocation. Applying them is tested
 * through scans in test_suppressions.c. */
#include "fault.h"
#include "suppress.h"

#include <criterion/criterion.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    uint32_t line;
    const char *text;
    uint32_t len;
} record;

/* The records of `block`, at most `max` of them; returns their count. */
static size_t decode(const char *block, size_t size, record *out, size_t max)
{
    size_t n = 0, at = 0;
    while (at < size) {
        cr_assert_geq(size - at, 2 * sizeof(uint32_t), "a record's head is cut short");
        cr_assert_lt(n, max);
        memcpy(&out[n].line, block + at, sizeof(uint32_t));
        memcpy(&out[n].len, block + at + sizeof(uint32_t), sizeof(uint32_t));
        out[n].text = block + at + 2 * sizeof(uint32_t);
        at += 2 * sizeof(uint32_t) + out[n].len;
        cr_assert_leq(at, size, "a record's line is cut short");
        n++;
    }
    return n;
}

static size_t find(const char *text, char **block, size_t *size, record *out, size_t max)
{
    cr_assert_eq(suppress_directives_find(text, strlen(text), block, size), 0);
    return decode(*block, *size, out, max);
}

static void assert_record(const record *r, uint32_t line, const char *text)
{
    cr_assert_eq(r->line, line);
    cr_assert_eq(r->len, strlen(text), "line %u: %.*s", line, (int)r->len, r->text);
    cr_assert(memcmp(r->text, text, r->len) == 0, "line %u: %.*s", line, (int)r->len, r->text);
}

Test(suppress, a_file_without_directives_has_no_block)
{
    char *block = (char *)1;
    size_t size = 7;
    const char *text = "var a = 1\n// disable-next\nvar b = 'disable-next-line'\n";
    cr_assert_eq(suppress_directives_find(text, strlen(text), &block, &size), 0);
    cr_assert_null(block);
    cr_assert_eq(size, 0);
    cr_assert_eq(suppress_directives_find("", 0, &block, &size), 0);
    cr_assert_null(block);
}

/* Every line that starts with a marker after its indentation is kept
 * whole, once, with its number; other mentions of the word are not. The
 * last line needs no line break, and a CR stays with its line. */
Test(suppress, keeps_each_line_that_starts_with_a_directive)
{
    const char *text = "#disable-next-line no-unused-params\n"
                       "param a string\n"
                       "\n"
                       "  // azscan-disable-next-line AZS201 disable-next-line\r\n"
                       "  // azscan-disable-next-line AZS303: why\n"
                       "var x = 'disable-next-line'\n"
                       "// azscan-disable-next-lines AZS201\n"
                       "/* #disable-next-line AZS201 */\n"
                       "\t// azscan-disable-next-line";
    char *block;
    size_t size;
    record r[8];
    cr_assert_eq(find(text, &block, &size, r, 8), 4);
    assert_record(&r[0], 1, "#disable-next-line no-unused-params");
    assert_record(&r[1], 4, "  // azscan-disable-next-line AZS201 disable-next-line\r");
    assert_record(&r[2], 5, "  // azscan-disable-next-line AZS303: why");
    assert_record(&r[3], 9, "\t// azscan-disable-next-line");
    free(block);
}

/* Line numbers stay right far into a file, and a block grows past its
 * first size. */
Test(suppress, numbers_lines_far_into_a_file)
{
    size_t lines = 20000, cap = lines * 40;
    char *text = malloc(cap), *p = text;
    cr_assert_not_null(text);
    for (size_t i = 1; i <= lines; i++)
        p += sprintf(p, i % 1000 ? "var v%zu = %zu\n" : "// azscan-disable-next-line A%zu\n", i, i);
    char *block;
    size_t size;
    record r[32];
    cr_assert_eq(find(text, &block, &size, r, 32), 20);
    for (size_t k = 0; k < 20; k++) {
        char want[64];
        snprintf(want, sizeof(want), "// azscan-disable-next-line A%zu", (k + 1) * 1000);
        assert_record(&r[k], (uint32_t)((k + 1) * 1000), want);
    }
    free(block);
    free(text);
}

Test(suppress, fails_cleanly_when_out_of_memory)
{
    const char *text = "// azscan-disable-next-line AZS201\nx\n#disable-next-line AZS303\n";
    for (long n = 0;; n++) {
        long before = fault_live_allocations();
        char *block = (char *)1;
        size_t size = 7;
        fault_fail_allocation(n);
        int rc = suppress_directives_find(text, strlen(text), &block, &size);
        fault_fail_allocation(-1);
        if (rc == 0) {
            cr_assert_geq(n, 1, "no allocation was failed");
            free(block);
            break;
        }
        cr_assert_eq(rc, -1);
        cr_assert_null(block);
        cr_assert_eq(size, 0);
        cr_assert_eq(fault_live_allocations(), before, "leak after failing allocation %ld", n);
    }
}
