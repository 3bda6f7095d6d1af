#include "secrets_common.h"

#include <ctype.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

/* Values nested deeper than this are not searched. */
#define MAX_DEPTH 64

static bool at_boundary(const char *s, size_t i, const char *separators)
{
    return i == 0 || strchr(separators, s[i - 1]) != NULL;
}

static bool starts_with_nocase(const char *s, size_t n, size_t i, const char *word)
{
    size_t m = strlen(word);
    return i + m <= n && strncasecmp(s + i, word, m) == 0;
}

/* Whether `word` may start at `c` as starts_with_nocase sees it: in the C
 * locale azscan runs in, a byte equals only itself and, for a letter, its
 * other case. Most bytes of a text start no word: this rejects them first. */
static bool may_start(char c, const char *word)
{
    return ((unsigned char)c | 0x20) == ((unsigned char)word[0] | 0x20);
}

/* The bytes that may start one of several words (as may_start), one bit
 * each: a single test rejects a byte for all of them. */
typedef struct {
    uint64_t bits[4];
} first_bytes;

static void first_bytes_add(first_bytes *f, const char *word)
{
    unsigned char c = (unsigned char)word[0] | 0x20;
    f->bits[c >> 6] |= (uint64_t)1 << (c & 63);
}

static bool first_bytes_have(const first_bytes *f, char c)
{
    unsigned char b = (unsigned char)c | 0x20;
    return (f->bits[b >> 6] >> (b & 63)) & 1;
}

/* A value that stands for something to be filled in, not a credential. */
static bool placeholder(const char *s, size_t n)
{
    return n == 0 || strchr("{<$%[(", s[0]) != NULL;
}

/* The value of a key=value pair starting at `i`, up to ';', trimmed. */
static bool pair_has_value(const char *s, size_t n, size_t i)
{
    while (i < n && s[i] == ' ')
        i++;
    size_t end = i;
    while (end < n && s[end] != ';')
        end++;
    while (end > i && (s[end - 1] == ' ' || s[end - 1] == '"' || s[end - 1] == '\''))
        end--;
    if (i < end && (s[i] == '"' || s[i] == '\''))
        i++;
    return !placeholder(s + i, end > i ? end - i : 0);
}

typedef struct {
    const char *key;
    const char *what;
} pair_rule;

static const pair_rule pairs[] = {
    {"AccountKey", "an account key"},
    {"SharedAccessKey", "a shared access key"},
    {"Password", "a password"},
    {"Pwd", "a password"},
};

/* Whether `param=` appears as a query parameter of the text. */
static bool has_query_param(const char *s, size_t n, const char *param)
{
    size_t m = strlen(param);
    for (size_t i = 0; i + m < n; i++)
        if (may_start(s[i], param) && at_boundary(s, i, "?& ") &&
            starts_with_nocase(s, n, i, param) && s[i + m] != '&')
            return true;
    return false;
}

const char *secrets_credential_in_text(const char *s, size_t n)
{
    /* A pair and a SAS token parameter are written with '=': most texts,
     * names and ids, have none. */
    if (!memchr(s, '=', n))
        return NULL;
    first_bytes firsts = {{0}};
    for (size_t k = 0; k < sizeof(pairs) / sizeof(*pairs); k++)
        first_bytes_add(&firsts, pairs[k].key);
    for (size_t i = 0; i < n; i++) {
        if (!first_bytes_have(&firsts, s[i]) || !at_boundary(s, i, "; \t\"'"))
            continue;
        for (size_t k = 0; k < sizeof(pairs) / sizeof(*pairs); k++) {
            if (!may_start(s[i], pairs[k].key) || !starts_with_nocase(s, n, i, pairs[k].key))
                continue;
            size_t m = strlen(pairs[k].key);
            size_t j = i + m;
            while (j < n && s[j] == ' ')
                j++;
            if (j < n && s[j] == '=' && pair_has_value(s, n, j + 1))
                return pairs[k].what;
        }
    }
    if (has_query_param(s, n, "sig=") &&
        (has_query_param(s, n, "sv=") || has_query_param(s, n, "skn=")))
        return "a SAS token";
    return NULL;
}

