/*
 * The azscan command line: argument parsing, help, and printing. This is the
 * only layer that writes to stdout or stderr.
 *
 * Streams: syntax trees and diagnostics about analyzed files (the report)
 * go to stdout, except that `parse` without --errors sends diagnostics to
 * stderr so that stdout holds trees only. Usage errors, warnings, and
 * --verbose notes go to stderr.
 */
#include "analysis.h"
#include "baseline.h"
#include "changes.h"
#include "check.h"
#include "config.h"
#include "discover.h"
#include "exit_code.h"
#include "language.h"
#include "model.h"
#include "model_json.h"
#include "report.h"
#include "scan.h"
#include "tree_print.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#define MAX_TIMEOUT_SECONDS 86400.0
#define MAX_JOBS 1024
#define MAX_LIST_ITEMS 64

static const char main_usage[] =
    "usage: azscan <command> [options] [arguments]\n"
    "\n"
    "Static security analysis for Azure Bicep and ARM templates.\n"
    "\n"
    "Commands:\n"
    "  scan [PATH...]            analyze the templates under each PATH (default .)\n"
    "  checks                    list the checks\n"
    "  explain ID|NAME           show a check's documentation\n"
    "  model FILE                print the resource model azscan builds for a template\n"
    "  parse [--errors] FILE...  print each file's syntax tree, or only its syntax errors\n"
    "  help [COMMAND]            show this help, or a command's\n"
    "\n"
    "Options:\n"
    "  -h, --help     show help\n"
    "  --version      print the version\n";

static const char exit_code_help[] =
    "\n"
    "Exit codes:\n"
    "  0  success: no finding at or above the threshold, every file analyzed\n"
    "  1  findings at or above the threshold (--fail-on, default low)\n"
    "  2  usage error: unknown option, missing argument, a path that does not exist,\n"
    "     an invalid configuration file\n"
    "  3  a file could not be analyzed (syntax error, unreadable, binary, invalid UTF-8,\n"
    "     too large, parse timeout) and no finding reached the threshold; the other\n"
    "     files are still analyzed\n";

static const char scan_usage[] =
    "usage: azscan scan [options] [PATH...]\n"
    "\n"
    "Finds the templates under each PATH (default .), builds the model of each\n"
    "(once per parameter file that goes with it), runs the security checks and\n"
    "reports the findings, then every file that cannot be analyzed.\n"
    "\n"
    "Directories are walked recursively, skipping .git and node_modules and not\n"
    "following symbolic links to directories. .bicep and .bicepparam files are\n"
    "taken; .json and .jsonc files only when their top-level $schema names a\n"
    "deploymentTemplate.json or deploymentParameters.json schema. Paths are shown\n"
    "relative to the directory argument they were found under.\n"
    "\n"
    "Options:\n"
    "  --format FORMAT           text (default), json, sarif, junit or github; see\n"
    "                            docs/output.md. May be given several times, each\n"
    "                            with its own --output\n"
    "  --output FILE             write the report of the --format before it to FILE\n"
    "                            (atomically) instead of stdout\n"
    "  --category ID             SARIF automationDetails.id, for several scans of one repo\n"
    "  --create-baseline FILE    write the fingerprints of the findings to FILE\n"
    "  --baseline FILE           accept the findings FILE lists: only new ones fail\n"
    "  --check LIST              run only these checks: ids, names or id prefixes such\n"
    "                            as AZS2, comma-separated; may be repeated\n"
    "  --skip-check LIST         do not run these checks\n"
    "  --fail-on SEVERITY        exit 1 on findings at or above critical, high, medium\n"
    "                            or low (default low)\n"
    "  --param-file FILE         analyze the templates with this parameter file only\n"
    "  --config FILE             read the configuration from FILE instead of the\n"
    "                            .azscan.json found from the first PATH upward\n"
    "  --no-config               ignore any .azscan.json\n"
    "  --strict                  report values that could not be resolved as notes\n"
    "  --allowed-locations LIST  report resources outside these locations\n"
    "  --required-tags LIST      report resources without these tag keys\n"
    "  --verbose                 also list warnings and skipped files\n"
    "  --show-suppressed         list suppressed findings in the text report too\n"
    "  --include-passed          list each check x resource that passed, in JSON and\n"
    "                            JUnit\n"
    "  --color WHEN              colour the text report: auto (default: on a terminal,\n"
    "                            unless NO_COLOR is set), always or never\n"
    "  --soft-fail               exit 0 whatever is found (usage errors still exit 2)\n"
    "  --require-justification   ignore suppressions that give no reason\n"
    "  --timeout SECONDS         abandon a file whose parse takes longer than this (default:\n"
    "                            10 plus 1 per MiB of the file; 0: no limit)\n"
    "  -j, --jobs N, -jN         analyze files on N threads, 1 to 1024 (default: one per\n"
    "                            online CPU); the report is the same whatever N is\n"
    "\n"
    "Changed files only (read with libgit2; paths relative to the work tree's root):\n"
    "  --diff REF                the templates changed since the merge base of REF and\n"
    "                            HEAD, in the working tree, and the templates and\n"
    "                            parameter files that use them\n"
    "  --staged                  the staged content of the templates changed in the\n"
    "                            index, and what uses them (for a pre-commit hook)\n"
    "  --new-only                with --diff or --staged: only findings the base\n"
    "                            revision does not have\n"
    "  --changed-lines           with --diff or --staged: only findings on added or\n"
    "                            modified lines\n";

