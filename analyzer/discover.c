#define _DEFAULT_SOURCE /* d_type */
#include "discover.h"

#include "arm_schema.h"
#include "language.h"
#include "source.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
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

/*
 * Reads a directory's member names into `names`, each directory's with a
 * '/' after it, sorted bytewise. A subtree then sorts where its paths
 * would ("a.b" before "a/x", as '.' < '/'), so that a depth-first walk
 * meets the files in the order of their display paths.
 */
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
        bool is_dir = d->d_type == DT_DIR;
        if (d->d_type == DT_UNKNOWN) {
            char *path = join_path(disk, d->d_name);
            struct stat st;
            is_dir = path && lstat(path, &st) == 0 && S_ISDIR(st.st_mode);
            free(path);
        }
        char *name = malloc(strlen(d->d_name) + 2);
        if (name)
            strcat(strcpy(name, d->d_name), is_dir ? "/" : "");
        if (string_list_push(names, name) != 0) {
            status = -1;
            break;
        }
    }
    closedir(dir);
    if (names->count > 1) /* items is NULL when empty, which qsort may not take */
        qsort(names->items, names->count, sizeof(*names->items), compare_names);
    return status;
}

static bool filtered_out(const discover_result *r, const char *relative, bool is_directory)
{
    return r->filter && r->filter->exclude(r->argument, relative, is_directory, r->filter->ud);
}

