/*
 * The secrets checks' details that their fixtures (checks/secrets/) do not
 * pin down: the property paths AZS403 reports.
 */
#include "check.h"
#include "fs_fixture.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

static bool is_azs403(const az_check *c, void *ud)
{
    (void)ud;
    return strcmp(c->meta.id, "AZS403") == 0;
}

/* The findings of AZS403 on an ARM template whose resources are `resources`. */
static az_findings *literal_secrets(const char *resources)
{
    size_t size = strlen(resources) + 200;
    char *text = malloc(size);
    cr_assert(text);
    snprintf(text, size,
             "{\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/"
             "deploymentTemplate.json#\", \"contentVersion\": \"1.0.0.0\", \"resources\": [%s]}",
             resources);
    char *dir = fixture_tempdir();
    fixture_write_text(dir, "main.json", text);
    free(text);
    char *path = fixture_path(dir, "main.json"), err[256];
    az_model *m = NULL;
    int rc = az_model_build_file(&m, dir, path, "main.json", NULL, NULL, err, sizeof(err));
    free(path);
    /* The model holds what it read: the file is not needed any more. */
    fixture_remove(dir);
    free(dir);
    cr_assert_eq(rc, 0, "%s", err);
    az_findings *f = az_findings_new();
    az_check_config config = {0};
    cr_assert_eq(az_checks_run(m, &config, is_azs403, NULL, f), 0);
    az_model_free(m);
    return f;
}

/* Whether a finding names `property` and says so in its message. */
static bool reported_at(const az_findings *f, const char *property)
{
    for (size_t i = 0; i < az_findings_count(f); i++) {
        const az_finding *x = az_findings_get(f, i);
        const char *in = strstr(x->message, " in plain text in ");
        if (x->property && strcmp(x->property, property) == 0 && in &&
            strncmp(in + strlen(" in plain text in "), property, strlen(property)) == 0)
            return true;
    }
    return false;
}

Test(secrets, literal_secrets_name_the_path_of_members_and_items)
{
    az_findings *f = literal_secrets(
        "{\"type\": \"Microsoft.Web/sites\", \"apiVersion\": \"2023-01-01\", \"name\": \"app\","
        " \"properties\": {\"siteConfig\": {\"appSettings\": [{\"name\": \"a\", \"value\": \"b\"},"
        " {\"name\": \"conn\", \"value\": \"AccountName=x;AccountKey=abc123\"}]},"
        " \"osProfile\": {\"adminPassword\": \"hunter22\"}, \"\": {\"password\": \"x1\"}}}");
    cr_assert_eq(az_findings_count(f), 3);
    cr_expect(reported_at(f, "properties.siteConfig.appSettings[1].value"));
    cr_expect(reported_at(f, "properties.osProfile.adminPassword"));
    /* An empty key is a step of its own. */
    cr_expect(reported_at(f, "properties..password"));
    az_findings_free(f);
}

Test(secrets, literal_secrets_at_a_types_fixed_place_match_it_ignoring_case)
{
    az_findings *f = literal_secrets(
        "{\"type\": \"Microsoft.KeyVault/vaults/secrets\", \"apiVersion\": \"2023-07-01\","
        " \"name\": \"kv/a\", \"Properties\": {\"VALUE\": \"s3cret\", \"other\": \"plain\"}},"
        "{\"type\": \"Microsoft.Web/sites\", \"apiVersion\": \"2023-01-01\", \"name\": \"app\","
        " \"properties\": {\"value\": \"plain\"}}");
    cr_assert_eq(az_findings_count(f), 1);
    cr_expect(reported_at(f, "Properties.VALUE"));
    az_findings_free(f);
}

Test(secrets, literal_secret_paths_are_cut_at_255_bytes)
{
    char key[5][64], deep[1024] = "", full[1024] = "properties";
    for (int i = 0; i < 5; i++) {
        snprintf(key[i], sizeof(key[i]), "k%d_%055d", i, 0);
        snprintf(full + strlen(full), sizeof(full) - strlen(full), ".%s", key[i]);
    }
    strcat(full, ".password");
    for (int i = 0; i < 5; i++)
        snprintf(deep + strlen(deep), sizeof(deep) - strlen(deep), "{\"%s\": ", key[i]);
    strcat(deep, "{\"password\": \"hunter22\"}}}}}}");
    char resource[2048];
    snprintf(resource, sizeof(resource),
             "{\"type\": \"Microsoft.Web/sites\", \"apiVersion\": \"2023-01-01\", \"name\": "
             "\"app\", \"properties\": %s}",
             deep);
    az_findings *f = literal_secrets(resource);
    cr_assert_gt(strlen(full), 255);
    full[255] = '\0';
    cr_assert_eq(az_findings_count(f), 1);
    cr_expect(reported_at(f, full), "%s", az_findings_get(f, 0)->property);
    az_findings_free(f);
}