static const char checks_usage[] =
    "usage: azscan checks [--format text|json|markdown]\n"
    "\n"
    "Lists every check: id, severity, name and title. --format json gives all the\n"
    "metadata; --format markdown the catalog documentation (docs/checks.md).\n";

static const char explain_usage[] = "usage: azscan explain ID|NAME\n"
                                    "\n"
                                    "Shows a check's full documentation: what it looks for, why\n"
                                    "it matters, how to fix it in Bicep and ARM, and references.\n";

static const char model_usage[] =
    "usage: azscan model [--param-file FILE] FILE\n"
    "\n"
    "Prints, as JSON, the resource model azscan builds for the template FILE: every\n"
    "deployment variant with its parameters, variables, resources, modules and\n"
    "outputs, every value with its origin and source ranges (see docs/model.md).\n"
    "A .bicepparam FILE stands for its template with itself as the parameter file.\n";

static const char parse_usage[] =
    "usage: azscan parse [--errors] [--timeout SECONDS] FILE...\n"
    "\n"
    "Prints each file's syntax tree on stdout as an indented S-expression of named\n"
    "nodes with field names and LINE:COL-LINE:COL ranges (1-based, columns in\n"
    "characters, end exclusive); syntax errors go to stderr. The grammar is chosen\n"
    "by extension: .bicep and .bicepparam are Bicep, .json and .jsonc are ARM JSON.\n"
    "\n"
    "Options:\n"
    "  --errors             print only syntax errors, as FILE:LINE:COL: error: MESSAGE,\n"
    "                       on stdout\n"
    "  --timeout SECONDS    abandon a file whose parse takes longer than this (default:\n"
    "                       10 plus 1 per MiB of the file; 0: no limit)\n";

static const char help_usage[] = "usage: azscan help [COMMAND]\n"
                                 "\n"
                                 "Shows the help of azscan, or of COMMAND.\n";

typedef struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *usage;
} command;

static int usage_error(const char *usage, const char *format, const char *arg)
{
    fprintf(stderr, "azscan: ");
    fprintf(stderr, format, arg);
    fprintf(stderr, "\n\n%s", usage);
    return EXIT_USAGE;
}

static void print_diagnostics(FILE *out, const char *path, const diagnostic_list *list)
{
    for (size_t i = 0; i < diagnostic_list_count(list); i++) {
        const diagnostic *d = diagnostic_list_get(list, i);
        if (d->has_position)
            fprintf(out, "%s:%u:%u: error: %s\n", path, d->position.line, d->position.column,
                    d->message);
        else
            fprintf(out, "%s: error: %s\n", path, d->message);
    }
}

/* The exit code after one more outcome: a usage error outranks a failure. */
static int worse(int code, int other)
{
    if (code == EXIT_USAGE || other == EXIT_USAGE)
        return EXIT_USAGE;
    if (code == EXIT_INCOMPLETE || other == EXIT_INCOMPLETE)
        return EXIT_INCOMPLETE;
    if (code == EXIT_FINDINGS || other == EXIT_FINDINGS)
        return EXIT_FINDINGS;
    return EXIT_OK;
}

static int finish_output(int code)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "azscan: cannot write output: %s\n", strerror(errno));
        return worse(code, EXIT_INCOMPLETE);
    }
    return code;
}

/* Options shared by the analyzing commands. */
typedef struct {
    int errors_only;
    int verbose;
    analysis_options analysis;
    char **operands;
    int operand_count;
} options;

static int parse_timeout(const char *text, uint64_t *micros)
{
    char *end;
    errno = 0;
    double seconds = strtod(text, &end);
    if (errno != 0 || end == text || *end != '\0' || !isfinite(seconds) || seconds < 0 ||
        seconds > MAX_TIMEOUT_SECONDS)
        return -1;
    *micros = (uint64_t)(seconds * 1e6);
    /* A tiny positive timeout must not round to 0, which means "none". */
    if (*micros == 0 && seconds > 0)
        *micros = 1;
    return 0;
}

/*
 * Parses the arguments after the command name. Operands are collected in
 * place in argv. `allowed` lists the flags this command accepts. Returns 0,
 * 1 after printing help, or EXIT_USAGE after printing a usage error.
 */
