#include "bicep_eval.h"

#include "builtins.h"
#include "json_value.h"
#include "language.h"

#include <inttypes.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Bicep expressions to model values.
 *
 * Every value built here is at the node it was written at (its use site).
 * A value taken from somewhere else (a parameter, a variable, a member of an
 * object) is relocated to the node that took it, keeping where it was
 * defined. Recursion follows the syntax tree and the chain of references,
 * and every step goes through az_eval_enter, so hostile nesting ends in an
 * unknown value and a warning rather than a stack overflow.
 */

static az_value *eval_node(const bicep_scope *s, syntax_node node, bool *runtime);

/* --- Node types and fields ------------------------------------------------ */

static const char *const type_names[BICEP_NODE_TYPE_COUNT] = {
    [BICEP_NODE_ERROR] = "ERROR",
    [BICEP_NODE_ARRAY] = "array",
    [BICEP_NODE_BINARY_EXPRESSION] = "binary_expression",
    [BICEP_NODE_BOOLEAN] = "boolean",
    [BICEP_NODE_CALL_EXPRESSION] = "call_expression",
    [BICEP_NODE_COMMENT] = "comment",
    [BICEP_NODE_DECORATOR] = "decorator",
    [BICEP_NODE_DIRECTIVE] = "directive",
    [BICEP_NODE_ESCAPE_SEQUENCE] = "escape_sequence",
    [BICEP_NODE_EXTENDS_DECLARATION] = "extends_declaration",
    [BICEP_NODE_FOR_EXPRESSION] = "for_expression",
    [BICEP_NODE_FUNCTION_DECLARATION] = "function_declaration",
    [BICEP_NODE_IDENTIFIER] = "identifier",
    [BICEP_NODE_IF_BODY] = "if_body",
    [BICEP_NODE_IMPORT_DECLARATION] = "import_declaration",
    [BICEP_NODE_IMPORT_SYMBOL] = "import_symbol",
    [BICEP_NODE_INDEX_EXPRESSION] = "index_expression",
    [BICEP_NODE_INTERPOLATED_MULTILINE_STRING] = "interpolated_multiline_string",
    [BICEP_NODE_INTERPOLATION] = "interpolation",
    [BICEP_NODE_LAMBDA_EXPRESSION] = "lambda_expression",
    [BICEP_NODE_MEMBER_EXPRESSION] = "member_expression",
    [BICEP_NODE_MODULE_DECLARATION] = "module_declaration",
    [BICEP_NODE_MULTILINE_INTERPOLATION] = "multiline_interpolation",
    [BICEP_NODE_MULTILINE_STRING] = "multiline_string",
    [BICEP_NODE_NON_NULL_EXPRESSION] = "non_null_expression",
    [BICEP_NODE_NULL] = "null",
    [BICEP_NODE_NULLABLE_TYPE] = "nullable_type",
    [BICEP_NODE_NUMBER] = "number",
    [BICEP_NODE_OBJECT] = "object",
    [BICEP_NODE_OBJECT_PROPERTY] = "object_property",
    [BICEP_NODE_OUTPUT_DECLARATION] = "output_declaration",
    [BICEP_NODE_PARAMETER_ASSIGNMENT] = "parameter_assignment",
    [BICEP_NODE_PARAMETER_DECLARATION] = "parameter_declaration",
    [BICEP_NODE_PARENTHESIZED_EXPRESSION] = "parenthesized_expression",
    [BICEP_NODE_RESOURCE_ACCESS_EXPRESSION] = "resource_access_expression",
    [BICEP_NODE_RESOURCE_DECLARATION] = "resource_declaration",
    [BICEP_NODE_SPREAD_ELEMENT] = "spread_element",
    [BICEP_NODE_STRING] = "string",
    [BICEP_NODE_STRING_CONTENT] = "string_content",
    [BICEP_NODE_TARGET_SCOPE_DECLARATION] = "target_scope_declaration",
    [BICEP_NODE_TERNARY_EXPRESSION] = "ternary_expression",
    [BICEP_NODE_TYPE_IDENTIFIER] = "type_identifier",
    [BICEP_NODE_UNARY_EXPRESSION] = "unary_expression",
    [BICEP_NODE_USING_DECLARATION] = "using_declaration",
    [BICEP_NODE_VARIABLE_DECLARATION] = "variable_declaration",
    [BICEP_NODE_WILDCARD_IMPORT] = "wildcard_import",
};

static const char *const field_names[BICEP_FIELD_COUNT] = {
    [BICEP_FIELD_ALIAS] = "alias",
    [BICEP_FIELD_ALTERNATIVE] = "alternative",
    [BICEP_FIELD_ARGUMENTS] = "arguments",
    [BICEP_FIELD_BODY] = "body",
    [BICEP_FIELD_COLLECTION] = "collection",
    [BICEP_FIELD_CONDITION] = "condition",
    [BICEP_FIELD_CONSEQUENCE] = "consequence",
    [BICEP_FIELD_DEFAULT] = "default",
    [BICEP_FIELD_EXISTING] = "existing",
    [BICEP_FIELD_EXPRESSION] = "expression",
    [BICEP_FIELD_FROM_END] = "from_end",
    [BICEP_FIELD_FUNCTION] = "function",
    [BICEP_FIELD_INDEX] = "index",
    [BICEP_FIELD_ITEM] = "item",
    [BICEP_FIELD_KEY] = "key",
    [BICEP_FIELD_LEFT] = "left",
    [BICEP_FIELD_NAME] = "name",
    [BICEP_FIELD_OBJECT] = "object",
    [BICEP_FIELD_OPERAND] = "operand",
    [BICEP_FIELD_OPERATOR] = "operator",
    [BICEP_FIELD_PARAMETERS] = "parameters",
    [BICEP_FIELD_PATH] = "path",
    [BICEP_FIELD_PROPERTY] = "property",
    [BICEP_FIELD_RIGHT] = "right",
    [BICEP_FIELD_SAFE] = "safe",
    [BICEP_FIELD_SYMBOLS] = "symbols",
    [BICEP_FIELD_TYPE] = "type",
    [BICEP_FIELD_VALUE] = "value",
};

/* The type of every symbol (TSSymbol is 16 bits: ERROR is the last) and the
 * id of every field, looked up by name once per process. */
_Static_assert(BICEP_NODE_TYPE_COUNT <= UINT8_MAX, "node types fit a byte");
static uint8_t symbol_types[UINT16_MAX + 1];
static TSFieldId field_ids[BICEP_FIELD_COUNT];
static pthread_once_t grammar_once = PTHREAD_ONCE_INIT;
static atomic_bool grammar_ready;

static void grammar_load(void)
{
    const TSLanguage *lang = language_grammar(LANGUAGE_BICEP);
    for (uint32_t sym = 0; sym <= UINT16_MAX; sym++) {
        const char *name = ts_language_symbol_name(lang, (TSSymbol)sym);
        for (int t = 1; name && t < BICEP_NODE_TYPE_COUNT; t++)
            if (strcmp(name, type_names[t]) == 0)
                symbol_types[sym] = (uint8_t)t;
    }
    for (int f = 0; f < BICEP_FIELD_COUNT; f++)
        field_ids[f] =
            ts_language_field_id_for_name(lang, field_names[f], (uint32_t)strlen(field_names[f]));
    atomic_store_explicit(&grammar_ready, true, memory_order_release);
}

/* Type tests are the front end's most frequent call: after the first, the
 * tables are ready and one load says so. */
static inline void grammar_ensure(void)
{
    if (!atomic_load_explicit(&grammar_ready, memory_order_acquire))
        pthread_once(&grammar_once, grammar_load);
}

const char *bicep_node_type_name(bicep_node_type type)
{
    return type_names[type];
}

bicep_node_type bicep_symbol_type(TSSymbol symbol)
{
    grammar_ensure();
    return (bicep_node_type)symbol_types[symbol];
}

TSFieldId bicep_field_id(bicep_node_field field)
{
    grammar_ensure();
    return field_ids[field];
}

static bicep_node_type type_of(syntax_node node)
{
    return bicep_symbol_type(syntax_node_symbol(node));
}

bool bicep_is(syntax_node node, bicep_node_type type)
{
    return type_of(node) == type;
}

syntax_node bicep_field(syntax_node node, bicep_node_field field)
{
    return syntax_node_child_by_field(node, bicep_field_id(field));
}

static syntax_node field(syntax_node node, bicep_node_field f)
{
    return bicep_field(node, f);
}

/* --- Nodes ----------------------------------------------------------------- */

az_range bicep_range(const bicep_scope *s, syntax_node node)
{
    return az_builder_syntax_range(s->bb->b, s->file->f, node);
}

const char *bicep_text(const bicep_file *file, syntax_node node, uint32_t *len)
{
    uint32_t start = syntax_node_start_byte(node);
    *len = syntax_node_end_byte(node) - start;
    return file->text + start;
}

static bool text_is(const bicep_file *file, syntax_node node, const char *word)
{
    uint32_t len;
    const char *text = bicep_text(file, node, &len);
    return strlen(word) == len && memcmp(text, word, len) == 0;
}

static bool is_trivia(syntax_node node)
{
    bicep_node_type t = type_of(node);
    return t == BICEP_NODE_COMMENT || t == BICEP_NODE_DIRECTIVE;
}

