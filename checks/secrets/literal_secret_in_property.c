/*
 * AZS403 literal-secret-in-property: a password, key or connection string
 * written into the template (or a parameter file) in plain text.
 *
 * A check about every resource type, so it runs on each deployment and
 * walks its resources itself. It looks at:
 *   - properties named like credentials anywhere in the body (adminPassword,
 *     administratorLoginPassword, password, clientSecret, sharedKey, ...),
 *     and a few type-specific ones (a Key Vault secret's value);
 *   - every string of the body for connection-string credentials
 *     (AccountKey=, SharedAccessKey=, Password=) and SAS tokens.
 * A value counts when it is known and not secure and was written down:
 * a literal, or one that came through a variable, a plain parameter's
 * default, a parameter file or a module argument. Values computed by an
 * expression in place, secure values and unknown values are not reported.
 * Messages never include the value.
 */
#include "secrets_common.h"

#include <strings.h>

#define MAX_DEPTH 64
#define PATH_MAX_LEN 256

/* Property names that hold a credential wherever they appear. */
static const char *const credential_keys[] = {
    "password",     "adminPassword", "administratorLoginPassword", "sqlAdministratorLoginPassword",
    "clientSecret", "sharedKey",
};

typedef struct {
    const char *type;
    const char *path;
} typed_secret;

/* Credentials at a fixed place in one type; one place per type. */
static const typed_secret typed_secrets[] = {
    {"Microsoft.KeyVault/vaults/secrets", "properties.value"},
    {"Microsoft.ContainerService/managedClusters", "properties.servicePrincipalProfile.secret"},
};

static bool written_down(const az_value *v)
{
    if (!v || v->kind != AZ_STRING || (v->flags & AZ_VALUE_SECURE) || v->u.string.len == 0)
        return false;
    return v->origin != AZ_ORIGIN_EXPRESSION;
}

static bool credential_key(const char *key)
{
    for (size_t i = 0; i < sizeof(credential_keys) / sizeof(*credential_keys); i++)
        if (strcasecmp(key, credential_keys[i]) == 0)
            return true;
    return false;
}

/* The place of the credential of r's type, or NULL. */
static const char *typed_path(const az_resource *r)
{
    for (size_t i = 0; i < sizeof(typed_secrets) / sizeof(*typed_secrets); i++)
        if (check_type_is(r, typed_secrets[i].type))
            return typed_secrets[i].path;
    return NULL;
}

/* One step from the body down to a value: a member's key, or an item. */
typedef struct {
    const char *key; /* NULL for an array item */
    uint32_t index;
} path_step;

/* Where the walk of one resource's body is. Most values are not reported:
 * the path of one is written only when it is needed. */
typedef struct {
    check_context *ctx;
    const az_resource *r;
    const char *typed; /* typed_path(r) */
    path_step steps[MAX_DEPTH + 1];
    char path[PATH_MAX_LEN];
} walker;

/* The path of the value `depth` steps down, in w->path: keys joined with
 * dots, items as [i], cut to PATH_MAX_LEN - 1 bytes. */
static const char *path_text(walker *w, int depth)
{
    char *path = w->path;
    size_t len = 0;
    path[0] = '\0';
    for (int i = 0; i < depth; i++) {
        const path_step *s = &w->steps[i];
        if (s->key)
            snprintf(path + len, PATH_MAX_LEN - len, "%s%s", len ? "." : "", s->key);
        else
            snprintf(path + len, PATH_MAX_LEN - len, "[%u]", s->index);
        len += strlen(path + len);
    }
    return path;
}

static void report(walker *w, const az_value *v, int depth, const char *what)
{
    char label[200];
    snprintf(label, sizeof(label), "%s", check_resource_label(w->ctx, w->r));
    const char *path = path_text(w, depth);
    check_report(w->ctx, w->r, v, path, "%s has %s in plain text in %s%s", label, what, path,
                 check_value_origin(w->ctx, v));
}

static void walk(walker *w, const az_value *v, const char *key, int depth)
{
    if (!v || depth > MAX_DEPTH)
        return;
    if (v->kind == AZ_STRING) {
        if (!written_down(v))
            return;
        if ((key && credential_key(key)) ||
            (w->typed && strcasecmp(path_text(w, depth), w->typed) == 0)) {
            report(w, v, depth, "a secret");
            return;
        }
        const char *what = secrets_credential_in_text(v->u.string.ptr, v->u.string.len);
        if (what)
            report(w, v, depth, what);
        return;
    }
    if (v->kind == AZ_ARRAY) {
        for (uint32_t i = 0; i < v->u.array.count; i++) {
            w->steps[depth] = (path_step){NULL, i};
            walk(w, v->u.array.items[i], key, depth + 1);
        }
    } else if (v->kind == AZ_OBJECT) {
        for (uint32_t i = 0; i < v->u.object.count; i++) {
            const az_member *m = &v->u.object.members[i];
            w->steps[depth] = (path_step){m->key, 0};
            walk(w, m->value, m->key, depth + 1);
        }
    }
}

static void run(check_context *ctx, const az_deployment *d)
{
    walker w = {.ctx = ctx};
    for (uint32_t i = 0; i < d->resource_count; i++) {
        const az_resource *r = d->resources[i];
        if (r->existing)
            continue;
        w.r = r;
        w.typed = typed_path(r);
        walk(&w, r->body, NULL, 0);
    }
}

static const char *const references[] = {
    "MCSB IM-8",
    "Bicep linter use-secure-value-for-secure-inputs",
    NULL,
};

const az_check check_literal_secret_in_property = {
    .meta =
        {
            .id = "AZS403",
            .name = "literal-secret-in-property",
            .title = "Password, key or connection string written in plain text",
            .severity = AZ_SEVERITY_CRITICAL,
            .security_severity = 9.0,
            .category = AZ_CATEGORY_SECRETS,
            .resource_types = NULL,
            .description =
                "A resource property holds a credential that is written in the template, a "
                "variable, a plain parameter's default, a parameter file or a module argument: "
                "an administrator password, a client secret, a VPN shared key, a Key Vault "
                "secret's value, a connection string with an account key or password, or a "
                "SAS token. Everyone who can read the source, and everyone who can read the "
                "deployment history, has the credential, and it cannot be rotated without "
                "changing the code. Values from secure parameters are not reported.",
            .remediation =
                "Take the credential from a @secure() parameter fed from Key Vault "
                "(getSecret() or a Key Vault reference in the parameter file), or from the "
                "resource itself at deployment (listKeys()) inside the resource that needs it; "
                "prefer managed identities where the service supports them. Rotate the "
                "exposed credential.",
            .fix_bicep = "@secure()\nparam adminPassword string\n\n"
                         "resource vm 'Microsoft.Compute/virtualMachines@2024-03-01' = {\n"
                         "  properties: {\n    osProfile: {\n      adminPassword: adminPassword\n"
                         "    }\n  }\n}",
            .fix_arm =
                "\"parameters\": {\n  \"adminPassword\": { \"type\": \"securestring\" }\n},\n"
                "...\n\"osProfile\": {\n"
                "  \"adminPassword\": \"[parameters('adminPassword')]\"\n}",
            .references = references,
        },
    .deployment = run,
};
