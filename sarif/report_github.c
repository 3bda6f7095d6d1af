#include "report.h"
#include "report_path.h"

#include <stdlib.h>

/*
 * GitHub Actions workflow commands. GitHub reads "::command props::data" and
 * decodes %25, %0D and %0A in the data, and also %3A and %2C in property
 * values, where ':' would end the properties and ',' would start the next.
 */

static void put_escaped(FILE *out, const char *s, bool property)
{
    for (; *s; s++) {
        switch (*s) {
        case '%':
            fputs("%25", out);
            break;
        case '\r':
            fputs("%0D", out);
            break;
        case '\n':
            fputs("%0A", out);
            break;
        case ':':
            fputs(property ? "%3A" : ":", out);
            break;
        case ',':
            fputs(property ? "%2C" : ",", out);
            break;
        default:
            fputc(*s, out);
        }
    }
}

static const char *command_of(az_severity s)
{
    switch (s) {
    case AZ_SEVERITY_CRITICAL:
    case AZ_SEVERITY_HIGH:
        return "error";
    case AZ_SEVERITY_MEDIUM:
        return "warning";
    default:
        return "notice";
    }
}

/* "file=F": the path relative to the repository root, as annotations need.
 * Returns -1 when out of memory. */
static int put_file(FILE *out, const scan_result *r, const char *display)
{
    bool absolute;
    char *path = report_path_resolve(r, display, &absolute);
    if (!path)
        return -1;
    fputs("file=", out);
    put_escaped(out, path, true);
    free(path);
    return 0;
}

int report_github(FILE *out, const scan_result *r, const report_options *o)
{
    const az_findings *f = scan_result_findings(r);
    for (size_t i = 0; i < az_findings_count(f); i++) {
        const az_finding *x = az_findings_get(f, i);
        if ((x->severity == AZ_SEVERITY_NOTE && !o->show_notes) || x->suppressed || x->baselined)
            continue;
        fprintf(out, "::%s ", command_of(x->severity));
        if (put_file(out, r, x->file) != 0)
            return -1;
        fprintf(out, ",line=%u,col=%u,endLine=%u,endColumn=%u,title=", x->range.start_line,
                x->range.start_column, x->range.end_line, x->range.end_column);
        put_escaped(out, x->check->meta.id, true);
        fputc(' ', out);
        put_escaped(out, x->check->meta.name, true);
        fputs("::", out);
        put_escaped(out, x->message, false);
        if (x->variant) {
            fputs(" [variant ", out);
            put_escaped(out, x->variant, false);
            fputc(']', out);
        }
        fputc('\n', out);
    }
    for (size_t i = 0; i < scan_result_error_count(r); i++) {
        const scan_error *e = scan_result_error(r, i);
        fputs("::error ", out);
        if (put_file(out, r, e->file) != 0)
            return -1;
        if (e->has_position)
            fprintf(out, ",line=%u,col=%u", e->line, e->column);
        fputs(",title=azscan::", out);
        put_escaped(out, e->message, false);
        fputc('\n', out);
    }
    if (o->verbose) {
        for (size_t i = 0; i < scan_result_warning_count(r); i++) {
            const scan_warning *w = scan_result_warning(r, i);
            fputs("::warning ", out);
            if (w->file) {
                if (put_file(out, r, w->file) != 0)
                    return -1;
                fprintf(out, ",line=%u,col=%u,", w->line, w->column);
            }
            fputs("title=azscan::", out);
            put_escaped(out, w->message, false);
            fputc('\n', out);
        }
    }
    return ferror(out) ? -1 : 0;
}