static int parse_options(int argc, char **argv, const char *usage, const char *allowed, options *o)
{
    memset(o, 0, sizeof(*o));
    o->analysis.parse_timeout_micros = ANALYSIS_TIMEOUT_SCALED;
    o->operands = argv;
    int only_operands = 0;
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        if (only_operands || arg[0] != '-' || strcmp(arg, "-") == 0) {
            o->operands[o->operand_count++] = argv[i];
            continue;
        }
        const char *value = NULL;
        char flag[32];
        const char *eq = strchr(arg, '=');
        size_t flag_len = eq ? (size_t)(eq - arg) : strlen(arg);
        if (flag_len >= sizeof(flag))
            return usage_error(usage, "unknown option '%s'", arg);
        memcpy(flag, arg, flag_len);
        flag[flag_len] = '\0';
        if (eq)
            value = eq + 1;

        if (strcmp(flag, "--") == 0 && !eq) {
            only_operands = 1;
        } else if ((strcmp(flag, "-h") == 0 || strcmp(flag, "--help") == 0) && !eq) {
            fputs(usage, stdout);
            return 1;
        } else if (strcmp(flag, "--errors") == 0 && strstr(allowed, "errors") && !eq) {
            o->errors_only = 1;
        } else if (strcmp(flag, "--verbose") == 0 && strstr(allowed, "verbose") && !eq) {
            o->verbose = 1;
        } else if (strcmp(flag, "--timeout") == 0) {
            if (!value) {
                if (i + 1 >= argc)
                    return usage_error(usage, "option '%s' needs a number of seconds", arg);
                value = argv[++i];
            }
            if (parse_timeout(value, &o->analysis.parse_timeout_micros) != 0)
                return usage_error(usage, "invalid timeout '%s': expected seconds, 0 to 86400",
                                   value);
        } else {
            return usage_error(usage, "unknown option '%s'", arg);
        }
    }
    return 0;
}

/*
 * Analyzes one file and prints what was found. `diagnostics_out` receives the
 * file's diagnostics; `tree_out`, when not NULL, its syntax tree.
 */
static int analyze_and_print(const char *display, const char *disk, language_id language,
                             const options *o, FILE *diagnostics_out, FILE *tree_out)
{
    analysis *a;
    analysis_status status = analysis_run(&a, disk, language, &o->analysis);
    if (status == ANALYSIS_NOMEM) {
        fprintf(diagnostics_out, "%s: error: out of memory\n", display);
        return EXIT_INCOMPLETE;
    }
    if (tree_out && analysis_tree(a))
        tree_print(tree_out, analysis_tree(a), analysis_source(a));
    print_diagnostics(status == ANALYSIS_NOT_FOUND ? stderr : diagnostics_out, display,
                      analysis_diagnostics(a));
    analysis_free(a);

    switch (status) {
    case ANALYSIS_CLEAN:
        return EXIT_OK;
    case ANALYSIS_NOT_FOUND:
        return EXIT_USAGE;
    case ANALYSIS_FAILED:
    case ANALYSIS_NOMEM:
        break;
    }
    return EXIT_INCOMPLETE;
}

static int run_parse(int argc, char **argv)
{
    options o;
    int rc = parse_options(argc, argv, parse_usage, "errors", &o);
    if (rc != 0)
        return rc == 1 ? EXIT_OK : rc;
    if (o.operand_count == 0)
        return usage_error(parse_usage, "%s", "parse needs at least one FILE");

    int code = EXIT_OK;
    for (int i = 0; i < o.operand_count; i++) {
        const char *path = o.operands[i];
        language_id language = language_for_path(path);
        if (language == LANGUAGE_NONE) {
            fprintf(stderr,
                    "%s: error: unknown file type (expected .bicep, .bicepparam, .json or "
                    ".jsonc)\n",
                    path);
            code = worse(code, EXIT_USAGE);
            continue;
        }
        FILE *tree_out = o.errors_only ? NULL : stdout;
        if (tree_out && o.operand_count > 1)
            fprintf(tree_out, "%s;; %s\n", i > 0 ? "\n" : "", path);
        code = worse(code, analyze_and_print(path, path, language, &o,
                                             o.errors_only ? stdout : stderr, tree_out));
    }
    return finish_output(code);
}

/* Splits a comma-separated list into `items` (pointing into `text`, which
 * is modified). Returns -1 when there are too many items or an empty one. */
static int split_list(char *text, const char **items, size_t *count)
{
    for (char *p = text;;) {
        char *comma = strchr(p, ',');
        if (comma)
            *comma = '\0';
        if (*p == '\0' || *count == MAX_LIST_ITEMS)
            return -1;
        items[(*count)++] = p;
        if (!comma)
            return 0;
        p = comma + 1;
    }
}

#define MAX_REPORTS 8

/* One report: a format, written to a file or (output NULL) to stdout. */
typedef struct {
    const char *format;
    const char *output;
} report_request;

typedef struct {
    report_request reports[MAX_REPORTS];
    size_t report_count;
    const char *category;
    const char *baseline;        /* --baseline FILE */
    const char *create_baseline; /* --create-baseline FILE */
    const char *param_file;
    const char *config;   /* --config FILE */
    const char *diff_ref; /* --diff REF */
    bool staged, new_only, changed_lines;
    const char *include[MAX_LIST_ITEMS], *exclude[MAX_LIST_ITEMS];
    size_t include_count, exclude_count;
    const char *locations[MAX_LIST_ITEMS + 1], *tags[MAX_LIST_ITEMS + 1];
    size_t location_count, tag_count;
    az_severity fail_on;
    report_color color;
    uint64_t timeout_micros;
    unsigned jobs; /* 0: one per online CPU */
    bool strict, verbose, show_suppressed, soft_fail, require_justification, locations_set,
        tags_set, fail_on_set, no_config, include_passed;
    const char **paths;
    size_t path_count;
} scan_flags;

