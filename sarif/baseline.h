#ifndef AZSCAN_BASELINE_H
#define AZSCAN_BASELINE_H

#include "scan.h"

#include <stdio.h>

/*
 * Baselines: adopting azscan on a repository without fixing everything on
 * day one. A baseline is the sorted, de-duplicated list of the fingerprints
 * (report_fingerprint: check, file, resource, property, variant; never line
 * numbers) of the findings a scan reported:
 *
 *   {"version": 1, "fingerprints": ["...", ...]}
 *
 * Applying it marks every finding it lists as baselined (an external
 * suppression), so a gate fails only on new findings.
 */

/* Writes the baseline of `r`'s findings that count (not notes, not
 * suppressed). Returns 0, or -1 when writing failed or memory ran out. */
int baseline_write(FILE *out, const scan_result *r);

/*
 * Reads the baseline at `path` and marks the findings of `r` it lists.
 * Stores how many of its entries matched no finding in `*unmatched`.
 * Returns 0; or -1 with a message (naming the file) in `err` when the file
 * cannot be read or is not a baseline.
 */
int baseline_apply(const char *path, scan_result *r, size_t *unmatched, char *err, size_t err_size);

#endif
