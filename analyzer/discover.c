#include "discover.h"

#include "arm_schema.h"
#include "language.h"
#include "source.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct discover_result {
    discover_entry *entries;
    size_t entry_count, entry_capacity;
    discover_note *notes;
    size_t note_count, note_capacity;
    char *sniff_buffer;            /* DISCOVER_SNIFF_SIZE bytes, reused for every JSON file */
    const discover_filter *filter; /* or NULL */
    const char *argument;          /* the path argument being discovered */
};

/* A growable array of owned strings: directory names, and the walk's stack. */
typedef struct {
    char **items;
    size_t count, capacity;
} string_list;

static int string_list_push(string_list *list, char *s)
{
    if (!s)
        return -1;
    if (list->count == list->capacity) {
        size_t capacity = list->capacity ? list->capacity * 2 : 16;
        char **items = realloc(list->items, capacity * sizeof(*items));
        if (!items) {
            free(s);
            return -1;
        }
        list->items = items;
        list->capacity = capacity;
    }
    list->items[list->count++] = s;
    return 0;
}

static void string_list_free(string_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        free(list->items[i]);
    free(list->items);
}

static char *copy_string(const char *s)
{
    size_t len = strlen(s) + 1;
    char *copy = malloc(len);
    if (copy)
        memcpy(copy, s, len);
    return copy;
}

/* "a" + "b" -> "a/b"; an empty `a` gives "b"; no doubled slash after "a/". */
static char *join_path(const char *a, const char *b)
{
    size_t a_len = strlen(a), b_len = strlen(b);
    int slash = a_len > 0 && a[a_len - 1] != '/';
    char *s = malloc(a_len + (size_t)slash + b_len + 1);
    if (!s)
        return NULL;
    memcpy(s, a, a_len);
    if (slash)
        s[a_len] = '/';
    memcpy(s + a_len + (size_t)slash, b, b_len + 1);
    return s;
}

static int add_note(discover_result *r, discover_note_kind kind, const char *path,
                    const char *reason)
{
    if (r->note_count == r->note_capacity) {
        size_t capacity = r->note_capacity ? r->note_capacity * 2 : 16;
        discover_note *notes = realloc(r->notes, capacity * sizeof(*notes));
        if (!notes)
            return -1;
        r->notes = notes;
        r->note_capacity = capacity;
    }
    char *path_copy = copy_string(path);
    char *reason_copy = copy_string(reason);
    if (!path_copy || !reason_copy) {
        free(path_copy);
        free(reason_copy);
        return -1;
    }
    r->notes[r->note_count++] = (discover_note){kind, path_copy, reason_copy};
    return 0;
}

static int add_errno_note(discover_result *r, const char *path, const char *what, int e)
{
    char reason[256];
    snprintf(reason, sizeof(reason), "%s: %s", what, strerror(e));
    return add_note(r, DISCOVER_NOTE_UNREADABLE, path, reason);
}

/* Takes ownership of both paths, even on failure. */
static int add_entry(discover_result *r, char *display_path, char *disk_path, discover_kind kind)
{
    if (!display_path || !disk_path)
        goto fail;
    if (r->entry_count == r->entry_capacity) {
        size_t capacity = r->entry_capacity ? r->entry_capacity * 2 : 16;
        discover_entry *entries = realloc(r->entries, capacity * sizeof(*entries));
        if (!entries)
            goto fail;
        r->entries = entries;
        r->entry_capacity = capacity;
    }
    r->entries[r->entry_count++] = (discover_entry){display_path, disk_path, kind};
    return 0;
fail:
    free(display_path);
    free(disk_path);
    return -1;
}

static const char *json_skip_reason(arm_schema_kind kind, int truncated)
{
    switch (kind) {
    case ARM_SCHEMA_OTHER:
        return "not an ARM template: $schema is not a deployment template or parameters schema";
    case ARM_SCHEMA_NOT_OBJECT:
        return "not an ARM template: not a JSON object";
    case ARM_SCHEMA_TRUNCATED:
        if (truncated)
            return "not an ARM template: no top-level $schema in the first 64 KiB";
        break;
    case ARM_SCHEMA_NONE:
    case ARM_SCHEMA_TEMPLATE:
    case ARM_SCHEMA_PARAMETERS:
        break;
    }
    return "not an ARM template: no top-level $schema";
}

