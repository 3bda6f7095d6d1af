#ifndef AZSCAN_BICEP_EVAL_H
#define AZSCAN_BICEP_EVAL_H

#include "model_build.h"
#include "syntax_table.h"

#include <stdbool.h>
#include <stdint.h>

/*
 * The Bicep front end's innards, shared by bicep_model.c (declarations,
 * resources, modules, parameter files) and bicep_eval.c (expressions). Not
 * for use outside the front end.
 *
 * Declarations are evaluated lazily and memoized, because Bicep lets any
 * declaration refer to any other regardless of order. Each symbol carries a
 * state so that a cycle is found rather than followed: re-entering a symbol
 * that is being evaluated gives an unknown value and a warning.
 *
 * Everything lives in the builder's arena; nothing here is freed.
 */

typedef struct bicep_build bicep_build;
typedef struct bicep_file bicep_file;
typedef struct bicep_symbol bicep_symbol;
typedef struct bicep_instance bicep_instance;

typedef enum {
    BICEP_SYM_PARAM,
    BICEP_SYM_VAR,
    BICEP_SYM_FUNC,
    BICEP_SYM_RESOURCE,
    BICEP_SYM_MODULE,
    BICEP_SYM_IMPORT,    /* `import {name as alias} from 'path'` */
    BICEP_SYM_NAMESPACE, /* `import * as alias from 'path'` */
} bicep_sym_kind;

typedef enum {
    BICEP_PENDING = 0,
    BICEP_ACTIVE, /* being evaluated: meeting it again is a cycle */
    BICEP_DONE,
} bicep_state;

/* One instance of a resource or module: one per loop iteration, or the only
 * one. Filled by bicep_symbol_prepare (everything but the body) and
 * bicep_symbol_finish (the body, or the module's deployment). */
struct bicep_instance {
    az_loop *loop;           /* NULL outside a loop */
    az_value *item;          /* the loop variable's value, or NULL */
    az_value *index_value;   /* the loop index's value, or NULL */
    az_value *condition;     /* NULL when unconditional */
    az_value *declared_name; /* the `name:` property as written, or NULL */
    az_value *name;          /* full name: parent segments joined with '/' */
    const char *type;        /* full type, without the API version */
    const char *api_version; /* or NULL */
    az_value *scope;         /* `scope:` or NULL */
    az_value *id;            /* resources only */
    bicep_instance *parent;  /* the parent resource's instance, or NULL */
    az_value *body;          /* resources: the evaluated body; modules: params */
    az_module *module;       /* modules: built by bicep_symbol_finish */
    az_resource *resource;   /* resources: set when emitted */
};

struct bicep_symbol {
    bicep_sym_kind kind;
    const char *name;
    uint32_t name_len;
    syntax_node decl;
    bicep_file *file;

    bicep_state state;       /* params and vars: the value; resources and modules: instances */
    bicep_state body_state;  /* resources and modules: bodies, module deployments */
    az_value *value;         /* params and vars, once DONE */
    az_value *default_value; /* params: the evaluated default, or NULL */

    /* Resources: the enclosing resource of a nested declaration, and the
     * nested declarations (for `parent::child`). */
    bicep_symbol *parent;
    bicep_symbol **children;
    uint32_t child_count, child_capacity;

    /* Resources and modules, once prepared. */
    bicep_instance *instances;
    uint32_t instance_count;
    bool looped;

    /* Imports: where the symbol comes from, resolved on first use. */
    syntax_node import_path; /* the path string */
    const char *import_name; /* the exported name; NULL for a namespace */
    uint32_t import_name_len;
    bicep_file *target; /* NULL until resolved, or when refused */
    bool resolved;
};

/* One file's declarations. */
struct bicep_file {
    const az_loaded_file *f;
    const char *text;     /* the source text the syntax table's offsets refer to */
    bicep_symbol **table; /* open addressing on the name; NULL slots are free */
    uint32_t table_size, symbol_count;
    bicep_symbol **order; /* every symbol in declaration order, nested resources pre-order */
    uint32_t order_count, order_capacity;
    syntax_node *outputs;
    uint32_t output_count, output_capacity;
    syntax_node target_scope_decl, using_decl, extends_decl; /* null nodes when absent */
    bicep_state extends_state; /* parameter files: following `extends` */
    const az_value *args;      /* the caller's parameter values, or NULL */
    const char *target_scope;  /* once built: "resourceGroup", "subscription"... */
    bicep_file *next;          /* in the build's list of files */
};

