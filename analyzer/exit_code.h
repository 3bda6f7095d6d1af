#ifndef AZSCAN_EXIT_CODE_H
#define AZSCAN_EXIT_CODE_H

/*
 * The exit codes of every azscan command: a contract with scripts and CI, so
 * values never change. When several apply, the higher-ranked one wins:
 * EXIT_USAGE, then EXIT_INCOMPLETE, then EXIT_FINDINGS.
 */
enum {
    EXIT_OK = 0,         /* success, nothing to report */
    EXIT_FINDINGS = 1,   /* findings at or above the threshold (checks) */
    EXIT_USAGE = 2,      /* unknown option, missing argument, nonexistent path */
    EXIT_INCOMPLETE = 3, /* some file could not be analyzed; the rest were */
};

#endif
