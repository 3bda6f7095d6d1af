/*
 * The Bicep front end, through az_model_build_file: fixtures under
 * tests/fixtures/model/bicep, and generated files for the bounds.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif

#include "bicep_eval.h"
#include "eval.h"
#include "language.h"
#include "model.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static az_model *M;
static char TMP[256];

static void teardown(void)
{
    az_model_free(M);
    M = NULL;
}

TestSuite(bicep_model, .fini = teardown);

/* The front end tells node types apart by symbol: every symbol of the
 * grammar (aliases and ERROR included) has the type of its name, as
 * ts_node_type gives it, so that a type test says what comparing the names
 * would. Every type and field the front end names is in the grammar. */
Test(bicep_model, node_types_and_fields_are_the_grammars)
{
    const TSLanguage *lang = language_grammar(LANGUAGE_BICEP);
    uint32_t symbols_of[BICEP_NODE_TYPE_COUNT] = {0};
    cr_assert_null(bicep_node_type_name(BICEP_NODE_OTHER));
    for (uint32_t sym = 0; sym <= UINT16_MAX; sym++) {
        const char *name = ts_language_symbol_name(lang, (TSSymbol)sym);
        bicep_node_type want = BICEP_NODE_OTHER;
        for (int t = 1; name && t < BICEP_NODE_TYPE_COUNT; t++)
            if (strcmp(name, bicep_node_type_name((bicep_node_type)t)) == 0)
                want = (bicep_node_type)t;
        if (bicep_symbol_type((TSSymbol)sym) != want)
            cr_assert_fail("symbol %u (%s) has type %d, not %d", sym, name,
                           bicep_symbol_type((TSSymbol)sym), want);
        symbols_of[want]++;
    }
    for (int t = 1; t < BICEP_NODE_TYPE_COUNT; t++)
        cr_assert_gt(symbols_of[t], 0, "no symbol is a %s", bicep_node_type_name(t));
    cr_assert_gt(symbols_of[BICEP_NODE_IDENTIFIER], 1, "the aliases of identifier");
    for (int f = 0; f < BICEP_FIELD_COUNT; f++) {
        cr_assert_neq(bicep_field_id((bicep_node_field)f), 0, "field %d", f);
        for (int g = 0; g < f; g++)
            cr_assert_neq(bicep_field_id((bicep_node_field)f), bicep_field_id((bicep_node_field)g));
    }
}

/* tests/fixtures/model/bicep/<rel>, found next to this source file. */
static void fixture(char *out, size_t size, const char *rel)
{
    const char *slash = strrchr(__FILE__, '/');
    int dir_len = slash ? (int)(slash - __FILE__) : 1;
    snprintf(out, size, "%.*s/fixtures/model/bicep/%s", dir_len, slash ? __FILE__ : ".", rel);
}

static az_deployment *build_in(const char *root, const char *file, const char *param_file,
                               const az_limits *limits)
{
    char disk[1024], params[1024], err[256] = "";
    snprintf(disk, sizeof(disk), "%s/%s", root, file);
    if (param_file)
        snprintf(params, sizeof(params), "%s/%s", root, param_file);
    int rc = az_model_build_file(&M, root, disk, file, param_file ? params : NULL, limits, err,
                                 sizeof(err));
    cr_assert_eq(rc, 0, "building %s failed: %s", file, err);
    cr_assert_geq(az_model_deployment_count(M), 1);
    return az_model_deployment(M, 0);
}

static az_deployment *build(const char *dir, const char *file, const char *param_file)
{
    char root[1024];
    fixture(root, sizeof(root), dir);
    return build_in(root, file, param_file, NULL);
}

/* --- Finding things -------------------------------------------------------- */

static az_parameter *param(az_deployment *d, const char *name)
{
    for (uint32_t i = 0; i < d->parameter_count; i++)
        if (!strcmp(d->parameters[i]->name, name))
            return d->parameters[i];
    cr_assert_fail("no parameter %s", name);
    return NULL;
}

static const az_value *var(az_deployment *d, const char *name)
{
    for (uint32_t i = 0; i < d->variable_count; i++)
        if (!strcmp(d->variables[i]->name, name))
            return d->variables[i]->value;
    cr_assert_fail("no variable %s", name);
    return NULL;
}

/* The `nth` resource (0-based) whose symbol is `symbol`. */
static az_resource *res(az_deployment *d, const char *symbol, uint32_t nth)
{
    for (uint32_t i = 0; i < d->resource_count; i++)
        if (d->resources[i]->symbol && !strcmp(d->resources[i]->symbol, symbol) && nth-- == 0)
            return d->resources[i];
    cr_assert_fail("no resource %s", symbol);
    return NULL;
}

static uint32_t res_count(az_deployment *d, const char *symbol)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < d->resource_count; i++)
        n += d->resources[i]->symbol && !strcmp(d->resources[i]->symbol, symbol);
    return n;
}

static az_module *mod(az_deployment *d, const char *symbol, uint32_t nth)
{
    for (uint32_t i = 0; i < d->module_count; i++)
        if (d->modules[i]->symbol && !strcmp(d->modules[i]->symbol, symbol) && nth-- == 0)
            return d->modules[i];
    cr_assert_fail("no module %s", symbol);
    return NULL;
}

static az_output *output(az_deployment *d, const char *name)
{
    for (uint32_t i = 0; i < d->output_count; i++)
        if (!strcmp(d->outputs[i]->name, name))
            return d->outputs[i];
    cr_assert_fail("no output %s", name);
    return NULL;
}

