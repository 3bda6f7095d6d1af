/*
 * The secrets checks' details that their fixtures (checks/secrets/) do not
 * pin down: the property paths AZS403 reports, and the text and name
 * heuristics of secrets_common.h, case by case.
 */
#include "check.h"
#include "fs_fixture.h"
#include "secrets/secrets_common.h"

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

typedef struct {
    const char *text;
    size_t len; /* 0: strlen(text) */
    const char *what;
} credential_case;

Test(secrets, credentials_in_text_are_pairs_with_values_and_sas_tokens)
{
    static const credential_case cases[] = {
        {"DefaultEndpointsProtocol=https;AccountName=x;AccountKey=abc==", 0, "an account key"},
        {"accountkey = abc", 0, "an account key"},
        {"Endpoint=sb://x/;SharedAccessKeyName=n;SharedAccessKey=k", 0, "a shared access key"},
        {"Server=x;User Id=u;Password='p4ss';", 0, "a password"},
        {"\"pwd\"=x", 0, NULL}, /* the quote ends the key */
        {"Server=x;\tPWD=p", 0, "a password"},
        /* Inside a word, empty, or a placeholder: no credential. */
        {"MyAccountKey=abc", 0, NULL},
        {"AccountKey=;x=1", 0, NULL},
        {"AccountKey= ", 0, NULL},
        {"Password={password}", 0, NULL},
        {"Password=<secret>", 0, NULL},
        {"Password=$(pw)", 0, NULL},
        {"Password=%PW%", 0, NULL},
        {"Password='[parameters(1)]'", 0, NULL},
        {"AccountKey", 0, NULL},
        {"AccountKe", 0, NULL},
        /* A SAS token: sig= with sv= or skn=, each at a query boundary. */
        {"https://x.blob.core.windows.net/c?sv=2022-11-02&sig=abc", 0, "a SAS token"},
        {"?SIG=abc&SKN=policy", 0, "a SAS token"},
        {"sig=abc sv=1", 0, "a SAS token"},
        {"https://x/c?sig=abc", 0, NULL},
        {"https://x/c?sv=1&xsig=abc", 0, NULL},
        {"https://x/c?sv=1&sig=&x=1", 0, NULL},
        {"https://x/c?sv=1&sig=", 0, NULL},
        {"https://x/c?sv=&sig=a", 0, NULL},
        {"https://x/c?sv&sig", 0, NULL},
        {"AccountKey abc; Password: p", 0, NULL},
        /* A NUL byte inside the text counts as a boundary. */
        {"x\0AccountKey=abc", 15, "an account key"},
        {"", 0, NULL},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
        const credential_case *c = &cases[i];
        size_t n = c->len ? c->len : strlen(c->text);
        const char *what = secrets_credential_in_text(c->text, n);
        if (c->what)
            cr_expect(what && strcmp(what, c->what) == 0, "%s: %s, not %s", c->text,
                      what ? what : "nothing", c->what);
        else
            cr_expect_null(what, "%s: %s", c->text, what);
    }
}

typedef struct {
    const char *text;
    bool secret;
} text_case;

Test(secrets, commands_with_secrets_pass_literal_options_or_assignments)
{
    static const text_case cases[] = {
        {"Set-Thing -Password hunter2", true},
        {"az login --password=hunter2", true},
        {"tool /token:abc", true},
        {"export DB_PASSWORD=hunter2 && run", true},
        {"run --api-key abc", true},
        {"curl -H x --apikey 'abc'", true},
        {"connect Server=x;Pwd=p", true},
        {"Set-Thing -Password $pw", false},
        {"Set-Thing -Password", false},
        {"Set-Thing -PasswordFile f", false},
        {"Set-Thing -Password -Force", false},
        {"echo password hunter2", false},
        {"PASSWORD=", false},
        {"TOKEN=%TOKEN%", false},
        {"", false},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++)
        cr_expect_eq(secrets_command_has_secret(cases[i].text, strlen(cases[i].text)),
                     cases[i].secret, "%s", cases[i].text);
}

Test(secrets, names_of_secrets_hold_a_secret_term_and_no_metadata_word)
{
    static const text_case cases[] = {
        {"adminPassword", true},
        {"ADMIN_PASSWORD", true},
        {"client-secret", true},
        {"storageAccountKey", true},
        {"sqlConnectionString", true},
        {"passwordLength", false},
        {"adminpasswordlength", false},
        {"secretName", false},
        {"keyVaultSecretUri", false},
        {"tokenLifetime", false},
        {"password_", true}, /* no last word */
        {"_password", true},
        {"Password2", true},
        {"creationToken", false},
        {"NextToken", false},
        {"pageToken2", true},
        {"location", false},
        {"", false},
        {"__", false},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++)
        cr_expect_eq(secrets_name_is_secret(cases[i].text), cases[i].secret, "%s", cases[i].text);
    char longest[200];
    memset(longest, 'a', sizeof(longest));
    memcpy(longest, "password", 8);
    longest[127] = '\0';
    cr_expect(secrets_name_is_secret(longest));
    longest[127] = 'a';
    longest[128] = '\0';
    cr_expect_not(secrets_name_is_secret(longest), "names of 128 bytes or more are not read");
    cr_expect_not(secrets_name_is_secret(NULL));
}
