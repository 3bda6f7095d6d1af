#include "model_diff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define PATH_MAX_LEN 512

typedef struct {
    model_diff_fn fn;
    void *ud;
    int count;
    bool stop;
    const az_resource *left, *right;
    char path[PATH_MAX_LEN];
} differ;

const char *model_diff_kind_name(model_diff_kind kind)
{
    static const char *const names[] = {"missing",   "type", "symbol",   "existing",
                                        "condition", "loop", "property", "absent"};
    return kind <= MODEL_DIFF_ABSENT ? names[kind] : "?";
}

static void report(differ *d, model_diff_kind kind, const char *path)
{
    if (d->stop)
        return;
    model_difference diff = {kind, d->left, d->right, path};
    d->count++;
    if (d->fn && d->fn(&diff, d->ud))
        d->stop = true;
}

static bool known(const az_value *v)
{
    return v && v->kind != AZ_UNKNOWN && v->kind != AZ_ABSENT;
}

/* Top-level body members that say the same thing in a different way in
 * each language: the name (compared whole, joined, on the resource), the
 * parent, the deployment order, and the scope (Bicep's `scope:`, ARM's
 * `scope`, `subscriptionId` and `resourceGroup`). */
static bool ignored_at_top(const char *key)
{
    static const char *const keys[] = {"name",  "parent",         "dependsOn",
                                       "scope", "subscriptionId", "resourceGroup"};
    for (size_t i = 0; i < sizeof(keys) / sizeof(*keys); i++)
        if (strcasecmp(key, keys[i]) == 0)
            return true;
    return false;
}

/* Compares two values both sides know, member by member. Values are no
 * deeper than the evaluator's depth limit; so is this recursion. */
static void compare(differ *d, const az_value *x, const az_value *y, size_t path_len)
{
    if (d->stop || !known(x) || !known(y))
        return;
    if (x->kind != y->kind) {
        report(d, MODEL_DIFF_PROPERTY, d->path);
        return;
    }
    if (x->kind == AZ_ARRAY) {
        if (x->u.array.count != y->u.array.count) {
            report(d, MODEL_DIFF_PROPERTY, d->path);
            return;
        }
        for (uint32_t i = 0; i < x->u.array.count; i++) {
            int n = snprintf(d->path + path_len, PATH_MAX_LEN - path_len, "[%u]", i);
            size_t next =
                n > 0 && path_len + (size_t)n < PATH_MAX_LEN ? path_len + (size_t)n : path_len;
            compare(d, x->u.array.items[i], y->u.array.items[i], next);
            d->path[path_len] = '\0';
        }
        return;
    }
    if (x->kind == AZ_OBJECT) {
        /* Members of either side, each once. */
        for (int side = 0; side < 2; side++) {
            const az_value *a = side ? y : x, *b = side ? x : y;
            for (uint32_t i = 0; i < a->u.object.count; i++) {
                const az_member *m = &a->u.object.members[i];
                if (path_len == 0 && ignored_at_top(m->key))
                    continue;
                const az_member *other = az_value_member(b, m->key, m->key_len);
                if (side == 1 && other)
                    continue;
                int n = snprintf(d->path + path_len, PATH_MAX_LEN - path_len, "%s%s",
                                 path_len ? "." : "", m->key);
                size_t next =
                    n > 0 && path_len + (size_t)n < PATH_MAX_LEN ? path_len + (size_t)n : path_len;
                if (!other) {
                    if (known(m->value))
                        report(d, MODEL_DIFF_ABSENT, d->path);
                } else {
                    compare(d, side ? other->value : m->value, side ? m->value : other->value,
                            next);
                }
                d->path[path_len] = '\0';
            }
        }
        return;
    }
    if (!az_value_scalar_same(x, y))
        report(d, MODEL_DIFF_PROPERTY, d->path);
}

/* ARM languageVersion 2.0 names a nested resource "parent::child"; Bicep
 * names it "child" within its parent. */
