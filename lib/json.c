/* SPDX-License-Identifier: Apache-2.0 */
/*
 * json.c - JSON text -> a DOM with positions, and the helpers that walk
 * it. The only file that includes yajl.
 *
 * yajl's callback parser builds a small DOM in which every value and every
 * key carries the line and column of its first byte (yajl's tree API has no
 * positions). The walkers in profile.c and oci.c then check the DOM against
 * their formats and build the IR. Only nesting depth and string length are
 * checked while parsing; counts are checked in the walks, in order.
 * SJAIL_MAX_FILE_SIZE bounds the DOM: a value costs a 40-byte node and takes
 * at least two bytes of text, so the worst 8 MiB file ("[0,0,0,...]") needs
 * about 180 MiB for a moment; Firecracker's 50 KB profile needs 250 KB.
 *
 * NOTE: positions. Inside a callback yajl_get_bytes_consumed() is the offset
 * just past the current token. Rather than scanning backward from there, we
 * remember where the previous token ended and scan forward: the current
 * token starts at the first byte that is neither whitespace nor the one ','
 * or ':' between the two (the only tokens that get no callback). This works
 * unchanged in yajl_complete_parse(), where the offset refers to the single
 * space yajl parses to end a trailing number, and for syntax errors, where
 * yajl sometimes rewinds its offset and sometimes does not. Lines count
 * '\n'; columns count bytes from 1, so a tab is one column and a two-byte
 * UTF-8 character two.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yajl/yajl_parse.h>

#include "json.h"

#define _NUM_EXCERPT 40 /* bytes of a number's text kept for messages */

/* ---- the positioned DOM ----------------------------------------------- */

static void _node_free(struct json_node *node)
{
	if (node->type != JSON_OBJECT && node->type != JSON_ARRAY)
		return;
	for (uint32_t i = 0; i < node->n; i++)
		_node_free(&node->kids[i]);
	free(node->kids);
}

/* ---- text helpers ----------------------------------------------------- */

/* Bytes of the UTF-8 sequence c starts, as yajl checks them (structure only). */
static size_t _utf8_len(unsigned char c)
{
	if ((c >> 5) == 0x6)
		return 2;
	if ((c >> 4) == 0xe)
		return 3;
	if ((c >> 3) == 0x1e)
		return 4;
	return 1;
}

/*
 * Copies len bytes of src to dst (size >= 4) for a message or a path:
 * control bytes become \xNN, and when dst is too small the text is cut at a
 * character boundary and ends in "...".
 */
void json_escape(char *dst, size_t size, const char *src, size_t len)
{
	const unsigned char *s = (const unsigned char *)src;
	size_t o = 0, i = 0;

	while (i < len) {
		char piece[8];
		size_t k, step;

		if (s[i] < 0x20 || s[i] == 0x7f) {
			snprintf(piece, sizeof(piece), "\\x%02x", s[i]);
			k = 4;
			step = 1;
		} else {
			k = step = _utf8_len(s[i]) < len - i ? _utf8_len(s[i]) : len - i;
			memcpy(piece, s + i, k);
		}
		/* Leave room for "..." unless this is the last piece. */
		if (o + k + (i + step == len ? 0 : 3) + 1 > size) {
			memcpy(dst + o, "...", 3);
			o += 3;
			break;
		}
		memcpy(dst + o, piece, k);
		o += k;
		i += step;
	}
	dst[o] = '\0';
}

/* Appends ".key" (just "key" at the start) to the path in buf. */
void json_path_add_key(char *buf, size_t size, const char *key, size_t len)
{
	size_t used = strlen(buf);

	if (used && used + 1 < size)
		buf[used++] = '.';
	if (used + 4 <= size)
		json_escape(buf + used, size - used, key, len);
}

void json_path_add_index(char *buf, size_t size, size_t i)
{
	size_t used = strlen(buf);

	snprintf(buf + used, size - used, "[%zu]", i);
}

