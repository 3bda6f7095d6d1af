#include "arm_schema.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TEMPLATE_URL                                                                               \
    "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"
#define PARAMETERS_URL                                                                             \
    "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#"

static arm_schema_kind sniff(const char *text)
{
    return arm_schema_sniff(text, strlen(text));
}

Test(arm_schema, recognizes_templates_and_parameter_files)
{
    cr_assert_eq(sniff("{\"$schema\": \"" TEMPLATE_URL "\"}"), ARM_SCHEMA_TEMPLATE);
    cr_assert_eq(sniff("{\"$schema\": \"" PARAMETERS_URL "\"}"), ARM_SCHEMA_PARAMETERS);
}

Test(arm_schema, recognizes_every_deployment_scope)
{
    const char *scopes[] = {"subscriptionDeploymentTemplate", "managementGroupDeploymentTemplate",
                            "tenantDeploymentTemplate"};
    for (size_t i = 0; i < 3; i++) {
        char text[256];
        snprintf(
            text, sizeof(text),
            "{\"$schema\":\"https://schema.management.azure.com/schemas/2018-05-01/%s.json#\"}",
            scopes[i]);
        cr_assert_eq(sniff(text), ARM_SCHEMA_TEMPLATE, "%s", scopes[i]);
    }
}

Test(arm_schema, matches_case_insensitively_with_or_without_a_fragment)
{
    cr_assert_eq(sniff("{\"$schema\":\"http://x/DEPLOYMENTTEMPLATE.JSON\"}"), ARM_SCHEMA_TEMPLATE);
    cr_assert_eq(sniff("{\"$schema\":\"http://x/deploymentParameters.json#/definitions\"}"),
                 ARM_SCHEMA_PARAMETERS);
    cr_assert_eq(sniff("{\"$schema\":\"http://x/deploymentTemplate.json.bak\"}"), ARM_SCHEMA_OTHER);
}

Test(arm_schema, skips_comments_whitespace_and_a_bom_before_schema)
{
    cr_assert_eq(sniff("\xEF\xBB\xBF // a line comment\n /* a {block} \"comment\" */\r\n\t{"
                       " // here too\n \"$schema\" /* and here */ : // and here\n \"" TEMPLATE_URL
                       "\" }"),
                 ARM_SCHEMA_TEMPLATE);
}

Test(arm_schema, finds_schema_after_other_members_of_any_shape)
{
    cr_assert_eq(sniff("{\"contentVersion\": \"1.0.0.0\", \"n\": -1.5e3, \"t\": true, \"z\": null,"
                       " \"o\": {\"$schema\": \"not this one\", \"s\": \"}]\\\"{[\"},"
                       " \"a\": [[1, {\"b\": [/* ] */]}], \"//\"], \"$schema\": \"" TEMPLATE_URL
                       "\"}"),
                 ARM_SCHEMA_TEMPLATE);
}

Test(arm_schema, tolerates_trailing_and_doubled_commas)
{
    cr_assert_eq(sniff("{\"a\": 1,, \"b\": [1,],, \"$schema\": \"" TEMPLATE_URL "\",}"),
                 ARM_SCHEMA_TEMPLATE);
}

Test(arm_schema, decodes_escapes_in_keys_and_urls)
{
    cr_assert_eq(sniff("{\"\\u0024schema\": \"https:\\/\\/x\\/deploymentTemplate.json#\"}"),
                 ARM_SCHEMA_TEMPLATE);
    /* A non-ASCII escape can never match. */
    cr_assert_eq(sniff("{\"\\u00e9schema\": \"" TEMPLATE_URL "\"}"), ARM_SCHEMA_NONE);
    cr_assert_eq(sniff("{\"$schema\": \"x/deployment\\nTemplate.json\"}"), ARM_SCHEMA_OTHER);
}

Test(arm_schema, takes_only_the_first_schema_member)
{
    cr_assert_eq(sniff("{\"$schema\": \"https://json.schemastore.org/package.json\","
                       " \"$schema\": \"" TEMPLATE_URL "\"}"),
                 ARM_SCHEMA_OTHER);
}

