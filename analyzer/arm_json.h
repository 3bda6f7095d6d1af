#ifndef AZSCAN_ARM_JSON_H
#define AZSCAN_ARM_JSON_H

#include "model_build.h"

/*
 * Turns an armjson syntax tree into plain values, with the range of every
 * value and key. Strings are unescaped; nothing is evaluated. Integers
 * become AZ_INT; other numbers, which ARM templates do not use in
 * properties that matter, become unknown. Nesting deeper than the
 * evaluator's depth limit is cut off as unknown with a warning, and syntax
 * errors leave unknown values where the tree has ERROR nodes. The walk is
 * iterative, so no input depth can exhaust the stack.
 *
 * What nothing reads is not converted: in a template (the document, or the
 * value of a "template" member, whose "$schema", before them, names a
 * deployment template), the values of "definitions" and "metadata", and of
 * each parameter's "metadata", are unknown, their subtrees never walked.
 *
 * Returns the document's value (NULL for an empty document), allocated in
 * the builder's arena; sets *nomem on allocation failure.
 */
az_value *arm_json_from_tree(az_builder *b, const az_loaded_file *f, int *nomem);

#endif
