/* The tree cache: hits share one parse, the budget counts each entry's
 * memory and drops unused entries oldest first, entries in use stay, a
 * second store of a path keeps the first, entries past what its region
 * holds live in the heap, and an entry tells whether its file has syntax
 * errors. */
#include "fault.h"
#include "fs_fixture.h"
#include "language.h"
#include "syntax.h"
#include "tree_cache.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

TestSuite(tree_cache, .init = setup, .fini = teardown);

static const char text[] =
    "var aaaaaaaaaaaaaaaaaaaa = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'\n"
    "var c = 1\n";

/* A parsed Bicep file at dir/name, holding `body`. */
static char *parse_text(const char *name, const char *body, source_file **src, syntax_table **table)
{
    fixture_write_text(dir, name, body);
    char *path = fixture_path(dir, name);
    cr_assert_eq(source_file_read(src, path, NULL), SOURCE_OK);
    TSTree *tree;
    cr_assert_eq(syntax_parse(&tree, *src, language_grammar(LANGUAGE_BICEP), 0), SYNTAX_OK);
    cr_assert_eq(syntax_table_build(table, tree), 0);
    ts_tree_delete(tree);
    return path;
}

static char *parse(const char *name, source_file **src, syntax_table **table)
{
    return parse_text(name, text, src, table);
}

static tree_cache_entry *store(tree_cache *c, const char *name)
{
    source_file *src;
    syntax_table *table;
    char *path = parse(name, &src, &table);
    tree_cache_entry *e = tree_cache_put(c, path, src, table);
    cr_assert(e);
    free(path);
    return e;
}

static bool holds(tree_cache *c, const char *name)
{
    char *path = fixture_path(dir, name);
    tree_cache_entry *e = tree_cache_get(c, path);
    free(path);
    tree_cache_release(c, e);
    return e != NULL;
}

Test(tree_cache, shares_one_parse_between_users)
{
    tree_cache *c = tree_cache_new(1 << 20);
    cr_assert(c);
    tree_cache_entry *e = store(c, "a.bicep");
    char *path = fixture_path(dir, "a.bicep");
    tree_cache_entry *again = tree_cache_get(c, path);
    cr_assert_eq(again, e);
    const syntax_table *table = tree_cache_entry_table(e);
    cr_assert_eq(tree_cache_entry_table(again), table);
    cr_assert_eq(syntax_node_end_byte(syntax_table_root(table)), sizeof(text) - 1);
    cr_assert_eq(source_file_length(tree_cache_entry_source(e)), sizeof(text) - 1);
    tree_cache_release(c, e);
    tree_cache_release(c, again);
    cr_assert_null(tree_cache_get(c, "/nowhere.bicep"));
    free(path);
    tree_cache_free(c);
}

/* The memory one entry of `text` at a path of the length of "a.bicep" takes. */
static size_t entry_memory(void)
{
    tree_cache *c = tree_cache_new(1 << 20);
    tree_cache_release(c, store(c, "x.bicep"));
    size_t bytes = tree_cache_memory(c);
    tree_cache_free(c);
    return bytes;
}

Test(tree_cache, counts_the_memory_of_each_entry)
{
    tree_cache *c = tree_cache_new(1 << 20);
    cr_assert_eq(tree_cache_memory(c), 0);
    source_file *src;
    syntax_table *table;
    char *path = parse("a.bicep", &src, &table);
    size_t held = source_file_memory(src) + syntax_table_memory(table);
    tree_cache_entry *e = tree_cache_put(c, path, src, table);
    /* The source, its indexes and its table, with the entry's own keeping,
     * far more than the text. */
    cr_assert_gt(tree_cache_memory(c), held + strlen(path));
    cr_assert_lt(tree_cache_memory(c), held + strlen(path) + 1024);
    cr_assert_gt(held, 2 * (sizeof(text) - 1));
    tree_cache_release(c, e);
    tree_cache_release(c, store(c, "b.bicep"));
    cr_assert_eq(tree_cache_memory(c), 2 * entry_memory());
    tree_cache_free(c);
    free(path);
}

Test(tree_cache, drops_unused_entries_oldest_first_past_its_budget)
{
    /* Room for two of the files. */
    tree_cache *c = tree_cache_new(2 * entry_memory() + 10);
    tree_cache_release(c, store(c, "a.bicep"));
    tree_cache_release(c, store(c, "b.bicep"));
    cr_assert(holds(c, "a.bicep")); /* a is now the most recent */
    tree_cache_release(c, store(c, "c.bicep"));
    cr_assert(holds(c, "a.bicep"));
    cr_assert_not(holds(c, "b.bicep"));
    cr_assert(holds(c, "c.bicep"));
    tree_cache_free(c);
}

Test(tree_cache, keeps_entries_in_use_whatever_the_budget)
{
    tree_cache *c = tree_cache_new(0);
    tree_cache_entry *a = store(c, "a.bicep");
    tree_cache_entry *b = store(c, "b.bicep");
    cr_assert(holds(c, "a.bicep"));
    cr_assert(holds(c, "b.bicep"));
    tree_cache_release(c, a);
    cr_assert_not(holds(c, "a.bicep"));
    cr_assert(holds(c, "b.bicep"));
    tree_cache_release(c, b);
    cr_assert_not(holds(c, "b.bicep"));
    cr_assert_eq(tree_cache_memory(c), 0);
    tree_cache_free(c);
}

