/* SPDX-License-Identifier: Apache-2.0 */
/*
 * profile.c - profile text -> struct sjail_profile.
 *
 * The format is rust-vmm seccompiler's JSON: an object mapping filter names
 * to filters, each with a mismatch action, a match action and a list of
 * rules (a syscall name and an optional AND of argument conditions). One
 * extension: a rule may carry its own "action". The OCI format (oci.c) is
 * told apart by its keys.
 *
 * Two passes. json.c parses the text into a DOM in which every value and
 * key knows its position; then a walk over the DOM checks it against the
 * format and builds the IR. Keeping the checks in the walk puts each rule of
 * the format in one place and reports the first mistake in document order.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "json.h"

/* ---- the walk: DOM -> IR ---------------------------------------------- */

static const struct {
	const char *name;
	uint32_t action;
} _actions[] = {
    {"allow", SECCOMP_RET_ALLOW},
    {"kill_thread", SECCOMP_RET_KILL_THREAD},
    {"kill_process", SECCOMP_RET_KILL_PROCESS},
    {"trap", SECCOMP_RET_TRAP},
    {"log", SECCOMP_RET_LOG},
    {"user_notif", SECCOMP_RET_USER_NOTIF},
};

#define _EXPECTED_ACTION                                                                           \
	"expected an action: 'allow', 'kill_thread', 'kill_process', 'trap', 'log', "              \
	"'user_notif', {\"errno\": N} or {\"trace\": N}"

static const struct json_key _action_keys[] = {{"errno", 0}, {"trace", 1}};

static int _walk_action(const struct json_walker *w, const struct json_node *node, const char *path,
			uint32_t *ret)
{
	char got[JSON_QUOTE_MAX + 2], sub[JSON_PATH_MAX];
	size_t seen[2] = {JSON_NONE, JSON_NONE};
	uint32_t action = 0;
	unsigned slot;
	uint64_t v;
	int r;

	if (node->type == JSON_STRING) {
		for (size_t i = 0; i < ELEMENTSOF(_actions); i++) {
			if (json_is(w, node, _actions[i].name)) {
				*ret = _actions[i].action;
				return 0;
			}
		}
	}
	if (node->type != JSON_OBJECT || node->n == 0)
		return json_fail(w, node->loc, path, _EXPECTED_ACTION ", got %s",
				 json_describe(w, node, got, sizeof(got)));

	for (size_t i = 0; i < node->n / 2; i++) {
		r = json_member(w, node, i, path, _action_keys, ELEMENTSOF(_action_keys),
				"'errno' or 'trace'", seen, &slot, sub, sizeof(sub));
		if (r < 0)
			return r;
		if (i > 0)
			return json_fail(w, node->kids[2 * i].loc, sub,
					 "an action has one key, 'errno' or 'trace', not both");
		if (slot == 0) {
			r = json_walk_uint(w, &node->kids[2 * i + 1], sub, 4095, "errno", &v);
			action = SECCOMP_RET_ERRNO | (uint32_t)v;
		} else {
			r = json_walk_uint(w, &node->kids[2 * i + 1], sub, 65535, "trace", &v);
			action = SECCOMP_RET_TRACE | (uint32_t)v;
		}
		if (r < 0)
			return r;
	}
	*ret = action;
	return 0;
}

static const struct json_key _cond_keys[] = {
    {"index", 0}, {"type", 1}, {"op", 2}, {"val", 3}, {"comment", 4},
};

static const struct json_key _op_keys[] = {{"masked_eq", 0}};

static const struct {
	const char *name;
	enum sjail_op op;
} _ops[] = {
    {"eq", SJAIL_OP_EQ}, {"ne", SJAIL_OP_NE}, {"lt", SJAIL_OP_LT},
    {"le", SJAIL_OP_LE}, {"gt", SJAIL_OP_GT}, {"ge", SJAIL_OP_GE},
};

#define _EXPECTED_OP "expected an op: 'eq', 'ne', 'lt', 'le', 'gt', 'ge' or {\"masked_eq\": MASK}"

/* op: a name, or {"masked_eq": MASK}; *ret_mask is the mask's node. */
static int _walk_op(const struct json_walker *w, const struct json_node *node, const char *path,
		    struct sjail_cond *cond, const struct json_node **ret_mask)
{
	char got[JSON_QUOTE_MAX + 2], sub[JSON_PATH_MAX];
	size_t seen[1] = {JSON_NONE};
	unsigned slot;
	int r;

