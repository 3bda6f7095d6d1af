#include "json_build.h"

#include <stdlib.h>
#include <string.h>

void json_build_add(bool *failed, cJSON *obj, const char *key, cJSON *item)
{
    if (!item || !cJSON_AddItemToObject(obj, key, item)) {
        cJSON_Delete(item);
        *failed = true;
    }
}

void json_build_push(bool *failed, cJSON *array, cJSON *item)
{
    if (!item || !cJSON_AddItemToArray(array, item)) {
        cJSON_Delete(item);
        *failed = true;
    }
}

cJSON *json_build_check(bool *failed, cJSON *item)
{
    if (!item)
        *failed = true;
    return item;
}

/*
 * The document is printed by cJSON with each stream's array holding one
 * mark, a string no report holds (control characters, which cJSON escapes);
 * the text is written up to each mark, the stream's items in its place.
 * Should a mark show up elsewhere (in text from a template), the arrays are
 * filled and the document printed whole.
 */
#define MARK_FORMAT "\001azscan stream %zu\001"
#define MARK_PRINTED "\"\\u0001azscan stream %zu\\u0001\""
#define STREAMS_MAX 8

/* The items of `s`, after the first of them ", ", each line after its
 * first indented by `depth` tabs, as cJSON prints them at that depth. */
static int print_items(FILE *out, const json_build_stream *s, size_t depth)
{
    for (size_t i = 0;; i++) {
        bool failed = false;
        cJSON *item = s->item(s->ud, i, &failed);
        if (failed || !item) {
            cJSON_Delete(item);
            return failed ? -1 : 0;
        }
        char *text = cJSON_Print(item);
        cJSON_Delete(item);
        if (!text)
            return -1;
        if (i)
            fputs(", ", out);
        for (const char *line = text;;) {
            const char *end = strchr(line, '\n');
            if (!end) {
                fputs(line, out);
                break;
            }
            fwrite(line, 1, (size_t)(end - line) + 1, out);
            for (size_t d = 0; d < depth; d++)
                fputc('\t', out);
            line = end + 1;
        }
        free(text);
    }
}

/* Fills each stream's array and prints the document whole. */
static int print_whole(FILE *out, cJSON *root, const json_build_stream *streams, size_t count)
{
    bool failed = false;
    for (size_t k = 0; k < count && !failed; k++) {
        for (size_t i = 0; !failed; i++) {
            cJSON *item = streams[k].item(streams[k].ud, i, &failed);
            if (!item)
                break;
            json_build_push(&failed, streams[k].array, item);
        }
    }
    return failed ? -1 : json_build_print(out, root, NULL, 0);
}

int json_build_print(FILE *out, cJSON *root, const json_build_stream *streams, size_t count)
{
    if (count > STREAMS_MAX)
        return -1;
    bool failed = false;
    char mark[64];
    for (size_t k = 0; k < count; k++) {
        snprintf(mark, sizeof(mark), MARK_FORMAT, k);
        json_build_push(&failed, streams[k].array, cJSON_CreateString(mark));
    }
    char *text = failed ? NULL : cJSON_Print(root);
    for (size_t k = 0; k < count; k++)
        cJSON_Delete(cJSON_DetachItemFromArray(streams[k].array, 0));
    if (!text)
        return -1;

    /* Where each mark is, and its length; streams in the order of the text. */
    const char *at[STREAMS_MAX];
    size_t len[STREAMS_MAX], order[STREAMS_MAX];
    bool unique = true;
    for (size_t k = 0; k < count; k++) {
        len[k] = (size_t)snprintf(mark, sizeof(mark), MARK_PRINTED, k);
        at[k] = strstr(text, mark);
        unique = unique && at[k] && !strstr(at[k] + len[k], mark);
    }
    if (!unique) {
        free(text);
        return print_whole(out, root, streams, count);
    }
    for (size_t k = 0; k < count; k++) {
        order[k] = k;
        for (size_t j = k; j > 0 && at[order[j - 1]] > at[order[j]]; j--) {
            size_t t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    }
    int rc = 0;
    const char *from = text;
    for (size_t n = 0; n < count && rc == 0; n++) {
        size_t k = order[n];
        fwrite(from, 1, (size_t)(at[k] - from), out);
        const char *line = at[k];
        while (line > text && line[-1] != '\n')
            line--;
        rc = print_items(out, &streams[k], strspn(line, "\t") + 1);
        from = at[k] + len[k];
    }
    if (rc == 0) {
        fputs(from, out);
        fputc('\n', out);
    }
    free(text);
    return rc == 0 && !ferror(out) ? 0 : -1;
}
