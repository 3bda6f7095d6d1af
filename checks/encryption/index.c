#include "../catalog.h"

extern const az_check check_https_only;
extern const az_check check_minimum_tls_version;
extern const az_check check_storage_blob_public_access;
extern const az_check check_app_ftps;
extern const az_check check_app_remote_debugging;
extern const az_check check_sql_tde_disabled;
extern const az_check check_database_ssl_enforcement;
extern const az_check check_vm_encryption_at_host;
extern const az_check check_automation_variable_unencrypted;
extern const az_check check_key_vault_soft_delete_disabled;
extern const az_check check_key_vault_purge_protection;

const az_check *const catalog_encryption[] = {
    &check_https_only,
    &check_minimum_tls_version,
    &check_storage_blob_public_access,
    &check_app_ftps,
    &check_app_remote_debugging,
    &check_sql_tde_disabled,
    &check_database_ssl_enforcement,
    &check_vm_encryption_at_host,
    &check_automation_variable_unencrypted,
    &check_key_vault_soft_delete_disabled,
    &check_key_vault_purge_protection,
    NULL,
};