	if (node->type == JSON_STRING) {
		for (size_t i = 0; i < ELEMENTSOF(_ops); i++) {
			if (json_is(w, node, _ops[i].name)) {
				cond->op = _ops[i].op;
				return 0;
			}
		}
	}
	if (node->type != JSON_OBJECT || node->n == 0)
		return json_fail(w, node->loc, path, _EXPECTED_OP ", got %s",
				 json_describe(w, node, got, sizeof(got)));

	/* One key: a second is unknown or a duplicate. */
	for (size_t i = 0; i < node->n / 2; i++) {
		r = json_member(w, node, i, path, _op_keys, ELEMENTSOF(_op_keys), "'masked_eq'",
				seen, &slot, sub, sizeof(sub));
		if (r < 0)
			return r;
		r = json_walk_uint(w, &node->kids[2 * i + 1], sub, UINT64_MAX, NULL, &cond->mask);
		if (r < 0)
			return r;
	}
	cond->op = SJAIL_OP_MASKED_EQ;
	*ret_mask = &node->kids[1];
	return 0;
}

static bool _loc_before(struct sjail_loc a, struct sjail_loc b)
{
	return a.line < b.line || (a.line == b.line && a.col < b.col);
}

static int _walk_cond(const struct json_walker *w, const struct json_node *node, const char *path,
		      struct sjail_cond *cond)
{
	char got[JSON_QUOTE_MAX + 2], sub[JSON_PATH_MAX];
	size_t seen[5] = {JSON_NONE, JSON_NONE, JSON_NONE, JSON_NONE, JSON_NONE};
	const struct json_node *val = NULL, *mask = NULL;
	unsigned slot;
	uint64_t v;
	int r;

	if (node->type != JSON_OBJECT)
		return json_fail(w, node->loc, path, "expected a condition object, got %s",
				 json_describe(w, node, got, sizeof(got)));
	cond->loc = node->loc;

	for (size_t i = 0; i < node->n / 2; i++) {
		const struct json_node *value = &node->kids[2 * i + 1];

		r = json_member(w, node, i, path, _cond_keys, ELEMENTSOF(_cond_keys),
				"'index', 'type', 'op', 'val' or 'comment'", seen, &slot, sub,
				sizeof(sub));
		if (r < 0)
			return r;
		switch (slot) {
		case 0:
			r = json_walk_uint(w, value, sub, 5, NULL, &v);
			cond->index = (uint8_t)v;
			break;
		case 1:
			if (json_is(w, value, "dword"))
				cond->width = 32;
			else if (json_is(w, value, "qword"))
				cond->width = 64;
			else
				r = json_fail(w, value->loc, sub,
					      "expected 'dword' or 'qword', got %s",
					      json_describe(w, value, got, sizeof(got)));
			break;
		case 2:
			r = _walk_op(w, value, sub, cond, &mask);
			break;
		case 3:
			r = json_walk_uint(w, value, sub, UINT64_MAX, NULL, &cond->val);
			val = value;
			break;
		default:
			if (value->type != JSON_STRING)
				r = json_fail(w, value->loc, sub, "expected a string, got %s",
					      json_describe(w, value, got, sizeof(got)));
			break;
		}
		if (r < 0)
			return r;
	}
	r = json_missing(w, node, path, _cond_keys, ELEMENTSOF(_cond_keys), seen, 4);
	if (r < 0)
		return r;

	if (cond->width != 32)
		return 0;
	/* Of a val and a mask that do not fit, report the first in the file. */
	if (mask && cond->mask > UINT32_MAX &&
	    (cond->val <= UINT32_MAX || _loc_before(mask->loc, val->loc))) {
		json_sub_key(w, sub, sizeof(sub), path, &node->kids[2 * seen[2]]);
		json_path_add_key(sub, sizeof(sub), "masked_eq", strlen("masked_eq"));
		return json_fail(w, mask->loc, sub,
				 "dword mask %" PRIu64 " does not fit in 32 bits (at most %" PRIu32
				 "); use \"type\": \"qword\"",
				 cond->mask, UINT32_MAX);
	}
	if (cond->val > UINT32_MAX) {
		json_sub_key(w, sub, sizeof(sub), path, &node->kids[2 * seen[3]]);
		return json_fail(w, val->loc, sub,
				 "dword value %" PRIu64 " does not fit in 32 bits (at most %" PRIu32
				 "); use \"type\": \"qword\"",
				 cond->val, UINT32_MAX);
	}
	return 0;
}

