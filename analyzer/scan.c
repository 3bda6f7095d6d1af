#define _XOPEN_SOURCE 700 /* realpath */
#include "scan.h"

#include "analysis.h"
#include "arena.h"
#include "discover.h"
#include "language.h"
#include "model_build.h"
#include "pool.h"
#include "source.h"
#include "spill.h"
#include "str_hash.h"
#include "str_intern.h"
#include "suppress.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct {
    const char *display, *disk;
    /* Its suppression directives (suppress_directives_find), found as the
     * file was read for the scan; `looked` once they were looked for. */
    const char *directives;
    size_t directives_size;
    bool looked;
} scan_path;

struct scan_result {
    arena *strings;
    str_intern *repeated; /* strings that repeat (files, reasons), each kept once */
    az_findings *findings;
    scan_error *errors;
    size_t error_count, error_cap;
    size_t discovery_errors; /* the first errors: discovery's, of every path argument */
    scan_warning *warnings;
    size_t warning_count, warning_cap;
    scan_note *notes;
    size_t note_count, note_cap;
    /* Where each file read was read from, sorted by display path at the end
     * of the scan (see scan_result_disk_path). */
    scan_path *paths;
    size_t path_count, path_cap;
    /* Open addressing over paths by display path (index + 1, 0 when empty),
     * so that a file many templates read is kept once, as it is read. */
    uint32_t *path_slots;
    size_t path_slot_count;
    size_t files, templates;
    const file_provider *provider;
    const char *display_root;
    bool failed;
};

static const char *keep(scan_result *r, const char *s)
{
    if (!s)
        return NULL;
    const char *copy = arena_strndup(r->strings, s, strlen(s));
    if (!copy)
        r->failed = true;
    return copy;
}

/* Appends a zeroed element to a malloc'd array; NULL when out of memory. */
static void *grow(scan_result *r, void **items, size_t *count, size_t *cap, size_t size)
{
    if (*count == *cap) {
        size_t next = *cap ? *cap * 2 : 16;
        void *grown = realloc(*items, next * size);
        if (!grown) {
            r->failed = true;
            return NULL;
        }
        *items = grown;
        *cap = next;
    }
    void *item = (char *)*items + (*count)++ * size;
    memset(item, 0, size);
    return item;
}

/* A kept copy of a display path: errors and warnings come in runs about one
 * file, and share one copy. */
static const char *keep_file(scan_result *r, const char *file)
{
    if (!file)
        return NULL;
    const char *copy = str_intern_add(r->repeated, file);
    if (!copy)
        r->failed = true;
    return copy;
}

static void add_error(scan_result *r, const char *file, const source_position *pos,
                      const char *message)
{
    scan_error *e = grow(r, (void **)&r->errors, &r->error_count, &r->error_cap, sizeof(*e));
    if (!e)
        return;
    e->file = keep_file(r, file);
    e->message = keep(r, message);
    if (pos) {
        e->has_position = true;
        e->line = pos->line;
        e->column = pos->column;
    }
}

/* Discovery's errors come before the files', whichever argument they are about. */
static void add_discovery_error(scan_result *r, const char *path, const char *reason)
{
    size_t count = r->error_count;
    add_error(r, path, NULL, reason);
    if (r->error_count == count)
        return;
    scan_error e = r->errors[count];
    memmove(&r->errors[r->discovery_errors + 1], &r->errors[r->discovery_errors],
            (count - r->discovery_errors) * sizeof(*r->errors));
    r->errors[r->discovery_errors++] = e;
}

static void add_warning(scan_result *r, const char *file, unsigned line, unsigned column,
                        const char *message)
{
    scan_warning *w =
        grow(r, (void **)&r->warnings, &r->warning_count, &r->warning_cap, sizeof(*w));
    if (!w)
        return;
    w->file = keep_file(r, file);
    w->line = line;
    w->column = column;
    w->message = keep(r, message);
}

