#include "catalog.h"

/* Every check, in id order. */
static const az_check *const checks[] = {
    &check_public_network_access,
};

size_t az_check_count(void)
{
    return sizeof(checks) / sizeof(*checks);
}

const az_check *az_check_get(size_t index)
{
    return index < az_check_count() ? checks[index] : NULL;
}