static int _walk_conds(const struct json_walker *w, const struct json_node *node, const char *path,
		       struct sjail_rule *rule)
{
	char got[JSON_QUOTE_MAX + 2], sub[JSON_PATH_MAX];
	size_t n = node->n;
	int r;

	if (node->type != JSON_ARRAY)
		return json_fail(w, node->loc, path, "expected an array of conditions, got %s",
				 json_describe(w, node, got, sizeof(got)));
	if (n == 0)
		return json_fail(w, node->loc, path,
				 "expected at least one condition; leave out 'args' for a rule "
				 "without conditions");
	if (n > SJAIL_MAX_CONDS)
		n = SJAIL_MAX_CONDS + 1;
	rule->conds = calloc(n, sizeof(*rule->conds));
	if (!rule->conds) {
		error_set(w->err, w->file, (struct sjail_loc){0}, "", "out of memory");
		return -ENOMEM;
	}
	rule->nconds = n;
	for (size_t i = 0; i < n; i++) {
		if (i == SJAIL_MAX_CONDS)
			return json_fail(w, node->kids[i].loc, path,
					 "too many conditions: a rule may have at most %d",
					 SJAIL_MAX_CONDS);
		json_sub_index(sub, sizeof(sub), path, i);
		r = _walk_cond(w, &node->kids[i], sub, &rule->conds[i]);
		if (r < 0)
			return r;
	}
	return 0;
}

/*
 * "action" is sjail's extension of the format: the rule's own action, in
 * place of the filter's match action. Rules without one mean exactly what
 * they mean to seccompiler.
 */
static const struct json_key _rule_keys[] = {
    {"syscall", 0}, {"args", 1}, {"comment", 2}, {"action", 3}};

/* rule->action until the filter's match action is known: no SECCOMP_RET_* action. */
#define _NO_ACTION 0x00010000u

static int _walk_rule(const struct json_walker *w, const struct json_node *node, const char *path,
		      struct sjail_rule *rule)
{
	char got[JSON_QUOTE_MAX + 2], sub[JSON_PATH_MAX];
	size_t seen[4] = {JSON_NONE, JSON_NONE, JSON_NONE, JSON_NONE};
	unsigned slot;
	int r;

	if (node->type != JSON_OBJECT)
		return json_fail(w, node->loc, path, "expected a rule object, got %s",
				 json_describe(w, node, got, sizeof(got)));
	rule->loc = node->loc;
	rule->action = _NO_ACTION;

	for (size_t i = 0; i < node->n / 2; i++) {
		const struct json_node *value = &node->kids[2 * i + 1];

		r = json_member(w, node, i, path, _rule_keys, ELEMENTSOF(_rule_keys),
				"'syscall', 'args', 'comment' or 'action'", seen, &slot, sub,
				sizeof(sub));
		if (r < 0)
			return r;
		if (slot == 1 || slot == 3) {
			r = slot == 1 ? _walk_conds(w, value, sub, rule)
				      : _walk_action(w, value, sub, &rule->action);
			if (r < 0)
				return r;
			continue;
		}
		if (value->type != JSON_STRING || (slot == 0 && value->len == 0))
			return json_fail(w, value->loc, sub, "expected %s, got %s",
					 slot == 0 ? "a syscall name" : "a string",
					 json_describe(w, value, got, sizeof(got)));
		if (slot == 0 && memchr(json_text(w, value), '\0', value->len))
			return json_fail(w, value->loc, sub, "syscall name %s contains a NUL byte",
					 json_quote(w, value, got, sizeof(got)));
		/* A comment is text for people: one with a NUL byte ends there. */
		if (slot == 0) {
			rule->syscall = strdup(json_text(w, value));
			rule->syscall_loc = value->loc;
		} else {
			rule->comment = strdup(json_text(w, value));
		}
		if (!(slot == 0 ? rule->syscall : rule->comment)) {
			error_set(w->err, w->file, (struct sjail_loc){0}, "", "out of memory");
			return -ENOMEM;
		}
	}
	return json_missing(w, node, path, _rule_keys, ELEMENTSOF(_rule_keys), seen, 1);
}