/* The slot of `display` in the path set, or the empty slot where it goes. */
static uint32_t *path_slot(const scan_result *r, const char *display)
{
    size_t mask = r->path_slot_count - 1;
    for (size_t i = str_hash(display) & mask;; i = (i + 1) & mask) {
        uint32_t *slot = &r->path_slots[i];
        if (*slot == 0 || strcmp(r->paths[*slot - 1].display, display) == 0)
            return slot;
    }
}

/* Keeps the path set at most half full. Returns 0, or -1 when out of memory. */
static int path_set_grow(scan_result *r)
{
    if (r->path_slot_count && (r->path_count + 1) * 2 <= r->path_slot_count)
        return 0;
    size_t count = r->path_slot_count ? r->path_slot_count * 2 : 64;
    uint32_t *slots = calloc(count, sizeof(*slots));
    if (!slots || r->path_count >= UINT32_MAX - 1) {
        free(slots);
        return -1;
    }
    free(r->path_slots);
    r->path_slots = slots;
    r->path_slot_count = count;
    for (size_t i = 0; i < r->path_count; i++)
        *path_slot(r, r->paths[i].display) = (uint32_t)i + 1;
    return 0;
}

/* Records where `display` was read from; the first read of a display path
 * wins. Returns the path's record, or NULL on failure. */
static scan_path *add_path(scan_result *r, const char *display, const char *disk)
{
    if (r->failed)
        return NULL;
    if (path_set_grow(r) != 0) {
        r->failed = true;
        return NULL;
    }
    uint32_t *slot = path_slot(r, display);
    if (*slot != 0)
        return &r->paths[*slot - 1];
    scan_path *p = grow(r, (void **)&r->paths, &r->path_count, &r->path_cap, sizeof(*p));
    if (!p)
        return NULL;
    /* The display path is most often the tail of the disk path: one copy
     * serves both. */
    size_t display_len = strlen(display), disk_len = strlen(disk);
    p->disk = keep(r, disk);
    if (p->disk && disk_len >= display_len &&
        strcmp(p->disk + disk_len - display_len, display) == 0)
        p->display = p->disk + disk_len - display_len;
    else
        p->display = keep(r, display);
    if (!p->display || !p->disk)
        return NULL;
    *slot = (uint32_t)r->path_count;
    return p;
}

/* Gives `p` its directives, `size` bytes at `block` (copied), unless it has them. */
static void set_directives(scan_result *r, scan_path *p, const char *block, size_t size)
{
    if (!p || p->looked)
        return;
    p->looked = true;
    if (!size)
        return;
    char *copy = arena_alloc(r->strings, size);
    if (!copy) {
        r->failed = true;
        return;
    }
    p->directives = memcpy(copy, block, size);
    p->directives_size = size;
}

/* Looks for the directives of `p`, read as `src`, unless it has them. */
static void find_directives(scan_result *r, scan_path *p, const source_file *src)
{
    if (!p || p->looked)
        return;
    char *block;
    size_t size;
    if (suppress_directives_find(source_file_text(src), source_file_length(src), &block, &size) !=
        0) {
        r->failed = true;
        return;
    }
    set_directives(r, p, block, size);
    free(block);
}

/* Records the file the model of `e` read as `display` (the template, a
 * parameter file or a module). Display paths are relative to the root (or
 * absolute when outside it), so the root leads to them on disk. */
static scan_path *add_model_path(scan_result *r, const char *display, const char *root,
                                 const discover_entry *e)
{
    if (r->display_root)
        root = r->display_root;
    if (strcmp(display, e->display_path) == 0 || display[0] == '/')
        return add_path(r, display, display[0] == '/' ? display : e->disk_path);
    size_t n = strlen(root) + strlen(display) + 2;
    char *disk = malloc(n);
    if (!disk) {
        r->failed = true;
        return NULL;
    }
    snprintf(disk, n, "%s/%s", root, display);
    scan_path *p = add_path(r, display, disk);
    free(disk);
    return p;
}

/* Every file the model read, including those it could not. */
static void add_model_paths(scan_result *r, const az_model *m, const char *root,
                            const discover_entry *e)
{
    for (uint32_t i = 0; i < az_model_file_count(m) && !r->failed; i++)
        add_model_path(r, az_model_file_path(m, i), root, e);
}

