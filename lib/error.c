/* SPDX-License-Identifier: Apache-2.0 */
/* error.c - filling and formatting struct sjail_error. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "ir.h"

void sjail_error_clear(struct sjail_error *err)
{
	if (err)
		memset(err, 0, sizeof(*err));
}

static void _copy(char *dst, size_t len, const char *src)
{
	if (!src)
		src = "";
	snprintf(dst, len, "%s", src);
}

void error_set(struct sjail_error *err, const char *file, struct sjail_loc loc, const char *path,
	       const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return;
	_copy(err->file, sizeof(err->file), file);
	err->line = loc.line;
	err->col = loc.col;
	_copy(err->path, sizeof(err->path), path);
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
}

const char *error_rule_path(char *buf, size_t len, const struct sjail_filter *filter,
			    size_t rule_index, const char *suffix)
{
	const struct sjail_rule *rule = &filter->rules[rule_index];

	if (!suffix)
		suffix = "";
	/* An OCI rule is one name of an entry: ".syscall" and ".names" mean that name. */
	if (rule->path && (strcmp(suffix, ".syscall") == 0 || strcmp(suffix, ".names") == 0))
		snprintf(buf, len, "%s", rule->syscall_path);
	else if (rule->path)
		snprintf(buf, len, "%s%s", rule->path, suffix);
	else
		snprintf(buf, len, "%s.filter[%zu]%s", filter->name, rule_index, suffix);
	return buf;
}

size_t sjail_error_format(const struct sjail_error *err, char *buf, size_t len)
{
	char where[600] = "";
	int n;

	if (err->file[0] && err->line)
		snprintf(where, sizeof(where), "%s:%u:%u: ", err->file, err->line, err->col);
	else if (err->file[0])
		snprintf(where, sizeof(where), "%s: ", err->file);
	n = snprintf(buf, len, "%s%s%s%s", where, err->path, err->path[0] ? ": " : "", err->msg);
	return n < 0 ? 0 : (size_t)n;
}

const char *op_name(enum sjail_op op)
{
	static const char *const names[] = {
	    [SJAIL_OP_EQ] = "eq",
	    [SJAIL_OP_NE] = "ne",
	    [SJAIL_OP_LT] = "lt",
	    [SJAIL_OP_LE] = "le",
	    [SJAIL_OP_GT] = "gt",
	    [SJAIL_OP_GE] = "ge",
	    [SJAIL_OP_MASKED_EQ] = "masked_eq",
	};

	return (size_t)op < ELEMENTSOF(names) && names[op] ? names[op] : "?";
}

const char *num_format(uint64_t v, char *buf, size_t len)
{
	if (v < 0x1000)
		snprintf(buf, len, "%" PRIu64, v);
	else
		snprintf(buf, len, "0x%" PRIx64, v);
	return buf;
}