/*
 * Considers one file: takes it, or notes why not. `explicit` is set for a
 * file named as an argument, whose omission the user should hear about.
 */
static int consider_file(discover_result *r, const char *display, const char *disk,
                         const struct stat *st, int explicit)
{
    discover_note_kind skipped = explicit ? DISCOVER_NOTE_IGNORED_FILE : DISCOVER_NOTE_SKIPPED;
    language_id language = language_for_path(disk);
    if (language == LANGUAGE_NONE)
        return add_note(r, skipped, display, "not a .bicep, .bicepparam, .json or .jsonc file");
    if (!S_ISREG(st->st_mode)) {
        return add_note(r, explicit ? DISCOVER_NOTE_UNREADABLE : DISCOVER_NOTE_SKIPPED, display,
                        "not a regular file");
    }

    discover_kind kind;
    if (language == LANGUAGE_BICEP) {
        kind = language_path_is_bicepparam(disk) ? DISCOVER_KIND_BICEPPARAM : DISCOVER_KIND_BICEP;
    } else {
        size_t len;
        int truncated;
        source_error err;
        if (source_file_read_prefix(disk, r->sniff_buffer, DISCOVER_SNIFF_SIZE, &len, &truncated,
                                    &err) != SOURCE_OK) {
            char reason[256];
            return add_note(r, DISCOVER_NOTE_UNREADABLE, display,
                            source_error_describe(&err, reason, sizeof(reason)));
        }
        arm_schema_kind schema = arm_schema_sniff(r->sniff_buffer, len);
        if (schema == ARM_SCHEMA_TEMPLATE)
            kind = DISCOVER_KIND_ARM_TEMPLATE;
        else if (schema == ARM_SCHEMA_PARAMETERS)
            kind = DISCOVER_KIND_ARM_PARAMETERS;
        else
            return add_note(r, skipped, display, json_skip_reason(schema, truncated));
    }
    return add_entry(r, copy_string(display), copy_string(disk), kind);
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int compare_entries(const void *a, const void *b)
{
    return strcmp(((const discover_entry *)a)->display_path,
                  ((const discover_entry *)b)->display_path);
}

/* Reads a directory's entry names, sorted bytewise, into `names`. */
static int list_directory(discover_result *r, const char *disk, const char *display,
                          string_list *names)
{
    DIR *dir = opendir(disk);
    if (!dir)
        return add_errno_note(r, display, "cannot open directory", errno);

    int status = 0;
    for (;;) {
        errno = 0;
        struct dirent *d = readdir(dir);
        if (!d) {
            if (errno != 0)
                status = add_errno_note(r, display, "cannot read directory", errno);
            break;
        }
        if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0)
            continue;
        if (string_list_push(names, copy_string(d->d_name)) != 0) {
            status = -1;
            break;
        }
    }
    closedir(dir);
    if (names->count > 1) /* items is NULL when empty, which qsort may not take */
        qsort(names->items, names->count, sizeof(*names->items), compare_names);
    return status;
}

/* Considers one directory member; pushes subdirectories onto `subdirs`. */
static bool filtered_out(const discover_result *r, const char *relative, bool is_directory)
{
    return r->filter && r->filter->exclude(r->argument, relative, is_directory, r->filter->ud);
}

static int visit_member(discover_result *r, const char *name, const char *display, const char *disk,
                        string_list *subdirs)
{
    struct stat st;
    if (lstat(disk, &st) != 0)
        return add_errno_note(r, display, "cannot stat", errno);
    if (filtered_out(r, display, S_ISDIR(st.st_mode)))
        return add_note(r, DISCOVER_NOTE_SKIPPED, display, "excluded by the configuration");

    if (S_ISDIR(st.st_mode)) {
        if (strcmp(name, ".git") == 0 || strcmp(name, "node_modules") == 0)
            return add_note(r, DISCOVER_NOTE_SKIPPED, display, "directory skipped");
        return string_list_push(subdirs, copy_string(display));
    }
    if (S_ISLNK(st.st_mode)) {
        if (stat(disk, &st) != 0)
            return add_note(r, DISCOVER_NOTE_SKIPPED, display, "broken symbolic link");
        if (S_ISDIR(st.st_mode)) {
            return add_note(r, DISCOVER_NOTE_SKIPPED, display,
                            "symbolic link to a directory (not followed)");
        }
    }
    return consider_file(r, display, disk, &st, 0);
}

