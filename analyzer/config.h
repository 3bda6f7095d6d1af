#ifndef AZSCAN_CONFIG_H
#define AZSCAN_CONFIG_H

#include "check.h"
#include "discover.h"

#include <stdbool.h>
#include <stddef.h>

/*
 * The project configuration file, .azscan.json (JSON with comments; see
 * docs/configuration.md):
 *
 *   {
 *     "checks": { "enabled": ["AZS2", "AZS101"], "disabled": ["AZS210"] },
 *     "severity": { "AZS204": "high" },
 *     "exclude": ["tests", "*.generated.json"],
 *     "allowedLocations": ["westeurope"],
 *     "requiredTags": ["owner"],
 *     "failOn": "medium",
 *     "parameterFiles": { "infra/main.bicep": "infra/prod.bicepparam" }
 *   }
 *
 * Paths and globs are relative to the file's folder. The command line wins
 * over the file; the CLI merges the two (analyzer/main.c).
 *
 * An az_config owns everything it points to; free it with az_config_free.
 * Its fields are read-only.
 */

#define AZ_CONFIG_FILE_NAME ".azscan.json"

typedef struct {
    const char *selector; /* a check id, name or id prefix */
    az_severity severity;
} az_config_severity;

typedef struct {
    const char *pattern;    /* glob over template paths relative to the config folder */
    const char *param_file; /* the parameter file, as a path usable from the working directory */
} az_config_param_file;

typedef struct az_config {
    const char *path; /* the file, as found or named */
    const char *dir;  /* its folder, resolved (no symbolic links) */
    bool has_enabled, has_disabled, has_locations, has_tags, has_fail_on;
    const char **enabled, **disabled; /* check selectors */
    size_t enabled_count, disabled_count;
    const char **allowed_locations, **required_tags; /* NULL-terminated */
    az_severity fail_on;
    const az_config_severity *severities;
    size_t severity_count;
    const char **excludes; /* globs, normalised: a pattern without '/' gets a leading doublestar */
    size_t exclude_count;
    const az_config_param_file *param_files;
    size_t param_file_count;
    struct arena *arena;
} az_config;

/*
 * Looks for AZ_CONFIG_FILE_NAME in `start` (a file's folder, or a folder)
 * and then in each parent, stopping after the folder that holds a `.git`
 * entry (the repository root) or at `/`. Returns the path found (malloc'd,
 * owned by the caller) or NULL when there is none or memory ran out.
 */
char *az_config_find(const char *start);

/*
 * Reads and validates the file at `path`. Returns 0 and stores the config,
 * or -1 with `err` (of err_size bytes) saying why, as
 * "PATH:LINE:COL: message" when the problem has a place: a syntax error, an
 * unknown key (named), a value of the wrong type, an unknown check,
 * severity or glob.
 */
int az_config_load(az_config **out, const char *path, char *err, size_t err_size);

void az_config_free(az_config *c);

/*
 * Whether the config excludes `path`, relative to the config's folder with
 * '/' separators: an exclude glob matches it or one of its parent folders.
 */
bool az_config_excludes(const az_config *c, const char *path);

/* The parameter file mapped to the template at `path` (relative to the
 * config's folder), or NULL. The first matching mapping wins. */
const char *az_config_param_file_for(const az_config *c, const char *path);

/* Gives each finding of a check named by a "severity" entry that severity;
 * the last matching entry wins. */
void az_config_apply_severities(const az_config *c, az_findings *findings);

/*
 * The path of `disk_path` relative to the config's folder ('/' separators),
 * malloc'd; NULL when it lies outside the folder, or cannot be resolved, or
 * memory ran out.
 */
char *az_config_relative_path(const az_config *c, const char *disk_path);

/*
 * Discovery that leaves out what the config excludes: path arguments and
 * what is met under them are matched by their path relative to the
 * config's folder. The filter keeps state in `f`; clear it after discovery.
 */
typedef struct {
    const az_config *config;
    const char *argument; /* the argument last resolved */
    char *prefix;         /* its path relative to the config's folder, or NULL outside */
} az_config_filter;

discover_filter az_config_filter_init(az_config_filter *f, const az_config *c);
void az_config_filter_clear(az_config_filter *f);

/* For scan_options.param_file_for, with the config as `ud`. */
const char *az_config_param_file_lookup(const char *disk_path, void *config);

#endif
