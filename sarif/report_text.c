#include "report.h"
#include "report_lines.h"
#include "report_terminal.h"
#include "source.h"

#include <limits.h>
#include <string.h>

#define BOLD "\033[1m"
#define DIM "\033[2m"
#define RESET "\033[0m"

static const char *const severity_colors[] = {
    [AZ_SEVERITY_NOTE] = DIM,
    [AZ_SEVERITY_LOW] = "\033[36m",
    [AZ_SEVERITY_MEDIUM] = "\033[33m",
    [AZ_SEVERITY_HIGH] = "\033[31m",
    [AZ_SEVERITY_CRITICAL] = "\033[1;31m",
};

static const char *const color_names[] = {
    [REPORT_COLOR_AUTO] = "auto",
    [REPORT_COLOR_ALWAYS] = "always",
    [REPORT_COLOR_NEVER] = "never",
};

bool report_color_parse(const char *text, report_color *out)
{
    for (size_t i = 0; i < sizeof(color_names) / sizeof(*color_names); i++) {
        if (strcmp(text, color_names[i]) == 0) {
            *out = (report_color)i;
            return true;
        }
    }
    return false;
}

bool report_color_enabled(report_color mode, bool tty, const char *no_color)
{
    if (mode != REPORT_COLOR_AUTO)
        return mode == REPORT_COLOR_ALWAYS;
    return tty && !(no_color && *no_color);
}

/* The file whose findings are being written. Findings come sorted by file
 * and line, so each file's lines are read forward, once. */
typedef struct {
    const scan_result *result;
    const char *display; /* the file of `lines`, or NULL before the first */
    report_lines *lines;
} text_source;

/* Opens `display` in place of the file open before; -1 when out of memory. */
static int source_open(text_source *s, const char *display)
{
    report_lines_free(s->lines);
    s->lines = NULL;
    s->display = display;
    const char *disk = scan_result_disk_path(s->result, display);
    /* A file the scan did not read has no lines to show. */
    if (disk && !(s->lines = report_lines_open(disk, SOURCE_MAX_SIZE)))
        return -1;
    return 0;
}

static bool accepted(const az_finding *x)
{
    return x->suppressed || x->baselined;
}

static bool shown(const az_finding *x, const report_options *o)
{
    return (x->severity != AZ_SEVERITY_NOTE || o->show_notes) &&
           (!accepted(x) || o->show_suppressed);
}

/* "FILE (3 findings, 1 suppressed)" over the findings of x[first]'s file. */
static void write_header(FILE *out, const az_findings *f, size_t first, const report_options *o)
{
    const char *file = az_findings_get(f, first)->file;
    size_t open = 0, closed = 0;
    for (size_t i = first; i < az_findings_count(f); i++) {
        const az_finding *x = az_findings_get(f, i);
        if (strcmp(x->file, file) != 0)
            break;
        if (shown(x, o))
            *(accepted(x) ? &closed : &open) += 1;
    }
    fputs(o->color ? BOLD : "", out);
    report_terminal_puts(out, file);
    fprintf(out, " (%zu finding%s", open, open == 1 ? "" : "s");
    if (closed)
        fprintf(out, ", %zu suppressed", closed);
    fprintf(out, ")%s\n", o->color ? RESET : "");
}

