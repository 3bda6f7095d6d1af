#include "discover.h"
#include "fault.h"
#include "fs_fixture.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TEMPLATE_SCHEMA                                                                            \
    "\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/"                       \
    "deploymentTemplate.json#\""
#define PARAMETERS_SCHEMA                                                                          \
    "\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/"                       \
    "deploymentParameters.json#\""

static char *dir;

static void setup(void)
{
    dir = fixture_tempdir();
}

static void teardown(void)
{
    fixture_remove(dir);
    free(dir);
}

TestSuite(discover, .init = setup, .fini = teardown);

static discover_result *discover_one(const char *path)
{
    discover_result *r;
    cr_assert_eq(discover_paths(&r, &path, 1), 0);
    return r;
}

static discover_result *discover_dir(void)
{
    return discover_one(dir);
}

/* Asserts the display paths of the entries, in order. */
static void assert_entries(const discover_result *r, const char *const *want, size_t count)
{
    for (size_t i = 0; i < count && i < discover_result_entry_count(r); i++)
        cr_assert_str_eq(discover_result_entry(r, i)->display_path, want[i], "entry %zu", i);
    cr_assert_eq(discover_result_entry_count(r), count, "%zu entries, expected %zu",
                 discover_result_entry_count(r), count);
}

/* The note about `path`, which must exist and be unique. */
static const discover_note *note_for(const discover_result *r, const char *path)
{
    const discover_note *found = NULL;
    for (size_t i = 0; i < discover_result_note_count(r); i++) {
        const discover_note *n = discover_result_note(r, i);
        if (strcmp(n->path, path) == 0) {
            cr_assert_null(found, "two notes for %s", path);
            found = n;
        }
    }
    cr_assert_not_null(found, "no note for %s", path);
    return found;
}

static void assert_note(const discover_result *r, const char *path, discover_note_kind kind,
                        const char *reason)
{
    const discover_note *n = note_for(r, path);
    cr_assert_eq(n->kind, kind, "note kind for %s", path);
    cr_assert_str_eq(n->reason, reason, "note reason for %s", path);
}

Test(discover, sorts_entries_bytewise_by_display_path)
{
    const char *files[] = {"b.bicep",   "a.bicep",   "B.bicep",
                           "a-b.bicep", "a/x.bicep", "a.b/y.bicep"};
    for (size_t i = 0; i < 6; i++)
        fixture_write_text(dir, files[i], "");
    discover_result *r = discover_dir();
    const char *want[] = {"B.bicep", "a-b.bicep", "a.b/y.bicep", "a.bicep", "a/x.bicep", "b.bicep"};
    assert_entries(r, want, 6);
    char *disk = fixture_path(dir, "a/x.bicep");
    cr_assert_str_eq(discover_result_entry(r, 4)->disk_path, disk);
    free(disk);
    cr_assert_null(discover_result_entry(r, 6));
    cr_assert_null(discover_result_note(r, discover_result_note_count(r)));
    discover_result_free(r);
}

/* Where readdir does not tell a directory from a file, each member is
 * looked at: the order is the same. */
Test(discover, sorts_the_same_without_entry_types)
{
    const char *files[] = {"a.bicep", "a-b/x.bicep", "a/x.bicep", "a.b/y.bicep"};
    for (size_t i = 0; i < 4; i++)
        fixture_write_text(dir, files[i], "");
    fault_readdir_untyped(true);
    discover_result *r = discover_dir();
    fault_readdir_untyped(false);
    const char *want[] = {"a-b/x.bicep", "a.b/y.bicep", "a.bicep", "a/x.bicep"};
    assert_entries(r, want, 4);
    discover_result_free(r);
}

