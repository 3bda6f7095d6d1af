#ifndef AZSCAN_MODEL_H
#define AZSCAN_MODEL_H

#include "arena.h"
#include "eval.h"
#include "value.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * The resource model: what a template deploys, evaluated, the same whether
 * it was written in Bicep or ARM JSON. Checks read it and nothing else.
 *
 * An az_model holds one template analyzed under one or more deployment
 * variants (one per parameter file, or a single variant with defaults). A
 * variant is an az_deployment; the deployments of local modules and nested
 * ARM deployments hang below it as children.
 *
 * The structs below are read-only views for checks and reporters; the model
 * owns all of them (one arena) and frees them with az_model_free. Builders
 * (the Bicep and ARM front ends) fill them through model_build.h.
 */

typedef enum {
    AZ_LANG_BICEP,
    AZ_LANG_ARM,
} az_language;

typedef struct az_deployment az_deployment;
typedef struct az_resource az_resource;

typedef struct {
    const char *name;
    const char *type; /* "string", "int", "bool", "object", "array", a user type name, or NULL */
    bool secure;      /* @secure(), securestring, secureObject */
    az_value *default_value; /* NULL when none */
    az_value *allowed;       /* array of allowed values, or NULL */
    az_value *value; /* effective value: parameter file, module argument, default, or unknown */
    az_range range;  /* the declaration's name */
} az_parameter;

typedef struct {
    const char *name;
    az_value *value;
    az_range range;
} az_variable;

typedef struct {
    const char *name;
    az_value *value;
    bool secure;
    az_range range;
} az_output;

typedef struct {
    const char *name; /* loop variable name or ARM copy name; may be NULL */
    az_value *count;  /* the number of instances, known int or unknown */
    uint32_t index;   /* this instance's index */
    bool symbolic;    /* one instance standing for an unknown number */
} az_loop;

struct az_resource {
    const char *symbol;      /* Bicep symbolic name, ARM 2.0 key, or NULL */
    const char *type;        /* full type, segments joined: "Microsoft.Sql/servers/databases" */
    const char *api_version; /* or NULL */
    az_value *name;          /* full name, segments joined with '/' for children */
    az_value *condition;     /* NULL when unconditional */
    az_loop *loop;           /* NULL when not in a loop */
    az_resource *parent;     /* the declared parent, or NULL */
    az_value *scope;         /* explicit scope, or NULL */
    bool existing;           /* a reference to a resource deployed elsewhere */
    az_value *body;          /* the whole declaration as an object: properties, identity, sku,
                                kind, location, tags, dependsOn, ... */
    az_value *id;            /* the resource id as ARM would form it (placeholders where unknown) */
    az_range range;          /* the declaration: its symbolic name, or its type string in ARM */
    az_deployment *deployment;
};

typedef struct {
    const char *symbol; /* Bicep module symbol or ARM deployment name; may be NULL */
    const char *path;   /* as written: './net.bicep', 'br/public:...', or NULL for inline */
    bool external;      /* registry or template spec: never fetched */
    az_value *condition;
    az_loop *loop;
    az_value *params;     /* the arguments, as an object */
    az_deployment *child; /* the module's deployment, or NULL when external or not loaded */
    az_range range;
} az_module;

struct az_deployment {
    az_language language;
    const char *variant;      /* the parameter file's path, or NULL for defaults */
    uint32_t file;            /* the template's index in the model's file table */
    const char *target_scope; /* "resourceGroup", "subscription", "managementGroup", "tenant" */
    az_deployment *parent;    /* the deploying deployment, for modules */
    az_module *via;           /* the module that created it, for modules */

    /* Arrays of pointers, so that an element stays put while more are added. */
    az_parameter **parameters;
    uint32_t parameter_count;
    az_variable **variables;
    uint32_t variable_count;
    az_resource **resources;
    uint32_t resource_count;
    az_module **modules;
    uint32_t module_count;
    az_output **outputs;
    uint32_t output_count;
};

typedef struct az_model az_model;

/*
 * Builds the model of the template at `disk_path` (shown as `display_path`),
 * under `scan_root`, outside of which no module is read. With `param_file`
 * (a disk path) the model has one variant for it; otherwise one variant per
 * parameter file found by convention next to the template (see
 * docs/model.md), or a single variant with defaults. `limits` may be NULL.
 *
 * Returns 0 and stores the model in `*out`, even when it carries warnings.
 * Returns -1 and stores NULL when out of memory or when the template itself
 * cannot be read or parsed: `err` (of `err_size` bytes, may be NULL) then
 * says why.
 */
int az_model_build_file(az_model **out, const char *scan_root, const char *disk_path,
                        const char *display_path, const char *param_file, const az_limits *limits,
                        char *err, size_t err_size);

typedef struct file_provider file_provider;

/* Where az_model_build_from reads files, and how it names them. */
typedef struct {
    const file_provider *files; /* NULL: the disk */
    /* Display paths are relative to this directory, which must hold the
     * scan root; NULL: the scan root. Git modes name files from the work
     * tree's root whatever the scan path. */
    const char *display_root;
} az_build_source;

/* az_model_build_file, reading through `source` (NULL: the disk). */
int az_model_build_from(az_model **out, const az_build_source *source, const char *scan_root,
                        const char *disk_path, const char *display_path, const char *param_file,
                        const az_limits *limits, char *err, size_t err_size);

void az_model_free(az_model *m);

/* The file table: index 0 is the template itself. Paths are display paths. */
uint32_t az_model_file_count(const az_model *m);
const char *az_model_file_path(const az_model *m, uint32_t index);

/* The variants, in parameter file order. */
uint32_t az_model_deployment_count(const az_model *m);
az_deployment *az_model_deployment(const az_model *m, uint32_t index);

/* Warnings raised while building: evaluation bounds, refused module paths,
 * unresolvable references. */
uint32_t az_model_warning_count(const az_model *m);
const az_warning *az_model_warning(const az_model *m, uint32_t index);

/*
 * Visits every resource of `d` and of its module deployments, depth first,
 * in declaration order. Stops when `fn` returns non-zero and returns that.
 */
int az_deployment_visit_resources(az_deployment *d, int (*fn)(az_resource *r, void *ud), void *ud);

/*
 * Querying values by path.
 *
 * A path is a dot-separated list of property names (matched ignoring case),
 * where `[*]` visits every item of an array and `[N]` one item:
 * "properties.networkAcls.defaultAction", "properties.securityRules[*].name".
 *
 * Each match reports the value found (NULL when the path is absent), its
 * origin and its two sites. An absent match points at the nearest value on
 * the path that does exist. A path that runs into an unknown value matches
 * that unknown value: what it would hold is not known, so it is never
 * reported as absent.
 */
typedef struct {
    const az_value *value; /* NULL when absent */
    az_origin origin;
    const char *via;
    az_range use;
    az_range def;
} az_match;

/*
 * Stores up to `max` matches of `path` under `root` in `out` and returns how
 * many there are in all (which may exceed `max`). Returns 0 for a malformed
 * path.
 */
size_t az_query(const az_value *root, const char *path, az_match *out, size_t max);

/* The first match's value, or NULL when absent (an unknown value is returned as such). */
const az_value *az_query_value(const az_value *root, const char *path);

#endif
