#include "../catalog.h"

const az_check *const catalog_monitoring[] = {
    NULL,
};