static const char *const command_words[] = {"password", "passwd", "pwd",     "passphrase", "secret",
                                            "token",    "apikey", "api-key", "api_key"};

static bool word_char(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '-';
}

/* Whether the word at `i..end` is used with a literal value: as an option
 * (-Password x, --admin-password=x, /token:x) or an assignment (PWD=x). */
static bool literal_after(const char *s, size_t n, size_t i, size_t end)
{
    size_t start = i;
    while (start > 0 && word_char(s[start - 1]))
        start--;
    bool option = s[start] == '-' || (start > 0 && s[start - 1] == '/');
    size_t j = end;
    while (j < n && s[j] == ' ')
        j++;
    bool assignment = j < n && s[j] == '=';
    if (j < n && (s[j] == '=' || s[j] == ':'))
        j++;
    else if (j == end)
        return false; /* followed by something other than a separator: -PasswordFile */
    if (!option && !assignment)
        return false;
    while (j < n && s[j] == ' ')
        j++;
    if (j < n && (s[j] == '\'' || s[j] == '"'))
        j++;
    if (j >= n || placeholder(s + j, n - j) || s[j] == '\'' || s[j] == '"' || s[j] == ' ')
        return false;
    return !(option && !assignment && s[j] == '-');
}

bool secrets_command_has_secret(const char *s, size_t n)
{
    if (secrets_credential_in_text(s, n))
        return true;
    first_bytes firsts = {{0}};
    for (size_t k = 0; k < sizeof(command_words) / sizeof(*command_words); k++)
        first_bytes_add(&firsts, command_words[k]);
    for (size_t i = 0; i < n; i++) {
        if (!first_bytes_have(&firsts, s[i]))
            continue;
        for (size_t k = 0; k < sizeof(command_words) / sizeof(*command_words); k++) {
            size_t m = strlen(command_words[k]);
            if (may_start(s[i], command_words[k]) &&
                starts_with_nocase(s, n, i, command_words[k]) &&
                (i + m == n || !isalnum((unsigned char)s[i + m])) && literal_after(s, n, i, i + m))
                return true;
        }
    }
    return false;
}

bool secrets_is_list_reason(const char *reason)
{
    if (!reason || strncmp(reason, "list", 4) != 0)
        return false;
    const char *p = reason + 4;
    while (isalnum((unsigned char)*p))
        p++;
    return strcmp(p, "()") == 0 && (reason[4] == '(' || isupper((unsigned char)reason[4]));
}

static const az_value *find_runtime_secret(const az_value *v, int depth)
{
    if (!v || depth > MAX_DEPTH)
        return NULL;
    /* A bool or number computed from a secret (!empty(password)) is not one. */
    if ((v->flags & AZ_VALUE_SECURE) && v->kind != AZ_BOOL && v->kind != AZ_INT)
        return v;
    if (v->kind == AZ_UNKNOWN && secrets_is_list_reason(v->u.unknown.reason))
        return v;
    if (v->kind == AZ_ARRAY) {
        for (uint32_t i = 0; i < v->u.array.count; i++) {
            const az_value *x = find_runtime_secret(v->u.array.items[i], depth + 1);
            if (x)
                return x;
        }
    } else if (v->kind == AZ_OBJECT) {
        for (uint32_t i = 0; i < v->u.object.count; i++) {
            const az_value *x = find_runtime_secret(v->u.object.members[i].value, depth + 1);
            if (x)
                return x;
        }
    }
    return NULL;
}

const az_value *secrets_find_runtime_secret(const az_value *v)
{
    return find_runtime_secret(v, 0);
}

