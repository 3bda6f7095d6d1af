/* The ARM front end and the model builder, through az_model_build_file. */
#include "model.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define DIR AZSCAN_TEST_FIXTURES "/model/arm"

static az_model *M;

static void teardown(void)
{
    az_model_free(M);
    M = NULL;
}

TestSuite(arm_model, .fini = teardown);

static az_deployment *build_variant(const char *file, const char *param_file, uint32_t variant)
{
    char path[512], param[512], err[256];
    snprintf(path, sizeof(path), "%s/%s", DIR, file);
    if (param_file)
        snprintf(param, sizeof(param), "%s/%s", DIR, param_file);
    cr_assert_eq(
        az_model_build_file(&M, DIR, path, file, param_file ? param : NULL, NULL, err, sizeof(err)),
        0, "%s: %s", file, err);
    cr_assert_gt(az_model_deployment_count(M), variant);
    return az_model_deployment(M, variant);
}

static az_resource *resource(az_deployment *d, const char *type, uint32_t nth)
{
    for (uint32_t i = 0; i < d->resource_count; i++)
        if (strcmp(d->resources[i]->type, type) == 0 && nth-- == 0)
            return d->resources[i];
    cr_assert_fail("no resource of type %s", type);
    return NULL;
}

static uint32_t count_of(az_deployment *d, const char *type)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < d->resource_count; i++)
        n += strcmp(d->resources[i]->type, type) == 0;
    return n;
}

static az_parameter *param(az_deployment *d, const char *name)
{
    for (uint32_t i = 0; i < d->parameter_count; i++)
        if (strcmp(d->parameters[i]->name, name) == 0)
            return d->parameters[i];
    cr_assert_fail("no parameter %s", name);
    return NULL;
}

static void expect_str(const az_value *v, const char *s)
{
    cr_assert(v, "expected '%s', got nothing", s);
    cr_assert_eq(v->kind, AZ_STRING, "expected '%s', got %s (%s)", s, az_kind_name(v->kind),
                 v->kind == AZ_UNKNOWN ? v->u.unknown.reason : "");
    cr_assert_str_eq(v->u.string.ptr, s);
}

static bool warned(const char *part)
{
    for (uint32_t i = 0; i < az_model_warning_count(M); i++)
        if (strstr(az_model_warning(M, i)->message, part))
            return true;
    return false;
}

Test(arm_model, one_variant_per_parameter_file_by_convention)
{
    build_variant("azuredeploy.json", NULL, 0);
    cr_assert_eq(az_model_deployment_count(M), 2);
    cr_assert_str_eq(az_model_deployment(M, 0)->variant, "azuredeploy.parameters.json");
    cr_assert_str_eq(az_model_deployment(M, 1)->variant, "azuredeploy.parameters.prod.json");
}

Test(arm_model, parameter_file_values_and_defaults_carry_their_sites)
{
    az_deployment *d = build_variant("azuredeploy.json", "azuredeploy.parameters.json", 0);
    cr_assert_eq(az_model_deployment_count(M), 1);
    az_resource *stg = resource(d, "Microsoft.Storage/storageAccounts", 0);
    const az_value *access = az_query_value(stg->body, "properties.publicNetworkAccess");
    expect_str(access, "Disabled");
    cr_assert_eq(access->origin, AZ_ORIGIN_PARAMETER_FILE);
    cr_assert_str_eq(access->via, "access");
    /* Used in the template at line 25, written in the parameter file at line 5. */
    cr_assert_eq(access->range.start_line, 25);
    cr_assert_str_eq(az_model_file_path(M, access->def.file), "azuredeploy.parameters.json");
    cr_assert_eq(access->def.start_line, 5);
    expect_str(stg->name, "appstg");
    cr_assert_eq(stg->name->origin, AZ_ORIGIN_VARIABLE);
    expect_str(az_query_value(stg->body, "properties.literal"), "[not an expression]");
}

