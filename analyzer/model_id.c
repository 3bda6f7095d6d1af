#include "builtins.h"
#include "model_internal.h"

#include <string.h>

az_value *model_resource_id(az_eval *ev, const char *target_scope, const char *type,
                            const az_value *name, const az_value *scope, az_range at)
{
    arena *a = az_eval_arena(ev);
    if (!name || name->kind != AZ_STRING)
        return az_value_unknown(a, at,
                                name && name->kind == AZ_UNKNOWN
                                    ? name->u.unknown.reason
                                    : "the resource's name is not known");
    /* fn([scope,] type, segment, ...): one argument per name segment. */
    uint32_t segments = 1;
    for (uint32_t i = 0; i < name->u.string.len; i++)
        segments += name->u.string.ptr[i] == '/';
    az_value **args = arena_calloc(a, (size_t)segments + 2, sizeof(*args));
    if (!args)
        return NULL;
    size_t nargs = 0;
    const char *fn = "resourceId";
    if (scope && scope->kind == AZ_OBJECT) {
        const az_member *id = az_value_member(scope, "id", 2);
        scope = id ? id->value : NULL;
    }
    if (scope && scope->kind == AZ_STRING && scope->u.string.len && scope->u.string.ptr[0] == '/') {
        fn = "extensionResourceId";
        args[nargs++] = (az_value *)scope;
    } else if (target_scope && strcmp(target_scope, "subscription") == 0) {
        fn = "subscriptionResourceId";
    } else if (target_scope && (strcmp(target_scope, "tenant") == 0 ||
                                strcmp(target_scope, "managementGroup") == 0)) {
        fn = "tenantResourceId";
    }
    if (!(args[nargs++] = az_value_string(a, at, type, strlen(type))))
        return NULL;
    const char *p = name->u.string.ptr, *end = p + name->u.string.len;
    for (;;) {
        const char *slash = memchr(p, '/', (size_t)(end - p));
        const char *stop = slash ? slash : end;
        if (!(args[nargs++] = az_value_string(a, at, p, (size_t)(stop - p))))
            return NULL;
        if (!slash)
            break;
        p = slash + 1;
    }
    az_value *id = az_builtin_call(ev, fn, strlen(fn), args, nargs, at);
    /* An id built from a secret name is as secret. */
    if (id && id->kind == AZ_STRING)
        id->flags |= name->flags & AZ_VALUE_SECURE;
    return id;
}