static int _walk_rules(const struct json_walker *w, const struct json_node *node, const char *path,
		       struct sjail_filter *filter)
{
	char got[JSON_QUOTE_MAX + 2], sub[JSON_PATH_MAX];
	size_t n = node->n;
	int r;

	if (node->type != JSON_ARRAY)
		return json_fail(w, node->loc, path, "expected an array of rules, got %s",
				 json_describe(w, node, got, sizeof(got)));
	if (n == 0)
		return 0;
	if (n > SJAIL_MAX_RULES)
		n = SJAIL_MAX_RULES + 1;
	filter->rules = calloc(n, sizeof(*filter->rules));
	if (!filter->rules) {
		error_set(w->err, w->file, (struct sjail_loc){0}, "", "out of memory");
		return -ENOMEM;
	}
	filter->nrules = n;
	for (size_t i = 0; i < n; i++) {
		if (i == SJAIL_MAX_RULES)
			return json_fail(w, node->kids[i].loc, path,
					 "too many rules: a filter may have at most %d",
					 SJAIL_MAX_RULES);
		json_sub_index(sub, sizeof(sub), path, i);
		r = _walk_rule(w, &node->kids[i], sub, &filter->rules[i]);
		if (r < 0)
			return r;
	}
	return 0;
}

static const struct json_key _filter_keys[] = {
    {"mismatch_action", 0}, {"match_action", 1},  {"filter", 2},
    {"default_action", 0},  {"filter_action", 1},
};

static int _walk_filter(const struct json_walker *w, const struct json_node *node, const char *path,
			struct sjail_filter *filter)
{
	char got[JSON_QUOTE_MAX + 2], sub[JSON_PATH_MAX], match_path[JSON_PATH_MAX] = "";
	size_t seen[3] = {JSON_NONE, JSON_NONE, JSON_NONE};
	const struct json_node *match = NULL;
	unsigned slot;
	int r;

	if (node->type != JSON_OBJECT)
		return json_fail(
		    w, node->loc, path,
		    "expected a filter object with 'mismatch_action', 'match_action' and "
		    "'filter', got %s",
		    json_describe(w, node, got, sizeof(got)));

	for (size_t i = 0; i < node->n / 2; i++) {
		const struct json_node *value = &node->kids[2 * i + 1];

		r = json_member(w, node, i, path, _filter_keys, ELEMENTSOF(_filter_keys),
				"'mismatch_action', 'match_action', 'filter', 'default_action' or "
				"'filter_action'",
				seen, &slot, sub, sizeof(sub));
		if (r < 0)
			return r;
		if (slot == 0) {
			r = _walk_action(w, value, sub, &filter->mismatch_action);
		} else if (slot == 1) {
			r = _walk_action(w, value, sub, &filter->match_action);
			match = value;
			snprintf(match_path, sizeof(match_path), "%s", sub);
		} else {
			r = _walk_rules(w, value, sub, filter);
		}
		if (r < 0)
			return r;
	}
	r = json_missing(w, node, path, _filter_keys, ELEMENTSOF(_filter_keys), seen, 3);
	if (r < 0)
		return r;
	if (filter->match_action == filter->mismatch_action)
		return json_fail(w, match->loc, match_path,
				 "match_action is the same as mismatch_action: the filter would do "
				 "nothing");
	for (size_t i = 0; i < filter->nrules; i++)
		if (filter->rules[i].action == _NO_ACTION)
			filter->rules[i].action = filter->match_action;
	return 0;
}

static int _walk_profile(const struct json_walker *w, const struct json_node *root,
			 struct sjail_profile *profile)
{
	char got[JSON_QUOTE_MAX + 2], path[JSON_PATH_MAX];
	size_t n;
	int r;

	if (root->type != JSON_OBJECT || root->n == 0)
		return json_fail(w, root->loc, "",
				 "expected an object mapping filter names to filters, got %s",
				 json_describe(w, root, got, sizeof(got)));
	n = root->n / 2;
	if (n > SJAIL_MAX_FILTERS)
		n = SJAIL_MAX_FILTERS + 1;
	profile->filters = calloc(n, sizeof(*profile->filters));
	if (!profile->filters) {
		error_set(w->err, w->file, (struct sjail_loc){0}, "", "out of memory");
		return -ENOMEM;
	}
	profile->nfilters = n;