/* One call of bicep_model_build or bicep_params_evaluate. */
struct bicep_build {
    az_builder *b;
    az_eval *ev;
    arena *a;
    az_deployment *d; /* NULL while evaluating a parameter file */
    bicep_file *root; /* the file being built: only its modules are deployed */
    bicep_file *files;
};

/* A lexical scope: the file whose symbols are visible and the local names
 * bound by loops, lambdas and function parameters, innermost first. */
typedef struct bicep_binding {
    const char *name;
    uint32_t len;
    az_value *value;
    const struct bicep_binding *next;
} bicep_binding;

typedef struct {
    bicep_build *bb;
    bicep_file *file;
    const bicep_binding *locals;
} bicep_scope;

/* --- bicep_model.c -------------------------------------------------------- */

/* The declarations of `f`, collected once per build. NULL when out of memory. */
bicep_file *bicep_file_get(bicep_build *bb, const az_loaded_file *f, const az_value *args);

/* The symbol named `name` in `file`, or NULL. */
bicep_symbol *bicep_file_lookup(const bicep_file *file, const char *name, size_t len);

/* Follows an import to the symbol it names, loading the file on first use.
 * Sets `*missing` when the import cannot be followed (refused path, registry,
 * unknown name). Returns NULL then, or when out of memory. */
bicep_symbol *bicep_import_resolve(bicep_build *bb, bicep_symbol *sym, bool *missing);

/* The file a namespace import names, or NULL (refused, or out of memory). */
bicep_file *bicep_namespace_resolve(bicep_build *bb, bicep_symbol *sym);

/* The value of a parameter or variable. NULL only when out of memory. */
az_value *bicep_symbol_value(bicep_build *bb, bicep_symbol *sym, az_range use);

/* Computes a resource's or module's instances with their names, types, ids
 * and conditions. Returns false on a cycle (with a warning) or out of memory
 * (arena_failed tells which). */
bool bicep_symbol_prepare(bicep_build *bb, bicep_symbol *sym, az_range use);

/* Evaluates the bodies of a resource's instances, or builds a module's
 * deployments. Implies prepare. Returns false as bicep_symbol_prepare does. */
bool bicep_symbol_finish(bicep_build *bb, bicep_symbol *sym, az_range use);

/* --- bicep_eval.c --------------------------------------------------------- */

/*
 * The node types the front end tells apart, each standing for every grammar
 * symbol of its name (as ts_node_type gives it), so that a type test is a
 * table lookup rather than a string comparison.
 */
typedef enum {
    BICEP_NODE_OTHER, /* any other type, and the null node */
    BICEP_NODE_ERROR,
    BICEP_NODE_ARRAY,
    BICEP_NODE_BINARY_EXPRESSION,
    BICEP_NODE_BOOLEAN,
    BICEP_NODE_CALL_EXPRESSION,
    BICEP_NODE_COMMENT,
    BICEP_NODE_DECORATOR,
    BICEP_NODE_DIRECTIVE,
    BICEP_NODE_ESCAPE_SEQUENCE,
    BICEP_NODE_EXTENDS_DECLARATION,
    BICEP_NODE_FOR_EXPRESSION,
    BICEP_NODE_FUNCTION_DECLARATION,
    BICEP_NODE_IDENTIFIER,
    BICEP_NODE_IF_BODY,
    BICEP_NODE_IMPORT_DECLARATION,
    BICEP_NODE_IMPORT_SYMBOL,
    BICEP_NODE_INDEX_EXPRESSION,
    BICEP_NODE_INTERPOLATED_MULTILINE_STRING,
    BICEP_NODE_INTERPOLATION,
    BICEP_NODE_LAMBDA_EXPRESSION,
    BICEP_NODE_MEMBER_EXPRESSION,
    BICEP_NODE_MODULE_DECLARATION,
    BICEP_NODE_MULTILINE_INTERPOLATION,
    BICEP_NODE_MULTILINE_STRING,
    BICEP_NODE_NON_NULL_EXPRESSION,
    BICEP_NODE_NULL,
    BICEP_NODE_NULLABLE_TYPE,
    BICEP_NODE_NUMBER,
    BICEP_NODE_OBJECT,
    BICEP_NODE_OBJECT_PROPERTY,
    BICEP_NODE_OUTPUT_DECLARATION,
    BICEP_NODE_PARAMETER_ASSIGNMENT,
    BICEP_NODE_PARAMETER_DECLARATION,
    BICEP_NODE_PARENTHESIZED_EXPRESSION,
    BICEP_NODE_RESOURCE_ACCESS_EXPRESSION,
    BICEP_NODE_RESOURCE_DECLARATION,
    BICEP_NODE_SPREAD_ELEMENT,
    BICEP_NODE_STRING,
    BICEP_NODE_STRING_CONTENT,
    BICEP_NODE_TARGET_SCOPE_DECLARATION,
    BICEP_NODE_TERNARY_EXPRESSION,
    BICEP_NODE_TYPE_IDENTIFIER,
    BICEP_NODE_UNARY_EXPRESSION,
    BICEP_NODE_USING_DECLARATION,
    BICEP_NODE_VARIABLE_DECLARATION,
    BICEP_NODE_WILDCARD_IMPORT,
    BICEP_NODE_TYPE_COUNT
} bicep_node_type;

