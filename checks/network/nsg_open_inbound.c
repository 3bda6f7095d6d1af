/*
 * AZS203 nsg-open-inbound: a network security group rule that lets the
 * internet reach SSH (22), RDP (3389) or every port.
 *
 * Rules are read both inline (properties.securityRules[*] of a network
 * security group) and as child resources
 * (Microsoft.Network/networkSecurityGroups/securityRules). Only 22, 3389 and
 * "any port" (`*`, or a range from 0 or 1 to 65535) are reported: opening
 * web ports to the internet is often the point of a rule.
 */
#include "../catalog.h"

static const char *const internet_sources[] = {"*", "Internet", "Any", "0.0.0.0/0", "::/0", NULL};

static bool is_internet(const az_value *v)
{
    for (const char *const *s = internet_sources; *s; s++)
        if (check_string_is(v, *s))
            return true;
    return false;
}

/* A port number, or -1. */
static long parse_port(const char *s, size_t n)
{
    if (n == 0 || n > 5)
        return -1;
    long p = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        p = p * 10 + (s[i] - '0');
    }
    return p <= 65535 ? p : -1;
}

/* What a destination port value opens that matters here: "every port",
 * "SSH (22)", "RDP (3389)", or NULL. */
static const char *exposure(const az_value *v)
{
    long lo, hi;
    if (v->kind == AZ_INT) {
        lo = hi = (long)v->u.integer;
    } else if (v->kind == AZ_STRING) {
        const char *s = v->u.string.ptr;
        size_t n = v->u.string.len;
        while (n && s[0] == ' ')
            s++, n--;
        while (n && s[n - 1] == ' ')
            n--;
        if (n == 1 && s[0] == '*')
            return "every port";
        const char *dash = memchr(s, '-', n);
        if (dash) {
            lo = parse_port(s, (size_t)(dash - s));
            hi = parse_port(dash + 1, n - (size_t)(dash - s) - 1);
        } else {
            lo = hi = parse_port(s, n);
        }
        if (lo < 0 || hi < 0)
            return NULL;
    } else {
        return NULL;
    }
    if (lo <= 1 && hi >= 65535)
        return "every port";
    if (lo <= 22 && hi >= 22)
        return "SSH (22)";
    if (lo <= 3389 && hi >= 3389)
        return "RDP (3389)";
    return NULL;
}

/* Whether the rule's `key` is the known string `want`; unknown values are
 * noted and count as not matching. */
static bool is_value(check_context *ctx, const az_resource *r, const az_value *props,
                     const char *prefix, const char *key, const char *want)
{
    const az_member *m = az_value_member(props, key, strlen(key));
    if (m && m->value->kind == AZ_UNKNOWN) {
        char path[256];
        snprintf(path, sizeof(path), "%s.%s", prefix, key);
        check_unresolved(ctx, r, m->value, path);
        return false;
    }
    return m && check_string_is(m->value, want);
}

/* The first internet source of the rule; `*unknown` when some source could
 * not be resolved. */
static const az_value *internet_source(const az_value *props, const char **key, bool *unknown)
{
    *unknown = false;
    const az_member *m = az_value_member(props, "sourceAddressPrefix", 19);
    if (m && is_internet(m->value)) {
        *key = "sourceAddressPrefix";
        return m->value;
    }
    if (m && m->value->kind == AZ_UNKNOWN)
        *unknown = true;
    m = az_value_member(props, "sourceAddressPrefixes", 21);
    if (!m)
        return NULL;
    if (m->value->kind == AZ_UNKNOWN) {
        *unknown = true;
        return NULL;
    }
    if (m->value->kind != AZ_ARRAY)
        return NULL;
    for (uint32_t i = 0; i < m->value->u.array.count; i++) {
        const az_value *item = m->value->u.array.items[i];
        if (is_internet(item)) {
            *key = "sourceAddressPrefixes";
            return item;
        }
        if (item->kind == AZ_UNKNOWN)
            *unknown = true;
    }
    return NULL;
}

/* "is" for a property, "contains" for a list. */
static const char *verb(const char *key)
{
    return key[strlen(key) - 1] == 's' ? "contains" : "is";
}

static void report_port(check_context *ctx, const az_resource *r, const char *rule_name,
                        const char *prefix, const char *key, const az_value *port,
                        const char *source_key, const az_value *source, bool protocol_unknown)
{
    char path[256];
    snprintf(path, sizeof(path), "%s.%s", prefix, key);
    if (port->kind == AZ_UNKNOWN) {
        check_unresolved(ctx, r, port, path);
        return;
    }
    const char *what = exposure(port);
    if (!what)
        return;
    if (protocol_unknown) {
        char protocol_path[256];
        snprintf(protocol_path, sizeof(protocol_path), "%s.protocol", prefix);
        check_unresolved(ctx, r, NULL, protocol_path);
        return;
    }
    char port_text[160], port_origin[320], source_text[160], source_origin[320];
    snprintf(port_text, sizeof(port_text), "%s", check_value_text(ctx, port));
    snprintf(port_origin, sizeof(port_origin), "%s", check_value_origin(ctx, port));
    snprintf(source_text, sizeof(source_text), "%s", check_value_text(ctx, source));
    snprintf(source_origin, sizeof(source_origin), "%s", check_value_origin(ctx, source));
    check_report(ctx, r, port, path,
                 "%s%s allows inbound traffic from the internet to %s: %s %s %s%s and %s %s "
                 "%s%s",
                 check_resource_label(ctx, r), rule_name, what, key, verb(key), port_text,
                 port_origin, source_key, verb(source_key), source_text, source_origin);
}

/* One rule's properties. `prefix` is their path, `rule_name` a suffix for
 * the label naming an inline rule (" rule 'x'") or "". */