/* The named children other than comments, one at a time: start with
 * `*i = 0`; returns a null node past the end. */
static syntax_node next_child(syntax_node parent, uint32_t *i)
{
    syntax_node c;
    while (!syntax_node_is_null(c = syntax_node_named_child(parent, *i))) {
        (*i)++;
        if (!is_trivia(c))
            break;
    }
    return c;
}

static bool ascii_ieq(const char *x, size_t xlen, const char *y)
{
    size_t ylen = strlen(y);
    if (xlen != ylen)
        return false;
    for (size_t i = 0; i < xlen; i++) {
        char a = x[i], b = y[i];
        if (a >= 'A' && a <= 'Z')
            a = (char)(a + ('a' - 'A'));
        if (b >= 'A' && b <= 'Z')
            b = (char)(b + ('a' - 'A'));
        if (a != b)
            return false;
    }
    return true;
}

/* --- Provenance ----------------------------------------------------------- */

static bool named_origin(const az_value *v)
{
    return v->origin != AZ_ORIGIN_LITERAL && v->origin != AZ_ORIGIN_EXPRESSION;
}

/*
 * `child`, found inside `parent`, used at `use`. A child that has no
 * provenance of its own takes its container's: a member of a parameter's
 * object came through that parameter, defined where the member is written.
 * Secrecy is inherited too.
 */
static az_value *derive(arena *a, const az_value *child, const az_value *parent, az_range use)
{
    az_value *v;
    if (!named_origin(child) && named_origin(parent))
        v = az_value_through(a, child, parent->origin, parent->via, child->range, use);
    else
        v = az_value_relocate(a, child, use);
    if (v)
        v->flags |= parent->flags & AZ_VALUE_SECURE;
    return v;
}

/* A fresh unknown at `at` carrying the reason and secrecy of `v`. */
static az_value *unknown_from(arena *a, const az_value *v, az_range at)
{
    const char *reason = v->kind == AZ_UNKNOWN ? v->u.unknown.reason : "absent value";
    az_value *u = az_value_unknown(a, at, reason);
    if (u)
        u->flags |= v->flags & AZ_VALUE_SECURE;
    return u;
}

static void mark_computed(az_value *v, uint32_t flags)
{
    if (v) {
        v->origin = AZ_ORIGIN_EXPRESSION;
        v->flags |= flags & AZ_VALUE_SECURE;
    }
}

/* --- Strings --------------------------------------------------------------- */

typedef struct {
    char *data;
    size_t len, cap;
    bool failed;
} strbuf;

static void strbuf_add(strbuf *sb, const char *s, size_t len)
{
    if (sb->failed)
        return;
    if (sb->len + len + 1 > sb->cap) {
        size_t cap = sb->cap ? sb->cap : 64;
        while (cap < sb->len + len + 1)
            cap *= 2;
        char *data = realloc(sb->data, cap);
        if (!data) {
            sb->failed = true;
            return;
        }
        sb->data = data;
        sb->cap = cap;
    }
    memcpy(sb->data + sb->len, s, len);
    sb->len += len;
}