Test(discover, gives_each_file_its_kind)
{
    fixture_write_text(dir, "main.bicep", "");
    fixture_write_text(dir, "main.bicepparam", "");
    fixture_write_text(dir, "UPPER.BICEP", "");
    fixture_write_text(dir, "azuredeploy.json", "{" TEMPLATE_SCHEMA "}");
    fixture_write_text(dir, "azuredeploy.parameters.json", "{" PARAMETERS_SCHEMA "}");
    fixture_write_text(
        dir, "commented.jsonc",
        "// ARM accepts comments\n/* even here */ {\n  // and here\n  " TEMPLATE_SCHEMA "\n}");
    discover_result *r = discover_dir();
    const char *want[] = {"UPPER.BICEP",     "azuredeploy.json", "azuredeploy.parameters.json",
                          "commented.jsonc", "main.bicep",       "main.bicepparam"};
    assert_entries(r, want, 6);
    discover_kind kinds[] = {DISCOVER_KIND_BICEP,          DISCOVER_KIND_ARM_TEMPLATE,
                             DISCOVER_KIND_ARM_PARAMETERS, DISCOVER_KIND_ARM_TEMPLATE,
                             DISCOVER_KIND_BICEP,          DISCOVER_KIND_BICEPPARAM};
    for (size_t i = 0; i < 6; i++)
        cr_assert_eq(discover_result_entry(r, i)->kind, kinds[i], "kind of %s", want[i]);
    cr_assert_eq(discover_result_note_count(r), 0);
    discover_result_free(r);
}

Test(discover, skips_other_json_and_other_files_with_reasons)
{
    fixture_write_text(dir, "package.json", "{\"name\": \"x\", \"version\": \"1.0.0\"}");
    fixture_write_text(dir, "bicepconfig.json", "{\"analyzers\": {}}");
    fixture_write_text(dir, "schema.json",
                       "{\"$schema\": \"https://json-schema.org/draft/2020-12/schema\"}");
    fixture_write_text(dir, "list.json", "[1, 2]");
    fixture_write_text(dir, "README.md", "# hi");
    fixture_write_text(dir, "main.bicep", "");
    discover_result *r = discover_dir();
    const char *want[] = {"main.bicep"};
    assert_entries(r, want, 1);
    assert_note(r, "package.json", DISCOVER_NOTE_SKIPPED,
                "not an ARM template: no top-level $schema");
    assert_note(r, "bicepconfig.json", DISCOVER_NOTE_SKIPPED,
                "not an ARM template: no top-level $schema");
    assert_note(r, "schema.json", DISCOVER_NOTE_SKIPPED,
                "not an ARM template: $schema is not a deployment template or parameters "
                "schema");
    assert_note(r, "list.json", DISCOVER_NOTE_SKIPPED, "not an ARM template: not a JSON object");
    assert_note(r, "README.md", DISCOVER_NOTE_SKIPPED,
                "not a .bicep, .bicepparam, .json or .jsonc file");
    discover_result_free(r);
}

static void write_json_with_schema_at(const char *rel, size_t offset)
{
    const char *head = "{\"pad\": \"";
    const char *tail = "\", " TEMPLATE_SCHEMA "}";
    size_t pad = offset - strlen(head) - 3; /* the '", ' before $schema */
    size_t len = strlen(head) + pad + strlen(tail);
    char *text = malloc(len + 1);
    strcpy(text, head);
    memset(text + strlen(head), 'x', pad);
    strcpy(text + strlen(head) + pad, tail);
    cr_assert_eq(strstr(text, "\"$schema\"") - text, (long)offset);
    fixture_write(dir, rel, text, len);
    free(text);
}

Test(discover, looks_for_schema_only_in_the_first_64_kib)
{
    /* The whole $schema member fits in the sniffed prefix, or does not. */
    size_t member = strlen(TEMPLATE_SCHEMA);
    write_json_with_schema_at("inside.json", DISCOVER_SNIFF_SIZE - member - 1);
    write_json_with_schema_at("outside.json", DISCOVER_SNIFF_SIZE);
    discover_result *r = discover_dir();
    const char *want[] = {"inside.json"};
    assert_entries(r, want, 1);
    assert_note(r, "outside.json", DISCOVER_NOTE_SKIPPED,
                "not an ARM template: no top-level $schema in the first 64 KiB");
    discover_result_free(r);
}

Test(discover, calls_short_unfinished_json_not_a_template)
{
    fixture_write_text(dir, "cut.json", "{\"a\": [1, 2");
    discover_result *r = discover_dir();
    assert_note(r, "cut.json", DISCOVER_NOTE_SKIPPED, "not an ARM template: no top-level $schema");
    discover_result_free(r);
}

