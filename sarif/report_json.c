#include "report.h"

#include "json_build.h"

typedef struct {
    bool failed;
    const az_findings *findings;
    bool show_notes;
    size_t next_finding; /* the finding the next item is made of, or one after it */
} writer;

static void add_range(writer *w, cJSON *o, az_range r)
{
    json_build_add(&w->failed, o, "line", cJSON_CreateNumber(r.start_line));
    json_build_add(&w->failed, o, "column", cJSON_CreateNumber(r.start_column));
    json_build_add(&w->failed, o, "end_line", cJSON_CreateNumber(r.end_line));
    json_build_add(&w->failed, o, "end_column", cJSON_CreateNumber(r.end_column));
}

static cJSON *finding_json(writer *w, const az_finding *x)
{
    cJSON *o = cJSON_CreateObject();
    if (!o) {
        w->failed = true;
        return NULL;
    }
    json_build_add(&w->failed, o, "check", cJSON_CreateString(x->check->meta.id));
    json_build_add(&w->failed, o, "name", cJSON_CreateString(x->check->meta.name));
    json_build_add(&w->failed, o, "severity", cJSON_CreateString(az_severity_name(x->severity)));
    json_build_add(&w->failed, o, "category",
                   cJSON_CreateString(az_category_name(x->check->meta.category)));
    json_build_add(&w->failed, o, "file", cJSON_CreateString(x->file ? x->file : ""));
    add_range(w, o, x->range);
    json_build_add(&w->failed, o, "resource_type", cJSON_CreateString(x->resource_type));
    json_build_add(&w->failed, o, "resource", cJSON_CreateString(x->resource));
    if (x->property)
        json_build_add(&w->failed, o, "property", cJSON_CreateString(x->property));
    json_build_add(&w->failed, o, "message", cJSON_CreateString(x->message));
    if (x->variant)
        json_build_add(&w->failed, o, "variant", cJSON_CreateString(x->variant));
    if (x->suppressed || x->baselined) {
        cJSON *sup = cJSON_CreateObject();
        if (sup) {
            json_build_add(&w->failed, sup, "kind",
                           cJSON_CreateString(x->suppressed ? "inSource" : "external"));
            if (x->justification)
                json_build_add(&w->failed, sup, "justification",
                               cJSON_CreateString(x->justification));
        }
        json_build_add(&w->failed, o, "suppressed", sup);
    }
    if (x->related_count) {
        cJSON *related = cJSON_CreateArray();
        for (size_t k = 0; related && k < x->related_count; k++) {
            cJSON *ro = cJSON_CreateObject();
            if (!ro) {
                w->failed = true;
                break;
            }
            json_build_add(&w->failed, ro, "file",
                           cJSON_CreateString(x->related[k].file ? x->related[k].file : ""));
            add_range(w, ro, x->related[k].range);
            json_build_add(&w->failed, ro, "label", cJSON_CreateString(x->related[k].label));
            json_build_push(&w->failed, related, ro);
        }
        json_build_add(&w->failed, o, "related", related);
    }
    return o;
}

static cJSON *pass_json(writer *w, const az_pass *p)
{
    cJSON *o = cJSON_CreateObject();
    if (!o) {
        w->failed = true;
        return NULL;
    }
    json_build_add(&w->failed, o, "check", cJSON_CreateString(p->check->meta.id));
    json_build_add(&w->failed, o, "name", cJSON_CreateString(p->check->meta.name));
    json_build_add(&w->failed, o, "file", cJSON_CreateString(p->file ? p->file : ""));
    add_range(w, o, p->range);
    json_build_add(&w->failed, o, "resource_type", cJSON_CreateString(p->resource_type));
    json_build_add(&w->failed, o, "resource", cJSON_CreateString(p->resource));
    return o;
}

/* The next finding's item, as the document is printed (json_build_stream). */
static cJSON *next_finding(void *ud, size_t index, bool *failed)
{
    (void)index;
    writer *w = ud;
    while (w->next_finding < az_findings_count(w->findings)) {
        const az_finding *x = az_findings_get(w->findings, w->next_finding++);
        if (x->severity == AZ_SEVERITY_NOTE && !w->show_notes)
            continue;
        cJSON *item = finding_json(w, x);
        *failed = w->failed;
        return item;
    }
    return NULL;
}

static cJSON *next_pass(void *ud, size_t index, bool *failed)
{
    writer *w = ud;
    if (index >= az_findings_pass_count(w->findings))
        return NULL;
    cJSON *item = pass_json(w, az_findings_pass(w->findings, index));
    *failed = w->failed;
    return item;
}

