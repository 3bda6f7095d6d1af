/*
 * AZS209 vm-nic-public-ip: a network interface with a public IP address.
 *
 * One table: network interfaces name their public IP in
 * ipConfigurations[*].properties.publicIPAddress; virtual machines (with
 * inline network interface configurations) and scale sets give theirs a
 * publicIPAddressConfiguration.
 */
#include "../catalog.h"

typedef struct {
    const char *type;
    const char *path;
} nic_rule;

#define MAX_MATCHES 64

static const nic_rule rules[] = {
    {"Microsoft.Network/networkInterfaces",
     "properties.ipConfigurations[*].properties.publicIPAddress"},
    {"Microsoft.Compute/virtualMachines",
     "properties.networkProfile.networkInterfaceConfigurations[*].properties.ipConfigurations[*]."
     "properties.publicIPAddressConfiguration"},
    {"Microsoft.Compute/virtualMachineScaleSets",
     "properties.virtualMachineProfile.networkProfile.networkInterfaceConfigurations[*]."
     "properties.ipConfigurations[*].properties.publicIPAddressConfiguration"},
};

static void run(check_context *ctx, const az_resource *r)
{
    if (r->existing)
        return;
    const nic_rule *rule = NULL;
    for (size_t i = 0; i < sizeof(rules) / sizeof(*rules); i++)
        if (check_type_is(r, rules[i].type))
            rule = &rules[i];
    if (!rule)
        return;
    az_match m[MAX_MATCHES];
    size_t n = az_query(r->body, rule->path, m, MAX_MATCHES);
    if (n > MAX_MATCHES)
        n = MAX_MATCHES;
    const char *key = strrchr(rule->path, '.') + 1;
    for (size_t i = 0; i < n; i++) {
        const az_value *v = m[i].value;
        if (!v || v->kind == AZ_NULL)
            continue;
        if (v->kind == AZ_UNKNOWN) {
            check_unresolved(ctx, r, v, rule->path);
            continue;
        }
        char label[200];
        snprintf(label, sizeof(label), "%s", check_resource_label(ctx, r));
        check_report(ctx, r, v, rule->path,
                     "%s gives a network interface a public IP address: %s is set%s", label, key,
                     check_value_origin(ctx, v));
    }
}

static const char *const types[] = {
    "Microsoft.Network/networkInterfaces",
    "Microsoft.Compute/virtualMachines",
    "Microsoft.Compute/virtualMachineScaleSets",
    NULL,
};

static const char *const references[] = {
    "MCSB NS-1",
    "Azure Policy 83a86a26-fd1f-447c-b59d-e51f44264114 (Network interfaces should not have "
    "public IPs)",
    "Checkov CKV_AZURE_119",
    NULL,
};

const az_check check_vm_nic_public_ip = {
    .meta =
        {
            .id = "AZS209",
            .name = "vm-nic-public-ip",
            .title = "Virtual machine network interface has a public IP address",
            .severity = AZ_SEVERITY_MEDIUM,
            .security_severity = 5.3,
            .category = AZ_CATEGORY_NETWORK,
            .resource_types = types,
            .description =
                "A network interface (or a virtual machine's or scale set's inline network "
                "interface configuration) has a public IP address, so the machine is directly "
                "addressable from the internet and only its network security group stands "
                "between it and every scanner. Machines are better reached through a load "
                "balancer, an application gateway, Azure Bastion or a VPN.",
            .remediation =
                "Remove the public IP address from the IP configuration; publish services "
                "through a load balancer or application gateway and administer machines "
                "through Azure Bastion.",
            .fix_bicep = "ipConfigurations: [\n"
                         "  {\n"
                         "    name: 'ipconfig1'\n"
                         "    properties: {\n"
                         "      subnet: { id: subnetId }\n"
                         "      privateIPAllocationMethod: 'Dynamic'\n"
                         "    }\n"
                         "  }\n"
                         "]",
            .fix_arm = "\"ipConfigurations\": [\n"
                       "  {\n"
                       "    \"name\": \"ipconfig1\",\n"
                       "    \"properties\": {\n"
                       "      \"subnet\": { \"id\": \"[parameters('subnetId')]\" },\n"
                       "      \"privateIPAllocationMethod\": \"Dynamic\"\n"
                       "    }\n"
                       "  }\n"
                       "]",
            .references = references,
        },
    .resource = run,
};
