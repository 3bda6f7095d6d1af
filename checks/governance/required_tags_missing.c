/*
 * AZS602 required-tags-missing: taggable resources without a configured
 * tag (--required-tags). Off until configured.
 *
 * A resource is taggable when it has a location or declares tags; child
 * resources without either (subnets, role assignments) are not. Tag keys
 * compare ignoring case, as Azure compares them. When the tags are unknown
 * (a parameter without a value, union() with something unknown), nothing is
 * reported.
 */
#include "../catalog.h"

#include <strings.h>

#define MISSING_MAX 400

static void run(check_context *ctx, const az_deployment *d)
{
    const char **required = check_config(ctx) ? check_config(ctx)->required_tags : NULL;
    if (!required || !*required)
        return;
    for (uint32_t i = 0; i < d->resource_count; i++) {
        const az_resource *r = d->resources[i];
        if (r->existing)
            continue;
        const az_member *location = az_value_member(r->body, "location", 8);
        const az_member *tags_member = az_value_member(r->body, "tags", 4);
        const az_value *tags = tags_member ? tags_member->value : NULL;
        if (!tags_member && !location)
            continue;
        if (tags && tags->kind == AZ_UNKNOWN) {
            check_unresolved(ctx, r, tags, "tags");
            continue;
        }
        if (tags && tags->kind != AZ_OBJECT && tags->kind != AZ_NULL)
            continue;
        char missing[MISSING_MAX] = "";
        size_t count = 0;
        for (const char **t = required; *t; t++) {
            if (tags && tags->kind == AZ_OBJECT && az_value_member(tags, *t, strlen(*t)))
                continue;
            size_t len = strlen(missing);
            snprintf(missing + len, sizeof(missing) - len, "%s'%s'", count ? ", " : "", *t);
            count++;
        }
        if (!count)
            continue;
        char label[200];
        snprintf(label, sizeof(label), "%s", check_resource_label(ctx, r));
        const az_value *at = tags && tags->kind == AZ_OBJECT ? tags : NULL;
        check_report(ctx, r, at, "tags", "%s lacks the required tag%s %s%s%s", label,
                     count == 1 ? "" : "s", missing, at ? " in its tags" : "",
                     at ? check_value_origin(ctx, at) : "");
    }
}

static const char *const references[] = {
    "Azure Policy 871b6d14-10aa-478d-b590-94f262ecfa99 (Require a tag on resources)",
    NULL,
};

const az_check check_required_tags_missing = {
    .meta =
        {
            .id = "AZS602",
            .name = "required-tags-missing",
            .title = "Resource lacks a required tag",
            .severity = AZ_SEVERITY_LOW,
            .security_severity = 2.0,
            .category = AZ_CATEGORY_GOVERNANCE,
            .resource_types = NULL,
            .description =
                "The resource does not carry every tag the organization requires "
                "(--required-tags), such as an owner or a data classification. Untagged "
                "resources have no accountable owner to call during an incident, escape "
                "policies and cost reports that select by tag, and are the ones left running "
                "after their project ends. Tag keys compare ignoring case. The check is off "
                "unless required tags are configured.",
            .remediation = "Add the missing tags, ideally from one shared object passed to "
                           "every resource.",
            .fix_bicep = "param tags object = {\n  owner: 'team-payments'\n  env: 'prod'\n}\n\n"
                         "resource stg 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n"
                         "  tags: tags\n}",
            .fix_arm = "\"tags\": {\n  \"owner\": \"team-payments\",\n  \"env\": \"prod\"\n}",
            .references = references,
        },
    .deployment = run,
};