	for (size_t i = 0; i < n; i++) {
		const struct json_node *key = &root->kids[2 * i];
		struct sjail_filter *filter = &profile->filters[i];

		if (i == SJAIL_MAX_FILTERS)
			return json_fail(w, key->loc, "",
					 "too many filters: a profile may have at most %d",
					 SJAIL_MAX_FILTERS);
		if (key->len == 0)
			return json_fail(w, key->loc, "", "a filter name must not be empty");
		if (memchr(json_text(w, key), '\0', key->len))
			return json_fail(w, key->loc, "", "filter name %s contains a NUL byte",
					 json_quote(w, key, got, sizeof(got)));
		json_sub_key(w, path, sizeof(path), "", key);
		for (size_t j = 0; j < i; j++) {
			if (json_same_string(w, &root->kids[2 * j], key))
				return json_fail(w, key->loc, path, "duplicate filter name %s",
						 json_quote(w, key, got, sizeof(got)));
		}
		filter->name = strdup(json_text(w, key));
		if (!filter->name) {
			error_set(w->err, w->file, (struct sjail_loc){0}, "", "out of memory");
			return -ENOMEM;
		}
		filter->loc = key->loc;
		r = _walk_filter(w, &root->kids[2 * i + 1], path, filter);
		if (r < 0)
			return r;
	}
	return 0;
}

/* ---- the front door --------------------------------------------------- */

void sjail_profile_free(struct sjail_profile *profile)
{
	if (!profile)
		return;
	for (size_t i = 0; i < profile->nfilters; i++) {
		struct sjail_filter *filter = &profile->filters[i];

		for (size_t j = 0; j < filter->nrules; j++) {
			free(filter->rules[j].syscall);
			free(filter->rules[j].comment);
			free(filter->rules[j].conds);
			free(filter->rules[j].path);
			free(filter->rules[j].syscall_path);
		}
		free(filter->rules);
		free(filter->name);
		for (size_t j = 0; j < filter->nabis; j++)
			free(filter->abis[j]);
		free(filter->abis);
	}
	free(profile->filters);
	free(profile->warnings);
	free(profile->file);
	free(profile);
}

int sjail_profile_parse_with(const char *file, const char *text, size_t len,
			     const struct sjail_load_options *opts,
			     struct sjail_profile **ret_profile, struct sjail_error *err)
{
	const struct sjail_load_options none = {0};
	struct sjail_profile *profile = NULL;
	struct json_doc doc = {0};
	struct json_walker w;
	int r;

	if (!opts)
		opts = &none;
	if (len > SJAIL_MAX_FILE_SIZE) {
		error_set(err, file, (struct sjail_loc){0}, "",
			  "the profile is %zu bytes, more than the limit of %u bytes", len,
			  SJAIL_MAX_FILE_SIZE);
		return -EFBIG;
	}
	if (json_blank(text, len)) {
		error_set(err, file, (struct sjail_loc){.line = 1, .col = 1}, "",
			  opts->format == SJAIL_FORMAT_OCI
			      ? "the profile is empty: expected an OCI seccomp object with "
				"'defaultAction'"
			      : "the profile is empty: expected an object mapping filter names to "
				"filters");
		return -EINVAL;
	}

	r = json_parse(file, text, len, &doc, err);
	if (r < 0)
		goto out;

	profile = calloc(1, sizeof(*profile));
	if (profile)
		profile->file = strdup(file ? file : "");
	if (!profile || !profile->file) {
		error_set(err, file, (struct sjail_loc){0}, "", "out of memory");
		r = -ENOMEM;
		goto out;
	}
	w = (struct json_walker){.file = file, .arena = doc.arena, .err = err};
	if (opts->format == SJAIL_FORMAT_OCI ||
	    (opts->format == SJAIL_FORMAT_AUTO && oci_detect(&w, &doc.root))) {
		profile->format = SJAIL_FORMAT_OCI;
		r = oci_walk(&w, &doc.root, opts, profile);
	} else {
		profile->format = SJAIL_FORMAT_SJAIL;
		r = _walk_profile(&w, &doc.root, profile);
	}
	if (r < 0)
		goto out;