static const az_value *at(const az_value *root, const char *path)
{
    const az_value *v = az_query_value(root, path);
    cr_assert(v, "nothing at %s", path);
    return v;
}

/* Whether a warning contains `needle` (and is on `line`, unless 0). */
static bool warned(const char *needle, uint32_t line)
{
    for (uint32_t i = 0; i < az_model_warning_count(M); i++) {
        const az_warning *w = az_model_warning(M, i);
        if (strstr(w->message, needle) && (!line || w->range.start_line == line))
            return true;
    }
    return false;
}

static bool warned_on_line(uint32_t line)
{
    for (uint32_t i = 0; i < az_model_warning_count(M); i++)
        if (az_model_warning(M, i)->range.start_line == line)
            return true;
    return false;
}

static const char *file_of(az_range r)
{
    const char *path = az_model_file_path(M, r.file);
    const char *slash = path ? strrchr(path, '/') : NULL;
    return slash ? slash + 1 : path;
}

static void expect_str(const az_value *v, const char *s)
{
    cr_assert(v, "expected '%s', got nothing", s);
    cr_assert_eq(v->kind, AZ_STRING, "expected '%s', got a %s%s%s", s, az_kind_name(v->kind),
                 v->kind == AZ_UNKNOWN ? ": " : "",
                 v->kind == AZ_UNKNOWN ? v->u.unknown.reason : "");
    cr_assert_str_eq(v->u.string.ptr, s);
}

static void expect_int(const az_value *v, int64_t i)
{
    cr_assert(v && v->kind == AZ_INT, "expected %lld", (long long)i);
    cr_assert_eq(v->u.integer, i);
}

static void expect_bool(const az_value *v, bool b)
{
    cr_assert(v && v->kind == AZ_BOOL, "expected a bool");
    cr_assert_eq(v->u.boolean, b);
}

static void expect_unknown(const az_value *v, const char *reason)
{
    cr_assert(v && v->kind == AZ_UNKNOWN, "expected unknown (%s), got a %s", reason,
              v ? az_kind_name(v->kind) : "NULL");
    cr_assert(strstr(v->u.unknown.reason, reason), "reason '%s' lacks '%s'", v->u.unknown.reason,
              reason);
}

static void expect_array_len(const az_value *v, uint32_t n)
{
    cr_assert(v && v->kind == AZ_ARRAY, "expected an array");
    cr_assert_eq(v->u.array.count, n);
}

#define RG_PREFIX                                                                                  \
    "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/resourceGroupName"         \
    "/providers/"

/* --- Parameters and variables --------------------------------------------- */

Test(bicep_model, parameter_defaults_and_provenance)
{
    az_deployment *d = build("basics", "main.bicep", NULL);
    az_parameter *p = param(d, "location");
    expect_str(p->value, "westeurope");
    cr_assert_eq(p->value->origin, AZ_ORIGIN_PARAMETER_DEFAULT);
    cr_assert_str_eq(p->value->via, "location");
    cr_assert_eq(p->value->def.start_line, 2);
    cr_assert_eq(p->value->def.start_column, 25);
    cr_assert_str_eq(p->type, "string");
    cr_assert_eq(p->range.start_line, 2);
    expect_str(p->default_value, "westeurope");
    cr_assert_not(p->secure);
}

Test(bicep_model, parameter_without_value_is_unknown)
{
    az_deployment *d = build("basics", "main.bicep", NULL);
    expect_unknown(param(d, "count")->value, "parameter 'count' has no value");
    cr_assert_str_eq(param(d, "count")->type, "int");
    /* A nullable parameter without a default is null only if the deployer
     * passes nothing, which is not known: unknown too. */
    az_parameter *opt = param(d, "optional");
    expect_unknown(opt->value, "parameter 'optional' has no value");
    cr_assert_str_eq(opt->type, "string");
}

Test(bicep_model, secure_parameters)
{
    az_deployment *d = build("basics", "main.bicep", NULL);
    az_parameter *pw = param(d, "adminPassword");
    cr_assert(pw->secure);
    cr_assert(pw->value->flags & AZ_VALUE_SECURE);
    az_parameter *token = param(d, "token");
    cr_assert(token->secure, "@sys.secure() counts");
    cr_assert(token->value->flags & AZ_VALUE_SECURE);
    cr_assert(token->default_value->flags & AZ_VALUE_SECURE);
    /* A value computed from a secret stays secret. */
    cr_assert(var(d, "secretUse")->flags & AZ_VALUE_SECURE);
    cr_assert_not(param(d, "location")->value->flags & AZ_VALUE_SECURE);
}

Test(bicep_model, allowed_values)
{
    az_deployment *d = build("basics", "main.bicep", NULL);
    az_parameter *sku = param(d, "sku");
    expect_array_len(sku->allowed, 2);
    expect_str(sku->allowed->u.array.items[1], "Premium_LRS");
    cr_assert_null(param(d, "location")->allowed);
}

