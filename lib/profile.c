/* SPDX-License-Identifier: Apache-2.0 */
/*
 * profile.c - profile text -> struct sjail_profile. The only file that
 * includes yajl.
 *
 * The format is rust-vmm seccompiler's JSON: an object mapping filter names
 * to filters, each with a mismatch action, a match action and a list of
 * rules (a syscall name and an optional AND of argument conditions).
 *
 * Two passes. yajl's callback parser builds a small DOM in which every value
 * and every key carries the line and column of its first byte (yajl's tree
 * API has no positions); then a walk over the DOM checks it against the
 * format and builds the IR. Keeping the checks in the walk puts each rule of
 * the format in one place and reports the first mistake in document order.
 * Only nesting depth and string length are checked while parsing; the
 * counts (filters, rules, conditions) are checked in the walk, in order.
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
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <yajl/yajl_parse.h>

#include "ir.h"

#define _PATH_MAX sizeof(((struct sjail_error *)0)->path)
#define _MSG_MAX sizeof(((struct sjail_error *)0)->msg)
#define _QUOTE_MAX 68	/* bytes of a user string quoted in a message */
#define _NUM_EXCERPT 40 /* bytes of a number's text kept for messages */

/* ---- the positioned DOM ----------------------------------------------- */

enum _type { _T_NULL, _T_FALSE, _T_TRUE, _T_NUMBER, _T_STRING, _T_OBJECT, _T_ARRAY };

/* How a number is written: the format takes plain non-negative integers. */
enum _num { _NUM_OK, _NUM_NEGATIVE, _NUM_FRACTION, _NUM_EXPONENT, _NUM_TOO_LARGE };

struct _node {
	uint8_t type;	      /* enum _type */
	uint8_t num;	      /* numbers: enum _num */
	struct sjail_loc loc; /* of the first byte */
	uint32_t text;	      /* strings, numbers: offset of the text in the arena */
	uint32_t len;	      /* strings: bytes (NUL may be among them) */
	uint32_t n, cap;      /* arrays: elements; objects: 2 per member, key then value */
	union {
		struct _node *kids; /* arrays, objects */
		uint64_t u;	    /* numbers written as _NUM_OK */
	};
};

static void _node_free(struct _node *node)
{
	if (node->type != _T_OBJECT && node->type != _T_ARRAY)
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
static void _esc(char *dst, size_t size, const char *src, size_t len)
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
static void _path_add_key(char *buf, size_t size, const char *key, size_t len)
{
	size_t used = strlen(buf);

	if (used && used + 1 < size)
		buf[used++] = '.';
	if (used + 4 <= size)
		_esc(buf + used, size - used, key, len);
}

static void _path_add_index(char *buf, size_t size, size_t i)
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
	struct _node root;
	struct _node *stack[SJAIL_MAX_DEPTH]; /* the open arrays and objects */
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
		const struct _node *c = p->stack[i];
		bool top = i + 1 == p->depth;

		if (c->type == _T_ARRAY) {
			_path_add_index(buf, size, top ? c->n : c->n - 1);
		} else if (!top || c->n % 2 == 1) {
			const struct _node *key = &c->kids[top ? c->n - 1 : c->n - 2];

			_path_add_key(buf, size, p->arena + key->text, key->len);
		}
	}
}

