#ifndef AZSCAN_MODEL_BUILD_H
#define AZSCAN_MODEL_BUILD_H

#include "eval.h"
#include "language.h"
#include "model.h"
#include "source.h"
#include "syntax_table.h"
#include "syntax_walk.h"
#include "tree_cache.h"

#include <stdarg.h>
#include <tree_sitter/api.h>

/*
 * Building the model. The orchestrator (model_build.c) owns an az_builder
 * for one template: it loads files, hands each to its language's front end
 * (bicep_model.c, arm_model.c), and resolves local modules on their behalf,
 * refusing paths outside the scan root, cycles and excessive depth.
 *
 * Front ends allocate everything in az_builder_arena() and fill the
 * az_deployment they are given.
 */

/*
 * A build: az_model_build_from's arguments, the parse timeout of every file
 * the build reads (as analysis_options: 0 for none, or
 * ANALYSIS_TIMEOUT_SCALED), and the template itself when the caller has
 * already read and parsed it, so that it is not parsed twice.
 */
typedef struct {
    const az_build_source *from; /* NULL: the disk */
    const char *scan_root;
    const char *disk_path;
    const char *display_path;
    const char *param_file;  /* NULL: by convention */
    const az_limits *limits; /* NULL: the defaults */
    uint64_t parse_timeout_micros;
    source_file *source; /* the template's text and tree, or NULL to read them; */
    TSTree *tree;        /* the build takes both and frees them before it returns */
    tree_cache *cache;   /* Bicep files shared with other builds, or NULL */
    /* Called (when not NULL) with each file whose text the build has in
     * hand: read, given, or taken from the cache, and read even when it
     * does not parse. `display` and `src` are valid only during the call. */
    void (*on_read)(void *ud, const char *display, const source_file *src);
    void *on_read_ud;
} az_build_request;

/* As az_model_build_from (which is this with ANALYSIS_TIMEOUT_SCALED and
 * nothing parsed beforehand). */
int az_model_build(az_model **out, const az_build_request *req, char *err, size_t err_size);

typedef struct az_builder az_builder;

/* A file loaded and parsed for the build. The builder owns it. A Bicep
 * file's tree is flattened into `syntax` as it is loaded, and freed; an ARM
 * JSON file's is read into `doc`, and freed. */
typedef struct {
    language_id language;
    bool bicepparam;          /* a .bicepparam file */
    uint32_t file;            /* index in the model's file table */
    const char *display_path; /* relative to the scan root, '/' separators */
    const char *disk_path;
    const source_file *src;
    const syntax_table *syntax; /* Bicep only */
    TSTree *tree;               /* ARM JSON only, while it is read into `doc` */
    const az_value *doc;        /* ARM JSON only: the document, in the builder's arena */
    tree_cache_entry *cached;   /* the entry holding `src` and `syntax`, or NULL: owned */
} az_loaded_file;

arena *az_builder_arena(az_builder *b);
az_eval *az_builder_eval(az_builder *b);

/* The range of bytes [start, end) of `f`. */
az_range az_builder_range(const az_builder *b, const az_loaded_file *f, uint32_t start,
                          uint32_t end);

/* The range a node of `f`'s syntax table covers. */
az_range az_builder_syntax_range(const az_builder *b, const az_loaded_file *f, syntax_node node);

/* The range a node of `f`, as a syntax walk gave it, covers. */
az_range az_builder_walk_range(const az_builder *b, const az_loaded_file *f,
                               const syntax_walk_node *node);

/* Adds a model warning; the message is formatted printf-style and copied. */
void az_builder_warn(az_builder *b, az_range at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A new, empty deployment below `parent` (NULL for a variant's root). */
az_deployment *az_builder_deployment_new(az_builder *b, const az_loaded_file *f,
                                         az_deployment *parent, az_module *via);

/*
 * Growing a deployment's arrays. Each returns the new zeroed element, or
 * NULL when out of memory.
 */
az_parameter *az_deployment_add_parameter(az_builder *b, az_deployment *d);
az_variable *az_deployment_add_variable(az_builder *b, az_deployment *d);
az_resource *az_deployment_add_resource(az_builder *b, az_deployment *d);
az_module *az_deployment_add_module(az_builder *b, az_deployment *d);
az_output *az_deployment_add_output(az_builder *b, az_deployment *d);

/*
 * Loads the local module `path` (as written in `from`, relative to its
 * folder) and builds its deployment as a child of `parent` with `args` (an
 * object of argument values, or NULL) for `module`. Stores the child in
 * module->child. Registry and template-spec paths are not loaded: the
 * module is marked external. Refused paths (outside the scan root, missing,
 * a cycle, too deep) give a warning at `at` and leave module->child NULL.
 * Returns 0, or -1 when out of memory.
 */
int az_builder_build_module(az_builder *b, const az_loaded_file *from, const char *path,
                            az_range at, az_deployment *parent, az_module *module,
                            const az_value *args);

/*
 * Loads a file imported by `from` (Bicep `import ... from 'path'`), with the
 * same path rules as modules. Returns NULL (with a warning) when refused.
 */
const az_loaded_file *az_builder_load_import(az_builder *b, const az_loaded_file *from,
                                             const char *path, az_range at);

/*
 * Front ends. `args` holds the values the caller supplies for the
 * template's parameters: from a parameter file (origin PARAMETER_FILE) or a
 * module call (origin MODULE_ARGUMENT); NULL for none. A parameter with no
 * argument takes its default (origin PARAMETER_DEFAULT), or is unknown.
 * Both return 0, or -1 when out of memory.
 */
int bicep_model_build(az_builder *b, const az_loaded_file *f, az_deployment *d,
                      const az_value *args);
int arm_model_build(az_builder *b, const az_loaded_file *f, az_deployment *d, const az_value *args);

/*
 * A `Microsoft.Resources/deployments` resource declared in Bicep, whose
 * evaluated declaration is `body`: fills `module` (in `parent`) with its
 * arguments and the deployment of its inline or linked template, as the ARM
 * front end does for nested deployments. Returns 0, or -1 when out of memory.
 */
int arm_model_build_nested(az_builder *b, const az_loaded_file *f, az_deployment *parent,
                           az_module *module, const az_value *body);

/*
 * Parameter files. Each evaluates `f` into an object of parameter values
 * stored in `*args` and returns the template path it names (Bicep's `using`,
 * or NULL for ARM, which names none) in `*template_path`.
 * Both return 0, or -1 when out of memory.
 */
int bicep_params_evaluate(az_builder *b, const az_loaded_file *f, az_value **args,
                          const char **template_path);
int arm_params_evaluate(az_builder *b, const az_loaded_file *f, az_value **args);

#endif
