#include "check.h"
#include "check_index.h"
#include "str_format.h"
#include "str_hash.h"
#include "str_intern.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct az_findings {
    /* Pointers into `mem`: a finding never moves, and the array that grows
     * by doubling holds pointers, not findings. */
    az_finding **items;
    size_t count, cap;
    uint32_t *slots; /* open addressing over items: index + 1, 0 when empty */
    size_t slot_count;
    arena *mem;          /* the findings and their related locations */
    str_intern *strings; /* every string of the findings and passes */
    az_pass *passes;
    size_t pass_count, pass_cap;
    bool failed;
};

struct check_context {
    const az_model *model;
    const az_check_config *config;
    const check_index *index;
    const az_check *check;
    const az_deployment *variant; /* the root deployment being checked */
    bool reported;                /* the current check reported on the current resource */
    az_findings *out;
    char text[160];   /* check_value_text */
    char origin[320]; /* check_value_origin */
    char label[200];  /* check_resource_label */
    /* Where the metadata suppression entries some finding matched are, in
     * any variant, to report the others. */
    az_range *used;
    size_t used_count, used_cap;
    bool (*selected)(const az_check *check, void *ud);
    void *selected_ud;
};

/* Findings ----------------------------------------------------------------- */

static uint32_t *finding_slot(const az_findings *f, const az_finding *n);

az_findings *az_findings_new(void)
{
    az_findings *f = calloc(1, sizeof(az_findings));
    if (f && (!(f->mem = arena_new()) || !(f->strings = str_intern_new()))) {
        az_findings_free(f);
        return NULL;
    }
    return f;
}

void az_findings_free(az_findings *f)
{
    if (!f)
        return;
    arena_free(f->mem);
    str_intern_free(f->strings);
    free(f->passes);
    free(f->items);
    free(f->slots);
    free(f);
}

/* The findings' copy of `s`; NULL stays NULL. */
static const char *keep(az_findings *f, const char *s)
{
    if (!s)
        return NULL;
    const char *copy = str_intern_add(f->strings, s);
    if (!copy)
        f->failed = true;
    return copy;
}

size_t az_findings_count(const az_findings *f)
{
    return f->count;
}

const az_finding *az_findings_get(const az_findings *f, size_t index)
{
    return index < f->count ? f->items[index] : NULL;
}

int az_findings_suppress(az_findings *f, size_t index, const char *justification)
{
    if (index >= f->count)
        return 0;
    f->items[index]->suppressed = true;
    if (justification) {
        const char *copy = str_intern_add(f->strings, justification);
        if (!copy)
            return -1;
        f->items[index]->justification = copy;
    }
    return 0;
}

void az_findings_baseline(az_findings *f, size_t index)
{
    if (index < f->count)
        f->items[index]->baselined = true;
}

void az_findings_set_severity(az_findings *f, size_t index, az_severity severity)
{
    if (index < f->count)
        f->items[index]->severity = severity;
}

static int compare_str(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "");
}

/* By file, line, column and check: the order every report lists things in. */
static int compare_places(const char *file1, az_range r1, const az_check *c1, const char *file2,
                          az_range r2, const az_check *c2)
{
    int c;
    if ((c = compare_str(file1, file2)))
        return c;
    if (r1.start_line != r2.start_line)
        return r1.start_line < r2.start_line ? -1 : 1;
    if (r1.start_column != r2.start_column)
        return r1.start_column < r2.start_column ? -1 : 1;
    return strcmp(c1->meta.id, c2->meta.id);
}

static int compare_findings(const void *x, const void *y)
{
    const az_finding *a = *(const az_finding *const *)x, *b = *(const az_finding *const *)y;
    int c;
    if ((c = compare_places(a->file, a->range, a->check, b->file, b->range, b->check)))
        return c;
    if ((c = compare_str(a->variant, b->variant)))
        return c;
    if ((c = compare_str(a->resource, b->resource)))
        return c;
    return compare_str(a->message, b->message);
}

size_t az_findings_pass_count(const az_findings *f)
{
    return f->pass_count;
}

const az_pass *az_findings_pass(const az_findings *f, size_t index)
{
    return index < f->pass_count ? &f->passes[index] : NULL;
}

int az_findings_add_pass(az_findings *f, const az_pass *pass)
{
    if (f->pass_count == f->pass_cap) {
        size_t cap = f->pass_cap ? f->pass_cap * 2 : 64;
        az_pass *grown = realloc(f->passes, cap * sizeof(*grown));
        if (!grown) {
            f->failed = true;
            return -1;
        }
        f->passes = grown;
        f->pass_cap = cap;
    }
    az_pass p = *pass;
    p.file = keep(f, p.file);
    p.resource_type = keep(f, p.resource_type);
    p.resource = keep(f, p.resource);
    if (f->failed)
        return -1;
    f->passes[f->pass_count++] = p;
    return 0;
}