typedef int (*report_writer_fn)(FILE *out, const scan_result *r, const report_options *o,
                                const char *category);

static int write_text(FILE *out, const scan_result *r, const report_options *o, const char *c)
{
    (void)c;
    return report_text(out, r, o);
}

static int write_json(FILE *out, const scan_result *r, const report_options *o, const char *c)
{
    (void)c;
    return report_json(out, r, o);
}

static int write_junit(FILE *out, const scan_result *r, const report_options *o, const char *c)
{
    (void)c;
    return report_junit(out, r, o);
}

static int write_github(FILE *out, const scan_result *r, const report_options *o, const char *c)
{
    (void)c;
    return report_github(out, r, o);
}

static int write_baseline(FILE *out, const scan_result *r, const report_options *o, const char *c)
{
    (void)o;
    (void)c;
    return baseline_write(out, r);
}

/* The writer of a format name ("baseline" is --create-baseline's), or NULL. */
static report_writer_fn report_writer(const char *format)
{
    static const struct {
        const char *name;
        report_writer_fn fn;
    } writers[] = {{"text", write_text},   {"json", write_json},     {"sarif", report_sarif},
                   {"junit", write_junit}, {"github", write_github}, {"baseline", write_baseline}};
    for (size_t i = 0; i < sizeof(writers) / sizeof(*writers); i++)
        if (strcmp(format, writers[i].name) == 0)
            return writers[i].fn;
    return NULL;
}

/* Writes one report; a file is written whole under a temporary name, then
 * renamed, so a reader never sees half a report. Returns 0 or -1. */
static int write_report(const report_request *req, const scan_result *r, const report_options *base,
                        report_color color, const char *category)
{
    report_options ro = *base;
    ro.color =
        strcmp(req->format, "text") == 0 &&
        report_color_enabled(color, !req->output && isatty(STDOUT_FILENO), getenv("NO_COLOR"));
    if (!req->output)
        return report_writer(req->format)(stdout, r, &ro, category);
    size_t len = strlen(req->output) + 32;
    char *tmp = malloc(len);
    FILE *out = NULL;
    if (tmp) {
        snprintf(tmp, len, "%s.tmp.%ld", req->output, (long)getpid());
        out = fopen(tmp, "w");
    }
    if (!out) {
        fprintf(stderr, "azscan: cannot write '%s': %s\n", req->output,
                tmp ? strerror(errno) : "out of memory");
        free(tmp);
        return -1;
    }
    int written = report_writer(req->format)(out, r, &ro, category);
    if (fclose(out) != 0 || written != 0 || rename(tmp, req->output) != 0) {
        fprintf(stderr, "azscan: cannot write '%s': %s\n", req->output, strerror(errno));
        remove(tmp);
        written = -1;
    }
    free(tmp);
    return written;
}

/* A thread count: a decimal number from 1 to MAX_JOBS, nothing else. */
static int parse_jobs(const char *text, unsigned *jobs)
{
    if (text[0] < '0' || text[0] > '9')
        return -1;
    char *end;
    errno = 0;
    unsigned long n = strtoul(text, &end, 10);
    if (errno != 0 || *end != '\0' || n < 1 || n > MAX_JOBS)
        return -1;
    *jobs = (unsigned)n;
    return 0;
}

/* The value of `--flag VALUE` or `--flag=VALUE`; NULL after a usage error. */
static const char *flag_value(int argc, char **argv, int *i, const char *eq)
{
    if (eq)
        return eq + 1;
    if (*i + 1 >= argc)
        return NULL;
    return argv[++*i];
}