/* The build of one template, as it reads each file. */
typedef struct {
    scan_result *r;
    const char *root;
    const discover_entry *e;
} build_reads;

static void build_read(void *ud, const char *display, const source_file *src)
{
    build_reads *br = ud;
    find_directives(br->r, add_model_path(br->r, display, br->root, br->e), src);
}

static int compare_paths(const void *a, const void *b)
{
    return strcmp(((const scan_path *)a)->display, ((const scan_path *)b)->display);
}

/* Sorts the paths (one per display path) for lookup by display path. */
static void finish_paths(scan_result *r)
{
    /* A failed scan is freed unread; its paths may lack strings. */
    if (r->failed || r->path_count == 0)
        return;
    qsort(r->paths, r->path_count, sizeof(*r->paths), compare_paths);
    free(r->path_slots);
    r->path_slots = NULL;
    r->path_slot_count = 0;
}

static void add_note(scan_result *r, int kind, const char *path, const char *reason)
{
    scan_note *n = grow(r, (void **)&r->notes, &r->note_count, &r->note_cap, sizeof(*n));
    if (!n)
        return;
    n->kind = kind;
    n->path = keep(r, path);
    if (!(n->reason = str_intern_add(r->repeated, reason)))
        r->failed = true;
}

/* The scan root of a path argument: a directory is its own root; a file's
 * root is the working directory when the file lies under it, else the
 * file's directory. Modules are never read from outside the root. */
static char *root_of(const char *arg)
{
    struct stat st;
    if (stat(arg, &st) == 0 && S_ISDIR(st.st_mode))
        return strdup(arg);
    char *file = realpath(arg, NULL);
    char *cwd = getcwd(NULL, 0);
    char *root = NULL;
    if (file && cwd && strncmp(file, cwd, strlen(cwd)) == 0 && file[strlen(cwd)] == '/') {
        root = cwd;
        cwd = NULL;
    } else if (file) {
        char *slash = strrchr(file, '/');
        root = slash && slash != file ? strndup(file, (size_t)(slash - file)) : strdup("/");
    }
    free(file);
    free(cwd);
    return root;
}

/* The index in o->paths of the argument a discovered entry came from
 * (display paths of files under a directory argument are relative to it),
 * or o->path_count for none: ".". */
static size_t argument_of(const scan_options *o, const discover_entry *e)
{
    for (size_t i = 0; i < o->path_count; i++) {
        size_t n = strlen(o->paths[i]);
        if (strcmp(e->disk_path, o->paths[i]) == 0)
            return i;
        if (strncmp(e->disk_path, o->paths[i], n) == 0 &&
            (e->disk_path[n] == '/' || o->paths[i][n - 1] == '/'))
            return i;
    }
    return o->path_count;
}

typedef struct {
    const scan_options *o;
} selection;

static bool selected(const az_check *c, void *ud)
{
    const scan_options *o = ((selection *)ud)->o;
    bool in = o->include_count == 0;
    for (size_t i = 0; !in && i < o->include_count; i++)
        in = az_check_matches(c, o->include[i]);
    for (size_t i = 0; in && i < o->exclude_count; i++)
        in = !az_check_matches(c, o->exclude[i]);
    return in;
}

/* Items in flight per worker. A big compiled template takes as long as a
 * hundred small files: with a short window the other workers run out of
 * items while it is worked, and the scan turns serial. A waiting part holds
 * only its results. */
#define SCAN_WINDOW_PER_JOB 64

/* Bytes of memory the scan's tree cache keeps for other templates to load
 * as modules (Bicep sources with their indexes and syntax tables, about 3.8
 * times the source over AVM), on top of the memory of the files in flight.
 * It is about what 256 KiB of source took with tables of every node and
 * point, and holds about 550 KiB: more than the modules of AVM's largest
 * pattern (avm/ptn/sa/chat-with-your-data, 1.5 MiB with their tables),
 * which four templates in a row load, so that none is parsed twice. With
 * 1 MiB the scan parses 67 files again. */
#define SCAN_TREE_CACHE_BYTES ((size_t)2 * 1024 * 1024)

