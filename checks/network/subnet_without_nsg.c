/*
 * AZS204 subnet-without-nsg: a subnet with no network security group.
 *
 * Subnets are read inline (properties.subnets[*] of a virtual network) and
 * as child resources (Microsoft.Network/virtualNetworks/subnets). The
 * platform subnets that do not support a network security group, or are
 * managed by their service, are exempt.
 */
#include "../catalog.h"

#include <strings.h>

/* Gateways, Azure Firewall and Route Server do not support (or do not
 * honour) a network security group on their subnet. AzureBastionSubnet does
 * support one and is not exempt. */
static const char *const exempt[] = {
    "GatewaySubnet",
    "AzureFirewallSubnet",
    "AzureFirewallManagementSubnet",
    "RouteServerSubnet",
    NULL,
};

/* The last segment of a name: a child subnet's name is "vnet/subnet" in ARM. */
static bool is_exempt(const az_value *name)
{
    const char *s = name->u.string.ptr;
    const char *slash = strrchr(s, '/');
    if (slash)
        s = slash + 1;
    for (const char *const *e = exempt; *e; e++)
        if (strcasecmp(s, *e) == 0)
            return true;
    return false;
}

static void check_subnet(check_context *ctx, const az_resource *r, const az_value *subnet,
                         const char *prefix)
{
    char path[128];
    const az_value *name = az_query_value(subnet, "name");
    if (name && name->kind == AZ_UNKNOWN) {
        snprintf(path, sizeof(path), "%s.name", prefix);
        check_unresolved(ctx, r, name, path);
        return;
    }
    if (name && name->kind == AZ_STRING && is_exempt(name))
        return;
    snprintf(path, sizeof(path), "%s.properties.networkSecurityGroup", prefix[0] ? prefix : "");
    const char *rel = path[0] == '.' ? path + 1 : path;
    az_match m;
    if (az_query(subnet, "properties.networkSecurityGroup", &m, 1) == 0)
        return;
    if (m.value && m.value->kind == AZ_UNKNOWN) {
        check_unresolved(ctx, r, m.value, rel);
        return;
    }
    if (m.value && m.value->kind != AZ_NULL)
        return;
    char label[200];
    snprintf(label, sizeof(label), "%s", check_resource_label(ctx, r));
    if (prefix[0] && name && name->kind == AZ_STRING) {
        check_report(ctx, r, name, rel,
                     "%s subnet %s has no network security group: "
                     "properties.networkSecurityGroup is not set",
                     label, check_value_text(ctx, name));
    } else {
        check_report(ctx, r, m.value, rel,
                     "%s has no network security group: properties.networkSecurityGroup is %s",
                     label, m.value ? "null" : "not set");
    }
}

static void run(check_context *ctx, const az_resource *r)
{
    if (r->existing)
        return;
    if (check_type_is(r, "Microsoft.Network/virtualNetworks/subnets")) {
        check_subnet(ctx, r, r->body, "");
        return;
    }
    const az_value *subnets = az_query_value(r->body, "properties.subnets");
    if (!subnets)
        return;
    if (subnets->kind == AZ_UNKNOWN) {
        check_unresolved(ctx, r, subnets, "properties.subnets");
        return;
    }
    if (subnets->kind != AZ_ARRAY)
        return;
    for (uint32_t i = 0; i < subnets->u.array.count; i++) {
        char prefix[64];
        snprintf(prefix, sizeof(prefix), "properties.subnets[%u]", i);
        check_subnet(ctx, r, subnets->u.array.items[i], prefix);
    }
}

static const char *const types[] = {
    "Microsoft.Network/virtualNetworks",
    "Microsoft.Network/virtualNetworks/subnets",
    NULL,
};

static const char *const references[] = {
    "MCSB NS-1",
    "Checkov CKV2_AZURE_31",
    "PSRule Azure.VNET.UseNSGs",
    NULL,
};

const az_check check_subnet_without_nsg = {
    .meta =
        {
            .id = "AZS204",
            .name = "subnet-without-nsg",
            .title = "Subnet has no network security group",
            .severity = AZ_SEVERITY_MEDIUM,
            .security_severity = 5.3,
            .category = AZ_CATEGORY_NETWORK,
            .resource_types = types,
            .description =
                "A subnet without a network security group filters no traffic: every machine "
                "and service in it is reachable from the whole virtual network, its peers and "
                "whatever public IP addresses are attached. GatewaySubnet, AzureFirewallSubnet, "
                "AzureFirewallManagementSubnet and RouteServerSubnet are exempt, as their "
                "services do not support a network security group there; AzureBastionSubnet "
                "supports one and is reported.",
            .remediation = "Associate a network security group with the subnet, with rules that "
                           "allow only the traffic its workloads need.",
            .fix_bicep = "{\n"
                         "  name: 'app'\n"
                         "  properties: {\n"
                         "    addressPrefix: '10.0.1.0/24'\n"
                         "    networkSecurityGroup: {\n"
                         "      id: nsg.id\n"
                         "    }\n"
                         "  }\n"
                         "}",
            .fix_arm = "{\n"
                       "  \"name\": \"app\",\n"
                       "  \"properties\": {\n"
                       "    \"addressPrefix\": \"10.0.1.0/24\",\n"
                       "    \"networkSecurityGroup\": {\n"
                       "      \"id\": \"[resourceId('Microsoft.Network/networkSecurityGroups', "
                       "'nsg-app')]\"\n"
                       "    }\n"
                       "  }\n"
                       "}",
            .references = references,
        },
    .resource = run,
};
