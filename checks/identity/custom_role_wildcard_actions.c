/*
 * AZS104 custom-role-wildcard-actions: custom roles that allow an operation
 * on every resource provider.
 *
 * A wildcard is reported when it spans all providers: a lone asterisk, or
 * an asterisk followed by one operation ("{asterisk}/write", "/delete",
 * "/action"), except the read-only one. Wildcards within one provider are
 * how least-privilege roles are usually written and are not reported.
 */
#include "../catalog.h"

#include <stdlib.h>
#include <strings.h>

static bool all_providers(const az_value *v)
{
    if (v->kind != AZ_STRING)
        return false;
    const char *s = v->u.string.ptr;
    size_t n = v->u.string.len;
    if (n == 1 && s[0] == '*')
        return true;
    if (n < 2 || s[0] != '*' || s[1] != '/')
        return false;
    return !(n == 6 && strncasecmp(s, "*/read", 6) == 0);
}

static void check_list(check_context *ctx, const az_resource *r, const char *path)
{
    az_match few[16], *m = few;
    size_t n = az_query(r->body, path, few, 16);
    if (n > 16) {
        m = malloc(n * sizeof(*m));
        if (!m)
            return;
        az_query(r->body, path, m, n);
    }
    for (size_t i = 0; i < n; i++) {
        const az_value *v = m[i].value;
        if (!v)
            continue;
        if (v->kind == AZ_UNKNOWN) {
            check_unresolved(ctx, r, v, path);
            continue;
        }
        if (!all_providers(v))
            continue;
        char text[160];
        snprintf(text, sizeof(text), "%s", check_value_text(ctx, v));
        check_report(ctx, r, v, path, "%s allows %s on every resource provider: %s holds %s%s",
                     check_resource_label(ctx, r),
                     v->u.string.len == 1 ? "every operation" : "an operation", path, text,
                     check_value_origin(ctx, v));
    }
    if (m != few)
        free(m);
}

static void run(check_context *ctx, const az_resource *r)
{
    if (r->existing)
        return;
    check_list(ctx, r, "properties.permissions[*].actions[*]");
    check_list(ctx, r, "properties.permissions[*].dataActions[*]");
}

static const char *const types[] = {"Microsoft.Authorization/roleDefinitions", NULL};

static const char *const references[] = {
    "MCSB PA-7",
    NULL,
};

const az_check check_custom_role_wildcard_actions = {
    .meta =
        {
            .id = "AZS104",
            .name = "custom-role-wildcard-actions",
            .title = "Custom role allows operations on every resource provider",
            .severity = AZ_SEVERITY_HIGH,
            .security_severity = 7.5,
            .category = AZ_CATEGORY_IDENTITY,
            .resource_types = types,
            .description =
                "A custom role definition lists a wildcard that spans every resource provider "
                "in its actions or dataActions: '*' (every operation, as Owner) or a '*/write', "
                "'*/delete' or '*/action' form (that operation on every resource type). Such a "
                "role grants far more than any one workload needs, silently grows as Azure adds "
                "providers, and with actions '*' includes "
                "Microsoft.Authorization/roleAssignments/write, letting its holders grant "
                "themselves anything. notActions does not make it safe: it subtracts only what "
                "it names, and it is not a deny. '*/read' and wildcards within one provider "
                "(Microsoft.Storage/storageAccounts/*) are not reported.",
            .remediation = "List the specific operations the role needs, or the narrowest "
                           "provider-scoped wildcards, or use a built-in role instead.",
            .fix_bicep = "permissions: [\n"
                         "  {\n"
                         "    actions: [\n"
                         "      'Microsoft.Storage/storageAccounts/read'\n"
                         "      'Microsoft.Storage/storageAccounts/blobServices/containers/read'\n"
                         "    ]\n"
                         "    notActions: []\n"
                         "  }\n"
                         "]",
            .fix_arm = "\"permissions\": [\n"
                       "  {\n"
                       "    \"actions\": [\n"
                       "      \"Microsoft.Storage/storageAccounts/read\",\n"
                       "      \"Microsoft.Storage/storageAccounts/blobServices/containers/read\"\n"
                       "    ],\n"
                       "    \"notActions\": []\n"
                       "  }\n"
                       "]",
            .references = references,
        },
    .resource = run,
};
