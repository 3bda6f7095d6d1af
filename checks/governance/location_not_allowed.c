/*
 * AZS601 location-not-allowed: resources deployed outside the configured
 * locations (--allowed-locations). Off until configured.
 *
 * A check about every resource type, so it runs on each deployment and
 * walks its resources. Locations compare ignoring case and spaces
 * ('West Europe' is 'westeurope'); 'global' is always allowed.
 */
#include "../catalog.h"

#include <ctype.h>

#define LOCATION_MAX 64

/* The location folded to lower case without spaces; false when too long. */
static bool fold(const char *s, size_t n, char *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ' ')
            continue;
        if (k + 1 >= LOCATION_MAX)
            return false;
        out[k++] = (char)tolower((unsigned char)s[i]);
    }
    out[k] = '\0';
    return true;
}

static bool allowed(const char **list, const char *folded)
{
    if (strcmp(folded, "global") == 0)
        return true;
    for (; *list; list++) {
        char item[LOCATION_MAX];
        if (fold(*list, strlen(*list), item) && strcmp(item, folded) == 0)
            return true;
    }
    return false;
}

static void run(check_context *ctx, const az_deployment *d)
{
    const char **list = check_config(ctx) ? check_config(ctx)->allowed_locations : NULL;
    if (!list)
        return;
    for (uint32_t i = 0; i < d->resource_count; i++) {
        const az_resource *r = d->resources[i];
        if (r->existing)
            continue;
        const az_value *v = az_query_value(r->body, "location");
        if (!v || v->kind == AZ_NULL)
            continue;
        if (v->kind == AZ_UNKNOWN) {
            check_unresolved(ctx, r, v, "location");
            continue;
        }
        char folded[LOCATION_MAX];
        if (v->kind != AZ_STRING || !fold(v->u.string.ptr, v->u.string.len, folded) ||
            allowed(list, folded))
            continue;
        char label[200], text[160];
        snprintf(label, sizeof(label), "%s", check_resource_label(ctx, r));
        snprintf(text, sizeof(text), "%s", check_value_text(ctx, v));
        check_report(ctx, r, v, "location",
                     "%s is deployed to %s%s, which is not an allowed location", label, text,
                     check_value_origin(ctx, v));
    }
}

static const char *const references[] = {
    "Azure Policy e56962a6-4747-49cd-b67b-bf8b01975c4c (Allowed locations)",
    NULL,
};

const az_check check_location_not_allowed = {
    .meta =
        {
            .id = "AZS601",
            .name = "location-not-allowed",
            .title = "Resource is deployed outside the allowed locations",
            .severity = AZ_SEVERITY_MEDIUM,
            .security_severity = 4.0,
            .category = AZ_CATEGORY_GOVERNANCE,
            .resource_types = NULL,
            .description =
                "The resource's location is not one of the locations the organization allows "
                "(--allowed-locations). Data residency and sovereignty commitments, and the "
                "regions where security monitoring, backup and network controls are in place, "
                "depend on resources staying in approved regions. 'global' is always allowed. "
                "The check is off unless allowed locations are configured.",
            .remediation = "Deploy the resource to an allowed location, or have the location "
                           "added to the allow-list.",
            .fix_bicep = "param location string = 'westeurope'\n\n"
                         "resource stg 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n"
                         "  location: location\n}",
            .fix_arm = "\"location\": \"westeurope\"",
            .references = references,
        },
    .deployment = run,
};