static int parse_scan_flags(int argc, char **argv, scan_flags *f)
{
    memset(f, 0, sizeof(*f));
    f->fail_on = AZ_SEVERITY_LOW;
    f->timeout_micros = ANALYSIS_TIMEOUT_SCALED;
    f->paths = (const char **)argv;
    bool only_paths = false;
    for (int i = 0; i < argc; i++) {
        char *arg = argv[i];
        if (only_paths || arg[0] != '-' || strcmp(arg, "-") == 0) {
            f->paths[f->path_count++] = arg;
            continue;
        }
        const char *eq = strchr(arg, '=');
        size_t n = eq ? (size_t)(eq - arg) : strlen(arg);
#define IS(name) (n == strlen(name) && strncmp(arg, name, n) == 0)
        if (IS("--") && !eq) {
            only_paths = true;
        } else if ((IS("-h") || IS("--help")) && !eq) {
            fputs(scan_usage, stdout);
            return 1;
        } else if (IS("--strict") && !eq) {
            f->strict = true;
        } else if (IS("--verbose") && !eq) {
            f->verbose = true;
        } else if (IS("--show-suppressed") && !eq) {
            f->show_suppressed = true;
        } else if (IS("--soft-fail") && !eq) {
            f->soft_fail = true;
        } else if (IS("--require-justification") && !eq) {
            f->require_justification = true;
        } else if (IS("--include-passed") && !eq) {
            f->include_passed = true;
        } else if (IS("--no-config") && !eq) {
            f->no_config = true;
        } else if (IS("--staged") && !eq) {
            f->staged = true;
        } else if (IS("--new-only") && !eq) {
            f->new_only = true;
        } else if (IS("--changed-lines") && !eq) {
            f->changed_lines = true;
        } else if (strncmp(arg, "-j", 2) == 0 && arg[2] && arg[2] != '=') {
            /* -jN, as make takes it. */
            if (parse_jobs(arg + 2, &f->jobs) != 0)
                return usage_error(scan_usage, "invalid number of jobs '%s': expected 1 to 1024",
                                   arg + 2);
        } else if (IS("--format") || IS("--output") || IS("--category") || IS("--baseline") ||
                   IS("--create-baseline") || IS("--param-file") || IS("--check") ||
                   IS("--skip-check") || IS("--fail-on") || IS("--allowed-locations") ||
                   IS("--required-tags") || IS("--timeout") || IS("--config") || IS("--color") ||
                   IS("--diff") || IS("--jobs") || IS("-j")) {
            char *value = (char *)flag_value(argc, argv, &i, eq);
            if (!value)
                return usage_error(scan_usage, "option '%s' needs a value", arg);
            if (IS("--format")) {
                if (!report_writer(value) || strcmp(value, "baseline") == 0)
                    return usage_error(scan_usage,
                                       "unknown format '%s': expected text, json, sarif, junit or "
                                       "github",
                                       value);
                if (f->report_count == MAX_REPORTS)
                    return usage_error(scan_usage, "%s", "too many --format options");
                f->reports[f->report_count++] = (report_request){value, NULL};
            } else if (IS("--output")) {
                /* --output goes with the --format before it (text if there is none). */
                if (f->report_count == 0 || f->reports[f->report_count - 1].output) {
                    if (f->report_count == MAX_REPORTS)
                        return usage_error(scan_usage, "%s", "too many --output options");
                    f->reports[f->report_count++] = (report_request){"text", NULL};
                }
                f->reports[f->report_count - 1].output = value;
            } else if (IS("--color")) {
                if (!report_color_parse(value, &f->color))
                    return usage_error(scan_usage,
                                       "unknown colour mode '%s': expected auto, always or never",
                                       value);
            } else if (IS("--category")) {
                f->category = value;
            } else if (IS("--baseline")) {
                f->baseline = value;
            } else if (IS("--create-baseline")) {
                f->create_baseline = value;
            } else if (IS("--param-file")) {
                f->param_file = value;
            } else if (IS("--config")) {
                f->config = value;
            } else if (IS("--diff")) {
                f->diff_ref = value;
            } else if (IS("--fail-on")) {
                if (!az_severity_parse(value, &f->fail_on) || f->fail_on == AZ_SEVERITY_NOTE)
                    return usage_error(scan_usage,
                                       "unknown severity '%s': expected critical, high, medium or "
                                       "low",
                                       value);
                f->fail_on_set = true;
            } else if (IS("--timeout")) {
                if (parse_timeout(value, &f->timeout_micros) != 0)
                    return usage_error(scan_usage,
                                       "invalid timeout '%s': expected seconds, 0 to 86400", value);
            } else if (IS("--jobs") || IS("-j")) {
                if (parse_jobs(value, &f->jobs) != 0)
                    return usage_error(scan_usage,
                                       "invalid number of jobs '%s': expected 1 to 1024", value);
            } else {
                bool checks = IS("--check") || IS("--skip-check");
                const char **items = IS("--check")               ? f->include
                                     : IS("--skip-check")        ? f->exclude
                                     : IS("--allowed-locations") ? f->locations
                                                                 : f->tags;
                size_t *count = IS("--check")               ? &f->include_count
                                : IS("--skip-check")        ? &f->exclude_count
                                : IS("--allowed-locations") ? &f->location_count
                                                            : &f->tag_count;
                if (split_list(value, items, count) != 0)
                    return usage_error(scan_usage, "invalid list '%s'", value);
                for (size_t k = 0; checks && k < *count; k++) {
                    bool any = false;
                    for (size_t c = 0; c < az_check_count() && !any; c++)
                        any = az_check_matches(az_check_get(c), items[k]);
                    if (!any)
                        return usage_error(scan_usage, "no check matches '%s'", items[k]);
                }
                f->locations_set |= IS("--allowed-locations");
                f->tags_set |= IS("--required-tags");
            }
        } else {
            return usage_error(scan_usage, "unknown option '%s'", arg);
        }
#undef IS
    }
    if (f->report_count == 0)
        f->reports[f->report_count++] = (report_request){"text", NULL};
    size_t to_stdout = 0;
    for (size_t i = 0; i < f->report_count; i++) {
        to_stdout += f->reports[i].output == NULL;
        for (size_t k = 0; k < i; k++)
            if (f->reports[i].output && f->reports[k].output &&
                strcmp(f->reports[i].output, f->reports[k].output) == 0)
                return usage_error(scan_usage, "two reports would go to '%s'",
                                   f->reports[i].output);
    }
    if (to_stdout > 1)
        return usage_error(scan_usage, "%s", "only one report can go to standard output");
    if (f->config && f->no_config)
        return usage_error(scan_usage, "%s", "--config and --no-config exclude each other");
    if (f->diff_ref && f->staged)
        return usage_error(scan_usage, "%s", "--diff and --staged cannot be combined");
    if ((f->new_only || f->changed_lines) && !f->diff_ref && !f->staged)
        return usage_error(scan_usage, "%s",
                           f->new_only ? "--new-only needs --diff REF or --staged"
                                       : "--changed-lines needs --diff REF or --staged");
    return 0;
}

