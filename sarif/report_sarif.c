#include "report.h"

#include "json_build.h"
#include "report_columns.h"
#include "report_path.h"
#include "str_format.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define SARIF_ROOT "%SRCROOT%"
#define SARIF_FINGERPRINT "azscanFingerprint/v1"

typedef struct {
    const scan_result *result;
    report_columns *columns;
    bool failed;
    bool show_notes;
    cJSON *results;      /* the run's, left empty: its items are made as it is printed */
    size_t next_finding; /* the finding the next result is made of, or one after it */
} writer;

static cJSON *object(writer *w)
{
    cJSON *o = cJSON_CreateObject();
    if (!o)
        w->failed = true;
    return o;
}

/* {"text": text}: SARIF's message and multiformatMessageString. */
static cJSON *text_object(writer *w, const char *text)
{
    cJSON *o = object(w);
    if (o)
        json_build_add(&w->failed, o, "text", cJSON_CreateString(text));
    return o;
}

static const char *level_of(az_severity s)
{
    switch (s) {
    case AZ_SEVERITY_CRITICAL:
    case AZ_SEVERITY_HIGH:
        return "error";
    case AZ_SEVERITY_MEDIUM:
        return "warning";
    default:
        return "note";
    }
}

/* GitHub's problem.severity, which orders alerts that are not security ones. */
static const char *problem_severity_of(az_severity s)
{
    switch (s) {
    case AZ_SEVERITY_CRITICAL:
    case AZ_SEVERITY_HIGH:
        return "error";
    case AZ_SEVERITY_MEDIUM:
        return "warning";
    default:
        return "recommendation";
    }
}