/* Returns 0, or -1 when out of memory. */
static int write_finding(FILE *out, const az_finding *x, text_source *s, bool color)
{
    const char *sev = color ? severity_colors[x->severity] : NULL;
    report_terminal_puts(out, x->file);
    fprintf(out, ":%u:%u: %s%s%s %s %s: ", x->range.start_line, x->range.start_column,
            sev ? sev : "", az_severity_name(x->severity), sev ? RESET : "", x->check->meta.id,
            x->check->meta.name);
    report_terminal_puts(out, x->message);
    if (x->variant) {
        fputs(" [variant ", out);
        report_terminal_puts(out, x->variant);
        fputc(']', out);
    }
    if (x->suppressed) {
        fputs(" [suppressed", out);
        if (x->justification) {
            fputs(": ", out);
            report_terminal_puts(out, x->justification);
        }
        fputc(']', out);
    } else if (x->baselined) {
        fputs(" [in the baseline]", out);
    }
    fputc('\n', out);

    const az_range *g = &x->range;
    const char *text;
    size_t len;
    int got = s->lines ? report_lines_get(s->lines, g->start_line, &text, &len) : 0;
    if (got < 0)
        return -1;
    if (got)
        report_terminal_snippet(out, text, len, g->start_line, g->start_column,
                                g->end_line > g->start_line    ? UINT_MAX
                                : g->end_line == g->start_line ? g->end_column
                                                               : 0,
                                sev);
    for (size_t k = 0; k < x->related_count; k++) {
        fprintf(out, "  %s", color ? DIM : "");
        report_terminal_puts(out, x->related[k].file);
        fprintf(out, ":%u:%u: note: ", x->related[k].range.start_line,
                x->related[k].range.start_column);
        report_terminal_puts(out, x->related[k].label);
        fprintf(out, "%s\n", color ? RESET : "");
    }
    return 0;
}

/* "file:line:col: error: message", the position when there is one. */
static void write_problem(FILE *out, const char *file, bool positioned, unsigned line,
                          unsigned column, const char *kind, const char *color, const char *message)
{
    if (file) {
        report_terminal_puts(out, file);
        if (positioned)
            fprintf(out, ":%u:%u", line, column);
        fputs(": ", out);
    }
    fprintf(out, "%s%s%s: ", color ? color : "", kind, color ? RESET : "");
    report_terminal_puts(out, message);
    fputc('\n', out);
}

static void write_summary(FILE *out, const scan_result *r, const report_options *o,
                          const size_t *counts, size_t suppressed)
{
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
    if (o->delta)
        fprintf(out, "new-only: %zu new, %zu unchanged, %zu fixed since the base\n",
                o->delta->new_count, o->delta->unchanged, o->delta->fixed);
    if (o->baseline)
        fprintf(out, "baseline: %zu entr%s no longer match%s a finding\n", o->baseline_unmatched,
                o->baseline_unmatched == 1 ? "y" : "ies", o->baseline_unmatched == 1 ? "es" : "");
}

int report_text(FILE *out, const scan_result *r, const report_options *o)
{
    const az_findings *f = scan_result_findings(r);
    size_t counts[AZ_SEVERITY_CRITICAL + 1] = {0}, suppressed = 0;
    text_source src = {r, NULL, NULL};
    bool written = false; /* a blank line then separates what follows */
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < az_findings_count(f); i++) {
        const az_finding *x = az_findings_get(f, i);
        if (x->severity == AZ_SEVERITY_NOTE && !o->show_notes)
            continue;
        if (accepted(x))
            suppressed++;
        else
            counts[x->severity]++;
        if (!shown(x, o))
            continue;
        if (!src.display || strcmp(src.display, x->file) != 0) {
            if (written)
                fputc('\n', out);
            write_header(out, f, i, o);
            written = true;
            rc = source_open(&src, x->file);
        }
        if (rc == 0)
            rc = write_finding(out, x, &src, o->color);
    }
    report_lines_free(src.lines);
    if (rc != 0)
        return -1;

    size_t errors = scan_result_error_count(r), warnings = scan_result_warning_count(r);
    if (written && (errors || (o->verbose && warnings)))
        fputc('\n', out);
    for (size_t i = 0; i < errors; i++) {
        const scan_error *e = scan_result_error(r, i);
        write_problem(out, e->file, e->has_position, e->line, e->column, "error",
                      o->color ? severity_colors[AZ_SEVERITY_CRITICAL] : NULL, e->message);
        written = true;
    }
    for (size_t i = 0; o->verbose && i < warnings; i++) {
        const scan_warning *w = scan_result_warning(r, i);
        write_problem(out, w->file, w->file != NULL, w->line, w->column, "warning",
                      o->color ? severity_colors[AZ_SEVERITY_MEDIUM] : NULL, w->message);
        written = true;
    }
    if (written)
        fputc('\n', out);
    write_summary(out, r, o, counts, suppressed);
    return ferror(out) ? -1 : 0;
}
