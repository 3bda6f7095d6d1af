/*
 * The index of checks by resource type (checks/check_index.h) against the
 * registry, and the engine that runs checks through it.
 */
#include "check_index.h"
#include "fault.h"

#include <criterion/criterion.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define SAMPLES AZSCAN_SOURCE_DIR "/samples/insecure"

/* What the index must hold for `type`: the resource checks that name it,
 * in registry order. */
static size_t brute_force(const char *type, const az_check **out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < az_check_count(); i++) {
        const az_check *c = az_check_get(i);
        bool applies = false;
        for (const char *const *t = c->resource ? c->meta.resource_types : NULL; t && *t; t++)
            applies |= strcasecmp(*t, type) == 0;
        if (applies) {
            cr_assert_lt(n, cap);
            out[n++] = c;
        }
    }
    return n;
}

static void expect_same(const check_index *ix, const char *type)
{
    const az_check *want[256];
    size_t want_count = brute_force(type, want, 256), count;
    const az_check *const *got = check_index_resource_checks(ix, type, &count);
    cr_assert_eq(count, want_count, "%s: %zu checks, not %zu", type, count, want_count);
    for (size_t i = 0; i < count; i++)
        cr_expect_eq(got[i], want[i], "%s: check %zu is %s, not %s", type, i, got[i]->meta.id,
                     want[i]->meta.id);
}

static void change_case(char *s, int (*to)(int))
{
    for (; *s; s++)
        *s = (char)to((unsigned char)*s);
}

Test(check_index, lists_each_types_checks_in_registry_order_ignoring_case)
{
    const check_index *ix = check_index_get();
    cr_assert(ix);
    cr_assert_eq(check_index_get(), ix, "the index is built once");
    size_t types = 0;
    for (size_t i = 0; i < az_check_count(); i++) {
        const az_check *c = az_check_get(i);
        for (const char *const *t = c->resource ? c->meta.resource_types : NULL; t && *t; t++) {
            char lower[256], upper[256];
            snprintf(lower, sizeof(lower), "%s", *t);
            snprintf(upper, sizeof(upper), "%s", *t);
            change_case(lower, tolower);
            change_case(upper, toupper);
            expect_same(ix, *t);
            expect_same(ix, lower);
            expect_same(ix, upper);
            types++;
        }
    }
    cr_assert_gt(types, 50);
    /* Several checks apply to storage accounts, in id order. */
    size_t count;
    const az_check *const *storage =
        check_index_resource_checks(ix, "microsoft.storage/STORAGEACCOUNTS", &count);
    cr_assert_gt(count, 2);
    for (size_t i = 1; i < count; i++)
        cr_assert_lt(strcmp(storage[i - 1]->meta.id, storage[i]->meta.id), 0);
}

Test(check_index, lists_no_check_for_a_type_no_check_names)
{
    const check_index *ix = check_index_get();
    cr_assert(ix);
    const char *types[] = {"", "Microsoft.Contoso/widgets", "Microsoft.Storage/storageAccount",
                           "Microsoft.Storage/storageAccounts/", "Microsoft.Storage"};
    for (size_t i = 0; i < sizeof(types) / sizeof(*types); i++) {
        size_t count = 1;
        check_index_resource_checks(ix, types[i], &count);
        cr_expect_eq(count, 0, "'%s'", types[i]);
    }
}

Test(check_index, lists_the_deployment_checks_in_registry_order)
{
    const check_index *ix = check_index_get();
    cr_assert(ix);
    size_t count, n = 0;
    const az_check *const *got = check_index_deployment_checks(ix, &count);
    for (size_t i = 0; i < az_check_count(); i++) {
        const az_check *c = az_check_get(i);
        if (c->resource)
            continue;
        cr_assert_lt(n, count);
        cr_expect_eq(got[n], c, "deployment check %zu is %s, not %s", n, got[n]->meta.id,
                     c->meta.id);
        n++;
    }
    cr_assert_eq(count, n);
    cr_assert_gt(count, 0);
}

Test(check_index, fails_cleanly_at_every_allocation_and_is_built_later)
{
    for (long n = 0;; n++) {
        long before = fault_live_allocations();
        fault_fail_allocation(n);
        const check_index *ix = check_index_get();
        fault_fail_allocation(-1);
        if (ix) {
            cr_assert_geq(n, 5, "too few allocations were failed: %ld", n);
            expect_same(ix, "Microsoft.Storage/storageAccounts");
            break;
        }
        cr_assert_eq(fault_live_allocations(), before, "leak after failing allocation %ld", n);
    }
}

static az_model *build_sample(void)
{
    az_model *m = NULL;
    char err[256];
    cr_assert_eq(az_model_build_file(&m, SAMPLES, SAMPLES "/bicep/main.bicep", "bicep/main.bicep",
                                     NULL, NULL, err, sizeof(err)),
                 0, "%s", err);
    return m;
}

Test(check_index, a_run_fails_when_the_index_cannot_be_built)
{
    az_model *m = build_sample();
    az_findings *f = az_findings_new();
    cr_assert(f);
    az_check_config config = {0};
    /* The index is built on the first run, with its first allocation. */
    fault_fail_allocation(0);
    cr_assert_eq(az_checks_run(m, &config, NULL, NULL, f), -1);
    fault_fail_allocation(-1);
    cr_assert_eq(az_findings_count(f), 0);
    cr_assert_eq(az_checks_run(m, &config, NULL, NULL, f), 0);
    cr_assert_gt(az_findings_count(f), 0);
    az_findings_free(f);
    az_model_free(m);
}

static const az_check *ONLY;

static bool only(const az_check *c, void *ud)
{
    (void)ud;
    return c == ONLY;
}

static bool same_finding(const az_finding *a, const az_finding *b)
{
    return a->check == b->check && a->severity == b->severity && strcmp(a->file, b->file) == 0 &&
           a->range.start_line == b->range.start_line &&
           a->range.start_column == b->range.start_column &&
           strcmp(a->resource, b->resource) == 0 && strcmp(a->message, b->message) == 0 &&
           (a->property ? b->property && strcmp(a->property, b->property) == 0 : !b->property);
}

/* All checks run at once, resource by resource, find what each finds alone. */
Test(check_index, all_checks_together_find_what_each_finds_alone)
{
    az_model *m = build_sample();
    az_check_config config = {.strict = true};
    az_findings *all = az_findings_new();
    cr_assert_eq(az_checks_run(m, &config, NULL, NULL, all), 0);
    cr_assert_gt(az_findings_count(all), 10);
    size_t alone_total = 0;
    for (size_t c = 0; c < az_check_count(); c++) {
        ONLY = az_check_get(c);
        az_findings *alone = az_findings_new();
        cr_assert_eq(az_checks_run(m, &config, only, NULL, alone), 0);
        /* In the same order: only the interleaving of checks differs. */
        size_t k = 0;
        for (size_t i = 0; i < az_findings_count(all); i++) {
            const az_finding *x = az_findings_get(all, i);
            if (x->check != ONLY)
                continue;
            cr_assert_lt(k, az_findings_count(alone), "%s found more together", ONLY->meta.id);
            cr_expect(same_finding(x, az_findings_get(alone, k)), "%s: %s", ONLY->meta.id,
                      x->message);
            k++;
        }
        cr_assert_eq(k, az_findings_count(alone), "%s found more alone", ONLY->meta.id);
        alone_total += k;
        az_findings_free(alone);
    }
    cr_assert_eq(alone_total, az_findings_count(all));
    az_findings_free(all);
    az_model_free(m);
}
