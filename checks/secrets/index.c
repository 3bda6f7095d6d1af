#include "../catalog.h"

extern const az_check check_secure_parameter_default;
extern const az_check check_secret_parameter_not_secure;
extern const az_check check_literal_secret_in_property;
extern const az_check check_output_exposes_secret;

const az_check *const catalog_secrets[] = {
    &check_secure_parameter_default,
    &check_secret_parameter_not_secure,
    &check_literal_secret_in_property,
    &check_output_exposes_secret,
    NULL,
};
