#include "report.h"

#include <stdlib.h>
#include <string.h>

/*
 * JUnit XML as Azure DevOps (PublishTestResults, format JUnit) and Jenkins
 * (junit step) read it. A file is a suite; a check that failed on a resource
 * is a failing test case, all its findings on that resource in one
 * <failure>, since both tools show one failure per case; a file that could
 * not be analyzed is a case with an <error>; with --include-passed, a check
 * that passed on a resource is a passing case.
 */

/* A finding, a pass or a file error, ordered into suites and cases. */
typedef struct {
    const char *file;
    const az_finding *finding; /* one of the three is set */
    const az_pass *pass;
    const scan_error *error;
    size_t order;
} item;

/* What a finding's or a pass's case is about. */
typedef struct {
    const az_check *check;
    const char *resource_type, *resource;
} subject;

static subject subject_of(const item *i)
{
    if (i->finding)
        return (subject){i->finding->check, i->finding->resource_type, i->finding->resource};
    return (subject){i->pass->check, i->pass->resource_type, i->pass->resource};
}

static int cmp_str(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "");
}

/* By file; within it errors first, then by check, resource type and
 * resource, so that a case's findings are adjacent; then as reported. */
static int compare_items(const void *pa, const void *pb)
{
    const item *a = pa, *b = pb;
    int c = cmp_str(a->file, b->file);
    if (c)
        return c;
    if (!a->error != !b->error)
        return a->error ? -1 : 1;
    if (!a->error) {
        subject x = subject_of(a), y = subject_of(b);
        if ((c = strcmp(x.check->meta.id, y.check->meta.id)) ||
            (c = cmp_str(x.resource_type, y.resource_type)) ||
            (c = cmp_str(x.resource, y.resource)))
            return c;
        if (!a->pass != !b->pass)
            return a->pass ? 1 : -1;
    }
    return (a->order > b->order) - (a->order < b->order);
}

static bool same_case(const item *a, const item *b)
{
    if (cmp_str(a->file, b->file) != 0 || !a->error != !b->error || !a->pass != !b->pass)
        return false;
    if (a->error)
        return true; /* a file's errors make one case */
    subject x = subject_of(a), y = subject_of(b);
    return x.check == y.check && cmp_str(x.resource_type, y.resource_type) == 0 &&
           cmp_str(x.resource, y.resource) == 0;
}

/* XML 1.0 cannot carry most control characters, even as references: they
 * become U+FFFD. In attributes, whitespace other than spaces is written as
 * references, or it would be normalized to spaces. */
static void put_xml(FILE *out, const char *s, bool attribute)
{
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        switch (*p) {
        case '&':
            fputs("&amp;", out);
            break;
        case '<':
            fputs("&lt;", out);
            break;
        case '>':
            fputs("&gt;", out);
            break;
        case '"':
            fputs(attribute ? "&quot;" : "\"", out);
            break;
        case '\'':
            fputs(attribute ? "&apos;" : "'", out);
            break;
        case '\n':
        case '\r':
        case '\t':
            if (attribute)
                fprintf(out, "&#%d;", *p);
            else
                fputc(*p, out);
            break;
        default:
            if (*p < 0x20 || *p == 0x7F)
                fputs("\xEF\xBF\xBD", out);
            else
                fputc(*p, out);
        }
    }
}

static void put_finding_line(FILE *out, const az_finding *f)
{
    put_xml(out, f->file, false);
    fprintf(out, ":%u:%u: %s: ", f->range.start_line, f->range.start_column,
            az_severity_name(f->severity));
    put_xml(out, f->message, false);
    if (f->variant) {
        fputs(" [variant ", out);
        put_xml(out, f->variant, false);
        fputc(']', out);
    }
    fputc('\n', out);
    for (size_t k = 0; k < f->related_count; k++) {
        fputs("  ", out);
        put_xml(out, f->related[k].file, false);
        fprintf(out, ":%u:%u: note: ", f->related[k].range.start_line,
                f->related[k].range.start_column);
        put_xml(out, f->related[k].label, false);
        fputc('\n', out);
    }
}

/* One failing case: items [first, end) are findings of one check on one
 * resource. */