/* A file to analyze, discovered or given; its paths are its own. */
typedef struct {
    discover_entry e;
    /* Its scan root: a given file's own, or that of the argument it was
     * discovered under; NULL when it could not be found. */
    const char *root;
} scan_item;

/* A scan in progress: each item is worked into a result of its own (a
 * part), in slot i % window, and folded into `r` in item order. */
typedef struct {
    const scan_options *o;
    scan_item *items;    /* item i in slot i % window */
    discover_walk *walk; /* where items come from, unless given */
    size_t given;        /* scan_options.files taken so far */
    scan_result *r;
    scan_result **parts;
    size_t window;
    tree_cache *cache;
    const file_provider *provider; /* the scan's provider, with resolved paths remembered */
    unsigned jobs;
    /* The scan root of each path argument, then of ".", found when first
     * needed: once per argument, not once per template. */
    char **roots;
    /* Where parts wait, encoded, until the scan ends (NULL: folded at once),
     * and the buffer each is encoded in. */
    spill *spill;
    spill_record record;
} scan_job;

/* Models the template `e`, already read and parsed (`src` and `tree`, which
 * this takes; NULL for the build to read them), and runs the checks over it.
 * `root` is its scan_item's. */
static void model_and_check(scan_result *r, const scan_job *job, const discover_entry *e,
                            const char *root, source_file *src, TSTree *tree)
{
    const scan_options *o = job->o;
    if (!root) {
        ts_tree_delete(tree);
        source_file_free(src);
        r->failed = true;
        return;
    }
    /* Display paths in the model are relative to the root, as discovery's
     * are, or to the display root when there is one. */
    const char *param_file = o->param_file;
    if (!param_file && o->param_file_for)
        param_file = o->param_file_for(e->disk_path, o->param_file_ud);
    az_build_source source = {job->provider, o->display_root};
    build_reads reads = {r, root, e};
    az_build_request req = {.from = &source,
                            .scan_root = root,
                            .disk_path = e->disk_path,
                            .display_path = e->display_path,
                            .param_file = param_file,
                            .parse_timeout_micros = o->parse_timeout_micros,
                            .source = src,
                            .tree = tree,
                            .cache = job->cache,
                            .on_read = build_read,
                            .on_read_ud = &reads};
    az_model *m = NULL;
    char err[300];
    if (az_model_build(&m, &req, err, sizeof(err)) != 0) {
        if (strcmp(err, "out of memory") == 0)
            r->failed = true;
        else
            add_error(r, e->display_path, NULL, err);
        return;
    }
    add_model_paths(r, m, root, e);
    r->templates++;
    for (uint32_t i = 0; i < az_model_warning_count(m); i++) {
        const az_warning *w = az_model_warning(m, i);
        add_warning(r, w->range.start_line ? az_model_file_path(m, w->range.file) : NULL,
                    w->range.start_line, w->range.start_column, w->message);
    }
    selection sel = {o};
    if (az_checks_run(m, &o->config, selected, &sel, r->findings) != 0)
        r->failed = true;
    az_model_free(m);
}

static void suppression_warning(void *ud, const char *file, unsigned line, unsigned column,
                                const char *message)
{
    add_warning(ud, file, line, column, message);
}

/* Suppression comments may sit in any file read: templates, parameter
 * files, modules. Each file's were found as it was read. */
static int apply_comment_suppressions(scan_result *r, const scan_options *o)
{
    suppress_file *files = malloc((r->path_count ? r->path_count : 1) * sizeof(*files));
    if (!files)
        return -1;
    for (size_t i = 0; i < r->path_count; i++)
        files[i] = (suppress_file){r->paths[i].display, r->paths[i].directives,
                                   r->paths[i].directives_size};
    selection sel = {o};
    suppress_options so = {o->config.require_justification, selected, &sel, suppression_warning, r};
    int rc = suppress_comments_apply(r->findings, files, r->path_count, &so);
    free(files);
    return rc;
}

static scan_result *result_new(void)
{
    scan_result *r = calloc(1, sizeof(*r));
    if (!r)
        return NULL;
    r->strings = arena_new();
    r->repeated = str_intern_new();
    r->findings = az_findings_new();
    if (!r->strings || !r->repeated || !r->findings) {
        scan_result_free(r);
        return NULL;
    }
    return r;
}