Test(bicep_model, variables_and_chains)
{
    az_deployment *d = build("basics", "main.bicep", NULL);
    const az_value *plain = var(d, "plain");
    expect_str(plain, "literal");
    cr_assert_eq(plain->origin, AZ_ORIGIN_VARIABLE);
    cr_assert_str_eq(plain->via, "plain");
    cr_assert_eq(plain->def.start_line, 16);

    /* A variable holding a parameter keeps the parameter's provenance,
     * through any number of variables. */
    const az_value *chained = var(d, "chained");
    expect_str(chained, "westeurope");
    cr_assert_eq(chained->origin, AZ_ORIGIN_PARAMETER_DEFAULT);
    cr_assert_str_eq(chained->via, "location");
    cr_assert_eq(chained->def.start_line, 2);
    cr_assert_eq(chained->range.start_line, 18, "the use site is the last reference");

    /* A member of a variable's object came through the variable. */
    const az_value *tier = var(d, "nonNull");
    expect_str(tier, "basic");
    cr_assert_eq(tier->origin, AZ_ORIGIN_VARIABLE);
    cr_assert_str_eq(tier->via, "settings");
    cr_assert_eq(tier->def.start_line, 34);
    cr_assert_eq(tier->range.start_line, 38);
}

Test(bicep_model, variable_cycle)
{
    az_deployment *d = build("basics", "main.bicep", NULL);
    expect_unknown(var(d, "loopA"), "refers to itself");
    expect_unknown(var(d, "loopB"), "refers to itself");
    cr_assert(warned("refers to itself", 0));
}

Test(bicep_model, strings)
{
    az_deployment *d = build("basics", "main.bicep", NULL);
    expect_str(var(d, "named"), "app-web");
    expect_unknown(var(d, "withUnknown"), "parameter 'count' has no value");
    expect_str(var(d, "escapes"), "it's ${not} a hole\nA");
    expect_str(var(d, "multi"), "first\nsecond");
    expect_str(var(d, "interpolatedMulti"), "name: app\n");
}

Test(bicep_model, operators)
{
    az_deployment *d = build("basics", "main.bicep", NULL);
    expect_str(var(d, "chosen"), "yes");
    expect_unknown(var(d, "undecided"), "parameter 'count'");
    expect_unknown(var(d, "fallback"), "parameter 'optional' has no value");
    expect_str(var(d, "nullFallback"), "fallback");
    cr_assert_eq(var(d, "missing")->kind, AZ_NULL);
    expect_bool(var(d, "caseless"), true);
    expect_int(var(d, "arithmetic"), 1);
    expect_bool(var(d, "logic"), true);
    expect_int(var(d, "fromEnd"), 3);
    expect_array_len(var(d, "spread"), 3);
    expect_str(at(var(d, "merged"), "tier"), "premium");
    expect_str(at(var(d, "merged"), "owner"), "app");
}

Test(bicep_model, arithmetic_errors_warn)
{
    az_deployment *d = build("basics", "main.bicep", NULL);
    expect_unknown(var(d, "overflow"), "overflow");
    expect_unknown(var(d, "byZero"), "division by zero");
    cr_assert(warned("overflow", 41));
    cr_assert(warned("division by zero", 42));
}

Test(bicep_model, for_expressions)
{
    az_deployment *d = build("basics", "main.bicep", NULL);
    const az_value *doubled = var(d, "doubled");
    expect_array_len(doubled, 3);
    expect_int(doubled->u.array.items[2], 6);
    expect_str(var(d, "indexed")->u.array.items[1], "1b");
    const az_value *evens = var(d, "evens");
    expect_array_len(evens, 2);
    expect_int(at(evens, "[1].n"), 4);
    expect_unknown(var(d, "viaLoopUnknown"), "parameter 'count'");
}

Test(bicep_model, functions_and_lambdas)
{
    az_deployment *d = build("basics", "main.bicep", NULL);
    expect_int(var(d, "mapped")->u.array.items[1], 3);
    expect_array_len(var(d, "filtered"), 2);
    expect_int(var(d, "summed"), 6);
    expect_str(at(var(d, "keyed"), "b"), "B");
    const az_value *sorted = var(d, "sorted");
    expect_int(sorted->u.array.items[0], 1);
    expect_int(sorted->u.array.items[2], 3);
    expect_array_len(at(var(d, "grouped"), "a"), 2);
    expect_str(at(var(d, "entries"), "[0].key"), "k");
    expect_str(var(d, "namespaced"), "aB");
    expect_unknown(var(d, "loaded"), "loadTextContent()");
    expect_int(var(d, "called"), 42);
    expect_str(var(d, "greeted"), "hello app");
}

/* --- Resources -------------------------------------------------------------- */

Test(bicep_model, resource_basics)
{
    az_deployment *d = build("resources", "main.bicep", NULL);
    az_resource *stg = res(d, "stg", 0);
    cr_assert_str_eq(stg->type, "Microsoft.Storage/storageAccounts");
    cr_assert_str_eq(stg->api_version, "2023-01-01");
    expect_str(stg->name, "stdata");
    expect_str(stg->id, RG_PREFIX "Microsoft.Storage/storageAccounts/stdata");
    cr_assert_eq(stg->range.start_line, 10);
    cr_assert_eq(stg->range.start_column, 10);
    cr_assert_null(stg->condition);
    cr_assert_null(stg->loop);
    cr_assert_null(stg->parent);
    cr_assert_not(stg->existing);
    cr_assert_eq(stg->deployment, d);
    expect_str(at(stg->body, "properties.networkAcls.defaultAction"), "Deny");
    const az_value *loc = at(stg->body, "location");
    cr_assert_eq(loc->origin, AZ_ORIGIN_PARAMETER_DEFAULT);
    cr_assert_eq(loc->range.start_line, 12, "the use site is in the resource");
    cr_assert_eq(loc->def.start_line, 2);
    /* Nested resources are not part of the body. */
    cr_assert_null(az_query_value(stg->body, "blobs"));
    cr_assert_null(az_query_value(stg->body, "resource"));
}

