#include "../catalog.h"

extern const az_check check_https_only;
extern const az_check check_minimum_tls_version;
extern const az_check check_storage_blob_public_access;
extern const az_check check_app_ftps;
extern const az_check check_app_remote_debugging;

const az_check *const catalog_encryption[] = {
    &check_https_only,
    &check_minimum_tls_version,
    &check_storage_blob_public_access,
    &check_app_ftps,
    &check_app_remote_debugging,
    NULL,
};
