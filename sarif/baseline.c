#include "baseline.h"

#include "report.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Baselines of a few MiB are plenty: 32 hex digits per finding. */
#define BASELINE_MAX_SIZE ((long)64 * 1024 * 1024)

static bool counts(const az_finding *f)
{
    return f->severity != AZ_SEVERITY_NOTE && !f->suppressed;
}

static int compare_prints(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

int baseline_write(FILE *out, const scan_result *r)
{
    const az_findings *f = scan_result_findings(r);
    size_t n = az_findings_count(f), k = 0;
    char(*prints)[REPORT_FINGERPRINT_SIZE] = malloc((n ? n : 1) * sizeof(*prints));
    if (!prints)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (counts(az_findings_get(f, i)))
            report_fingerprint(az_findings_get(f, i), prints[k++]);
    qsort(prints, k, sizeof(*prints), compare_prints);
    fprintf(out, "{\n  \"version\": 1,\n  \"fingerprints\": [");
    size_t written = 0;
    for (size_t i = 0; i < k; i++) {
        if (i > 0 && strcmp(prints[i], prints[i - 1]) == 0)
            continue;
        fprintf(out, "%s\n    \"%s\"", written++ ? "," : "", prints[i]);
    }
    fprintf(out, "%s]\n}\n", written ? "\n  " : "");
    free(prints);
    return ferror(out) ? -1 : 0;
}

static char *read_all(const char *path, char *err, size_t err_size)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, err_size, "%s: cannot read the baseline: %s", path, strerror(errno));
        return NULL;
    }
    char *text = NULL;
    long size = -1;
    if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && size <= BASELINE_MAX_SIZE &&
        fseek(f, 0, SEEK_SET) == 0 && (text = malloc((size_t)size + 1)) &&
        fread(text, 1, (size_t)size, f) == (size_t)size) {
        text[size] = '\0';
    } else {
        snprintf(err, err_size, "%s: cannot read the baseline%s", path,
                 size > BASELINE_MAX_SIZE ? ": larger than 64 MiB" : "");
        free(text);
        text = NULL;
    }
    fclose(f);
    return text;
}

int baseline_apply(const char *path, scan_result *r, size_t *unmatched, char *err, size_t err_size)
{
    *unmatched = 0;
    char *text = read_all(path, err, err_size);
    if (!text)
        return -1;
    cJSON *doc = cJSON_Parse(text);
    free(text);
    const cJSON *version = cJSON_GetObjectItemCaseSensitive(doc, "version");
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(doc, "fingerprints");
    if (!cJSON_IsNumber(version) || version->valuedouble != 1 || !cJSON_IsArray(list)) {
        snprintf(err, err_size,
                 "%s: not an azscan baseline (expected {\"version\": 1, \"fingerprints\": [...]})",
                 path);
        cJSON_Delete(doc);
        return -1;
    }
    az_findings *f = scan_result_findings_mutable(r);
    size_t n = az_findings_count(f);
    char(*prints)[REPORT_FINGERPRINT_SIZE] = malloc((n ? n : 1) * sizeof(*prints));
    if (!prints) {
        snprintf(err, err_size, "out of memory");
        cJSON_Delete(doc);
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        report_fingerprint(az_findings_get(f, i), prints[i]);
    const cJSON *entry;
    cJSON_ArrayForEach(entry, list)
    {
        if (!cJSON_IsString(entry)) {
            snprintf(err, err_size, "%s: a fingerprint is not a string", path);
            free(prints);
            cJSON_Delete(doc);
            return -1;
        }
        bool matched = false;
        for (size_t i = 0; i < n; i++) {
            if (strcmp(prints[i], entry->valuestring) == 0 && counts(az_findings_get(f, i))) {
                az_findings_baseline(f, i);
                matched = true;
            }
        }
        *unmatched += !matched;
    }
    free(prints);
    cJSON_Delete(doc);
    return 0;
}