Test(arm_model, parameters_without_values_are_unknown_and_secure_stays_secure)
{
    az_deployment *d = build_variant("azuredeploy.json", "azuredeploy.parameters.prod.json", 0);
    cr_assert_eq(param(d, "names")->value->kind, AZ_UNKNOWN);
    cr_assert_eq(param(d, "optional")->value->kind, AZ_UNKNOWN);
    az_parameter *pw = param(d, "adminPassword");
    cr_assert(pw->secure);
    cr_assert(pw->value->flags & AZ_VALUE_SECURE);
    az_resource *sql = resource(d, "Microsoft.Sql/servers", 0);
    const az_value *login = az_query_value(sql->body, "properties.administratorLoginPassword");
    cr_assert(login->flags & AZ_VALUE_SECURE);
    cr_assert(d->outputs[0]->secure);
    /* The default is overridden by the file: count 1. */
    cr_assert_eq(count_of(d, "Microsoft.Network/networkInterfaces"), 1);
}

Test(arm_model, key_vault_references_are_unknown_and_secure)
{
    az_deployment *d = build_variant("azuredeploy.json", "azuredeploy.parameters.json", 0);
    const az_value *pw = param(d, "adminPassword")->value;
    cr_assert_eq(pw->kind, AZ_UNKNOWN);
    cr_assert(pw->flags & AZ_VALUE_SECURE);
    cr_assert_eq(pw->origin, AZ_ORIGIN_PARAMETER_FILE);
}

Test(arm_model, variables_with_copy_and_self_reference)
{
    az_deployment *d = build_variant("azuredeploy.json", "azuredeploy.parameters.json", 0);
    const az_value *disks = NULL, *self = NULL;
    for (uint32_t i = 0; i < d->variable_count; i++) {
        if (strcmp(d->variables[i]->name, "disks") == 0)
            disks = d->variables[i]->value;
        if (strcmp(d->variables[i]->name, "self") == 0)
            self = d->variables[i]->value;
    }
    cr_assert(disks && disks->kind == AZ_ARRAY && disks->u.array.count == 2);
    cr_assert_eq(az_query_value(disks, "[1].lun")->u.integer, 1);
    cr_assert(self && self->kind == AZ_UNKNOWN);
    cr_assert(warned("refers to itself"));
}

Test(arm_model, nested_and_segmented_children_join_type_name_and_parent)
{
    az_deployment *d = build_variant("azuredeploy.json", "azuredeploy.parameters.json", 0);
    az_resource *sql = resource(d, "Microsoft.Sql/servers", 0);
    az_resource *db = resource(d, "Microsoft.Sql/servers/databases", 0);
    expect_str(db->name, "sql1/db1");
    cr_assert_eq(db->parent, sql);
    az_resource *rule = resource(d, "Microsoft.Sql/servers/firewallRules", 0);
    expect_str(rule->name, "sql1/open");
    cr_assert_eq(rule->parent, sql);
    expect_str(rule->id, "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/"
                         "resourceGroupName/providers/Microsoft.Sql/servers/sql1/"
                         "firewallRules/open");
}

Test(arm_model, copy_loops_with_known_and_unknown_counts)
{
    az_deployment *d = build_variant("azuredeploy.json", "azuredeploy.parameters.json", 0);
    cr_assert_eq(count_of(d, "Microsoft.Network/networkInterfaces"), 2);
    az_resource *nic = resource(d, "Microsoft.Network/networkInterfaces", 1);
    expect_str(nic->name, "nic2");
    cr_assert_eq(nic->loop->index, 1);
    cr_assert_not(nic->loop->symbolic);
    /* names comes from the parameter file: three instances, each conditional. */
    cr_assert_eq(count_of(d, "Microsoft.Network/publicIPAddresses"), 3);
    az_resource *pip = resource(d, "Microsoft.Network/publicIPAddresses", 2);
    expect_str(pip->name, "pip-c");
    cr_assert_eq(pip->condition->kind, AZ_BOOL);
    cr_assert_not(pip->condition->u.boolean);

    /* Without the file, names has no value: one symbolic instance. */
    teardown();
    d = build_variant("azuredeploy.json", "azuredeploy.parameters.prod.json", 0);
    cr_assert_eq(count_of(d, "Microsoft.Network/publicIPAddresses"), 1);
    pip = resource(d, "Microsoft.Network/publicIPAddresses", 0);
    cr_assert(pip->loop->symbolic);
    cr_assert_eq(pip->loop->count->kind, AZ_UNKNOWN);
    cr_assert_eq(pip->name->kind, AZ_UNKNOWN);
}

