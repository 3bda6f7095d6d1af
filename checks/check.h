#ifndef AZSCAN_CHECK_H
#define AZSCAN_CHECK_H

#include "model.h"
#include "spill.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/*
 * The check framework. A check is metadata plus one function that looks at
 * one resource of the model (or, for checks about a whole deployment, at
 * the deployment) and reports findings through the context. Checks never
 * see syntax trees: they query the model, so each is written once and sees
 * Bicep and ARM alike.
 *
 * Every check is registered in the one table of checks/registry.c. The same
 * engine and the same findings are meant to serve declarative rules later
 * (JSON rules, Azure Policy definitions): such a rule is a check whose
 * function interprets data.
 */

typedef enum {
    AZ_SEVERITY_NOTE =
        0, /* not a problem: an unresolved value under --strict, an unused suppression */
    AZ_SEVERITY_LOW,
    AZ_SEVERITY_MEDIUM,
    AZ_SEVERITY_HIGH,
    AZ_SEVERITY_CRITICAL,
} az_severity;

/* The hundreds digit of a check id. */
typedef enum {
    AZ_CATEGORY_IDENTITY = 1,   /* 1xx identity and access */
    AZ_CATEGORY_NETWORK = 2,    /* 2xx network */
    AZ_CATEGORY_ENCRYPTION = 3, /* 3xx encryption and data protection */
    AZ_CATEGORY_SECRETS = 4,    /* 4xx credentials and secrets */
    AZ_CATEGORY_MONITORING = 5, /* 5xx monitoring and logging */
    AZ_CATEGORY_GOVERNANCE = 6, /* 6xx governance */
} az_category;

typedef struct check_context check_context;
typedef struct az_check az_check;

typedef struct {
    const char *id;    /* "AZS201" */
    const char *name;  /* "public-network-access" */
    const char *title; /* one line, sentence case, no period */
    az_severity severity;
    double security_severity; /* 0.0 to 10.0, for SARIF */
    az_category category;
    /* Resource types it applies to, NULL-terminated; matched ignoring case.
     * NULL for a check about whole deployments. */
    const char *const *resource_types;
    const char *description; /* what is wrong and why it matters */
    const char *remediation; /* what to do, in prose */
    const char *fix_bicep;   /* a Bicep snippet */
    const char *fix_arm;     /* the same in ARM JSON */
    const char *const
        *references; /* NULL-terminated: "MCSB NS-2", "Azure Policy <guid>",
                        "Checkov CKV_AZURE_59", "KICS <id>", "PSRule Azure.Storage.Firewall" */
} az_check_meta;

struct az_check {
    az_check_meta meta;
    /* One of the two is set. */
    void (*resource)(check_context *ctx, const az_resource *r);
    void (*deployment)(check_context *ctx, const az_deployment *d);
};

/* The registry ------------------------------------------------------------ */

size_t az_check_count(void);
const az_check *az_check_get(size_t index);

/* The check with this id or name (ignoring case), or NULL. */
const az_check *az_check_find(const char *id_or_name);

/* Whether `check` matches a selector: an id, a name, or an id prefix such as
 * "AZS2" (ignoring case). */
bool az_check_matches(const az_check *check, const char *selector);

const char *az_severity_name(az_severity s); /* "note", "low", ... */
const char *az_category_name(az_category c); /* "identity-and-access", ... */
/* Parses a severity name; returns false when it is not one. */
bool az_severity_parse(const char *text, az_severity *out);

/* The catalog as documentation: every check's metadata as JSON (an array),
 * or as the Markdown of docs/checks.md. Return 0, or -1 when writing failed
 * or memory ran out. */
int check_catalog_json(FILE *out);
int check_catalog_markdown(FILE *out);

/* Running checks ----------------------------------------------------------- */

typedef struct {
    const char **allowed_locations; /* NULL-terminated, or NULL when not configured */
    const char **required_tags;     /* NULL-terminated, or NULL when not configured */
    bool strict;                    /* report unresolved values as notes */
    bool require_justification;     /* a suppression without a reason does not count */
    bool record_passed;             /* record each check x resource that found nothing */
} az_check_config;

typedef struct {
    const char *file;  /* display path of the range's file */
    az_range range;    /* range.file indexes the model's table, which may be gone: use `file` */
    const char *label; /* "default of parameter 'access'", "module argument 'x'" */
} az_related;

typedef struct {
    const az_check *check;
    az_severity severity;
    az_range range;   /* the offending value, or the declaration */
    const char *file; /* display path of range.file */
    const char *resource_type;
    const char *resource; /* symbolic name, else the evaluated name, else "-" */
    const char *variant;  /* the parameter file, or NULL */
    const char *property; /* the property path the finding is about, or NULL */
    const char *message;
    const az_related *related; /* related_count of them */
    size_t related_count;
    const char *justification; /* the suppression's reason, or NULL */
    /* Accepted by a suppression in the source (a comment on the line before,
     * or the resource's metadata.azscan.suppress): still reported as such,
     * but it never fails a gate. */
    bool suppressed;
    /* Accepted because a baseline (--baseline) already lists it: an external
     * suppression. It never fails a gate either. */
    bool baselined;
} az_finding;

/*
 * The findings of a scan, each kept once. The set owns the findings it holds
 * and everything they point to but their checks; equal strings are kept
 * once (str_intern), so a finding weighs its struct, a pointer and a slot,
 * and only the strings no other finding has.
 */
typedef struct az_findings az_findings;