static int compare_passes(const void *x, const void *y)
{
    const az_pass *a = x, *b = y;
    int c;
    if ((c = compare_places(a->file, a->range, a->check, b->file, b->range, b->check)))
        return c;
    if ((c = compare_str(a->resource_type, b->resource_type)))
        return c;
    return compare_str(a->resource, b->resource);
}

/* Findings and passes by check, resource type and resource. */
static int compare_subjects(const az_check *c1, const char *t1, const char *r1, const az_check *c2,
                            const char *t2, const char *r2)
{
    int c;
    if ((c = strcmp(c1->meta.id, c2->meta.id)))
        return c;
    if ((c = compare_str(t1, t2)))
        return c;
    return compare_str(r1, r2);
}

static int compare_finding_subjects(const void *x, const void *y)
{
    const az_finding *a = *(const az_finding *const *)x, *b = *(const az_finding *const *)y;
    return compare_subjects(a->check, a->resource_type, a->resource, b->check, b->resource_type,
                            b->resource);
}

static int compare_pass_subject(const void *key, const void *item)
{
    const az_pass *p = key;
    const az_finding *x = *(const az_finding *const *)item;
    return compare_subjects(p->check, p->resource_type, p->resource, x->check, x->resource_type,
                            x->resource);
}

/* One pass per check and resource declaration, and none where a finding of
 * its check is about its resource in some variant. */
static void settle_passes(az_findings *f)
{
    if (f->pass_count == 0)
        return;
    const az_finding **by_subject = malloc((f->count ? f->count : 1) * sizeof(*by_subject));
    if (!by_subject) {
        f->failed = true;
        return;
    }
    for (size_t i = 0; i < f->count; i++)
        by_subject[i] = f->items[i];
    if (f->count > 1)
        qsort(by_subject, f->count, sizeof(*by_subject), compare_finding_subjects);
    qsort(f->passes, f->pass_count, sizeof(*f->passes), compare_passes);
    size_t kept = 0;
    for (size_t i = 0; i < f->pass_count; i++) {
        if (kept && compare_passes(&f->passes[kept - 1], &f->passes[i]) == 0)
            continue;
        if (!f->count || !bsearch(&f->passes[i], by_subject, f->count, sizeof(*by_subject),
                                  compare_pass_subject))
            f->passes[kept++] = f->passes[i];
    }
    f->pass_count = kept;
    free(by_subject);
}

void az_findings_sort(az_findings *f)
{
    settle_passes(f);
    if (f->count < 2)
        return;
    qsort(f->items, f->count, sizeof(*f->items), compare_findings);
    /* The set points at items by index: rebuild it for the new order. */
    memset(f->slots, 0, f->slot_count * sizeof(*f->slots));
    for (size_t i = 0; i < f->count; i++)
        *finding_slot(f, f->items[i]) = (uint32_t)i + 1;
}

void az_findings_retain(az_findings *f, bool (*wanted)(const az_finding *finding, void *ud),
                        void *ud)
{
    size_t kept = 0;
    for (size_t i = 0; i < f->count; i++)
        if (wanted(f->items[i], ud))
            f->items[kept++] = f->items[i];
    f->count = kept;
    /* The set points at items by index: rebuild it for the survivors. */
    if (f->slots) {
        memset(f->slots, 0, f->slot_count * sizeof(*f->slots));
        for (size_t i = 0; i < f->count; i++)
            *finding_slot(f, f->items[i]) = (uint32_t)i + 1;
    }
}

/* Loop instances, module instances, templates that share a module, and
 * variants that agree report the same place many times: one finding says
 * it, naming the first variant that gave it. A hash set over the findings
 * keeps that check constant-time however many findings a scan has. */
static uint64_t finding_hash(const az_finding *n)
{
    const char *file = n->file ? n->file : "";
    uint64_t h = str_hash_add(STR_HASH_SEED, n->check->meta.id, strlen(n->check->meta.id));
    h = str_hash_add(h, file, strlen(file));
    h = str_hash_add(h, &n->range.start_line, sizeof(n->range.start_line));
    h = str_hash_add(h, &n->range.start_column, sizeof(n->range.start_column));
    return str_hash_add(h, n->message, strlen(n->message));
}