Test(bicep_model, nested_and_parent_children)
{
    az_deployment *d = build("resources", "main.bicep", NULL);
    az_resource *stg = res(d, "stg", 0), *blobs = res(d, "blobs", 0), *logs = res(d, "logs", 0);
    cr_assert_str_eq(blobs->type, "Microsoft.Storage/storageAccounts/blobServices");
    cr_assert_str_eq(blobs->api_version, "2023-01-01", "inherited from the parent");
    expect_str(blobs->name, "stdata/default");
    cr_assert_eq(blobs->parent, stg);
    cr_assert_str_eq(logs->type, "Microsoft.Storage/storageAccounts/blobServices/containers");
    cr_assert_str_eq(logs->api_version, "2022-09-01");
    expect_str(logs->name, "stdata/default/logs");
    cr_assert_eq(logs->parent, blobs);
    expect_str(logs->id, RG_PREFIX "Microsoft.Storage/storageAccounts/stdata/blobServices/default"
                                   "/containers/logs");

    az_resource *data = res(d, "data", 0);
    cr_assert_eq(data->parent, blobs, "parent: stg::blobs");
    expect_str(data->name, "stdata/default/data");
    cr_assert_str_eq(data->type, "Microsoft.Storage/storageAccounts/blobServices/containers");

    /* Declaration order, children after their parent. */
    cr_assert_eq(d->resources[0], stg);
    cr_assert_eq(d->resources[1], blobs);
    cr_assert_eq(d->resources[2], logs);
    cr_assert_eq(d->resources[3], data);
}

Test(bicep_model, existing_resources)
{
    az_deployment *d = build("resources", "main.bicep", NULL);
    az_resource *kv = res(d, "kv", 0);
    cr_assert(kv->existing);
    expect_str(kv->name, "kv-shared");
    az_resource *refs = res(d, "refs", 0);
    expect_str(at(refs->body, "properties.vaultName"), "kv-shared");
    expect_unknown(at(refs->body, "properties.vaultUri"), "only known after deployment");
}

Test(bicep_model, conditions)
{
    az_deployment *d = build("resources", "main.bicep", NULL);
    az_resource *optional = res(d, "optional", 0);
    expect_bool(optional->condition, true);
    cr_assert_eq(optional->condition->origin, AZ_ORIGIN_PARAMETER_DEFAULT);
    expect_bool(res(d, "picked", 0)->condition, true);
    expect_bool(res(d, "picked", 1)->condition, false);
    expect_bool(res(d, "picked", 2)->condition, true);
}

Test(bicep_model, loops_over_arrays_and_ranges)
{
    az_deployment *d = build("resources", "main.bicep", NULL);
    cr_assert_eq(res_count(d, "pips"), 2);
    az_resource *beta = res(d, "pips", 1);
    expect_str(beta->name, "pip-beta-1");
    cr_assert(beta->loop);
    cr_assert_str_eq(beta->loop->name, "n");
    cr_assert_eq(beta->loop->index, 1);
    expect_int(beta->loop->count, 2);
    cr_assert_not(beta->loop->symbolic);
    cr_assert_eq(res_count(d, "picked"), 3);
    expect_str(res(d, "picked", 2)->name, "picked-2");
}

Test(bicep_model, loop_over_unknown_collection_is_symbolic)
{
    az_deployment *d = build("resources", "main.bicep", NULL);
    cr_assert_eq(res_count(d, "perZone"), 1);
    az_resource *z = res(d, "perZone", 0);
    cr_assert(z->loop && z->loop->symbolic);
    cr_assert_eq(z->loop->count->kind, AZ_UNKNOWN);
    cr_assert_eq(z->name->kind, AZ_UNKNOWN);
    expect_str(at(z->body, "location"), "westeurope");
}

Test(bicep_model, symbolic_references)
{
    az_deployment *d = build("resources", "main.bicep", NULL);
    az_resource *refs = res(d, "refs", 0);
    expect_str(refs->name, "app-stdata");
    expect_str(at(refs->body, "location"), "westeurope");
    const az_value *id = at(refs->body, "properties.storageId");
    expect_str(id, RG_PREFIX "Microsoft.Storage/storageAccounts/stdata");
    cr_assert_eq(id->range.start_line, 65, "relocated to the use site");
    expect_str(at(refs->body, "properties.storageType"), "Microsoft.Storage/storageAccounts");
    expect_str(at(refs->body, "properties.storageApi"), "2023-01-01");
    expect_str(at(refs->body, "properties.tls"), "TLS1_2");
    expect_str(at(refs->body, "properties.acl"), "Deny");
    expect_unknown(at(refs->body, "properties.endpoint"), "only known after deployment");
    expect_str(at(refs->body, "properties.secondPip"), "pip-beta-1");
    expect_str(at(refs->body, "properties.logsId"),
               RG_PREFIX "Microsoft.Storage/storageAccounts/stdata/blobServices/default"
                         "/containers/logs");
    expect_array_len(at(refs->body, "properties.allPips"), 2);
    expect_str(at(refs->body, "dependsOn[0]"),
               RG_PREFIX "Microsoft.Storage/storageAccounts/stdata/blobServices/default"
                         "/containers/data");
}