/* A malloc'd printf; NULL (and the writer failed) when out of memory. */
static char *format(writer *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static char *format(writer *w, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = str_vformat(fmt, ap);
    va_end(ap);
    if (!s)
        w->failed = true;
    return s;
}

/* Adds a string that the writer owns and frees. */
static void add_owned(writer *w, cJSON *obj, const char *key, char *s)
{
    json_build_add(&w->failed, obj, key, s ? cJSON_CreateString(s) : NULL);
    free(s);
}

static cJSON *rule_json(writer *w, const az_check *c)
{
    const az_check_meta *m = &c->meta;
    cJSON *rule = object(w);
    if (!rule)
        return NULL;
    json_build_add(&w->failed, rule, "id", cJSON_CreateString(m->id));
    json_build_add(&w->failed, rule, "name", cJSON_CreateString(m->name));
    json_build_add(&w->failed, rule, "shortDescription", text_object(w, m->title));
    json_build_add(&w->failed, rule, "fullDescription", text_object(w, m->description));
    cJSON *help = object(w);
    if (help) {
        add_owned(w, help, "text",
                  format(w, "%s\n\nRemediation: %s\n\nBicep:\n%s\n\nARM:\n%s\n", m->description,
                         m->remediation, m->fix_bicep, m->fix_arm));
        add_owned(w, help, "markdown",
                  format(w,
                         "%s\n\n**Remediation:** %s\n\nBicep:\n\n```bicep\n%s\n```\n\n"
                         "ARM:\n\n```json\n%s\n```\n\n[%s %s](%s/blob/main/docs/checks.md#%s)\n",
                         m->description, m->remediation, m->fix_bicep, m->fix_arm, m->id, m->name,
                         REPORT_PROJECT_URI, m->name));
    }
    json_build_add(&w->failed, rule, "help", help);
    add_owned(w, rule, "helpUri",
              format(w, "%s/blob/main/docs/checks.md#%s", REPORT_PROJECT_URI, m->name));
    cJSON *config = object(w);
    if (config)
        json_build_add(&w->failed, config, "level", cJSON_CreateString(level_of(m->severity)));
    json_build_add(&w->failed, rule, "defaultConfiguration", config);
    cJSON *props = object(w);
    if (props) {
        const char *tags[] = {"security", az_category_name(m->category)};
        json_build_add(&w->failed, props, "tags", cJSON_CreateStringArray(tags, 2));
        json_build_add(&w->failed, props, "precision", cJSON_CreateString("high"));
        json_build_add(&w->failed, props, "problem.severity",
                       cJSON_CreateString(problem_severity_of(m->severity)));
        add_owned(w, props, "security-severity", format(w, "%.1f", m->security_severity));
    }
    json_build_add(&w->failed, rule, "properties", props);
    return rule;
}

static cJSON *driver_json(writer *w)
{
    cJSON *driver = object(w);
    if (!driver)
        return NULL;
    json_build_add(&w->failed, driver, "name", cJSON_CreateString("azscan"));
    json_build_add(&w->failed, driver, "version", cJSON_CreateString(AZSCAN_VERSION));
    json_build_add(&w->failed, driver, "semanticVersion", cJSON_CreateString(AZSCAN_VERSION));
    json_build_add(&w->failed, driver, "informationUri", cJSON_CreateString(REPORT_PROJECT_URI));
    cJSON *rules = cJSON_CreateArray();
    for (size_t i = 0; rules && i < az_check_count(); i++)
        json_build_push(&w->failed, rules, rule_json(w, az_check_get(i)));
    json_build_add(&w->failed, driver, "rules", rules);
    return driver;
}

/* {"uri": ..., "uriBaseId": "%SRCROOT%"}, or an absolute file URI for a
 * file outside the working directory. */
static cJSON *artifact_json(writer *w, const char *display)
{
    bool absolute;
    char *path = report_path_resolve(w->result, display, &absolute);
    char *uri = path ? malloc(strlen("file://") + 3 * strlen(path) + 1) : NULL;
    cJSON *o = uri ? object(w) : NULL;
    if (o) {
        strcpy(uri, absolute ? "file://" : "");
        report_path_uri_encode(path, uri + strlen(uri));
        json_build_add(&w->failed, o, "uri", cJSON_CreateString(uri));
        if (!absolute)
            json_build_add(&w->failed, o, "uriBaseId", cJSON_CreateString(SARIF_ROOT));
    } else {
        w->failed = true;
    }
    free(uri);
    free(path);
    return o;
}

static unsigned utf16_column(writer *w, const char *file, unsigned line, unsigned column)
{
    unsigned out = column;
    if (report_columns_utf16(w->columns, file, line, column, &out) != 0)
        w->failed = true;
    return out;
}

/* A physicalLocation; the region only when there is a position. */
static cJSON *physical_json(writer *w, const char *file, const az_range *range)
{
    cJSON *phys = object(w);
    if (!phys)
        return NULL;
    json_build_add(&w->failed, phys, "artifactLocation", artifact_json(w, file));
    if (range && range->start_line > 0) {
        cJSON *region = object(w);
        if (region) {
            json_build_add(&w->failed, region, "startLine", cJSON_CreateNumber(range->start_line));
            json_build_add(
                &w->failed, region, "startColumn",
                cJSON_CreateNumber(utf16_column(w, file, range->start_line, range->start_column)));
            /* An end before the start would be invalid: a bare start means one character. */
            if (range->end_line > range->start_line ||
                (range->end_line == range->start_line && range->end_column > range->start_column)) {
                json_build_add(&w->failed, region, "endLine", cJSON_CreateNumber(range->end_line));
                json_build_add(
                    &w->failed, region, "endColumn",
                    cJSON_CreateNumber(utf16_column(w, file, range->end_line, range->end_column)));
            }
        }
        json_build_add(&w->failed, phys, "region", region);
    }
    return phys;
}

static cJSON *location_json(writer *w, const char *file, const az_range *range)
{
    cJSON *loc = object(w);
    if (loc)
        json_build_add(&w->failed, loc, "physicalLocation", physical_json(w, file, range));
    return loc;
}

static size_t rule_index(const az_check *c)
{
    for (size_t i = 0; i < az_check_count(); i++)
        if (az_check_get(i) == c)
            return i;
    return 0; /* every finding's check is registered */
}

static cJSON *result_json(writer *w, const az_finding *f)
{
    cJSON *res = object(w);
    if (!res)
        return NULL;
    json_build_add(&w->failed, res, "ruleId", cJSON_CreateString(f->check->meta.id));
    json_build_add(&w->failed, res, "ruleIndex", cJSON_CreateNumber((double)rule_index(f->check)));
    json_build_add(&w->failed, res, "level", cJSON_CreateString(level_of(f->severity)));
    json_build_add(&w->failed, res, "message", text_object(w, f->message));
    cJSON *locations = cJSON_CreateArray();
    if (locations)
        json_build_push(&w->failed, locations, location_json(w, f->file, &f->range));
    json_build_add(&w->failed, res, "locations", locations);
    if (f->related_count) {
        cJSON *related = cJSON_CreateArray();
        for (size_t k = 0; related && k < f->related_count; k++) {
            cJSON *loc = location_json(w, f->related[k].file, &f->related[k].range);
            if (loc) {
                json_build_add(&w->failed, loc, "id", cJSON_CreateNumber((double)k));
                json_build_add(&w->failed, loc, "message", text_object(w, f->related[k].label));
            }
            json_build_push(&w->failed, related, loc);
        }
        json_build_add(&w->failed, res, "relatedLocations", related);
    }
    if (f->suppressed || f->baselined) {
        cJSON *suppressions = cJSON_CreateArray();
        cJSON *sup = object(w);
        if (sup) {
            json_build_add(&w->failed, sup, "kind",
                           cJSON_CreateString(f->suppressed ? "inSource" : "external"));
            if (f->justification)
                json_build_add(&w->failed, sup, "justification",
                               cJSON_CreateString(f->justification));
        }
        if (suppressions)
            json_build_push(&w->failed, suppressions, sup);
        else
            cJSON_Delete(sup);
        json_build_add(&w->failed, res, "suppressions", suppressions);
    }
    char fingerprint[REPORT_FINGERPRINT_SIZE];
    report_fingerprint(f, fingerprint);
    cJSON *prints = object(w);
    if (prints)
        json_build_add(&w->failed, prints, SARIF_FINGERPRINT, cJSON_CreateString(fingerprint));
    json_build_add(&w->failed, res, "partialFingerprints", prints);
    cJSON *props = object(w);
    if (props) {
        json_build_add(&w->failed, props, "severity",
                       cJSON_CreateString(az_severity_name(f->severity)));
        json_build_add(&w->failed, props, "resourceType", cJSON_CreateString(f->resource_type));
        json_build_add(&w->failed, props, "resource", cJSON_CreateString(f->resource));
        if (f->property)
            json_build_add(&w->failed, props, "property", cJSON_CreateString(f->property));
        if (f->variant)
            json_build_add(&w->failed, props, "variant", cJSON_CreateString(f->variant));
    }
    json_build_add(&w->failed, res, "properties", props);
    return res;
}

/* The next result, as the document is printed (json_build_stream). */
static cJSON *next_result(void *ud, size_t index, bool *failed)
{
    (void)index;
    writer *w = ud;
    const az_findings *f = scan_result_findings(w->result);
    while (w->next_finding < az_findings_count(f)) {
        const az_finding *x = az_findings_get(f, w->next_finding++);
        if (x->severity == AZ_SEVERITY_NOTE && !w->show_notes)
            continue;
        cJSON *res = result_json(w, x);
        if (w->failed) {
            cJSON_Delete(res);
            *failed = true;
            return NULL;
        }
        return res;
    }
    return NULL;
}

static cJSON *notification_json(writer *w, const char *level, const char *file, unsigned line,
                                unsigned column, const char *message)
{
    cJSON *n = object(w);
    if (!n)
        return NULL;
    json_build_add(&w->failed, n, "level", cJSON_CreateString(level));
    json_build_add(&w->failed, n, "message", text_object(w, message));
    if (file) {
        az_range at = {0, line, column, line, column};
        cJSON *locations = cJSON_CreateArray();
        if (locations)
            json_build_push(&w->failed, locations, location_json(w, file, &at));
        json_build_add(&w->failed, n, "locations", locations);
    }
    return n;
}

static cJSON *invocation_json(writer *w, const scan_result *r)
{
    cJSON *inv = object(w);
    if (!inv)
        return NULL;
    json_build_add(&w->failed, inv, "executionSuccessful",
                   cJSON_CreateBool(scan_result_error_count(r) == 0));
    cJSON *notes = cJSON_CreateArray();
    for (size_t i = 0; notes && i < scan_result_error_count(r); i++) {
        const scan_error *e = scan_result_error(r, i);
        json_build_push(&w->failed, notes,
                        notification_json(w, "error", e->file, e->has_position ? e->line : 0,
                                          e->column, e->message));
    }
    for (size_t i = 0; notes && i < scan_result_warning_count(r); i++) {
        const scan_warning *sw = scan_result_warning(r, i);
        json_build_push(
            &w->failed, notes,
            notification_json(w, "warning", sw->file, sw->line, sw->column, sw->message));
    }
    json_build_add(&w->failed, inv, "toolExecutionNotifications", notes);
    return inv;
}

static cJSON *run_json(writer *w, const scan_result *r, const report_options *o,
                       const char *category)
{
    cJSON *run = object(w);
    if (!run)
        return NULL;
    cJSON *tool = object(w);
    if (tool)
        json_build_add(&w->failed, tool, "driver", driver_json(w));
    json_build_add(&w->failed, run, "tool", tool);
    if (category) {
        cJSON *details = object(w);
        if (details)
            json_build_add(&w->failed, details, "id", cJSON_CreateString(category));
        json_build_add(&w->failed, run, "automationDetails", details);
    }
    /* Without the root's absolute URI GitHub could not tell where results lie
     * when the SARIF is read outside the checkout. */
    char *root_uri;
    if (report_path_root_uri(r, &root_uri) != 0)
        w->failed = true;
    if (root_uri) {
        cJSON *root = object(w);
        if (root)
            json_build_add(&w->failed, root, "uri", cJSON_CreateString(root_uri));
        cJSON *bases = object(w);
        if (bases)
            json_build_add(&w->failed, bases, SARIF_ROOT, root);
        else
            cJSON_Delete(root);
        json_build_add(&w->failed, run, "originalUriBaseIds", bases);
        free(root_uri);
    }
    if (o->provenance && o->provenance->repository_uri) {
        cJSON *vcs = cJSON_CreateArray(), *details = object(w);
        if (details) {
            const report_provenance *p = o->provenance;
            json_build_add(&w->failed, details, "repositoryUri",
                           cJSON_CreateString(p->repository_uri));
            if (p->revision_id)
                json_build_add(&w->failed, details, "revisionId",
                               cJSON_CreateString(p->revision_id));
            if (p->branch)
                json_build_add(&w->failed, details, "branch", cJSON_CreateString(p->branch));
            /* The work tree's root is %SRCROOT% in git modes. */
            cJSON *mapped = object(w);
            if (mapped)
                json_build_add(&w->failed, mapped, "uriBaseId", cJSON_CreateString(SARIF_ROOT));
            json_build_add(&w->failed, details, "mappedTo", mapped);
        }
        if (vcs)
            json_build_push(&w->failed, vcs, details);
        else
            cJSON_Delete(details);
        json_build_add(&w->failed, run, "versionControlProvenance", vcs);
    }
    cJSON *invocations = cJSON_CreateArray();
    if (invocations)
        json_build_push(&w->failed, invocations, invocation_json(w, r));
    json_build_add(&w->failed, run, "invocations", invocations);
    w->results = json_build_check(&w->failed, cJSON_CreateArray());
    json_build_add(&w->failed, run, "results", w->results);
    json_build_add(&w->failed, run, "columnKind", cJSON_CreateString("utf16CodeUnits"));
    if (o->delta) {
        cJSON *props = object(w);
        if (props) {
            json_build_add(&w->failed, props, "newFindings",
                           cJSON_CreateNumber((double)o->delta->new_count));
            json_build_add(&w->failed, props, "unchangedFindings",
                           cJSON_CreateNumber((double)o->delta->unchanged));
            json_build_add(&w->failed, props, "fixedFindings",
                           cJSON_CreateNumber((double)o->delta->fixed));
        }
        json_build_add(&w->failed, run, "properties", props);
    }
    return run;
}

int report_sarif(FILE *out, const scan_result *r, const report_options *o, const char *category)
{
    writer w = {r, report_columns_new(r), false, o->show_notes, NULL, 0};
    cJSON *root = w.columns ? cJSON_CreateObject() : NULL;
    if (!root) {
        report_columns_free(w.columns);
        return -1;
    }
    json_build_add(&w.failed, root, "$schema", cJSON_CreateString(SARIF_SCHEMA));
    json_build_add(&w.failed, root, "version", cJSON_CreateString("2.1.0"));
    cJSON *runs = cJSON_CreateArray();
    if (runs)
        json_build_push(&w.failed, runs, run_json(&w, r, o, category));
    json_build_add(&w.failed, root, "runs", runs);
    json_build_stream results = {w.results, next_result, &w};
    int rc = w.failed ? -1 : json_build_print(out, root, &results, 1);
    report_columns_free(w.columns);
    cJSON_Delete(root);
    return rc;
}