static bool same_finding(const az_finding *o, const az_finding *n)
{
    return o->check == n->check && o->range.start_line == n->range.start_line &&
           o->range.start_column == n->range.start_column && compare_str(o->file, n->file) == 0 &&
           strcmp(o->message, n->message) == 0;
}

/* The slot holding a finding equal to `n`, or the empty slot where it would go. */
static uint32_t *finding_slot(const az_findings *f, const az_finding *n)
{
    size_t mask = f->slot_count - 1;
    for (size_t i = finding_hash(n) & mask;; i = (i + 1) & mask) {
        uint32_t *slot = &f->slots[i];
        if (*slot == 0 || same_finding(f->items[*slot - 1], n))
            return slot;
    }
}

/* Keeps the table at most half full. Returns 0, or -1 when out of memory. */
static int findings_rehash(az_findings *f)
{
    if (f->slot_count && (f->count + 1) * 2 <= f->slot_count)
        return 0;
    size_t count = f->slot_count ? f->slot_count * 2 : 64;
    uint32_t *slots = calloc(count, sizeof(*slots));
    if (!slots || f->count >= UINT32_MAX - 1) {
        free(slots);
        return -1;
    }
    free(f->slots);
    f->slots = slots;
    f->slot_count = count;
    for (size_t i = 0; i < f->count; i++)
        *finding_slot(f, f->items[i]) = (uint32_t)i + 1;
    return 0;
}

/* Messages ----------------------------------------------------------------- */

const az_check_config *check_config(const check_context *ctx)
{
    return ctx->config;
}

const az_model *check_model(const check_context *ctx)
{
    return ctx->model;
}

bool check_string_is(const az_value *v, const char *s)
{
    return v && v->kind == AZ_STRING && strlen(s) == v->u.string.len &&
           strncasecmp(v->u.string.ptr, s, v->u.string.len) == 0;
}

bool check_type_is(const az_resource *r, const char *type)
{
    return strcasecmp(r->type, type) == 0;
}

typedef struct {
    const char *type;
    const char *label;
} type_label;

/* Friendly names for the types messages mention most; others use the last
 * segment of the type. */
static const type_label labels[] = {
    {"Microsoft.Storage/storageAccounts", "Storage account"},
    {"Microsoft.KeyVault/vaults", "Key vault"},
    {"Microsoft.Sql/servers", "SQL server"},
    {"Microsoft.Sql/managedInstances", "SQL managed instance"},
    {"Microsoft.Web/sites", "Web app"},
    {"Microsoft.Web/sites/slots", "Web app slot"},
    {"Microsoft.DocumentDB/databaseAccounts", "Cosmos DB account"},
    {"Microsoft.ContainerRegistry/registries", "Container registry"},
    {"Microsoft.ContainerService/managedClusters", "AKS cluster"},
    {"Microsoft.CognitiveServices/accounts", "Cognitive Services account"},
    {"Microsoft.Network/networkSecurityGroups", "Network security group"},
    {"Microsoft.Network/networkSecurityGroups/securityRules", "Security rule"},
    {"Microsoft.Network/virtualNetworks", "Virtual network"},
    {"Microsoft.Network/virtualNetworks/subnets", "Subnet"},
    {"Microsoft.Authorization/roleAssignments", "Role assignment"},
    {"Microsoft.DBforPostgreSQL/flexibleServers", "PostgreSQL flexible server"},
    {"Microsoft.DBforMySQL/flexibleServers", "MySQL flexible server"},
    {"Microsoft.Synapse/workspaces", "Synapse workspace"},
    {"Microsoft.Cache/redis", "Redis cache"},
    {"Microsoft.EventHub/namespaces", "Event Hubs namespace"},
    {"Microsoft.ServiceBus/namespaces", "Service Bus namespace"},
    {"Microsoft.AppConfiguration/configurationStores", "App Configuration store"},
    {"Microsoft.Compute/virtualMachines", "Virtual machine"},
    {"Microsoft.Compute/virtualMachineScaleSets", "Scale set"},
    {"Microsoft.Insights/components", "Application Insights component"},
    {"Microsoft.DataFactory/factories", "Data factory"},
    {"Microsoft.Logic/workflows", "Logic app"},
    {"Microsoft.Cache/redisEnterprise", "Redis Enterprise cluster"},
    {"Microsoft.Network/networkInterfaces", "Network interface"},
    {"Microsoft.Authorization/roleDefinitions", "Role definition"},
    {"Microsoft.Sql/servers/firewallRules", "SQL firewall rule"},
    {"Microsoft.DBforPostgreSQL/flexibleServers/firewallRules", "PostgreSQL firewall rule"},
    {"Microsoft.DBforMySQL/flexibleServers/firewallRules", "MySQL firewall rule"},
    {"Microsoft.EventGrid/topics", "Event Grid topic"},
    {"Microsoft.EventGrid/domains", "Event Grid domain"},
    {"Microsoft.Search/searchServices", "Search service"},
    {"Microsoft.App/containerApps", "Container app"},
    {"Microsoft.ApiManagement/service", "API Management service"},
    {"Microsoft.Automation/automationAccounts", "Automation account"},
    {"Microsoft.MachineLearningServices/workspaces", "Machine learning workspace"},
    {"Microsoft.KeyVault/vaults/secrets", "Key Vault secret"},
    {"Microsoft.KeyVault/vaults/keys", "Key Vault key"},
    {"Microsoft.Storage/storageAccounts/blobServices/containers", "Blob container"},
    {"Microsoft.Web/sites/config", "Web app configuration"},
    {"Microsoft.Web/sites/slots/config", "Web app slot configuration"},
    {"Microsoft.Sql/servers/databases/transparentDataEncryption", "Transparent data encryption"},
    {"Microsoft.Synapse/workspaces/sqlPools/transparentDataEncryption",
     "Transparent data encryption"},
    {"Microsoft.DBforPostgreSQL/servers", "PostgreSQL server"},
    {"Microsoft.DBforMySQL/servers", "MySQL server"},
    {"Microsoft.DBforMariaDB/servers", "MariaDB server"},
    {"Microsoft.DBforPostgreSQL/flexibleServers/configurations", "PostgreSQL server parameter"},
    {"Microsoft.DBforMySQL/flexibleServers/configurations", "MySQL server parameter"},
    {"Microsoft.Automation/automationAccounts/variables", "Automation variable"},
    {"Microsoft.KeyVault/managedHSMs", "Managed HSM"},
    {"Microsoft.Cache/redisEnterprise/databases", "Redis Enterprise database"},
    {"Microsoft.Cdn/profiles/customDomains", "Front Door custom domain"},
};