Test(bicep_model, resource_functions_are_unknown_secrets)
{
    az_deployment *d = build("resources", "main.bicep", NULL);
    az_resource *refs = res(d, "refs", 0);
    const az_value *key = at(refs->body, "properties.key");
    expect_unknown(key, "listKeys()");
    cr_assert(key->flags & AZ_VALUE_SECURE);
    const az_value *secret = at(refs->body, "properties.secret");
    expect_unknown(secret, "getSecret()");
    cr_assert(secret->flags & AZ_VALUE_SECURE);
}

Test(bicep_model, resource_referring_to_itself)
{
    az_deployment *d = build("resources", "main.bicep", NULL);
    cr_assert_eq(res(d, "broken", 0)->name->kind, AZ_UNKNOWN);
    cr_assert(warned("depends on itself", 85));
}

Test(bicep_model, subscription_target_scope)
{
    az_deployment *d = build("scope", "main.bicep", NULL);
    cr_assert_str_eq(d->target_scope, "subscription");
    expect_str(res(d, "rg", 0)->id, "/subscriptions/00000000-0000-0000-0000-000000000000"
                                    "/providers/Microsoft.Resources/resourceGroups/rg-app");
}

/* --- Modules -------------------------------------------------------------- */

Test(bicep_model, module_arguments_carry_both_sites)
{
    az_deployment *d = build("modules", "main.bicep", NULL);
    az_module *m = mod(d, "storage", 0);
    cr_assert_str_eq(m->path, "./modules/storage.bicep");
    cr_assert_not(m->external);
    expect_str(at(m->params, "accountName"), "stmain");
    cr_assert(m->child);
    cr_assert_eq(m->child->parent, d);
    cr_assert_eq(m->child->via, m);

    az_resource *account = res(m->child, "account", 0);
    const az_value *name = account->name;
    expect_str(name, "stmain");
    cr_assert_eq(name->origin, AZ_ORIGIN_MODULE_ARGUMENT);
    cr_assert_str_eq(name->via, "accountName");
    /* Used inside the module, defined at the call's argument. */
    cr_assert_str_eq(file_of(name->range), "storage.bicep");
    cr_assert_eq(name->range.start_line, 6);
    cr_assert_str_eq(file_of(name->def), "main.bicep");
    cr_assert_eq(name->def.start_line, 13);
    cr_assert_eq(name->def.start_column, 18);

    const az_value *https = at(account->body, "properties.supportsHttpsTrafficOnly");
    expect_bool(https, false);
    cr_assert_eq(https->origin, AZ_ORIGIN_MODULE_ARGUMENT);
    /* A parameter the call leaves out takes the module's default. */
    az_parameter *loc = param(mod(d, "maybe", 0)->child, "location");
    expect_str(loc->value, "eastus");
    cr_assert_eq(loc->value->origin, AZ_ORIGIN_PARAMETER_DEFAULT);
}

Test(bicep_model, module_outputs)
{
    az_deployment *d = build("modules", "main.bicep", NULL);
    az_resource *consumer = res(d, "consumer", 0);
    expect_str(at(consumer->body, "properties.storageId"),
               RG_PREFIX "Microsoft.Storage/storageAccounts/stmain");
    expect_str(at(consumer->body, "properties.second"), "st1");
    expect_unknown(at(consumer->body, "properties.external"), "not known");
    cr_assert_eq(at(consumer->body, "properties.missingOutput")->kind, AZ_UNKNOWN);
    expect_unknown(output(d, "fromModule")->value, "only known after deployment");
}

Test(bicep_model, module_loops_and_conditions)
{
    az_deployment *d = build("modules", "main.bicep", NULL);
    az_module *second = mod(d, "perRegion", 1);
    cr_assert(second->loop);
    cr_assert_eq(second->loop->index, 1);
    expect_int(second->loop->count, 2);
    cr_assert(second->child);
    expect_str(res(second->child, "account", 0)->name, "st1");
    expect_str(at(res(second->child, "account", 0)->body, "location"), "northeurope");
    expect_bool(mod(d, "maybe", 0)->condition, false);

    az_module *sym = mod(d, "symbolic", 0);
    cr_assert(sym->loop && sym->loop->symbolic);
    cr_assert_eq(res(sym->child, "account", 0)->name->kind, AZ_UNKNOWN);
}

Test(bicep_model, external_modules_are_not_fetched)
{
    az_deployment *d = build("modules", "main.bicep", NULL);
    az_module *registry = mod(d, "registry", 0);
    cr_assert(registry->external);
    cr_assert_null(registry->child);
    expect_str(at(registry->params, "name"), "stregistry");
    az_module *spec = mod(d, "spec", 0);
    cr_assert(spec->external);
    cr_assert_null(spec->child);
}

Test(bicep_model, refused_module_paths)
{
    az_deployment *d = build("modules", "main.bicep", NULL);
    az_module *itself = mod(d, "itself", 0);
    cr_assert_null(itself->child);
    cr_assert(warned_on_line(52), "a module including itself is refused with a warning");
    az_module *escape = mod(d, "escape", 0);
    cr_assert_null(escape->child);
    cr_assert_not(escape->external);
    cr_assert(warned_on_line(56), "a path outside the scan root is refused with a warning");
}