static void check_rule(check_context *ctx, const az_resource *r, const az_value *props,
                       const char *prefix, const char *rule_name)
{
    if (!props || props->kind != AZ_OBJECT) {
        if (props && props->kind == AZ_UNKNOWN)
            check_unresolved(ctx, r, props, prefix);
        return;
    }
    if (!is_value(ctx, r, props, prefix, "direction", "Inbound") ||
        !is_value(ctx, r, props, prefix, "access", "Allow"))
        return;
    const char *source_key = NULL;
    bool source_unknown;
    const az_value *source = internet_source(props, &source_key, &source_unknown);
    if (!source) {
        if (source_unknown) {
            char path[256];
            snprintf(path, sizeof(path), "%s.sourceAddressPrefix", prefix);
            check_unresolved(ctx, r, NULL, path);
        }
        return;
    }
    const az_member *protocol = az_value_member(props, "protocol", 8);
    if (protocol && check_string_is(protocol->value, "Icmp"))
        return; /* ICMP has no ports */
    bool protocol_unknown = protocol && protocol->value->kind == AZ_UNKNOWN;

    const az_member *m = az_value_member(props, "destinationPortRange", 20);
    if (m && m->value->kind != AZ_NULL)
        report_port(ctx, r, rule_name, prefix, "destinationPortRange", m->value, source_key, source,
                    protocol_unknown);
    m = az_value_member(props, "destinationPortRanges", 21);
    if (!m)
        return;
    if (m->value->kind == AZ_UNKNOWN) {
        report_port(ctx, r, rule_name, prefix, "destinationPortRanges", m->value, source_key,
                    source, protocol_unknown);
        return;
    }
    if (m->value->kind != AZ_ARRAY)
        return;
    for (uint32_t i = 0; i < m->value->u.array.count; i++)
        report_port(ctx, r, rule_name, prefix, "destinationPortRanges", m->value->u.array.items[i],
                    source_key, source, protocol_unknown);
}

static void run(check_context *ctx, const az_resource *r)
{
    if (r->existing)
        return;
    if (check_type_is(r, "Microsoft.Network/networkSecurityGroups/securityRules")) {
        check_rule(ctx, r, az_query_value(r->body, "properties"), "properties", "");
        return;
    }
    const az_value *rules = az_query_value(r->body, "properties.securityRules");
    if (!rules)
        return;
    if (rules->kind == AZ_UNKNOWN) {
        check_unresolved(ctx, r, rules, "properties.securityRules");
        return;
    }
    if (rules->kind != AZ_ARRAY)
        return;
    for (uint32_t i = 0; i < rules->u.array.count; i++) {
        const az_value *rule = rules->u.array.items[i];
        char prefix[96], name[200] = "";
        snprintf(prefix, sizeof(prefix), "properties.securityRules[%u].properties", i);
        const az_value *n = az_query_value(rule, "name");
        if (n && n->kind == AZ_STRING)
            snprintf(name, sizeof(name), " rule %s", check_value_text(ctx, n));
        check_rule(ctx, r, az_query_value(rule, "properties"), prefix, name);
    }
}

static const char *const types[] = {
    "Microsoft.Network/networkSecurityGroups",
    "Microsoft.Network/networkSecurityGroups/securityRules",
    NULL,
};

static const char *const references[] = {
    "MCSB NS-1",
    "Checkov CKV_AZURE_9 (RDP), CKV_AZURE_10 (SSH)",
    NULL,
};

const az_check check_nsg_open_inbound = {
    .meta =
        {
            .id = "AZS203",
            .name = "nsg-open-inbound",
            .title = "Network security group allows SSH, RDP or every port from the internet",
            .severity = AZ_SEVERITY_CRITICAL,
            .security_severity = 9.1,
            .category = AZ_CATEGORY_NETWORK,
            .resource_types = types,
            .description =
                "An inbound Allow rule whose source is the internet ('*', 'Internet', 'Any', "
                "'0.0.0.0/0' or '::/0', in sourceAddressPrefix or sourceAddressPrefixes) opens "
                "SSH (22), RDP (3389) or every port (destinationPortRange or "
                "destinationPortRanges of '*', a range covering 22 or 3389, or 0-65535). "
                "Management ports reachable from the internet are scanned and brute-forced "
                "within hours of exposure. Rules for other single ports and ICMP rules are not "
                "reported.",
            .remediation =
                "Restrict the rule's source to known address ranges, or remove it and reach "
                "machines through Azure Bastion or just-in-time VM access.",
            .fix_bicep = "{\n"
                         "  name: 'allow-ssh-from-admins'\n"
                         "  properties: {\n"
                         "    direction: 'Inbound'\n"
                         "    access: 'Allow'\n"
                         "    protocol: 'Tcp'\n"
                         "    sourceAddressPrefix: '203.0.113.0/24'\n"
                         "    sourcePortRange: '*'\n"
                         "    destinationAddressPrefix: 'VirtualNetwork'\n"
                         "    destinationPortRange: '22'\n"
                         "    priority: 100\n"
                         "  }\n"
                         "}",
            .fix_arm = "{\n"
                       "  \"name\": \"allow-ssh-from-admins\",\n"
                       "  \"properties\": {\n"
                       "    \"direction\": \"Inbound\",\n"
                       "    \"access\": \"Allow\",\n"
                       "    \"protocol\": \"Tcp\",\n"
                       "    \"sourceAddressPrefix\": \"203.0.113.0/24\",\n"
                       "    \"sourcePortRange\": \"*\",\n"
                       "    \"destinationAddressPrefix\": \"VirtualNetwork\",\n"
                       "    \"destinationPortRange\": \"22\",\n"
                       "    \"priority\": 100\n"
                       "  }\n"
                       "}",
            .references = references,
        },
    .resource = run,
};
