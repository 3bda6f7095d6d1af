#include "../catalog.h"

extern const az_check check_https_only;
extern const az_check check_minimum_tls_version;

const az_check *const catalog_encryption[] = {
    &check_https_only,
    &check_minimum_tls_version,
    NULL,
};