/* --- Imports ---------------------------------------------------------------- */

Test(bicep_model, imports)
{
    az_deployment *d = build("imports", "main.bicep", NULL);
    az_resource *stg = res(d, "stg", 0);
    expect_str(stg->name, "st-contoso");
    expect_str(at(stg->body, "tags.owner"), "contoso");
    expect_str(at(stg->body, "tags.env"), "prod");
    const az_value *alias = at(stg->body, "properties.viaAlias");
    expect_str(alias, "contoso");
    cr_assert_eq(alias->origin, AZ_ORIGIN_VARIABLE);
    cr_assert_str_eq(file_of(alias->def), "shared.bicep");
    expect_str(at(stg->body, "properties.viaNamespace"), "contoso");
    expect_str(at(stg->body, "properties.viaNamespaceCall"), "kv-contoso");
}

Test(bicep_model, unavailable_imports_are_unknown)
{
    az_deployment *d = build("imports", "main.bicep", NULL);
    az_resource *stg = res(d, "stg", 0);
    expect_unknown(at(stg->body, "properties.missing"), "not available");
    cr_assert(warned_on_line(4), "a missing import file is reported");
    expect_unknown(at(stg->body, "properties.registry"), "not available");
    cr_assert_not(warned_on_line(5), "registry imports are not fetched, silently");
    expect_unknown(at(stg->body, "properties.notExported"), "not available");
}

/* --- Parameter files -------------------------------------------------------- */

Test(bicep_model, parameter_file_values)
{
    az_deployment *d = build("params", "main.bicep", "main.bicepparam");
    az_parameter *name = param(d, "name");
    expect_str(name->value, "contosostprod");
    cr_assert_eq(name->value->origin, AZ_ORIGIN_PARAMETER_FILE);
    cr_assert_str_eq(name->value->via, "name");
    cr_assert_str_eq(file_of(name->value->def), "main.bicepparam");
    cr_assert_eq(name->value->def.start_line, 8);
    expect_str(at(param(d, "tags")->value, "env"), "prod");
    expect_str(param(d, "tier")->value, "premium");
    expect_unknown(param(d, "fromEnv")->value, "readEnvironmentVariable()");
    const az_value *pw = param(d, "password")->value;
    expect_unknown(pw, "getSecret()");
    cr_assert(pw->flags & AZ_VALUE_SECURE);
    /* In the resource, the use site is in the template. */
    const az_value *used = res(d, "stg", 0)->name;
    cr_assert_str_eq(file_of(used->range), "main.bicep");
    cr_assert_str_eq(file_of(used->def), "main.bicepparam");
}

Test(bicep_model, parameter_file_extends)
{
    az_deployment *d = build("params", "main.bicep", "main.bicepparam");
    az_parameter *location = param(d, "location");
    expect_str(location->value, "northeurope");
    cr_assert_str_eq(file_of(location->value->def), "base.bicepparam");
    /* The extending file overrides its base. */
    expect_str(param(d, "tier")->value, "premium");
}

Test(bicep_model, parameter_file_extending_itself)
{
    az_deployment *d = build("params", "main.bicep", "self.bicepparam");
    expect_str(param(d, "name")->value, "self");
    cr_assert(warned("extends itself", 2));
}

/* --- Bounds ------------------------------------------------------------------ */

/* Writes `text` to TMP/<name>, making TMP on first use. */
static void write_tmp(const char *name, const char *text)
{
    if (!TMP[0]) {
        snprintf(TMP, sizeof(TMP), "/tmp/azscan-bicep-XXXXXX");
        cr_assert(mkdtemp(TMP));
    }
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", TMP, name);
    FILE *f = fopen(path, "w");
    cr_assert(f);
    fputs(text, f);
    fclose(f);
}

static void remove_tmp(const char *name)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", TMP, name);
    unlink(path);
    rmdir(TMP); /* each test writes one file: the directory is empty now */
    TMP[0] = '\0';
}

/* --- Parameter files found or named -------------------------------------- */

Test(bicep_model, parameter_files_found_by_using)
{
    /* Without a parameter file named, each .bicepparam beside the template
     * whose `using` names it is a variant; base.bicepparam (`using none`)
     * is not one. */
    build("params", "main.bicep", NULL);
    cr_assert_eq(az_model_deployment_count(M), 2);
    az_deployment *d = az_model_deployment(M, 0);
    expect_str(param(d, "name")->value, "contosostprod");
    d = az_model_deployment(M, 1);
    expect_str(param(d, "name")->value, "self");
}

Test(bicep_model, parameter_file_names_its_template)
{
    /* A .bicepparam built on its own is its `using` template's variant. */
    az_deployment *d = build("params", "main.bicepparam", NULL);
    const char *tmpl = az_model_file_path(M, d->file);
    cr_assert(strstr(tmpl, "main.bicep") && !strstr(tmpl, "bicepparam"), "%s", tmpl);
    expect_str(param(d, "tier")->value, "premium");
    expect_str(res(d, "stg", 0)->name, "contosostprod");
}

Test(bicep_model, parameter_file_using_none)
{
    char root[1024], disk[1100], err[256] = "";
    fixture(root, sizeof(root), "params");
    snprintf(disk, sizeof(disk), "%s/base.bicepparam", root);
    cr_assert_eq(
        az_model_build_file(&M, root, disk, "base.bicepparam", NULL, NULL, err, sizeof(err)), -1);
    cr_assert_null(M);
    cr_assert(strstr(err, "using"), "%s", err);
}