int report_json(FILE *out, const scan_result *r, const report_options *o)
{
    writer w = {false, scan_result_findings(r), o->show_notes, 0};
    cJSON *root = cJSON_CreateObject();
    if (!root)
        return -1;
    json_build_add(&w.failed, root, "version", cJSON_CreateString(REPORT_JSON_VERSION));
    json_build_add(&w.failed, root, "tool", cJSON_CreateString("azscan " AZSCAN_VERSION));

    const az_findings *f = w.findings;
    size_t counts[AZ_SEVERITY_CRITICAL + 1] = {0}, suppressed = 0;
    for (size_t i = 0; i < az_findings_count(f); i++) {
        const az_finding *x = az_findings_get(f, i);
        if (x->severity == AZ_SEVERITY_NOTE && !o->show_notes)
            continue;
        if (x->suppressed || x->baselined)
            suppressed++;
        else
            counts[x->severity]++;
    }
    /* The findings and passes are made as the document is printed. */
    json_build_stream streams[2] = {
        {json_build_check(&w.failed, cJSON_CreateArray()), next_finding, &w},
        {NULL, next_pass, &w}};
    size_t stream_count = 1;
    json_build_add(&w.failed, root, "findings", streams[0].array);
    if (o->include_passed) {
        streams[stream_count++].array = json_build_check(&w.failed, cJSON_CreateArray());
        json_build_add(&w.failed, root, "passed", streams[1].array);
    }

    cJSON *errors = cJSON_CreateArray();
    for (size_t i = 0; errors && i < scan_result_error_count(r); i++) {
        const scan_error *e = scan_result_error(r, i);
        cJSON *eo = cJSON_CreateObject();
        if (!eo) {
            w.failed = true;
            break;
        }
        json_build_add(&w.failed, eo, "file", cJSON_CreateString(e->file ? e->file : ""));
        if (e->has_position) {
            json_build_add(&w.failed, eo, "line", cJSON_CreateNumber(e->line));
            json_build_add(&w.failed, eo, "column", cJSON_CreateNumber(e->column));
        }
        json_build_add(&w.failed, eo, "message", cJSON_CreateString(e->message));
        json_build_push(&w.failed, errors, eo);
    }
    json_build_add(&w.failed, root, "errors", errors);

    cJSON *warnings = cJSON_CreateArray();
    for (size_t i = 0; warnings && i < scan_result_warning_count(r); i++) {
        const scan_warning *sw = scan_result_warning(r, i);
        cJSON *wo = cJSON_CreateObject();
        if (!wo) {
            w.failed = true;
            break;
        }
        if (sw->file) {
            json_build_add(&w.failed, wo, "file", cJSON_CreateString(sw->file));
            json_build_add(&w.failed, wo, "line", cJSON_CreateNumber(sw->line));
            json_build_add(&w.failed, wo, "column", cJSON_CreateNumber(sw->column));
        }
        json_build_add(&w.failed, wo, "message", cJSON_CreateString(sw->message));
        json_build_push(&w.failed, warnings, wo);
    }
    json_build_add(&w.failed, root, "warnings", warnings);

    cJSON *summary = cJSON_CreateObject();
    if (summary) {
        size_t total = 0;
        cJSON *by = cJSON_CreateObject();
        for (int s = AZ_SEVERITY_CRITICAL; by && s >= AZ_SEVERITY_LOW; s--) {
            total += counts[s];
            json_build_add(&w.failed, by, az_severity_name((az_severity)s),
                           cJSON_CreateNumber((double)counts[s]));
        }
        json_build_add(&w.failed, summary, "files",
                       cJSON_CreateNumber((double)scan_result_file_count(r)));
        json_build_add(&w.failed, summary, "templates",
                       cJSON_CreateNumber((double)scan_result_template_count(r)));
        json_build_add(&w.failed, summary, "findings", cJSON_CreateNumber((double)total));
        json_build_add(&w.failed, summary, "suppressed", cJSON_CreateNumber((double)suppressed));
        if (o->include_passed)
            json_build_add(&w.failed, summary, "passed",
                           cJSON_CreateNumber((double)az_findings_pass_count(f)));
        if (o->baseline)
            json_build_add(&w.failed, summary, "baseline_unmatched",
                           cJSON_CreateNumber((double)o->baseline_unmatched));
        if (o->delta) {
            cJSON *d = cJSON_CreateObject();
            if (d) {
                json_build_add(&w.failed, d, "new",
                               cJSON_CreateNumber((double)o->delta->new_count));
                json_build_add(&w.failed, d, "unchanged",
                               cJSON_CreateNumber((double)o->delta->unchanged));
                json_build_add(&w.failed, d, "fixed", cJSON_CreateNumber((double)o->delta->fixed));
            }
            json_build_add(&w.failed, summary, "new_only", d);
        }
        json_build_add(&w.failed, summary, "by_severity", by);
        json_build_add(&w.failed, summary, "errors",
                       cJSON_CreateNumber((double)scan_result_error_count(r)));
        json_build_add(&w.failed, summary, "warnings",
                       cJSON_CreateNumber((double)scan_result_warning_count(r)));
    }
    json_build_add(&w.failed, root, "summary", summary);

    int rc = w.failed ? -1 : json_build_print(out, root, streams, stream_count);
    cJSON_Delete(root);
    return rc;
}