Test(discover, skips_git_and_node_modules_directories)
{
    fixture_write_text(dir, ".git/x.bicep", "");
    fixture_write_text(dir, "node_modules/y.bicep", "");
    fixture_write_text(dir, "sub/node_modules/z.bicep", "");
    fixture_write_text(dir, "sub/.github/w.bicep", "");
    discover_result *r = discover_dir();
    const char *want[] = {"sub/.github/w.bicep"};
    assert_entries(r, want, 1);
    assert_note(r, ".git", DISCOVER_NOTE_SKIPPED, "directory skipped");
    assert_note(r, "node_modules", DISCOVER_NOTE_SKIPPED, "directory skipped");
    assert_note(r, "sub/node_modules", DISCOVER_NOTE_SKIPPED, "directory skipped");
    discover_result_free(r);
}

static void make_symlink(const char *target, const char *rel)
{
    char *path = fixture_path(dir, rel);
    cr_assert_eq(symlink(target, path), 0, "symlink %s", rel);
    free(path);
}

Test(discover, does_not_follow_directory_symlinks_so_loops_end)
{
    fixture_write_text(dir, "sub/a.bicep", "");
    make_symlink("..", "sub/loop");
    make_symlink(".", "self");
    discover_result *r = discover_dir();
    const char *want[] = {"sub/a.bicep"};
    assert_entries(r, want, 1);
    assert_note(r, "sub/loop", DISCOVER_NOTE_SKIPPED,
                "symbolic link to a directory (not followed)");
    assert_note(r, "self", DISCOVER_NOTE_SKIPPED, "symbolic link to a directory (not followed)");
    discover_result_free(r);
}

Test(discover, walks_a_directory_argument_that_is_a_symlink)
{
    fixture_write_text(dir, "real/a.bicep", "");
    make_symlink("real", "link");
    char *link = fixture_path(dir, "link");
    discover_result *r = discover_one(link);
    const char *want[] = {"a.bicep"};
    assert_entries(r, want, 1);
    discover_result_free(r);
    free(link);
}

Test(discover, follows_file_symlinks_and_notes_broken_ones)
{
    fixture_write_text(dir, "real.txt", "");
    make_symlink("real.txt", "link.bicep");
    make_symlink("missing.bicep", "broken.bicep");
    make_symlink("loop.bicep", "loop.bicep");
    discover_result *r = discover_dir();
    const char *want[] = {"link.bicep"};
    assert_entries(r, want, 1);
    assert_note(r, "broken.bicep", DISCOVER_NOTE_SKIPPED, "broken symbolic link");
    assert_note(r, "loop.bicep", DISCOVER_NOTE_SKIPPED, "broken symbolic link");
    discover_result_free(r);
}

Test(discover, skips_fifos_met_in_a_walk_and_refuses_named_ones)
{
    char *fifo = fixture_path(dir, "pipe.bicep");
    cr_assert_eq(mkfifo(fifo, 0644), 0);
    char *fifo_json = fixture_path(dir, "pipe.json");
    cr_assert_eq(mkfifo(fifo_json, 0644), 0);
    discover_result *r = discover_dir();
    assert_entries(r, NULL, 0);
    assert_note(r, "pipe.bicep", DISCOVER_NOTE_SKIPPED, "not a regular file");
    assert_note(r, "pipe.json", DISCOVER_NOTE_SKIPPED, "not a regular file");
    discover_result_free(r);

    const char *paths[] = {fifo, fifo_json};
    cr_assert_eq(discover_paths(&r, paths, 2), 0);
    assert_entries(r, NULL, 0);
    assert_note(r, fifo, DISCOVER_NOTE_UNREADABLE, "not a regular file");
    assert_note(r, fifo_json, DISCOVER_NOTE_UNREADABLE, "not a regular file");
    discover_result_free(r);
    free(fifo);
    free(fifo_json);
}

Test(discover, takes_file_arguments_as_given_in_argument_order)
{
    fixture_write_text(dir, "z.bicep", "");
    fixture_write_text(dir, "a.json", "{" TEMPLATE_SCHEMA "}");
    fixture_write_text(dir, "package.json", "{}");
    fixture_write_text(dir, "notes.txt", "");
    char *z = fixture_path(dir, "z.bicep"), *a = fixture_path(dir, "a.json");
    char *pkg = fixture_path(dir, "package.json"), *txt = fixture_path(dir, "notes.txt");
    const char *paths[] = {z, pkg, a, txt};
    discover_result *r;
    cr_assert_eq(discover_paths(&r, paths, 4), 0);
    const char *want[] = {z, a};
    assert_entries(r, want, 2);
    cr_assert_str_eq(discover_result_entry(r, 0)->disk_path, z);
    assert_note(r, pkg, DISCOVER_NOTE_IGNORED_FILE, "not an ARM template: no top-level $schema");
    assert_note(r, txt, DISCOVER_NOTE_IGNORED_FILE,
                "not a .bicep, .bicepparam, .json or .jsonc file");
    discover_result_free(r);
    free(z);
    free(a);
    free(pkg);
    free(txt);
}