Test(bicep_model, defaults_without_parameter_file)
{
    write_tmp("defaults.bicep", "param location string = 'westeurope'\n"
                                "param name string\n");
    az_deployment *d = build_in(TMP, "defaults.bicep", NULL, NULL);
    remove_tmp("defaults.bicep");
    cr_assert_eq(az_model_deployment_count(M), 1);
    cr_assert_null(d->variant);
    expect_str(param(d, "location")->value, "westeurope");
    expect_unknown(param(d, "name")->value, "no value");
}

static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

Test(bicep_model, huge_range_is_bounded)
{
    write_tmp("huge.bicep",
              "resource many 'Microsoft.Network/publicIPAddresses@2023-04-01' = [for i in "
              "range(0, 2000000000): {\n"
              "  name: 'pip-${i}'\n"
              "}]\n"
              "var all = [for i in range(0, 2000000000): i]\n");
    double start = seconds();
    az_deployment *d = build_in(TMP, "huge.bicep", NULL, NULL);
    double took = seconds() - start;
    remove_tmp("huge.bicep");
    cr_assert_lt(took, 1.0, "took %.2fs", took);
    cr_assert_eq(res_count(d, "many"), 1);
    cr_assert(res(d, "many", 0)->loop->symbolic);
    cr_assert_eq(var(d, "all")->kind, AZ_UNKNOWN);
    cr_assert(warned("evaluation bound reached", 1));
    cr_assert(warned("evaluation bound reached", 4));
}

static char *nested(const char *head, const char *open, const char *inner, const char *close,
                    int depth)
{
    size_t len = strlen(head) + depth * (strlen(open) + strlen(close)) + strlen(inner) + 2;
    char *text = malloc(len);
    cr_assert(text);
    strcpy(text, head);
    for (int i = 0; i < depth; i++)
        strcat(text, open);
    strcat(text, inner);
    for (int i = 0; i < depth; i++)
        strcat(text, close);
    strcat(text, "\n");
    return text;
}

Test(bicep_model, deep_nesting_is_bounded)
{
    char *parens = nested("var parens = ", "(", "1", ")", 10000);
    char *arrays = nested("var arrays = ", "[", "1", "]", 10000);
    size_t len = strlen(parens) + strlen(arrays) + 1;
    char *text = malloc(len);
    cr_assert(text);
    snprintf(text, len, "%s%s", parens, arrays);
    write_tmp("deep.bicep", text);
    free(parens);
    free(arrays);
    free(text);
    az_deployment *d = build_in(TMP, "deep.bicep", NULL, NULL);
    remove_tmp("deep.bicep");
    expect_unknown(var(d, "parens"), "nesting too deep");
    cr_assert(warned("depth limit", 1));
    cr_assert(warned("depth limit", 2));
    /* The array keeps its known outer levels; only the part past the bound is unknown. */
    const az_value *v = var(d, "arrays");
    cr_assert_eq(v->kind, AZ_ARRAY);
    while (v->kind == AZ_ARRAY)
        v = v->u.array.items[0];
    expect_unknown(v, "nesting too deep");
}

Test(bicep_model, long_reference_chains_are_bounded)
{
    /* 1,000 variables each naming the next, and 1,000 resources each the
     * parent of the next: the depth bound, not the C stack, ends them. */
    size_t cap = 1000 * 200;
    char *text = malloc(cap);
    cr_assert(text);
    size_t n = 0;
    for (int i = 0; i < 1000; i++)
        n += (size_t)snprintf(text + n, cap - n, "var v%d = v%d\n", i, i + 1);
    n += (size_t)snprintf(text + n, cap - n, "var v1000 = 'end'\n");
    for (int i = 0; i < 1000; i++)
        n += (size_t)snprintf(text + n, cap - n,
                              "resource r%d 'Microsoft.Sql/servers@2023-01-01' = {\n"
                              "  parent: r%d\n"
                              "  name: 'x'\n"
                              "}\n",
                              i, i + 1);
    n += (size_t)snprintf(text + n, cap - n,
                          "resource r1000 'Microsoft.Sql/servers@2023-01-01' = {\n"
                          "  name: 'root'\n"
                          "}\n");
    write_tmp("chain.bicep", text);
    free(text);
    az_deployment *d = build_in(TMP, "chain.bicep", NULL, NULL);
    remove_tmp("chain.bicep");
    cr_assert_eq(var(d, "v0")->kind, AZ_UNKNOWN);
    expect_str(var(d, "v999"), "end");
    cr_assert(warned("depth limit", 0));
    cr_assert_eq(res_count(d, "r0"), 1);
}

Test(bicep_model, loop_limit)
{
    write_tmp("loops.bicep",
              "resource many 'Microsoft.Network/publicIPAddresses@2023-04-01' = [for i in "
              "range(0, 5): {\n"
              "  name: 'pip-${i}'\n"
              "}]\n"
              "var few = [for i in [1, 2, 3, 4, 5]: i]\n"
              "var mapped = map([1, 2, 3, 4, 5], x => x)\n");
    az_limits limits = az_limits_default();
    limits.max_loop_count = 4;
    az_deployment *d = build_in(TMP, "loops.bicep", NULL, &limits);
    remove_tmp("loops.bicep");
    cr_assert_eq(res_count(d, "many"), 1);
    cr_assert(res(d, "many", 0)->loop->symbolic);
    cr_assert_eq(var(d, "few")->kind, AZ_UNKNOWN);
    cr_assert_eq(var(d, "mapped")->kind, AZ_UNKNOWN);
    cr_assert(warned("loop limit", 4));
    cr_assert(warned("loop limit", 5));
}