	*ret_profile = profile;
	profile = NULL;
out:
	sjail_profile_free(profile);
	json_free(&doc);
	return r;
}

int sjail_profile_parse(const char *file, const char *text, size_t len,
			struct sjail_profile **ret_profile, struct sjail_error *err)
{
	return sjail_profile_parse_with(file, text, len, NULL, ret_profile, err);
}

int sjail_profile_load_with(const char *path, const struct sjail_load_options *opts,
			    struct sjail_profile **ret_profile, struct sjail_error *err)
{
	char *buf = NULL;
	size_t len = 0;
	int r;

	r = file_read_all(path, SJAIL_MAX_FILE_SIZE, &buf, &len, err);
	if (r >= 0)
		r = sjail_profile_parse_with(path, buf, len, opts, ret_profile, err);
	free(buf);
	return r;
}

int sjail_profile_load(const char *path, struct sjail_profile **ret_profile,
		       struct sjail_error *err)
{
	return sjail_profile_load_with(path, NULL, ret_profile, err);
}

enum sjail_format sjail_profile_format(const struct sjail_profile *profile)
{
	return profile->format;
}

size_t sjail_profile_warnings(const struct sjail_profile *profile,
			      const struct sjail_error **ret_warnings)
{
	*ret_warnings = profile->warnings;
	return profile->nwarnings;
}

size_t sjail_profile_filter_count(const struct sjail_profile *profile)
{
	return profile->nfilters;
}

const char *sjail_profile_filter_name(const struct sjail_profile *profile, size_t i)
{
	if (i >= profile->nfilters)
		return NULL;
	return profile->filters[i].name;
}

/* Edit distance (with transpositions) of two short names; SIZE_MAX when too long to matter. */
static size_t _distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), d[65][65];

	if (la > 64 || lb > 64)
		return SIZE_MAX;
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++) {
		for (size_t j = 1; j <= lb; j++) {
			size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);

			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	}
	return d[la][lb];
}

/* "vmm, api, vcpu" into buf, cut with ", ..." when long. */
static void _filter_list(const struct sjail_profile *profile, char *buf, size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < profile->nfilters; i++) {
		char name[JSON_QUOTE_MAX];

		json_escape(name, sizeof(name), profile->filters[i].name,
			    strlen(profile->filters[i].name));
		if (used + strlen(name) + 2 + 5 + 1 > size) {
			snprintf(buf + used, size - used, "%s...", i ? ", " : "");
			return;
		}
		used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? ", " : "", name);
	}
}

int sjail_profile_find_filter(const struct sjail_profile *profile, const char *name,
			      size_t *ret_index, struct sjail_error *err)
{
	const struct sjail_loc none = {0};
	const char *close = NULL;
	size_t best = SIZE_MAX;
	char list[600], quoted[JSON_QUOTE_MAX];

	if (!name && profile->nfilters == 1) {
		*ret_index = 0;
		return 0;
	}
	_filter_list(profile, list, sizeof(list));
	if (!name) {
		error_set(err, profile->file, none, "",
			  "the profile has %zu filters (%s): choose one with -t NAME",
			  profile->nfilters, list);
		return -ENOENT;
	}
	for (size_t i = 0; i < profile->nfilters; i++) {
		size_t d;

		if (strcmp(profile->filters[i].name, name) == 0) {
			*ret_index = i;
			return 0;
		}
		d = _distance(profile->filters[i].name, name);
		if (d < best) {
			best = d;
			close = profile->filters[i].name;
		}
	}
	json_escape(quoted, sizeof(quoted), name, strlen(name));
	/* Close: at most two edits, and at most a third of the longer name. */
	if (close && best <= 2 &&
	    best * 3 <= (strlen(close) > strlen(name) ? strlen(close) : strlen(name))) {
		char suggestion[JSON_QUOTE_MAX];

		json_escape(suggestion, sizeof(suggestion), close, strlen(close));
		error_set(err, profile->file, none, "",
			  "no filter '%s' in the profile (did you mean '%s'?)", quoted, suggestion);
	} else {
		error_set(err, profile->file, none, "",
			  "no filter '%s' in the profile (it has: %s)", quoted, list);
	}
	return -ENOENT;
}
