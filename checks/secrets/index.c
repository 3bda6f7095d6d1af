#include "../catalog.h"

extern const az_check check_secure_parameter_default;
extern const az_check check_secret_parameter_not_secure;
extern const az_check check_literal_secret_in_property;
extern const az_check check_output_exposes_secret;
extern const az_check check_vm_extension_command_secret;
extern const az_check check_linux_vm_password_authentication;
extern const az_check check_key_vault_secret_expiry;
extern const az_check check_literal_sql_admin_login;

const az_check *const catalog_secrets[] = {
    &check_secure_parameter_default,
    &check_secret_parameter_not_secure,
    &check_literal_secret_in_property,
    &check_output_exposes_secret,
    &check_vm_extension_command_secret,
    &check_linux_vm_password_authentication,
    &check_key_vault_secret_expiry,
    &check_literal_sql_admin_login,
    NULL,
};
