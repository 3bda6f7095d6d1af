#include "../catalog.h"

const az_check *const catalog_secrets[] = {
    NULL,
};
