#include "builtins.h"
#include "model_internal.h"

#include <string.h>

az_value *model_resource_id(az_eval *ev, const char *target_scope, const char *type,
                            const az_value *name, az_range at)
{
    arena *a = az_eval_arena(ev);
    if (!name || name->kind != AZ_STRING)
        return az_eval_unknown(ev, at, "the resource's name is not known");
    /* resourceId(type, segment, ...): one argument per name segment. */
    uint32_t segments = 1;
    for (uint32_t i = 0; i < name->u.string.len; i++)
        segments += name->u.string.ptr[i] == '/';
    az_value **args = arena_calloc(a, (size_t)segments + 1, sizeof(*args));
    if (!args)
        return NULL;
    args[0] = az_value_string(a, at, type, strlen(type));
    const char *s = name->u.string.ptr;
    for (uint32_t k = 1; k <= segments; k++) {
        const char *end = strchr(s, '/');
        size_t len = end ? (size_t)(end - s) : strlen(s);
        args[k] = az_value_string(a, at, s, len);
        s += len + (end ? 1 : 0);
    }
    for (uint32_t k = 0; k <= segments; k++)
        if (!args[k])
            return NULL;
    const char *fn = "resourceId";
    if (target_scope && strcmp(target_scope, "subscription") == 0)
        fn = "subscriptionResourceId";
    else if (target_scope &&
             (strcmp(target_scope, "tenant") == 0 || strcmp(target_scope, "managementGroup") == 0))
        fn = "tenantResourceId";
    return az_builtin_call(ev, fn, strlen(fn), args, segments + 1, at);
}
