/*
 * AZS402 secret-parameter-not-secure: a parameter named like a password,
 * key, token or connection string that is not marked secure.
 *
 * The name heuristic (secrets_name_is_secret) looks for secret words
 * anywhere in the name and lets names about a secret through: secretName,
 * passwordLength, keyVaultSecretUri. Only string and object parameters are
 * considered: a bool or int parameter (enablePasswordReset, passwordLength)
 * holds no secret.
 */
#include "secrets_common.h"

#include <strings.h>

static bool may_hold_secret(const az_parameter *p)
{
    return p->type && (strcasecmp(p->type, "string") == 0 || strcasecmp(p->type, "object") == 0);
}

static void run(check_context *ctx, const az_deployment *d)
{
    for (uint32_t i = 0; i < d->parameter_count; i++) {
        const az_parameter *p = d->parameters[i];
        if (p->secure || !may_hold_secret(p) || !secrets_name_is_secret(p->name))
            continue;
        check_report_at(ctx, "parameter", p->name, p->range, NULL, NULL,
                        "Parameter '%s' looks like it holds a secret but is not secure: its "
                        "value is shown in the deployment history and logs",
                        p->name);
    }
}

static const char *const references[] = {
    "MCSB IM-8",
    NULL,
};

const az_check check_secret_parameter_not_secure = {
    .meta =
        {
            .id = "AZS402",
            .name = "secret-parameter-not-secure",
            .title = "Parameter that holds a secret is not marked secure",
            .severity = AZ_SEVERITY_MEDIUM,
            .security_severity = 5.5,
            .category = AZ_CATEGORY_SECRETS,
            .resource_types = NULL,
            .description =
                "The parameter's name says it holds a password, key, token or connection "
                "string, but it is a plain string or object. Azure Resource Manager records "
                "the values of plain parameters in the deployment history, where anyone with "
                "read access to the resource group can see them, and tools print them in "
                "logs. Names about a secret rather than the secret itself (secretName, "
                "passwordLength, keyVaultSecretUri) are not reported.",
            .remediation = "Mark the parameter @secure() in Bicep, or declare it as securestring "
                           "or secureObject in ARM JSON.",
            .fix_bicep = "@secure()\nparam adminPassword string",
            .fix_arm = "\"adminPassword\": {\n  \"type\": \"securestring\"\n}",
            .references = references,
        },
    .deployment = run,
};
