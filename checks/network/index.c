#include "../catalog.h"

extern const az_check check_public_network_access;

const az_check *const catalog_network[] = {
    &check_public_network_access,
    NULL,
};
