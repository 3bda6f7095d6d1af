/*
 * Git-aware scans (--diff, --staged, --new-only, --changed-lines) over
 * repositories built with libgit2, through the azscan binary, and the git
 * modules on their own. No test runs `git`.
 */
#include "changes.h"
#include "dependents.h"
#include "fs_fixture.h"
#include "git_index_tree.h"
#include "git_repo.h"
#include "git_worktree.h"
#include "path_set.h"

#include <cjson/cJSON.h>
#include <criterion/criterion.h>
#include <fcntl.h>
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static char *dir;

static void setup(void)
{
    git_libgit2_init();
    dir = fixture_tempdir();
}

static void teardown(void)
{
    fixture_remove(dir);
    free(dir);
    git_libgit2_shutdown();
}

TestSuite(git, .init = setup, .fini = teardown);

#define OK(call)                                                                                   \
    cr_assert_eq((call), 0, "%s: %s", #call, git_error_last() ? git_error_last()->message : "")

/* A storage account that AZS201 reports when `access` is 'Enabled'. */
static char *storage(const char *name, const char *access)
{
    static const char fmt[] = "resource %s 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n"
                              "  name: '%s'\n"
                              "  location: 'westeurope'\n"
                              "  kind: 'StorageV2'\n"
                              "  sku: { name: 'Standard_LRS' }\n"
                              "  properties: {\n"
                              "    publicNetworkAccess: '%s'\n"
                              "  }\n"
                              "}\n";
    size_t n = sizeof(fmt) + 2 * strlen(name) + strlen(access);
    char *s = malloc(n);
    snprintf(s, n, fmt, name, name, access);
    return s;
}

static void write_storage(const char *root, const char *rel, const char *name, const char *access)
{
    char *text = storage(name, access);
    fixture_write_text(root, rel, text);
    free(text);
}

static git_repository *repo_init(const char *path)
{
    git_repository *r;
    OK(git_repository_init(&r, path, 0));
    git_config *cfg;
    OK(git_repository_config(&cfg, r));
    OK(git_config_set_string(cfg, "user.name", "test"));
    OK(git_config_set_string(cfg, "user.email", "test@example.com"));
    git_config_free(cfg);
    return r;
}

/* Stages everything in the work tree, deletions included. */
static void stage_all(git_repository *r)
{
    git_index *index;
    OK(git_repository_index(&index, r));
    char *all = "*";
    git_strarray spec = {&all, 1};
    OK(git_index_add_all(index, &spec, 0, NULL, NULL));
    OK(git_index_update_all(index, &spec, NULL, NULL));
    OK(git_index_write(index));
    git_index_free(index);
}

/* Commits the index on HEAD; returns the commit's id. */
static git_oid commit(git_repository *r, const char *message)
{
    git_index *index;
    git_oid tree_id, id;
    git_tree *tree;
    git_signature *sig;
    OK(git_repository_index(&index, r));
    OK(git_index_write_tree(&tree_id, index));
    git_index_free(index);
    OK(git_tree_lookup(&tree, r, &tree_id));
    OK(git_signature_now(&sig, "test", "test@example.com"));
    git_commit *parent = NULL;
    git_oid head;
    if (git_reference_name_to_id(&head, r, "HEAD") == 0)
        OK(git_commit_lookup(&parent, r, &head));
    const git_commit *parents[] = {parent};
    OK(git_commit_create(&id, r, "HEAD", sig, sig, NULL, message, tree, parent ? 1 : 0, parents));
    git_commit_free(parent);
    git_signature_free(sig);
    git_tree_free(tree);
    return id;
}

static void commit_all(git_repository *r, const char *message)
{
    stage_all(r);
    commit(r, message);
}

#define AZSCAN(...) fixture_azscan(dir, (const char *const[]){__VA_ARGS__, NULL}, 0)

static void expect_exit(fixture_run_result *run, int code)
{
    cr_assert_eq(run->exit_code, code, "exit %d, expected %d\nstdout: %s\nstderr: %s",
                 run->exit_code, code, run->out, run->err);
}

static void assert_contains(const char *haystack, const char *needle)
{
    cr_assert(strstr(haystack, needle), "expected \"%s\" in:\n%s", needle, haystack);
}

static void assert_lacks(const char *haystack, const char *needle)
{
    cr_assert(!strstr(haystack, needle), "did not expect \"%s\" in:\n%s", needle, haystack);
}

/* The number of findings in a JSON report. */
static int json_findings(const char *out, cJSON **doc)
{
    *doc = cJSON_Parse(out);
    cr_assert(*doc, "not JSON: %s", out);
    return cJSON_GetArraySize(cJSON_GetObjectItem(*doc, "findings"));
}

/* Errors ------------------------------------------------------------------- */

Test(git, outside_a_repository_is_a_usage_error)
{
    fixture_write_text(dir, "a.bicep", "param a string\n");
    fixture_run_result run = AZSCAN("scan", "--diff", "HEAD", ".");
    expect_exit(&run, 2);
    assert_contains(run.err, "not in a git repository");
    fixture_run_result_free(&run);
    run = AZSCAN("scan", "--staged");
    expect_exit(&run, 2);
    fixture_run_result_free(&run);
}

Test(git, an_unknown_ref_is_a_usage_error)
{
    git_repository *r = repo_init(dir);
    write_storage(dir, "a.bicep", "a", "Disabled");
    commit_all(r, "one");
    fixture_run_result run = AZSCAN("scan", "--diff", "no-such-branch");
    expect_exit(&run, 2);
    assert_contains(run.err, "unknown revision 'no-such-branch'");
    fixture_run_result_free(&run);
    git_repository_free(r);
}

Test(git, flags_that_need_a_git_mode)
{
    const char *const *runs[] = {
        (const char *const[]){"scan", "--new-only", NULL},
        (const char *const[]){"scan", "--changed-lines", NULL},
        (const char *const[]){"scan", "--diff", "HEAD", "--staged", NULL},
        (const char *const[]){"scan", "--diff", NULL},
    };
    for (size_t i = 0; i < sizeof(runs) / sizeof(*runs); i++) {
        fixture_run_result run = fixture_azscan(dir, runs[i], 0);
        expect_exit(&run, 2);
        fixture_run_result_free(&run);
    }
}

Test(git, a_path_outside_the_work_tree_is_a_usage_error)
{
    git_repository *r = repo_init(dir);
    fixture_write_text(dir, "a.bicep", "param a string\n");
    commit_all(r, "one");
    fixture_run_result run = AZSCAN("scan", "--diff", "HEAD", ".", "/");
    expect_exit(&run, 2);
    assert_contains(run.err, "outside the git work tree");
    fixture_run_result_free(&run);
    git_repository_free(r);
}

Test(git, unborn_branch)
{
    git_repository *r = repo_init(dir);
    write_storage(dir, "a.bicep", "a", "Enabled");
    stage_all(r);
    fixture_run_result run = AZSCAN("scan", "--diff", "HEAD");
    expect_exit(&run, 2);
    fixture_run_result_free(&run);
    /* --staged compares the index with the empty tree. */
    run = AZSCAN("scan", "--staged", "--check", "AZS201", "--verbose");
    expect_exit(&run, 1);
    assert_contains(run.out, "a.bicep:7:26: high AZS201");
    assert_contains(run.err, "a.bicep: analyzed: added");
    fixture_run_result_free(&run);
    git_repository_free(r);
}

/* What is analyzed ---------------------------------------------------------- */

Test(git, nothing_changed)
{
    git_repository *r = repo_init(dir);
    write_storage(dir, "a.bicep", "a", "Enabled");
    fixture_write_text(dir, "notes.txt", "one\n");
    commit_all(r, "one");
    fixture_write_text(dir, "notes.txt", "two\n");
    fixture_run_result run = AZSCAN("scan", "--diff", "HEAD");
    expect_exit(&run, 0);
    cr_assert_str_eq(run.out, "no template changed since the merge base of HEAD\n");
    fixture_run_result_free(&run);
    run = AZSCAN("scan", "--staged", "--format", "sarif");
    expect_exit(&run, 0);
    cJSON *doc = cJSON_Parse(run.out);
    cr_assert(doc, "not JSON: %s", run.out);
    cJSON *runs = cJSON_GetObjectItem(doc, "runs");
    cr_assert_eq(cJSON_GetArraySize(cJSON_GetObjectItem(cJSON_GetArrayItem(runs, 0), "results")),
                 0);
    cJSON_Delete(doc);
    assert_contains(run.err, "no template changed since HEAD");
    fixture_run_result_free(&run);
    git_repository_free(r);
}

Test(git, diff_takes_changed_files_and_their_users)
{
    git_repository *r = repo_init(dir);
    fixture_write_text(dir, "mods/m.bicep",
                       "param access string\n"
                       "resource s 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n"
                       "  name: 's'\n"
                       "  location: 'westeurope'\n"
                       "  properties: { publicNetworkAccess: access }\n"
                       "}\n");
    fixture_write_text(
        dir, "one.bicep",
        "module m './mods/m.bicep' = {\n  name: 'm'\n  params: { access: 'Enabled' }\n}\n");
    fixture_write_text(
        dir, "two/two.bicep",
        "module m '../mods/m.bicep' = {\n  name: 'm'\n  params: { access: 'Disabled' }\n}\n");
    fixture_write_text(dir, "two/two.parameters.json",
                       "{\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/"
                       "deploymentParameters.json#\", \"parameters\": {}}\n");
    write_storage(dir, "other.bicep", "o", "Enabled");
    commit_all(r, "one");
    fixture_write_text(dir, "mods/m.bicep",
                       "param access string\n"
                       "resource s 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n"
                       "  name: 's2'\n"
                       "  location: 'westeurope'\n"
                       "  properties: { publicNetworkAccess: access }\n"
                       "}\n");
    fixture_run_result run = AZSCAN("scan", "--diff", "HEAD", "--verbose", "--check", "AZS201");
    expect_exit(&run, 1);
    assert_contains(run.err, "mods/m.bicep: analyzed: changed");
    assert_contains(run.err, "one.bicep: analyzed: uses changed module mods/m.bicep");
    assert_contains(run.err, "two/two.bicep: analyzed: uses changed module mods/m.bicep");
    assert_contains(run.err, "two/two.parameters.json: analyzed: parameter file of two/two.bicep");
    assert_lacks(run.err, "other.bicep");
    assert_contains(run.out, "in 4 files, 3 templates");
    fixture_run_result_free(&run);
    git_repository_free(r);
}

Test(git, a_changed_parameter_file_brings_its_template)
{
    git_repository *r = repo_init(dir);
    fixture_write_text(dir, "app/main.bicep",
                       "param access string\n"
                       "resource s 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n"
                       "  name: 's'\n"
                       "  location: 'westeurope'\n"
                       "  properties: { publicNetworkAccess: access }\n"
                       "}\n");
    fixture_write_text(dir, "app/prod.bicepparam",
                       "using './main.bicep'\nparam access = 'Disabled'\n");
    fixture_write_text(dir, "arm/x.json",
                       "{\"$schema\": \"https://schema.management.azure.com/schemas/"
                       "2019-04-01/deploymentTemplate.json#\", \"resources\": []}\n");
    fixture_write_text(dir, "arm/x.parameters.json",
                       "{\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/"
                       "deploymentParameters.json#\", \"parameters\": {}}\n");
    commit_all(r, "one");
    fixture_write_text(dir, "app/prod.bicepparam",
                       "using './main.bicep'\nparam access = 'Enabled'\n");
    fixture_write_text(dir, "arm/x.parameters.json",
                       "{\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/"
                       "deploymentParameters.json#\", \"parameters\": {\"a\": {\"value\": 1}}}\n");
    fixture_run_result run = AZSCAN("scan", "--diff", "HEAD", "--verbose", "--check", "AZS201");
    expect_exit(&run, 1);
    assert_contains(run.err,
                    "app/main.bicep: analyzed: template of changed parameter file prod.bicepparam");
    assert_contains(run.err,
                    "arm/x.json: analyzed: template of changed parameter file x.parameters.json");
    assert_contains(run.out, "[variant app/prod.bicepparam]");
    fixture_run_result_free(&run);
    git_repository_free(r);
}

Test(git, arm_relative_path_users)
{
    git_repository *r = repo_init(dir);
    static const char schema[] = "\"$schema\": \"https://schema.management.azure.com/schemas/"
                                 "2019-04-01/deploymentTemplate.json#\"";
    char text[1024];
    snprintf(text, sizeof(text), "{%s, \"resources\": []}\n", schema);
    fixture_write_text(dir, "nested/child.json", text);
    snprintf(text, sizeof(text),
             "{%s, \"resources\": [{\"type\": \"Microsoft.Resources/deployments\", "
             "\"apiVersion\": \"2022-09-01\", \"name\": \"c\", \"properties\": {\"mode\": "
             "\"Incremental\", \"templateLink\": {\"relativePath\": \"nested/child.json\"}}}]}\n",
             schema);
    fixture_write_text(dir, "parent.json", text);
    commit_all(r, "one");
    snprintf(text, sizeof(text), "{%s, \"resources\": [], \"outputs\": {}}\n", schema);
    fixture_write_text(dir, "nested/child.json", text);
    fixture_run_result run = AZSCAN("scan", "--diff", "HEAD", "--verbose");
    assert_contains(run.err, "parent.json: analyzed: uses changed module nested/child.json");
    fixture_run_result_free(&run);
    git_repository_free(r);
}

Test(git, staged_reads_the_index_not_the_work_tree)
{
    git_repository *r = repo_init(dir);
    write_storage(dir, "a.bicep", "a", "Disabled");
    commit_all(r, "one");
    write_storage(dir, "a.bicep", "a", "Enabled");
    stage_all(r);
    /* Modified again after `git add`: the staged content is what counts. */
    write_storage(dir, "a.bicep", "a", "Disabled");
    fixture_run_result run = AZSCAN("scan", "--staged", "--check", "AZS201");
    expect_exit(&run, 1);
    assert_contains(run.out, "a.bicep:7:26: high AZS201");
    fixture_run_result_free(&run);
    /* --diff reads the work tree. */
    run = AZSCAN("scan", "--diff", "HEAD", "--check", "AZS201");
    expect_exit(&run, 0);
    fixture_run_result_free(&run);
    git_repository_free(r);
}

Test(git, staged_modules_come_from_the_index)
{
    git_repository *r = repo_init(dir);
    fixture_write_text(dir, "main.bicep", "module m './m.bicep' = {\n  name: 'm'\n}\n");
    write_storage(dir, "m.bicep", "m", "Disabled");
    commit_all(r, "one");
    write_storage(dir, "m.bicep", "m", "Enabled");
    stage_all(r);
    fixture_write_text(dir, "m.bicep", "param broken = \n");
    fixture_run_result run = AZSCAN("scan", "--staged", "--check", "AZS201", "--verbose");
    expect_exit(&run, 1);
    assert_contains(run.err, "main.bicep: analyzed: uses changed module m.bicep");
    assert_contains(run.out, "m.bicep:7:26: high AZS201");
    assert_lacks(run.out, "error:");
    fixture_run_result_free(&run);
    git_repository_free(r);
}

Test(git, new_only_reports_what_the_base_lacks)
{
    git_repository *r = repo_init(dir);
    char *one = storage("one", "Enabled"), *two = storage("two", "Enabled");
    fixture_write_text(dir, "a.bicep", one);
    commit_all(r, "one");
    size_t n = strlen(one) + strlen(two) + 1;
    char *both = malloc(n);
    snprintf(both, n, "%s%s", one, two);
    fixture_write_text(dir, "a.bicep", both);
    fixture_run_result run =
        AZSCAN("scan", "--diff", "HEAD", "--new-only", "--check", "AZS201", "--format", "json");
    expect_exit(&run, 1);
    cJSON *doc;
    cr_assert_eq(json_findings(run.out, &doc), 1, "%s", run.out);
    cJSON *f = cJSON_GetArrayItem(cJSON_GetObjectItem(doc, "findings"), 0);
    cr_assert_str_eq(cJSON_GetObjectItem(f, "resource")->valuestring, "two");
    cJSON *delta = cJSON_GetObjectItem(cJSON_GetObjectItem(doc, "summary"), "new_only");
    cr_assert_eq(cJSON_GetObjectItem(delta, "new")->valueint, 1);
    cr_assert_eq(cJSON_GetObjectItem(delta, "unchanged")->valueint, 1);
    cr_assert_eq(cJSON_GetObjectItem(delta, "fixed")->valueint, 0);
    cJSON_Delete(doc);
    fixture_run_result_free(&run);
    /* Fixing the first: nothing new, one fixed. */
    char *fixed_one = storage("one", "Disabled");
    snprintf(both, n, "%s%s", fixed_one, two);
    fixture_write_text(dir, "a.bicep", both);
    stage_all(r);
    run = AZSCAN("scan", "--staged", "--new-only", "--check", "AZS201");
    assert_contains(run.out, "new-only: 1 new, 0 unchanged, 1 fixed");
    fixture_run_result_free(&run);
    free(fixed_one);
    free(both);
    free(one);
    free(two);
    git_repository_free(r);
}

Test(git, changed_lines_keeps_findings_on_added_lines)
{
    git_repository *r = repo_init(dir);
    char *one = storage("one", "Enabled"), *two = storage("two", "Enabled");
    fixture_write_text(dir, "a.bicep", one);
    commit_all(r, "one");
    size_t n = strlen(one) + strlen(two) + 1;
    char *both = malloc(n);
    snprintf(both, n, "%s%s", one, two);
    fixture_write_text(dir, "a.bicep", both);
    fixture_run_result run =
        AZSCAN("scan", "--diff", "HEAD", "--changed-lines", "--check", "AZS201");
    expect_exit(&run, 1);
    assert_contains(run.out, "a.bicep:16:26: high AZS201");
    assert_lacks(run.out, "a.bicep:7:26");
    fixture_run_result_free(&run);
    free(both);
    free(one);
    free(two);
    git_repository_free(r);
}

Test(git, renames_with_edits)
{
    git_repository *r = repo_init(dir);
    char *text = storage("account", "Enabled");
    fixture_write_text(dir, "old.bicep", text);
    commit_all(r, "one");
    char *path = fixture_path(dir, "old.bicep");
    remove(path);
    free(path);
    /* Renamed with one line more: still similar enough to be a rename. */
    size_t n = strlen(text) + 32;
    char *edited = malloc(n);
    snprintf(edited, n, "// moved\n%s", text);
    fixture_write_text(dir, "new name é.bicep", edited);
    stage_all(r);
    fixture_run_result run =
        AZSCAN("scan", "--staged", "--verbose", "--new-only", "--check", "AZS201");
    expect_exit(&run, 0);
    assert_contains(run.err, "new name é.bicep: analyzed: renamed from old.bicep");
    /* The finding moved with its file: it is not new. */
    assert_contains(run.out, "new-only: 0 new, 1 unchanged, 0 fixed");
    fixture_run_result_free(&run);
    free(edited);
    free(text);
    git_repository_free(r);
}

Test(git, crlf_checkouts_keep_lines_and_columns)
{
    git_repository *r = repo_init(dir);
    git_config *cfg;
    OK(git_repository_config(&cfg, r));
    OK(git_config_set_string(cfg, "core.autocrlf", "true"));
    git_config_free(cfg);
    write_storage(dir, "a.bicep", "a", "Disabled");
    commit_all(r, "one");
    char *text = storage("a", "Enabled");
    size_t n = strlen(text);
    char *crlf = malloc(2 * n + 1), *w = crlf;
    for (const char *p = text; *p; p++) {
        if (*p == '\n')
            *w++ = '\r';
        *w++ = *p;
    }
    *w = '\0';
    fixture_write_text(dir, "a.bicep", crlf);
    fixture_run_result run =
        AZSCAN("scan", "--diff", "HEAD", "--changed-lines", "--check", "AZS201");
    expect_exit(&run, 1);
    assert_contains(run.out, "a.bicep:7:26: high AZS201");
    fixture_run_result_free(&run);
    stage_all(r);
    run = AZSCAN("scan", "--staged", "--changed-lines", "--check", "AZS201");
    expect_exit(&run, 1);
    assert_contains(run.out, "a.bicep:7:26: high AZS201");
    fixture_run_result_free(&run);
    free(crlf);
    free(text);
    git_repository_free(r);
}

Test(git, detached_head_and_sarif_provenance)
{
    git_repository *r = repo_init(dir);
    git_remote *origin;
    OK(git_remote_create(&origin, r, "origin", "https://user:s3cret@example.com/org/repo.git"));
    git_remote_free(origin);
    write_storage(dir, "a.bicep", "a", "Disabled");
    commit_all(r, "one");
    fixture_write_text(dir, "sub/b.bicep", "param b string\n");
    commit_all(r, "two");
    git_oid head;
    OK(git_reference_name_to_id(&head, r, "HEAD"));
    char sha[GIT_OID_HEXSZ + 1];
    git_oid_tostr(sha, sizeof(sha), &head);
    write_storage(dir, "a.bicep", "a", "Enabled");
    /* On the branch: the branch is recorded; paths are the work tree's even
     * when scanning from a subdirectory's parent with a subdirectory path. */
    fixture_run_result run = AZSCAN("scan", "--diff", "HEAD", "--format", "sarif");
    expect_exit(&run, 1);
    assert_lacks(run.out, "s3cret");
    assert_lacks(run.out, "user:");
    assert_contains(run.out, "\"repositoryUri\":\t\"https://example.com/org/repo.git\"");
    assert_contains(run.out, sha);
    assert_contains(run.out, "\"branch\":\t\"master\"");
    fixture_run_result_free(&run);
    OK(git_repository_set_head_detached(r, &head));
    char *sub = fixture_path(dir, "sub");
    run = fixture_azscan(
        sub, (const char *const[]){"scan", "--diff", "HEAD~1", "--format", "sarif", "..", NULL}, 0);
    expect_exit(&run, 1);
    assert_lacks(run.out, "\"branch\"");
    assert_contains(run.out, "\"uri\":\t\"a.bicep\"");
    fixture_run_result_free(&run);
    free(sub);
    git_repository_free(r);
}

Test(git, shallow_clone_without_a_merge_base)
{
    git_repository *r = repo_init(dir);
    write_storage(dir, "a.bicep", "a", "Disabled");
    git_oid first = commit((stage_all(r), r), "one");
    /* An unrelated root commit on HEAD: no merge base with `first`. */
    OK(git_reference_create(NULL, r, "refs/heads/base", &first, 0, NULL));
    OK(git_repository_set_head(r, "refs/heads/other"));
    write_storage(dir, "a.bicep", "a", "Enabled");
    commit_all(r, "unrelated");
    char *shallow = fixture_path(dir, ".git/shallow");
    FILE *f = fopen(shallow, "w");
    char sha[GIT_OID_HEXSZ + 1];
    fprintf(f, "%s\n", git_oid_tostr(sha, sizeof(sha), &first));
    fclose(f);
    free(shallow);
    fixture_run_result run = AZSCAN("scan", "--diff", "base", "--check", "AZS201");
    expect_exit(&run, 1);
    assert_contains(run.err, "warning: no merge base of 'base' and HEAD in this shallow clone");
    assert_contains(run.err, "fetch-depth: 0");
    fixture_run_result_free(&run);
    git_repository_free(r);
}

Test(git, submodules_are_skipped_with_a_note)
{
    git_repository *r = repo_init(dir);
    write_storage(dir, "a.bicep", "a", "Disabled");
    commit_all(r, "one");
    git_index *index;
    OK(git_repository_index(&index, r));
    git_index_entry e = {0};
    e.mode = GIT_FILEMODE_COMMIT;
    e.path = "vendor/lib";
    OK(git_reference_name_to_id(&e.id, r, "HEAD"));
    OK(git_index_add(index, &e));
    OK(git_index_write(index));
    git_index_free(index);
    fixture_run_result run = AZSCAN("scan", "--staged");
    expect_exit(&run, 0);
    assert_contains(run.err, "vendor/lib: skipped: a submodule");
    fixture_run_result_free(&run);
    git_repository_free(r);
}

Test(git, linked_worktrees)
{
    char *main_dir = fixture_path(dir, "main");
    char *linked = fixture_path(dir, "linked");
    git_repository *r = repo_init(main_dir);
    write_storage(main_dir, "a.bicep", "a", "Disabled");
    commit_all(r, "one");
    git_worktree *wt;
    OK(git_worktree_add(&wt, r, "linked", linked, NULL));
    git_worktree_free(wt);
    write_storage(linked, "a.bicep", "a", "Enabled");
    fixture_run_result run = fixture_azscan(
        linked, (const char *const[]){"scan", "--diff", "HEAD", "--check", "AZS201", NULL}, 0);
    expect_exit(&run, 1);
    assert_contains(run.out, "a.bicep:7:26: high AZS201");
    fixture_run_result_free(&run);
    run = fixture_azscan(main_dir, (const char *const[]){"scan", "--diff", "HEAD", NULL}, 0);
    expect_exit(&run, 0);
    fixture_run_result_free(&run);
    free(main_dir);
    free(linked);
    git_repository_free(r);
}

/* The modules on their own ----------------------------------------------- */

Test(git, credentials_are_stripped_from_remote_urls)
{
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"https://user:token@github.com/org/repo.git", "https://github.com/org/repo.git"},
        {"https://token@dev.azure.com/org/p/_git/r", "https://dev.azure.com/org/p/_git/r"},
        {"https://github.com/org/repo", "https://github.com/org/repo"},
        {"ssh://git@host:22/org/repo", "ssh://host:22/org/repo"},
        {"git@github.com:org/repo.git", "ssh://github.com/org/repo.git"},
        {"/srv/git/repo.git", "file:///srv/git/repo.git"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
        char *s = repo_url_strip_credentials(cases[i].in);
        cr_assert_str_eq(s, cases[i].out);
        free(s);
    }
}