/* The fields the front end reads. */
typedef enum {
    BICEP_FIELD_ALIAS,
    BICEP_FIELD_ALTERNATIVE,
    BICEP_FIELD_ARGUMENTS,
    BICEP_FIELD_BODY,
    BICEP_FIELD_COLLECTION,
    BICEP_FIELD_CONDITION,
    BICEP_FIELD_CONSEQUENCE,
    BICEP_FIELD_DEFAULT,
    BICEP_FIELD_EXISTING,
    BICEP_FIELD_EXPRESSION,
    BICEP_FIELD_FROM_END,
    BICEP_FIELD_FUNCTION,
    BICEP_FIELD_INDEX,
    BICEP_FIELD_ITEM,
    BICEP_FIELD_KEY,
    BICEP_FIELD_LEFT,
    BICEP_FIELD_NAME,
    BICEP_FIELD_OBJECT,
    BICEP_FIELD_OPERAND,
    BICEP_FIELD_OPERATOR,
    BICEP_FIELD_PARAMETERS,
    BICEP_FIELD_PATH,
    BICEP_FIELD_PROPERTY,
    BICEP_FIELD_RIGHT,
    BICEP_FIELD_SAFE,
    BICEP_FIELD_SYMBOLS,
    BICEP_FIELD_TYPE,
    BICEP_FIELD_VALUE,
    BICEP_FIELD_COUNT
} bicep_node_field;

/* The name of a node type (NULL for BICEP_NODE_OTHER). */
const char *bicep_node_type_name(bicep_node_type type);

/* The type of a grammar symbol of the Bicep grammar. */
bicep_node_type bicep_symbol_type(TSSymbol symbol);

/* The grammar's id of a field. */
TSFieldId bicep_field_id(bicep_node_field field);

/* The range of a node of the scope's file. */
az_range bicep_range(const bicep_scope *s, syntax_node node);

/* Whether a node is of the type. */
bool bicep_is(syntax_node node, bicep_node_type type);

/* The child of `node` in the field (a null node when none). */
syntax_node bicep_field(syntax_node node, bicep_node_field field);

/* The source text of a node, as a pointer into the file and a length. */
const char *bicep_text(const bicep_file *file, syntax_node node, uint32_t *len);

/* Evaluates an expression. Returns NULL only when out of memory. */
az_value *bicep_eval(const bicep_scope *s, syntax_node node);

/* Properties already evaluated, to be used as they are rather than evaluated
 * again (a resource's name and scope, evaluated before its body). */
typedef struct {
    const char *const *keys;
    az_value *const *values; /* a NULL value is evaluated as usual */
    uint32_t count;
} bicep_given;

/* Evaluates a resource or module body, taking the `given` properties as they
 * are. NULL only when out of memory. */
az_value *bicep_eval_body(const bicep_scope *s, syntax_node object, const bicep_given *given);

/* A string literal without interpolation, copied into the arena; NULL when
 * the node is not one (or out of memory). */
const char *bicep_literal_string(const bicep_scope *s, syntax_node node);

/*
 * A reference to a resource or module: a symbol and one of its instances, or
 * no instance for a whole loop. Resolves identifiers, `res[i]`, `a::b` and
 * parentheses; returns false (without evaluating anything) for any other
 * expression. Sets `*failed` when the node names a resource but the
 * instance cannot be chosen (unknown index, cycle).
 */
typedef struct {
    bicep_symbol *sym;
    bicep_instance *inst; /* NULL for a whole loop */
} bicep_ref;

bool bicep_resolve_ref(const bicep_scope *s, syntax_node node, bicep_ref *out, bool *failed);

/* The value a resource reference stands for when used as a value: its id
 * (an array of ids for a whole loop). NULL only when out of memory. */
az_value *bicep_ref_value(const bicep_scope *s, const bicep_ref *ref, az_range use);

/* The first `decorator` of a declaration whose function is `name` (also as
 * `sys.name`), or a null node. Sets `*arg` to its first argument when it has one. */
syntax_node bicep_decorator_find(const bicep_file *file, syntax_node decl, const char *name,
                                 syntax_node *arg);

#endif
