/* SPDX-License-Identifier: Apache-2.0 */
/*
 * json.h - JSON text -> a DOM whose every value and key knows its line and
 * column (json.c, the only yajl user), and the helpers the walkers of the
 * two profile formats share (profile.c: seccompiler's format, oci.c: OCI's).
 *
 * A walker checks the DOM against its format and builds the IR; every
 * mistake it finds becomes one struct sjail_error with file:line:col, the
 * JSON path and a message, written by the helpers below so that both
 * formats word the same mistakes the same way.
 */
#ifndef SJAIL_JSON_H
#define SJAIL_JSON_H

#include "ir.h"

#define JSON_PATH_MAX sizeof(((struct sjail_error *)0)->path)
#define JSON_MSG_MAX sizeof(((struct sjail_error *)0)->msg)
#define JSON_QUOTE_MAX 68 /* bytes of a user string quoted in a message */

/* ---- the positioned DOM ----------------------------------------------- */

enum json_type {
	JSON_NULL,
	JSON_FALSE,
	JSON_TRUE,
	JSON_NUMBER,
	JSON_STRING,
	JSON_OBJECT,
	JSON_ARRAY
};

/* How a number is written: the formats take plain non-negative integers. */
enum json_num {
	JSON_NUM_OK,
	JSON_NUM_NEGATIVE,
	JSON_NUM_FRACTION,
	JSON_NUM_EXPONENT,
	JSON_NUM_TOO_LARGE
};

struct json_node {
	uint8_t type;	      /* enum json_type */
	uint8_t num;	      /* numbers: enum json_num */
	struct sjail_loc loc; /* of the first byte */
	uint32_t text;	      /* strings, numbers: offset of the text in the arena */
	uint32_t len;	      /* strings: bytes (NUL may be among them) */
	uint32_t n, cap;      /* arrays: elements; objects: 2 per member, key then value */
	union {
		struct json_node *kids; /* arrays, objects */
		uint64_t u;		/* numbers written as JSON_NUM_OK */
	};
};

/* A parsed text: the root value and the arena its strings and numbers live in. */
struct json_doc {
	struct json_node root;
	char *arena; /* every string and number text, NUL-terminated */
	bool have_root;
};

/* True when text holds nothing but JSON whitespace (yajl's: \v and \f too). */
bool json_blank(const char *text, size_t len);

/*
 * Parses len bytes of text (file names it in messages) into *ret_doc,
 * written on success only; free it with json_free(). Checks nesting depth
 * (SJAIL_MAX_DEPTH) and string length (SJAIL_MAX_STRING) as it goes.
 * Errors: -EINVAL (not JSON: err says where, in yajl's words), -ENOMEM.
 */
int json_parse(const char *file, const char *text, size_t len, struct json_doc *ret_doc,
	       struct sjail_error *err);

/* Frees what json_parse() built; accepts a zeroed doc. */
void json_free(struct json_doc *doc);

/* ---- text helpers ----------------------------------------------------- */

/*
 * Copies len bytes of src to dst (size >= 4) for a message or a path:
 * control bytes become \xNN, and when dst is too small the text is cut at a
 * character boundary and ends in "...".
 */
void json_escape(char *dst, size_t size, const char *src, size_t len);

/* Appends ".key" (just "key" at the start) to the path in buf. */
void json_path_add_key(char *buf, size_t size, const char *key, size_t len);

/* Appends "[i]" to the path in buf. */
void json_path_add_index(char *buf, size_t size, size_t i);

/* ---- walking the DOM -------------------------------------------------- */

struct json_walker {
	const char *file;
	const char *arena;
	struct sjail_error *err;
};

/* Fills w->err with a message at loc and path; returns -EINVAL. */
int json_fail(const struct json_walker *w, struct sjail_loc loc, const char *path, const char *fmt,
	      ...) __attribute__((format(printf, 4, 5)));

/* Fills w->err with "out of memory"; returns -ENOMEM. */
int json_oom(const struct json_walker *w);

/* The text of a string or number node (NUL-terminated; a string may hold NULs). */
const char *json_text(const struct json_walker *w, const struct json_node *node);

/* True when node is the string s. */
bool json_is(const struct json_walker *w, const struct json_node *node, const char *s);

bool json_same_string(const struct json_walker *w, const struct json_node *a,
		      const struct json_node *b);

/* A string node quoted for a message: 'name'. */
const char *json_quote(const struct json_walker *w, const struct json_node *node, char *buf,
		       size_t size);

/* What a value is, for "got ...": 'text', 42, an array, true. */
const char *json_describe(const struct json_walker *w, const struct json_node *node, char *buf,
			  size_t size);

/* path + ".key" (the key as written) into buf. */
void json_sub_key(const struct json_walker *w, char *buf, size_t size, const char *path,
		  const struct json_node *key);

/* path + "[i]" into buf. */
void json_sub_index(char *buf, size_t size, const char *path, size_t i);

/* The keys an object may have; aliases share a slot. */
struct json_key {
	const char *name;
	unsigned slot;
};

#define JSON_NONE SIZE_MAX

/*
 * Checks the key of member i of obj against keys: unknown, duplicate and
 * alias conflicts are errors. seen[slot] records the member that filled a
 * slot (JSON_NONE: not yet). On success *ret_slot is the key's slot and
 * sub the member's path.
 */
int json_member(const struct json_walker *w, const struct json_node *obj, size_t i,
		const char *path, const struct json_key *keys, size_t nkeys, const char *expected,
		size_t *seen, unsigned *ret_slot, char *sub, size_t subsize);

/* The first of slots 0..nrequired-1 that was not seen is an error. */
int json_missing(const struct json_walker *w, const struct json_node *obj, const char *path,
		 const struct json_key *keys, size_t nkeys, const size_t *seen, unsigned nrequired);

/*
 * An integer from 0 to max. label names it in range errors ("errno 4096 is
 * out of range (0 to 4095)"); without one the message is "expected an
 * integer from 0 to max, got X".
 */
int json_walk_uint(const struct json_walker *w, const struct json_node *node, const char *path,
		   uint64_t max, const char *label, uint64_t *ret);

/* ---- the OCI format (oci.c) ------------------------------------------- */

/* True when root looks like an OCI profile: "defaultAction", or a "syscalls" array. */
bool oci_detect(const struct json_walker *w, const struct json_node *root);

/*
 * Checks root against the OCI format and fills profile (its filters and
 * warnings; profile->file is set) for the target, capabilities and kernel
 * of opts (never NULL). Errors: -EINVAL (w->err says where), -ENOMEM.
 */
int oci_walk(const struct json_walker *w, const struct json_node *root,
	     const struct sjail_load_options *opts, struct sjail_profile *profile);

#endif