Test(arm_model, nested_deployments_in_inner_and_outer_scope)
{
    az_deployment *d = build_variant("azuredeploy.json", "azuredeploy.parameters.json", 0);
    cr_assert_eq(d->module_count, 2);
    az_module *inner = d->modules[0], *outer = d->modules[1];
    cr_assert_str_eq(inner->symbol, "inner");
    cr_assert(inner->child);
    az_resource *kv = resource(inner->child, "Microsoft.KeyVault/vaults", 0);
    expect_str(kv->name, "app-kv");
    cr_assert_eq(kv->name->origin, AZ_ORIGIN_MODULE_ARGUMENT);
    cr_assert_eq(kv->deployment, inner->child);
    /* Outer scope: the nested template's expressions see the parent's variables. */
    az_resource *web = resource(outer->child, "Microsoft.Web/sites", 0);
    expect_str(web->name, "app-web");
    cr_assert_eq(az_query_value(web->body, "properties.httpsOnly")->u.boolean, false);
}

static int count_resource(az_resource *r, void *ud)
{
    (void)r;
    (*(int *)ud)++;
    return 0;
}

Test(arm_model, visiting_resources_includes_module_deployments)
{
    az_deployment *d = build_variant("azuredeploy.json", "azuredeploy.parameters.json", 0);
    int n = 0;
    cr_assert_eq(az_deployment_visit_resources(d, count_resource, &n), 0);
    cr_assert_eq(n, (int)d->resource_count + 2);
}

Test(arm_model, language_version_2_symbols_existing_and_target_scope)
{
    az_deployment *d = build_variant("v2.json", NULL, 0);
    cr_assert_str_eq(d->target_scope, "subscription");
    az_resource *rg = resource(d, "Microsoft.Resources/resourceGroups", 0);
    cr_assert_str_eq(rg->symbol, "rg");
    cr_assert_not(rg->existing);
    az_resource *kv = resource(d, "Microsoft.KeyVault/vaults", 0);
    cr_assert_str_eq(kv->symbol, "kv");
    cr_assert(kv->existing);
    expect_str(kv->id, "/subscriptions/00000000-0000-0000-0000-000000000000/providers/"
                       "Microsoft.KeyVault/vaults/kv-shared");
}

Test(arm_model, hostile_copy_count_and_module_escape_finish_fast_with_warnings)
{
    clock_t start = clock();
    az_deployment *d = build_variant("hostile.json", NULL, 0);
    double seconds = (double)(clock() - start) / CLOCKS_PER_SEC;
    cr_assert_lt(seconds, 1.0);
    cr_assert_eq(count_of(d, "Microsoft.Network/publicIPAddresses"), 1);
    cr_assert(resource(d, "Microsoft.Network/publicIPAddresses", 0)->loop->symbolic);
    cr_assert(warned("copy count"));
    cr_assert(warned("resolves outside the scan root"));
    cr_assert_null(d->modules[0]->child);
}