Test(git, dependents_follow_chains_and_survive_cycles)
{
    fixture_write_text(dir, "a.bicep", "module b './b.bicep' = {\n  name: 'b'\n}\n");
    fixture_write_text(dir, "b.bicep", "module c './c.bicep' = {\n  name: 'c'\n}\n");
    fixture_write_text(dir, "c.bicep", "module a './a.bicep' = {\n  name: 'a'\n}\n");
    fixture_write_text(dir, "d.bicep", "// './c.bicep' in a comment is no module\n");
    fixture_write_text(dir, "x/y/z/e.bicep", "import { t } from '../../../c.bicep'\n");
    fixture_write_text(dir, "x/y/f.bicep", "module e './z/../z/e.bicep' = {\n  name: 'e'\n}\n");
    const char *candidates[] = {"a.bicep", "b.bicep",       "c.bicep",
                                "d.bicep", "x/y/z/e.bicep", "x/y/f.bicep"};
    dependents_options o = {NULL, NULL, dir, candidates, 6};
    dependents_seed seed = {"c.bicep", "changed"};
    dependents *d;
    cr_assert_eq(dependents_resolve(&d, &o, &seed, 1), 0);
    cr_assert_eq(dependents_count(d), 5);
    cr_assert_str_eq(dependents_get(d, 0)->reason, "uses module b.bicep, which uses a change");
    cr_assert_str_eq(dependents_get(d, 1)->reason, "uses changed module c.bicep");
    cr_assert_str_eq(dependents_get(d, 2)->reason, "changed");
    cr_assert_str_eq(dependents_get(d, 3)->path, "x/y/f.bicep");
    cr_assert_str_eq(dependents_get(d, 3)->reason,
                     "uses module x/y/z/e.bicep, which uses a change");
    cr_assert_str_eq(dependents_get(d, 4)->reason, "imports changed file c.bicep");
    dependents_free(d);
}