const char *secrets_describe(check_context *ctx, const az_value *v, char *buf, size_t size)
{
    const char *origin = check_value_origin(ctx, v);
    if (v->kind == AZ_UNKNOWN && secrets_is_list_reason(v->u.unknown.reason)) {
        snprintf(buf, size, "the result of %s", v->u.unknown.reason);
        return buf;
    }
    /* A secure parameter without a value: its name is in the reason. */
    const char *prefix = "parameter '", *name = NULL, *end = NULL;
    if (!*origin && v->kind == AZ_UNKNOWN &&
        strncmp(v->u.unknown.reason, prefix, strlen(prefix)) == 0) {
        name = v->u.unknown.reason + strlen(prefix);
        end = strchr(name, '\'');
    }
    if (end)
        snprintf(buf, size, "a secure value (secure parameter '%.*s')", (int)(end - name), name);
    else
        snprintf(buf, size, "a secure value%s", origin);
    return buf;
}

/* Names ---------------------------------------------------------------------- */

static const char *const secret_terms[] = {
    "password",   "passwd",     "pwd",          "passphrase", "secret",           "token",
    "credential", "apikey",     "accesskey",    "accountkey", "sharedkey",        "masterkey",
    "privatekey", "primarykey", "secondarykey", "storagekey", "connectionstring", "connstr",
};

/* Names that contain a secret term but name no secret: NetApp's volume path
 * (creationToken), paging and idempotency tokens. */
static const char *const harmless_names[] = {
    "creationtoken", "continuationtoken", "idempotencytoken", "nexttoken", "pagetoken",
};

/* Last words that make a name about a secret rather than the secret. */
static const char *const metadata_words[] = {
    "name",     "names",      "uri",        "url",      "urls",        "id",       "ids",
    "version",  "length",     "len",        "count",    "type",        "kind",     "policy",
    "expiry",   "expiration", "expires",    "days",     "lifetime",    "ttl",      "enabled",
    "enable",   "mode",       "reference",  "ref",      "permissions", "path",     "file",
    "location", "format",     "complexity", "audience", "issuer",      "endpoint", "scope",
    "scopes",   "hint",       "rotation",   "provider", "source",      "label",    "prefix",
    "suffix",
};

#define NAME_MAX_LEN 128

/* The name folded to lower case, letters and digits only, and where in it
 * its last word (camelCase, snake_case or kebab-case) starts. */
static bool fold_name(const char *name, char *folded, size_t *last)
{
    size_t n = strlen(name), k = 0, word = 0;
    if (n >= NAME_MAX_LEN)
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)name[i];
        if (!isalnum(c)) {
            word = k; /* a separator starts a word */
            continue;
        }
        if (isupper(c) && i > 0 &&
            (islower((unsigned char)name[i - 1]) || isdigit((unsigned char)name[i - 1])))
            word = k;
        folded[k++] = (char)tolower(c);
    }
    folded[k] = '\0';
    *last = word;
    return k > 0;
}

bool secrets_name_is_secret(const char *name)
{
    char folded[NAME_MAX_LEN];
    size_t word;
    if (!name || !fold_name(name, folded, &word))
        return false;
    const char *last = folded + word;
    bool secret = false;
    for (size_t i = 0; i < sizeof(secret_terms) / sizeof(*secret_terms) && !secret; i++)
        secret = strstr(folded, secret_terms[i]) != NULL;
    if (!secret)
        return false;
    for (size_t i = 0; i < sizeof(harmless_names) / sizeof(*harmless_names); i++)
        if (strcmp(folded, harmless_names[i]) == 0)
            return false;
    /* One word (adminpasswordlength): whether it ends with a metadata word. */
    bool one_word = word == 0;
    size_t n = strlen(last);
    for (size_t i = 0; i < sizeof(metadata_words) / sizeof(*metadata_words); i++) {
        size_t m = strlen(metadata_words[i]);
        if (one_word ? n > m && strcmp(last + n - m, metadata_words[i]) == 0
                     : strcmp(last, metadata_words[i]) == 0)
            return false;
    }
    return true;
}
