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
#include "discover.h"
#include "exit_code.h"
#include "language.h"
#include "tree_print.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TIMEOUT_SECONDS 86400.0

static const char main_usage[] =
    "usage: azscan <command> [options] [arguments]\n"
    "\n"
    "Static security analysis for Azure Bicep and ARM templates.\n"
    "\n"
    "Commands:\n"
    "  scan [PATH...]            analyze the templates under each PATH (default .)\n"
    "  parse [--errors] FILE...  print each file's syntax tree, or only its syntax errors\n"
    "  help [COMMAND]            show this help, or a command's\n"
    "\n"
    "Options:\n"
    "  -h, --help     show help\n"
    "  --version      print the version\n";

static const char exit_code_help[] =
    "\n"
    "Exit codes:\n"
    "  0  success, nothing to report\n"
    "  1  findings at or above the threshold (reserved for checks)\n"
    "  2  usage error: unknown option, missing argument, a path that does not exist\n"
    "  3  a file could not be analyzed: syntax error, unreadable, binary, invalid UTF-8,\n"
    "     too large, or parse timeout (the other files are still analyzed)\n";

static const char scan_usage[] =
    "usage: azscan scan [--verbose] [--timeout SECONDS] [PATH...]\n"
    "\n"
    "Finds the templates under each PATH (default .) and reports every file that\n"
    "cannot be analyzed, as FILE:LINE:COL: error: MESSAGE on stdout.\n"
    "\n"
    "Directories are walked recursively, skipping .git and node_modules and not\n"
    "following symbolic links to directories. .bicep and .bicepparam files are\n"
    "taken; .json and .jsonc files only when their top-level $schema names a\n"
    "deploymentTemplate.json or deploymentParameters.json schema. Paths are shown\n"
    "relative to the directory argument they were found under.\n"
    "\n"
    "Options:\n"
    "  --verbose            list skipped files and why on stderr\n"
    "  --timeout SECONDS    abandon a file whose parse takes longer than this (default:\n"
    "                       10 plus 1 per MiB of the file; 0: no limit)\n";

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

/* Prints discovery's notes; returns the exit code they call for. */
static int print_notes(const discover_result *found, int verbose)
{
    int code = EXIT_OK;
    for (size_t i = 0; i < discover_result_note_count(found); i++) {
        const discover_note *n = discover_result_note(found, i);
        switch (n->kind) {
        case DISCOVER_NOTE_SKIPPED:
            if (verbose)
                fprintf(stderr, "%s: skipped: %s\n", n->path, n->reason);
            break;
        case DISCOVER_NOTE_IGNORED_FILE:
            fprintf(stderr, "%s: warning: skipped: %s\n", n->path, n->reason);
            break;
        case DISCOVER_NOTE_NO_TEMPLATES:
            fprintf(stderr, "no templates found under %s\n", n->path);
            break;
        case DISCOVER_NOTE_UNREADABLE:
            fprintf(stdout, "%s: error: %s\n", n->path, n->reason);
            code = worse(code, EXIT_INCOMPLETE);
            break;
        case DISCOVER_NOTE_MISSING:
            fprintf(stderr, "%s: error: %s\n", n->path, n->reason);
            code = worse(code, EXIT_USAGE);
            break;
        }
    }
    return code;
}

static int run_scan(int argc, char **argv)
{
    options o;
    int rc = parse_options(argc, argv, scan_usage, "verbose", &o);
    if (rc != 0)
        return rc == 1 ? EXIT_OK : rc;

    static const char *const current_directory[] = {"."};
    const char *const *paths =
        o.operand_count ? (const char *const *)o.operands : current_directory;
    size_t path_count = o.operand_count ? (size_t)o.operand_count : 1;

    discover_result *found;
    if (discover_paths(&found, paths, path_count) != 0) {
        fprintf(stderr, "azscan: out of memory\n");
        return EXIT_INCOMPLETE;
    }
    int code = print_notes(found, o.verbose);
    for (size_t i = 0; i < discover_result_entry_count(found); i++) {
        const discover_entry *e = discover_result_entry(found, i);
        code = worse(code, analyze_and_print(e->display_path, e->disk_path,
                                             language_for_path(e->disk_path), &o, stdout, NULL));
    }
    discover_result_free(found);
    return finish_output(code);
}

static int run_help(int argc, char **argv);

static const command commands[] = {
    {"scan", run_scan, scan_usage},
    {"parse", run_parse, parse_usage},
    {"help", run_help, help_usage},
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