const char *check_resource_name(const az_resource *r)
{
    if (r->symbol)
        return r->symbol;
    if (r->name && r->name->kind == AZ_STRING && !(r->name->flags & AZ_VALUE_SECURE))
        return r->name->u.string.ptr;
    return "-";
}

const char *check_resource_label(check_context *ctx, const az_resource *r)
{
    const char *label = NULL;
    for (size_t i = 0; i < sizeof(labels) / sizeof(*labels); i++)
        if (strcasecmp(r->type, labels[i].type) == 0)
            label = labels[i].label;
    if (!label) {
        const char *slash = strrchr(r->type, '/');
        label = slash ? slash + 1 : r->type;
    }
    snprintf(ctx->label, sizeof(ctx->label), "%s '%s'", label, check_resource_name(r));
    return ctx->label;
}

const char *check_value_text(check_context *ctx, const az_value *v)
{
    if (!v) {
        snprintf(ctx->text, sizeof(ctx->text), "absent");
        return ctx->text;
    }
    if (v->flags & AZ_VALUE_SECURE) {
        snprintf(ctx->text, sizeof(ctx->text), "(secret)");
        return ctx->text;
    }
    switch (v->kind) {
    case AZ_STRING:
        snprintf(ctx->text, sizeof(ctx->text), "'%.*s%s'",
                 v->u.string.len > 100 ? 100 : (int)v->u.string.len, v->u.string.ptr,
                 v->u.string.len > 100 ? "..." : "");
        break;
    case AZ_INT:
        snprintf(ctx->text, sizeof(ctx->text), "%lld", (long long)v->u.integer);
        break;
    case AZ_BOOL:
        snprintf(ctx->text, sizeof(ctx->text), "%s", v->u.boolean ? "true" : "false");
        break;
    case AZ_NULL:
        snprintf(ctx->text, sizeof(ctx->text), "null");
        break;
    default:
        snprintf(ctx->text, sizeof(ctx->text), "%s", az_kind_name(v->kind));
    }
    return ctx->text;
}

