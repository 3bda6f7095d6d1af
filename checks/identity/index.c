#include "../catalog.h"

extern const az_check check_sql_password_authentication;
extern const az_check check_missing_managed_identity;
extern const az_check check_privileged_role_assignment;
extern const az_check check_custom_role_wildcard_actions;
extern const az_check check_key_vault_access_policies;
extern const az_check check_local_authentication_enabled;
extern const az_check check_aks_without_entra_rbac;

/* In id order, one per line. */
// clang-format off
const az_check *const catalog_identity[] = {
    &check_sql_password_authentication,
    &check_missing_managed_identity,
    &check_privileged_role_assignment,
    &check_custom_role_wildcard_actions,
    &check_key_vault_access_policies,
    &check_local_authentication_enabled,
    &check_aks_without_entra_rbac,
    NULL,
};
// clang-format on