Test(git, changed_json_that_is_no_template_is_skipped)
{
    git_repository *r = repo_init(dir);
    fixture_write_text(dir, "package.json", "{\"name\": \"x\"}\n");
    commit_all(r, "one");
    fixture_write_text(dir, "package.json", "{\"name\": \"y\"}\n");
    fixture_run_result run = AZSCAN("scan", "--diff", "HEAD", "--verbose");
    expect_exit(&run, 0);
    assert_contains(run.err, "package.json: skipped: not an ARM template");
    fixture_run_result_free(&run);
    git_repository_free(r);
}

Test(git, changes_open_reports_errors_as_values)
{
    changes *c;
    char err[300];
    const char *paths[] = {dir};
    changes_options o = {"HEAD", false, false, false, paths, 1};
    cr_assert_eq(changes_open(&c, &o, err, sizeof(err)), CHANGES_ERR_USAGE);
    cr_assert_null(c);
    assert_contains(err, "not in a git repository");
}

/* The paths of `diff`'s deltas (both sides), sorted. */
static path_set *diff_paths(git_diff *diff)
{
    path_set *s = path_set_new();
    for (size_t i = 0; i < git_diff_num_deltas(diff); i++) {
        const git_diff_delta *d = git_diff_get_delta(diff, i);
        path_set_add(s, d->old_file.path);
        path_set_add(s, d->new_file.path);
    }
    path_set_sort(s);
    return s;
}