/* Considers one directory member; sets *descend when it is a directory to walk. */
static int visit_member(discover_result *r, const char *name, const char *display, const char *disk,
                        bool *descend)
{
    *descend = false;
    struct stat st;
    if (lstat(disk, &st) != 0)
        return add_errno_note(r, display, "cannot stat", errno);
    if (filtered_out(r, display, S_ISDIR(st.st_mode)))
        return add_note(r, DISCOVER_NOTE_SKIPPED, display, "excluded by the configuration");

    if (S_ISDIR(st.st_mode)) {
        if (strcmp(name, ".git") == 0 || strcmp(name, "node_modules") == 0)
            return add_note(r, DISCOVER_NOTE_SKIPPED, display, "directory skipped");
        *descend = true;
        return 0;
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

/* A directory being walked: its display path relative to the argument
 * (the root's is empty), its path on disk, and its members. */
typedef struct {
    char *rel, *disk;
    string_list names;
    size_t next;
} walk_frame;

/*
 * Discovery as it goes: directories are walked depth first with an
 * explicit stack of the directories open on the way down, so that memory
 * holds their listings, not the files found. Entries are queued in `r`
 * (one at a time) and notes gathered there until the caller takes them.
 */
struct discover_walk {
    discover_result r;
    const char *const *paths;
    size_t path_count, path_next;
    walk_frame *frames;
    size_t depth, frame_cap;
    bool in_directory; /* walking paths[path_next - 1] */
    size_t taken;      /* entries taken under it */
    /* Its first note. A directory that gives no entry is walked within one
     * discover_walk_next, so its notes are all there when it ends. */
    size_t first_note;
};

static void frame_free(walk_frame *f)
{
    free(f->rel);
    free(f->disk);
    string_list_free(&f->names);
}

/* Opens the directory `rel` under the argument's root. Takes `rel`. */
static int walk_push(discover_walk *w, char *rel)
{
    if (!rel)
        return -1;
    if (w->depth == w->frame_cap) {
        size_t cap = w->frame_cap ? w->frame_cap * 2 : 16;
        walk_frame *grown = realloc(w->frames, cap * sizeof(*grown));
        if (!grown) {
            free(rel);
            return -1;
        }
        w->frames = grown;
        w->frame_cap = cap;
    }
    walk_frame *f = &w->frames[w->depth++];
    *f = (walk_frame){rel, join_path(w->r.argument, rel), {0}, 0};
    if (!f->disk)
        return -1;
    return list_directory(&w->r, f->disk, rel[0] ? rel : w->r.argument, &f->names);
}

static bool notes_unreadable(const discover_result *r, size_t from)
{
    for (size_t i = from; i < r->note_count; i++) {
        if (r->notes[i].kind == DISCOVER_NOTE_UNREADABLE)
            return true;
    }
    return false;
}

/* Closes the walk of a directory argument. */
static int walk_end_argument(discover_walk *w)
{
    w->in_directory = false;
    if (w->taken || notes_unreadable(&w->r, w->first_note))
        return 0;
    /* Saying "no templates" under a directory it could not read would mislead. */
    return add_note(&w->r, DISCOVER_NOTE_NO_TEMPLATES, w->r.argument, "no templates found");
}

static int walk_start_argument(discover_walk *w, const char *path)
{
    discover_result *r = &w->r;
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
    w->in_directory = true;
    w->taken = 0;
    w->first_note = r->note_count;
    return walk_push(w, copy_string(""));
}

/* Goes on until an entry is queued or there is nothing left. */
static int walk_step(discover_walk *w)
{
    discover_result *r = &w->r;
    while (r->entry_count == 0) {
        if (w->depth == 0) {
            if (w->in_directory && walk_end_argument(w) != 0)
                return -1;
            if (w->path_next == w->path_count)
                return 0;
            if (walk_start_argument(w, w->paths[w->path_next++]) != 0)
                return -1;
            continue;
        }
        walk_frame *f = &w->frames[w->depth - 1];
        if (f->next == f->names.count) {
            frame_free(f);
            w->depth--;
            continue;
        }
        char *name = f->names.items[f->next++];
        size_t len = strlen(name);
        if (len > 1 && name[len - 1] == '/')
            name[len - 1] = '\0';
        char *display = join_path(f->rel, name);
        char *disk = join_path(f->disk, name);
        bool descend = false;
        int status = display && disk ? visit_member(r, name, display, disk, &descend) : -1;
        free(disk);
        if (status != 0) {
            free(display);
            return -1;
        }
        if (descend) {
            if (walk_push(w, display) != 0)
                return -1;
        } else {
            free(display);
        }
    }
    return 0;
}

int discover_walk_new(discover_walk **out, const char *const *paths, size_t count,
                      const discover_filter *filter)
{
    *out = NULL;
    discover_walk *w = calloc(1, sizeof(*w));
    if (!w)
        return -1;
    w->paths = paths;
    w->path_count = count;
    w->r.filter = filter;
    w->r.sniff_buffer = malloc(DISCOVER_SNIFF_SIZE);
    if (!w->r.sniff_buffer) {
        discover_walk_free(w);
        return -1;
    }
    *out = w;
    return 0;
}

void discover_entry_clear(discover_entry *e)
{
    free((char *)e->display_path);
    free((char *)e->disk_path);
    *e = (discover_entry){0};
}

int discover_walk_next(discover_walk *w, discover_entry *entry)
{
    *entry = (discover_entry){0};
    if (walk_step(w) != 0)
        return -1;
    if (w->r.entry_count == 0)
        return 0;
    *entry = w->r.entries[0];
    w->r.entry_count = 0;
    w->taken++;
    return 1;
}

size_t discover_walk_note_count(const discover_walk *w)
{
    return w->r.note_count;
}

const discover_note *discover_walk_note(const discover_walk *w, size_t index)
{
    return discover_result_note(&w->r, index);
}

static void notes_free(discover_result *r)
{
    for (size_t i = 0; i < r->note_count; i++) {
        free((char *)r->notes[i].path);
        free((char *)r->notes[i].reason);
    }
    r->note_count = 0;
}

void discover_walk_clear_notes(discover_walk *w)
{
    notes_free(&w->r);
}

/* Frees what `r` holds, but not `r`. */
static void result_clear(discover_result *r)
{
    for (size_t i = 0; i < r->entry_count; i++)
        discover_entry_clear(&r->entries[i]);
    free(r->entries);
    notes_free(r);
    free(r->notes);
    free(r->sniff_buffer);
}

void discover_walk_free(discover_walk *w)
{
    if (!w)
        return;
    while (w->depth > 0)
        frame_free(&w->frames[--w->depth]);
    free(w->frames);
    result_clear(&w->r);
    free(w);
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
    discover_walk *w = NULL;
    if (!r || discover_walk_new(&w, paths, count, filter) != 0) {
        free(r);
        return -1;
    }
    discover_entry e;
    int rc;
    while ((rc = discover_walk_next(w, &e)) > 0) {
        if (add_entry(r, (char *)e.display_path, (char *)e.disk_path, e.kind) != 0) {
            rc = -1;
            break;
        }
    }
    /* The result takes the notes of the whole walk. */
    r->notes = w->r.notes;
    r->note_count = w->r.note_count;
    r->note_capacity = w->r.note_capacity;
    w->r.notes = NULL;
    w->r.note_count = w->r.note_capacity = 0;
    discover_walk_free(w);
    if (rc != 0) {
        discover_result_free(r);
        return -1;
    }
    *out = r;
    return 0;
}

void discover_result_free(discover_result *r)
{
    if (!r)
        return;
    result_clear(r);
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