/* Loads --config, or the .azscan.json found from the first path upward
 * (none is fine). Returns 0, or EXIT_USAGE after printing why. */
static int load_config(const scan_flags *f, const char *first_path, az_config **out)
{
    *out = NULL;
    if (f->no_config)
        return 0;
    char *found = f->config ? NULL : az_config_find(first_path);
    const char *path = f->config ? f->config : found;
    int rc = 0;
    char err[600];
    if (path && az_config_load(out, path, err, sizeof(err)) != 0) {
        fprintf(stderr, "azscan: %s\n", err);
        rc = EXIT_USAGE;
    } else if (path && f->verbose) {
        fprintf(stderr, "azscan: using configuration %s\n", path);
    }
    free(found);
    return rc;
}

/* The command line wins: the file fills in what the flags leave unset. */
static void merge_config(scan_flags *f, const az_config *c)
{
    if (!c)
        return;
    if (f->include_count == 0 && c->has_enabled) {
        for (size_t i = 0; i < c->enabled_count && i < MAX_LIST_ITEMS; i++)
            f->include[f->include_count++] = c->enabled[i];
    }
    if (f->exclude_count == 0 && c->has_disabled) {
        for (size_t i = 0; i < c->disabled_count && i < MAX_LIST_ITEMS; i++)
            f->exclude[f->exclude_count++] = c->disabled[i];
    }
    if (!f->fail_on_set && c->has_fail_on)
        f->fail_on = c->fail_on;
}

/* Opens the changes a --diff or --staged scan analyzes, says what they are,
 * and gives `so` its files. Returns EXIT_OK or the exit code of a failure. */
static int open_changes(const scan_flags *f, scan_options *so, changes **out)
{
    changes_options co = {f->diff_ref,      f->staged, f->new_only,
                          f->changed_lines, so->paths, so->path_count};
    char err[600];
    changes_status status = changes_open(out, &co, err, sizeof(err));
    if (status != CHANGES_OK) {
        fprintf(stderr, "azscan: %s\n", err);
        return status == CHANGES_ERR_USAGE ? EXIT_USAGE : EXIT_INCOMPLETE;
    }
    for (size_t i = 0; i < changes_note_count(*out); i++) {
        changes_note_level level;
        const char *text = changes_note(*out, i, &level);
        if (level == CHANGES_NOTE_WARNING)
            fprintf(stderr, "azscan: warning: %s\n", text);
        else if (level == CHANGES_NOTE_INFO || f->verbose)
            fprintf(stderr, "%s\n", text);
    }
    for (size_t i = 0; f->verbose && i < changes_file_count(*out); i++) {
        const dependents_file *d = changes_file(*out, i);
        fprintf(stderr, "%s: analyzed: %s\n", d->path, d->reason);
    }
    changes_scan_options(*out, so);
    return EXIT_OK;
}