static void assert_same_paths(const path_set *got, const path_set *want)
{
    for (size_t i = 0; i < path_set_count(want); i++)
        cr_expect(path_set_has(got, path_set_get(want, i)), "missing %s", path_set_get(want, i));
    for (size_t i = 0; i < path_set_count(got); i++)
        cr_expect(path_set_has(want, path_set_get(got, i)), "extra %s", path_set_get(got, i));
}

Test(git, index_tree_changes_are_libgit2s)
{
    git_repository *r = repo_init(dir);
    fixture_write_text(dir, "a/b/c.bicep", "// c\n");
    fixture_write_text(dir, "a/b/d.bicep", "// d\n");
    fixture_write_text(dir, "a/b.x", "// sorts between a and a/\n");
    fixture_write_text(dir, "a/e/f.json", "{}\n");
    fixture_write_text(dir, "g", "a file that becomes a directory\n");
    fixture_write_text(dir, "h/i.bicep", "// a directory that becomes a file\n");
    fixture_write_text(dir, "same/j.bicep", "// untouched\n");
    commit_all(r, "one");
    git_index *index;
    git_object *head;
    OK(git_repository_index(&index, r));
    OK(git_revparse_single(&head, r, "HEAD^{tree}"));
    /* Nothing staged: no tree is opened, nothing differs. */
    path_set *got = path_set_new();
    OK(index_tree_changes(got, r, index, (git_tree *)head));
    cr_assert_eq(path_set_count(got), 0);
    path_set_free(got);

    fixture_write_text(dir, "a/b/c.bicep", "// c, changed\n");
    char *p = fixture_path(dir, "a/b/d.bicep");
    cr_assert_eq(unlink(p), 0);
    free(p);
    fixture_write_text(dir, "a/new/k.bicep", "// added in a new directory\n");
    p = fixture_path(dir, "g");
    cr_assert_eq(unlink(p), 0);
    free(p);
    fixture_write_text(dir, "g/l.bicep", "// g is a directory now\n");
    fixture_remove(p = fixture_path(dir, "h"));
    free(p);
    fixture_write_text(dir, "h", "h is a file now\n");
    git_index_free(index);
    stage_all(r);
    OK(git_repository_index(&index, r));
    OK(git_index_read(index, 1));
    git_diff *diff;
    OK(git_diff_tree_to_index(&diff, r, (git_tree *)head, index, NULL));
    path_set *want = diff_paths(diff);
    got = path_set_new();
    OK(index_tree_changes(got, r, index, (git_tree *)head));
    path_set_sort(got);
    assert_same_paths(got, want);
    cr_expect_eq(path_set_count(want), 7, "a/b/c, a/b/d, a/new/k, g, g/l, h, h/i");
    path_set_free(got);
    path_set_free(want);
    git_diff_free(diff);

    /* The empty tree: everything in the index. */
    got = path_set_new();
    OK(index_tree_changes(got, r, index, NULL));
    cr_expect_eq(path_set_count(got), git_index_entrycount(index));
    path_set_free(got);

    /* A conflict gives no tree. */
    git_index_entry e = {0};
    e.mode = GIT_FILEMODE_BLOB;
    e.path = "same/j.bicep";
    e.id = git_index_get_bypath(index, "same/j.bicep", 0)->id;
    OK(git_index_conflict_add(index, &e, &e, &e));
    got = path_set_new();
    cr_expect_eq(index_tree_changes(got, r, index, (git_tree *)head), -1);
    path_set_free(got);
    git_index_free(index);
    git_object_free(head);
    git_repository_free(r);
}

