#include "json_string.h"
#include "utf8.h"

#include <criterion/criterion.h>
#include <string.h>

static size_t invalid_at(const char *s)
{
    return utf8_find_invalid(s, strlen(s));
}

Test(utf8, accepts_every_sequence_length)
{
    const char *s = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80z"; /* a é € 😀 z */
    cr_assert_eq(invalid_at(s), strlen(s));
    cr_assert_eq(utf8_find_invalid("", 0), 0);
}

Test(utf8, accepts_the_boundaries_of_each_range)
{
    cr_assert_eq(invalid_at("\xC2\x80"), 2);         /* U+0080 */
    cr_assert_eq(invalid_at("\xDF\xBF"), 2);         /* U+07FF */
    cr_assert_eq(invalid_at("\xE0\xA0\x80"), 3);     /* U+0800 */
    cr_assert_eq(invalid_at("\xED\x9F\xBF"), 3);     /* U+D7FF */
    cr_assert_eq(invalid_at("\xEE\x80\x80"), 3);     /* U+E000 */
    cr_assert_eq(invalid_at("\xEF\xBF\xBF"), 3);     /* U+FFFF */
    cr_assert_eq(invalid_at("\xF0\x90\x80\x80"), 4); /* U+10000 */
    cr_assert_eq(invalid_at("\xF4\x8F\xBF\xBF"), 4); /* U+10FFFF */
}

Test(utf8, rejects_overlong_encodings)
{
    cr_assert_eq(invalid_at("ab\xC0\x80"), 2);
    cr_assert_eq(invalid_at("ab\xC1\xBF"), 2);
    cr_assert_eq(invalid_at("ab\xE0\x9F\xBF"), 2);
    cr_assert_eq(invalid_at("ab\xF0\x8F\xBF\xBF"), 2);
}

Test(utf8, rejects_surrogates_and_code_points_past_10ffff)
{
    cr_assert_eq(invalid_at("\xED\xA0\x80"), 0);
    cr_assert_eq(invalid_at("\xED\xBF\xBF"), 0);
    cr_assert_eq(invalid_at("\xF4\x90\x80\x80"), 0);
    cr_assert_eq(invalid_at("\xF5\x80\x80\x80"), 0);
    cr_assert_eq(invalid_at("\xFF"), 0);
}

Test(utf8, rejects_stray_and_missing_continuation_bytes)
{
    cr_assert_eq(invalid_at("x\x80"), 1);
    cr_assert_eq(invalid_at("x\xC3(y"), 1);
    cr_assert_eq(invalid_at("x\xE2\x82("), 1);
    cr_assert_eq(invalid_at("x\xF0\x9F\x98("), 1);
}

Test(utf8, rejects_a_sequence_cut_by_the_end_of_the_buffer)
{
    const char s[] = "ok\xE2\x82\xAC";
    cr_assert_eq(utf8_find_invalid(s, 5), 5);
    cr_assert_eq(utf8_find_invalid(s, 4), 2);
    cr_assert_eq(utf8_find_invalid(s, 3), 2);
}

Test(utf8, counts_code_points_not_bytes)
{
    const char *s = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80z";
    cr_assert_eq(utf8_count_code_points(s, strlen(s)), 5);
    cr_assert_eq(utf8_count_code_points(s, 3), 2);
    cr_assert_eq(utf8_count_code_points("", 0), 0);
}

Test(utf8, ascii_prefix_stops_at_the_first_byte_above_7f)
{
    char buf[40] = {0};
    cr_assert_eq(utf8_ascii_prefix(buf, 0), 0);
    /* Every position, within and across the eight-byte steps, and the tail. */
    for (size_t len = 1; len <= sizeof(buf); len++) {
        memset(buf, 'a', len);
        cr_assert_eq(utf8_ascii_prefix(buf, len), len, "all ASCII, %zu bytes", len);
        for (size_t at = 0; at < len; at++) {
            memset(buf, 'a', len);
            buf[at] = (char)0x80;
            cr_assert_eq(utf8_ascii_prefix(buf, len), at, "0x80 at %zu of %zu", at, len);
            buf[at] = (char)0xFF;
            cr_assert_eq(utf8_ascii_prefix(buf, len), at, "0xFF at %zu of %zu", at, len);
        }
    }
}

Test(utf8, encode_writes_one_to_four_bytes)
{
    char out[4];
    cr_assert_eq(utf8_encode(0x41, out), 1);
    cr_assert_eq(out[0], 'A');
    cr_assert_eq(utf8_encode(0xE9, out), 2);
    cr_assert(memcmp(out, "\xC3\xA9", 2) == 0);
    cr_assert_eq(utf8_encode(0x20AC, out), 3);
    cr_assert(memcmp(out, "\xE2\x82\xAC", 3) == 0);
    cr_assert_eq(utf8_encode(0x1F600, out), 4);
    cr_assert(memcmp(out, "\xF0\x9F\x98\x80", 4) == 0);
}

static const char *unescaped(const char *body)
{
    static char out[256];
    size_t n = json_string_unescape(body, strlen(body), out);
    out[n] = '\0';
    return out;
}

Test(json_string, unescapes_runs_between_escapes)
{
    cr_assert_str_eq(unescaped(""), "");
    cr_assert_str_eq(unescaped("plain text"), "plain text");
    cr_assert_str_eq(unescaped("\\\"quoted\\\""), "\"quoted\"");
    cr_assert_str_eq(unescaped("a\\nb\\tc\\\\d\\/e"), "a\nb\tc\\d/e");
    cr_assert_str_eq(unescaped("\\u00e9t\\u00E9"), "\xC3\xA9t\xC3\xA9");
    cr_assert_str_eq(unescaped("x\\uD83D\\uDE00y"), "x\xF0\x9F\x98\x80y");
    cr_assert_str_eq(unescaped("\\uD83Dz"), "\xEF\xBF\xBDz"); /* unpaired surrogate */
    cr_assert_str_eq(unescaped("\\u12"), "u12");              /* malformed: kept */
    cr_assert_str_eq(unescaped("end\\"), "end\\");            /* lone final backslash */
}