static void put_failure_case(FILE *out, const item *first, const item *end)
{
    const az_finding *f = first->finding;
    az_severity worst = f->severity;
    for (const item *i = first; i < end; i++)
        if (i->finding->severity > worst)
            worst = i->finding->severity;
    fputs("    <testcase classname=\"", out);
    put_xml(out, f->resource_type, true);
    fprintf(out, "\" name=\"%s %s: ", f->check->meta.id, f->check->meta.name);
    put_xml(out, f->resource, true);
    fputs("\">\n      <failure message=\"", out);
    put_xml(out, f->message, true);
    fprintf(out, "\" type=\"%s\">", az_severity_name(worst));
    /* The body is written escaped rather than as CDATA, which a message
     * holding "]]>" would end. */
    for (const item *i = first; i < end; i++)
        put_finding_line(out, i->finding);
    fputs("Remediation: ", out);
    put_xml(out, f->check->meta.remediation, false);
    fputs("</failure>\n    </testcase>\n", out);
}

/* One passing case: a check that found nothing on a resource. */
static void put_pass_case(FILE *out, const az_pass *p)
{
    fputs("    <testcase classname=\"", out);
    put_xml(out, p->resource_type, true);
    fprintf(out, "\" name=\"%s %s: ", p->check->meta.id, p->check->meta.name);
    put_xml(out, p->resource, true);
    fputs("\"/>\n", out);
}

/* One erroring case: items [first, end) are errors of one file. */
static void put_error_case(FILE *out, const item *first, const item *end)
{
    fputs("    <testcase classname=\"azscan\" name=\"", out);
    put_xml(out, first->file, true);
    fputs(": analysis\">\n      <error message=\"", out);
    put_xml(out, first->error->message, true);
    fputs("\" type=\"error\">", out);
    for (const item *i = first; i < end; i++) {
        put_xml(out, i->file, false);
        if (i->error->has_position)
            fprintf(out, ":%u:%u", i->error->line, i->error->column);
        fputs(": error: ", out);
        put_xml(out, i->error->message, false);
        fputc('\n', out);
    }
    fputs("</error>\n    </testcase>\n", out);
}

/* Counts the cases of items [first, end), the failed and the errored ones. */
static void count_cases(const item *first, const item *end, size_t *cases, size_t *failures,
                        size_t *errors)
{
    *cases = *failures = *errors = 0;
    for (const item *i = first; i < end; i++) {
        if (i == first || !same_case(i - 1, i)) {
            (*cases)++;
            *failures += i->finding != NULL;
            *errors += i->error != NULL;
        }
    }
}

int report_junit(FILE *out, const scan_result *r, const report_options *o)
{
    const az_findings *f = scan_result_findings(r);
    size_t passes = o->include_passed ? az_findings_pass_count(f) : 0;
    size_t cap = az_findings_count(f) + passes + scan_result_error_count(r);
    item *items = malloc((cap ? cap : 1) * sizeof(*items));
    if (!items)
        return -1;
    size_t n = 0;
    for (size_t i = 0; i < az_findings_count(f); i++) {
        const az_finding *x = az_findings_get(f, i);
        /* A test tab shows pass and fail: notes never fail, so they are not cases. */
        if (x->severity == AZ_SEVERITY_NOTE || x->suppressed || x->baselined)
            continue;
        items[n] = (item){x->file, x, NULL, NULL, n};
        n++;
    }
    for (size_t i = 0; i < passes; i++) {
        const az_pass *p = az_findings_pass(f, i);
        items[n] = (item){p->file, NULL, p, NULL, n};
        n++;
    }
    for (size_t i = 0; i < scan_result_error_count(r); i++) {
        const scan_error *e = scan_result_error(r, i);
        items[n] = (item){e->file, NULL, NULL, e, n};
        n++;
    }
    qsort(items, n, sizeof(*items), compare_items);

    size_t cases, failures, errors;
    count_cases(items, items + n, &cases, &failures, &errors);
    fprintf(out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<testsuites name=\"azscan\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\">\n",
            cases, failures, errors);
    for (size_t s = 0; s < n;) {
        size_t e = s;
        while (e < n && cmp_str(items[e].file, items[s].file) == 0)
            e++;
        count_cases(items + s, items + e, &cases, &failures, &errors);
        fputs("  <testsuite name=\"", out);
        put_xml(out, items[s].file, true);
        fprintf(out, "\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" skipped=\"0\">\n", cases,
                failures, errors);
        for (size_t c = s; c < e;) {
            size_t d = c + 1;
            while (d < e && same_case(&items[c], &items[d]))
                d++;
            if (items[c].finding)
                put_failure_case(out, items + c, items + d);
            else if (items[c].pass)
                put_pass_case(out, items[c].pass);
            else
                put_error_case(out, items + c, items + d);
            c = d;
        }
        fputs("  </testsuite>\n", out);
        s = e;
    }
    fputs("</testsuites>\n", out);
    free(items);
    return ferror(out) ? -1 : 0;
}
