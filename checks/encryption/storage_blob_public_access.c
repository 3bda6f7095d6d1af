/*
 * AZS303 storage-blob-public-access: blob data readable without
 * credentials.
 *
 * A storage account's allowBlobPublicAccess is read as true when absent
 * before API version 2023-01-01 and as false from it on (the REST API's
 * documented default changed with that version); a container's publicAccess
 * is 'None' when absent.
 */
#include "setting_rules.h"

static const char *const anonymous[] = {"Blob", "Container", NULL};

static const enc_rule rules[] = {
    {.type = "Microsoft.Storage/storageAccounts",
     .path = "properties.allowBlobPublicAccess",
     .bad = ENC_BAD_TRUE,
     .absent = ENC_ABSENT_UNSAFE_BEFORE,
     .absent_means = "true",
     .safe_from = "2023-01-01"},
    {.type = "Microsoft.Storage/storageAccounts/blobServices/containers",
     .path = "properties.publicAccess",
     .bad_values = anonymous},
};

static void run(check_context *ctx, const az_resource *r)
{
    enc_check_rules(ctx, r, rules, ENC_COUNT(rules), "allows anonymous read access to blobs");
}

static const char *const types[] = {
    "Microsoft.Storage/storageAccounts",
    "Microsoft.Storage/storageAccounts/blobServices/containers",
    NULL,
};

static const char *const references[] = {
    "Azure Policy 4fa4b6c0-31ca-4c0d-b10d-24b96f62a751 (Storage account public access should be "
    "disallowed)",
    "PSRule Azure.Storage.BlobPublicAccess",
    NULL,
};

const az_check check_storage_blob_public_access = {
    .meta =
        {
            .id = "AZS303",
            .name = "storage-blob-public-access",
            .title = "Storage allows anonymous read access to blobs",
            .severity = AZ_SEVERITY_HIGH,
            .security_severity = 7.5,
            .category = AZ_CATEGORY_ENCRYPTION,
            .resource_types = types,
            .description =
                "Anyone who knows a blob's URL can read it without credentials: the storage "
                "account allows anonymous access (allowBlobPublicAccess true, or absent with an "
                "API version before 2023-01-01, when the default was true), or a container is "
                "set to the 'Blob' or 'Container' public access level. Anonymous access is the "
                "cause of many data leaks; it cannot be audited per caller and is never "
                "needed for private data.",
            .remediation =
                "Set allowBlobPublicAccess to false on the storage account and publicAccess to "
                "'None' on its containers. Serve public content through a CDN or with "
                "short-lived SAS tokens instead.",
            .fix_bicep = "properties: {\n  allowBlobPublicAccess: false\n}",
            .fix_arm = "\"properties\": {\n  \"allowBlobPublicAccess\": false\n}",
            .references = references,
        },
    .resource = run,
};