Test(tree_cache, keeps_the_first_of_two_stores_of_a_path)
{
    tree_cache *c = tree_cache_new(1 << 20);
    tree_cache_entry *first = store(c, "a.bicep");
    tree_cache_entry *second = store(c, "a.bicep");
    cr_assert_eq(first, second);
    tree_cache_release(c, first);
    tree_cache_release(c, second);
    tree_cache_free(c);
}

Test(tree_cache, tells_whether_a_tree_has_syntax_errors)
{
    tree_cache *c = tree_cache_new(1 << 20);
    cr_assert(c);
    tree_cache_entry *good = store(c, "good.bicep");
    source_file *src;
    syntax_table *table;
    char *path = parse_text("bad.bicep", "var x = (\n", &src, &table);
    tree_cache_entry *bad = tree_cache_put(c, path, src, table);
    cr_assert(bad);
    cr_assert(tree_cache_entry_clean(good));
    cr_assert_not(tree_cache_entry_clean(bad));
    tree_cache_release(c, good);
    tree_cache_release(c, bad);
    free(path);
    tree_cache_free(c);
}

/* An entry of `lines` lines of `text` at dir/name, in use. */
static tree_cache_entry *store_lines(tree_cache *c, const char *name, unsigned lines)
{
    size_t one = sizeof(text) - 1;
    char *body = malloc(lines * one + 1);
    for (unsigned i = 0; i < lines; i++)
        memcpy(body + i * one, text, one);
    body[lines * one] = '\0';
    source_file *src;
    syntax_table *table;
    char *path = parse_text(name, body, &src, &table);
    tree_cache_entry *e = tree_cache_put(c, path, src, table);
    cr_assert(e);
    free(path);
    free(body);
    return e;
}

/* Entries live in a region of their own, and blocks freed there do not
 * always lie side by side: to find a block for an entry, the cache drops
 * more unused entries, oldest first, than its budget alone asks for. */
Test(tree_cache, drops_the_oldest_entries_until_a_block_fits)
{
    size_t one = entry_memory();
    /* An entry about 1.6 times the size of one of `text`. */
    unsigned lines = 1;
    for (;; lines++) {
        tree_cache *probe = tree_cache_new(1 << 20);
        tree_cache_release(probe, store_lines(probe, "x.bicep", lines));
        size_t bytes = tree_cache_memory(probe);
        tree_cache_free(probe);
        if (bytes * 10 >= one * 16)
            break;
    }
    tree_cache *c = tree_cache_new(4 * one);
    const char *names[] = {"a.bicep", "b.bicep", "c.bicep", "d.bicep"};
    for (int i = 0; i < 4; i++)
        tree_cache_release(c, store(c, names[i]));
    /* Oldest first: b, d, a, c. The budget drops b and d, whose blocks
     * are apart; a goes too so that a's and b's blocks, together, fit. */
    cr_assert(holds(c, "a.bicep"));
    cr_assert(holds(c, "c.bicep"));
    tree_cache_entry *big = store_lines(c, "e.bicep", lines);
    cr_assert_not(holds(c, "a.bicep"));
    cr_assert_not(holds(c, "b.bicep"));
    cr_assert(holds(c, "c.bicep"));
    cr_assert_not(holds(c, "d.bicep"));
    cr_assert_lt(tree_cache_memory(c), 4 * one);
    cr_assert_eq(source_file_length(tree_cache_entry_source(big)), lines * (sizeof(text) - 1));
    tree_cache_release(c, big);
    tree_cache_free(c);
}

/* An entry that no block of the region holds (here the budget is 0) is
 * kept in the heap, and answers the same. */
Test(tree_cache, keeps_entries_past_its_region_in_the_heap)
{
    tree_cache *c = tree_cache_new(0);
    tree_cache_entry *e = store(c, "a.bicep");
    cr_assert_eq(source_file_length(tree_cache_entry_source(e)), sizeof(text) - 1);
    cr_assert_eq(syntax_node_end_byte(syntax_table_root(tree_cache_entry_table(e))),
                 sizeof(text) - 1);
    cr_assert(tree_cache_entry_clean(e));
    tree_cache_release(c, e);
    tree_cache_free(c);
}

Test(tree_cache, fails_as_a_value_when_memory_runs_out)
{
    long live = fault_live_allocations();
    fault_fail_mmap(true);
    cr_assert_null(tree_cache_new(1 << 20));
    fault_fail_mmap(false);
    for (long n = 0; n < 2; n++) {
        fault_fail_allocation(n);
        cr_assert_null(tree_cache_new(1 << 20), "allocation %ld failing", n);
    }
    fault_fail_allocation(-1);
    cr_assert_eq(fault_live_allocations(), live);
    tree_cache *c = tree_cache_new(1 << 20);
    cr_assert(c);
    tree_cache_free(c);
}