Test(arm_model, query_paths)
{
    az_deployment *d = build_variant("azuredeploy.json", "azuredeploy.parameters.json", 0);
    az_resource *stg = resource(d, "Microsoft.Storage/storageAccounts", 0);
    az_match m[4];
    cr_assert_eq(az_query(stg->body, "properties.publicNetworkAccess", m, 4), 1);
    cr_assert_str_eq(m[0].via, "access");
    /* Absent: no value, but a position (the nearest existing value). */
    cr_assert_eq(az_query(stg->body, "properties.missing.deeper", m, 4), 1);
    cr_assert_null(m[0].value);
    cr_assert_eq(m[0].use.start_line, 25);
    cr_assert_eq(az_query(stg->body, "", m, 4), 0);
    cr_assert_eq(az_query(stg->body, "a..b", m, 4), 0);
    cr_assert_eq(az_query(stg->body, "a[x]", m, 4), 0);
    cr_assert_eq(az_query(d->variables[3]->value, "[*].lun", m, 4), 2);
    cr_assert_eq(az_query(d->variables[3]->value, "[5].lun", m, 4), 1);
    cr_assert_null(m[0].value);
    /* Through an unknown value the answer is unknown, never absent. */
    az_deployment *prod = d;
    (void)prod;
    const az_value *pw = param(d, "adminPassword")->value;
    cr_assert_eq(az_query(pw, "properties.x", m, 4), 1);
    cr_assert_eq(m[0].value->kind, AZ_UNKNOWN);
}

Test(arm_model, unreadable_template_is_an_error)
{
    char err[256];
    cr_assert_eq(az_model_build_file(&M, DIR, DIR "/missing.json", "missing.json", NULL, NULL, err,
                                     sizeof(err)),
                 -1);
    cr_assert_null(M);
    cr_assert(strlen(err) > 0);
}

Test(arm_model, bicep_deployment_resources_deploy_their_template_as_a_module)
{
    az_deployment *d = build_variant("deployment-resource.bicep", NULL, 0);
    cr_assert_eq(d->resource_count, 0);
    cr_assert_eq(d->module_count, 1);
    az_module *m = d->modules[0];
    cr_assert_str_eq(m->symbol, "nested");
    cr_assert(m->child);
    az_resource *stg = resource(m->child, "Microsoft.Storage/storageAccounts", 0);
    expect_str(stg->name, "appstg");
    cr_assert_eq(stg->name->origin, AZ_ORIGIN_MODULE_ARGUMENT);
}

Test(arm_model, bicep_nested_resources_take_their_parents_condition)
{
    az_deployment *d = build_variant("nested-condition.bicep", NULL, 0);
    az_resource *inherits = resource(d, "Microsoft.KeyVault/vaults/secrets", 0);
    cr_assert(inherits->condition && inherits->condition->kind == AZ_BOOL);
    cr_assert_not(inherits->condition->u.boolean);
    /* A false parent decides, whatever the child's own condition. */
    az_resource *both = resource(d, "Microsoft.KeyVault/vaults/secrets", 1);
    cr_assert(both->condition && both->condition->kind == AZ_BOOL);
    cr_assert_not(both->condition->u.boolean);
}

static bool warned_on_line(uint32_t line)
{
    for (uint32_t i = 0; i < az_model_warning_count(M); i++)
        if (az_model_warning(M, i)->range.start_line == line)
            return true;
    return false;
}

/* A resource whose condition is false is modelled without warnings about
 * the type errors its condition guards against; the same error elsewhere
 * is reported. A null nested-deployment argument gives the default. */
Test(arm_model, false_conditions_are_quiet_and_null_arguments_take_defaults)
{
    az_deployment *d = build_variant("dead.json", NULL, 0);
    cr_assert_eq(count_of(d, "Microsoft.Storage/storageAccounts"), 2);
    cr_assert_not(warned_on_line(12));
    cr_assert(warned_on_line(18));
    cr_assert_eq(d->module_count, 1);
    az_resource *kv = resource(d->modules[0]->child, "Microsoft.KeyVault/vaults", 0);
    const az_value *days = az_query_value(kv->body, "properties.softDeleteRetentionInDays");
    cr_assert(days && days->kind == AZ_INT);
    cr_assert_eq(days->u.integer, 30);
}