static bool _is_space(unsigned char c)
{
	/* yajl's lexer takes \v and \f as whitespace too. */
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* ---- the parser: yajl callbacks build the DOM ------------------------- */

/* What the last callback saw, to tell which separator may follow it. */
enum _event { _EV_NONE, _EV_OPEN, _EV_KEY, _EV_VALUE };

struct _parser {
	const char *file;
	const unsigned char *text;
	size_t len;
	struct sjail_error *err;
	yajl_handle yajl;
	bool finishing;	 /* in yajl_complete_parse() */
	size_t last_end; /* offset just past the last token a callback saw */
	enum _event last_event;
	bool have_root;
	size_t root_end; /* offset just past the top-level value */
	struct json_node root;
	struct json_node *stack[SJAIL_MAX_DEPTH]; /* the open arrays and objects */
	size_t depth;
	char *arena; /* every string and number text, NUL-terminated */
	size_t arena_len, arena_cap;
	size_t cur_off; /* _loc_at()'s cursor: offset, its line, where that line starts */
	unsigned cur_line;
	size_t cur_line_start;
	int rc; /* why a callback stopped the parse */
};

static struct sjail_loc _loc_at(struct _parser *p, size_t off)
{
	if (off > p->len)
		off = p->len;
	if (off < p->cur_off) {
		p->cur_off = 0;
		p->cur_line = 1;
		p->cur_line_start = 0;
	}
	for (; p->cur_off < off; p->cur_off++) {
		if (p->text[p->cur_off] == '\n') {
			p->cur_line++;
			p->cur_line_start = p->cur_off + 1;
		}
	}
	return (struct sjail_loc){.line = p->cur_line,
				  .col = (unsigned)(off - p->cur_line_start + 1)};
}

static size_t _skip_space(const struct _parser *p, size_t off)
{
	while (off < p->len && _is_space(p->text[off]))
		off++;
	return off;
}

/* The separator that may stand between the last token and the next one. */
static int _separator(const struct _parser *p)
{
	if (p->last_event == _EV_KEY)
		return ':';
	if (p->last_event == _EV_VALUE && p->depth > 0)
		return ',';
	return 0;
}

/* Offset of the first byte of the token after the last one a callback saw. */
static size_t _next_token(const struct _parser *p)
{
	size_t off = _skip_space(p, p->last_end);
	int sep = _separator(p);

	if (sep && off < p->len && p->text[off] == sep)
		off = _skip_space(p, off + 1);
	return off;
}

/* Offset just past the token yajl is handing to a callback. */
static size_t _token_end(const struct _parser *p)
{
	/* yajl_complete_parse() ends a trailing number by parsing " ". */
	if (p->finishing)
		return p->len;
	return yajl_get_bytes_consumed(p->yajl);
}

/*
 * The JSON path of the element being added: the path of the innermost open
 * array or object, plus the new element's key or index when it has one (an
 * object's key is not an element yet).
 */
static void _parse_path(const struct _parser *p, char *buf, size_t size)
{
	buf[0] = '\0';
	for (size_t i = 0; i < p->depth; i++) {
		const struct json_node *c = p->stack[i];
		bool top = i + 1 == p->depth;

		if (c->type == JSON_ARRAY) {
			json_path_add_index(buf, size, top ? c->n : c->n - 1);
		} else if (!top || c->n % 2 == 1) {
			const struct json_node *key = &c->kids[top ? c->n - 1 : c->n - 2];

			json_path_add_key(buf, size, p->arena + key->text, key->len);
		}
	}
}

static int _parse_fail(struct _parser *p, int rc, struct sjail_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Records why the parse stops; returns 0 for the callback to return. */
static int _parse_fail(struct _parser *p, int rc, struct sjail_loc loc, const char *fmt, ...)
{
	char path[JSON_PATH_MAX], msg[JSON_MSG_MAX];
	va_list ap;

	_parse_path(p, path, sizeof(path));
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	error_set(p->err, p->file, loc, path, "%s", msg);
	p->rc = rc;
	return 0;
}

static int _oom(struct _parser *p)
{
	error_set(p->err, p->file, (struct sjail_loc){0}, "", "out of memory");
	p->rc = -ENOMEM;
	return 0;
}

/* Copies s into the arena; *ret_off is where. */
static int _arena_add(struct _parser *p, const char *s, size_t len, uint32_t *ret_off)
{
	if (p->arena_cap - p->arena_len < len + 1) {
		size_t cap = p->arena_cap ? p->arena_cap : 4096;
		char *a;

		while (cap - p->arena_len < len + 1)
			cap *= 2;
		a = realloc(p->arena, cap);
		if (!a)
			return -ENOMEM;
		p->arena = a;
		p->arena_cap = cap;
	}
	memcpy(p->arena + p->arena_len, s, len);
	p->arena[p->arena_len + len] = '\0';
	/* The arena holds at most about twice SJAIL_MAX_FILE_SIZE bytes. */
	*ret_off = (uint32_t)p->arena_len;
	p->arena_len += len + 1;
	return 0;
}

/* Adds a node of type at loc as the next value (or key) of the innermost container. */
static struct json_node *_append(struct _parser *p, enum json_type type, struct sjail_loc loc)
{
	struct json_node *node;

	if (p->depth == 0) {
		node = &p->root;
		p->have_root = true;
	} else {
		struct json_node *c = p->stack[p->depth - 1];

		/*
		 * Growing c->kids cannot move an open node: while one of c's
		 * children is open, nothing is added to c.
		 */
		if (c->n == c->cap) {
			uint32_t cap = c->cap ? c->cap * 2 : 4;
			struct json_node *kids = realloc(c->kids, cap * sizeof(*kids));

			if (!kids)
				return NULL;
			c->kids = kids;
			c->cap = cap;
		}
		node = &c->kids[c->n++];
	}
	memset(node, 0, sizeof(*node));
	node->type = type;
	node->loc = loc;
	return node;
}

static void _token_done(struct _parser *p, enum _event event)
{
	p->last_end = _token_end(p);
	p->last_event = event;
	if (p->depth == 0 && event != _EV_OPEN)
		p->root_end = p->last_end;
}

static int _on_scalar(void *ctx, enum json_type type)
{
	struct _parser *p = ctx;

	if (!_append(p, type, _loc_at(p, _next_token(p))))
		return _oom(p);
	_token_done(p, _EV_VALUE);
	return 1;
}

static int _on_null(void *ctx)
{
	return _on_scalar(ctx, JSON_NULL);
}

static int _on_boolean(void *ctx, int value)
{
	return _on_scalar(ctx, value ? JSON_TRUE : JSON_FALSE);
}

/* Sorts out how the number s is written, and its value when that is plain. */
static enum json_num _number_parse(const char *s, size_t len, uint64_t *ret)
{
	uint64_t v = 0;

	if (memchr(s, 'e', len) || memchr(s, 'E', len))
		return JSON_NUM_EXPONENT;
	if (memchr(s, '.', len))
		return JSON_NUM_FRACTION;
	if (len && s[0] == '-')
		return JSON_NUM_NEGATIVE;
	for (size_t i = 0; i < len; i++) {
		unsigned d = (unsigned)(s[i] - '0');

		if (v > (UINT64_MAX - d) / 10)
			return JSON_NUM_TOO_LARGE;
		v = v * 10 + d;
	}
	*ret = v;
	return JSON_NUM_OK;
}

static int _on_number(void *ctx, const char *s, size_t len)
{
	struct _parser *p = ctx;
	char excerpt[_NUM_EXCERPT + 4];
	struct json_node *node;
	uint64_t v = 0;
	enum json_num num;
	uint32_t off;

	/* Numbers have no length cap of their own: keep the start for messages. */
	num = _number_parse(s, len, &v);
	json_escape(excerpt, sizeof(excerpt), s, len);
	if (_arena_add(p, excerpt, strlen(excerpt), &off) < 0)
		return _oom(p);
	node = _append(p, JSON_NUMBER, _loc_at(p, _next_token(p)));
	if (!node)
		return _oom(p);
	node->num = num;
	node->u = v;
	node->text = off;
	node->len = (uint32_t)strlen(excerpt);
	_token_done(p, _EV_VALUE);
	return 1;
}

static int _string(struct _parser *p, const unsigned char *s, size_t len, enum _event event)
{
	struct sjail_loc loc = _loc_at(p, _next_token(p));
	struct json_node *node;
	uint32_t off;

	if (len > SJAIL_MAX_STRING)
		return _parse_fail(p, -EINVAL, loc,
				   "string of %zu bytes is longer than the limit of %d bytes", len,
				   SJAIL_MAX_STRING);
	if (_arena_add(p, (const char *)s, len, &off) < 0)
		return _oom(p);
	node = _append(p, JSON_STRING, loc);
	if (!node)
		return _oom(p);
	node->text = off;
	node->len = (uint32_t)len;
	_token_done(p, event);
	return 1;
}

static int _on_string(void *ctx, const unsigned char *s, size_t len)
{
	return _string(ctx, s, len, _EV_VALUE);
}

static int _on_map_key(void *ctx, const unsigned char *s, size_t len)
{
	return _string(ctx, s, len, _EV_KEY);
}

static int _on_open(void *ctx, enum json_type type)
{
	struct _parser *p = ctx;
	struct sjail_loc loc = _loc_at(p, _next_token(p));
	struct json_node *node;

	if (p->depth == SJAIL_MAX_DEPTH)
		return _parse_fail(p, -EINVAL, loc, "nested too deeply: at most %d levels",
				   SJAIL_MAX_DEPTH);
	node = _append(p, type, loc);
	if (!node)
		return _oom(p);
	p->stack[p->depth++] = node;
	_token_done(p, _EV_OPEN);
	return 1;
}

static int _on_close(void *ctx)
{
	struct _parser *p = ctx;

	p->depth--;
	_token_done(p, _EV_VALUE);
	return 1;
}

static int _on_start_map(void *ctx)
{
	return _on_open(ctx, JSON_OBJECT);
}

static int _on_start_array(void *ctx)
{
	return _on_open(ctx, JSON_ARRAY);
}

static const yajl_callbacks _callbacks = {
    .yajl_null = _on_null,
    .yajl_boolean = _on_boolean,
    .yajl_number = _on_number, /* raw text: we parse numbers ourselves */
    .yajl_string = _on_string,
    .yajl_start_map = _on_start_map,
    .yajl_map_key = _on_map_key,
    .yajl_end_map = _on_close,
    .yajl_start_array = _on_start_array,
    .yajl_end_array = _on_close,
};

/*
 * Where a string that yajl's lexer refused goes wrong, from its opening
 * quote at off: a bad escape, a control byte, or a broken UTF-8 sequence
 * (checked the way yajl checks it). Returns off when nothing is found.
 */
static size_t _string_error_at(const struct _parser *p, size_t off)
{
	const unsigned char *t = p->text;

	for (size_t i = off + 1; i < p->len;) {
		size_t k;

		if (t[i] == '"')
			break;
		if (t[i] < 0x20)
			return i;
		if (t[i] == '\\') {
			if (i + 1 >= p->len)
				break;
			if (t[i + 1] == 'u') {
				for (k = 2; k < 6; k++) {
					if (i + k >= p->len)
						return off;
					if (!strchr("0123456789abcdefABCDEF", t[i + k]) ||
					    !t[i + k])
						return i + k;
				}
				i += 6;
			} else if (t[i + 1] && strchr("\"\\/bfnrt", t[i + 1])) {
				i += 2;
			} else {
				return i;
			}
			continue;
		}
		if (t[i] < 0x80) {
			i++;
			continue;
		}
		k = _utf8_len(t[i]);
		if (k == 1)
			return i;
		for (size_t j = 1; j < k; j++) {
			if (i + j >= p->len || (t[i + j] >> 6) != 0x2)
				return i;
		}
		i += k;
	}
	return off;
}

/* Turns yajl's error into ours: "invalid JSON: <yajl's words>" at the bad token. */
static int _syntax_error(struct _parser *p)
{
	unsigned char *yerr = yajl_get_error(p->yajl, /* verbose= */ 0, NULL, 0);
	const char *words;
	struct sjail_loc loc;
	bool lexical;
	size_t n;

	if (!yerr) {
		error_set(p->err, p->file, (struct sjail_loc){0}, "", "out of memory");
		return -ENOMEM;
	}
	/* "lexical error: invalid char in json text.\n" */
	words = (const char *)yerr;
	lexical = strncmp(words, "lexical error: ", 15) == 0;
	if (lexical)
		words += 15;
	else if (strncmp(words, "parse error: ", 13) == 0)
		words += 13;
	n = strlen(words);
	while (n && (words[n - 1] == '\n' || words[n - 1] == '.'))
		n--;

	if (strstr(words, "premature EOF")) {
		/* Just past the last thing in the file. */
		size_t end = p->len;

		while (end && _is_space(p->text[end - 1]))
			end--;
		loc = _loc_at(p, end);
	} else {
		size_t off = _next_token(p);

		if (lexical && off < p->len && p->text[off] == '"')
			off = _string_error_at(p, off);
		loc = _loc_at(p, off);
	}
	error_set(p->err, p->file, loc, "", "invalid JSON: %.*s", (int)n, words);
	yajl_free_error(p->yajl, yerr);
	return -EINVAL;
}

/* Parses text into p->root. */
static int _parse_json(struct _parser *p)
{
	yajl_status status;
	size_t off;

	p->yajl = yajl_alloc(&_callbacks, NULL, p);
	if (!p->yajl) {
		error_set(p->err, p->file, (struct sjail_loc){0}, "", "out of memory");
		return -ENOMEM;
	}
	yajl_config(p->yajl, yajl_allow_comments, 0);
	yajl_config(p->yajl, yajl_dont_validate_strings, 0);

	status = yajl_parse(p->yajl, p->text, p->len);
	if (status == yajl_status_ok) {
		p->finishing = true;
		status = yajl_complete_parse(p->yajl);
	}
	if (status == yajl_status_client_canceled)
		return p->rc < 0 ? p->rc : -EINVAL;
	if (status != yajl_status_ok)
		return _syntax_error(p);

	/* yajl 2.1 takes an unterminated string after the value as the end. */
	off = _skip_space(p, p->root_end);
	if (off < p->len) {
		error_set(p->err, p->file, _loc_at(p, off), "", "invalid JSON: trailing garbage");
		return -EINVAL;
	}
	return 0;
}

/* ---- walking the DOM -------------------------------------------------- */

int json_fail(const struct json_walker *w, struct sjail_loc loc, const char *path, const char *fmt,
	      ...)
{
	char msg[JSON_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	error_set(w->err, w->file, loc, path, "%s", msg);
	return -EINVAL;
}

int json_oom(const struct json_walker *w)
{
	error_set(w->err, w->file, (struct sjail_loc){0}, "", "out of memory");
	return -ENOMEM;
}

const char *json_text(const struct json_walker *w, const struct json_node *node)
{
	return w->arena + node->text;
}

bool json_is(const struct json_walker *w, const struct json_node *node, const char *s)
{
	return node->type == JSON_STRING && node->len == strlen(s) &&
	       memcmp(json_text(w, node), s, node->len) == 0;
}

bool json_same_string(const struct json_walker *w, const struct json_node *a,
		      const struct json_node *b)
{
	return a->len == b->len && memcmp(json_text(w, a), json_text(w, b), a->len) == 0;
}

/* A string node quoted for a message: 'name'. */
const char *json_quote(const struct json_walker *w, const struct json_node *node, char *buf,
		       size_t size)
{
	char inner[JSON_QUOTE_MAX];

	json_escape(inner, sizeof(inner), json_text(w, node), node->len);
	snprintf(buf, size, "'%s'", inner);
	return buf;
}

/* What a value is, for "got ...": 'text', 42, an array, true. */
const char *json_describe(const struct json_walker *w, const struct json_node *node, char *buf,
			  size_t size)
{
	switch ((enum json_type)node->type) {
	case JSON_NULL:
		return "null";
	case JSON_FALSE:
		return "false";
	case JSON_TRUE:
		return "true";
	case JSON_NUMBER:
		snprintf(buf, size, "%s", json_text(w, node));
		return buf;
	case JSON_STRING:
		if (node->len == 0)
			return "an empty string";
		return json_quote(w, node, buf, size);
	case JSON_OBJECT:
		return node->n ? "an object" : "an empty object";
	case JSON_ARRAY:
		return node->n ? "an array" : "an empty array";
	}
	return "a value";
}

/* path + ".key" (the key as written) into buf. */
void json_sub_key(const struct json_walker *w, char *buf, size_t size, const char *path,
		  const struct json_node *key)
{
	snprintf(buf, size, "%s", path);
	json_path_add_key(buf, size, json_text(w, key), key->len);
}

void json_sub_index(char *buf, size_t size, const char *path, size_t i)
{
	snprintf(buf, size, "%s", path);
	json_path_add_index(buf, size, i);
}

/*
 * Checks the key of member i of obj against keys: unknown, duplicate and
 * alias conflicts are errors. seen[slot] records the member that filled a
 * slot. On success *ret_slot is the key's slot and sub the member's path.
 */
int json_member(const struct json_walker *w, const struct json_node *obj, size_t i,
		const char *path, const struct json_key *keys, size_t nkeys, const char *expected,
		size_t *seen, unsigned *ret_slot, char *sub, size_t subsize)
{
	const struct json_node *key = &obj->kids[2 * i];
	char q1[JSON_QUOTE_MAX + 2], q2[JSON_QUOTE_MAX + 2];
	const struct json_node *prev;
	size_t k;

	json_sub_key(w, sub, subsize, path, key);
	for (k = 0; k < nkeys; k++) {
		if (json_is(w, key, keys[k].name))
			break;
	}
	if (k == nkeys)
		return json_fail(w, key->loc, sub, "unknown key %s (expected %s)",
				 json_quote(w, key, q1, sizeof(q1)), expected);
	if (seen[keys[k].slot] != JSON_NONE) {
		prev = &obj->kids[2 * seen[keys[k].slot]];
		if (json_same_string(w, prev, key))
			return json_fail(w, key->loc, sub, "duplicate key %s",
					 json_quote(w, key, q1, sizeof(q1)));
		return json_fail(
		    w, key->loc, sub, "%s and %s both given: they are one key, keep one",
		    json_quote(w, prev, q1, sizeof(q1)), json_quote(w, key, q2, sizeof(q2)));
	}
	seen[keys[k].slot] = i;
	*ret_slot = keys[k].slot;
	return 0;
}

/* The first of slots 0..nslots-1 that is required and was not seen is an error. */
int json_missing(const struct json_walker *w, const struct json_node *obj, const char *path,
		 const struct json_key *keys, size_t nkeys, const size_t *seen, unsigned nrequired)
{
	for (unsigned slot = 0; slot < nrequired; slot++) {
		const char *name = NULL, *alias = NULL;

		if (seen[slot] != JSON_NONE)
			continue;
		for (size_t k = 0; k < nkeys; k++) {
			if (keys[k].slot != slot)
				continue;
			if (!name)
				name = keys[k].name;
			else
				alias = keys[k].name;
		}
		if (alias)
			return json_fail(w, obj->loc, path, "missing key '%s' (or '%s')", name,
					 alias);
		return json_fail(w, obj->loc, path, "missing key '%s'", name);
	}
	return 0;
}

/*
 * An integer from 0 to max. label names it in range errors ("errno 4096 is
 * out of range (0 to 4095)"); without one the message is "expected an
 * integer from 0 to max, got X".
 */
int json_walk_uint(const struct json_walker *w, const struct json_node *node, const char *path,
		   uint64_t max, const char *label, uint64_t *ret)
{
	char got[JSON_QUOTE_MAX + 2];

	if (node->type != JSON_NUMBER)
		return json_fail(w, node->loc, path,
				 "expected an integer from 0 to %" PRIu64 ", got %s", max,
				 json_describe(w, node, got, sizeof(got)));
	switch ((enum json_num)node->num) {
	case JSON_NUM_OK:
		if (node->u <= max) {
			*ret = node->u;
			return 0;
		}
		break;
	case JSON_NUM_EXPONENT:
		return json_fail(w, node->loc, path,
				 "expected an integer from 0 to %" PRIu64
				 ", got %s (write it without an exponent)",
				 max, json_text(w, node));
	case JSON_NUM_FRACTION:
		return json_fail(w, node->loc, path,
				 "expected an integer from 0 to %" PRIu64 ", got %s", max,
				 json_text(w, node));
	case JSON_NUM_NEGATIVE:
	case JSON_NUM_TOO_LARGE:
		break;
	}
	if (label)
		return json_fail(w, node->loc, path, "%s %s is out of range (0 to %" PRIu64 ")",
				 label, json_text(w, node), max);
	return json_fail(w, node->loc, path, "expected an integer from 0 to %" PRIu64 ", got %s",
			 max, json_text(w, node));
}

/* ---- the front of the parser ------------------------------------------ */

bool json_blank(const char *text, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!_is_space((unsigned char)text[i]))
			return false;
	return true;
}

int json_parse(const char *file, const char *text, size_t len, struct json_doc *ret_doc,
	       struct sjail_error *err)
{
	struct _parser p = {
	    .file = file,
	    .text = (const unsigned char *)text,
	    .len = len,
	    .err = err,
	    .cur_line = 1,
	};
	int r;

	r = _parse_json(&p);
	if (p.yajl)
		yajl_free(p.yajl);
	if (r < 0) {
		if (p.have_root)
			_node_free(&p.root);
		free(p.arena);
		return r;
	}
	*ret_doc = (struct json_doc){.root = p.root, .arena = p.arena, .have_root = p.have_root};
	return 0;
}

void json_free(struct json_doc *doc)
{
	if (doc->have_root)
		_node_free(&doc->root);
	free(doc->arena);
	*doc = (struct json_doc){0};
}
