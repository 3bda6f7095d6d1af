/*
 * Measures how closely the Bicep and ARM front ends agree: reads pairs of
 * paths "BICEP<TAB>JSON" from standard input (a template and its compiled
 * ARM JSON), builds both models, compares the resources declared directly
 * in each, and prints the share of pairs that agree fully and every
 * disagreement grouped by cause.
 *
 *   model_equivalence SCAN_ROOT < pairs.tsv
 */
#include "model.h"
#include "model_diff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CAUSES 4096

typedef struct {
    char key[320];
    unsigned count;
    char example[600];
} cause;

static cause causes[MAX_CAUSES];
static size_t cause_count;

/* The path with array indices dropped, so causes group across instances. */
static void normalize(const char *path, char *out, size_t size)
{
    size_t n = 0;
    for (const char *p = path; p && *p && n + 1 < size; p++) {
        if (*p == '[') {
            while (*p && *p != ']')
                p++;
            if (n + 3 < size) {
                memcpy(out + n, "[]", 2);
                n += 2;
            }
            if (!*p)
                break;
            continue;
        }
        out[n++] = *p;
    }
    out[n] = '\0';
}

static void count_cause(const char *key, const char *example)
{
    for (size_t i = 0; i < cause_count; i++) {
        if (strcmp(causes[i].key, key) == 0) {
            causes[i].count++;
            return;
        }
    }
    if (cause_count == MAX_CAUSES)
        return;
    cause *c = &causes[cause_count++];
    snprintf(c->key, sizeof(c->key), "%s", key);
    snprintf(c->example, sizeof(c->example), "%s", example);
    c->count = 1;
}

typedef struct {
    const char *pair;
    int verbose;
} diff_ctx;

static int on_difference(const model_difference *d, void *ud)
{
    diff_ctx *ctx = ud;
    const az_resource *r = d->left ? d->left : d->right;
    char path[300], key[320], example[600];
    normalize(d->path, path, sizeof(path));
    snprintf(key, sizeof(key), "%s %s%s%s", model_diff_kind_name(d->kind), r->type,
             d->path ? " " : "", d->path ? path : "");
    snprintf(example, sizeof(example), "%s (%s)", ctx->pair,
             d->kind == MODEL_DIFF_MISSING ? (d->left ? "only in Bicep" : "only in ARM")
                                           : (r->symbol ? r->symbol : "-"));
    count_cause(key, example);
    if (ctx->verbose)
        printf("  %s: %s\n", ctx->pair, key);
    return 0;
}

static int compare_causes(const void *x, const void *y)
{
    const cause *a = x, *b = y;
    if (a->count != b->count)
        return a->count < b->count ? 1 : -1;
    return strcmp(a->key, b->key);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: model_equivalence SCAN_ROOT [-v] < pairs.tsv\n");
        return 2;
    }
    int verbose = argc > 2 && strcmp(argv[2], "-v") == 0;
    char line[8192];
    unsigned pairs = 0, agreeing = 0, failed = 0, resources = 0;
    while (fgets(line, sizeof(line), stdin)) {
        line[strcspn(line, "\r\n")] = '\0';
        char *tab = strchr(line, '\t');
        if (!tab)
            continue;
        *tab = '\0';
        const char *bicep = line, *json = tab + 1;
        char err[256];
        az_model *mb = NULL, *mj = NULL;
        pairs++;
        if (az_model_build_file(&mb, argv[1], bicep, bicep, NULL, NULL, err, sizeof(err)) ||
            az_model_build_file(&mj, argv[1], json, json, NULL, NULL, err, sizeof(err))) {
            printf("  %s: cannot build: %s\n", bicep, err);
            failed++;
            az_model_free(mb);
            continue;
        }
        diff_ctx ctx = {bicep, verbose};
        az_deployment *db = az_model_deployment(mb, 0), *dj = az_model_deployment(mj, 0);
        resources += db->resource_count;
        int n = model_diff_deployments(db, dj, on_difference, &ctx);
        if (n == 0)
            agreeing++;
        az_model_free(mb);
        az_model_free(mj);
    }
    qsort(causes, cause_count, sizeof(*causes), compare_causes);
    printf("pairs: %u, agreeing fully: %u (%.1f%%), not built: %u, Bicep resources compared: %u\n",
           pairs, agreeing, pairs ? 100.0 * agreeing / pairs : 0.0, failed, resources);
    printf("disagreements by cause (count, kind, resource type, property path, first example):\n");
    for (size_t i = 0; i < cause_count; i++)
        printf("%6u  %s   e.g. %s\n", causes[i].count, causes[i].key, causes[i].example);
    return 0;
}