static const char *origin_label(const az_value *v, char *buf, size_t size)
{
    switch (v->origin) {
    case AZ_ORIGIN_PARAMETER_DEFAULT:
        snprintf(buf, size, "default of parameter '%s'", v->via ? v->via : "?");
        break;
    case AZ_ORIGIN_PARAMETER_FILE:
        snprintf(buf, size, "parameter file value of '%s'", v->via ? v->via : "?");
        break;
    case AZ_ORIGIN_VARIABLE:
        snprintf(buf, size, "variable '%s'", v->via ? v->via : "?");
        break;
    case AZ_ORIGIN_MODULE_ARGUMENT:
        snprintf(buf, size, "module argument '%s'", v->via ? v->via : "?");
        break;
    default:
        return NULL;
    }
    return buf;
}

const char *check_value_origin(check_context *ctx, const az_value *v)
{
    char label[160];
    if (!v || !origin_label(v, label, sizeof(label)) || v->def.start_line == 0) {
        ctx->origin[0] = '\0';
        return ctx->origin;
    }
    const char *file = az_model_file_path(ctx->model, v->def.file);
    snprintf(ctx->origin, sizeof(ctx->origin), " (%s, %s:%u)", label, file ? file : "?",
             v->def.start_line);
    return ctx->origin;
}

/* Reporting ---------------------------------------------------------------- */

/* A finding about the subject `resource_type` `resource`, declared at `decl`. */
/* Adds a copy of `finding` unless an identical one is there; sets f->failed
 * when out of memory. */
static void findings_insert(az_findings *f, const az_finding *finding)
{
    if (findings_rehash(f) != 0) {
        f->failed = true;
        return;
    }
    if (*finding_slot(f, finding) != 0)
        return;
    if (f->count == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 32;
        az_finding **grown = realloc(f->items, cap * sizeof(*grown));
        if (!grown) {
            f->failed = true;
            return;
        }
        f->items = grown;
        f->cap = cap;
    }
    az_finding *n = arena_alloc(f->mem, sizeof(*n));
    az_related *related = NULL;
    if (finding->related_count)
        related = arena_calloc(f->mem, finding->related_count, sizeof(*related));
    if (!n || (finding->related_count && !related)) {
        f->failed = true;
        return;
    }
    *n = *finding;
    n->file = keep(f, n->file);
    n->resource_type = keep(f, n->resource_type);
    n->resource = keep(f, n->resource);
    n->variant = keep(f, n->variant);
    n->property = keep(f, n->property);
    n->message = keep(f, n->message);
    n->justification = keep(f, n->justification);
    for (size_t i = 0; i < n->related_count; i++) {
        related[i] = finding->related[i];
        related[i].file = keep(f, related[i].file);
        related[i].label = keep(f, related[i].label);
    }
    n->related = related;
    if (f->failed)
        return;
    f->items[f->count] = n;
    *finding_slot(f, n) = (uint32_t)f->count + 1;
    f->count++;
}

int az_findings_add(az_findings *f, const az_finding *finding)
{
    findings_insert(f, finding);
    return f->failed ? -1 : 0;
}

int az_findings_merge(az_findings *into, const az_findings *from)
{
    for (size_t i = 0; i < from->count && !into->failed; i++)
        findings_insert(into, from->items[i]);
    /* az_findings_sort settles the passes whatever their order. */
    for (size_t i = 0; i < from->pass_count && !into->failed; i++)
        az_findings_add_pass(into, &from->passes[i]);
    return into->failed ? -1 : 0;
}

static void encode_range(spill_record *out, az_range r)
{
    spill_record_u32(out, r.file);
    spill_record_u32(out, r.start_line);
    spill_record_u32(out, r.start_column);
    spill_record_u32(out, r.end_line);
    spill_record_u32(out, r.end_column);
}

static az_range decode_range(spill_reader *in)
{
    az_range r;
    r.file = spill_reader_u32(in);
    r.start_line = spill_reader_u32(in);
    r.start_column = spill_reader_u32(in);
    r.end_line = spill_reader_u32(in);
    r.end_column = spill_reader_u32(in);
    return r;
}

/* Checks are named by id: a record holds no pointers. */
static const az_check *decode_check(spill_reader *in)
{
    const char *id = spill_reader_str(in);
    const az_check *c = id ? az_check_find(id) : NULL;
    if (!c)
        in->failed = true;
    return c;
}