Test(bicep_model, string_and_array_limits)
{
    write_tmp("sizes.bicep", "var s = 'abcdefghij${'klmnopqrstuvwxyz'}'\n"
                             "var a = [1, 2, 3, 4, 5, 6, 7, 8, 9]\n"
                             "var o = {a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9}\n"
                             "var ok = 'short'\n");
    az_limits limits = az_limits_default();
    limits.max_string_length = 10;
    limits.max_array_length = 8;
    az_deployment *d = build_in(TMP, "sizes.bicep", NULL, &limits);
    remove_tmp("sizes.bicep");
    expect_unknown(var(d, "s"), "string too long");
    expect_unknown(var(d, "a"), "array too long");
    expect_unknown(var(d, "o"), "object too large");
    expect_str(var(d, "ok"), "short");
    cr_assert(warned("string limit", 1));
}

Test(bicep_model, work_budget)
{
    write_tmp("work.bicep", "var a = [for i in range(0, 1000): i * 2]\n"
                            "var b = 'after'\n");
    az_limits limits = az_limits_default();
    limits.max_work = 500;
    az_deployment *d = build_in(TMP, "work.bicep", NULL, &limits);
    remove_tmp("work.bicep");
    const az_value *a = var(d, "a");
    cr_assert(a->kind == AZ_UNKNOWN ||
              (a->kind == AZ_ARRAY && a->u.array.items[999]->kind == AZ_UNKNOWN));
    cr_assert_eq(var(d, "b")->kind, AZ_UNKNOWN);
    cr_assert(warned("work budget", 0));
}

Test(bicep_model, duplicate_declarations)
{
    write_tmp("dup.bicep", "var x = 'first'\n"
                           "var x = 'second'\n"
                           "output y string = x\n");
    az_deployment *d = build_in(TMP, "dup.bicep", NULL, NULL);
    remove_tmp("dup.bicep");
    expect_str(output(d, "y")->value, "first");
    cr_assert(warned("declared more than once", 2));
}

Test(bicep_model, outputs)
{
    write_tmp("out.bicep", "@secure()\n"
                           "param pw string = 'x'\n"
                           "@secure()\n"
                           "output secret string = 'literal'\n"
                           "output plain string = 'p'\n"
                           "output list array = [for i in range(0, 2): i]\n");
    az_deployment *d = build_in(TMP, "out.bicep", NULL, NULL);
    remove_tmp("out.bicep");
    az_output *secret = output(d, "secret");
    cr_assert(secret->secure);
    cr_assert(secret->value->flags & AZ_VALUE_SECURE);
    cr_assert_eq(secret->range.start_line, 4);
    cr_assert_not(output(d, "plain")->secure);
    expect_array_len(output(d, "list")->value, 2);
}

Test(bicep_model, unknown_symbols_and_syntax_errors)
{
    write_tmp("bad.bicep", "var a = nope\n"
                           "var c = 'fine'\n"
                           "var b = (1 +\n");
    az_deployment *d = build_in(TMP, "bad.bicep", NULL, NULL);
    remove_tmp("bad.bicep");
    expect_unknown(var(d, "a"), "unknown symbol 'nope'");
    cr_assert(warned("unknown symbol", 1));
    expect_str(var(d, "c"), "fine");
}

/* What a false condition guards is modelled, but its type errors (split()
 * of the null that the condition tests for) are not warned about. */
Test(bicep_model, no_warnings_from_code_that_never_runs)
{
    az_deployment *d = build("dead", "main.bicep", NULL);
    cr_assert_eq(res(d, "workspace", 0)->condition->kind, AZ_BOOL);
    cr_assert_not(warned_on_line(6));
    cr_assert_not(warned_on_line(7));
    cr_assert_not(warned_on_line(14));
    cr_assert_not(warned_on_line(30));
    cr_assert(warned("split()", 23), "the deployed resource's mistake is still reported");
    cr_assert_not_null(res(d, "never", 0)->body);
}

/* ARM takes a null module argument as none given: the default applies. */
Test(bicep_model, null_module_argument_takes_the_default)
{
    az_deployment *d = build("dead", "main.bicep", NULL);
    az_deployment *child = mod(d, "on", 0)->child;
    cr_assert_not_null(child);
    const az_value *days = at(res(child, "vault", 0)->body, "properties.softDeleteRetentionInDays");
    cr_assert_eq(days->kind, AZ_INT);
    cr_assert_eq(days->u.integer, 30);
}

/* `res!` and `(res)` name the resource: its runtime properties are unknown,
 * not a type error. */
Test(bicep_model, non_null_assertion_on_a_resource_reference)
{
    az_deployment *d = build("resources", "non-null.bicep", NULL);
    cr_assert_eq(az_model_warning_count(M), 0);
    const char *names[] = {"a", "b", "c"};
    for (size_t i = 0; i < 3; i++) {
        const az_value *v = var(d, names[i]);
        cr_assert_eq(v->kind, AZ_UNKNOWN);
        cr_assert_str_eq(v->u.unknown.reason, "'uai.properties' is only known after deployment");
    }
}
