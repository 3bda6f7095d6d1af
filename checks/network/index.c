#include "../catalog.h"

extern const az_check check_public_network_access;
extern const az_check check_private_endpoint_missing;
extern const az_check check_nsg_open_inbound;
extern const az_check check_subnet_without_nsg;
extern const az_check check_network_acl_default_allow;
extern const az_check check_database_firewall_open;
extern const az_check check_database_firewall_azure_services;
extern const az_check check_aks_api_server_public;
extern const az_check check_vm_nic_public_ip;
extern const az_check check_vnet_without_ddos_protection;

const az_check *const catalog_network[] = {
    &check_public_network_access,
    &check_private_endpoint_missing,
    &check_nsg_open_inbound,
    &check_subnet_without_nsg,
    &check_network_acl_default_allow,
    &check_database_firewall_open,
    &check_database_firewall_azure_services,
    &check_aks_api_server_public,
    &check_vm_nic_public_ip,
    &check_vnet_without_ddos_protection,
    NULL,
};
