#include "../catalog.h"

extern const az_check check_defender_plan_free_tier;
extern const az_check check_security_contact_alerts;
extern const az_check check_sql_auditing;
extern const az_check check_aks_monitoring;

const az_check *const catalog_monitoring[] = {
    &check_defender_plan_free_tier,
    &check_security_contact_alerts,
    &check_sql_auditing,
    &check_aks_monitoring,
    NULL,
};
