/*
 * AZS308 vm-encryption-at-host: virtual machines and scale sets whose
 * temporary disks, caches and data flows to storage are not encrypted on
 * the host. encryptionAtHost is false when absent. A scale set without a
 * virtualMachineProfile (flexible orchestration with VMs added on their
 * own) has nothing to check.
 */
#include "setting_rules.h"

static const enc_rule rules[] = {
    {.type = "Microsoft.Compute/virtualMachines",
     .path = "properties.securityProfile.encryptionAtHost",
     .bad = ENC_BAD_FALSE,
     .absent = ENC_ABSENT_UNSAFE,
     .absent_means = "false"},
    {.type = "Microsoft.Compute/virtualMachineScaleSets",
     .path = "properties.virtualMachineProfile.securityProfile.encryptionAtHost",
     .bad = ENC_BAD_FALSE,
     .absent = ENC_ABSENT_UNSAFE,
     .absent_means = "false",
     .requires = "properties.virtualMachineProfile"},
};

static void run(check_context *ctx, const az_resource *r)
{
    enc_check_rules(ctx, r, rules, ENC_COUNT(rules), "does not use encryption at host");
}

static const char *const types[] = {
    "Microsoft.Compute/virtualMachines",
    "Microsoft.Compute/virtualMachineScaleSets",
    NULL,
};

static const char *const references[] = {
    "MCSB DP-4",
    "Azure Policy fc4d8e41-e223-45ea-9bf5-eada37891d87 (Virtual machines and virtual machine "
    "scale sets should have encryption at host enabled)",
    NULL,
};

const az_check check_vm_encryption_at_host = {
    .meta =
        {
            .id = "AZS308",
            .name = "vm-encryption-at-host",
            .title = "Virtual machine does not use encryption at host",
            .severity = AZ_SEVERITY_MEDIUM,
            .security_severity = 5.5,
            .category = AZ_CATEGORY_ENCRYPTION,
            .resource_types = types,
            .description =
                "Managed disks are encrypted at rest by the storage service, but a VM's temporary "
                "disk, its OS and data disk caches and ephemeral OS disks live on the host and "
                "are encrypted only with encryption at host. Without it, that data sits on the "
                "host unencrypted.",
            .remediation = "Set securityProfile.encryptionAtHost to true (for scale sets, in "
                           "virtualMachineProfile.securityProfile), after registering the "
                           "EncryptionAtHost feature of Microsoft.Compute in the subscription.",
            .fix_bicep = "properties: {\n  securityProfile: {\n    encryptionAtHost: true\n  }\n}",
            .fix_arm = "\"properties\": {\n  \"securityProfile\": {\n    \"encryptionAtHost\": "
                       "true\n  }\n}",
            .references = references,
        },
    .resource = run,
};
