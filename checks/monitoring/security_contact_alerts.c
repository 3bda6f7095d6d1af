/*
 * AZS502 security-contact-no-alerts: a Defender for Cloud security contact
 * with its alert e-mails turned off.
 *
 * Three API shapes:
 *   2017-08-01-preview  alertNotifications: 'On'|'Off', alertsToAdmins: 'On'|'Off'
 *   2020-01-01-preview  alertNotifications: { state: 'On'|'Off', minimalSeverity },
 *                       notificationsByRole: { state: 'On'|'Off', roles }
 *   2023-12-01-preview  isEnabled: bool, notificationsByRole: { state, roles },
 *                       notificationsSources: [...]
 * Each setting that is explicitly off is reported; absent settings are
 * left alone, since their defaults differ between versions.
 */
#include "../catalog.h"

typedef struct {
    const char *path;
    const char *what;
} off_rule;

/* A string setting whose value 'Off' turns notifications off. */
static const off_rule off_strings[] = {
    {"properties.alertNotifications", "alert e-mails"},
    {"properties.alertNotifications.state", "alert e-mails"},
    {"properties.alertsToAdmins", "alert e-mails to subscription owners"},
    {"properties.notificationsByRole.state", "alert e-mails to subscription owners"},
};

static void report(check_context *ctx, const az_resource *r, const az_value *v, const char *path,
                   const char *what)
{
    char label[200], text[160];
    const az_value *n = r->name;
    const char *name = "-";
    if (r->symbol)
        name = r->symbol;
    else if (n && n->kind == AZ_STRING && !(n->flags & AZ_VALUE_SECURE))
        name = n->u.string.ptr;
    snprintf(label, sizeof(label), "Security contact '%s'", name);
    snprintf(text, sizeof(text), "%s", check_value_text(ctx, v));
    check_report(ctx, r, v, path, "%s turns %s off: %s is %s%s", label, what, path, text,
                 check_value_origin(ctx, v));
}

static void run(check_context *ctx, const az_resource *r)
{
    if (r->existing)
        return;
    for (size_t i = 0; i < sizeof(off_strings) / sizeof(*off_strings); i++) {
        const az_value *v = az_query_value(r->body, off_strings[i].path);
        if (!v)
            continue;
        if (v->kind == AZ_UNKNOWN)
            check_unresolved(ctx, r, v, off_strings[i].path);
        else if (check_string_is(v, "Off"))
            report(ctx, r, v, off_strings[i].path, off_strings[i].what);
    }
    const char *enabled = "properties.isEnabled";
    const az_value *v = az_query_value(r->body, enabled);
    if (v && v->kind == AZ_UNKNOWN)
        check_unresolved(ctx, r, v, enabled);
    else if (v && v->kind == AZ_BOOL && !v->u.boolean)
        report(ctx, r, v, enabled, "all its notifications");
}

static const char *const types[] = {"Microsoft.Security/securityContacts", NULL};

static const char *const references[] = {
    "MCSB IR-2",
    "Azure Policy 6e2593d9-add6-4083-9c9b-4b7d2188c899 (Email notification for high severity "
    "alerts should be enabled)",
    NULL,
};

const az_check check_security_contact_alerts = {
    .meta =
        {
            .id = "AZS502",
            .name = "security-contact-no-alerts",
            .title = "Defender for Cloud security contact does not receive alerts",
            .severity = AZ_SEVERITY_MEDIUM,
            .security_severity = 5.0,
            .category = AZ_CATEGORY_MONITORING,
            .resource_types = types,
            .description =
                "The subscription's security contact has alert notifications turned off "
                "(alertNotifications 'Off' or alertNotifications.state 'Off'), does not notify "
                "the subscription's owners (alertsToAdmins or notificationsByRole.state "
                "'Off'), or is disabled (isEnabled false). Defender for Cloud then raises "
                "security alerts that nobody is told about, and incidents are found late.",
            .remediation = "Turn alert notifications on, notify the Owner role, and give an "
                           "e-mail address that someone reads.",
            .fix_bicep =
                "resource contact 'Microsoft.Security/securityContacts@2020-01-01-preview' "
                "= {\n  name: 'default'\n  properties: {\n"
                "    emails: 'security@contoso.com'\n"
                "    alertNotifications: {\n      state: 'On'\n"
                "      minimalSeverity: 'Medium'\n    }\n"
                "    notificationsByRole: {\n      state: 'On'\n"
                "      roles: [\n        'Owner'\n      ]\n    }\n  }\n}",
            .fix_arm =
                "\"properties\": {\n  \"emails\": \"security@contoso.com\",\n"
                "  \"alertNotifications\": { \"state\": \"On\", \"minimalSeverity\": "
                "\"Medium\" },\n"
                "  \"notificationsByRole\": { \"state\": \"On\", \"roles\": [\"Owner\"] }\n}",
            .references = references,
        },
    .resource = run,
};