/*
 * The entry when it is a Bicep template that an earlier build loaded as a
 * module and the tree cache still holds without syntax errors: it needs no
 * parse of its own then. In use until released; NULL otherwise.
 */
static tree_cache_entry *cached_template(const scan_job *job, const discover_entry *e)
{
    if (e->kind != DISCOVER_KIND_BICEP)
        return NULL;
    char *resolved = file_provider_resolve(job->provider, e->disk_path);
    tree_cache_entry *cached = resolved ? tree_cache_get(job->cache, resolved) : NULL;
    free(resolved);
    if (cached && !tree_cache_entry_clean(cached)) {
        tree_cache_release(job->cache, cached);
        cached = NULL;
    }
    return cached;
}

/* One entry: read and parse it, report its syntax errors, and model and
 * check it when it is a template. Runs on a worker thread: it touches only
 * its part. */
static void scan_entry(void *ud, size_t index)
{
    scan_job *job = ud;
    const scan_options *o = job->o;
    const scan_item *item = &job->items[index % job->window];
    const discover_entry *e = &item->e;
    scan_result *part = result_new();
    job->parts[index % job->window] = part;
    if (!part)
        return;
    part->display_root = o->display_root;
    part->files = 1;
    scan_path *path = add_path(part, e->display_path, e->disk_path);
    tree_cache_entry *cached = cached_template(job, e);
    if (cached) {
        /* The build takes the file from the cache as well. */
        model_and_check(part, job, e, item->root, NULL, NULL);
        tree_cache_release(job->cache, cached);
        return;
    }
    analysis *a;
    analysis_options ao = {o->parse_timeout_micros};
    if (analysis_run_from(&a, job->provider, e->disk_path, language_for_path(e->disk_path), &ao) ==
        ANALYSIS_NOMEM) {
        part->failed = true;
        return;
    }
    const diagnostic_list *list = analysis_diagnostics(a);
    for (size_t i = 0; i < diagnostic_list_count(list); i++) {
        const diagnostic *d = diagnostic_list_get(list, i);
        add_error(part, e->display_path, d->has_position ? &d->position : NULL, d->message);
    }
    source_file *src;
    TSTree *tree;
    analysis_take(a, &src, &tree);
    analysis_free(a);
    /* Parameter files are read as variants of their templates; a file that
     * could not be read or parsed has nothing to model. */
    bool is_template = e->kind == DISCOVER_KIND_BICEP || e->kind == DISCOVER_KIND_ARM_TEMPLATE;
    if (is_template && tree) {
        model_and_check(part, job, e, item->root, src, tree);
    } else {
        /* A file that is not modeled still has its directives applied:
         * they may name checks that find nothing there. */
        if (src)
            find_directives(part, path, src);
        if (tree)
            ts_tree_delete(tree);
        source_file_free(src);
    }
}

/* A part as a spill record: what folding it into the result needs. */
static void part_encode(const scan_result *part, spill_record *out)
{
    spill_record_u64(out, part->files);
    spill_record_u64(out, part->templates);
    spill_record_u64(out, part->note_count);
    for (size_t i = 0; i < part->note_count; i++) {
        const scan_note *n = &part->notes[i];
        spill_record_u32(out, (uint32_t)n->kind);
        spill_record_str(out, n->path);
        spill_record_str(out, n->reason);
    }
    spill_record_u64(out, part->error_count);
    spill_record_u64(out, part->discovery_errors);
    for (size_t i = 0; i < part->error_count; i++) {
        const scan_error *e = &part->errors[i];
        spill_record_str(out, e->file);
        spill_record_u32(out, e->has_position);
        spill_record_u32(out, e->line);
        spill_record_u32(out, e->column);
        spill_record_str(out, e->message);
    }
    spill_record_u64(out, part->warning_count);
    for (size_t i = 0; i < part->warning_count; i++) {
        const scan_warning *w = &part->warnings[i];
        spill_record_str(out, w->file);
        spill_record_u32(out, w->line);
        spill_record_u32(out, w->column);
        spill_record_str(out, w->message);
    }
    spill_record_u64(out, part->path_count);
    for (size_t i = 0; i < part->path_count; i++) {
        const scan_path *p = &part->paths[i];
        spill_record_str(out, p->display);
        spill_record_str(out, p->disk);
        spill_record_u32(out, p->looked);
        spill_record_bytes(out, p->directives, p->directives_size);
    }
    az_findings_encode(part->findings, out);
}

