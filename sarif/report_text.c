#include "report.h"

static const char *severity_color(az_severity s)
{
    switch (s) {
    case AZ_SEVERITY_CRITICAL:
        return "\033[1;31m";
    case AZ_SEVERITY_HIGH:
        return "\033[31m";
    case AZ_SEVERITY_MEDIUM:
        return "\033[33m";
    case AZ_SEVERITY_LOW:
        return "\033[36m";
    default:
        return "\033[2m";
    }
}

int report_text(FILE *out, const scan_result *r, const report_options *o)
{
    const az_findings *f = scan_result_findings(r);
    size_t counts[AZ_SEVERITY_CRITICAL + 1] = {0}, suppressed = 0;
    for (size_t i = 0; i < az_findings_count(f); i++) {
        const az_finding *x = az_findings_get(f, i);
        if (x->severity == AZ_SEVERITY_NOTE && !o->show_notes)
            continue;
        if (x->suppressed || x->baselined) {
            suppressed++;
            if (!o->show_suppressed)
                continue;
        } else {
            counts[x->severity]++;
        }
        fprintf(out, "%s:%u:%u: %s%s%s %s %s: %s", x->file, x->range.start_line,
                x->range.start_column, o->color ? severity_color(x->severity) : "",
                az_severity_name(x->severity), o->color ? "\033[0m" : "", x->check->meta.id,
                x->check->meta.name, x->message);
        if (x->variant)
            fprintf(out, " [variant %s]", x->variant);
        if (x->suppressed)
            fprintf(out, " [suppressed%s%s]", x->justification ? ": " : "",
                    x->justification ? x->justification : "");
        else if (x->baselined)
            fprintf(out, " [in the baseline]");
        fputc('\n', out);
        for (size_t k = 0; k < x->related_count; k++)
            fprintf(out, "  %s:%u:%u: note: %s\n", x->related[k].file,
                    x->related[k].range.start_line, x->related[k].range.start_column,
                    x->related[k].label);
    }
    for (size_t i = 0; i < scan_result_error_count(r); i++) {
        const scan_error *e = scan_result_error(r, i);
        if (e->has_position)
            fprintf(out, "%s:%u:%u: error: %s\n", e->file, e->line, e->column, e->message);
        else
            fprintf(out, "%s: error: %s\n", e->file, e->message);
    }
    if (o->verbose) {
        for (size_t i = 0; i < scan_result_warning_count(r); i++) {
            const scan_warning *w = scan_result_warning(r, i);
            if (w->file)
                fprintf(out, "%s:%u:%u: warning: %s\n", w->file, w->line, w->column, w->message);
            else
                fprintf(out, "warning: %s\n", w->message);
        }
    }
    size_t total = 0;
    for (int s = AZ_SEVERITY_LOW; s <= AZ_SEVERITY_CRITICAL; s++)
        total += counts[s];
    fprintf(out,
            "%zu finding%s (%zu critical, %zu high, %zu medium, %zu low) in %zu file%s, %zu "
            "template%s; %zu error%s; %zu suppressed\n",
            total, total == 1 ? "" : "s", counts[AZ_SEVERITY_CRITICAL], counts[AZ_SEVERITY_HIGH],
            counts[AZ_SEVERITY_MEDIUM], counts[AZ_SEVERITY_LOW], scan_result_file_count(r),
            scan_result_file_count(r) == 1 ? "" : "s", scan_result_template_count(r),
            scan_result_template_count(r) == 1 ? "" : "s", scan_result_error_count(r),
            scan_result_error_count(r) == 1 ? "" : "s", suppressed);
    if (o->baseline)
        fprintf(out, "baseline: %zu entr%s no longer match%s a finding\n", o->baseline_unmatched,
                o->baseline_unmatched == 1 ? "y" : "ies", o->baseline_unmatched == 1 ? "es" : "");
    return ferror(out) ? -1 : 0;
}
