/* Printing a document with long arrays made as it is printed: the same
 * text as cJSON_Print of the whole, whatever the arrays hold. */
#include "json_build.h"

#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Item i of a stream: an object with nested values, `count` of them. */
typedef struct {
    size_t count;
    size_t fail_at; /* SIZE_MAX: never */
    const char *text;
} items;

static cJSON *make_item(const items *it, size_t i)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "index", (double)i);
    cJSON_AddStringToObject(o, "text", it->text);
    cJSON *nested = cJSON_AddObjectToObject(o, "nested");
    cJSON *list = cJSON_AddArrayToObject(nested, "list");
    for (size_t k = 0; k < i % 3; k++)
        cJSON_AddItemToArray(list, cJSON_CreateNumber((double)k / 3));
    cJSON_AddItemToObject(nested, "empty", cJSON_CreateObject());
    return o;
}

static cJSON *next_item(void *ud, size_t index, bool *failed)
{
    const items *it = ud;
    if (index == it->fail_at) {
        *failed = true;
        return NULL;
    }
    return index < it->count ? make_item(it, index) : NULL;
}

/* A document with three long arrays at different depths, one of them
 * empty, and `extra` somewhere else; `arrays` gets the three arrays. */
static cJSON *document(const char *extra, cJSON *arrays[3])
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "version", "1");
    cJSON *a = cJSON_AddObjectToObject(root, "a");
    arrays[0] = cJSON_AddArrayToObject(a, "list");
    cJSON_AddNumberToObject(a, "after", 2);
    cJSON *runs = cJSON_AddArrayToObject(root, "runs");
    cJSON *run = cJSON_CreateObject();
    cJSON_AddItemToArray(runs, run);
    arrays[1] = cJSON_AddArrayToObject(run, "results");
    cJSON_AddStringToObject(run, "extra", extra);
    arrays[2] = cJSON_AddArrayToObject(root, "empty");
    return root;
}

/* What json_build_print writes, and what cJSON_Print gives for the whole. */
static void print_both(const char *extra, items its[3], char **streamed, char **whole)
{
    cJSON *arrays[3];
    cJSON *root = document(extra, arrays);
    json_build_stream streams[3];
    for (size_t k = 0; k < 3; k++)
        streams[k] = (json_build_stream){arrays[k], next_item, &its[k]};
    size_t len;
    FILE *out = open_memstream(streamed, &len);
    cr_assert_eq(json_build_print(out, root, streams, 3), 0);
    fclose(out);
    cJSON_Delete(root);

    root = document(extra, arrays);
    for (size_t k = 0; k < 3; k++) {
        for (size_t i = 0; i < its[k].count; i++)
            cJSON_AddItemToArray(arrays[k], make_item(&its[k], i));
    }
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    *whole = malloc(strlen(text) + 2);
    strcat(strcpy(*whole, text), "\n");
    free(text);
}

Test(json_build, prints_streams_as_cjson_prints_the_whole)
{
    items its[3] = {
        {5, SIZE_MAX, "line\nbreak \"quoted\""}, {40, SIZE_MAX, "\t"}, {0, SIZE_MAX, ""}};
    char *streamed, *whole;
    print_both("x", its, &streamed, &whole);
    cr_assert_str_eq(streamed, whole);
    cr_assert(strstr(streamed, "\"index\":\t39"));
    free(streamed);
    free(whole);
}

/* A mark in the document's own text (from a template, say) cannot be told
 * from the real one: the document is printed whole, and still the same. */
Test(json_build, prints_the_whole_when_a_mark_shows_elsewhere)
{
    items its[3] = {
        {3, SIZE_MAX, "a"}, {2, SIZE_MAX, "\001azscan stream 0\001"}, {1, SIZE_MAX, ""}};
    const char *extras[] = {"\001azscan stream 1\001", "\001azscan stream 2\001"};
    for (size_t e = 0; e < 2; e++) {
        char *streamed, *whole;
        print_both(extras[e], its, &streamed, &whole);
        cr_assert_str_eq(streamed, whole);
        free(streamed);
        free(whole);
    }
}

Test(json_build, fails_when_an_item_cannot_be_made)
{
    for (size_t whole = 0; whole < 2; whole++) {
        items its[3] = {{5, SIZE_MAX, "a"}, {9, 4, "b"}, {0, SIZE_MAX, ""}};
        cJSON *arrays[3];
        /* A mark elsewhere takes the path that prints the whole. */
        cJSON *root = document(whole ? "\001azscan stream 0\001" : "", arrays);
        json_build_stream streams[3];
        for (size_t k = 0; k < 3; k++)
            streams[k] = (json_build_stream){arrays[k], next_item, &its[k]};
        FILE *out = fopen("/dev/null", "w");
        cr_assert_eq(json_build_print(out, root, streams, 3), -1);
        fclose(out);
        cJSON_Delete(root);
    }
}

Test(json_build, fails_when_writing_fails)
{
    items its[3] = {
        {2000, SIZE_MAX, "some text to fill the buffer"}, {0, SIZE_MAX, ""}, {0, SIZE_MAX, ""}};
    cJSON *arrays[3];
    cJSON *root = document("", arrays);
    json_build_stream streams[3];
    for (size_t k = 0; k < 3; k++)
        streams[k] = (json_build_stream){arrays[k], next_item, &its[k]};
    FILE *out = fopen("/dev/full", "w");
    cr_assert_not_null(out);
    cr_assert_eq(json_build_print(out, root, streams, 3), -1);
    fclose(out);
    cJSON_Delete(root);
}