/* Folds an encoded part into the result, in the order a serial scan would:
 * the first read of a display path wins, and findings are kept once. */
static void part_fold(scan_result *r, const void *data, size_t size)
{
    spill_reader in = spill_reader_of(data, size);
    r->files += spill_reader_u64(&in);
    r->templates += spill_reader_u64(&in);
    uint64_t count = spill_reader_u64(&in);
    for (uint64_t i = 0; i < count && !in.failed; i++) {
        uint32_t kind = spill_reader_u32(&in);
        const char *path = spill_reader_str(&in), *reason = spill_reader_str(&in);
        if (!in.failed && kind <= SCAN_NOTE_MISSING)
            add_note(r, (int)kind, path, reason);
    }
    count = spill_reader_u64(&in);
    uint64_t discovery = spill_reader_u64(&in);
    for (uint64_t i = 0; i < count && !in.failed; i++) {
        const char *file = spill_reader_str(&in);
        bool has_position = spill_reader_u32(&in);
        source_position pos = {spill_reader_u32(&in), spill_reader_u32(&in)};
        const char *message = spill_reader_str(&in);
        if (in.failed)
            break;
        if (i < discovery)
            add_discovery_error(r, file, message);
        else
            add_error(r, file, has_position ? &pos : NULL, message);
    }
    count = spill_reader_u64(&in);
    for (uint64_t i = 0; i < count && !in.failed; i++) {
        const char *file = spill_reader_str(&in);
        unsigned line = spill_reader_u32(&in), column = spill_reader_u32(&in);
        const char *message = spill_reader_str(&in);
        if (!in.failed)
            add_warning(r, file, line, column, message);
    }
    count = spill_reader_u64(&in);
    for (uint64_t i = 0; i < count && !in.failed; i++) {
        const char *display = spill_reader_str(&in), *disk = spill_reader_str(&in);
        bool looked = spill_reader_u32(&in);
        size_t directives_size;
        const char *directives = spill_reader_bytes(&in, &directives_size);
        if (in.failed || !display || !disk)
            break;
        scan_path *p = add_path(r, display, disk);
        if (looked)
            set_directives(r, p, directives, directives_size);
    }
    if (in.failed || az_findings_decode(r->findings, &in) != 0 || in.at != in.end)
        r->failed = true;
}

/* Folds every part the spill holds into the result, and closes it. */
static void spill_drain(scan_job *job)
{
    scan_result *r = job->r;
    const void *data;
    size_t size;
    int rc;
    while (!r->failed && (rc = spill_next(job->spill, &data, &size)) != 0) {
        if (rc < 0)
            r->failed = true;
        else
            part_fold(r, data, size);
    }
    spill_close(job->spill);
    job->spill = NULL;
}

/* Hands `part` (which this frees) over to the result, in item order:
 * encoded into the spill, or folded at once when there is none. A spill
 * that stops taking parts (a full disk) is folded then, and the scan goes
 * on in memory. A part that failed, or none (out of memory), fails the scan. */
static void part_deliver(scan_job *job, scan_result *part)
{
    scan_result *r = job->r;
    bool whole = part && !part->failed;
    spill_record_clear(&job->record);
    if (whole)
        part_encode(part, &job->record);
    scan_result_free(part);
    if (!whole || job->record.failed) {
        r->failed = true;
        return;
    }
    if (job->spill && spill_append(job->spill, job->record.data, job->record.size) == 0)
        return;
    if (job->spill)
        spill_drain(job);
    part_fold(r, job->record.data, job->record.size);
}

