/*
 * AZS210 vnet-without-ddos-protection: a virtual network without a DDoS
 * protection plan.
 */
#include "../catalog.h"

#define ENABLE_PATH "properties.enableDdosProtection"
#define PLAN_PATH "properties.ddosProtectionPlan.id"

static void run(check_context *ctx, const az_resource *r)
{
    if (r->existing)
        return;
    az_match enable, plan;
    if (az_query(r->body, ENABLE_PATH, &enable, 1) == 0 ||
        az_query(r->body, PLAN_PATH, &plan, 1) == 0)
        return;
    if (enable.value && enable.value->kind == AZ_UNKNOWN) {
        check_unresolved(ctx, r, enable.value, ENABLE_PATH);
        return;
    }
    char label[200];
    snprintf(label, sizeof(label), "%s", check_resource_label(ctx, r));
    if (!enable.value || enable.value->kind != AZ_BOOL || !enable.value->u.boolean) {
        if (enable.value && enable.value->kind == AZ_BOOL)
            check_report(ctx, r, enable.value, ENABLE_PATH,
                         "%s has no DDoS protection: enableDdosProtection is false%s", label,
                         check_value_origin(ctx, enable.value));
        else
            check_report(ctx, r, NULL, ENABLE_PATH,
                         "%s has no DDoS protection: enableDdosProtection is not set", label);
        return;
    }
    if (plan.value && plan.value->kind == AZ_UNKNOWN) {
        check_unresolved(ctx, r, plan.value, PLAN_PATH);
        return;
    }
    if (!plan.value || plan.value->kind == AZ_NULL)
        check_report(ctx, r, enable.value, PLAN_PATH,
                     "%s enables DDoS protection without a plan: ddosProtectionPlan.id is not set",
                     label);
}

static const char *const types[] = {"Microsoft.Network/virtualNetworks", NULL};

static const char *const references[] = {
    "MCSB NS-5",
    "Azure Policy 94de2ad3-e0c1-4caf-ad78-5d47bbc83d3d (Virtual networks should be protected by "
    "Azure DDoS Protection)",
    NULL,
};

const az_check check_vnet_without_ddos_protection = {
    .meta =
        {
            .id = "AZS210",
            .name = "vnet-without-ddos-protection",
            .title = "Virtual network has no DDoS protection plan",
            .severity = AZ_SEVERITY_LOW,
            .security_severity = 3.7,
            .category = AZ_CATEGORY_NETWORK,
            .resource_types = types,
            .description =
                "The virtual network does not enable DDoS Network Protection "
                "(enableDdosProtection with a ddosProtectionPlan), so its public IP addresses "
                "have only the platform's basic infrastructure protection, without adaptive "
                "tuning, attack telemetry or cost protection. Public IP addresses protected "
                "individually (DDoS IP Protection) are not taken into account.",
            .remediation = "Associate the virtual network with a DDoS protection plan, usually "
                           "one shared plan per tenant or region.",
            .fix_bicep = "properties: {\n"
                         "  enableDdosProtection: true\n"
                         "  ddosProtectionPlan: {\n"
                         "    id: ddosPlan.id\n"
                         "  }\n"
                         "}",
            .fix_arm = "\"properties\": {\n"
                       "  \"enableDdosProtection\": true,\n"
                       "  \"ddosProtectionPlan\": {\n"
                       "    \"id\": \"[parameters('ddosPlanId')]\"\n"
                       "  }\n"
                       "}",
            .references = references,
        },
    .resource = run,
};