/* Returns NULL when out of memory. */
az_findings *az_findings_new(void);
void az_findings_free(az_findings *f);
size_t az_findings_count(const az_findings *f);
const az_finding *az_findings_get(const az_findings *f, size_t index);

/* Adds a copy of `finding` (its strings and related locations are copied)
 * unless an identical one (same check, place and message) is there.
 * Returns 0, or -1 when out of memory. */
int az_findings_add(az_findings *f, const az_finding *finding);

/* Marks the finding at `index` suppressed, with a copy of `justification`
 * (NULL for none). Returns 0, or -1 when out of memory. */
int az_findings_suppress(az_findings *f, size_t index, const char *justification);

/* Marks the finding at `index` as listed in the baseline. */
void az_findings_baseline(az_findings *f, size_t index);

/*
 * A resource check that ran on a resource and found nothing in any variant,
 * recorded under az_check_config.record_passed (for --include-passed).
 */
typedef struct {
    const az_check *check;
    const char *file; /* display path of the resource's declaration */
    az_range range;   /* the declaration */
    const char *resource_type;
    const char *resource;
} az_pass;

/* The passes, once az_findings_sort has put them in order (file, line,
 * check, resource) and dropped those a finding contradicts. */
size_t az_findings_pass_count(const az_findings *f);
const az_pass *az_findings_pass(const az_findings *f, size_t index);

/* Adds a copy of `pass`. Returns 0, or -1 when out of memory. */
int az_findings_add_pass(az_findings *f, const az_pass *pass);

/* Gives the finding at `index` another severity (a configured override). */
void az_findings_set_severity(az_findings *f, size_t index, az_severity severity);

/* Keeps only the findings for which `wanted(finding, ud)` is true, in order. */
void az_findings_retain(az_findings *f, bool (*wanted)(const az_finding *finding, void *ud),
                        void *ud);

/*
 * Appends copies of the findings of `from` that `into` does not hold yet
 * (equal as az_checks_run tells duplicates), in order, with their
 * suppression marks, and copies of its passes: the findings of several
 * scans, merged in a fixed order, are those of one scan over all of them.
 * Returns 0, or -1 when out of memory.
 */
int az_findings_merge(az_findings *into, const az_findings *from);

/*
 * The findings and passes of `f` as part of a spill record, for a scan that
 * keeps its results out of memory (spill.h); az_findings_decode adds those a
 * record holds to `into`, as az_findings_merge adds another set's. Decode
 * returns 0, or -1 when out of memory or the record is malformed.
 */
void az_findings_encode(const az_findings *f, spill_record *out);
int az_findings_decode(az_findings *into, spill_reader *in);

/* Sorts by file, line, column, check id, resource and message, so that
 * output never depends on the order of work; and settles the passes. */
void az_findings_sort(az_findings *f);

/*
 * Runs the checks for which `selected(check, ud)` is true (NULL: all; it
 * may be asked about a check more than once) over every variant of `m`,
 * including the resources of module deployments, and appends their
 * findings to `out`. A finding reported identically (same check, place and
 * message) by two loop instances, two templates sharing a module, or two
 * variants is kept once, naming the first variant that gave it. Returns 0,
 * or -1 when out of memory.
 */
int az_checks_run(const az_model *m, const az_check_config *config,
                  bool (*selected)(const az_check *check, void *ud), void *ud, az_findings *out);

/* For check functions ------------------------------------------------------- */

const az_check_config *check_config(const check_context *ctx);
const az_model *check_model(const check_context *ctx);

/*
 * Reports a finding about `r`. `at` is the offending value (its use site
 * becomes the range, its defining site, when it came through a parameter,
 * variable or module argument, a related location); NULL means a required
 * property is absent, and the range is the resource's declaration.
 * `property` names the path, for fingerprints. The message is formatted
 * printf-style; never pass a secure value's content to it.
 */
void check_report(check_context *ctx, const az_resource *r, const az_value *at,
                  const char *property, const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/*
 * Reports a finding about something of a deployment that is not a resource:
 * a parameter or an output. `kind` ("parameter", "output") and `name` stand
 * for the finding's resource type and resource; `decl` is its declaration.
 * `at` is the offending value, as for check_report (its use site becomes the
 * range, its defining site a related location), or NULL to report at `decl`.
 */
void check_report_at(check_context *ctx, const char *kind, const char *name, az_range decl,
                     const az_value *at, const char *property, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

/*
 * For a value that could not be resolved: a note under --strict, nothing
 * otherwise.
 */
void check_unresolved(check_context *ctx, const az_resource *r, const az_value *at,
                      const char *property);

/* Helpers for check functions --------------------------------------------- */

/* The resource's symbolic name, else its known name (unless secret), else "-". */
const char *check_resource_name(const az_resource *r);

/* A human name for the resource, for messages: "Storage account 'stg'". */
const char *check_resource_label(check_context *ctx, const az_resource *r);

/* The value as it would read in a message: 'Enabled', true, 5; "(secret)"
 * for secure values. Valid until the next call. */
const char *check_value_text(check_context *ctx, const az_value *v);

/* Where a value came from, for messages: " (default of parameter 'access',
 * main.bicep:3)", or "" for a literal. Valid until the next call. */
const char *check_value_origin(check_context *ctx, const az_value *v);

/* Whether `v` is a known string equal to `s`, ignoring case. */
bool check_string_is(const az_value *v, const char *s);

/* Whether `r` is of `type`, ignoring case. */
bool check_type_is(const az_resource *r, const char *type);

#endif
