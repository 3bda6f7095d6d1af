#define _XOPEN_SOURCE 700 /* realpath */
#include "changes.h"

#include "git_diff.h"
#include "git_files.h"
#include "git_repo.h"
#include "language.h"
#include "path.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A scan path: where it is in the work tree, and the scan root it gives. */
typedef struct {
    char *rel;  /* relative to the work tree ("" for its root) */
    char *root; /* absolute */
} scan_path;

typedef struct {
    char *text;
    changes_note_level level;
} note;

struct changes {
    repo *repo;
    git_tree *base;          /* NULL: the empty tree */
    file_provider *provider; /* the index's with --staged; NULL (the disk) with --diff */
    changeset *changed;
    dependents *deps;
    scan_path *paths;
    size_t path_count;
    scan_file *files;
    size_t file_count;
    note *notes;
    size_t note_count;
    char *base_name;
    repo_provenance provenance;
    report_provenance report;
    bool new_only, changed_lines;
};

static int add_note(changes *c, changes_note_level level, const char *text)
{
    note *grown = realloc(c->notes, (c->note_count + 1) * sizeof(*grown));
    if (!grown)
        return -1;
    c->notes = grown;
    if (!(c->notes[c->note_count].text = strdup(text)))
        return -1;
    c->notes[c->note_count++].level = level;
    return 0;
}

/* The scan root of a path argument, as scan.c's rule has it: a directory is
 * its own; a file's is the working directory when it lies under it, else
 * its folder. */
static char *root_of(const char *resolved, bool dir)
{
    if (dir)
        return strdup(resolved);
    char *cwd = realpath(".", NULL);
    char *root = NULL;
    size_t n = cwd ? strlen(cwd) : 0;
    if (cwd && strncmp(resolved, cwd, n) == 0 && resolved[n] == '/') {
        root = cwd;
        cwd = NULL;
    } else {
        const char *slash = strrchr(resolved, '/');
        root = slash && slash != resolved ? strndup(resolved, (size_t)(slash - resolved))
                                          : strdup("/");
    }
    free(cwd);
    return root;
}

static changes_status open_paths(changes *c, const changes_options *o, char *err, size_t size)
{
    c->paths = calloc(o->path_count, sizeof(*c->paths));
    if (!c->paths)
        return CHANGES_ERR_FAILED;
    const char *wd = repo_workdir(c->repo);
    size_t wd_len = strlen(wd);
    for (size_t i = 0; i < o->path_count; i++) {
        struct stat st;
        char *resolved = realpath(o->paths[i], NULL);
        if (!resolved || stat(resolved, &st) != 0) {
            free(resolved);
            snprintf(err, size, "%s: no such file or directory", o->paths[i]);
            return CHANGES_ERR_USAGE;
        }
        bool inside = strcmp(resolved, wd) == 0 ||
                      (strncmp(resolved, wd, wd_len) == 0 && resolved[wd_len] == '/');
        if (!inside) {
            snprintf(err, size, "%s is outside the git work tree %s", o->paths[i], wd);
            free(resolved);
            return CHANGES_ERR_USAGE;
        }
        c->paths[i].rel = strdup(resolved[wd_len] ? resolved + wd_len + 1 : "");
        c->paths[i].root = root_of(resolved, S_ISDIR(st.st_mode));
        c->path_count++;
        free(resolved);
        if (!c->paths[i].rel || !c->paths[i].root)
            return CHANGES_ERR_FAILED;
    }
    return CHANGES_OK;
}

/* The scan path `rel` falls under, or NULL. */
static const scan_path *path_of(const changes *c, const char *rel)
{
    for (size_t i = 0; i < c->path_count; i++) {
        if (path_is_under(rel, c->paths[i].rel))
            return &c->paths[i];
    }
    return NULL;
}

/* Discovery skips these directories; so does a diff. */
static bool skipped_dir(const char *rel)
{
    static const char *const names[] = {"node_modules", ".git"};
    for (size_t i = 0; i < 2; i++) {
        size_t n = strlen(names[i]);
        for (const char *p = rel; (p = strstr(p, names[i])); p += n)
            if ((p == rel || p[-1] == '/') && p[n] == '/')
                return true;
    }
    return false;
}

static bool wanted(const changes *c, const char *rel)
{
    return language_for_path(rel) != LANGUAGE_NONE && !skipped_dir(rel) && path_of(c, rel);
}

/* Every tracked template under the scan paths, and the changed files (an
 * untracked one is not in the index): the files that may use a change. */
