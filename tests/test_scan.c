/* The scan pipeline: one report per problem file, and files that cannot be
 * read or parsed are not modelled. */
#include "scan.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

Test(scan, invalid_utf8_is_reported_once_with_its_position)
{
    char dir[] = "/tmp/azscan-scan-XXXXXX";
    cr_assert(mkdtemp(dir));
    char path[64];
    snprintf(path, sizeof(path), "%s/bad.bicep", dir);
    FILE *f = fopen(path, "wb");
    cr_assert(f);
    fputs("param a string = 'caf\xe9'\n", f);
    fclose(f);

    const char *paths[] = {path};
    scan_options o = {0};
    o.paths = paths;
    o.path_count = 1;
    scan_result *r;
    cr_assert_eq(scan_run(&o, &r), 0);
    cr_assert_eq(scan_result_error_count(r), 1);
    const scan_error *e = scan_result_error(r, 0);
    cr_assert(e->has_position);
    cr_assert_eq(e->line, 1);
    cr_assert_eq(e->column, 22);
    cr_assert(strstr(e->message, "invalid UTF-8"));
    cr_assert_eq(scan_result_template_count(r), 0);
    scan_result_free(r);
    unlink(path);
    rmdir(dir);
}