static int run_scan(int argc, char **argv)
{
    scan_flags f;
    int rc = parse_scan_flags(argc, argv, &f);
    if (rc != 0)
        return rc == 1 ? EXIT_OK : rc;

    static const char *current_directory[] = {"."};
    scan_options so = {0};
    so.paths = f.path_count ? f.paths : current_directory;
    so.path_count = f.path_count ? f.path_count : 1;
    az_config *config;
    if ((rc = load_config(&f, so.paths[0], &config)) != 0)
        return rc;
    merge_config(&f, config);
    az_config_filter filter_state;
    discover_filter filter;
    if (config) {
        filter = az_config_filter_init(&filter_state, config);
        so.filter = &filter;
        so.param_file_for = az_config_param_file_lookup;
        so.param_file_ud = config;
    }
    so.param_file = f.param_file;
    so.parse_timeout_micros = f.timeout_micros;
    so.jobs = f.jobs;
    so.include = f.include;
    so.include_count = f.include_count;
    so.exclude = f.exclude;
    so.exclude_count = f.exclude_count;
    so.config.strict = f.strict;
    so.config.require_justification = f.require_justification;
    so.config.record_passed = f.include_passed;
    so.config.allowed_locations = f.locations_set                   ? f.locations
                                  : config && config->has_locations ? config->allowed_locations
                                                                    : NULL;
    so.config.required_tags = f.tags_set                   ? f.tags
                              : config && config->has_tags ? config->required_tags
                                                           : NULL;

    changes *changed = NULL;
    bool nothing_changed = false;
    if (f.diff_ref || f.staged) {
        int status = open_changes(&f, &so, &changed);
        if (status != EXIT_OK) {
            if (config)
                az_config_filter_clear(&filter_state);
            az_config_free(config);
            return status;
        }
        nothing_changed = changes_file_count(changed) == 0;
    }

    scan_result *result;
    rc = scan_run(&so, &result);
    if (config)
        az_config_filter_clear(&filter_state);
    if (rc != 0) {
        fprintf(stderr, "azscan: out of memory\n");
        az_config_free(config);
        changes_free(changed);
        return EXIT_INCOMPLETE;
    }
    if (config)
        az_config_apply_severities(config, scan_result_findings_mutable(result));
    report_delta delta = {0};
    if (changed) {
        char err[600];
        if (changes_filter(changed, &so, result, &delta, err, sizeof(err)) != 0) {
            fprintf(stderr, "azscan: %s\n", err);
            scan_result_free(result);
            changes_free(changed);
            az_config_free(config);
            return EXIT_INCOMPLETE;
        }
    }

    int code = EXIT_OK;
    for (size_t i = 0; i < scan_result_note_count(result); i++) {
        const scan_note *n = scan_result_note(result, i);
        if (n->kind == SCAN_NOTE_MISSING) {
            fprintf(stderr, "%s: error: %s\n", n->path, n->reason);
            code = EXIT_USAGE;
        } else if (n->kind == SCAN_NOTE_EMPTY) {
            fprintf(stderr, "no templates found under %s\n", n->path);
        } else if (n->kind == SCAN_NOTE_IGNORED) {
            fprintf(stderr, "%s: warning: skipped: %s\n", n->path, n->reason);
        } else if (f.verbose) {
            fprintf(stderr, "%s: skipped: %s\n", n->path, n->reason);
        }
    }

    report_options ro = {0};
    ro.provenance = changed ? changes_provenance(changed) : NULL;
    ro.delta = f.new_only ? &delta : NULL;
    ro.verbose = f.verbose;
    /* Notes exist only when asked for (--strict) or worth acting on (an unused suppression). */
    ro.show_notes = true;
    ro.show_suppressed = f.show_suppressed;
    ro.include_passed = f.include_passed;
    if (f.baseline) {
        char err[600];
        if (baseline_apply(f.baseline, result, &ro.baseline_unmatched, err, sizeof(err)) != 0) {
            fprintf(stderr, "azscan: %s\n", err);
            scan_result_free(result);
            az_config_free(config);
            return EXIT_USAGE;
        }
        ro.baseline = true;
    }
    int written = 0;
    if (f.create_baseline) {
        report_request req = {"baseline", f.create_baseline};
        if (write_report(&req, result, &ro, f.color, NULL) != 0)
            written = -1;
    }
    for (size_t i = 0; i < f.report_count; i++) {
        /* With nothing changed, one line says so rather than an empty text report. */
        if (nothing_changed && !f.reports[i].output && strcmp(f.reports[i].format, "text") == 0) {
            printf("no template changed since %s\n", changes_base_name(changed));
            continue;
        }
        if (write_report(&f.reports[i], result, &ro, f.color, f.category) != 0)
            written = -1;
    }
    if (nothing_changed &&
        (f.report_count > 1 || f.reports[0].output || strcmp(f.reports[0].format, "text") != 0))
        fprintf(stderr, "no template changed since %s\n", changes_base_name(changed));

    const az_findings *findings = scan_result_findings(result);
    bool failing = false;
    for (size_t i = 0; i < az_findings_count(findings); i++) {
        const az_finding *x = az_findings_get(findings, i);
        /* A suppressed finding was accepted: it never fails the gate. */
        failing |= !x->suppressed && !x->baselined && x->severity >= f.fail_on;
    }
    if (code != EXIT_USAGE) {
        if (failing)
            code = EXIT_FINDINGS;
        else if (scan_result_error_count(result) > 0 || written != 0)
            code = EXIT_INCOMPLETE;
    }
    scan_result_free(result);
    az_config_free(config);
    changes_free(changed);
    code = written != 0 ? worse(code, EXIT_INCOMPLETE) : finish_output(code);
    /* --soft-fail reports everything but only ever fails on usage errors. */
    return f.soft_fail && code != EXIT_USAGE ? EXIT_OK : code;
}

static void print_list(FILE *out, const char *const *items, const char *sep)
{
    for (size_t i = 0; items && items[i]; i++)
        fprintf(out, "%s%s", i ? sep : "", items[i]);
}

static int run_checks(int argc, char **argv)
{
    const char *format = "text";
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
            fputs(checks_usage, stdout);
            return finish_output(EXIT_OK);
        } else if (strncmp(arg, "--format", 8) == 0 && (arg[8] == '=' || arg[8] == '\0')) {
            format = arg[8] == '=' ? arg + 9 : (i + 1 < argc ? argv[++i] : NULL);
            if (!format ||
                (strcmp(format, "text") && strcmp(format, "json") && strcmp(format, "markdown")))
                return usage_error(checks_usage, "%s", "--format takes text, json or markdown");
        } else {
            return usage_error(checks_usage, "unexpected argument '%s'", arg);
        }
    }
    if (strcmp(format, "json") == 0)
        return check_catalog_json(stdout) == 0 ? finish_output(EXIT_OK) : EXIT_INCOMPLETE;
    if (strcmp(format, "markdown") == 0)
        return check_catalog_markdown(stdout) == 0 ? finish_output(EXIT_OK) : EXIT_INCOMPLETE;
    for (size_t i = 0; i < az_check_count(); i++) {
        const az_check_meta *m = &az_check_get(i)->meta;
        printf("%s  %-8s  %-40s  %s\n", m->id, az_severity_name(m->severity), m->name, m->title);
    }
    return finish_output(EXIT_OK);
}

