/*
 * AZS206 database-firewall-open-to-internet and AZS207
 * database-firewall-allows-azure-services: database server firewall rules
 * that open the server to the internet, or to all of Azure.
 *
 * One table of firewall rule types, all with startIpAddress and
 * endIpAddress, and two checks over it: a range wider than a /8 (more than
 * 16,777,216 addresses, which includes 0.0.0.0-255.255.255.255) is "the
 * internet"; 0.0.0.0-0.0.0.0 is the special rule that lets every Azure
 * service, of any tenant, connect.
 */
#include "../catalog.h"

#include <stdint.h>

static const char *const types[] = {
    "Microsoft.Sql/servers/firewallRules",
    "Microsoft.DBforPostgreSQL/flexibleServers/firewallRules",
    "Microsoft.DBforMySQL/flexibleServers/firewallRules",
    "Microsoft.DBforPostgreSQL/servers/firewallRules",
    "Microsoft.DBforMySQL/servers/firewallRules",
    "Microsoft.DBforMariaDB/servers/firewallRules",
    "Microsoft.Synapse/workspaces/firewallRules",
    NULL,
};

/* More addresses than this is "open to the internet": wider than a /8. */
#define WIDE_RANGE (UINT64_C(1) << 24)

static bool parse_ipv4(const az_value *v, uint32_t *out)
{
    if (!v || v->kind != AZ_STRING)
        return false;
    const char *s = v->u.string.ptr, *end = s + v->u.string.len;
    uint32_t ip = 0;
    for (int part = 0; part < 4; part++) {
        if (s >= end || *s < '0' || *s > '9')
            return false;
        unsigned n = 0;
        int digits = 0;
        while (s < end && *s >= '0' && *s <= '9' && digits < 4) {
            n = n * 10 + (unsigned)(*s++ - '0');
            digits++;
        }
        if (n > 255)
            return false;
        ip = ip << 8 | n;
        if (part < 3) {
            if (s >= end || *s != '.')
                return false;
            s++;
        }
    }
    if (s != end)
        return false;
    *out = ip;
    return true;
}

/* The rule's range, when both ends are known; unknown ends are noted. */
static bool read_range(check_context *ctx, const az_resource *r, const az_value **start,
                       const az_value **end, uint32_t *lo, uint32_t *hi)
{
    if (r->existing)
        return false;
    *start = az_query_value(r->body, "properties.startIpAddress");
    *end = az_query_value(r->body, "properties.endIpAddress");
    if (*start && (*start)->kind == AZ_UNKNOWN) {
        check_unresolved(ctx, r, *start, "properties.startIpAddress");
        return false;
    }
    if (*end && (*end)->kind == AZ_UNKNOWN) {
        check_unresolved(ctx, r, *end, "properties.endIpAddress");
        return false;
    }
    return parse_ipv4(*start, lo) && parse_ipv4(*end, hi) && *lo <= *hi;
}

static void run_open(check_context *ctx, const az_resource *r)
{
    const az_value *start, *end;
    uint32_t lo, hi;
    if (!read_range(ctx, r, &start, &end, &lo, &hi))
        return;
    uint64_t count = (uint64_t)hi - lo + 1;
    if (count <= WIDE_RANGE)
        return;
    char label[200], a[160], b[160], origin[320];
    snprintf(label, sizeof(label), "%s", check_resource_label(ctx, r));
    snprintf(a, sizeof(a), "%s", check_value_text(ctx, start));
    snprintf(b, sizeof(b), "%s", check_value_text(ctx, end));
    snprintf(origin, sizeof(origin), "%s", check_value_origin(ctx, end));
    if (lo == 0 && hi == UINT32_MAX)
        check_report(ctx, r, end, "properties.endIpAddress",
                     "%s opens the server to the whole internet: the range is %s to %s%s", label, a,
                     b, origin);
    else
        check_report(ctx, r, end, "properties.endIpAddress",
                     "%s opens the server to %llu addresses, more than a /8: the range is %s to "
                     "%s%s",
                     label, (unsigned long long)count, a, b, origin);
}