static int list_candidates(changes *c, const char ***out, size_t *count)
{
    *out = NULL;
    *count = 0;
    git_index *index = NULL;
    if (git_repository_index(&index, repo_git(c->repo)) != 0)
        return -1;
    size_t n = git_index_entrycount(index), k = 0;
    const char **list = malloc((n + changeset_count(c->changed) + 1) * sizeof(*list));
    if (!list) {
        git_index_free(index);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        const git_index_entry *e = git_index_get_byindex(index, i);
        bool file = e->mode == GIT_FILEMODE_BLOB || e->mode == GIT_FILEMODE_BLOB_EXECUTABLE;
        if (git_index_entry_stage(e) != 0 || !file || !wanted(c, e->path))
            continue;
        if (!(list[k] = strdup(e->path)))
            goto nomem;
        k++;
    }
    for (size_t i = 0; i < changeset_count(c->changed); i++) {
        const char *p = changeset_get(c->changed, i)->path;
        if (git_index_get_bypath(index, p, 0) || !wanted(c, p))
            continue;
        if (!(list[k] = strdup(p)))
            goto nomem;
        k++;
    }
    git_index_free(index);
    *out = list;
    *count = k;
    return 0;
nomem:
    for (size_t i = 0; i < k; i++)
        free((char *)list[i]);
    free(list);
    git_index_free(index);
    return -1;
}

static changes_status find_files(changes *c, char *err, size_t size)
{
    const char **candidates = NULL;
    size_t candidate_count = 0;
    size_t n = changeset_count(c->changed);
    dependents_seed *seeds = calloc(n ? n : 1, sizeof(*seeds));
    char **reasons = calloc(n ? n : 1, sizeof(*reasons));
    int rc = seeds && reasons ? list_candidates(c, &candidates, &candidate_count) : -1;
    size_t seed_count = 0;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        const changeset_file *f = changeset_get(c->changed, i);
        if (!wanted(c, f->path))
            continue;
        size_t len = strlen(f->old_path) + 32;
        if (!(reasons[seed_count] = malloc(len))) {
            rc = -1;
            break;
        }
        if (f->status == CHANGESET_RENAMED)
            snprintf(reasons[seed_count], len, "renamed from %s", f->old_path);
        else
            snprintf(reasons[seed_count], len, "%s",
                     f->status == CHANGESET_ADDED ? "added" : "changed");
        seeds[seed_count] = (dependents_seed){f->path, reasons[seed_count]};
        seed_count++;
    }
    file_provider *quick = c->provider ? git_files_index_quick(c->repo) : NULL;
    if (c->provider && !quick)
        rc = -1;
    dependents_options dopt = {c->provider, quick, repo_workdir(c->repo), candidates,
                               candidate_count};
    if (rc == 0)
        rc = dependents_resolve(&c->deps, &dopt, seeds, seed_count);
    git_files_free(quick);
    for (size_t i = 0; i < seed_count; i++)
        free(reasons[i]);
    free(reasons);
    free(seeds);
    for (size_t i = 0; i < candidate_count; i++)
        free((char *)candidates[i]);
    free(candidates);
    if (rc != 0) {
        snprintf(err, size, "out of memory");
        return CHANGES_ERR_FAILED;
    }
    size_t count = dependents_count(c->deps);
    c->files = calloc(count ? count : 1, sizeof(*c->files));
    if (!c->files) {
        snprintf(err, size, "out of memory");
        return CHANGES_ERR_FAILED;
    }
    const char *wd = repo_workdir(c->repo);
    for (size_t i = 0; i < count; i++) {
        const dependents_file *d = dependents_get(c->deps, i);
        size_t len = strlen(wd) + strlen(d->path) + 2;
        char *disk = malloc(len);
        if (!disk) {
            snprintf(err, size, "out of memory");
            return CHANGES_ERR_FAILED;
        }
        snprintf(disk, len, "%s/%s", wd, d->path);
        c->files[c->file_count++] = (scan_file){d->path, disk, path_of(c, d->path)->root, d->kind};
    }
    for (size_t i = 0; i < dependents_skip_count(c->deps); i++) {
        const dependents_skip *s = dependents_skipped(c->deps, i);
        char text[600];
        snprintf(text, sizeof(text), "%s: skipped: %s", s->path, s->reason);
        if (add_note(c, CHANGES_NOTE_DETAIL, text) != 0)
            return CHANGES_ERR_FAILED;
    }
    for (size_t i = 0; i < changeset_submodule_count(c->changed); i++) {
        char text[600];
        snprintf(text, sizeof(text),
                 "%s: skipped: a submodule; files inside submodules are not scanned",
                 changeset_submodule(c->changed, i));
        if (add_note(c, CHANGES_NOTE_INFO, text) != 0)
            return CHANGES_ERR_FAILED;
    }
    return CHANGES_OK;
}