static int run_explain(int argc, char **argv)
{
    if (argc == 1 && (strcmp(argv[0], "-h") == 0 || strcmp(argv[0], "--help") == 0)) {
        fputs(explain_usage, stdout);
        return finish_output(EXIT_OK);
    }
    if (argc != 1)
        return usage_error(explain_usage, "%s", "explain takes one check id or name");
    const az_check *c = az_check_find(argv[0]);
    if (!c)
        return usage_error(explain_usage, "no check named '%s' (see azscan checks)", argv[0]);
    const az_check_meta *m = &c->meta;
    printf("%s %s: %s\n\n", m->id, m->name, m->title);
    printf("Severity:  %s (security severity %.1f)\n", az_severity_name(m->severity),
           m->security_severity);
    printf("Category:  %s\n", az_category_name(m->category));
    if (m->resource_types) {
        printf("Applies to: ");
        print_list(stdout, m->resource_types, ", ");
        printf("\n");
    }
    printf("\n%s\n\nRemediation: %s\n\nBicep:\n%s\n\nARM JSON:\n%s\n", m->description,
           m->remediation, m->fix_bicep, m->fix_arm);
    if (m->references && m->references[0]) {
        printf("\nReferences:\n");
        for (const char *const *r = m->references; *r; r++)
            printf("  %s\n", *r);
    }
    return finish_output(EXIT_OK);
}

static int run_model(int argc, char **argv)
{
    const char *param_file = NULL, *file = NULL;
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
            fputs(model_usage, stdout);
            return finish_output(EXIT_OK);
        } else if (strncmp(arg, "--param-file", 12) == 0 && (arg[12] == '=' || arg[12] == '\0')) {
            param_file = arg[12] == '=' ? arg + 13 : (i + 1 < argc ? argv[++i] : NULL);
            if (!param_file)
                return usage_error(model_usage, "%s", "--param-file needs a FILE");
        } else if (arg[0] == '-') {
            return usage_error(model_usage, "unknown option '%s'", arg);
        } else if (file) {
            return usage_error(model_usage, "%s", "model takes one FILE");
        } else {
            file = arg;
        }
    }
    if (!file)
        return usage_error(model_usage, "%s", "model needs a FILE");
    if (language_for_path(file) == LANGUAGE_NONE)
        return usage_error(model_usage, "'%s' is not a .bicep, .bicepparam or .json file", file);
    /* The scan root: the working directory, or the file's folder when the file is elsewhere. */
    char *cwd = getcwd(NULL, 0);
    az_model *m = NULL;
    char err[300];
    int rc =
        az_model_build_file(&m, cwd ? cwd : ".", file, file, param_file, NULL, err, sizeof(err));
    if (rc != 0 && cwd) {
        const char *slash = strrchr(file, '/');
        char *dir = slash ? strndup(file, (size_t)(slash - file)) : strdup(".");
        rc =
            dir ? az_model_build_file(&m, dir, file, file, param_file, NULL, err, sizeof(err)) : -1;
        free(dir);
    }
    free(cwd);
    if (rc != 0) {
        fprintf(stderr, "%s: error: %s\n", file, err);
        return access(file, F_OK) == 0 ? EXIT_INCOMPLETE : EXIT_USAGE;
    }
    char *json = az_model_to_json(m);
    az_model_free(m);
    if (!json) {
        fprintf(stderr, "azscan: out of memory\n");
        return EXIT_INCOMPLETE;
    }
    puts(json);
    free(json);
    return finish_output(EXIT_OK);
}

static int run_help(int argc, char **argv);

static const command commands[] = {
    {"scan", run_scan, scan_usage},          {"checks", run_checks, checks_usage},
    {"explain", run_explain, explain_usage}, {"model", run_model, model_usage},
    {"parse", run_parse, parse_usage},       {"help", run_help, help_usage},
};

static const command *find_command(const char *name)
{
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    }
    return NULL;
}

static int run_help(int argc, char **argv)
{
    if (argc == 0) {
        printf("%s%s", main_usage, exit_code_help);
        return finish_output(EXIT_OK);
    }
    if (argc > 1)
        return usage_error(help_usage, "%s", "help takes at most one COMMAND");
    const command *c = find_command(argv[0]);
    if (!c)
        return usage_error(help_usage, "unknown command '%s'", argv[0]);
    printf("%s%s", c->usage, exit_code_help);
    return finish_output(EXIT_OK);
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage_error(main_usage, "%s", "missing command");
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0)
        return run_help(0, NULL);
    if (strcmp(name, "--version") == 0) {
        printf("azscan %s\n", AZSCAN_VERSION);
        return finish_output(EXIT_OK);
    }
    const command *c = find_command(name);
    if (!c) {
        return usage_error(main_usage,
                           name[0] == '-' ? "unknown option '%s'" : "unknown command '%s'", name);
    }
    return c->run(argc - 2, argv + 2);
}
