/* Logically equal Bicep and ARM templates must give equal models. */
#include "model.h"
#include "model_diff.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#define DIR AZSCAN_TEST_FIXTURES "/equivalence"

static az_model *build(const char *file)
{
    char path[512], err[256];
    az_model *m = NULL;
    snprintf(path, sizeof(path), "%s/%s", DIR, file);
    cr_assert_eq(az_model_build_file(&m, DIR, path, file, NULL, NULL, err, sizeof(err)), 0,
                 "%s: %s", file, err);
    return m;
}

static int print_difference(const model_difference *d, void *ud)
{
    (void)ud;
    const az_resource *r = d->left ? d->left : d->right;
    cr_log_error("%s %s %s", model_diff_kind_name(d->kind), r->type, d->path ? d->path : "");
    return 0;
}

static int differences(const char *left, const char *right, uint32_t *resources)
{
    az_model *x = build(left), *y = build(right);
    az_deployment *dx = az_model_deployment(x, 0), *dy = az_model_deployment(y, 0);
    *resources = dx->resource_count;
    cr_assert_eq(dx->resource_count, dy->resource_count, "%s has %u resources, %s %u", left,
                 dx->resource_count, right, dy->resource_count);
    int n = model_diff_deployments(dx, dy, print_difference, NULL);
    az_model_free(x);
    az_model_free(y);
    return n;
}

static void expect_equivalent(const char *name, uint32_t expected_resources)
{
    char bicep[64], json[64];
    snprintf(bicep, sizeof(bicep), "%s.bicep", name);
    snprintf(json, sizeof(json), "%s.json", name);
    uint32_t resources;
    cr_assert_eq(differences(bicep, json, &resources), 0, "%s differ", name);
    cr_assert_eq(resources, expected_resources);
}

Test(equivalence, parameters_variables_and_expressions)
{
    expect_equivalent("storage", 1);
}

Test(equivalence, nested_and_segmented_child_resources)
{
    expect_equivalent("children", 3);
}

Test(equivalence, loops_and_property_loops)
{
    expect_equivalent("loops", 2);
}

Test(equivalence, a_changed_value_is_a_difference)
{
    az_model *x = build("storage.bicep"), *y = build("storage.json");
    az_deployment *dy = az_model_deployment(y, 0);
    /* Change one known property on the ARM side. */
    az_value *tls =
        (az_value *)az_query_value(dy->resources[0]->body, "properties.minimumTlsVersion");
    cr_assert(tls && tls->kind == AZ_STRING);
    tls->u.string.ptr = "TLS1_0";
    tls->u.string.len = 6;
    int kinds = 0;
    cr_assert_eq(model_diff_deployments(az_model_deployment(x, 0), dy, NULL, &kinds), 1);
    az_model_free(x);
    az_model_free(y);
}