changes_status changes_open(changes **out, const changes_options *o, char *err, size_t size)
{
    *out = NULL;
    changes *c = calloc(1, sizeof(*c));
    if (!c) {
        snprintf(err, size, "out of memory");
        return CHANGES_ERR_FAILED;
    }
    c->new_only = o->new_only;
    c->changed_lines = o->changed_lines;
    /* The repository of the first scan path (a file's is its folder's). */
    struct stat st;
    char *first = strdup(o->path_count ? o->paths[0] : ".");
    if (first && stat(first, &st) == 0 && !S_ISDIR(st.st_mode)) {
        char *slash = strrchr(first, '/');
        if (slash)
            *slash = '\0';
        else
            strcpy(first, ".");
    }
    changes_status status = CHANGES_ERR_FAILED;
    repo_status rs = first ? repo_open(&c->repo, first, err, size) : REPO_ERR_GIT;
    free(first);
    if (rs != REPO_OK) {
        status = rs == REPO_ERR_GIT ? CHANGES_ERR_FAILED : CHANGES_ERR_USAGE;
        goto fail;
    }
    if ((status = open_paths(c, o, err, size)) != CHANGES_OK)
        goto fail;
    char warning[400] = "";
    if (o->staged) {
        rs = repo_head_tree(c->repo, &c->base, err, size);
        c->provider = rs == REPO_OK ? git_files_index(c->repo) : NULL;
        c->base_name = strdup(c->base ? "HEAD" : "the empty tree (no commit yet)");
    } else {
        rs = repo_diff_base(c->repo, o->diff_ref, &c->base, warning, sizeof(warning), err, size);
        size_t n = strlen(o->diff_ref) + 32;
        if ((c->base_name = malloc(n)))
            snprintf(c->base_name, n, "%s%s", warning[0] ? "" : "the merge base of ", o->diff_ref);
    }
    if (rs != REPO_OK) {
        status = rs == REPO_ERR_GIT ? CHANGES_ERR_FAILED : CHANGES_ERR_USAGE;
        goto fail;
    }
    status = CHANGES_ERR_FAILED;
    if (!c->base_name || (o->staged && !c->provider) ||
        (warning[0] && add_note(c, CHANGES_NOTE_WARNING, warning))) {
        snprintf(err, size, "out of memory");
        goto fail;
    }
    const char **spec = calloc(c->path_count ? c->path_count : 1, sizeof(*spec));
    if (!spec) {
        snprintf(err, size, "out of memory");
        goto fail;
    }
    for (size_t i = 0; i < c->path_count; i++)
        spec[i] = c->paths[i].rel;
    changeset_options co = {c->base, o->staged, o->changed_lines, spec, c->path_count};
    int rc = changeset_compute(&c->changed, c->repo, &co, err, size);
    free(spec);
    if (rc != 0)
        goto fail;
    if ((status = find_files(c, err, size)) != CHANGES_OK)
        goto fail;
    if (repo_provenance_get(c->repo, &c->provenance) != 0) {
        snprintf(err, size, "out of memory");
        status = CHANGES_ERR_FAILED;
        goto fail;
    }
    c->report = (report_provenance){c->provenance.repository_uri, c->provenance.revision_id,
                                    c->provenance.branch};
    *out = c;
    return CHANGES_OK;
fail:
    changes_free(c);
    return status;
}

void changes_free(changes *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->file_count; i++)
        free((char *)c->files[i].disk_path);
    free(c->files);
    for (size_t i = 0; i < c->path_count; i++) {
        free(c->paths[i].rel);
        free(c->paths[i].root);
    }
    free(c->paths);
    for (size_t i = 0; i < c->note_count; i++)
        free(c->notes[i].text);
    free(c->notes);
    free(c->base_name);
    repo_provenance_clear(&c->provenance);
    dependents_free(c->deps);
    changeset_free(c->changed);
    git_files_free(c->provider);
    git_tree_free(c->base);
    repo_free(c->repo);
    free(c);
}

void changes_scan_options(const changes *c, scan_options *so)
{
    so->files = c->files;
    so->file_count = c->file_count;
    so->provider = c->provider;
    so->display_root = repo_workdir(c->repo);
}

size_t changes_file_count(const changes *c)
{
    return dependents_count(c->deps);
}

const dependents_file *changes_file(const changes *c, size_t index)
{
    return dependents_get(c->deps, index);
}

size_t changes_note_count(const changes *c)
{
    return c->note_count;
}

const char *changes_note(const changes *c, size_t index, changes_note_level *level)
{
    if (index >= c->note_count)
        return NULL;
    *level = c->notes[index].level;
    return c->notes[index].text;
}

const char *changes_base_name(const changes *c)
{
    return c->base_name;
}

const report_provenance *changes_provenance(const changes *c)
{
    return &c->report;
}

/* Filtering ---------------------------------------------------------------- */

typedef char fingerprint[REPORT_FINGERPRINT_SIZE];

typedef struct {
    fingerprint *prints; /* sorted */
    size_t count;
} print_set;