Test(discover, reports_missing_paths_and_keeps_going)
{
    fixture_write_text(dir, "file.bicep", "");
    char *missing = fixture_path(dir, "missing");
    char *under_file = fixture_path(dir, "file.bicep/x.bicep");
    const char *paths[] = {missing, dir, under_file};
    discover_result *r;
    cr_assert_eq(discover_paths(&r, paths, 3), 0);
    const char *want[] = {"file.bicep"};
    assert_entries(r, want, 1);
    assert_note(r, missing, DISCOVER_NOTE_MISSING, "no such file or directory");
    assert_note(r, under_file, DISCOVER_NOTE_MISSING, "no such file or directory");
    discover_result_free(r);
    free(missing);
    free(under_file);
}

Test(discover, says_when_a_directory_holds_no_templates)
{
    fixture_write_text(dir, "package.json", "{}");
    discover_result *r = discover_dir();
    assert_entries(r, NULL, 0);
    assert_note(r, dir, DISCOVER_NOTE_NO_TEMPLATES, "no templates found");
    discover_result_free(r);
}

Test(discover, joins_paths_without_doubling_slashes)
{
    fixture_write_text(dir, "a.bicep", "");
    char *with_slash = fixture_path(dir, "");
    discover_result *r = discover_one(with_slash);
    char *disk = fixture_path(dir, "a.bicep");
    cr_assert_str_eq(discover_result_entry(r, 0)->disk_path, disk);
    discover_result_free(r);
    free(disk);
    free(with_slash);

    cr_assert_eq(chdir(dir), 0);
    r = discover_one(".");
    cr_assert_str_eq(discover_result_entry(r, 0)->display_path, "a.bicep");
    cr_assert_str_eq(discover_result_entry(r, 0)->disk_path, "./a.bicep");
    discover_result_free(r);
}

/* Runs in a child without root's privileges; returns which check failed. */
static int discover_locked(void *arg)
{
    (void)arg;
    char *root = fixture_path(dir, "tree");
    char *unsearchable = fixture_path(dir, "tree/unsearchable");
    char *below = fixture_path(dir, "tree/unsearchable/inner.bicep");
    const char *paths[] = {root, below};
    discover_result *r;
    if (discover_paths(&r, paths, 2) != 0)
        return 1;
    if (discover_result_entry_count(r) != 1 ||
        strcmp(discover_result_entry(r, 0)->display_path, "ok.bicep") != 0)
        return 2;
    const char *want[][3] = {
        {"locked", "cannot open directory: Permission denied"},
        {"secret.json", "cannot open: Permission denied"},
        {"unsearchable/inner.bicep", "cannot stat: Permission denied"},
    };
    for (size_t i = 0; i < 3; i++) {
        size_t j = 0;
        for (; j < discover_result_note_count(r); j++) {
            const discover_note *n = discover_result_note(r, j);
            if (strcmp(n->path, want[i][0]) == 0 && strcmp(n->reason, want[i][1]) == 0 &&
                n->kind == DISCOVER_NOTE_UNREADABLE)
                break;
        }
        if (j == discover_result_note_count(r))
            return 3 + (int)i;
    }
    /* A path argument below a directory it may not search. */
    const discover_note *last = discover_result_note(r, discover_result_note_count(r) - 1);
    if (strcmp(last->path, below) != 0 || last->kind != DISCOVER_NOTE_UNREADABLE ||
        strcmp(last->reason, "cannot stat: Permission denied") != 0)
        return 6;
    discover_result_free(r);
    free(root);
    free(unsearchable);
    free(below);
    return 0;
}