static int _parse_fail(struct _parser *p, int rc, struct sjail_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Records why the parse stops; returns 0 for the callback to return. */
static int _parse_fail(struct _parser *p, int rc, struct sjail_loc loc, const char *fmt, ...)
{
	char path[_PATH_MAX], msg[_MSG_MAX];
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
static struct _node *_append(struct _parser *p, enum _type type, struct sjail_loc loc)
{
	struct _node *node;

	if (p->depth == 0) {
		node = &p->root;
		p->have_root = true;
	} else {
		struct _node *c = p->stack[p->depth - 1];

		/*
		 * Growing c->kids cannot move an open node: while one of c's
		 * children is open, nothing is added to c.
		 */
		if (c->n == c->cap) {
			uint32_t cap = c->cap ? c->cap * 2 : 4;
			struct _node *kids = realloc(c->kids, cap * sizeof(*kids));

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

static int _on_scalar(void *ctx, enum _type type)
{
	struct _parser *p = ctx;

	if (!_append(p, type, _loc_at(p, _next_token(p))))
		return _oom(p);
	_token_done(p, _EV_VALUE);
	return 1;
}

static int _on_null(void *ctx)
{
	return _on_scalar(ctx, _T_NULL);
}

static int _on_boolean(void *ctx, int value)
{
	return _on_scalar(ctx, value ? _T_TRUE : _T_FALSE);
}

/* Sorts out how the number s is written, and its value when that is plain. */
static enum _num _number_parse(const char *s, size_t len, uint64_t *ret)
{
	uint64_t v = 0;

	if (memchr(s, 'e', len) || memchr(s, 'E', len))
		return _NUM_EXPONENT;
	if (memchr(s, '.', len))
		return _NUM_FRACTION;
	if (len && s[0] == '-')
		return _NUM_NEGATIVE;
	for (size_t i = 0; i < len; i++) {
		unsigned d = (unsigned)(s[i] - '0');

		if (v > (UINT64_MAX - d) / 10)
			return _NUM_TOO_LARGE;
		v = v * 10 + d;
	}
	*ret = v;
	return _NUM_OK;
}

static int _on_number(void *ctx, const char *s, size_t len)
{
	struct _parser *p = ctx;
	char excerpt[_NUM_EXCERPT + 4];
	struct _node *node;
	uint64_t v = 0;
	enum _num num;
	uint32_t off;

	/* Numbers have no length cap of their own: keep the start for messages. */
	num = _number_parse(s, len, &v);
	_esc(excerpt, sizeof(excerpt), s, len);
	if (_arena_add(p, excerpt, strlen(excerpt), &off) < 0)
		return _oom(p);
	node = _append(p, _T_NUMBER, _loc_at(p, _next_token(p)));
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
	struct _node *node;
	uint32_t off;

	if (len > SJAIL_MAX_STRING)
		return _parse_fail(p, -EINVAL, loc,
				   "string of %zu bytes is longer than the limit of %d bytes", len,
				   SJAIL_MAX_STRING);
	if (_arena_add(p, (const char *)s, len, &off) < 0)
		return _oom(p);
	node = _append(p, _T_STRING, loc);
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

static int _on_open(void *ctx, enum _type type)
{
	struct _parser *p = ctx;
	struct sjail_loc loc = _loc_at(p, _next_token(p));
	struct _node *node;

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
	return _on_open(ctx, _T_OBJECT);
}

static int _on_start_array(void *ctx)
{
	return _on_open(ctx, _T_ARRAY);
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

/* ---- the walk: DOM -> IR ---------------------------------------------- */

struct _walker {
	const char *file;
	const char *arena;
	struct sjail_error *err;
};

static int _fail(const struct _walker *w, struct sjail_loc loc, const char *path, const char *fmt,
		 ...) __attribute__((format(printf, 4, 5)));

static int _fail(const struct _walker *w, struct sjail_loc loc, const char *path, const char *fmt,
		 ...)
{
	char msg[_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	error_set(w->err, w->file, loc, path, "%s", msg);
	return -EINVAL;
}

static const char *_text(const struct _walker *w, const struct _node *node)
{
	return w->arena + node->text;
}

static bool _is(const struct _walker *w, const struct _node *node, const char *s)
{
	return node->type == _T_STRING && node->len == strlen(s) &&
	       memcmp(_text(w, node), s, node->len) == 0;
}

static bool _same_string(const struct _walker *w, const struct _node *a, const struct _node *b)
{
	return a->len == b->len && memcmp(_text(w, a), _text(w, b), a->len) == 0;
}

/* A string node quoted for a message: 'name'. */
static const char *_quote(const struct _walker *w, const struct _node *node, char *buf, size_t size)
{
	char inner[_QUOTE_MAX];

	_esc(inner, sizeof(inner), _text(w, node), node->len);
	snprintf(buf, size, "'%s'", inner);
	return buf;
}

/* What a value is, for "got ...": 'text', 42, an array, true. */
static const char *_describe(const struct _walker *w, const struct _node *node, char *buf,
			     size_t size)
{
	switch ((enum _type)node->type) {
	case _T_NULL:
		return "null";
	case _T_FALSE:
		return "false";
	case _T_TRUE:
		return "true";
	case _T_NUMBER:
		snprintf(buf, size, "%s", _text(w, node));
		return buf;
	case _T_STRING:
		if (node->len == 0)
			return "an empty string";
		return _quote(w, node, buf, size);
	case _T_OBJECT:
		return node->n ? "an object" : "an empty object";
	case _T_ARRAY:
		return node->n ? "an array" : "an empty array";
	}
	return "a value";
}

/* path + ".key" (the key as written) into buf. */
static void _sub_key(const struct _walker *w, char *buf, size_t size, const char *path,
		     const struct _node *key)
{
	snprintf(buf, size, "%s", path);
	_path_add_key(buf, size, _text(w, key), key->len);
}

static void _sub_index(char *buf, size_t size, const char *path, size_t i)
{
	snprintf(buf, size, "%s", path);
	_path_add_index(buf, size, i);
}

/* The keys an object may have; aliases share a slot. */
struct _key {
	const char *name;
	unsigned slot;
};

#define _NONE SIZE_MAX

/*
 * Checks the key of member i of obj against keys: unknown, duplicate and
 * alias conflicts are errors. seen[slot] records the member that filled a
 * slot. On success *ret_slot is the key's slot and sub the member's path.
 */
static int _member(const struct _walker *w, const struct _node *obj, size_t i, const char *path,
		   const struct _key *keys, size_t nkeys, const char *expected, size_t *seen,
		   unsigned *ret_slot, char *sub, size_t subsize)
{
	const struct _node *key = &obj->kids[2 * i];
	char q1[_QUOTE_MAX + 2], q2[_QUOTE_MAX + 2];
	const struct _node *prev;
	size_t k;

	_sub_key(w, sub, subsize, path, key);
	for (k = 0; k < nkeys; k++) {
		if (_is(w, key, keys[k].name))
			break;
	}
	if (k == nkeys)
		return _fail(w, key->loc, sub, "unknown key %s (expected %s)",
			     _quote(w, key, q1, sizeof(q1)), expected);
	if (seen[keys[k].slot] != _NONE) {
		prev = &obj->kids[2 * seen[keys[k].slot]];
		if (_same_string(w, prev, key))
			return _fail(w, key->loc, sub, "duplicate key %s",
				     _quote(w, key, q1, sizeof(q1)));
		return _fail(w, key->loc, sub, "%s and %s both given: they are one key, keep one",
			     _quote(w, prev, q1, sizeof(q1)), _quote(w, key, q2, sizeof(q2)));
	}
	seen[keys[k].slot] = i;
	*ret_slot = keys[k].slot;
	return 0;
}

/* The first of slots 0..nslots-1 that is required and was not seen is an error. */
static int _missing(const struct _walker *w, const struct _node *obj, const char *path,
		    const struct _key *keys, size_t nkeys, const size_t *seen, unsigned nrequired)
{
	for (unsigned slot = 0; slot < nrequired; slot++) {
		const char *name = NULL, *alias = NULL;

		if (seen[slot] != _NONE)
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
			return _fail(w, obj->loc, path, "missing key '%s' (or '%s')", name, alias);
		return _fail(w, obj->loc, path, "missing key '%s'", name);
	}
	return 0;
}

/*
 * An integer from 0 to max. label names it in range errors ("errno 4096 is
 * out of range (0 to 4095)"); without one the message is "expected an
 * integer from 0 to max, got X".
 */
static int _walk_uint(const struct _walker *w, const struct _node *node, const char *path,
		      uint64_t max, const char *label, uint64_t *ret)
{
	char got[_QUOTE_MAX + 2];

	if (node->type != _T_NUMBER)
		return _fail(w, node->loc, path,
			     "expected an integer from 0 to %" PRIu64 ", got %s", max,
			     _describe(w, node, got, sizeof(got)));
	switch ((enum _num)node->num) {
	case _NUM_OK:
		if (node->u <= max) {
			*ret = node->u;
			return 0;
		}
		break;
	case _NUM_EXPONENT:
		return _fail(w, node->loc, path,
			     "expected an integer from 0 to %" PRIu64
			     ", got %s (write it without an exponent)",
			     max, _text(w, node));
	case _NUM_FRACTION:
		return _fail(w, node->loc, path,
			     "expected an integer from 0 to %" PRIu64 ", got %s", max,
			     _text(w, node));
	case _NUM_NEGATIVE:
	case _NUM_TOO_LARGE:
		break;
	}
	if (label)
		return _fail(w, node->loc, path, "%s %s is out of range (0 to %" PRIu64 ")", label,
			     _text(w, node), max);
	return _fail(w, node->loc, path, "expected an integer from 0 to %" PRIu64 ", got %s", max,
		     _text(w, node));
}

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

static const struct _key _action_keys[] = {{"errno", 0}, {"trace", 1}};

static int _walk_action(const struct _walker *w, const struct _node *node, const char *path,
			uint32_t *ret)
{
	char got[_QUOTE_MAX + 2], sub[_PATH_MAX];
	size_t seen[2] = {_NONE, _NONE};
	uint32_t action = 0;
	unsigned slot;
	uint64_t v;
	int r;

	if (node->type == _T_STRING) {
		for (size_t i = 0; i < ELEMENTSOF(_actions); i++) {
			if (_is(w, node, _actions[i].name)) {
				*ret = _actions[i].action;
				return 0;
			}
		}
	}
	if (node->type != _T_OBJECT || node->n == 0)
		return _fail(w, node->loc, path, _EXPECTED_ACTION ", got %s",
			     _describe(w, node, got, sizeof(got)));

	for (size_t i = 0; i < node->n / 2; i++) {
		r = _member(w, node, i, path, _action_keys, ELEMENTSOF(_action_keys),
			    "'errno' or 'trace'", seen, &slot, sub, sizeof(sub));
		if (r < 0)
			return r;
		if (i > 0)
			return _fail(w, node->kids[2 * i].loc, sub,
				     "an action has one key, 'errno' or 'trace', not both");
		if (slot == 0) {
			r = _walk_uint(w, &node->kids[2 * i + 1], sub, 4095, "errno", &v);
			action = SECCOMP_RET_ERRNO | (uint32_t)v;
		} else {
			r = _walk_uint(w, &node->kids[2 * i + 1], sub, 65535, "trace", &v);
			action = SECCOMP_RET_TRACE | (uint32_t)v;
		}
		if (r < 0)
			return r;
	}
	*ret = action;
	return 0;
}

static const struct _key _cond_keys[] = {
    {"index", 0}, {"type", 1}, {"op", 2}, {"val", 3}, {"comment", 4},
};

static const struct _key _op_keys[] = {{"masked_eq", 0}};

static const struct {
	const char *name;
	enum sjail_op op;
} _ops[] = {
    {"eq", SJAIL_OP_EQ}, {"ne", SJAIL_OP_NE}, {"lt", SJAIL_OP_LT},
    {"le", SJAIL_OP_LE}, {"gt", SJAIL_OP_GT}, {"ge", SJAIL_OP_GE},
};

#define _EXPECTED_OP "expected an op: 'eq', 'ne', 'lt', 'le', 'gt', 'ge' or {\"masked_eq\": MASK}"

/* op: a name, or {"masked_eq": MASK}; *ret_mask is the mask's node. */
static int _walk_op(const struct _walker *w, const struct _node *node, const char *path,
		    struct sjail_cond *cond, const struct _node **ret_mask)
{
	char got[_QUOTE_MAX + 2], sub[_PATH_MAX];
	size_t seen[1] = {_NONE};
	unsigned slot;
	int r;

	if (node->type == _T_STRING) {
		for (size_t i = 0; i < ELEMENTSOF(_ops); i++) {
			if (_is(w, node, _ops[i].name)) {
				cond->op = _ops[i].op;
				return 0;
			}
		}
	}
	if (node->type != _T_OBJECT || node->n == 0)
		return _fail(w, node->loc, path, _EXPECTED_OP ", got %s",
			     _describe(w, node, got, sizeof(got)));

	/* One key: a second is unknown or a duplicate. */
	for (size_t i = 0; i < node->n / 2; i++) {
		r = _member(w, node, i, path, _op_keys, ELEMENTSOF(_op_keys), "'masked_eq'", seen,
			    &slot, sub, sizeof(sub));
		if (r < 0)
			return r;
		r = _walk_uint(w, &node->kids[2 * i + 1], sub, UINT64_MAX, NULL, &cond->mask);
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

static int _walk_cond(const struct _walker *w, const struct _node *node, const char *path,
		      struct sjail_cond *cond)
{
	char got[_QUOTE_MAX + 2], sub[_PATH_MAX];
	size_t seen[5] = {_NONE, _NONE, _NONE, _NONE, _NONE};
	const struct _node *val = NULL, *mask = NULL;
	unsigned slot;
	uint64_t v;
	int r;

	if (node->type != _T_OBJECT)
		return _fail(w, node->loc, path, "expected a condition object, got %s",
			     _describe(w, node, got, sizeof(got)));
	cond->loc = node->loc;

	for (size_t i = 0; i < node->n / 2; i++) {
		const struct _node *value = &node->kids[2 * i + 1];

		r = _member(w, node, i, path, _cond_keys, ELEMENTSOF(_cond_keys),
			    "'index', 'type', 'op', 'val' or 'comment'", seen, &slot, sub,
			    sizeof(sub));
		if (r < 0)
			return r;
		switch (slot) {
		case 0:
			r = _walk_uint(w, value, sub, 5, NULL, &v);
			cond->index = (uint8_t)v;
			break;
		case 1:
			if (_is(w, value, "dword"))
				cond->width = 32;
			else if (_is(w, value, "qword"))
				cond->width = 64;
			else
				r = _fail(w, value->loc, sub, "expected 'dword' or 'qword', got %s",
					  _describe(w, value, got, sizeof(got)));
			break;
		case 2:
			r = _walk_op(w, value, sub, cond, &mask);
			break;
		case 3:
			r = _walk_uint(w, value, sub, UINT64_MAX, NULL, &cond->val);
			val = value;
			break;
		default:
			if (value->type != _T_STRING)
				r = _fail(w, value->loc, sub, "expected a string, got %s",
					  _describe(w, value, got, sizeof(got)));
			break;
		}
		if (r < 0)
			return r;
	}
	r = _missing(w, node, path, _cond_keys, ELEMENTSOF(_cond_keys), seen, 4);
	if (r < 0)
		return r;

	if (cond->width != 32)
		return 0;
	/* Of a val and a mask that do not fit, report the first in the file. */
	if (mask && cond->mask > UINT32_MAX &&
	    (cond->val <= UINT32_MAX || _loc_before(mask->loc, val->loc))) {
		_sub_key(w, sub, sizeof(sub), path, &node->kids[2 * seen[2]]);
		_path_add_key(sub, sizeof(sub), "masked_eq", strlen("masked_eq"));
		return _fail(w, mask->loc, sub,
			     "dword mask %" PRIu64 " does not fit in 32 bits (at most %" PRIu32
			     "); use \"type\": \"qword\"",
			     cond->mask, UINT32_MAX);
	}
	if (cond->val > UINT32_MAX) {
		_sub_key(w, sub, sizeof(sub), path, &node->kids[2 * seen[3]]);
		return _fail(w, val->loc, sub,
			     "dword value %" PRIu64 " does not fit in 32 bits (at most %" PRIu32
			     "); use \"type\": \"qword\"",
			     cond->val, UINT32_MAX);
	}
	return 0;
}

static int _walk_conds(const struct _walker *w, const struct _node *node, const char *path,
		       struct sjail_rule *rule)
{
	char got[_QUOTE_MAX + 2], sub[_PATH_MAX];
	size_t n = node->n;
	int r;

	if (node->type != _T_ARRAY)
		return _fail(w, node->loc, path, "expected an array of conditions, got %s",
			     _describe(w, node, got, sizeof(got)));
	if (n == 0)
		return _fail(w, node->loc, path,
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
			return _fail(w, node->kids[i].loc, path,
				     "too many conditions: a rule may have at most %d",
				     SJAIL_MAX_CONDS);
		_sub_index(sub, sizeof(sub), path, i);
		r = _walk_cond(w, &node->kids[i], sub, &rule->conds[i]);
		if (r < 0)
			return r;
	}
	return 0;
}

static const struct _key _rule_keys[] = {{"syscall", 0}, {"args", 1}, {"comment", 2}};

static int _walk_rule(const struct _walker *w, const struct _node *node, const char *path,
		      struct sjail_rule *rule)
{
	char got[_QUOTE_MAX + 2], sub[_PATH_MAX];
	size_t seen[3] = {_NONE, _NONE, _NONE};
	unsigned slot;
	int r;

	if (node->type != _T_OBJECT)
		return _fail(w, node->loc, path, "expected a rule object, got %s",
			     _describe(w, node, got, sizeof(got)));
	rule->loc = node->loc;

	for (size_t i = 0; i < node->n / 2; i++) {
		const struct _node *value = &node->kids[2 * i + 1];

		r = _member(w, node, i, path, _rule_keys, ELEMENTSOF(_rule_keys),
			    "'syscall', 'args' or 'comment'", seen, &slot, sub, sizeof(sub));
		if (r < 0)
			return r;
		if (slot == 1) {
			r = _walk_conds(w, value, sub, rule);
			if (r < 0)
				return r;
			continue;
		}
		if (value->type != _T_STRING || (slot == 0 && value->len == 0))
			return _fail(w, value->loc, sub, "expected %s, got %s",
				     slot == 0 ? "a syscall name" : "a string",
				     _describe(w, value, got, sizeof(got)));
		if (slot == 0 && memchr(_text(w, value), '\0', value->len))
			return _fail(w, value->loc, sub, "syscall name %s contains a NUL byte",
				     _quote(w, value, got, sizeof(got)));
		/* A comment is text for people: one with a NUL byte ends there. */
		if (slot == 0) {
			rule->syscall = strdup(_text(w, value));
			rule->syscall_loc = value->loc;
		} else {
			rule->comment = strdup(_text(w, value));
		}
		if (!(slot == 0 ? rule->syscall : rule->comment)) {
			error_set(w->err, w->file, (struct sjail_loc){0}, "", "out of memory");
			return -ENOMEM;
		}
	}
	return _missing(w, node, path, _rule_keys, ELEMENTSOF(_rule_keys), seen, 1);
}

static int _walk_rules(const struct _walker *w, const struct _node *node, const char *path,
		       struct sjail_filter *filter)
{
	char got[_QUOTE_MAX + 2], sub[_PATH_MAX];
	size_t n = node->n;
	int r;

	if (node->type != _T_ARRAY)
		return _fail(w, node->loc, path, "expected an array of rules, got %s",
			     _describe(w, node, got, sizeof(got)));
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
			return _fail(w, node->kids[i].loc, path,
				     "too many rules: a filter may have at most %d",
				     SJAIL_MAX_RULES);
		_sub_index(sub, sizeof(sub), path, i);
		r = _walk_rule(w, &node->kids[i], sub, &filter->rules[i]);
		if (r < 0)
			return r;
	}
	return 0;
}

static const struct _key _filter_keys[] = {
    {"mismatch_action", 0}, {"match_action", 1},  {"filter", 2},
    {"default_action", 0},  {"filter_action", 1},
};

static int _walk_filter(const struct _walker *w, const struct _node *node, const char *path,
			struct sjail_filter *filter)
{
	char got[_QUOTE_MAX + 2], sub[_PATH_MAX], match_path[_PATH_MAX] = "";
	size_t seen[3] = {_NONE, _NONE, _NONE};
	const struct _node *match = NULL;
	unsigned slot;
	int r;

	if (node->type != _T_OBJECT)
		return _fail(w, node->loc, path,
			     "expected a filter object with 'mismatch_action', 'match_action' and "
			     "'filter', got %s",
			     _describe(w, node, got, sizeof(got)));

	for (size_t i = 0; i < node->n / 2; i++) {
		const struct _node *value = &node->kids[2 * i + 1];

		r = _member(w, node, i, path, _filter_keys, ELEMENTSOF(_filter_keys),
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
	r = _missing(w, node, path, _filter_keys, ELEMENTSOF(_filter_keys), seen, 3);
	if (r < 0)
		return r;
	if (filter->match_action == filter->mismatch_action)
		return _fail(w, match->loc, match_path,
			     "match_action is the same as mismatch_action: the filter would do "
			     "nothing");
	for (size_t i = 0; i < filter->nrules; i++)
		filter->rules[i].action = filter->match_action;
	return 0;
}

static int _walk_profile(const struct _walker *w, const struct _node *root,
			 struct sjail_profile *profile)
{
	char got[_QUOTE_MAX + 2], path[_PATH_MAX];
	size_t n;
	int r;

	if (root->type != _T_OBJECT || root->n == 0)
		return _fail(w, root->loc, "",
			     "expected an object mapping filter names to filters, got %s",
			     _describe(w, root, got, sizeof(got)));
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
		const struct _node *key = &root->kids[2 * i];
		struct sjail_filter *filter = &profile->filters[i];

		if (i == SJAIL_MAX_FILTERS)
			return _fail(w, key->loc, "",
				     "too many filters: a profile may have at most %d",
				     SJAIL_MAX_FILTERS);
		if (key->len == 0)
			return _fail(w, key->loc, "", "a filter name must not be empty");
		if (memchr(_text(w, key), '\0', key->len))
			return _fail(w, key->loc, "", "filter name %s contains a NUL byte",
				     _quote(w, key, got, sizeof(got)));
		_sub_key(w, path, sizeof(path), "", key);
		for (size_t j = 0; j < i; j++) {
			if (_same_string(w, &root->kids[2 * j], key))
				return _fail(w, key->loc, path, "duplicate filter name %s",
					     _quote(w, key, got, sizeof(got)));
		}
		filter->name = strdup(_text(w, key));
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
		}
		free(filter->rules);
		free(filter->name);
		for (size_t j = 0; j < filter->nabis; j++)
			free(filter->abis[j]);
		free(filter->abis);
	}
	free(profile->filters);
	free(profile->file);
	free(profile);
}

int sjail_profile_parse(const char *file, const char *text, size_t len,
			struct sjail_profile **ret_profile, struct sjail_error *err)
{
	struct _parser p = {
	    .file = file,
	    .text = (const unsigned char *)text,
	    .len = len,
	    .err = err,
	    .cur_line = 1,
	};
	struct sjail_profile *profile = NULL;
	struct _walker w;
	int r;

	if (len > SJAIL_MAX_FILE_SIZE) {
		error_set(err, file, (struct sjail_loc){0}, "",
			  "the profile is %zu bytes, more than the limit of %u bytes", len,
			  SJAIL_MAX_FILE_SIZE);
		return -EFBIG;
	}
	if (_skip_space(&p, 0) == len) {
		error_set(err, file, (struct sjail_loc){.line = 1, .col = 1}, "",
			  "the profile is empty: expected an object mapping filter names to "
			  "filters");
		return -EINVAL;
	}

	r = _parse_json(&p);
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
	w = (struct _walker){.file = file, .arena = p.arena, .err = err};
	r = _walk_profile(&w, &p.root, profile);
	if (r < 0)
		goto out;

	*ret_profile = profile;
	profile = NULL;
out:
	sjail_profile_free(profile);
	if (p.have_root)
		_node_free(&p.root);
	free(p.arena);
	if (p.yajl)
		yajl_free(p.yajl);
	return r;
}

int sjail_profile_load(const char *path, struct sjail_profile **ret_profile,
		       struct sjail_error *err)
{
	const struct sjail_loc none = {0};
	char *buf = NULL;
	size_t len = 0, cap;
	struct stat st;
	int fd, r;

	/*
	 * O_NONBLOCK so that opening a FIFO by mistake does not hang: anything
	 * but a regular file is refused below, before it is read.
	 */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		r = -errno;
		error_set(err, path, none, "", "cannot open: %s", strerror(-r));
		goto out;
	}
	if (fstat(fd, &st) < 0) {
		r = -errno;
		error_set(err, path, none, "", "cannot stat: %s", strerror(-r));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		r = -EINVAL;
		error_set(err, path, none, "", "not a regular file");
		goto out;
	}
	if (st.st_size > (off_t)SJAIL_MAX_FILE_SIZE) {
		r = -EFBIG;
		error_set(err, path, none, "",
			  "the file is %jd bytes, more than the limit of %u bytes",
			  (intmax_t)st.st_size, SJAIL_MAX_FILE_SIZE);
		goto out;
	}

	/* st_size is a hint (files in /proc say 0): read to the end, capped. */
	cap = (size_t)st.st_size + 1;
	if (cap < 4096)
		cap = 4096;
	buf = malloc(cap);
	if (!buf) {
		r = -ENOMEM;
		error_set(err, path, none, "", "out of memory");
		goto out;
	}
	for (;;) {
		ssize_t n;

		if (len == cap) {
			char *bigger;

			cap = cap * 2 > SJAIL_MAX_FILE_SIZE + 1 ? SJAIL_MAX_FILE_SIZE + 1 : cap * 2;
			bigger = realloc(buf, cap);
			if (!bigger) {
				r = -ENOMEM;
				error_set(err, path, none, "", "out of memory");
				goto out;
			}
			buf = bigger;
		}
		n = read(fd, buf + len, cap - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			r = -errno;
			error_set(err, path, none, "", "cannot read: %s", strerror(-r));
			goto out;
		}
		if (n == 0)
			break;
		len += (size_t)n;
		if (len > SJAIL_MAX_FILE_SIZE) {
			r = -EFBIG;
			error_set(err, path, none, "",
				  "the file is more than the limit of %u bytes",
				  SJAIL_MAX_FILE_SIZE);
			goto out;
		}
	}

	r = sjail_profile_parse(path, buf, len, ret_profile, err);
out:
	free(buf);
	if (fd >= 0)
		close(fd);
	return r;
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
		char name[_QUOTE_MAX];

		_esc(name, sizeof(name), profile->filters[i].name,
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
	char list[600], quoted[_QUOTE_MAX];

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
	_esc(quoted, sizeof(quoted), name, strlen(name));
	/* Close: at most two edits, and at most a third of the longer name. */
	if (close && best <= 2 &&
	    best * 3 <= (strlen(close) > strlen(name) ? strlen(close) : strlen(name))) {
		char suggestion[_QUOTE_MAX];

		_esc(suggestion, sizeof(suggestion), close, strlen(close));
		error_set(err, profile->file, none, "",
			  "no filter '%s' in the profile (did you mean '%s'?)", quoted, suggestion);
	} else {
		error_set(err, profile->file, none, "",
			  "no filter '%s' in the profile (it has: %s)", quoted, list);
	}
	return -ENOENT;
}
