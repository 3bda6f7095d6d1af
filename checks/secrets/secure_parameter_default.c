/*
 * AZS401 secure-parameter-literal-default: a secure parameter whose default
 * value anyone reading the template knows.
 *
 * The model evaluates defaults deterministically, so a default is either
 * known (a literal, or an expression of known things such as
 * uniqueString(resourceGroup().id), which anyone who can see the resource
 * group can compute) or unknown (newGuid(), utcNow(), a runtime property).
 * Known defaults are reported unless they are empty; unknown ones never are.
 * This is the Bicep linter's secure-parameter-default rule, which allows
 * only '' and newGuid().
 */
#include "../catalog.h"

/* Values nested deeper than this are not searched. */
#define MAX_DEPTH 64

/* Whether a known value holds some non-empty string: '', {} and
 * { user: '' } give nothing away. */
static bool has_content(const az_value *v, int depth)
{
    if (!v || depth > MAX_DEPTH)
        return false;
    switch (v->kind) {
    case AZ_STRING:
        return v->u.string.len > 0;
    case AZ_INT:
        return true;
    case AZ_ARRAY:
        for (uint32_t i = 0; i < v->u.array.count; i++)
            if (has_content(v->u.array.items[i], depth + 1))
                return true;
        return false;
    case AZ_OBJECT:
        for (uint32_t i = 0; i < v->u.object.count; i++)
            if (has_content(v->u.object.members[i].value, depth + 1))
                return true;
        return false;
    default:
        return false;
    }
}

static void run(check_context *ctx, const az_deployment *d)
{
    for (uint32_t i = 0; i < d->parameter_count; i++) {
        const az_parameter *p = d->parameters[i];
        const az_value *v = p->default_value;
        if (!p->secure || !v || az_value_unknown_reason(v) || !has_content(v, 0))
            continue;
        const az_model *m = check_model(ctx);
        const char *file = az_model_file_path(m, v->range.file);
        check_report_at(ctx, "parameter", p->name, p->range, v, "defaultValue",
                        "Secure parameter '%s' has a default value that anyone who can read the "
                        "template knows (%s:%u): a deployment that does not pass the parameter "
                        "uses it",
                        p->name, file ? file : "?", v->range.start_line);
    }
}

static const char *const references[] = {
    "MCSB IM-8",
    "Bicep linter secure-parameter-default",
    NULL,
};

const az_check check_secure_parameter_default = {
    .meta =
        {
            .id = "AZS401",
            .name = "secure-parameter-literal-default",
            .title = "Secure parameter has a hardcoded default value",
            .severity = AZ_SEVERITY_HIGH,
            .security_severity = 7.5,
            .category = AZ_CATEGORY_SECRETS,
            .resource_types = NULL,
            .description =
                "A @secure() parameter (securestring or secureObject in ARM JSON) is kept out "
                "of logs and deployment history, but its default value is written in the "
                "template for anyone with access to the source to read. A deployment that does "
                "not pass the parameter silently uses that known password or key. Defaults "
                "that the analyzer can compute, such as uniqueString(resourceGroup().id), are "
                "reported too: anyone who can see the resource group can compute them. Empty "
                "defaults and newGuid() are fine.",
            .remediation =
                "Remove the default and pass the value at deployment time, preferably as a "
                "Key Vault reference in the parameter file (getSecret() in a .bicepparam "
                "file), or default to newGuid() when any random value will do.",
            .fix_bicep = "@secure()\nparam adminPassword string",
            .fix_arm = "\"adminPassword\": {\n  \"type\": \"securestring\"\n}",
            .references = references,
        },
    .deployment = run,
};