static int compare_prints(const void *a, const void *b)
{
    return strcmp(*(const fingerprint *)a, *(const fingerprint *)b);
}

/* The fingerprints of the findings of `r` that count: not suppressed. */
static int print_set_of(const az_findings *f, print_set *out)
{
    size_t n = az_findings_count(f);
    out->prints = malloc((n ? n : 1) * sizeof(*out->prints));
    out->count = 0;
    if (!out->prints)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!az_findings_get(f, i)->suppressed)
            report_fingerprint(az_findings_get(f, i), out->prints[out->count++]);
    qsort(out->prints, out->count, sizeof(*out->prints), compare_prints);
    return 0;
}

static bool print_set_has(const print_set *s, const az_finding *f)
{
    fingerprint p;
    report_fingerprint(f, p);
    return s->count && bsearch(p, s->prints, s->count, sizeof(*s->prints), compare_prints);
}

static bool is_new(const az_finding *f, void *ud)
{
    return !print_set_has(ud, f);
}

static bool on_changed_lines(const az_finding *f, void *ud)
{
    const changeset_file *cf = f->file ? changeset_find(ud, f->file) : NULL;
    if (!cf)
        return false;
    uint32_t first = f->range.start_line;
    uint32_t last = f->range.end_line > first ? f->range.end_line : first;
    for (size_t i = 0; i < cf->line_count; i++)
        if (cf->lines[i].first <= last && cf->lines[i].first + cf->lines[i].count > first)
            return true;
    return false;
}

/* The base revision of the files `c` analyzes, named as they are now so
 * that fingerprints compare: a renamed file is read from its old path, an
 * added one has no base. */
static int scan_base(changes *c, const scan_options *so, file_provider *base_files,
                     scan_result **out)
{
    scan_file *files = calloc(c->file_count ? c->file_count : 1, sizeof(*files));
    char **disks = calloc(c->file_count ? c->file_count : 1, sizeof(*disks));
    size_t n = 0;
    int rc = files && disks ? 0 : -1;
    const char *wd = repo_workdir(c->repo);
    for (size_t i = 0; rc == 0 && i < c->file_count; i++) {
        const changeset_file *cf = changeset_find(c->changed, c->files[i].display_path);
        if (cf && cf->status == CHANGESET_ADDED)
            continue;
        const char *old = cf ? cf->old_path : c->files[i].display_path;
        const scan_path *sp = path_of(c, old);
        size_t len = strlen(wd) + strlen(old) + 2;
        if (!sp)
            continue;
        if (!(disks[n] = malloc(len))) {
            rc = -1;
            break;
        }
        snprintf(disks[n], len, "%s/%s", wd, old);
        files[n] = (scan_file){c->files[i].display_path, disks[n], sp->root, c->files[i].kind};
        n++;
    }
    if (rc == 0) {
        scan_options base = *so;
        base.files = files;
        base.file_count = n;
        base.provider = base_files;
        rc = scan_run(&base, out);
    }
    for (size_t i = 0; i < n; i++)
        free(disks[i]);
    free(disks);
    free(files);
    return rc;
}

int changes_filter(changes *c, const scan_options *so, scan_result *head, report_delta *delta,
                   char *err, size_t err_size)
{
    az_findings *findings = scan_result_findings_mutable(head);
    if (c->new_only) {
        file_provider *base_files = git_files_tree(c->repo, c->base);
        scan_result *base = NULL;
        print_set before = {0}, after = {0};
        int rc = base_files ? scan_base(c, so, base_files, &base) : -1;
        if (rc == 0)
            rc = print_set_of(scan_result_findings(base), &before);
        if (rc == 0)
            rc = print_set_of(findings, &after);
        if (rc == 0) {
            memset(delta, 0, sizeof(*delta));
            for (size_t i = 0; i < after.count; i++) {
                bool dup = i > 0 && strcmp(after.prints[i], after.prints[i - 1]) == 0;
                bool old = bsearch(after.prints[i], before.prints, before.count,
                                   sizeof(*before.prints), compare_prints) != NULL;
                if (!dup)
                    *(old ? &delta->unchanged : &delta->new_count) += 1;
            }
            for (size_t i = 0; i < before.count; i++) {
                bool dup = i > 0 && strcmp(before.prints[i], before.prints[i - 1]) == 0;
                if (!dup && !bsearch(before.prints[i], after.prints, after.count,
                                     sizeof(*after.prints), compare_prints))
                    delta->fixed++;
            }
            az_findings_retain(findings, is_new, &before);
        }
        free(before.prints);
        free(after.prints);
        scan_result_free(base);
        git_files_free(base_files);
        if (rc != 0) {
            snprintf(err, err_size, "out of memory");
            return -1;
        }
    }
    if (c->changed_lines)
        az_findings_retain(findings, on_changed_lines, c->changed);
    return 0;
}
