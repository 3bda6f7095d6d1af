#include "../catalog.h"

extern const az_check check_sql_password_authentication;

const az_check *const catalog_identity[] = {
    &check_sql_password_authentication,
    NULL,
};
