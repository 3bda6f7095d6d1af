#include "arm_schema.h"
#include "json_string.h"
#include "source.h"

#include <string.h>
#include <strings.h>

/* Longer keys cannot be "$schema" and longer URLs are not Azure's. */
#define KEY_MAX 16
#define URL_MAX 512

typedef struct {
    const char *text;
    size_t len;
    size_t pos;
} scanner;

static int at_end(const scanner *s)
{
    return s->pos >= s->len;
}

static char peek(const scanner *s)
{
    return s->text[s->pos];
}

/* Skips whitespace and comments. Returns -1 on an unterminated comment. */
static int skip_blank(scanner *s)
{
    while (!at_end(s)) {
        char c = peek(s);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            s->pos++;
        } else if (c == '/' && s->pos + 1 < s->len && s->text[s->pos + 1] == '/') {
            while (!at_end(s) && peek(s) != '\n')
                s->pos++;
        } else if (c == '/' && s->pos + 1 < s->len && s->text[s->pos + 1] == '*') {
            const char *close = NULL;
            s->pos += 2;
            for (size_t i = s->pos; i + 1 < s->len; i++) {
                if (s->text[i] == '*' && s->text[i + 1] == '/') {
                    close = s->text + i;
                    break;
                }
            }
            if (!close)
                return -1;
            s->pos = (size_t)(close - s->text) + 2;
        } else {
            break;
        }
    }
    return 0;
}

/*
 * Reads the string starting at the opening quote under the cursor, decoding
 * the escapes that can appear in a key or URL into `out` (ASCII \uXXXX only;
 * anything else becomes '?', which no match accepts). Returns the decoded
 * length, `cap` when it did not fit (the string is still consumed), or -1
 * when the input ends inside the string.
 */
static long read_string(scanner *s, char *out, size_t cap)
{
    size_t n = 0;
    s->pos++; /* opening quote */
    while (!at_end(s)) {
        char c = s->text[s->pos++];
        if (c == '"')
            return n < cap ? (long)n : (long)cap;
        if (c == '\\') {
            if (at_end(s))
                return -1;
            char e = s->text[s->pos++];
            if (e == 'u') {
                int code = 0;
                for (int k = 0; k < 4; k++) {
                    int h = at_end(s) ? -1 : json_hex_digit(s->text[s->pos]);
                    if (h < 0)
                        break;
                    code = code * 16 + h;
                    s->pos++;
                }
                c = code > 0 && code < 0x80 ? (char)code : '?';
            } else {
                c = e == '/' || e == '"' || e == '\\' ? e : '?';
            }
        }
        if (n < cap)
            out[n] = c;
        n++;
    }
    return -1;
}

/* Whether the byte under the cursor ends a number, literal or stray junk. */
static int ends_scalar(const scanner *s)
{
    switch (peek(s)) {
    case ' ':
    case '\t':
    case '\r':
    case '\n':
    case ',':
    case ':':
    case '{':
    case '}':
    case '[':
    case ']':
    case '"':
        return 1;
    case '/':
        return s->pos + 1 < s->len && (s->text[s->pos + 1] == '/' || s->text[s->pos + 1] == '*');
    default:
        return 0;
    }
}

/*
 * Steps over one value of any depth. Returns 0, or -1 when the input ends
 * first. Inside containers only strings and comments need care: a bracket in
 * either must not count.
 */
static int skip_value(scanner *s)
{
    size_t depth = 0;
    do {
        if (skip_blank(s) != 0 || at_end(s))
            return -1;
        char c = peek(s);
        if (c == '"') {
            if (read_string(s, NULL, 0) < 0)
                return -1;
        } else if (c == '{' || c == '[') {
            depth++;
            s->pos++;
        } else if (c == '}' || c == ']') {
            if (depth == 0)
                return 0; /* an empty value: let the caller see the bracket */
            depth--;
            s->pos++;
        } else if (c == ',' || c == ':') {
            if (depth == 0)
                return 0;
            s->pos++;
        } else {
            /* A number or literal (or junk): up to the next delimiter. */
            do
                s->pos++;
            while (!at_end(s) && !ends_scalar(s));
        }
    } while (depth > 0);
    return 0;
}

static int has_suffix(const char *s, size_t len, const char *suffix)
{
    size_t n = strlen(suffix);
    return len >= n && strncasecmp(s + len - n, suffix, n) == 0;
}

static arm_schema_kind classify_url(const char *url, size_t len)
{
    const char *hash = memchr(url, '#', len);
    if (hash)
        len = (size_t)(hash - url);
    if (has_suffix(url, len, "deploymentTemplate.json"))
        return ARM_SCHEMA_TEMPLATE;
    if (has_suffix(url, len, "deploymentParameters.json"))
        return ARM_SCHEMA_PARAMETERS;
    return ARM_SCHEMA_OTHER;
}

arm_schema_kind arm_schema_sniff(const char *text, size_t len)
{
    scanner s = {text, len, source_bom_length(text, len)};

    if (skip_blank(&s) != 0 || at_end(&s))
        return ARM_SCHEMA_TRUNCATED;
    if (peek(&s) != '{')
        return ARM_SCHEMA_NOT_OBJECT;
    s.pos++;

    for (;;) {
        if (skip_blank(&s) != 0 || at_end(&s))
            return ARM_SCHEMA_TRUNCATED;
        char c = peek(&s);
        if (c == '}')
            return ARM_SCHEMA_NONE;
        if (c == ',') {
            s.pos++;
            continue;
        }
        if (c != '"')
            return ARM_SCHEMA_NONE; /* not JSON we understand; certainly no template */

        char key[KEY_MAX];
        long key_len = read_string(&s, key, sizeof(key));
        if (key_len < 0)
            return ARM_SCHEMA_TRUNCATED;
        if (skip_blank(&s) != 0 || at_end(&s))
            return ARM_SCHEMA_TRUNCATED;
        if (peek(&s) != ':')
            return ARM_SCHEMA_NONE;
        s.pos++;

        if (key_len == 7 && memcmp(key, "$schema", 7) == 0) {
            if (skip_blank(&s) != 0 || at_end(&s))
                return ARM_SCHEMA_TRUNCATED;
            if (peek(&s) != '"')
                return ARM_SCHEMA_OTHER;
            char url[URL_MAX];
            long url_len = read_string(&s, url, sizeof(url));
            if (url_len < 0)
                return ARM_SCHEMA_TRUNCATED;
            if (url_len == URL_MAX)
                return ARM_SCHEMA_OTHER;
            return classify_url(url, (size_t)url_len);
        }
        if (skip_value(&s) != 0)
            return ARM_SCHEMA_TRUNCATED;
    }
}