/* Folds entry `index`'s part into the result, on the calling thread. */
static int scan_merge(void *ud, size_t index)
{
    scan_job *job = ud;
    part_deliver(job, job->parts[index % job->window]);
    job->parts[index % job->window] = NULL;
    return job->r->failed ? -1 : 0;
}

static void item_clear(scan_item *item)
{
    discover_entry_clear(&item->e);
    item->root = NULL;
}

/* Makes `item` a copy of the file `e` with scan root `root`; -1 when out
 * of memory. */
static int item_copy(scan_item *item, const discover_entry *e, const char *root)
{
    char *display = strdup(e->display_path), *disk = strdup(e->disk_path);
    if (!display || !disk) {
        free(display);
        free(disk);
        return -1;
    }
    *item = (scan_item){{display, disk, e->kind}, root};
    return 0;
}

/* Hands over the notes discovery gathered, as a part of their own. */
static void deliver_walk_notes(scan_job *job)
{
    discover_walk *walk = job->walk;
    if (discover_walk_note_count(walk) == 0)
        return;
    scan_result *notes = result_new();
    for (size_t i = 0; notes && i < discover_walk_note_count(walk); i++) {
        const discover_note *n = discover_walk_note(walk, i);
        switch (n->kind) {
        case DISCOVER_NOTE_SKIPPED:
            add_note(notes, SCAN_NOTE_SKIPPED, n->path, n->reason);
            break;
        case DISCOVER_NOTE_IGNORED_FILE:
            add_note(notes, SCAN_NOTE_IGNORED, n->path, n->reason);
            break;
        case DISCOVER_NOTE_NO_TEMPLATES:
            add_note(notes, SCAN_NOTE_EMPTY, n->path, n->reason);
            break;
        case DISCOVER_NOTE_UNREADABLE:
            add_discovery_error(notes, n->path, n->reason);
            break;
        case DISCOVER_NOTE_MISSING:
            add_note(notes, SCAN_NOTE_MISSING, n->path, n->reason);
            break;
        }
    }
    discover_walk_clear_notes(walk);
    part_deliver(job, notes);
}

/* The scan root of the argument `e` was discovered under; NULL when it
 * could not be found. On the calling thread, as items are made. */
static const char *argument_root(scan_job *job, const discover_entry *e)
{
    const scan_options *o = job->o;
    size_t i = argument_of(o, e);
    if (!job->roots[i])
        job->roots[i] = root_of(i < o->path_count ? o->paths[i] : ".");
    return job->roots[i];
}

/* The next file the walk finds, whose paths the item takes. */
static int next_discovered(scan_job *job, scan_item *item)
{
    int rc = discover_walk_next(job->walk, &item->e);
    /* Its notes go the way of a file's results, ahead of the file. */
    deliver_walk_notes(job);
    if (rc > 0)
        item->root = argument_root(job, &item->e);
    return rc;
}

/* The next given file (scan_options.files) that is not excluded. */
static int next_given(scan_job *job, scan_item *item)
{
    const scan_options *o = job->o;
    for (; job->given < o->file_count; job->given++) {
        const scan_file *g = &o->files[job->given];
        /* A given file stands as its own path argument before the filter. */
        if (!o->filter || !o->filter->exclude(g->disk_path, NULL, false, o->filter->ud)) {
            job->given++;
            discover_entry e = {g->display_path, g->disk_path, g->kind};
            return item_copy(item, &e, g->root) == 0 ? 1 : -1;
        }
        scan_result *notes = result_new();
        if (notes)
            add_note(notes, SCAN_NOTE_SKIPPED, g->display_path, "excluded by the configuration");
        part_deliver(job, notes);
    }
    return 0;
}

/* Makes item `index`, on the calling thread, in the slot its item `window`
 * places before has left. */
static int scan_next(void *ud, size_t index)
{
    scan_job *job = ud;
    scan_item *item = &job->items[index % job->window];
    item_clear(item);
    int rc = job->walk ? next_discovered(job, item) : next_given(job, item);
    if (rc < 0 || job->r->failed) {
        job->r->failed = true;
        return -1;
    }
    return rc;
}