void az_findings_encode(const az_findings *f, spill_record *out)
{
    spill_record_u64(out, f->count);
    for (size_t i = 0; i < f->count; i++) {
        const az_finding *n = f->items[i];
        spill_record_str(out, n->check->meta.id);
        spill_record_u32(out, n->severity);
        encode_range(out, n->range);
        spill_record_str(out, n->file);
        spill_record_str(out, n->resource_type);
        spill_record_str(out, n->resource);
        spill_record_str(out, n->variant);
        spill_record_str(out, n->property);
        spill_record_str(out, n->message);
        spill_record_str(out, n->justification);
        spill_record_u32(out, (uint32_t)n->suppressed | (uint32_t)n->baselined << 1);
        spill_record_u64(out, n->related_count);
        for (size_t k = 0; k < n->related_count; k++) {
            spill_record_str(out, n->related[k].file);
            encode_range(out, n->related[k].range);
            spill_record_str(out, n->related[k].label);
        }
    }
    spill_record_u64(out, f->pass_count);
    for (size_t i = 0; i < f->pass_count; i++) {
        const az_pass *p = &f->passes[i];
        spill_record_str(out, p->check->meta.id);
        spill_record_str(out, p->file);
        encode_range(out, p->range);
        spill_record_str(out, p->resource_type);
        spill_record_str(out, p->resource);
    }
}

/* Related locations a decoded finding may have: a finding has one at most. */
#define DECODE_RELATED_MAX 16

int az_findings_decode(az_findings *into, spill_reader *in)
{
    uint64_t count = spill_reader_u64(in);
    for (uint64_t i = 0; i < count && !in->failed && !into->failed; i++) {
        az_finding n = {0};
        n.check = decode_check(in);
        uint32_t severity = spill_reader_u32(in);
        if (severity > AZ_SEVERITY_CRITICAL)
            in->failed = true;
        n.severity = (az_severity)severity;
        n.range = decode_range(in);
        n.file = spill_reader_str(in);
        n.resource_type = spill_reader_str(in);
        n.resource = spill_reader_str(in);
        n.variant = spill_reader_str(in);
        n.property = spill_reader_str(in);
        n.message = spill_reader_str(in);
        n.justification = spill_reader_str(in);
        uint32_t marks = spill_reader_u32(in);
        n.suppressed = marks & 1;
        n.baselined = marks & 2;
        uint64_t related_count = spill_reader_u64(in);
        az_related related[DECODE_RELATED_MAX];
        if (related_count > DECODE_RELATED_MAX)
            in->failed = true;
        for (size_t k = 0; k < related_count && !in->failed; k++) {
            related[k].file = spill_reader_str(in);
            related[k].range = decode_range(in);
            related[k].label = spill_reader_str(in);
        }
        n.related = related;
        n.related_count = (size_t)related_count;
        if (!in->failed)
            findings_insert(into, &n);
    }
    count = spill_reader_u64(in);
    for (uint64_t i = 0; i < count && !in->failed && !into->failed; i++) {
        az_pass p = {0};
        p.check = decode_check(in);
        p.file = spill_reader_str(in);
        p.range = decode_range(in);
        p.resource_type = spill_reader_str(in);
        p.resource = spill_reader_str(in);
        if (!in->failed)
            az_findings_add_pass(into, &p);
    }
    return in->failed || into->failed ? -1 : 0;
}

static void add_finding_at(check_context *ctx, const char *resource_type, const char *resource,
                           az_range decl, az_severity severity, const az_value *at,
                           const char *property, char *message)
{
    az_findings *f = ctx->out;
    ctx->reported = true;
    if (!message) {
        f->failed = true;
        return;
    }
    az_finding n = {0};
    n.check = ctx->check;
    n.severity = severity;
    n.range = at && at->range.start_line ? at->range : decl;
    n.file = az_model_file_path(ctx->model, n.range.file);
    n.resource_type = resource_type;
    n.resource = resource;
    n.variant = ctx->variant->variant;
    n.property = property;
    n.message = message;
    char label[96]; /* a longer label is cut, as it always was */
    az_related related;
    if (at && at->origin != AZ_ORIGIN_LITERAL && at->origin != AZ_ORIGIN_EXPRESSION &&
        at->def.start_line && !az_range_same(at->def, n.range)) {
        related.label = origin_label(at, label, sizeof(label)) ? label : "";
        related.range = at->def;
        related.file = az_model_file_path(ctx->model, at->def.file);
        n.related = &related;
        n.related_count = 1;
    }
    findings_insert(f, &n);
    free(message);
}

/* The resource's metadata.azscan.suppress list, or NULL when it has none:
 * what az_query_value finds there when it is an array, without reading the
 * path's text for every resource. */
static const az_value *suppress_list(const az_resource *r)
{
    static const char *const path[] = {"metadata", "azscan", "suppress"};
    const az_value *v = r->body;
    for (size_t i = 0; v && i < sizeof(path) / sizeof(*path); i++) {
        const az_member *m = az_value_member(v, path[i], strlen(path[i]));
        v = m ? m->value : NULL;
    }
    return v && v->kind == AZ_ARRAY ? v : NULL;
}

