#include "../catalog.h"

extern const az_check check_location_not_allowed;
extern const az_check check_required_tags_missing;

const az_check *const catalog_governance[] = {
    &check_location_not_allowed,
    &check_required_tags_missing,
    NULL,
};