/* ARM lets a default name a parameter declared after it; a cycle stays unknown. */
Test(arm_model, parameter_defaults_may_name_later_parameters)
{
    az_deployment *d = build_variant("parameter-order.json", NULL, 0);
    expect_str(param(d, "name")->value, "contoso.com");
    expect_str(param(d, "domainName")->value, "contoso.com");
    cr_assert_not(warned("no parameter named"));
    cr_assert_eq(param(d, "first")->value->kind, AZ_UNKNOWN);
    cr_assert_eq(param(d, "second")->value->kind, AZ_UNKNOWN);
}

/* A chain of defaults each naming the next is bounded by the depth limit. */
Test(arm_model, long_parameter_chains_are_bounded)
{
    char dir[] = "/tmp/azscan-arm-XXXXXX";
    cr_assert(mkdtemp(dir));
    char path[512];
    snprintf(path, sizeof(path), "%s/chain.json", dir);
    FILE *f = fopen(path, "w");
    cr_assert(f);
    fprintf(f, "{\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/"
               "deploymentTemplate.json#\", \"parameters\": {");
    for (int i = 0; i < 5000; i++)
        fprintf(f, "\"p%d\": {\"type\": \"int\", \"defaultValue\": \"[parameters('p%d')]\"},", i,
                i + 1);
    fprintf(f, "\"p5000\": {\"type\": \"int\", \"defaultValue\": 7}}, \"resources\": []}");
    fclose(f);
    char err[256];
    cr_assert_eq(az_model_build_file(&M, dir, path, "chain.json", NULL, NULL, err, sizeof(err)), 0,
                 "%s", err);
    az_deployment *d = az_model_deployment(M, 0);
    cr_assert_eq(param(d, "p0")->value->kind, AZ_UNKNOWN);
    cr_assert(warned("evaluation bound reached"));
    az_value *last = param(d, "p4999")->value;
    cr_assert_eq(last->kind, AZ_INT);
    cr_assert_eq(last->u.integer, 7);
    remove(path);
    rmdir(dir);
}

Test(arm_model, template_sections_nothing_reads_are_not_converted)
{
    az_deployment *d = build_variant("unread.json", NULL, 0);
    /* Nesting past the bound is met only where the model reads: in the
     * variables (line 40), and not before them in the template's metadata
     * and definitions, a parameter's metadata, or a nested template's
     * definitions, which are left unconverted. */
    uint32_t deep = 0;
    for (uint32_t i = 0; i < az_model_warning_count(M); i++) {
        const az_warning *w = az_model_warning(M, i);
        if (strstr(w->message, "JSON nested more than")) {
            deep++;
            cr_assert_eq(w->range.start_line, 40, "%s at line %u", w->message, w->range.start_line);
        }
    }
    cr_assert_eq(deep, 1);
    expect_str(param(d, "name")->value, "st");
    cr_assert_eq(d->module_count, 1);
    cr_assert_not_null(d->modules[0]->child);

    /* A resource's metadata, and the definitions and metadata of a JSON
     * schema it holds, are the resource's: converted. */
    az_resource *schema = resource(d, "Microsoft.ApiManagement/service/apis/schemas", 0);
    az_match m[1];
    cr_assert_eq(az_query(schema->body, "metadata.owner", m, 1), 1);
    expect_str(m[0].value, "platform");
    cr_assert_eq(az_query(schema->body, "properties.document.definitions.pet", m, 1), 1);
    expect_str(m[0].value, "object");
    cr_assert_eq(az_query(schema->body, "properties.document.metadata.owner", m, 1), 1);
    expect_str(m[0].value, "api team");
    /* A template held as a variable's value is a value like any other. */
    const az_value *held = NULL;
    for (uint32_t i = 0; i < d->variable_count; i++)
        if (strcmp(d->variables[i]->name, "heldTemplate") == 0)
            held = d->variables[i]->value;
    cr_assert_eq(az_query(held, "metadata.owner", m, 1), 1);
    expect_str(m[0].value, "kept");
}