/* The resource's metadata.azscan.suppress entry ({"id": ..., "justification": ...}) that
 * names the check by id or name, or NULL. ARM templates carry it; Bicep
 * templates can too. */
static const az_value *metadata_suppression(const az_check *check, const az_resource *r)
{
    const az_value *list = suppress_list(r);
    if (!list)
        return NULL;
    for (uint32_t i = 0; i < list->u.array.count; i++) {
        const az_value *id = az_query_value(list->u.array.items[i], "id");
        if (id && id->kind == AZ_STRING &&
            (strcasecmp(id->u.string.ptr, check->meta.id) == 0 ||
             strcasecmp(id->u.string.ptr, check->meta.name) == 0))
            return list->u.array.items[i];
    }
    return NULL;
}

static bool was_used(const check_context *ctx, const az_value *entry)
{
    for (size_t i = 0; i < ctx->used_count; i++)
        if (az_range_same(ctx->used[i], entry->range))
            return true;
    return false;
}

static void mark_used(check_context *ctx, const az_value *entry)
{
    if (was_used(ctx, entry))
        return;
    if (ctx->used_count == ctx->used_cap) {
        size_t cap = ctx->used_cap ? ctx->used_cap * 2 : 8;
        az_range *grown = realloc(ctx->used, cap * sizeof(*grown));
        if (!grown) {
            ctx->out->failed = true;
            return;
        }
        ctx->used = grown;
        ctx->used_cap = cap;
    }
    ctx->used[ctx->used_count++] = entry->range;
}

static void add_finding(check_context *ctx, const az_resource *r, az_severity severity,
                        const az_value *at, const char *property, char *message)
{
    size_t before = ctx->out->count;
    add_finding_at(ctx, r->type, check_resource_name(r), r->range, severity, at, property, message);
    const az_value *entry = metadata_suppression(ctx->check, r);
    if (entry && severity != AZ_SEVERITY_NOTE)
        mark_used(ctx, entry);
    if (entry && ctx->out->count > before) {
        const az_value *why = az_query_value(entry, "justification");
        bool has_reason = why && why->kind == AZ_STRING && why->u.string.len;
        /* Under --require-justification a suppression without a reason does not count. */
        if ((has_reason || !ctx->config || !ctx->config->require_justification) &&
            az_findings_suppress(ctx->out, ctx->out->count - 1,
                                 has_reason ? why->u.string.ptr : NULL) != 0)
            ctx->out->failed = true;
    }
}

void check_report(check_context *ctx, const az_resource *r, const az_value *at,
                  const char *property, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *message = str_vformat(fmt, ap);
    va_end(ap);
    add_finding(ctx, r, ctx->check->meta.severity, at, property, message);
}

void check_report_at(check_context *ctx, const char *kind, const char *name, az_range decl,
                     const az_value *at, const char *property, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *message = str_vformat(fmt, ap);
    va_end(ap);
    add_finding_at(ctx, kind, name, decl, ctx->check->meta.severity, at, property, message);
}

void check_unresolved(check_context *ctx, const az_resource *r, const az_value *at,
                      const char *property)
{
    if (!ctx->config || !ctx->config->strict)
        return;
    const char *reason = at && at->kind == AZ_UNKNOWN ? at->u.unknown.reason : "unknown";
    char *message = str_format("%s: %s could not be resolved (%s)", check_resource_label(ctx, r),
                               property, reason);
    add_finding(ctx, r, AZ_SEVERITY_NOTE, at, property, message);
}

/* Running ------------------------------------------------------------------ */

/* Runs the selected checks of the resource's type on it, in registry order. */
static int visit(az_resource *r, void *ud)
{
    check_context *ctx = ud;
    size_t count;
    const az_check *const *checks = check_index_resource_checks(ctx->index, r->type, &count);
    for (size_t i = 0; i < count && !ctx->out->failed; i++) {
        if (ctx->selected && !ctx->selected(checks[i], ctx->selected_ud))
            continue;
        ctx->check = checks[i];
        ctx->reported = false;
        ctx->check->resource(ctx, r);
        if (!ctx->reported && ctx->config && ctx->config->record_passed) {
            az_pass p = {ctx->check, az_model_file_path(ctx->model, r->range.file), r->range,
                         r->type, check_resource_name(r)};
            az_findings_add_pass(ctx->out, &p);
        }
    }
    return ctx->out->failed ? -1 : 0;
}