/*
 * Walks the directory `root` depth first with an explicit stack of display
 * paths relative to it; the root itself is the empty path.
 */
static int walk(discover_result *r, const char *root)
{
    string_list stack = {0};
    int status = string_list_push(&stack, copy_string(""));

    while (status == 0 && stack.count > 0) {
        char *rel = stack.items[--stack.count];
        char *dir_disk = join_path(root, rel);
        string_list names = {0}, subdirs = {0};
        if (!dir_disk)
            status = -1;
        else
            status = list_directory(r, dir_disk, rel[0] ? rel : root, &names);

        for (size_t i = 0; status == 0 && i < names.count; i++) {
            char *display = join_path(rel, names.items[i]);
            char *disk = join_path(dir_disk, names.items[i]);
            if (!display || !disk)
                status = -1;
            else
                status = visit_member(r, names.items[i], display, disk, &subdirs);
            free(display);
            free(disk);
        }

        /* Reverse order, so that the first subdirectory is walked first. */
        while (status == 0 && subdirs.count > 0)
            status = string_list_push(&stack, subdirs.items[--subdirs.count]);
        string_list_free(&subdirs);
        string_list_free(&names);
        free(dir_disk);
        free(rel);
    }
    string_list_free(&stack);
    return status;
}

static int discover_path(discover_result *r, const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            return add_note(r, DISCOVER_NOTE_MISSING, path, "no such file or directory");
        return add_errno_note(r, path, "cannot stat", errno);
    }
    r->argument = path;
    if (filtered_out(r, NULL, S_ISDIR(st.st_mode)))
        return add_note(r, DISCOVER_NOTE_IGNORED_FILE, path, "excluded by the configuration");
    if (!S_ISDIR(st.st_mode))
        return consider_file(r, path, path, &st, 1);

    size_t first = r->entry_count, first_note = r->note_count;
    if (walk(r, path) != 0)
        return -1;
    if (r->entry_count == first) {
        /* Saying "no templates" under a directory it could not read would mislead. */
        for (size_t i = first_note; i < r->note_count; i++) {
            if (r->notes[i].kind == DISCOVER_NOTE_UNREADABLE)
                return 0;
        }
        return add_note(r, DISCOVER_NOTE_NO_TEMPLATES, path, "no templates found");
    }
    qsort(r->entries + first, r->entry_count - first, sizeof(*r->entries), compare_entries);
    return 0;
}

int discover_paths(discover_result **out, const char *const *paths, size_t count)
{
    return discover_paths_filtered(out, paths, count, NULL);
}

int discover_paths_filtered(discover_result **out, const char *const *paths, size_t count,
                            const discover_filter *filter)
{
    *out = NULL;
    discover_result *r = calloc(1, sizeof(*r));
    if (!r)
        return -1;
    r->filter = filter;
    r->sniff_buffer = malloc(DISCOVER_SNIFF_SIZE);
    if (!r->sniff_buffer) {
        discover_result_free(r);
        return -1;
    }
    for (size_t i = 0; i < count; i++) {
        if (discover_path(r, paths[i]) != 0) {
            discover_result_free(r);
            return -1;
        }
    }
    *out = r;
    return 0;
}

void discover_result_free(discover_result *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->entry_count; i++) {
        free((char *)r->entries[i].display_path);
        free((char *)r->entries[i].disk_path);
    }
    for (size_t i = 0; i < r->note_count; i++) {
        free((char *)r->notes[i].path);
        free((char *)r->notes[i].reason);
    }
    free(r->entries);
    free(r->notes);
    free(r->sniff_buffer);
    free(r);
}

size_t discover_result_entry_count(const discover_result *r)
{
    return r->entry_count;
}

const discover_entry *discover_result_entry(const discover_result *r, size_t index)
{
    return index < r->entry_count ? &r->entries[index] : NULL;
}

size_t discover_result_note_count(const discover_result *r)
{
    return r->note_count;
}

const discover_note *discover_result_note(const discover_result *r, size_t index)
{
    return index < r->note_count ? &r->notes[index] : NULL;
}