int scan_run(const scan_options *o, scan_result **out)
{
    *out = NULL;
    scan_result *r = result_new();
    if (!r)
        return -1;
    r->provider = o->provider;
    r->display_root = keep(r, o->display_root);
    unsigned jobs = o->jobs ? o->jobs : pool_cpu_count();
    scan_job job = {.o = o, .r = r, .window = (size_t)jobs * SCAN_WINDOW_PER_JOB, .jobs = jobs};
    job.parts = calloc(job.window, sizeof(*job.parts));
    job.items = calloc(job.window, sizeof(*job.items));
    job.roots = calloc(o->path_count + 1, sizeof(*job.roots));
    job.cache = tree_cache_new(SCAN_TREE_CACHE_BYTES);
    file_provider *memo = file_provider_memo_new(o->provider);
    job.provider = memo;
    /* Without a temporary file, results are folded in memory as they come. */
    job.spill = spill_open();
    if (!job.parts || !job.items || !job.cache || !memo || !job.roots ||
        (!o->files && discover_walk_new(&job.walk, o->paths, o->path_count, o->filter) != 0))
        r->failed = true;
    if (!r->failed)
        pool_run(job.jobs, job.window, scan_next, scan_entry, scan_merge, &job);
    /* Items made and parts worked but never merged, after a failure. */
    for (size_t i = 0; job.items && job.parts && i < job.window; i++) {
        item_clear(&job.items[i]);
        scan_result_free(job.parts[i]);
    }
    free(job.items);
    free(job.parts);
    discover_walk_free(job.walk);
    for (size_t i = 0; job.roots && i <= o->path_count; i++)
        free(job.roots[i]);
    free(job.roots);
    tree_cache_free(job.cache);
    file_provider_memo_free(memo);
    if (job.spill)
        spill_drain(&job);
    spill_record_free(&job.record);
    az_findings_sort(r->findings);
    finish_paths(r);
    if (!r->failed && apply_comment_suppressions(r, o) != 0)
        r->failed = true;
    /* Unused suppressions were added as notes. */
    az_findings_sort(r->findings);
    if (r->failed) {
        scan_result_free(r);
        return -1;
    }
    *out = r;
    return 0;
}

void scan_result_free(scan_result *r)
{
    if (!r)
        return;
    az_findings_free(r->findings);
    arena_free(r->strings);
    str_intern_free(r->repeated);
    free(r->errors);
    free(r->warnings);
    free(r->notes);
    free(r->paths);
    free(r->path_slots);
    free(r);
}

const az_findings *scan_result_findings(const scan_result *r)
{
    return r->findings;
}

az_findings *scan_result_findings_mutable(scan_result *r)
{
    return r->findings;
}

size_t scan_result_error_count(const scan_result *r)
{
    return r->error_count;
}

const scan_error *scan_result_error(const scan_result *r, size_t index)
{
    return index < r->error_count ? &r->errors[index] : NULL;
}

size_t scan_result_warning_count(const scan_result *r)
{
    return r->warning_count;
}

const scan_warning *scan_result_warning(const scan_result *r, size_t index)
{
    return index < r->warning_count ? &r->warnings[index] : NULL;
}

size_t scan_result_note_count(const scan_result *r)
{
    return r->note_count;
}

const scan_note *scan_result_note(const scan_result *r, size_t index)
{
    return index < r->note_count ? &r->notes[index] : NULL;
}

size_t scan_result_file_count(const scan_result *r)
{
    return r->files;
}

size_t scan_result_template_count(const scan_result *r)
{
    return r->templates;
}

source_status scan_result_read(const scan_result *r, const char *display, source_file **out)
{
    *out = NULL;
    const char *disk = scan_result_disk_path(r, display);
    if (!disk)
        return SOURCE_ERR_NOT_FOUND;
    source_error err;
    return file_provider_read(r->provider, disk, out, &err);
}

const char *scan_result_display_root(const scan_result *r)
{
    return r->display_root;
}

const char *scan_result_disk_path(const scan_result *r, const char *display_path)
{
    size_t lo = 0, hi = r->path_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(display_path, r->paths[mid].display);
        if (c == 0)
            return r->paths[mid].disk;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}