Test(arm_schema, rejects_other_json)
{
    cr_assert_eq(sniff("{\"name\": \"pkg\", \"version\": \"1.0.0\"}"), ARM_SCHEMA_NONE);
    cr_assert_eq(sniff("{}"), ARM_SCHEMA_NONE);
    cr_assert_eq(sniff("{\"$schema\": \"https://json.schemastore.org/package.json\"}"),
                 ARM_SCHEMA_OTHER);
    cr_assert_eq(sniff("{\"$schema\": 42}"), ARM_SCHEMA_OTHER);
    cr_assert_eq(sniff("[{\"$schema\": \"" TEMPLATE_URL "\"}]"), ARM_SCHEMA_NOT_OBJECT);
    cr_assert_eq(sniff("\"" TEMPLATE_URL "\""), ARM_SCHEMA_NOT_OBJECT);
    cr_assert_eq(sniff("{name: 1, \"$schema\": \"" TEMPLATE_URL "\"}"), ARM_SCHEMA_NONE);
    cr_assert_eq(sniff("{\"$schema\" \"" TEMPLATE_URL "\"}"), ARM_SCHEMA_NONE);
}

Test(arm_schema, reports_input_that_ends_too_soon)
{
    const char *cases[] = {
        "",
        "  // only a comment",
        "/* unterminated",
        "{",
        "{\"a\": 1, /* unterminated",
        "{\"unterminated key",
        "{\"key\"",
        "{\"key\": ",
        "{\"key\": [1, 2",
        "{\"key\": \"unterminated\\",
        "{\"$schema\": ",
        "{\"$schema\": \"https://unterminated",
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        cr_assert_eq(sniff(cases[i]), ARM_SCHEMA_TRUNCATED, "case %zu: %s", i, cases[i]);
}

Test(arm_schema, refuses_urls_longer_than_it_keeps)
{
    size_t pad = 600;
    char *text = malloc(pad + 128);
    strcpy(text, "{\"$schema\": \"https://x/");
    size_t len = strlen(text);
    memset(text + len, 'a', pad);
    strcpy(text + len + pad, "/deploymentTemplate.json\"}");
    cr_assert_eq(sniff(text), ARM_SCHEMA_OTHER);
    free(text);
}

Test(arm_schema, ignores_keys_longer_than_schema)
{
    cr_assert_eq(sniff("{\"$schema-but-much-longer\": \"" TEMPLATE_URL "\"}"), ARM_SCHEMA_NONE);
}

Test(arm_schema, steps_over_100000_levels_of_nesting_without_recursing)
{
    size_t depth = 100000;
    const char *tail = ", \"$schema\": \"" TEMPLATE_URL "\"}";
    size_t len = 6 + 2 * depth + strlen(tail);
    char *text = malloc(len + 1);
    char *p = text;
    p += sprintf(p, "{\"a\": ");
    memset(p, '[', depth);
    p += depth;
    memset(p, ']', depth);
    p += depth;
    strcpy(p, tail);
    cr_assert_eq(arm_schema_sniff(text, strlen(text)), ARM_SCHEMA_TEMPLATE);
    /* Unclosed, it runs out of input instead. */
    cr_assert_eq(arm_schema_sniff(text, 6 + depth), ARM_SCHEMA_TRUNCATED);
    free(text);
}

Test(arm_schema, never_reads_past_the_length_it_is_given)
{
    /* The buffer holds more than the length says, as a file prefix would. */
    const char *text = "{\"$schema\": \"" TEMPLATE_URL "\"}";
    size_t cut = strlen("{\"$schema\": \"https://schema");
    cr_assert_eq(arm_schema_sniff(text, cut), ARM_SCHEMA_TRUNCATED);
}

Test(arm_schema, copes_with_nul_bytes_and_junk)
{
    const char text[] = "{\"a\": \0\0junk, \"$schema\": \"" TEMPLATE_URL "\"}";
    cr_assert_eq(arm_schema_sniff(text, sizeof(text) - 1), ARM_SCHEMA_TEMPLATE);
    cr_assert_eq(sniff("{\"a\": 1/2, \"b\": [3 / 4], \"$schema\": \"" TEMPLATE_URL "\"}"),
                 ARM_SCHEMA_TEMPLATE);
}
