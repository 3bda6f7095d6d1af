#include "report.h"

#include <cjson/cJSON.h>
#include <stdlib.h>

typedef struct {
    bool failed;
} writer;

static void add(writer *w, cJSON *obj, const char *key, cJSON *item)
{
    if (!item || !cJSON_AddItemToObject(obj, key, item)) {
        cJSON_Delete(item);
        w->failed = true;
    }
}

static void push(writer *w, cJSON *array, cJSON *item)
{
    if (!item || !cJSON_AddItemToArray(array, item)) {
        cJSON_Delete(item);
        w->failed = true;
    }
}

static void add_range(writer *w, cJSON *o, az_range r)
{
    add(w, o, "line", cJSON_CreateNumber(r.start_line));
    add(w, o, "column", cJSON_CreateNumber(r.start_column));
    add(w, o, "end_line", cJSON_CreateNumber(r.end_line));
    add(w, o, "end_column", cJSON_CreateNumber(r.end_column));
}

static cJSON *finding_json(writer *w, const az_finding *x)
{
    cJSON *o = cJSON_CreateObject();
    if (!o) {
        w->failed = true;
        return NULL;
    }
    add(w, o, "check", cJSON_CreateString(x->check->meta.id));
    add(w, o, "name", cJSON_CreateString(x->check->meta.name));
    add(w, o, "severity", cJSON_CreateString(az_severity_name(x->severity)));
    add(w, o, "category", cJSON_CreateString(az_category_name(x->check->meta.category)));
    add(w, o, "file", cJSON_CreateString(x->file ? x->file : ""));
    add_range(w, o, x->range);
    add(w, o, "resource_type", cJSON_CreateString(x->resource_type));
    add(w, o, "resource", cJSON_CreateString(x->resource));
    if (x->property)
        add(w, o, "property", cJSON_CreateString(x->property));
    add(w, o, "message", cJSON_CreateString(x->message));
    if (x->variant)
        add(w, o, "variant", cJSON_CreateString(x->variant));
    if (x->suppressed || x->baselined) {
        cJSON *sup = cJSON_CreateObject();
        if (sup) {
            add(w, sup, "kind", cJSON_CreateString(x->suppressed ? "inSource" : "external"));
            if (x->justification)
                add(w, sup, "justification", cJSON_CreateString(x->justification));
        }
        add(w, o, "suppressed", sup);
    }
    if (x->related_count) {
        cJSON *related = cJSON_CreateArray();
        for (size_t k = 0; related && k < x->related_count; k++) {
            cJSON *ro = cJSON_CreateObject();
            if (!ro) {
                w->failed = true;
                break;
            }
            add(w, ro, "file", cJSON_CreateString(x->related[k].file ? x->related[k].file : ""));
            add_range(w, ro, x->related[k].range);
            add(w, ro, "label", cJSON_CreateString(x->related[k].label));
            push(w, related, ro);
        }
        add(w, o, "related", related);
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
    add(w, o, "check", cJSON_CreateString(p->check->meta.id));
    add(w, o, "name", cJSON_CreateString(p->check->meta.name));
    add(w, o, "file", cJSON_CreateString(p->file ? p->file : ""));
    add_range(w, o, p->range);
    add(w, o, "resource_type", cJSON_CreateString(p->resource_type));
    add(w, o, "resource", cJSON_CreateString(p->resource));
    return o;
}

int report_json(FILE *out, const scan_result *r, const report_options *o)
{
    writer w = {false};
    cJSON *root = cJSON_CreateObject();
    if (!root)
        return -1;
    add(&w, root, "version", cJSON_CreateString(REPORT_JSON_VERSION));
    add(&w, root, "tool", cJSON_CreateString("azscan " AZSCAN_VERSION));

    const az_findings *f = scan_result_findings(r);
    size_t counts[AZ_SEVERITY_CRITICAL + 1] = {0}, suppressed = 0;
    cJSON *findings = cJSON_CreateArray();
    for (size_t i = 0; findings && i < az_findings_count(f); i++) {
        const az_finding *x = az_findings_get(f, i);
        if (x->severity == AZ_SEVERITY_NOTE && !o->show_notes)
            continue;
        if (x->suppressed || x->baselined)
            suppressed++;
        else
            counts[x->severity]++;
        push(&w, findings, finding_json(&w, x));
    }
    add(&w, root, "findings", findings);

    if (o->include_passed) {
        cJSON *passed = cJSON_CreateArray();
        for (size_t i = 0; passed && i < az_findings_pass_count(f); i++)
            push(&w, passed, pass_json(&w, az_findings_pass(f, i)));
        add(&w, root, "passed", passed);
    }

    cJSON *errors = cJSON_CreateArray();
    for (size_t i = 0; errors && i < scan_result_error_count(r); i++) {
        const scan_error *e = scan_result_error(r, i);
        cJSON *eo = cJSON_CreateObject();
        if (!eo) {
            w.failed = true;
            break;
        }
        add(&w, eo, "file", cJSON_CreateString(e->file ? e->file : ""));
        if (e->has_position) {
            add(&w, eo, "line", cJSON_CreateNumber(e->line));
            add(&w, eo, "column", cJSON_CreateNumber(e->column));
        }
        add(&w, eo, "message", cJSON_CreateString(e->message));
        push(&w, errors, eo);
    }
    add(&w, root, "errors", errors);

    cJSON *warnings = cJSON_CreateArray();
    for (size_t i = 0; warnings && i < scan_result_warning_count(r); i++) {
        const scan_warning *sw = scan_result_warning(r, i);
        cJSON *wo = cJSON_CreateObject();
        if (!wo) {
            w.failed = true;
            break;
        }
        if (sw->file) {
            add(&w, wo, "file", cJSON_CreateString(sw->file));
            add(&w, wo, "line", cJSON_CreateNumber(sw->line));
            add(&w, wo, "column", cJSON_CreateNumber(sw->column));
        }
        add(&w, wo, "message", cJSON_CreateString(sw->message));
        push(&w, warnings, wo);
    }
    add(&w, root, "warnings", warnings);

    cJSON *summary = cJSON_CreateObject();
    if (summary) {
        size_t total = 0;
        cJSON *by = cJSON_CreateObject();
        for (int s = AZ_SEVERITY_CRITICAL; by && s >= AZ_SEVERITY_LOW; s--) {
            total += counts[s];
            add(&w, by, az_severity_name((az_severity)s), cJSON_CreateNumber((double)counts[s]));
        }
        add(&w, summary, "files", cJSON_CreateNumber((double)scan_result_file_count(r)));
        add(&w, summary, "templates", cJSON_CreateNumber((double)scan_result_template_count(r)));
        add(&w, summary, "findings", cJSON_CreateNumber((double)total));
        add(&w, summary, "suppressed", cJSON_CreateNumber((double)suppressed));
        if (o->include_passed)
            add(&w, summary, "passed", cJSON_CreateNumber((double)az_findings_pass_count(f)));
        if (o->baseline)
            add(&w, summary, "baseline_unmatched",
                cJSON_CreateNumber((double)o->baseline_unmatched));
        if (o->delta) {
            cJSON *d = cJSON_CreateObject();
            if (d) {
                add(&w, d, "new", cJSON_CreateNumber((double)o->delta->new_count));
                add(&w, d, "unchanged", cJSON_CreateNumber((double)o->delta->unchanged));
                add(&w, d, "fixed", cJSON_CreateNumber((double)o->delta->fixed));
            }
            add(&w, summary, "new_only", d);
        }
        add(&w, summary, "by_severity", by);
        add(&w, summary, "errors", cJSON_CreateNumber((double)scan_result_error_count(r)));
        add(&w, summary, "warnings", cJSON_CreateNumber((double)scan_result_warning_count(r)));
    }
    add(&w, root, "summary", summary);

    char *text = w.failed ? NULL : cJSON_Print(root);
    cJSON_Delete(root);
    if (!text)
        return -1;
    fputs(text, out);
    fputc('\n', out);
    free(text);
    return ferror(out) ? -1 : 0;
}
