#include "../catalog.h"

const az_check *const catalog_encryption[] = {
    NULL,
};
