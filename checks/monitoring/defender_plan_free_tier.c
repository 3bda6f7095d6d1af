/*
 * AZS501 defender-plan-free-tier: a Microsoft Defender for Cloud plan set
 * to the Free tier, which turns the plan's threat protection off.
 */
#include "../catalog.h"

static const char *const path = "properties.pricingTier";

static void run(check_context *ctx, const az_resource *r)
{
    if (r->existing)
        return;
    az_match m;
    if (az_query(r->body, path, &m, 1) == 0 || !m.value)
        return;
    if (m.value->kind == AZ_UNKNOWN) {
        check_unresolved(ctx, r, m.value, path);
        return;
    }
    if (!check_string_is(m.value, "Free"))
        return;
    const az_value *name = r->name;
    char plan[120] = "-";
    if (name && name->kind == AZ_STRING)
        snprintf(plan, sizeof(plan), "%s", name->u.string.ptr);
    check_report(ctx, r, m.value, path,
                 "Defender for Cloud plan '%s' is on the Free tier: pricingTier is 'Free'%s, so "
                 "the plan's threat detection is off",
                 plan, check_value_origin(ctx, m.value));
}

static const char *const types[] = {"Microsoft.Security/pricings", NULL};

static const char *const references[] = {
    "MCSB LT-1",
    NULL,
};

const az_check check_defender_plan_free_tier = {
    .meta =
        {
            .id = "AZS501",
            .name = "defender-plan-free-tier",
            .title = "Microsoft Defender for Cloud plan is on the Free tier",
            .severity = AZ_SEVERITY_HIGH,
            .security_severity = 7.0,
            .category = AZ_CATEGORY_MONITORING,
            .resource_types = types,
            .description =
                "The Microsoft Defender for Cloud plan (Microsoft.Security/pricings) is set to "
                "the Free tier. The Free tier keeps only the recommendations of foundational "
                "security posture management: threat detection and security alerts for the "
                "plan's resources (servers, storage, SQL, containers, Key Vault, ...) are off, "
                "so attacks on them go unnoticed.",
            .remediation = "Set pricingTier to 'Standard' for the plans of the resource types "
                           "the subscription uses.",
            .fix_bicep = "resource defender 'Microsoft.Security/pricings@2024-01-01' = {\n"
                         "  name: 'VirtualMachines'\n  properties: {\n"
                         "    pricingTier: 'Standard'\n  }\n}",
            .fix_arm = "{\n  \"type\": \"Microsoft.Security/pricings\",\n"
                       "  \"apiVersion\": \"2024-01-01\",\n  \"name\": \"VirtualMachines\",\n"
                       "  \"properties\": { \"pricingTier\": \"Standard\" }\n}",
            .references = references,
        },
    .resource = run,
};