/* Module nesting is bounded by the builder's module depth limit. */
static void visit_deployments(check_context *ctx, const az_deployment *d)
{
    ctx->check->deployment(ctx, d);
    for (uint32_t i = 0; i < d->module_count; i++)
        if (d->modules[i]->child)
            visit_deployments(ctx, d->modules[i]->child);
}

/* Notes each metadata suppression of `r` that names a check which ran and
 * matched none of its findings: it is stale, or it is misspelled. */
static int note_unused_suppressions(az_resource *r, void *ud)
{
    check_context *ctx = ud;
    const az_value *list = suppress_list(r);
    for (uint32_t i = 0; list && i < list->u.array.count; i++) {
        const az_value *entry = list->u.array.items[i];
        const az_value *id = az_query_value(entry, "id");
        const az_check *c = id && id->kind == AZ_STRING ? az_check_find(id->u.string.ptr) : NULL;
        if (!c || was_used(ctx, entry) || (ctx->selected && !ctx->selected(c, ctx->selected_ud)))
            continue;
        ctx->check = c;
        char *message = str_format("Unused suppression: %s %s reports nothing on %s; remove the "
                                   "entry from metadata.azscan.suppress",
                                   c->meta.id, c->meta.name, check_resource_label(ctx, r));
        add_finding_at(ctx, r->type, check_resource_name(r), entry->range, AZ_SEVERITY_NOTE, NULL,
                       "metadata.azscan.suppress", message);
    }
    return ctx->out->failed ? -1 : 0;
}

int az_checks_run(const az_model *m, const az_check_config *config,
                  bool (*selected)(const az_check *check, void *ud), void *ud, az_findings *out)
{
    const check_index *ix = check_index_get();
    if (!ix)
        return -1;
    check_context ctx = {0};
    ctx.model = m;
    ctx.config = config;
    ctx.index = ix;
    ctx.out = out;
    ctx.selected = selected;
    ctx.selected_ud = ud;
    size_t deployment_count;
    const az_check *const *deployment = check_index_deployment_checks(ix, &deployment_count);
    /* One walk over each variant's resources runs the checks of each type,
     * then the deployment checks run. Two checks' findings are never
     * duplicates of each other, so this order keeps each check's findings,
     * in the order it gave them; reports sort them anyway. */
    for (uint32_t v = 0; v < az_model_deployment_count(m) && !out->failed; v++) {
        az_deployment *d = az_model_deployment(m, v);
        ctx.variant = d;
        az_deployment_visit_resources(d, visit, &ctx);
        for (size_t i = 0; i < deployment_count && !out->failed; i++) {
            if (selected && !selected(deployment[i], ud))
                continue;
            ctx.check = deployment[i];
            visit_deployments(&ctx, d);
        }
    }
    for (uint32_t v = 0; v < az_model_deployment_count(m) && !out->failed; v++) {
        ctx.variant = az_model_deployment(m, v);
        az_deployment_visit_resources(az_model_deployment(m, v), note_unused_suppressions, &ctx);
    }
    free(ctx.used);
    return out->failed ? -1 : 0;
}

/* Names -------------------------------------------------------------------- */

const char *az_severity_name(az_severity s)
{
    static const char *const names[] = {"note", "low", "medium", "high", "critical"};
    return s <= AZ_SEVERITY_CRITICAL ? names[s] : "?";
}

bool az_severity_parse(const char *text, az_severity *out)
{
    for (int s = AZ_SEVERITY_NOTE; s <= AZ_SEVERITY_CRITICAL; s++) {
        if (strcasecmp(text, az_severity_name((az_severity)s)) == 0) {
            *out = (az_severity)s;
            return true;
        }
    }
    return false;
}

const char *az_category_name(az_category c)
{
    switch (c) {
    case AZ_CATEGORY_IDENTITY:
        return "identity-and-access";
    case AZ_CATEGORY_NETWORK:
        return "network";
    case AZ_CATEGORY_ENCRYPTION:
        return "encryption-and-data-protection";
    case AZ_CATEGORY_SECRETS:
        return "credentials-and-secrets";
    case AZ_CATEGORY_MONITORING:
        return "monitoring-and-logging";
    case AZ_CATEGORY_GOVERNANCE:
        return "governance";
    }
    return "?";
}

bool az_check_matches(const az_check *check, const char *selector)
{
    size_t n = strlen(selector);
    if (n == 0)
        return false;
    if (strcasecmp(check->meta.name, selector) == 0)
        return true;
    /* An id or an id prefix: "AZS201", "AZS2", "azs". */
    return strncasecmp(check->meta.id, selector, n) == 0;
}