static void strbuf_add_utf8(strbuf *sb, uint32_t cp)
{
    char out[4];
    size_t n;
    if (cp < 0x80) {
        out[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        out[0] = (char)(0xF0 | (cp >> 18));
        out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    strbuf_add(sb, out, n);
}

/* Appends an escape sequence (`\n`, `\u{1F600}`...) decoded. Bicep has no
 * other escapes; anything else stands for the character itself. */
static void strbuf_add_escape(strbuf *sb, const char *text, uint32_t len)
{
    if (len < 2)
        return;
    switch (text[1]) {
    case 'n':
        strbuf_add(sb, "\n", 1);
        return;
    case 'r':
        strbuf_add(sb, "\r", 1);
        return;
    case 't':
        strbuf_add(sb, "\t", 1);
        return;
    case 'u':
        if (len > 3 && text[2] == '{') {
            uint32_t cp = 0;
            for (uint32_t i = 3; i < len && text[i] != '}'; i++) {
                char c = text[i];
                uint32_t digit = c <= '9' ? (uint32_t)(c - '0') : (uint32_t)((c | 0x20) - 'a' + 10);
                cp = cp > 0x10FFFF ? cp : cp * 16 + digit;
            }
            /* Out of range or a surrogate: U+FFFD, as a JSON decoder would. */
            if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
                cp = 0xFFFD;
            strbuf_add_utf8(sb, cp);
            return;
        }
        break;
    default:
        break;
    }
    strbuf_add(sb, text + 1, len - 1);
}

/* Appends a value as string interpolation writes it. Returns NULL when it
 * was added, or the value to give instead (an unknown) when it cannot be. */
static az_value *strbuf_add_value(const bicep_scope *s, strbuf *sb, const az_value *v, az_range at)
{
    arena *a = s->bb->a;
    char num[32];
    switch (v->kind) {
    case AZ_STRING:
        strbuf_add(sb, v->u.string.ptr, v->u.string.len);
        return NULL;
    case AZ_INT:
        snprintf(num, sizeof(num), "%" PRId64, v->u.integer);
        strbuf_add(sb, num, strlen(num));
        return NULL;
    case AZ_BOOL:
        strbuf_add(sb, v->u.boolean ? "true" : "false", v->u.boolean ? 4 : 5);
        return NULL;
    case AZ_NULL:
        return NULL;
    case AZ_ARRAY:
    case AZ_OBJECT: {
        az_value *json = az_json_stringify(s->bb->ev, v, at);
        if (!json)
            return az_value_unknown(a, at, "out of memory");
        if (json->kind != AZ_STRING)
            return json;
        strbuf_add(sb, json->u.string.ptr, json->u.string.len);
        return NULL;
    }
    default:
        return unknown_from(a, v, at);
    }
}

/* Finishes a string value built in `sb`, checking the length bound. */
static az_value *strbuf_finish(const bicep_scope *s, strbuf *sb, az_range at, bool computed,
                               uint32_t flags)
{
    az_value *v;
    if (sb->failed)
        v = NULL;
    else if (!az_eval_check_string(s->bb->ev, at, "string", sb->len))
        v = az_value_unknown(s->bb->a, at, "string too long");
    else if (!az_eval_spend(s->bb->ev, sb->len / 8, at))
        v = az_value_unknown(s->bb->a, at, "work budget spent");
    else
        v = az_value_string(s->bb->a, at, sb->len ? sb->data : "", sb->len);
    free(sb->data);
    if (v && computed && v->kind == AZ_STRING)
        mark_computed(v, flags);
    return v;
}

/* A string, a multi-line string or an interpolated multi-line string. */
static az_value *eval_string(const bicep_scope *s, syntax_node node, az_range at)
{
    strbuf sb = {0};
    bool computed = false;
    uint32_t flags = 0, i = 0, len;
    bool first = true;
    const char *text;

    if (bicep_is(node, BICEP_NODE_MULTILINE_STRING)) {
        /* '''...''': the closing run of quotes may be longer than three; the
         * last three close. A line break right after the opening quotes is
         * not part of the value. */
        text = bicep_text(s->file, node, &len);
        uint32_t start = len >= 3 ? 3 : len, end = len;
        if (end >= start + 3 && memcmp(text + end - 3, "'''", 3) == 0)
            end -= 3;
        if (start < end && text[start] == '\r' && start + 1 < end && text[start + 1] == '\n')
            start += 2;
        else if (start < end && text[start] == '\n')
            start++;
        strbuf_add(&sb, text + start, end - start);
        return strbuf_finish(s, &sb, at, false, 0);
    }

    for (syntax_node c = next_child(node, &i); !syntax_node_is_null(c); c = next_child(node, &i)) {
        if (bicep_is(c, BICEP_NODE_STRING_CONTENT)) {
            text = bicep_text(s->file, c, &len);
            if (first && bicep_is(node, BICEP_NODE_INTERPOLATED_MULTILINE_STRING)) {
                if (len >= 2 && text[0] == '\r' && text[1] == '\n')
                    text += 2, len -= 2;
                else if (len >= 1 && text[0] == '\n')
                    text++, len--;
            }
            strbuf_add(&sb, text, len);
        } else if (bicep_is(c, BICEP_NODE_ESCAPE_SEQUENCE)) {
            text = bicep_text(s->file, c, &len);
            strbuf_add_escape(&sb, text, len);
        } else if (bicep_is(c, BICEP_NODE_INTERPOLATION) ||
                   bicep_is(c, BICEP_NODE_MULTILINE_INTERPOLATION)) {
            computed = true;
            az_value *v = bicep_eval(s, field(c, BICEP_FIELD_EXPRESSION));
            az_value *instead = v ? strbuf_add_value(s, &sb, v, at) : NULL;
            if (!v || instead) {
                free(sb.data);
                return instead;
            }
            flags |= v->flags;
        } else {
            free(sb.data);
            return az_value_unknown(s->bb->a, at, "syntax error");
        }
        first = false;
    }
    return strbuf_finish(s, &sb, at, computed, flags);
}

const char *bicep_literal_string(const bicep_scope *s, syntax_node node)
{
    if (!bicep_is(node, BICEP_NODE_STRING) && !bicep_is(node, BICEP_NODE_MULTILINE_STRING))
        return NULL;
    uint32_t i = 0;
    for (syntax_node c = next_child(node, &i); !syntax_node_is_null(c); c = next_child(node, &i))
        if (bicep_is(c, BICEP_NODE_INTERPOLATION))
            return NULL;
    az_value *v = eval_string(s, node, bicep_range(s, node));
    if (!v || v->kind != AZ_STRING)
        return NULL;
    return v->u.string.ptr;
}

/* --- Arrays, objects and loops -------------------------------------------- */

static az_value *eval_array(const bicep_scope *s, syntax_node node, az_range at)
{
    arena *a = s->bb->a;
    az_array_builder ab = {.a = a};
    uint32_t i = 0;
    for (syntax_node c = next_child(node, &i); !syntax_node_is_null(c); c = next_child(node, &i)) {
        if (bicep_is(c, BICEP_NODE_SPREAD_ELEMENT)) {
            az_value *v = bicep_eval(s, field(c, BICEP_FIELD_EXPRESSION));
            if (!v)
                return NULL;
            if (v->kind == AZ_NULL)
                continue;
            if (v->kind != AZ_ARRAY)
                return v->kind == AZ_UNKNOWN
                           ? unknown_from(a, v, at)
                           : az_eval_error(s->bb->ev, at, "spread of %s into an array",
                                           az_kind_name(v->kind));
            for (uint32_t k = 0; k < v->u.array.count; k++)
                az_array_builder_add(&ab,
                                     derive(a, v->u.array.items[k], v, v->u.array.items[k]->range));
        } else {
            az_array_builder_add(&ab, bicep_eval(s, c));
        }
        if (ab.failed)
            return NULL;
        if (!az_eval_check_array(s->bb->ev, at, "array", ab.count))
            return az_value_unknown(a, at, "array too long");
    }
    return az_array_builder_finish(&ab, at);
}

/* An object's key: an identifier, or a string that must be known. */
static az_value *eval_key(const bicep_scope *s, syntax_node key)
{
    if (bicep_is(key, BICEP_NODE_IDENTIFIER)) {
        uint32_t len;
        const char *text = bicep_text(s->file, key, &len);
        return az_value_string(s->bb->a, bicep_range(s, key), text, len);
    }
    return bicep_eval(s, key);
}

/* The value given for `key` in `given`, or NULL. */
static az_value *given_value(const bicep_given *given, const az_value *key)
{
    for (uint32_t i = 0; given && i < given->count; i++)
        if (given->values[i] && strlen(given->keys[i]) == key->u.string.len &&
            memcmp(given->keys[i], key->u.string.ptr, key->u.string.len) == 0)
            return given->values[i];
    return NULL;
}

/* Objects; nested resource declarations in a resource body are not part of
 * its value. */
static az_value *eval_object(const bicep_scope *s, syntax_node node, az_range at,
                             const bicep_given *given)
{
    arena *a = s->bb->a;
    az_object_builder ob = {.a = a};
    uint32_t i = 0;
    for (syntax_node c = next_child(node, &i); !syntax_node_is_null(c); c = next_child(node, &i)) {
        if (bicep_is(c, BICEP_NODE_OBJECT_PROPERTY)) {
            syntax_node key_node = field(c, BICEP_FIELD_KEY);
            az_value *key = eval_key(s, key_node);
            if (!key)
                return NULL;
            if (key->kind != AZ_STRING)
                return key->kind == AZ_UNKNOWN ? unknown_from(a, key, at)
                                               : az_eval_error(s->bb->ev, at, "object key is a %s",
                                                               az_kind_name(key->kind));
            az_value *v = given_value(given, key);
            az_object_builder_add(&ob, key->u.string.ptr, key->u.string.len, key->range,
                                  v ? v : bicep_eval(s, field(c, BICEP_FIELD_VALUE)));
        } else if (bicep_is(c, BICEP_NODE_SPREAD_ELEMENT)) {
            az_value *v = bicep_eval(s, field(c, BICEP_FIELD_EXPRESSION));
            if (!v)
                return NULL;
            if (v->kind == AZ_NULL)
                continue;
            if (v->kind != AZ_OBJECT)
                return v->kind == AZ_UNKNOWN
                           ? unknown_from(a, v, at)
                           : az_eval_error(s->bb->ev, at, "spread of %s into an object",
                                           az_kind_name(v->kind));
            for (uint32_t k = 0; k < v->u.object.count; k++) {
                const az_member *m = &v->u.object.members[k];
                az_object_builder_add(&ob, m->key, m->key_len, m->key_range,
                                      derive(a, m->value, v, m->value->range));
            }
        }
        /* resource_declaration: a nested resource, modelled on its own.
         * ERROR: already reported as a syntax error. */
        if (ob.failed)
            return NULL;
        if (!az_eval_check_array(s->bb->ev, at, "object", ob.count))
            return az_value_unknown(a, at, "object too large");
    }
    return az_object_builder_finish(&ob, at);
}

/* The loop variables of a `for` bound to one item: the item (taking its
 * provenance from the collection) and the index. */
typedef struct {
    bicep_binding item, index;
} loop_bindings;

static bool bind_loop(const bicep_scope *s, syntax_node for_node, loop_bindings *lb, az_value *item,
                      uint32_t index, const bicep_binding **locals)
{
    syntax_node item_node = field(for_node, BICEP_FIELD_ITEM),
                index_node = field(for_node, BICEP_FIELD_INDEX);
    if (!item)
        return false;
    if (!syntax_node_is_null(item_node)) {
        lb->item.name = bicep_text(s->file, item_node, &lb->item.len);
        lb->item.value = item;
        lb->item.next = *locals;
        *locals = &lb->item;
    }
    if (!syntax_node_is_null(index_node)) {
        lb->index.name = bicep_text(s->file, index_node, &lb->index.len);
        lb->index.value = az_value_int(s->bb->a, bicep_range(s, index_node), index);
        lb->index.next = *locals;
        *locals = &lb->index;
        return lb->index.value != NULL;
    }
    return true;
}

static az_value *eval_for(const bicep_scope *s, syntax_node node, az_range at)
{
    arena *a = s->bb->a;
    az_value *coll = bicep_eval(s, field(node, BICEP_FIELD_COLLECTION));
    if (!coll)
        return NULL;
    if (coll->kind != AZ_ARRAY)
        return coll->kind == AZ_UNKNOWN
                   ? unknown_from(a, coll, at)
                   : az_eval_error(s->bb->ev, at, "for over a %s", az_kind_name(coll->kind));
    if (!az_eval_check_loop(s->bb->ev, at, "for", coll->u.array.count))
        return az_value_unknown(a, at, "loop too long");
    syntax_node body = field(node, BICEP_FIELD_BODY);
    az_array_builder ab = {.a = a};
    for (uint32_t i = 0; i < coll->u.array.count; i++) {
        az_value *item = coll->u.array.items[i];
        item = derive(a, item, coll, item->range);
        loop_bindings lb;
        const bicep_binding *locals = s->locals;
        if (!bind_loop(s, node, &lb, item, i, &locals))
            return NULL;
        bicep_scope inner = {s->bb, s->file, locals};
        syntax_node value_node = body;
        if (bicep_is(body, BICEP_NODE_IF_BODY)) {
            az_value *cond = bicep_eval(&inner, field(body, BICEP_FIELD_CONDITION));
            if (!cond)
                return NULL;
            if (cond->kind != AZ_BOOL)
                return cond->kind == AZ_UNKNOWN
                           ? unknown_from(a, cond, at)
                           : az_eval_error(s->bb->ev, at, "for condition is a %s",
                                           az_kind_name(cond->kind));
            if (!cond->u.boolean)
                continue;
            value_node = field(body, BICEP_FIELD_BODY);
        }
        if (!az_array_builder_add(&ab, bicep_eval(&inner, value_node)))
            return NULL;
    }
    az_value *v = az_array_builder_finish(&ab, at);
    mark_computed(v, coll->flags);
    return v;
}

/* --- Identifiers and references ------------------------------------------ */

static const bicep_binding *find_local(const bicep_binding *b, const char *name, uint32_t len)
{
    for (; b; b = b->next)
        if (b->len == len && memcmp(b->name, name, len) == 0)
            return b;
    return NULL;
}

/* Follows imports to the symbol they name; NULL (with `*missing`) when it
 * cannot be. */
static bicep_symbol *follow_import(const bicep_scope *s, bicep_symbol *sym, bool *missing)
{
    *missing = false;
    if (sym->kind == BICEP_SYM_IMPORT)
        return bicep_import_resolve(s->bb, sym, missing);
    return sym;
}

static az_value *eval_identifier(const bicep_scope *s, syntax_node node, az_range at)
{
    arena *a = s->bb->a;
    uint32_t len;
    const char *name = bicep_text(s->file, node, &len);
    const bicep_binding *local = find_local(s->locals, name, len);
    if (local)
        return az_value_relocate(a, local->value, at);

    bicep_symbol *sym = bicep_file_lookup(s->file, name, len);
    if (!sym)
        return az_eval_error(s->bb->ev, at, "unknown symbol '%.*s'", (int)len, name);
    bool missing;
    sym = follow_import(s, sym, &missing);
    if (!sym)
        return missing ? az_eval_unknown(s->bb->ev, at, "imported symbol '%.*s' is not available",
                                         (int)len, name)
                       : NULL;

    switch (sym->kind) {
    case BICEP_SYM_PARAM:
    case BICEP_SYM_VAR: {
        az_value *v = bicep_symbol_value(s->bb, sym, at);
        return v ? az_value_relocate(a, v, at) : NULL;
    }
    case BICEP_SYM_RESOURCE:
    case BICEP_SYM_MODULE: {
        bicep_ref ref;
        bool failed = false;
        if (!bicep_resolve_ref(s, node, &ref, &failed) || failed)
            return arena_failed(a)
                       ? NULL
                       : az_eval_unknown(s->bb->ev, at, "'%s' cannot be evaluated", sym->name);
        return bicep_ref_value(s, &ref, at);
    }
    default:
        return az_eval_error(s->bb->ev, at, "'%s' is not a value", sym->name);
    }
}

/* The resource or module symbol an identifier names, unless a local hides it. */
static bicep_symbol *ref_symbol(const bicep_scope *s, syntax_node node)
{
    uint32_t len;
    const char *name = bicep_text(s->file, node, &len);
    if (find_local(s->locals, name, len))
        return NULL;
    bicep_symbol *sym = bicep_file_lookup(s->file, name, len);
    if (sym && (sym->kind == BICEP_SYM_RESOURCE || sym->kind == BICEP_SYM_MODULE))
        return sym;
    return NULL;
}

static bool resolve_ref(const bicep_scope *s, syntax_node node, bicep_ref *out, bool *failed)
{
    az_eval *ev = s->bb->ev;
    az_range at = bicep_range(s, node);
    /* (res) and res! name the resource as res does. */
    for (;;) {
        uint32_t i = 0;
        if (bicep_is(node, BICEP_NODE_PARENTHESIZED_EXPRESSION))
            node = next_child(node, &i);
        else if (bicep_is(node, BICEP_NODE_NON_NULL_EXPRESSION))
            node = field(node, BICEP_FIELD_EXPRESSION);
        else
            break;
    }

    if (bicep_is(node, BICEP_NODE_IDENTIFIER)) {
        bicep_symbol *sym = ref_symbol(s, node);
        if (!sym)
            return false;
        out->sym = sym;
        out->inst = NULL;
        if (!bicep_symbol_prepare(s->bb, sym, at)) {
            *failed = true;
            return true;
        }
        if (!sym->looped)
            out->inst = sym->instance_count ? &sym->instances[0] : NULL;
        if (!sym->looped && !out->inst)
            *failed = true;
        return true;
    }

    bool is_index = bicep_is(node, BICEP_NODE_INDEX_EXPRESSION);
    if (!is_index && !bicep_is(node, BICEP_NODE_RESOURCE_ACCESS_EXPRESSION))
        return false;
    if (!az_eval_enter(ev, at)) {
        *failed = true;
        return true;
    }
    bicep_ref base;
    bool found = resolve_ref(s, field(node, BICEP_FIELD_OBJECT), &base, failed);
    az_eval_leave(ev);
    if (!found || *failed)
        return found;

    if (is_index) {
        /* res[i]: an instance of a resource or module loop. */
        if (base.inst)
            return false;
        az_value *index = bicep_eval(s, field(node, BICEP_FIELD_INDEX));
        if (!index) {
            *failed = true;
            return true;
        }
        out->sym = base.sym;
        out->inst = NULL;
        if (base.sym->instance_count == 1 && base.sym->instances[0].loop &&
            base.sym->instances[0].loop->symbolic) {
            out->inst = &base.sym->instances[0];
        } else if (index->kind == AZ_INT && index->u.integer >= 0 &&
                   (uint64_t)index->u.integer < base.sym->instance_count) {
            out->inst = &base.sym->instances[index->u.integer];
        }
        if (!out->inst)
            *failed = true;
        return true;
    }

    /* parent::child: a resource nested in the parent's declaration. */
    if (!base.inst || base.sym->kind != BICEP_SYM_RESOURCE) {
        *failed = true;
        return true;
    }
    uint32_t len;
    const char *name = bicep_text(s->file, field(node, BICEP_FIELD_NAME), &len);
    for (uint32_t i = 0; i < base.sym->child_count; i++) {
        bicep_symbol *child = base.sym->children[i];
        if (child->name_len == len && memcmp(child->name, name, len) == 0) {
            out->sym = child;
            out->inst = NULL;
            if (!bicep_symbol_prepare(s->bb, child, at))
                *failed = true;
            else if (!child->looped)
                out->inst = child->instance_count ? &child->instances[0] : NULL;
            if (!child->looped && !out->inst)
                *failed = true;
            return true;
        }
    }
    az_eval_warn(ev, at, "'%s' has no nested resource '%.*s'", base.sym->name, (int)len, name);
    *failed = true;
    return true;
}

bool bicep_resolve_ref(const bicep_scope *s, syntax_node node, bicep_ref *out, bool *failed)
{
    *failed = false;
    return resolve_ref(s, node, out, failed);
}

az_value *bicep_ref_value(const bicep_scope *s, const bicep_ref *ref, az_range use)
{
    arena *a = s->bb->a;
    if (ref->sym->kind == BICEP_SYM_MODULE)
        return az_eval_unknown(s->bb->ev, use, "module '%s' used as a value", ref->sym->name);
    if (ref->inst)
        return ref->inst->id ? az_value_relocate(a, ref->inst->id, use)
                             : az_eval_unknown(s->bb->ev, use, "id of '%s'", ref->sym->name);
    az_array_builder ab = {.a = a};
    for (uint32_t i = 0; i < ref->sym->instance_count; i++) {
        bicep_instance *inst = &ref->sym->instances[i];
        az_array_builder_add(&ab, inst->id ? az_value_relocate(a, inst->id, use)
                                           : az_value_unknown(a, use, "resource id"));
    }
    return az_array_builder_finish(&ab, use);
}

/* The member `name` of a resource or module reference. Declared values are
 * returned as declared; anything else exists only after deployment, which
 * `*runtime` passes on to further member accesses. */
static az_value *ref_member(const bicep_scope *s, const bicep_ref *ref, const char *name,
                            uint32_t len, az_range at, bool *runtime)
{
    arena *a = s->bb->a;
    az_eval *ev = s->bb->ev;
    bicep_symbol *sym = ref->sym;
    bicep_instance *inst = ref->inst;
    if (!inst)
        return az_eval_error(ev, at, "'%s' is a loop: choose an instance with [index]", sym->name);

    if (ascii_ieq(name, len, "name"))
        return inst->declared_name ? az_value_relocate(a, inst->declared_name, at)
                                   : az_eval_unknown(ev, at, "name of '%s'", sym->name);
    if (sym->kind == BICEP_SYM_MODULE) {
        if (!ascii_ieq(name, len, "outputs"))
            return az_eval_unknown(ev, at, "'%.*s' of module '%s'", (int)len, name, sym->name);
        if (!bicep_symbol_finish(s->bb, sym, at))
            return arena_failed(a) ? NULL : az_eval_unknown(ev, at, "outputs of '%s'", sym->name);
        az_deployment *child = inst->module ? inst->module->child : NULL;
        if (!child)
            return az_eval_unknown(ev, at, "outputs of module '%s' are not known", sym->name);
        az_object_builder ob = {.a = a};
        for (uint32_t i = 0; i < child->output_count; i++) {
            az_output *o = child->outputs[i];
            az_object_builder_add(&ob, o->name, strlen(o->name), o->range,
                                  o->value ? o->value : az_value_unknown(a, o->range, "output"));
        }
        return az_object_builder_finish(&ob, at);
    }

    if (ascii_ieq(name, len, "id"))
        return inst->id ? az_value_relocate(a, inst->id, at)
                        : az_eval_unknown(ev, at, "id of '%s'", sym->name);
    if (ascii_ieq(name, len, "type"))
        return inst->type ? az_value_string(a, at, inst->type, strlen(inst->type))
                          : az_eval_unknown(ev, at, "type of '%s'", sym->name);
    if (ascii_ieq(name, len, "apiVersion"))
        return inst->api_version
                   ? az_value_string(a, at, inst->api_version, strlen(inst->api_version))
                   : az_eval_unknown(ev, at, "apiVersion of '%s'", sym->name);

    if (!bicep_symbol_finish(s->bb, sym, at))
        return arena_failed(a)
                   ? NULL
                   : az_eval_unknown(ev, at, "'%.*s' of '%s'", (int)len, name, sym->name);
    *runtime = true;
    const az_member *m = az_value_member(inst->body, name, len);
    if (m)
        return derive(a, m->value, inst->body, at);
    return az_eval_unknown(ev, at, "'%s.%.*s' is only known after deployment", sym->name, (int)len,
                           name);
}

/* --- Member and index access --------------------------------------------- */

static az_value *member_of(const bicep_scope *s, const az_value *obj, const char *name,
                           uint32_t len, bool safe, bool runtime, az_range at)
{
    arena *a = s->bb->a;
    az_eval *ev = s->bb->ev;
    switch (obj->kind) {
    case AZ_OBJECT: {
        const az_member *m = az_value_member(obj, name, len);
        if (m)
            return derive(a, m->value, obj, at);
        if (safe)
            return az_value_null(a, at);
        if (runtime)
            return az_eval_unknown(ev, at, "'%.*s' is only known after deployment", (int)len, name);
        return az_eval_unknown(ev, at, "property '%.*s' is not set", (int)len, name);
    }
    case AZ_NULL:
        if (safe)
            return az_value_null(a, at);
        return az_eval_error(ev, at, "property '%.*s' of null", (int)len, name);
    case AZ_UNKNOWN:
    case AZ_ABSENT:
        return unknown_from(a, obj, at);
    default:
        return az_eval_error(ev, at, "property '%.*s' of a %s", (int)len, name,
                             az_kind_name(obj->kind));
    }
}

/* The namespace import (`import * as ns`) an identifier names, unless a
 * local hides it. */
static bicep_symbol *namespace_symbol(const bicep_scope *s, syntax_node node)
{
    if (!bicep_is(node, BICEP_NODE_IDENTIFIER))
        return NULL;
    uint32_t len;
    const char *name = bicep_text(s->file, node, &len);
    if (find_local(s->locals, name, len))
        return NULL;
    bicep_symbol *sym = bicep_file_lookup(s->file, name, len);
    return sym && sym->kind == BICEP_SYM_NAMESPACE ? sym : NULL;
}

/* `ns.name`: a variable exported by the file a namespace import names. */
static az_value *namespace_member(const bicep_scope *s, bicep_symbol *ns, const char *name,
                                  uint32_t len, az_range at)
{
    bicep_file *target = bicep_namespace_resolve(s->bb, ns);
    bicep_symbol *sym = target ? bicep_file_lookup(target, name, len) : NULL;
    if (sym && sym->kind == BICEP_SYM_VAR) {
        az_value *v = bicep_symbol_value(s->bb, sym, at);
        return v ? az_value_relocate(s->bb->a, v, at) : NULL;
    }
    if (arena_failed(s->bb->a))
        return NULL;
    return az_eval_unknown(s->bb->ev, at, "imported symbol '%s.%.*s' is not available", ns->name,
                           (int)len, name);
}

static az_value *eval_member(const bicep_scope *s, syntax_node node, az_range at, bool *runtime)
{
    syntax_node object = field(node, BICEP_FIELD_OBJECT),
                property = field(node, BICEP_FIELD_PROPERTY);
    bool safe = !syntax_node_is_null(field(node, BICEP_FIELD_SAFE));
    uint32_t len;
    const char *name = bicep_text(s->file, property, &len);

    bicep_symbol *ns = namespace_symbol(s, object);
    if (ns)
        return namespace_member(s, ns, name, len, at);
    bicep_ref ref;
    bool failed = false;
    if (bicep_resolve_ref(s, object, &ref, &failed)) {
        if (failed)
            return arena_failed(s->bb->a)
                       ? NULL
                       : az_eval_unknown(s->bb->ev, at, "'%.*s' of an unresolved resource",
                                         (int)len, name);
        return ref_member(s, &ref, name, len, at, runtime);
    }
    bool rt = false;
    az_value *obj = eval_node(s, object, &rt);
    if (!obj)
        return NULL;
    *runtime = rt;
    return member_of(s, obj, name, len, safe, rt, at);
}

static az_value *eval_index(const bicep_scope *s, syntax_node node, az_range at, bool *runtime)
{
    arena *a = s->bb->a;
    az_eval *ev = s->bb->ev;
    bicep_ref ref;
    bool failed = false;
    if (bicep_resolve_ref(s, node, &ref, &failed)) {
        if (failed)
            return arena_failed(a) ? NULL : az_eval_unknown(ev, at, "unresolved resource index");
        return bicep_ref_value(s, &ref, at);
    }

    bool safe = !syntax_node_is_null(field(node, BICEP_FIELD_SAFE));
    bool from_end = !syntax_node_is_null(field(node, BICEP_FIELD_FROM_END));
    bool rt = false;
    az_value *obj = eval_node(s, field(node, BICEP_FIELD_OBJECT), &rt);
    az_value *index = obj ? bicep_eval(s, field(node, BICEP_FIELD_INDEX)) : NULL;
    if (!index)
        return NULL;
    *runtime = rt;
    if (obj->kind == AZ_UNKNOWN || obj->kind == AZ_ABSENT)
        return unknown_from(a, obj, at);
    if (index->kind == AZ_UNKNOWN || index->kind == AZ_ABSENT)
        return unknown_from(a, index, at);
    if (obj->kind == AZ_NULL && safe)
        return az_value_null(a, at);
    if (obj->kind == AZ_OBJECT && index->kind == AZ_STRING)
        return member_of(s, obj, index->u.string.ptr, index->u.string.len, safe, rt, at);
    if (obj->kind == AZ_ARRAY && index->kind == AZ_INT) {
        int64_t count = obj->u.array.count, i = index->u.integer;
        if (from_end)
            i = i > 0 ? count - i : -1;
        if (i >= 0 && i < count)
            return derive(a, obj->u.array.items[i], obj, at);
        if (safe)
            return az_value_null(a, at);
        if (rt)
            return az_eval_unknown(ev, at, "item %" PRId64 " is only known after deployment",
                                   index->u.integer);
        return az_eval_error(ev, at, "index %" PRId64 " out of range for %" PRId64 " items",
                             index->u.integer, count);
    }
    return az_eval_error(ev, at, "a %s indexed by a %s", az_kind_name(obj->kind),
                         az_kind_name(index->kind));
}

/* --- Operators ------------------------------------------------------------ */

static az_value *eval_unary(const bicep_scope *s, syntax_node node, az_range at)
{
    arena *a = s->bb->a;
    az_value *v = bicep_eval(s, field(node, BICEP_FIELD_OPERAND));
    if (!v)
        return NULL;
    if (v->kind == AZ_UNKNOWN || v->kind == AZ_ABSENT)
        return unknown_from(a, v, at);
    uint32_t len;
    const char *op = bicep_text(s->file, field(node, BICEP_FIELD_OPERATOR), &len);
    az_value *r = NULL;
    if (*op == '!' && v->kind == AZ_BOOL)
        r = az_value_bool(a, at, !v->u.boolean);
    else if (*op == '-' && v->kind == AZ_INT && v->u.integer != INT64_MIN)
        r = az_value_int(a, at, -v->u.integer);
    else if (*op == '+' && v->kind == AZ_INT)
        r = az_value_int(a, at, v->u.integer);
    else
        return az_eval_error(s->bb->ev, at, "operator '%c' on a %s", *op, az_kind_name(v->kind));
    mark_computed(r, v->flags);
    return r;
}

/* && and ||: a known deciding operand decides, whatever the other is. */
static az_value *eval_logic(const bicep_scope *s, syntax_node node, bool is_and, az_range at)
{
    arena *a = s->bb->a;
    az_value *l = bicep_eval(s, field(node, BICEP_FIELD_LEFT));
    az_value *r = l ? bicep_eval(s, field(node, BICEP_FIELD_RIGHT)) : NULL;
    if (!r)
        return NULL;
    const az_value *sides[2] = {l, r};
    const az_value *unknown = NULL;
    for (int i = 0; i < 2; i++) {
        const az_value *v = sides[i];
        if (v->kind == AZ_BOOL && v->u.boolean != is_and) {
            az_value *out = az_value_bool(a, at, !is_and);
            mark_computed(out, v->flags);
            return out;
        }
        if (v->kind == AZ_UNKNOWN || v->kind == AZ_ABSENT)
            unknown = unknown ? unknown : v;
        else if (v->kind != AZ_BOOL)
            return az_eval_error(s->bb->ev, at, "'%s' on a %s", is_and ? "&&" : "||",
                                 az_kind_name(v->kind));
    }
    if (unknown)
        return unknown_from(a, unknown, at);
    az_value *out = az_value_bool(a, at, is_and);
    mark_computed(out, l->flags | r->flags);
    return out;
}

static int compare_strings(const az_value *l, const az_value *r)
{
    uint32_t n = l->u.string.len < r->u.string.len ? l->u.string.len : r->u.string.len;
    int c = memcmp(l->u.string.ptr, r->u.string.ptr, n);
    if (c)
        return c;
    return l->u.string.len < r->u.string.len ? -1 : l->u.string.len > r->u.string.len;
}

static az_value *eval_binary(const bicep_scope *s, syntax_node node, az_range at)
{
    arena *a = s->bb->a;
    az_eval *ev = s->bb->ev;
    uint32_t len;
    const char *op = bicep_text(s->file, field(node, BICEP_FIELD_OPERATOR), &len);
    char o0 = op[0], o1 = len > 1 ? op[1] : 0;

    if (o0 == '&' || o0 == '|')
        return eval_logic(s, node, o0 == '&', at);
    az_value *l = bicep_eval(s, field(node, BICEP_FIELD_LEFT));
    if (!l)
        return NULL;
    if (o0 == '?') {
        /* ??: the right side only when the left is null. */
        if (l->kind == AZ_UNKNOWN || l->kind == AZ_ABSENT)
            return unknown_from(a, l, at);
        return l->kind == AZ_NULL ? bicep_eval(s, field(node, BICEP_FIELD_RIGHT)) : l;
    }
    az_value *r = bicep_eval(s, field(node, BICEP_FIELD_RIGHT));
    if (!r)
        return NULL;
    uint32_t flags = l->flags | r->flags;
    az_value *out = NULL;

    if ((o0 == '=' || o0 == '!') && (o1 == '=' || o1 == '~')) {
        az_equality eq = az_value_compare(l, r, o1 == '~');
        if (eq == AZ_EQUAL_UNKNOWN) {
            const az_value *u = l->kind == AZ_UNKNOWN || l->kind == AZ_ABSENT ? l : r;
            if (u->kind == AZ_UNKNOWN || u->kind == AZ_ABSENT)
                return unknown_from(a, u, at);
            return az_eval_unknown(ev, at, "comparison of values not known all through");
        }
        out = az_value_bool(a, at, (eq == AZ_EQUAL) == (o0 == '='));
        mark_computed(out, flags);
        return out;
    }
    if (l->kind == AZ_UNKNOWN || l->kind == AZ_ABSENT)
        return unknown_from(a, l, at);
    if (r->kind == AZ_UNKNOWN || r->kind == AZ_ABSENT)
        return unknown_from(a, r, at);

    if (o0 == '<' || o0 == '>') {
        int c;
        if (l->kind == AZ_INT && r->kind == AZ_INT)
            c = l->u.integer < r->u.integer ? -1 : l->u.integer > r->u.integer;
        else if (l->kind == AZ_STRING && r->kind == AZ_STRING)
            c = compare_strings(l, r);
        else
            return az_eval_error(ev, at, "'%.*s' between a %s and a %s", (int)len, op,
                                 az_kind_name(l->kind), az_kind_name(r->kind));
        bool b = o0 == '<' ? (o1 == '=' ? c <= 0 : c < 0) : (o1 == '=' ? c >= 0 : c > 0);
        out = az_value_bool(a, at, b);
        mark_computed(out, flags);
        return out;
    }

    if (l->kind != AZ_INT || r->kind != AZ_INT)
        return az_eval_error(ev, at, "'%c' between a %s and a %s", o0, az_kind_name(l->kind),
                             az_kind_name(r->kind));
    int64_t x = l->u.integer, y = r->u.integer, z;
    bool overflow = false;
    switch (o0) {
    case '+':
        overflow = __builtin_add_overflow(x, y, &z);
        break;
    case '-':
        overflow = __builtin_sub_overflow(x, y, &z);
        break;
    case '*':
        overflow = __builtin_mul_overflow(x, y, &z);
        break;
    default:
        if (y == 0)
            return az_eval_error(ev, at, "division by zero");
        if (x == INT64_MIN && y == -1) {
            overflow = true;
            break;
        }
        z = o0 == '/' ? x / y : x % y;
        break;
    }
    if (overflow)
        return az_eval_error(ev, at, "integer overflow in '%c'", o0);
    out = az_value_int(a, at, z);
    mark_computed(out, flags);
    return out;
}

static az_value *eval_ternary(const bicep_scope *s, syntax_node node, az_range at)
{
    arena *a = s->bb->a;
    az_value *cond = bicep_eval(s, field(node, BICEP_FIELD_CONDITION));
    if (!cond)
        return NULL;
    if (cond->kind == AZ_BOOL)
        return bicep_eval(
            s, field(node, cond->u.boolean ? BICEP_FIELD_CONSEQUENCE : BICEP_FIELD_ALTERNATIVE));
    if (cond->kind == AZ_UNKNOWN || cond->kind == AZ_ABSENT)
        return unknown_from(a, cond, at);
    return az_eval_error(s->bb->ev, at, "condition is a %s", az_kind_name(cond->kind));
}

/* --- Calls ---------------------------------------------------------------- */

/* At most three lambda parameters are ever bound: (accumulator, item, index). */
#define LAMBDA_MAX_PARAMS 3

static az_value *apply_lambda(const bicep_scope *s, syntax_node lambda, az_value **args,
                              uint32_t nargs)
{
    bicep_binding binds[LAMBDA_MAX_PARAMS];
    const bicep_binding *locals = s->locals;
    syntax_node params = field(lambda, BICEP_FIELD_PARAMETERS);
    uint32_t n = 0;
    if (bicep_is(params, BICEP_NODE_IDENTIFIER)) {
        if (nargs > 0) {
            binds[0] = (bicep_binding){NULL, 0, args[0], locals};
            binds[0].name = bicep_text(s->file, params, &binds[0].len);
            locals = &binds[0];
        }
    } else {
        uint32_t i = 0;
        for (syntax_node p = next_child(params, &i); !syntax_node_is_null(p) && n < nargs;
             p = next_child(params, &i), n++) {
            binds[n] = (bicep_binding){NULL, 0, args[n], locals};
            binds[n].name = bicep_text(s->file, p, &binds[n].len);
            locals = &binds[n];
        }
    }
    bicep_scope inner = {s->bb, s->file, locals};
    return bicep_eval(&inner, field(lambda, BICEP_FIELD_BODY));
}

typedef enum {
    LAMBDA_MAP,
    LAMBDA_FILTER,
    LAMBDA_REDUCE,
    LAMBDA_SORT,
    LAMBDA_TO_OBJECT,
    LAMBDA_GROUP_BY,
    LAMBDA_MAP_VALUES,
} lambda_fn;

static const struct {
    const char *name;
    lambda_fn fn;
    uint32_t min_args, max_args;
} lambda_fns[] = {
    {"map", LAMBDA_MAP, 2, 2},
    {"filter", LAMBDA_FILTER, 2, 2},
    {"reduce", LAMBDA_REDUCE, 3, 3},
    {"sort", LAMBDA_SORT, 2, 2},
    {"toObject", LAMBDA_TO_OBJECT, 2, 3},
    {"groupBy", LAMBDA_GROUP_BY, 2, 2},
    {"mapValues", LAMBDA_MAP_VALUES, 2, 2},
};

/* The ordering lambda says whether `x` comes before `y`. Returns 1, 0, or -1
 * when it cannot say (the unknown result is stored in `*unknown`). */
static int sort_before(const bicep_scope *s, syntax_node lambda, az_value *x, az_value *y,
                       az_value **unknown)
{
    az_value *pair[2] = {x, y};
    az_value *r = apply_lambda(s, lambda, pair, 2);
    if (r && r->kind == AZ_BOOL)
        return r->u.boolean;
    *unknown = r;
    return -1;
}

static az_value *lambda_sort(const bicep_scope *s, syntax_node lambda, az_value *arr, az_range at)
{
    arena *a = s->bb->a;
    uint32_t n = arr->u.array.count;
    az_value **items = arena_calloc(a, n ? n : 1, sizeof(*items));
    az_value **tmp = arena_calloc(a, n ? n : 1, sizeof(*tmp));
    if (!items || !tmp)
        return NULL;
    for (uint32_t i = 0; i < n; i++)
        items[i] = derive(a, arr->u.array.items[i], arr, arr->u.array.items[i]->range);
    /* Bottom-up merge sort: stable, and O(n log n) calls of the lambda. */
    for (uint64_t width = 1; width < n; width *= 2) {
        for (uint64_t lo = 0; lo < n; lo += 2 * width) {
            uint64_t mid = lo + width < n ? lo + width : n;
            uint64_t hi = mid + width < n ? mid + width : n;
            uint64_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi) {
                az_value *unknown = NULL;
                int before = sort_before(s, lambda, items[j], items[i], &unknown);
                if (before < 0 && !unknown)
                    return NULL;
                if (before < 0)
                    return unknown->kind == AZ_UNKNOWN
                               ? unknown_from(a, unknown, at)
                               : az_eval_error(s->bb->ev, at, "sort() comparison is a %s",
                                               az_kind_name(unknown->kind));
                tmp[k++] = before ? items[j++] : items[i++];
            }
            while (i < mid)
                tmp[k++] = items[i++];
            while (j < hi)
                tmp[k++] = items[j++];
        }
        az_value **swap = items;
        items = tmp;
        tmp = swap;
    }
    az_value *out = az_value_array(a, at, items, n);
    mark_computed(out, arr->flags);
    return out;
}

static az_value *call_lambda_fn(const bicep_scope *s, lambda_fn fn, syntax_node *arg_nodes,
                                uint32_t nargs, const char *fname, az_range at)
{
    arena *a = s->bb->a;
    az_eval *ev = s->bb->ev;
    syntax_node lambda = arg_nodes[nargs - 1];
    syntax_node value_lambda = {0};
    if (fn == LAMBDA_TO_OBJECT) {
        lambda = arg_nodes[1];
        if (nargs == 3)
            value_lambda = arg_nodes[2];
    }
    if (!bicep_is(lambda, BICEP_NODE_LAMBDA_EXPRESSION) ||
        (!syntax_node_is_null(value_lambda) &&
         !bicep_is(value_lambda, BICEP_NODE_LAMBDA_EXPRESSION)))
        return az_eval_error(ev, at, "%s() expects a lambda", fname);

    az_value *input = bicep_eval(s, arg_nodes[0]);
    az_value *acc = NULL;
    if (!input)
        return NULL;
    if (fn == LAMBDA_REDUCE && !(acc = bicep_eval(s, arg_nodes[1])))
        return NULL;
    if (input->kind == AZ_UNKNOWN || input->kind == AZ_ABSENT)
        return unknown_from(a, input, at);
    az_kind want = fn == LAMBDA_MAP_VALUES ? AZ_OBJECT : AZ_ARRAY;
    if (input->kind != want)
        return az_eval_error(ev, at, "%s() over a %s", fname, az_kind_name(input->kind));
    if (fn == LAMBDA_SORT)
        return lambda_sort(s, lambda, input, at);

    uint32_t count = want == AZ_ARRAY ? input->u.array.count : input->u.object.count;
    if (!az_eval_check_loop(ev, at, fname, count))
        return az_value_unknown(a, at, "loop too long");
    az_array_builder ab = {.a = a};
    az_object_builder ob = {.a = a};
    uint32_t flags = input->flags;
    for (uint32_t i = 0; i < count; i++) {
        az_value *item =
            want == AZ_ARRAY ? input->u.array.items[i] : input->u.object.members[i].value;
        item = derive(a, item, input, item->range);
        az_value *index = az_value_int(a, at, i);
        if (!item || !index)
            return NULL;
        az_value *args[3] = {item, index, NULL};
        az_value *r;
        switch (fn) {
        case LAMBDA_MAP:
            if (!az_array_builder_add(&ab, apply_lambda(s, lambda, args, 2)))
                return NULL;
            break;
        case LAMBDA_FILTER:
            if (!(r = apply_lambda(s, lambda, args, 2)))
                return NULL;
            if (r->kind != AZ_BOOL)
                return r->kind == AZ_UNKNOWN ? unknown_from(a, r, at)
                                             : az_eval_error(ev, at, "filter() predicate is a %s",
                                                             az_kind_name(r->kind));
            if (r->u.boolean && !az_array_builder_add(&ab, item))
                return NULL;
            break;
        case LAMBDA_REDUCE:
            args[0] = acc, args[1] = item, args[2] = index;
            if (!(acc = apply_lambda(s, lambda, args, 3)))
                return NULL;
            break;
        case LAMBDA_MAP_VALUES: {
            const az_member *m = &input->u.object.members[i];
            if (!az_object_builder_add(&ob, m->key, m->key_len, m->key_range,
                                       apply_lambda(s, lambda, args, 1)))
                return NULL;
            break;
        }
        case LAMBDA_TO_OBJECT:
        case LAMBDA_GROUP_BY: {
            if (!(r = apply_lambda(s, lambda, args, 1)))
                return NULL;
            if (r->kind != AZ_STRING)
                return r->kind == AZ_UNKNOWN ? unknown_from(a, r, at)
                                             : az_eval_error(ev, at, "%s() key is a %s", fname,
                                                             az_kind_name(r->kind));
            az_value *v = item;
            if (fn == LAMBDA_GROUP_BY) {
                /* Append to the group already started, or start one. */
                az_member *group = NULL;
                for (uint32_t k = 0; k < ob.count && !group; k++)
                    if (ob.members[k].key_len == r->u.string.len &&
                        memcmp(ob.members[k].key, r->u.string.ptr, r->u.string.len) == 0)
                        group = &ob.members[k];
                uint32_t have = group ? group->value->u.array.count : 0;
                az_value **items = arena_calloc(a, have + 1, sizeof(*items));
                if (!items)
                    return NULL;
                if (have)
                    memcpy(items, group->value->u.array.items, have * sizeof(*items));
                items[have] = item;
                if (!(v = az_value_array(a, at, items, have + 1)))
                    return NULL;
                if (group) {
                    group->value = v;
                    break;
                }
            } else if (!syntax_node_is_null(value_lambda) &&
                       !(v = apply_lambda(s, value_lambda, args, 1))) {
                return NULL;
            }
            if (!az_object_builder_add(&ob, r->u.string.ptr, r->u.string.len, r->range, v))
                return NULL;
            break;
        }
        case LAMBDA_SORT:
            break;
        }
        if (!az_eval_check_array(ev, at, fname, ab.count + ob.count))
            return az_value_unknown(a, at, "result too large");
    }
    az_value *out;
    if (fn == LAMBDA_REDUCE)
        return acc;
    if (fn == LAMBDA_MAP || fn == LAMBDA_FILTER)
        out = az_array_builder_finish(&ab, at);
    else
        out = az_object_builder_finish(&ob, at);
    mark_computed(out, flags);
    return out;
}

/* A call of a user-defined function: the arguments are bound to its
 * parameters and its body is evaluated in its own file. */
static az_value *call_user(const bicep_scope *s, bicep_symbol *fn, syntax_node *arg_nodes,
                           uint32_t nargs, az_range at)
{
    arena *a = s->bb->a;
    syntax_node params = field(fn->decl, BICEP_FIELD_PARAMETERS);
    uint32_t nparams = 0, i = 0;
    for (syntax_node p = next_child(params, &i); !syntax_node_is_null(p);
         p = next_child(params, &i))
        nparams++;
    if (nparams != nargs)
        return az_eval_error(s->bb->ev, at, "'%s' takes %" PRIu32 " arguments, not %" PRIu32,
                             fn->name, nparams, nargs);
    bicep_binding *binds = arena_calloc(a, nargs ? nargs : 1, sizeof(*binds));
    if (!binds)
        return NULL;
    const bicep_binding *locals = NULL;
    i = 0;
    for (uint32_t k = 0; k < nargs; k++) {
        syntax_node p = next_child(params, &i);
        binds[k].name = bicep_text(fn->file, field(p, BICEP_FIELD_NAME), &binds[k].len);
        if (!(binds[k].value = bicep_eval(s, arg_nodes[k])))
            return NULL;
        binds[k].next = locals;
        locals = &binds[k];
    }
    bicep_scope inner = {s->bb, fn->file, locals};
    az_value *v = bicep_eval(&inner, field(fn->decl, BICEP_FIELD_BODY));
    return v ? az_value_relocate(a, v, at) : NULL;
}

/* Functions with no value before deployment, and those that read files
 * or the environment, which a scan never does. Secrets stay secret. */
static az_value *call_withheld(const bicep_scope *s, const char *name, uint32_t len, az_range at,
                               bool *handled)
{
    static const char *const reads[] = {
        "loadTextContent",       "loadFileAsBase64",        "loadJsonContent", "loadYamlContent",
        "loadDirectoryFileInfo", "readEnvironmentVariable", "externalInput",
    };
    *handled = true;
    for (size_t i = 0; i < sizeof(reads) / sizeof(reads[0]); i++)
        if (ascii_ieq(name, len, reads[i]))
            return az_eval_unknown(s->bb->ev, at, "%s()", reads[i]);
    if (ascii_ieq(name, len, "getSecret")) {
        az_value *v = az_eval_unknown(s->bb->ev, at, "getSecret()");
        if (v)
            v->flags |= AZ_VALUE_SECURE;
        return v;
    }
    *handled = false;
    return NULL;
}

/* A method of a resource: getSecret, listKeys, listSecrets... all known only
 * at deployment; their results are secrets. */
static az_value *call_resource_method(const bicep_scope *s, const char *name, uint32_t len,
                                      az_range at)
{
    az_value *v = az_eval_unknown(s->bb->ev, at, "%.*s()", (int)len, name);
    if (v)
        v->flags |= AZ_VALUE_SECURE;
    return v;
}

static az_value *call_builtin(const bicep_scope *s, const char *name, uint32_t len,
                              syntax_node *arg_nodes, uint32_t nargs, az_range at)
{
    arena *a = s->bb->a;
    for (size_t i = 0; i < sizeof(lambda_fns) / sizeof(lambda_fns[0]); i++) {
        if (!ascii_ieq(name, len, lambda_fns[i].name))
            continue;
        if (nargs < lambda_fns[i].min_args || nargs > lambda_fns[i].max_args)
            return az_eval_error(s->bb->ev, at, "%s() takes %" PRIu32 " arguments, not %" PRIu32,
                                 lambda_fns[i].name, lambda_fns[i].min_args, nargs);
        return call_lambda_fn(s, lambda_fns[i].fn, arg_nodes, nargs, lambda_fns[i].name, at);
    }
    bool handled;
    az_value *v = call_withheld(s, name, len, at, &handled);
    if (handled)
        return v;

    az_value **args = arena_calloc(a, nargs ? nargs : 1, sizeof(*args));
    if (!args)
        return NULL;
    for (uint32_t i = 0; i < nargs; i++) {
        if (bicep_is(arg_nodes[i], BICEP_NODE_LAMBDA_EXPRESSION))
            return az_eval_error(s->bb->ev, at, "%.*s() with a lambda is not evaluated", (int)len,
                                 name);
        if (!(args[i] = bicep_eval(s, arg_nodes[i])))
            return NULL;
    }
    if (ascii_ieq(name, len, "any") && nargs == 1)
        return args[0];
    v = az_builtin_call(s->bb->ev, name, len, args, nargs, at);
    if (v && v->kind == AZ_UNKNOWN && len > 4 && ascii_ieq(name, 4, "list")) {
        v = az_value_relocate(a, v, at);
        if (v)
            v->flags |= AZ_VALUE_SECURE;
    }
    return v;
}

/* The arguments of a call, in an arena array. */
static syntax_node *call_args(const bicep_scope *s, syntax_node args_node, uint32_t *nargs)
{
    uint32_t n = 0, i = 0;
    for (syntax_node c = next_child(args_node, &i); !syntax_node_is_null(c);
         c = next_child(args_node, &i))
        n++;
    syntax_node *nodes = arena_calloc(s->bb->a, n ? n : 1, sizeof(*nodes));
    if (!nodes)
        return NULL;
    i = 0;
    for (uint32_t k = 0; k < n; k++)
        nodes[k] = next_child(args_node, &i);
    *nargs = n;
    return nodes;
}

static az_value *eval_call(const bicep_scope *s, syntax_node node, az_range at)
{
    az_eval *ev = s->bb->ev;
    syntax_node fn = field(node, BICEP_FIELD_FUNCTION);
    uint32_t nargs = 0, len;
    syntax_node *args = call_args(s, field(node, BICEP_FIELD_ARGUMENTS), &nargs);
    if (!args)
        return NULL;

    if (bicep_is(fn, BICEP_NODE_IDENTIFIER)) {
        const char *name = bicep_text(s->file, fn, &len);
        bicep_symbol *sym = bicep_file_lookup(s->file, name, len);
        if (sym) {
            bool missing;
            sym = follow_import(s, sym, &missing);
            if (!sym)
                return missing ? az_eval_unknown(ev, at, "imported function '%.*s'", (int)len, name)
                               : NULL;
            if (sym->kind == BICEP_SYM_FUNC)
                return call_user(s, sym, args, nargs, at);
        }
        return call_builtin(s, name, len, args, nargs, at);
    }

    /* ns.f(...): a namespace (sys, az, an import) or a resource's method. */
    syntax_node object = field(fn, BICEP_FIELD_OBJECT);
    const char *name = bicep_text(s->file, field(fn, BICEP_FIELD_PROPERTY), &len);
    if (bicep_is(object, BICEP_NODE_IDENTIFIER)) {
        uint32_t ns_len;
        const char *ns = bicep_text(s->file, object, &ns_len);
        bicep_symbol *sym =
            find_local(s->locals, ns, ns_len) ? NULL : bicep_file_lookup(s->file, ns, ns_len);
        if (!sym && (text_is(s->file, object, "sys") || text_is(s->file, object, "az")))
            return call_builtin(s, name, len, args, nargs, at);
        if (sym && sym->kind == BICEP_SYM_NAMESPACE) {
            bicep_file *target = bicep_namespace_resolve(s->bb, sym);
            bicep_symbol *f = target ? bicep_file_lookup(target, name, len) : NULL;
            if (f && f->kind == BICEP_SYM_FUNC)
                return call_user(s, f, args, nargs, at);
            return arena_failed(s->bb->a) ? NULL
                                          : az_eval_unknown(ev, at, "imported function '%.*s.%.*s'",
                                                            (int)ns_len, ns, (int)len, name);
        }
    }
    bicep_ref ref;
    bool failed = false;
    if (bicep_resolve_ref(s, object, &ref, &failed))
        return call_resource_method(s, name, len, at);
    return az_eval_error(ev, at, "method call '%.*s()' on a value", (int)len, name);
}

/* --- Dispatch ------------------------------------------------------------- */

static az_value *eval_number(const bicep_scope *s, syntax_node node, az_range at)
{
    uint32_t len;
    const char *text = bicep_text(s->file, node, &len);
    int64_t v = 0;
    for (uint32_t i = 0; i < len; i++) {
        if (__builtin_mul_overflow(v, 10, &v) || __builtin_add_overflow(v, text[i] - '0', &v))
            return az_eval_error(s->bb->ev, at, "integer literal out of range");
    }
    return az_value_int(s->bb->a, at, v);
}

static az_value *dispatch(const bicep_scope *s, syntax_node node, az_range at, bool *runtime)
{
    arena *a = s->bb->a;
    uint32_t i = 0;

    if (syntax_node_is_missing(node))
        return az_value_unknown(a, at, "syntax error");
    switch (type_of(node)) {
    case BICEP_NODE_ERROR:
        return az_value_unknown(a, at, "syntax error");
    case BICEP_NODE_ARRAY:
        return eval_array(s, node, at);
    case BICEP_NODE_BOOLEAN:
        return az_value_bool(a, at, text_is(s->file, node, "true"));
    case BICEP_NODE_BINARY_EXPRESSION:
        return eval_binary(s, node, at);
    case BICEP_NODE_CALL_EXPRESSION:
        return eval_call(s, node, at);
    case BICEP_NODE_FOR_EXPRESSION:
        return eval_for(s, node, at);
    case BICEP_NODE_IDENTIFIER:
        return eval_identifier(s, node, at);
    case BICEP_NODE_INDEX_EXPRESSION:
        return eval_index(s, node, at, runtime);
    case BICEP_NODE_INTERPOLATED_MULTILINE_STRING:
    case BICEP_NODE_MULTILINE_STRING:
    case BICEP_NODE_STRING:
        return eval_string(s, node, at);
    case BICEP_NODE_LAMBDA_EXPRESSION:
        return az_eval_error(s->bb->ev, at, "a lambda outside a function's arguments");
    case BICEP_NODE_MEMBER_EXPRESSION:
        return eval_member(s, node, at, runtime);
    case BICEP_NODE_NUMBER:
        return eval_number(s, node, at);
    case BICEP_NODE_NULL:
        return az_value_null(a, at);
    case BICEP_NODE_NON_NULL_EXPRESSION:
        return eval_node(s, field(node, BICEP_FIELD_EXPRESSION), runtime);
    case BICEP_NODE_OBJECT:
        return eval_object(s, node, at, NULL);
    case BICEP_NODE_PARENTHESIZED_EXPRESSION:
        return eval_node(s, next_child(node, &i), runtime);
    case BICEP_NODE_RESOURCE_ACCESS_EXPRESSION: {
        bicep_ref ref;
        bool failed = false;
        if (bicep_resolve_ref(s, node, &ref, &failed) && !failed)
            return bicep_ref_value(s, &ref, at);
        return arena_failed(a) ? NULL
                               : az_eval_unknown(s->bb->ev, at, "unresolved nested resource");
    }
    case BICEP_NODE_TERNARY_EXPRESSION:
        return eval_ternary(s, node, at);
    case BICEP_NODE_UNARY_EXPRESSION:
        return eval_unary(s, node, at);
    default:
        break;
    }
    return az_eval_error(s->bb->ev, at, "unsupported expression '%s'", syntax_node_type(node));
}

static az_value *eval_node(const bicep_scope *s, syntax_node node, bool *runtime)
{
    az_eval *ev = s->bb->ev;
    *runtime = false;
    if (syntax_node_is_null(node))
        return az_value_unknown(s->bb->a, (az_range){0}, "syntax error");
    az_range at = bicep_range(s, node);
    if (!az_eval_spend(ev, 1, at))
        return az_value_unknown(s->bb->a, at, "work budget spent");
    if (!az_eval_enter(ev, at))
        return az_value_unknown(s->bb->a, at, "nesting too deep");
    az_value *v = dispatch(s, node, at, runtime);
    az_eval_leave(ev);
    return v;
}

az_value *bicep_eval(const bicep_scope *s, syntax_node node)
{
    bool runtime;
    return eval_node(s, node, &runtime);
}

az_value *bicep_eval_body(const bicep_scope *s, syntax_node object, const bicep_given *given)
{
    az_range at = bicep_range(s, object);
    if (!bicep_is(object, BICEP_NODE_OBJECT))
        return bicep_eval(s, object);
    if (!az_eval_spend(s->bb->ev, 1, at))
        return az_value_unknown(s->bb->a, at, "work budget spent");
    return eval_object(s, object, at, given);
}

syntax_node bicep_decorator_find(const bicep_file *file, syntax_node decl, const char *name,
                                 syntax_node *arg)
{
    uint32_t count = syntax_node_named_child_count(decl);
    for (uint32_t i = 0; i < count; i++) {
        syntax_node d = syntax_node_named_child(decl, i);
        if (!bicep_is(d, BICEP_NODE_DECORATOR))
            continue;
        syntax_node e = field(d, BICEP_FIELD_EXPRESSION), args = {0};
        if (bicep_is(e, BICEP_NODE_CALL_EXPRESSION)) {
            args = field(e, BICEP_FIELD_ARGUMENTS);
            e = field(e, BICEP_FIELD_FUNCTION);
        }
        if (bicep_is(e, BICEP_NODE_MEMBER_EXPRESSION)) {
            if (!text_is(file, field(e, BICEP_FIELD_OBJECT), "sys"))
                continue;
            e = field(e, BICEP_FIELD_PROPERTY);
        }
        if (!bicep_is(e, BICEP_NODE_IDENTIFIER) || !text_is(file, e, name))
            continue;
        if (arg) {
            uint32_t k = 0;
            *arg = syntax_node_is_null(args) ? (syntax_node){0} : next_child(args, &k);
        }
        return d;
    }
    return (syntax_node){0};
}