/* Sets the modification time of `rel` to `seconds` ago. */
static void age(const char *rel, int seconds)
{
    char *p = fixture_path(dir, rel);
    struct timespec times[2];
    clock_gettime(CLOCK_REALTIME, &times[0]);
    times[0].tv_sec -= seconds;
    times[1] = times[0];
    cr_assert_eq(utimensat(AT_FDCWD, p, times, 0), 0);
    free(p);
}

static bool templates_only(const char *path, bool is_dir, void *payload)
{
    (void)payload;
    size_t n = strlen(path);
    return is_dir || (n > 6 && strcmp(path + n - 6, ".bicep") == 0);
}

static path_set *worktree_changes(git_repository *r, const char *const *spec, size_t spec_count)
{
    git_index *index;
    OK(git_repository_index(&index, r));
    OK(git_index_read(index, 1));
    worktree_options o = {spec, spec_count, templates_only, NULL};
    path_set *s = path_set_new();
    OK(worktree_paths_find(s, r, index, &o));
    path_set_sort(s);
    git_index_free(index);
    return s;
}

Test(git, worktree_paths_are_what_may_have_changed)
{
    git_repository *r = repo_init(dir);
    fixture_write_text(dir, ".gitignore", "ignored/\n*.gen.bicep\nout/\n");
    fixture_write_text(dir, "clean.bicep", "// clean\n");
    fixture_write_text(dir, "edited.bicep", "// edited\n");
    fixture_write_text(dir, "gone.bicep", "// deleted\n");
    fixture_write_text(dir, "dir/notes.txt", "tracked, not a template\n");
    fixture_write_text(dir, "ignored/tracked.bicep", "// tracked in an ignored directory\n");
    const char *aged[] = {".gitignore", "clean.bicep",   "edited.bicep",
                          "gone.bicep", "dir/notes.txt", "ignored/tracked.bicep"};
    for (size_t i = 0; i < sizeof(aged) / sizeof(*aged); i++)
        age(aged[i], 60);
    commit_all(r, "one");
    path_set *s = worktree_changes(r, NULL, 0);
    cr_assert_eq(path_set_count(s), 0, "a clean work tree, first: %s", path_set_get(s, 0));
    path_set_free(s);

    fixture_write_text(dir, "edited.bicep", "// edited, longer\n");
    char *p = fixture_path(dir, "gone.bicep");
    cr_assert_eq(unlink(p), 0);
    free(p);
    fixture_write_text(dir, "new.bicep", "// untracked\n");
    fixture_write_text(dir, "dir/new.bicep", "// untracked beside a tracked file\n");
    fixture_write_text(dir, "dir/new.txt", "not a template\n");
    fixture_write_text(dir, "x.gen.bicep", "// ignored\n");
    fixture_write_text(dir, "ignored/new.bicep", "// in an ignored directory\n");
    fixture_write_text(dir, "out/deep/o.bicep", "// in an ignored untracked directory\n");
    fixture_write_text(dir, "fresh/deep/n.bicep", "// in an untracked directory\n");
    fixture_write_text(dir, "nested/.git/HEAD", "ref: refs/heads/main\n");
    fixture_write_text(dir, "nested/inner.bicep", "// another repository's\n");
    s = worktree_changes(r, NULL, 0);
    const char *want[] = {"dir/new.bicep", "edited.bicep", "fresh/deep/n.bicep", "gone.bicep",
                          "new.bicep"};
    cr_assert_eq(path_set_count(s), 5);
    for (size_t i = 0; i < 5; i++)
        cr_expect_str_eq(path_set_get(s, i), want[i]);
    path_set_free(s);

    /* Only under the pathspec. */
    const char *spec[] = {"dir", "fresh/deep/n.bicep"};
    s = worktree_changes(r, spec, 2);
    cr_assert_eq(path_set_count(s), 2);
    cr_expect_str_eq(path_set_get(s, 0), "dir/new.bicep");
    cr_expect_str_eq(path_set_get(s, 1), "fresh/deep/n.bicep");
    path_set_free(s);
    git_repository_free(r);
}

