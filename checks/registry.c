#include "catalog.h"

#include <strings.h>

/* The categories in id order; each list is in id order too. */
static const az_check *const *const categories[] = {
    catalog_identity, catalog_network,    catalog_encryption,
    catalog_secrets,  catalog_monitoring, catalog_governance,
};

size_t az_check_count(void)
{
    size_t n = 0;
    for (size_t c = 0; c < sizeof(categories) / sizeof(*categories); c++)
        for (const az_check *const *p = categories[c]; *p; p++)
            n++;
    return n;
}

const az_check *az_check_get(size_t index)
{
    for (size_t c = 0; c < sizeof(categories) / sizeof(*categories); c++)
        for (const az_check *const *p = categories[c]; *p; p++)
            if (index-- == 0)
                return *p;
    return NULL;
}

/* In one pass: az_check_get walks the categories from the start each time. */
const az_check *az_check_find(const char *id_or_name)
{
    for (size_t c = 0; c < sizeof(categories) / sizeof(*categories); c++)
        for (const az_check *const *p = categories[c]; *p; p++)
            if (strcasecmp((*p)->meta.id, id_or_name) == 0 ||
                strcasecmp((*p)->meta.name, id_or_name) == 0)
                return *p;
    return NULL;
}