Test(discover, reports_what_it_may_not_read_and_keeps_going)
{
    fixture_write_text(dir, "tree/ok.bicep", "");
    fixture_write_text(dir, "tree/locked/a.bicep", "");
    fixture_write_text(dir, "tree/secret.json", "{" TEMPLATE_SCHEMA "}");
    fixture_write_text(dir, "tree/unsearchable/inner.bicep", "");
    char *locked = fixture_path(dir, "tree/locked");
    char *secret = fixture_path(dir, "tree/secret.json");
    char *unsearchable = fixture_path(dir, "tree/unsearchable");
    cr_assert_eq(chmod(locked, 0), 0);
    cr_assert_eq(chmod(secret, 0), 0);
    cr_assert_eq(chmod(unsearchable, 0444), 0);
    cr_assert_eq(fixture_run_unprivileged(discover_locked, NULL), 0);
    cr_assert_eq(chmod(locked, 0755), 0);
    cr_assert_eq(chmod(unsearchable, 0755), 0);
    free(locked);
    free(secret);
    free(unsearchable);
}

Test(discover, reports_directory_read_errors)
{
    fixture_write_text(dir, "a.bicep", "");
    fault_fail_readdir(EIO);
    discover_result *r = discover_dir();
    fault_fail_readdir(0);
    assert_entries(r, NULL, 0);
    /* Only the error: "no templates found" would mislead. */
    assert_note(r, dir, DISCOVER_NOTE_UNREADABLE, "cannot read directory: Input/output error");
    cr_assert_eq(discover_result_note_count(r), 1);
    discover_result_free(r);
}

Test(discover, fails_cleanly_at_every_allocation)
{
    fixture_write_text(dir, "b/main.bicep", "");
    fixture_write_text(dir, "a/azuredeploy.json", "{" TEMPLATE_SCHEMA "}");
    fixture_write_text(dir, "a/package.json", "{}");
    fixture_write_text(dir, "node_modules/x.bicep", "");
    fixture_write_text(dir, "c/d/e/f.bicepparam", "");
    for (long n = 0;; n++) {
        long before = fault_live_allocations();
        fault_fail_allocation(n);
        discover_result *r;
        int status = discover_paths(&r, (const char *const *)&dir, 1);
        fault_fail_allocation(-1);
        if (status == 0) {
            cr_assert_geq(n, 10, "too few allocations were failed");
            cr_assert_eq(discover_result_entry_count(r), 3);
            discover_result_free(r);
            cr_assert_eq(fault_live_allocations(), before);
            break;
        }
        cr_assert_eq(status, -1);
        cr_assert_null(r);
        cr_assert_eq(fault_live_allocations(), before, "leak after failing allocation %ld", n);
    }
}

/* The walk hands out entries one at a time, in the order of discover_paths,
 * with the notes met on the way to each; "no templates" comes at the end of
 * an argument that gave none, whatever notes were taken before. */
Test(discover, walks_as_it_goes)
{
    fixture_write_text(dir, "a/1.bicep", "");
    fixture_write_text(dir, "a/sub/0.md", "");
    fixture_write_text(dir, "a/sub/2.bicep", "");
    fixture_write_text(dir, "a/sub.bicep", "");
    fixture_write_text(dir, "b/package.json", "{}");
    char *a = fixture_path(dir, "a"), *b = fixture_path(dir, "b");
    const char *paths[] = {a, b};
    discover_walk *w;
    cr_assert_eq(discover_walk_new(&w, paths, 2, NULL), 0);
    discover_entry e;
    const char *want[] = {"1.bicep", "sub.bicep", "sub/2.bicep"};
    size_t notes_with[] = {0, 0, 1};
    for (size_t i = 0; i < 3; i++) {
        cr_assert_eq(discover_walk_next(w, &e), 1);
        cr_assert_str_eq(e.display_path, want[i]);
        discover_entry_clear(&e);
        cr_assert_null(e.display_path);
        cr_assert_eq(discover_walk_note_count(w), notes_with[i], "notes with %s", want[i]);
        discover_walk_clear_notes(w);
    }
    cr_assert_eq(discover_walk_next(w, &e), 0);
    cr_assert_null(e.display_path);
    cr_assert_null(e.disk_path);
    cr_assert_eq(discover_walk_note_count(w), 2);
    cr_assert_str_eq(discover_walk_note(w, 0)->path, "package.json");
    cr_assert_eq(discover_walk_note(w, 1)->kind, DISCOVER_NOTE_NO_TEMPLATES);
    cr_assert_str_eq(discover_walk_note(w, 1)->path, b);
    cr_assert_null(discover_walk_note(w, 2));
    cr_assert_eq(discover_walk_next(w, &e), 0);
    discover_walk_free(w);
    free(a);
    free(b);
}