Test(git, worktree_paths_distrust_racy_entries)
{
    git_repository *r = repo_init(dir);
    fixture_write_text(dir, "racy.bicep", "// staged in the second it was written\n");
    commit_all(r, "one");
    /* Its stat data match, but the index cannot tell a later edit of the
     * same size in the same second: the content diff must decide. */
    path_set *s = worktree_changes(r, NULL, 0);
    cr_assert_eq(path_set_count(s), 1);
    cr_expect_str_eq(path_set_get(s, 0), "racy.bicep");
    path_set_free(s);
    /* And a diff finds it unchanged. */
    fixture_run_result run = AZSCAN("scan", "--diff", "HEAD", "--verbose");
    expect_exit(&run, 0);
    assert_lacks(run.err, "racy.bicep: analyzed");
    fixture_run_result_free(&run);
    git_repository_free(r);
}

Test(git, dependents_read_json_only_for_json)
{
    fixture_write_text(dir, "m.bicep", "// a module\n");
    fixture_write_text(dir, "main.bicep", "module m './m.bicep' = {\n  name: 'm'\n}\n");
    /* No ARM deployment links a Bicep file: not a user. */
    fixture_write_text(dir, "arm.json",
                       "{\"resources\": [{\"properties\": {\"templateLink\": "
                       "{\"relativePath\": \"m.bicep\"}}}]}\n");
    const char *candidates[] = {"arm.json", "m.bicep", "main.bicep"};
    dependents_options o = {NULL, NULL, dir, candidates, 3};
    dependents_seed seed = {"m.bicep", "changed"};
    dependents *d;
    cr_assert_eq(dependents_resolve(&d, &o, &seed, 1), 0);
    cr_assert_eq(dependents_count(d), 2);
    cr_expect_str_eq(dependents_get(d, 0)->path, "m.bicep");
    cr_expect_str_eq(dependents_get(d, 1)->path, "main.bicep");
    dependents_free(d);
}
