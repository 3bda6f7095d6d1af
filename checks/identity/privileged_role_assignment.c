/*
 * AZS103 privileged-role-assignment: Owner, Contributor or User Access
 * Administrator granted on a whole subscription, resource group or
 * management group (or the tenant root).
 *
 * The role is recognised by the GUID that ends its roleDefinitionId in any
 * form; the scope is the assignment's own `scope` when it has one, else the
 * target scope of the deployment that declares it.
 */
#include "identity_common.h"

#include <strings.h>

typedef struct {
    const char *guid;
    const char *name;
} privileged_role;

static const privileged_role roles[] = {
    {"8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "Owner"},
    {"b24988ac-6180-42a0-ab88-20f7382dd24c", "Contributor"},
    {"18d7d88d-4d35-497a-b7c3-6cc8b2c5d8a5", "User Access Administrator"},
};

static const privileged_role *role_of(const az_value *id)
{
    size_t len = 0;
    const char *guid = identity_last_segment(id, &len);
    if (!guid)
        return NULL;
    for (size_t i = 0; i < sizeof(roles) / sizeof(*roles); i++)
        if (len == strlen(roles[i].guid) && strncasecmp(guid, roles[i].guid, len) == 0)
            return &roles[i];
    return NULL;
}

/* The number of non-empty segments of the path [s, s+n). */
static size_t count_segments(const char *s, size_t n)
{
    size_t count = 0;
    bool in = false;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '/') {
            in = false;
        } else if (!in) {
            in = true;
            count++;
        }
    }
    return count;
}

static bool starts_with(const char *s, size_t n, const char *prefix)
{
    size_t m = strlen(prefix);
    return n >= m && strncasecmp(s, prefix, m) == 0;
}

/* The broad scope a known scope string names, or NULL for a single
 * resource (or anything else). */
static const char *scope_kind(const az_value *scope)
{
    if (scope->kind != AZ_STRING)
        return NULL;
    const char *s = scope->u.string.ptr;
    size_t n = scope->u.string.len;
    while (n > 1 && s[n - 1] == '/')
        n--;
    if (n == 1 && s[0] == '/')
        return "tenant root";
    if (strncasecmp(s, "/providers/Microsoft.Management/managementGroups/",
                    strlen("/providers/Microsoft.Management/managementGroups/")) == 0 &&
        count_segments(s, n) == 4)
        return "management group";
    if (!starts_with(s, n, "/subscriptions/"))
        return NULL;
    size_t segments = count_segments(s, n);
    if (segments == 2)
        return "subscription";
    if (segments == 4) {
        const char *rest = s + strlen("/subscriptions/");
        const char *slash = memchr(rest, '/', n - (size_t)(rest - s));
        if (slash && starts_with(slash, n - (size_t)(slash - s), "/resourceGroups/"))
            return "resource group";
    }
    return NULL;
}

static const char *target_scope_kind(const char *target)
{
    if (!target || strcasecmp(target, "resourceGroup") == 0)
        return "resource group";
    if (strcasecmp(target, "subscription") == 0)
        return "subscription";
    if (strcasecmp(target, "managementGroup") == 0)
        return "management group";
    if (strcasecmp(target, "tenant") == 0)
        return "tenant root";
    return NULL;
}

static void run(check_context *ctx, const az_resource *r)
{
    if (r->existing)
        return;
    az_match m;
    if (az_query(r->body, "properties.roleDefinitionId", &m, 1) == 0 || !m.value)
        return;
    if (m.value->kind == AZ_UNKNOWN) {
        check_unresolved(ctx, r, m.value, "properties.roleDefinitionId");
        return;
    }
    const privileged_role *role = role_of(m.value);
    if (!role)
        return;

    const az_value *scope = r->scope;
    if (!scope || scope->kind == AZ_NULL)
        scope = az_query_value(r->body, "scope");
    const char *kind;
    char where[512];
    if (scope && scope->kind != AZ_NULL) {
        if (scope->kind == AZ_UNKNOWN) {
            check_unresolved(ctx, r, scope, "scope");
            return;
        }
        kind = scope_kind(scope);
        if (!kind)
            return;
        snprintf(where, sizeof(where), "%s scope (scope %s%s)", kind, check_value_text(ctx, scope),
                 check_value_origin(ctx, scope));
    } else {
        kind = target_scope_kind(r->deployment->target_scope);
        if (!kind)
            return;
        snprintf(where, sizeof(where), "%s scope (the deployment's target scope)", kind);
    }
    check_report(ctx, r, m.value, "properties.roleDefinitionId",
                 "%s grants %s at %s: roleDefinitionId names role %s%s",
                 check_resource_label(ctx, r), role->name, where, role->guid,
                 check_value_origin(ctx, m.value));
}

static const char *const types[] = {"Microsoft.Authorization/roleAssignments", NULL};

static const char *const references[] = {
    "MCSB PA-1",
    "MCSB PA-7",
    NULL,
};

const az_check check_privileged_role_assignment = {
    .meta =
        {
            .id = "AZS103",
            .name = "privileged-role-assignment",
            .title = "Privileged role assigned at subscription, resource group or management "
                     "group scope",
            .severity = AZ_SEVERITY_HIGH,
            .security_severity = 8.0,
            .category = AZ_CATEGORY_IDENTITY,
            .resource_types = types,
            .description =
                "A role assignment grants Owner, Contributor or User Access Administrator on a "
                "whole subscription, resource group, management group or the tenant root. "
                "Whoever holds it can change (Contributor) or also grant access to (Owner, User "
                "Access Administrator) every resource below that scope, so one compromised "
                "principal reaches all of them. The role is recognised by its built-in GUID at "
                "the end of roleDefinitionId, in any form (subscriptionResourceId(), "
                "resourceId(), a full id or a /providers/... id). The scope is the "
                "assignment's own scope when set (a subscription, resource group or "
                "management group id counts; an assignment scoped to a single resource does "
                "not), else the target scope of the template or module declaring it.",
            .remediation = "Grant the least privileged built-in or custom role that does the "
                           "job, on the narrowest scope (the resource itself), and use "
                           "Privileged Identity Management for standing administrative access.",
            .fix_bicep = "resource ra 'Microsoft.Authorization/roleAssignments@2022-04-01' = {\n"
                         "  name: guid(stg.id, principalId, blobDataReader)\n"
                         "  scope: stg\n"
                         "  properties: {\n"
                         "    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/"
                         "roleDefinitions', blobDataReader)\n"
                         "    principalId: principalId\n"
                         "  }\n"
                         "}",
            .fix_arm =
                "{\n"
                "  \"type\": \"Microsoft.Authorization/roleAssignments\",\n"
                "  \"apiVersion\": \"2022-04-01\",\n"
                "  \"scope\": \"[format('Microsoft.Storage/storageAccounts/{0}', "
                "parameters('stgName'))]\",\n"
                "  \"name\": \"[guid(parameters('stgName'), parameters('principalId'))]\",\n"
                "  \"properties\": {\n"
                "    \"roleDefinitionId\": \"[subscriptionResourceId('Microsoft.Authorization/"
                "roleDefinitions', variables('blobDataReader'))]\",\n"
                "    \"principalId\": \"[parameters('principalId')]\"\n"
                "  }\n"
                "}",
            .references = references,
        },
    .resource = run,
};