static const char *local_symbol(const char *symbol)
{
    const char *cut = strstr(symbol, "::");
    while (cut) {
        symbol = cut + 2;
        cut = strstr(symbol, "::");
    }
    return symbol;
}

static bool same_name(const az_resource *x, const az_resource *y)
{
    return x->name && y->name && x->name->kind == AZ_STRING && y->name->kind == AZ_STRING &&
           az_value_scalar_same(x->name, y->name);
}

static bool same_loop(const az_loop *x, const az_loop *y)
{
    if (!x || !y)
        return !x && !y;
    if (x->symbolic != y->symbolic || x->index != y->index)
        return false;
    return !known(x->count) || !known(y->count) || az_value_scalar_same(x->count, y->count);
}

static void compare_resources(differ *d, const az_resource *x, const az_resource *y)
{
    d->left = x;
    d->right = y;
    d->path[0] = '\0';
    if (strcasecmp(x->type, y->type) != 0)
        report(d, MODEL_DIFF_TYPE, NULL);
    if (x->symbol && y->symbol && strcmp(local_symbol(x->symbol), local_symbol(y->symbol)) != 0)
        report(d, MODEL_DIFF_SYMBOL, NULL);
    if (x->existing != y->existing)
        report(d, MODEL_DIFF_EXISTING, NULL);
    if (!x->condition != !y->condition || (known(x->condition) && known(y->condition) &&
                                           !az_value_scalar_same(x->condition, y->condition)))
        report(d, MODEL_DIFF_CONDITION, NULL);
    if (!same_loop(x->loop, y->loop))
        report(d, MODEL_DIFF_LOOP, NULL);
    if (x->name && y->name && known(x->name) && known(y->name) && !same_name(x, y)) {
        snprintf(d->path, PATH_MAX_LEN, "name");
        report(d, MODEL_DIFF_PROPERTY, d->path);
        d->path[0] = '\0';
    }
    compare(d, x->body, y->body, 0);
}

int model_diff_deployments(const az_deployment *left, const az_deployment *right, model_diff_fn fn,
                           void *ud)
{
    differ d = {fn, ud, 0, false, NULL, NULL, {0}};
    uint32_t nl = left->resource_count, nr = right->resource_count;
    int *pair = malloc((size_t)(nl ? nl : 1) * sizeof(int));
    bool *taken = calloc(nr ? nr : 1, sizeof(bool));
    if (!pair || !taken) {
        free(pair);
        free(taken);
        return -1;
    }
    /* Three passes, strictest first: type and name, symbol, type alone. */
    for (uint32_t i = 0; i < nl; i++)
        pair[i] = -1;
    for (int pass = 0; pass < 3; pass++) {
        for (uint32_t i = 0; i < nl; i++) {
            const az_resource *x = left->resources[i];
            if (pair[i] >= 0)
                continue;
            for (uint32_t j = 0; j < nr; j++) {
                const az_resource *y = right->resources[j];
                if (taken[j])
                    continue;
                bool match = pass == 0 ? strcasecmp(x->type, y->type) == 0 && same_name(x, y)
                             : pass == 1
                                 ? x->symbol && y->symbol && strcmp(x->symbol, y->symbol) == 0
                                 : strcasecmp(x->type, y->type) == 0;
                if (match) {
                    pair[i] = (int)j;
                    taken[j] = true;
                    break;
                }
            }
        }
    }
    for (uint32_t i = 0; i < nl && !d.stop; i++) {
        if (pair[i] >= 0) {
            compare_resources(&d, left->resources[i], right->resources[pair[i]]);
        } else if (!left->resources[i]->existing) {
            d.left = left->resources[i];
            d.right = NULL;
            report(&d, MODEL_DIFF_MISSING, NULL);
        }
    }
    for (uint32_t j = 0; j < nr && !d.stop; j++) {
        if (!taken[j] && !right->resources[j]->existing) {
            d.left = NULL;
            d.right = right->resources[j];
            report(&d, MODEL_DIFF_MISSING, NULL);
        }
    }
    free(pair);
    free(taken);
    return d.count;
}
