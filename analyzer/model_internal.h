#ifndef AZSCAN_MODEL_INTERNAL_H
#define AZSCAN_MODEL_INTERNAL_H

/* The model's innards, shared by model.c and the builder; not for checks. */

#include "model.h"

struct az_model {
    arena *arena;
    char **files;
    uint32_t file_count, file_cap;
    az_deployment **deployments;
    uint32_t deployment_count, deployment_cap;
    az_warning *warnings;
    uint32_t warning_count, warning_cap;
};

/* Returns NULL when out of memory. */
az_model *model_new(void);

/*
 * Makes room in an arena-allocated array of `*cap` elements holding `count`,
 * doubling it into a new arena block when full. Returns 0, or -1 when out of
 * memory.
 */
int model_grow(arena *a, void **items, uint32_t *cap, uint32_t count, size_t elem_size);

/* Appends `item` to an arena-allocated pointer array whose capacity follows
 * from its count (see model.c). Returns 0, or -1 when out of memory. */
int model_push(arena *a, void ***items, uint32_t *count, void *item);

/* Adds a display path to the file table, or finds it there. Returns 0 or -1. */
int model_file_add(az_model *m, const char *display_path, uint32_t *index);

int model_deployment_add(az_model *m, az_deployment *d);

/* Copies the message. Returns 0 or -1. */
int model_warning_add(az_model *m, az_range at, const char *message);

/*
 * A copy of the deployment `d` for the module `via` of `parent`, as if built
 * again: the deployment, its parameters, variables, resources, modules and
 * outputs are new, and so are its modules' deployments, all through; their
 * links (a resource's deployment and parent, a deployment's parent and via)
 * point within the copy. Values and loops, which never change once built,
 * are shared. Returns NULL when out of memory.
 */
az_deployment *model_deployment_copy(arena *a, const az_deployment *d, az_deployment *parent,
                                     az_module *via);

/*
 * The id ARM gives a resource of `type` named `name` (segments joined with
 * '/') in a deployment at `target_scope`, with placeholder subscription and
 * resource group: extensionResourceId under `scope` when that is a resource
 * (an id, or an object with one), else resourceId, subscriptionResourceId
 * or tenantResourceId by target scope. Unknown, at `at`, when the name is.
 * Returns NULL when out of memory.
 */
az_value *model_resource_id(az_eval *ev, const char *target_scope, const char *type,
                            const az_value *name, const az_value *scope, az_range at);

#endif
