#include "json_build.h"

void json_build_add(bool *failed, cJSON *obj, const char *key, cJSON *item)
{
    if (!item || !cJSON_AddItemToObject(obj, key, item)) {
        cJSON_Delete(item);
        *failed = true;
    }
}

void json_build_push(bool *failed, cJSON *array, cJSON *item)
{
    if (!item || !cJSON_AddItemToArray(array, item)) {
        cJSON_Delete(item);
        *failed = true;
    }
}

cJSON *json_build_check(bool *failed, cJSON *item)
{
    if (!item)
        *failed = true;
    return item;
}