static void run_azure(check_context *ctx, const az_resource *r)
{
    const az_value *start, *end;
    uint32_t lo, hi;
    if (!read_range(ctx, r, &start, &end, &lo, &hi))
        return;
    if (lo != 0 || hi != 0)
        return;
    char label[200], origin[320];
    snprintf(label, sizeof(label), "%s", check_resource_label(ctx, r));
    snprintf(origin, sizeof(origin), "%s", check_value_origin(ctx, start));
    check_report(ctx, r, start, "properties.startIpAddress",
                 "%s allows every Azure service, of any tenant, to connect: the range is "
                 "'0.0.0.0' to '0.0.0.0'%s",
                 label, origin);
}

static const char *const open_references[] = {
    "MCSB NS-2",
    "Checkov CKV_AZURE_11",
    NULL,
};

static const char *const azure_references[] = {
    "MCSB NS-2",
    "PSRule Azure.SQL.AllowAzureAccess, Azure.PostgreSQL.AllowAzureAccess, "
    "Azure.MySQL.AllowAzureAccess",
    NULL,
};

const az_check check_database_firewall_open = {
    .meta =
        {
            .id = "AZS206",
            .name = "database-firewall-open-to-internet",
            .title = "Database firewall rule opens the server to the internet",
            .severity = AZ_SEVERITY_CRITICAL,
            .security_severity = 9.1,
            .category = AZ_CATEGORY_NETWORK,
            .resource_types = types,
            .description =
                "A firewall rule of a SQL server, PostgreSQL or MySQL server (flexible or "
                "single), MariaDB server or Synapse workspace covers the whole internet "
                "(0.0.0.0 to 255.255.255.255) or more than 16,777,216 addresses (wider than a "
                "/8), which no legitimate client set needs. Anyone can then reach the database "
                "endpoint and try credentials against it.",
            .remediation = "Narrow the rule to the client addresses that need access, or "
                           "remove it and reach the server through a private endpoint.",
            .fix_bicep = "resource office 'Microsoft.Sql/servers/firewallRules@2023-08-01' = {\n"
                         "  parent: sql\n"
                         "  name: 'office'\n"
                         "  properties: {\n"
                         "    startIpAddress: '203.0.113.0'\n"
                         "    endIpAddress: '203.0.113.255'\n"
                         "  }\n"
                         "}",
            .fix_arm = "{\n"
                       "  \"type\": \"Microsoft.Sql/servers/firewallRules\",\n"
                       "  \"apiVersion\": \"2023-08-01\",\n"
                       "  \"name\": \"[format('{0}/office', parameters('serverName'))]\",\n"
                       "  \"properties\": {\n"
                       "    \"startIpAddress\": \"203.0.113.0\",\n"
                       "    \"endIpAddress\": \"203.0.113.255\"\n"
                       "  }\n"
                       "}",
            .references = open_references,
        },
    .resource = run_open,
};

const az_check check_database_firewall_azure_services = {
    .meta =
        {
            .id = "AZS207",
            .name = "database-firewall-allows-azure-services",
            .title = "Database firewall rule allows all Azure services",
            .severity = AZ_SEVERITY_MEDIUM,
            .security_severity = 5.3,
            .category = AZ_CATEGORY_NETWORK,
            .resource_types = types,
            .description =
                "A firewall rule from 0.0.0.0 to 0.0.0.0 (often named AllowAllWindowsAzureIps) "
                "lets every Azure service connect to the server, including services and virtual "
                "machines of other tenants: the database endpoint is then as exposed as Azure's "
                "whole address space.",
            .remediation = "Remove the rule; let the Azure services that need access connect "
                           "through a private endpoint or virtual network rules.",
            .fix_bicep = "// Remove the rule with startIpAddress and endIpAddress '0.0.0.0', and\n"
                         "// reach the server through a private endpoint.",
            .fix_arm = "// Remove the firewallRules resource whose startIpAddress and\n"
                       "// endIpAddress are \"0.0.0.0\".",
            .references = azure_references,
        },
    .resource = run_azure,
};
