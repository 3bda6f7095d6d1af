#include "report_path.h"
#include "path.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *report_path_resolve(const scan_result *r, const char *display, bool *absolute)
{
    const char *disk = scan_result_disk_path(r, display);
    if (!disk)
        disk = display;
    /* A buffer of our own: getcwd's own allocation would escape the
     * allocator that tests fail on purpose. */
    char cwd_buf[PATH_MAX];
    char *cwd = getcwd(cwd_buf, sizeof(cwd_buf));
    /* In git modes paths are the work tree's, wherever azscan runs. */
    if (scan_result_display_root(r) && strlen(scan_result_display_root(r)) < sizeof(cwd_buf))
        cwd = strcpy(cwd_buf, scan_result_display_root(r));
    size_t n = (cwd ? strlen(cwd) : 0) + strlen(disk) + 3;
    char *path = malloc(n);
    if (!path)
        return NULL;
    if (disk[0] == '/' || !cwd)
        snprintf(path, n, "/%s", disk);
    else
        snprintf(path, n, "%s/%s", cwd, disk);
    path_normalize(path);
    /* Without a working directory a relative path can only stay relative. */
    bool under = !cwd && disk[0] != '/';
    size_t c = 0;
    if (cwd) {
        path_normalize(cwd);
        c = strcmp(cwd, "/") == 0 ? 0 : strlen(cwd);
        under = strncmp(path, cwd, c) == 0 && path[c] == '/' && path[c + 1];
    }
    *absolute = !under;
    if (under)
        memmove(path, path + c + 1, strlen(path + c + 1) + 1);
    return path;
}

int report_path_root_uri(const scan_result *r, char **out)
{
    *out = NULL;
    char cwd[PATH_MAX];
    const char *root = scan_result_display_root(r);
    if (root && strlen(root) < sizeof(cwd))
        strcpy(cwd, root);
    else if (!getcwd(cwd, sizeof(cwd)))
        return 0;
    path_normalize(cwd);
    char *uri = malloc(strlen("file://") + 3 * strlen(cwd) + 2);
    if (!uri)
        return -1;
    strcpy(uri, "file://");
    report_path_uri_encode(cwd, uri + strlen(uri));
    if (strcmp(cwd, "/") != 0)
        strcat(uri, "/");
    *out = uri;
    return 0;
}

void report_path_uri_encode(const char *path, char *out)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        unsigned char c = *p;
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
            *out++ = (char)c;
        } else {
            *out++ = '%';
            *out++ = hex[c >> 4];
            *out++ = hex[c & 0xF];
        }
    }
    *out = '\0';
}
