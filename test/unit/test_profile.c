/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_profile.c - profile text -> IR (lib/profile.c): every error class with
 * its exact "file:line:col: path: message", caret positions, the IR of a good
 * profile, the real-world profiles in shared/, and the corpus of bad profiles
 * in test/fixtures/bad/ with the line `sjail check` prints for each.
 *
 * Columns count bytes, not characters: a tab is one column, "é" is two and
 * "✓" three (like gcc and jq). The caret tests below prove it.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "ir.h"

/* The filter head is line 1: a rule in RULE() starts at line 2, column 1. */
#define HEAD "{\"m\": {\"mismatch_action\": \"trap\", \"match_action\": \"allow\", \"filter\": [\n"
#define RULE(x) HEAD x "\n]}}"
/* A condition in COND() starts at line 3, column 1. */
#define COND(x) RULE("{\"syscall\": \"read\", \"args\": [\n" x "\n]}")
/*
 * In the condition CND(i, t, o, v) the index is at column 11, the type at 22,
 * the op at 37 and the val at 50 (with one-byte i and a five-byte t).
 */
#define CND(i, t, o, v) "{\"index\": " i ", \"type\": " t ", \"op\": " o ", \"val\": " v "}"
/* ACTIONS(): the mismatch action is at 2:20, the match action at 3:17. */
#define ACTIONS(mismatch, match)                                                                   \
	"{\"m\": {\n\"mismatch_action\": " mismatch ",\n\"match_action\": " match                  \
	",\n\"filter\": []}}"
#define VALID "{\"mismatch_action\": \"trap\", \"match_action\": \"allow\", \"filter\": []}"

#define ACTION_LIST                                                                                \
	"expected an action: 'allow', 'kill_thread', 'kill_process', 'trap', 'log', "              \
	"'user_notif', {\"errno\": N} or {\"trace\": N}"
#define OP_LIST "expected an op: 'eq', 'ne', 'lt', 'le', 'gt', 'ge' or {\"masked_eq\": MASK}"
#define U64 "expected an integer from 0 to 18446744073709551615"
#define DWORD_HINT "does not fit in 32 bits (at most 4294967295); use \"type\": \"qword\""

struct error_case {
	const char *name;
	const char *text;
	const char *want;
};

static const struct error_case error_cases[] = {
    /* ---- JSON syntax: yajl's words, our position ---- */
    {"truncated file",
     "{\"m\": {\"mismatch_action\": \"trap\",\n  \"match_action\": \"allow\",\n  \"filter\": [",
     "t.json:3:14: invalid JSON: premature EOF"},
    {"truncated file, blank lines at the end",
     "{\"m\": {\"mismatch_action\": \"trap\",\n  \"match_action\": \"allow\",\n  \"filter\": "
     "[\n\n  \n",
     "t.json:3:14: invalid JSON: premature EOF"},
    {"truncated inside a string", "{\"m\": {\"comment\": \"abc",
     "t.json:1:23: invalid JSON: premature EOF"},
    {"truncated number", "{\"m\": {\"filter\": 12", "t.json:1:20: invalid JSON: premature EOF"},
    {"trailing garbage", "{\"m\": " VALID "}\n}", "t.json:2:1: invalid JSON: trailing garbage"},
    {"trailing second object", "{\"m\": " VALID "} {}",
     "t.json:1:75: invalid JSON: trailing garbage"},
    {"trailing unterminated string", "{}\n  \"abc", "t.json:2:3: invalid JSON: trailing garbage"},
    {"missing comma", "{\"m\": {\"mismatch_action\": \"trap\"\n \"match_action\": \"allow\"}}",
     "t.json:2:2: invalid JSON: after key and value, inside map, I expect ',' or '}'"},
    {"missing comma in an array", "{\"m\": {\"filter\": [{} {}]}}",
     "t.json:1:22: invalid JSON: after array element, I expect ',' or ']'"},
    {"comma before ]", "{\"m\": {\"filter\": [{\"syscall\": \"read\"},]}}",
     "t.json:1:39: invalid JSON: unallowed token at this point in JSON text"},
    {"comma before }", "{\"m\": {},}",
     "t.json:1:10: invalid JSON: invalid object key (must be a string)"},
    {"two commas", "{\"m\": {\"filter\": [1,,2]}}",
     "t.json:1:21: invalid JSON: unallowed token at this point in JSON text"},
    {"missing colon", "{\"m\" {}}",
     "t.json:1:6: invalid JSON: object key and value must be separated by a colon (':')"},
    {"two colons", "{\"m\":: {}}",
     "t.json:1:6: invalid JSON: unallowed token at this point in JSON text"},
    {"key not a string", "{m: {}}", "t.json:1:2: invalid JSON: invalid char in json text"},
    {"single quotes", "{'m': {}}", "t.json:1:2: invalid JSON: invalid char in json text"},
    {"comment", "{\n  // no comments in JSON\n  \"m\": {}\n}",
     "t.json:2:3: invalid JSON: probable comment found in input text, comments are not "
     "enabled"},
    {"bad literal", "{\"m\": {\"filter\": tru}}",
     "t.json:1:18: invalid JSON: invalid string in json text"},
    {"bad escape", "{\"m\": {\"comment\": \"C:\\dir\"}}",
     "t.json:1:22: invalid JSON: inside a string, '\\' occurs before a character which it "
     "may not"},
    {"bad \\u escape", "{\"m\": {\"comment\": \"\\u12g4\"}}",
     "t.json:1:24: invalid JSON: invalid (non-hex) character occurs after '\\u' inside "
     "string"},
    {"control character in a string", "{\"m\t\": {}}",
     "t.json:1:4: invalid JSON: invalid character inside string"},
    {"invalid UTF-8", "{\"m\": {\"comment\": \"caf\xe9\"}}",
     "t.json:1:23: invalid JSON: invalid bytes in UTF8 string"},
    {"byte order mark", "\xef\xbb\xbf{}", "t.json:1:1: invalid JSON: invalid char in json text"},
    {"malformed number", "{\"m\": {\"filter\": 1.}}",
     "t.json:1:18: invalid JSON: malformed number, a digit is required after the decimal "
     "point"},
    {"minus alone", "{\"m\": {\"filter\": -}}",
     "t.json:1:18: invalid JSON: malformed number, a digit is required after the minus "
     "sign"},
    {"leading zero", "{\"m\": {\"filter\": 01}}",
     "t.json:1:19: invalid JSON: after key and value, inside map, I expect ',' or '}'"},

    /* ---- the top level ---- */
    {"empty file", "",
     "t.json:1:1: the profile is empty: expected an object mapping filter names "
     "to filters"},
    {"blank file", " \n\t\n",
     "t.json:1:1: the profile is empty: expected an object mapping "
     "filter names to filters"},
    {"top level array", "[]",
     "t.json:1:1: expected an object mapping filter names to filters, got an empty array"},
    {"top level string", "\"m\"",
     "t.json:1:1: expected an object mapping filter names to filters, got 'm'"},
    {"top level number", "\n  42\n",
     "t.json:2:3: expected an object mapping filter names to filters, got 42"},
    {"top level null", "null",
     "t.json:1:1: expected an object mapping filter names to filters, got null"},
    {"empty profile", "{ }",
     "t.json:1:1: expected an object mapping filter names to filters, got an empty object"},

    /* ---- filter names ---- */
    {"empty filter name", "{\"\": " VALID "}", "t.json:1:2: a filter name must not be empty"},
    {"NUL in a filter name", "{\"m\\u0000x\": " VALID "}",
     "t.json:1:2: filter name 'm\\x00x' contains a NUL byte"},
    {"duplicate filter", "{\"m\": " VALID ",\n \"m\": " VALID "}",
     "t.json:2:2: m: duplicate filter name 'm'"},
    {"filter not an object", "{\"m\": []}",
     "t.json:1:7: m: expected a filter object with 'mismatch_action', 'match_action' and "
     "'filter', got an empty array"},
    {"filter is a string", "{\"m\": \"allow\"}",
     "t.json:1:7: m: expected a filter object with 'mismatch_action', 'match_action' and "
     "'filter', got 'allow'"},

    /* ---- filter keys ---- */
    {"unknown filter key", "{\"m\": {\"mismatch_action\": \"trap\", \"match\": \"allow\"}}",
     "t.json:1:35: m.match: unknown key 'match' (expected 'mismatch_action', 'match_action', "
     "'filter', 'default_action' or 'filter_action')"},
    {"duplicate filter key", "{\"m\": {\"filter\": [], \"filter\": []}}",
     "t.json:1:22: m.filter: duplicate key 'filter'"},
    {"default_action and mismatch_action",
     "{\"m\": {\"default_action\": \"trap\", \"mismatch_action\": \"allow\"}}",
     "t.json:1:34: m.mismatch_action: 'default_action' and 'mismatch_action' both given: "
     "they are one key, keep one"},
    {"match_action and filter_action",
     "{\"m\": {\"match_action\": \"allow\", \"filter_action\": \"allow\"}}",
     "t.json:1:33: m.filter_action: 'match_action' and 'filter_action' both given: they "
     "are one key, keep one"},
    {"missing match_action", "{\"m\": {\"mismatch_action\": \"trap\", \"filter\": []}}",
     "t.json:1:7: m: missing key 'match_action' (or 'filter_action')"},
    {"missing mismatch_action", "{\"m\": {\"match_action\": \"trap\", \"filter\": []}}",
     "t.json:1:7: m: missing key 'mismatch_action' (or 'default_action')"},
    {"missing filter",
     "{\"m\": {\n  \"default_action\": \"trap\",\n  \"filter_action\": \"allow\"\n}}",
     "t.json:1:7: m: missing key 'filter'"},
    {"empty filter object", "{\"m\": {}}",
     "t.json:1:7: m: missing key 'mismatch_action' (or 'default_action')"},
    {"filter not an array", "{\"m\": {\"filter\": {}}}",
     "t.json:1:18: m.filter: expected an array of rules, got an empty object"},
    {"filter is null", "{\"m\": {\"filter\": null}}",
     "t.json:1:18: m.filter: expected an array of rules, got null"},

    /* ---- actions ---- */
    {"unknown action", ACTIONS("\"alow\"", "\"allow\""),
     "t.json:2:20: m.mismatch_action: " ACTION_LIST ", got 'alow'"},
    {"action in capitals", ACTIONS("\"trap\"", "\"ALLOW\""),
     "t.json:3:17: m.match_action: " ACTION_LIST ", got 'ALLOW'"},
    {"action with a newline", ACTIONS("\"trap\"", "\"allow\\n\""),
     "t.json:3:17: m.match_action: " ACTION_LIST ", got 'allow\\x0a'"},
    {"action is a number", ACTIONS("\"trap\"", "1"),
     "t.json:3:17: m.match_action: " ACTION_LIST ", got 1"},
    {"action is null", ACTIONS("null", "\"allow\""),
     "t.json:2:20: m.mismatch_action: " ACTION_LIST ", got null"},
    {"action is true", ACTIONS("true", "\"allow\""),
     "t.json:2:20: m.mismatch_action: " ACTION_LIST ", got true"},
    {"action is an array", ACTIONS("[\"trap\"]", "\"allow\""),
     "t.json:2:20: m.mismatch_action: " ACTION_LIST ", got an array"},
    {"empty action object", ACTIONS("{}", "\"allow\""),
     "t.json:2:20: m.mismatch_action: " ACTION_LIST ", got an empty object"},
    {"unknown action key", ACTIONS("{\"errnum\": 1}", "\"allow\""),
     "t.json:2:21: m.mismatch_action.errnum: unknown key 'errnum' (expected 'errno' or "
     "'trace')"},
    {"two action keys", ACTIONS("{\"errno\": 1, \"trace\": 2}", "\"allow\""),
     "t.json:2:33: m.mismatch_action.trace: an action has one key, 'errno' or 'trace', not "
     "both"},
    {"duplicate action key", ACTIONS("{\"errno\": 1, \"errno\": 2}", "\"allow\""),
     "t.json:2:33: m.mismatch_action.errno: duplicate key 'errno'"},
    {"errno 4096", ACTIONS("{\"errno\": 4096}", "\"allow\""),
     "t.json:2:30: m.mismatch_action.errno: errno 4096 is out of range (0 to 4095)"},
    {"errno -1", ACTIONS("{\"errno\": -1}", "\"allow\""),
     "t.json:2:30: m.mismatch_action.errno: errno -1 is out of range (0 to 4095)"},
    {"errno past 2^64", ACTIONS("{\"errno\": 99999999999999999999}", "\"allow\""),
     "t.json:2:30: m.mismatch_action.errno: errno 99999999999999999999 is out of range (0 "
     "to 4095)"},
    {"errno fraction", ACTIONS("{\"errno\": 1.5}", "\"allow\""),
     "t.json:2:30: m.mismatch_action.errno: expected an integer from 0 to 4095, got 1.5"},
    {"errno exponent", ACTIONS("{\"errno\": 1e2}", "\"allow\""),
     "t.json:2:30: m.mismatch_action.errno: expected an integer from 0 to 4095, got 1e2 "
     "(write it without an exponent)"},
    {"errno string", ACTIONS("{\"errno\": \"1\"}", "\"allow\""),
     "t.json:2:30: m.mismatch_action.errno: expected an integer from 0 to 4095, got '1'"},
    {"trace 65536", ACTIONS("\"trap\"", "{\"trace\": 65536}"),
     "t.json:3:27: m.match_action.trace: trace 65536 is out of range (0 to 65535)"},
    {"equal actions", ACTIONS("\"allow\"", "\"allow\""),
     "t.json:3:17: m.match_action: match_action is the same as mismatch_action: the filter "
     "would do nothing"},
    {"equal errno actions", ACTIONS("{\"errno\": 1}", "{\"errno\": 1}"),
     "t.json:3:17: m.match_action: match_action is the same as mismatch_action: the filter "
     "would do nothing"},
    {"equal actions, by their aliases",
     "{\"m\": {\"default_action\": \"log\", \"filter_action\": \"log\", \"filter\": []}}",
     "t.json:1:50: m.filter_action: match_action is the same as mismatch_action: the filter "
     "would do nothing"},

    /* ---- rules ---- */
    {"rule not an object", RULE("\"read\""),
     "t.json:2:1: m.filter[0]: expected a rule object, got 'read'"},
    {"unknown rule key", RULE("{\"sycall\": \"read\"}"),
     "t.json:2:2: m.filter[0].sycall: unknown key 'sycall' (expected 'syscall', 'args', "
     "'comment' or 'action')"},
    /* "action" on a rule: sjail's extension. */
    {"a rule's action misspelled", RULE("{\"syscall\": \"read\", \"action\": \"alow\"}"),
     "t.json:2:31: m.filter[0].action: " ACTION_LIST ", got 'alow'"},
    {"a rule's errno out of range", RULE("{\"action\": {\"errno\": 4096}, \"syscall\": \"read\"}"),
     "t.json:2:22: m.filter[0].action.errno: errno 4096 is out of range (0 to 4095)"},
    {"a rule's action with two keys",
     RULE("{\"syscall\": \"read\", \"action\": {\"errno\": 1, \"trace\": 2}}"),
     "t.json:2:44: m.filter[0].action.trace: an action has one key, 'errno' or 'trace', not "
     "both"},
    {"duplicate action in a rule",
     RULE("{\"syscall\": \"read\", \"action\": \"allow\", \"action\": \"log\"}"),
     "t.json:2:40: m.filter[0].action: duplicate key 'action'"},
    {"a rule's action null", RULE("{\"syscall\": \"read\", \"action\": null}"),
     "t.json:2:31: m.filter[0].action: " ACTION_LIST ", got null"},
    {"NUL in a key", RULE("{\"sys\\u0000call\": \"read\"}"),
     "t.json:2:2: m.filter[0].sys\\x00call: unknown key 'sys\\x00call' (expected 'syscall', "
     "'args', 'comment' or 'action')"},
    {"duplicate rule key", RULE("{\"syscall\": \"read\", \"syscall\": \"write\"}"),
     "t.json:2:21: m.filter[0].syscall: duplicate key 'syscall'"},
    {"missing syscall", RULE("{\"comment\": \"no syscall\"}"),
     "t.json:2:1: m.filter[0]: missing key 'syscall'"},
    {"empty rule", RULE("{}"), "t.json:2:1: m.filter[0]: missing key 'syscall'"},
    {"syscall number", RULE("{\"syscall\": 0}"),
     "t.json:2:13: m.filter[0].syscall: expected a syscall name, got 0"},
    {"syscall empty", RULE("{\"syscall\": \"\"}"),
     "t.json:2:13: m.filter[0].syscall: expected a syscall name, got an empty string"},
    {"NUL in a syscall name", RULE("{\"syscall\": \"read\\u0000\"}"),
     "t.json:2:13: m.filter[0].syscall: syscall name 'read\\x00' contains a NUL byte"},
    {"comment not a string", RULE("{\"syscall\": \"read\", \"comment\": [\"x\"]}"),
     "t.json:2:32: m.filter[0].comment: expected a string, got an array"},
    {"args not an array", RULE("{\"syscall\": \"read\", \"args\": {}}"),
     "t.json:2:29: m.filter[0].args: expected an array of conditions, got an empty object"},
    {"empty args", RULE("{\"syscall\": \"read\", \"args\": []}"),
     "t.json:2:29: m.filter[0].args: expected at least one condition; leave out 'args' for a "
     "rule without conditions"},
    {"second rule", RULE("{\"syscall\": \"read\"},\n{\"syscall\": true}"),
     "t.json:3:13: m.filter[1].syscall: expected a syscall name, got true"},

    /* ---- conditions ---- */
    {"condition not an object", COND("[0]"),
     "t.json:3:1: m.filter[0].args[0]: expected a condition object, got an array"},
    {"unknown condition key", COND("{\"arg\": 0}"),
     "t.json:3:2: m.filter[0].args[0].arg: unknown key 'arg' (expected 'index', 'type', "
     "'op', 'val' or 'comment')"},
    {"duplicate condition key", COND("{\"index\": 0, \"index\": 1}"),
     "t.json:3:14: m.filter[0].args[0].index: duplicate key 'index'"},
    {"empty condition", COND("{}"), "t.json:3:1: m.filter[0].args[0]: missing key 'index'"},
    {"missing type", COND("{\"index\": 0, \"op\": \"eq\", \"val\": 1}"),
     "t.json:3:1: m.filter[0].args[0]: missing key 'type'"},
    {"missing op", COND("{\"index\": 0, \"type\": \"dword\", \"val\": 1}"),
     "t.json:3:1: m.filter[0].args[0]: missing key 'op'"},
    {"missing val", COND("{\"index\": 0, \"type\": \"dword\", \"op\": \"eq\"}"),
     "t.json:3:1: m.filter[0].args[0]: missing key 'val'"},
    {"index 6", COND(CND("6", "\"dword\"", "\"eq\"", "1")),
     "t.json:3:11: m.filter[0].args[0].index: expected an integer from 0 to 5, got 6"},
    {"index -1", COND(CND("-1", "\"dword\"", "\"eq\"", "1")),
     "t.json:3:11: m.filter[0].args[0].index: expected an integer from 0 to 5, got -1"},
    {"index string", COND(CND("\"0\"", "\"dword\"", "\"eq\"", "1")),
     "t.json:3:11: m.filter[0].args[0].index: expected an integer from 0 to 5, got '0'"},
    {"index 1.0", COND(CND("1.0", "\"dword\"", "\"eq\"", "1")),
     "t.json:3:11: m.filter[0].args[0].index: expected an integer from 0 to 5, got 1.0"},
    {"index 1E0", COND(CND("1E0", "\"dword\"", "\"eq\"", "1")),
     "t.json:3:11: m.filter[0].args[0].index: expected an integer from 0 to 5, got 1E0 "
     "(write it without an exponent)"},
    {"type word", COND(CND("0", "\"word\"", "\"eq\"", "1")),
     "t.json:3:22: m.filter[0].args[0].type: expected 'dword' or 'qword', got 'word'"},
    {"type 32", COND(CND("0", "32", "\"eq\"", "1")),
     "t.json:3:22: m.filter[0].args[0].type: expected 'dword' or 'qword', got 32"},
    {"op equals", COND(CND("0", "\"dword\"", "\"equals\"", "1")),
     "t.json:3:37: m.filter[0].args[0].op: " OP_LIST ", got 'equals'"},
    {"op number", COND(CND("0", "\"dword\"", "1", "1")),
     "t.json:3:37: m.filter[0].args[0].op: " OP_LIST ", got 1"},
    {"op empty object", COND(CND("0", "\"dword\"", "{}", "1")),
     "t.json:3:37: m.filter[0].args[0].op: " OP_LIST ", got an empty object"},
    {"op unknown key", COND(CND("0", "\"dword\"", "{\"mask\": 1}", "1")),
     "t.json:3:38: m.filter[0].args[0].op.mask: unknown key 'mask' (expected 'masked_eq')"},
    {"op duplicate key", COND(CND("0", "\"dword\"", "{\"masked_eq\": 1, \"masked_eq\": 2}", "1")),
     "t.json:3:54: m.filter[0].args[0].op.masked_eq: duplicate key 'masked_eq'"},
    {"op second key", COND(CND("0", "\"dword\"", "{\"masked_eq\": 1, \"eq\": 2}", "1")),
     "t.json:3:54: m.filter[0].args[0].op.eq: unknown key 'eq' (expected 'masked_eq')"},
    {"mask string", COND(CND("0", "\"dword\"", "{\"masked_eq\": \"0xff\"}", "1")),
     "t.json:3:51: m.filter[0].args[0].op.masked_eq: " U64 ", got '0xff'"},
    {"mask negative", COND(CND("0", "\"qword\"", "{\"masked_eq\": -8}", "1")),
     "t.json:3:51: m.filter[0].args[0].op.masked_eq: " U64 ", got -8"},
    {"val negative", COND(CND("0", "\"dword\"", "\"eq\"", "-1")),
     "t.json:3:50: m.filter[0].args[0].val: " U64 ", got -1"},
    {"val -0", COND(CND("0", "\"dword\"", "\"eq\"", "-0")),
     "t.json:3:50: m.filter[0].args[0].val: " U64 ", got -0"},
    {"val fraction", COND(CND("0", "\"dword\"", "\"eq\"", "0.5")),
     "t.json:3:50: m.filter[0].args[0].val: " U64 ", got 0.5"},
    {"val exponent", COND(CND("0", "\"dword\"", "\"eq\"", "1e3")),
     "t.json:3:50: m.filter[0].args[0].val: " U64 ", got 1e3 (write it without an exponent)"},
    {"val 2^64", COND(CND("0", "\"qword\"", "\"eq\"", "18446744073709551616")),
     "t.json:3:50: m.filter[0].args[0].val: " U64 ", got 18446744073709551616"},
    {"val a long number",
     COND(CND("0", "\"qword\"", "\"eq\"",
	      "1234567890123456789012345678901234567890123456789012345678901234567890")),
     "t.json:3:50: m.filter[0].args[0].val: " U64
     ", got 1234567890123456789012345678901234567890..."},
    {"val string", COND(CND("0", "\"dword\"", "\"eq\"", "\"1\"")),
     "t.json:3:50: m.filter[0].args[0].val: " U64 ", got '1'"},
    {"val false", COND(CND("0", "\"dword\"", "\"eq\"", "false")),
     "t.json:3:50: m.filter[0].args[0].val: " U64 ", got false"},
    {"dword val 2^32", COND(CND("0", "\"dword\"", "\"eq\"", "4294967296")),
     "t.json:3:50: m.filter[0].args[0].val: dword value 4294967296 " DWORD_HINT},
    {"dword mask 2^32", COND(CND("0", "\"dword\"", "{\"masked_eq\": 4294967296}", "0")),
     "t.json:3:51: m.filter[0].args[0].op.masked_eq: dword mask 4294967296 " DWORD_HINT},
    {"dword val and mask, type last",
     COND("{\"val\": 4294967296, \"op\": {\"masked_eq\": 4294967297}, \"index\": 0, \"type\": "
	  "\"dword\"}"),
     "t.json:3:9: m.filter[0].args[0].val: dword value 4294967296 " DWORD_HINT},
    {"dword mask before val",
     COND("{\"op\": {\"masked_eq\": 4294967297}, \"val\": 4294967296, \"index\": 0, \"type\": "
	  "\"dword\"}"),
     "t.json:3:22: m.filter[0].args[0].op.masked_eq: dword mask 4294967297 " DWORD_HINT},
    {"condition comment not a string",
     COND("{\"index\": 0, \"type\": \"dword\", \"op\": \"eq\", \"val\": 1, \"comment\": 2}"),
     "t.json:3:64: m.filter[0].args[0].comment: expected a string, got 2"},
    {"second condition",
     COND(CND("0", "\"dword\"", "\"eq\"", "1") ",\n" CND("9", "\"dword\"", "\"eq\"", "1")),
     "t.json:4:11: m.filter[0].args[1].index: expected an integer from 0 to 5, got 9"},

    /* ---- caps ---- */
    {"nested too deeply",
     "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
     "t.json:1:33: [0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]"
     "[0][0][0][0][0][0][0][0]: nested too deeply: at most 32 levels"},
};

/*
 * Caret positions in realistic layouts: tabs, CRLF, escaped quotes and
 * multibyte UTF-8 before the mistake (columns count bytes).
 */
static const struct error_case caret_cases[] = {
    {"tabs",
     "{\n\t\"m\": {\n\t\t\"mismatch_action\": \"trap\",\n\t\t\"match_action\": \"allow\",\n"
     "\t\t\"filter\": [\n\t\t\t{\"sycall\": \"read\"}\n\t\t]\n\t}\n}\n",
     "t.json:6:5: m.filter[0].sycall: unknown key 'sycall' (expected 'syscall', 'args', "
     "'comment' or 'action')"},
    {"CRLF line ends",
     "{\r\n  \"m\": {\r\n    \"mismatch_action\": \"trap\",\r\n    \"match_action\": 7,\r\n"
     "    \"filter\": []\r\n  }\r\n}\r\n",
     "t.json:4:21: m.match_action: " ACTION_LIST ", got 7"},
    {"escaped quotes before the mistake",
     RULE("{\"comment\": \"say \\\"hi\\\" \\\\\", \"syscal\": \"read\"}"),
     "t.json:2:30: m.filter[0].syscal: unknown key 'syscal' (expected 'syscall', 'args', "
     "'comment' or 'action')"},
    {"escaped quotes before a syntax error",
     "{\"m\": {\"comment\": \"a \\\"b\\\" \\\\\" \"filter\": []}}",
     "t.json:1:32: invalid JSON: after key and value, inside map, I expect ',' or '}'"},
    {"escaped quote, then a bad escape", "{\"m\": {\"comment\": \"\\\"\\\\\\x\"}}",
     "t.json:1:24: invalid JSON: inside a string, '\\' occurs before a character which it "
     "may not"},
    /* "déjà vu ✓" is 9 characters, 13 bytes. */
    {"UTF-8 before the mistake",
     RULE("{\"comment\": \"d\xc3\xa9j\xc3\xa0 vu \xe2\x9c\x93\", \"sycall\": \"read\"}"),
     "t.json:2:30: m.filter[0].sycall: unknown key 'sycall' (expected 'syscall', 'args', "
     "'comment' or 'action')"},
    {"UTF-8 before a syntax error",
     "{\"m\": {\"comment\": \"\xc3\xbc"
     "ber\" \"filter\": []}}",
     "t.json:1:27: invalid JSON: after key and value, inside map, I expect ',' or '}'"},
    {"UTF-8 before invalid UTF-8", "{\"m\": {\"comment\": \"\xc3\xbc\xe2\x9c\x93\xe2\x9c\"}}",
     "t.json:1:25: invalid JSON: invalid bytes in UTF8 string"},
    /* \u escapes: the column is the byte in the file, not in the decoded string. */
    {"\\u escapes before the mistake",
     RULE("{\"comment\": \"\\u00e9\\u00e9\", \"sycall\": \"read\"}"),
     "t.json:2:29: m.filter[0].sycall: unknown key 'sycall' (expected 'syscall', 'args', "
     "'comment' or 'action')"},
    {"a mistake at the start of a line",
     "{\"m\": {\"mismatch_action\": \"trap\", \"match_action\": \"allow\", \"filter\": [\n"
     "{\"syscall\": \"read\"},\n{\"syscall\": \"write\", \"args\": [\n"
     "  {\"index\": 0, \"type\": \"dword\", \"op\": \"eq\",\n   \"val\": 4294967296}\n]}]}}",
     "t.json:5:11: m.filter[1].args[0].val: dword value 4294967296 " DWORD_HINT},
};

static void check_error(const char *name, const char *text, size_t len, const char *want)
{
	struct sjail_profile *profile = NULL;
	struct sjail_error err;
	char got[2048];
	int r;

	sjail_error_clear(&err);
	r = sjail_profile_parse("t.json", text, len, &profile, &err);
	sjail_error_format(&err, got, sizeof(got));
	CHECK_INT(r, -EINVAL);
	CHECK(profile == NULL);
	if (strcmp(got, want) != 0)
		fprintf(stderr, "case: %s\n", name);
	CHECK_STR(got, want);
	sjail_profile_free(profile);
}

static void test_error_table(const struct error_case *cases, size_t n)
{
	for (size_t i = 0; i < n; i++)
		check_error(cases[i].name, cases[i].text, strlen(cases[i].text), cases[i].want);
}

/* ---- inputs too long to write out ------------------------------------- */

struct text {
	char *buf;
	size_t len, cap;
};

static void __attribute__((format(printf, 2, 3))) add(struct text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (t->len + (size_t)n + 1 > t->cap) {
		t->cap = (t->len + (size_t)n + 1) * 2;
		t->buf = realloc(t->buf, t->cap);
		if (!t->buf)
			abort();
	}
	va_start(ap, fmt);
	vsnprintf(t->buf + t->len, t->cap - t->len, fmt, ap);
	va_end(ap);
	t->len += (size_t)n;
}

static void test_caps(void)
{
	struct sjail_profile *profile = NULL;
	struct sjail_error err;
	struct text t = {0};
	char want[4096], got[4096];
	int r;

	/* 32 levels are fine; a profile reaches 7. */
	add(&t, "{\"m\": {\"filter\": ");
	for (int i = 0; i < 30; i++)
		add(&t, "[");
	for (int i = 0; i < 30; i++)
		add(&t, "]");
	add(&t, "}}");
	r = sjail_profile_parse("t.json", t.buf, t.len, &profile, &err);
	CHECK_INT(r, -EINVAL);
	CHECK_STR(err.msg, "expected a rule object, got an array");

	/* The 33rd: the error names the path down to it. */
	t.len = 0;
	add(&t, "{\"m\": {\"filter\": ");
	for (int i = 0; i < 31; i++)
		add(&t, "[");
	snprintf(want, sizeof(want), "t.json:1:48: m.filter");
	for (int i = 0; i < 30; i++)
		strcat(want, "[0]");
	strcat(want, ": nested too deeply: at most 32 levels");
	check_error("33 levels", t.buf, t.len, want);

	/* A string of 4096 bytes is fine, 4097 is not. */
	t.len = 0;
	add(&t,
	    "{\"m\": {\"mismatch_action\": \"trap\", \"match_action\": \"allow\", \"filter\": "
	    "[\n{\"syscall\": \"read\", \"comment\": \"%4096d\"}]}}",
	    1);
	r = sjail_profile_parse("t.json", t.buf, t.len, &profile, &err);
	CHECK_INT(r, 0);
	CHECK_INT(profile ? strlen(profile->filters[0].rules[0].comment) : 0, 4096);
	sjail_profile_free(profile);
	profile = NULL;
	t.len = 0;
	add(&t,
	    "{\"m\": {\"mismatch_action\": \"trap\", \"match_action\": \"allow\", \"filter\": "
	    "[\n{\"syscall\": \"read\", \"comment\": \"%4097d\"}]}}",
	    1);
	check_error("4097-byte string", t.buf, t.len,
		    "t.json:2:32: m.filter[0].comment: string of 4097 bytes is longer than the "
		    "limit of 4096 bytes");
	/* Keys too; the path stops at the object the key is in. */
	t.len = 0;
	add(&t, "{\"m\": {\"%5000d\": 1}}", 1);
	check_error("5000-byte key", t.buf, t.len,
		    "t.json:1:8: m: string of 5000 bytes is longer than the limit of 4096 bytes");

	/* A long key is cut in the message (not in the path). */
	t.len = 0;
	add(&t, "{\"m\": {\"%s\": 1}}",
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9");
	r = sjail_profile_parse("t.json", t.buf, t.len, &profile, &err);
	CHECK_INT(r, -EINVAL);
	CHECK_STR(err.msg,
		  "unknown key "
		  "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...' "
		  "(expected 'mismatch_action', 'match_action', 'filter', 'default_action' "
		  "or 'filter_action')");
	CHECK_STR(err.path, "m.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
			    "aaaaaaaaaaaaaaaa\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3"
			    "\xa9\xc3\xa9");

	/* 1024 filters are fine, 1025 are not; one filter a line from line 2. */
	for (int n = 1024; n <= 1025; n++) {
		t.len = 0;
		add(&t, "{\n");
		for (int i = 0; i < n; i++)
			add(&t, "\"f%d\": " VALID "%s\n", i, i + 1 < n ? "," : "");
		add(&t, "}");
		if (n == 1024) {
			r = sjail_profile_parse("t.json", t.buf, t.len, &profile, &err);
			CHECK_INT(r, 0);
			CHECK_INT(profile ? sjail_profile_filter_count(profile) : 0, 1024);
			sjail_profile_free(profile);
			profile = NULL;
		} else {
			check_error(
			    "1025 filters", t.buf, t.len,
			    "t.json:1026:1: too many filters: a profile may have at most 1024");
		}
	}

	/* 65536 rules are fine, 65537 are not; one rule a line from line 2. */
	for (int n = 65536; n <= 65537; n++) {
		t.len = 0;
		add(&t, HEAD);
		for (int i = 0; i < n; i++)
			add(&t, "{\"syscall\": \"read\"}%s\n", i + 1 < n ? "," : "");
		add(&t, "]}}");
		if (n == 65536) {
			r = sjail_profile_parse("t.json", t.buf, t.len, &profile, &err);
			CHECK_INT(r, 0);
			CHECK_INT(profile ? profile->filters[0].nrules : 0, 65536);
			sjail_profile_free(profile);
			profile = NULL;
		} else {
			check_error(
			    "65537 rules", t.buf, t.len,
			    "t.json:65538:1: m.filter: too many rules: a filter may have at "
			    "most 65536");
		}
	}

	/* 4096 conditions are fine, 4097 are not; one a line from line 3. */
	for (int n = 4096; n <= 4097; n++) {
		t.len = 0;
		add(&t, HEAD "{\"syscall\": \"read\", \"args\": [\n");
		for (int i = 0; i < n; i++)
			add(&t, "%s%s\n", CND("0", "\"dword\"", "\"eq\"", "1"),
			    i + 1 < n ? "," : "");
		add(&t, "]}]}}");
		if (n == 4096) {
			r = sjail_profile_parse("t.json", t.buf, t.len, &profile, &err);
			CHECK_INT(r, 0);
			CHECK_INT(profile ? profile->filters[0].rules[0].nconds : 0, 4096);
			sjail_profile_free(profile);
			profile = NULL;
		} else {
			check_error(
			    "4097 conditions", t.buf, t.len,
			    "t.json:4099:1: m.filter[0].args: too many conditions: a rule may "
			    "have at most 4096");
		}
	}

	/* Over SJAIL_MAX_FILE_SIZE: refused before it is parsed. */
	free(t.buf);
	t.buf = calloc(1, SJAIL_MAX_FILE_SIZE + 1);
	CHECK(t.buf != NULL);
	if (t.buf) {
		r = sjail_profile_parse("t.json", t.buf, SJAIL_MAX_FILE_SIZE + 1, &profile, &err);
		CHECK_INT(r, -EFBIG);
		sjail_error_format(&err, got, sizeof(got));
		CHECK_STR(got, "t.json: the profile is 8388609 bytes, more than the limit of "
			       "8388608 bytes");
	}
	free(t.buf);
}

/* ---- a good profile, field by field ----------------------------------- */

static const char good[] =
    "{\n"
    "  \"first\": {\n"
    "    \"mismatch_action\": {\"errno\": 1},\n"
    "    \"match_action\": \"allow\",\n"
    "    \"filter\": [\n"
    "      {\"syscall\": \"read\"},\n"
    "      {\n"
    "        \"syscall\": \"ioctl\",\n"
    "        \"comment\": \"tty \\\"only\\\"\",\n"
    "        \"args\": [\n"
    "          {\"index\": 1, \"type\": \"dword\", \"op\": \"eq\", \"val\": 21505, \"comment\": "
    "\"TCGETS\"},\n"
    "          {\"val\": 18446744073709551615, \"index\": 5, \"type\": \"qword\",\n"
    "           \"op\": {\"masked_eq\": 18446744073709551615}}\n"
    "        ]\n"
    "      }\n"
    "    ]\n"
    "  },\n"
    "  \"second\": {\n"
    "    \"filter\": [],\n"
    "    \"default_action\": \"kill_process\",\n"
    "    \"filter_action\": {\"trace\": 65535}\n"
    "  }\n"
    "}\n";

static void test_good(void)
{
	struct sjail_profile *profile = NULL;
	const struct sjail_filter *f;
	const struct sjail_rule *rule;
	const struct sjail_cond *c;
	struct sjail_error err;
	int r;

	sjail_error_clear(&err);
	r = sjail_profile_parse("good.json", good, strlen(good), &profile, &err);
	CHECK_INT(r, 0);
	CHECK_STR(err.msg, "");
	if (!profile)
		return;
	CHECK_STR(profile->file, "good.json");
	CHECK_INT(sjail_profile_filter_count(profile), 2);
	CHECK_STR(sjail_profile_filter_name(profile, 0), "first");
	CHECK_STR(sjail_profile_filter_name(profile, 1), "second");
	CHECK(sjail_profile_filter_name(profile, 2) == NULL);

	f = &profile->filters[0];
	CHECK_STR(f->name, "first");
	CHECK_INT(f->loc.line, 2);
	CHECK_INT(f->loc.col, 3);
	CHECK_INT(f->mismatch_action, SECCOMP_RET_ERRNO | 1);
	CHECK_INT(f->match_action, SECCOMP_RET_ALLOW);
	CHECK_INT(f->nrules, 2);

	rule = &f->rules[0];
	CHECK_STR(rule->syscall, "read");
	CHECK_INT(rule->loc.line, 6);
	CHECK_INT(rule->loc.col, 7);
	CHECK_INT(rule->syscall_loc.line, 6);
	CHECK_INT(rule->syscall_loc.col, 19);
	CHECK(rule->comment == NULL);
	CHECK_INT(rule->action, SECCOMP_RET_ALLOW);
	CHECK_INT(rule->nconds, 0);
	CHECK(rule->conds == NULL);

	rule = &f->rules[1];
	CHECK_STR(rule->syscall, "ioctl");
	CHECK_INT(rule->loc.line, 7);
	CHECK_INT(rule->loc.col, 7);
	CHECK_INT(rule->syscall_loc.line, 8);
	CHECK_INT(rule->syscall_loc.col, 20);
	CHECK_STR(rule->comment, "tty \"only\"");
	CHECK_INT(rule->action, SECCOMP_RET_ALLOW);
	CHECK_INT(rule->nconds, 2);

	c = &rule->conds[0];
	CHECK_INT(c->index, 1);
	CHECK_INT(c->width, 32);
	CHECK_INT(c->op, SJAIL_OP_EQ);
	CHECK(c->val == 21505);
	CHECK(c->mask == 0);
	CHECK_INT(c->loc.line, 11);
	CHECK_INT(c->loc.col, 11);

	c = &rule->conds[1];
	CHECK_INT(c->index, 5);
	CHECK_INT(c->width, 64);
	CHECK_INT(c->op, SJAIL_OP_MASKED_EQ);
	CHECK(c->val == UINT64_MAX);
	CHECK(c->mask == UINT64_MAX);
	CHECK_INT(c->loc.line, 12);
	CHECK_INT(c->loc.col, 11);

	/* The aliases, in another order. */
	f = &profile->filters[1];
	CHECK_STR(f->name, "second");
	CHECK_INT(f->loc.line, 18);
	CHECK_INT(f->loc.col, 3);
	CHECK_INT(f->mismatch_action, SECCOMP_RET_KILL_PROCESS);
	CHECK_INT(f->match_action, SECCOMP_RET_TRACE | 65535);
	CHECK_INT(f->nrules, 0);
	CHECK(f->rules == NULL);

	sjail_profile_free(profile);
	sjail_profile_free(NULL);
}

/* Every action spelling and every op, through a one-rule filter. */
static void test_actions_and_ops(void)
{
	static const struct {
		const char *json;
		uint32_t action;
	} actions[] = {
	    {"\"allow\"", SECCOMP_RET_ALLOW},
	    {"\"kill_thread\"", SECCOMP_RET_KILL_THREAD},
	    {"\"kill_process\"", SECCOMP_RET_KILL_PROCESS},
	    {"\"trap\"", SECCOMP_RET_TRAP},
	    {"\"log\"", SECCOMP_RET_LOG},
	    {"\"user_notif\"", SECCOMP_RET_USER_NOTIF},
	    {"{\"errno\": 0}", SECCOMP_RET_ERRNO},
	    {"{\"errno\": 4095}", SECCOMP_RET_ERRNO | 4095},
	    {"{\"trace\": 0}", SECCOMP_RET_TRACE},
	    {"{\"trace\": 65535}", SECCOMP_RET_TRACE | 65535},
	};
	static const struct {
		const char *json;
		enum sjail_op op;
	} ops[] = {
	    {"\"eq\"", SJAIL_OP_EQ},
	    {"\"ne\"", SJAIL_OP_NE},
	    {"\"lt\"", SJAIL_OP_LT},
	    {"\"le\"", SJAIL_OP_LE},
	    {"\"gt\"", SJAIL_OP_GT},
	    {"\"ge\"", SJAIL_OP_GE},
	    {"{\"masked_eq\": 4294967295}", SJAIL_OP_MASKED_EQ},
	};
	struct sjail_profile *profile = NULL;
	struct sjail_error err;
	char text[512];
	int r;

	for (size_t i = 0; i < ELEMENTSOF(actions); i++) {
		/* Each action once as mismatch_action, once as match_action. */
		for (int as_match = 0; as_match < 2; as_match++) {
			const char *other =
			    actions[i].action == SECCOMP_RET_ALLOW ? "\"log\"" : "\"allow\"";

			snprintf(text, sizeof(text),
				 "{\"x\": {\"mismatch_action\": %s, \"match_action\": %s, "
				 "\"filter\": [{\"syscall\": \"read\"}]}}",
				 as_match ? other : actions[i].json,
				 as_match ? actions[i].json : other);
			r = sjail_profile_parse("t.json", text, strlen(text), &profile, &err);
			CHECK_INT(r, 0);
			if (!profile)
				continue;
			if (as_match) {
				CHECK_INT(profile->filters[0].match_action, actions[i].action);
				CHECK_INT(profile->filters[0].rules[0].action, actions[i].action);
			} else {
				CHECK_INT(profile->filters[0].mismatch_action, actions[i].action);
			}
			sjail_profile_free(profile);
			profile = NULL;
		}
	}

	for (size_t i = 0; i < ELEMENTSOF(ops); i++) {
		snprintf(text, sizeof(text),
			 HEAD "{\"syscall\": \"read\", \"args\": [" CND("2", "\"dword\"", "%s",
									"4294967295") "]}]}}",
			 ops[i].json);
		r = sjail_profile_parse("t.json", text, strlen(text), &profile, &err);
		CHECK_INT(r, 0);
		if (!profile)
			continue;
		CHECK_INT(profile->filters[0].rules[0].conds[0].op, ops[i].op);
		CHECK(profile->filters[0].rules[0].conds[0].val == UINT32_MAX);
		CHECK(profile->filters[0].rules[0].conds[0].mask ==
		      (ops[i].op == SJAIL_OP_MASKED_EQ ? UINT32_MAX : 0));
		sjail_profile_free(profile);
		profile = NULL;
	}

	/* Text need not be NUL-terminated: only len bytes are read. */
	snprintf(text, sizeof(text), "{\"x\": " VALID "}garbage");
	r = sjail_profile_parse("t.json", text, strlen(text) - strlen("garbage"), &profile, &err);
	CHECK_INT(r, 0);
	sjail_profile_free(profile);
}

/*
 * sjail's extension: a rule's own "action". Rules without one take the
 * match action; the first rule that holds decides, so a rule whose action
 * is the mismatch action can refuse what a later rule allows.
 */
static void test_rule_actions(void)
{
	static const char text[] =
	    "{\"m\": {\"mismatch_action\": \"kill_process\", \"match_action\": \"allow\",\n"
	    "\"filter\": [\n"
	    "{\"syscall\": \"read\"},\n"
	    "{\"syscall\": \"write\", \"action\": {\"errno\": 13}, \"args\": [\n"
	    "  {\"index\": 0, \"type\": \"dword\", \"op\": \"eq\", \"val\": 2}]},\n"
	    "{\"syscall\": \"write\"},\n"
	    "{\"action\": \"kill_process\", \"syscall\": \"getpid\"},\n"
	    "{\"syscall\": \"getpid\"},\n"
	    "{\"syscall\": \"close\", \"action\": {\"trace\": 7}}\n"
	    "]}}";
	static const struct {
		uint32_t nr;
		uint64_t arg0;
		uint32_t want;
	} calls[] = {
	    {0, 0, SECCOMP_RET_ALLOW},	       /* read */
	    {1, 2, SECCOMP_RET_ERRNO | 13},    /* write to fd 2: the first write rule */
	    {1, 1, SECCOMP_RET_ALLOW},	       /* write elsewhere: the second */
	    {39, 0, SECCOMP_RET_KILL_PROCESS}, /* getpid: the first rule shadows the second */
	    {3, 0, SECCOMP_RET_TRACE | 7},     /* close */
	    {2, 0, SECCOMP_RET_KILL_PROCESS},  /* open: no rule */
	};
	static const uint32_t want_actions[] = {
	    SECCOMP_RET_ALLOW,	      SECCOMP_RET_ERRNO | 13, SECCOMP_RET_ALLOW,
	    SECCOMP_RET_KILL_PROCESS, SECCOMP_RET_ALLOW,      SECCOMP_RET_TRACE | 7,
	};
	struct sjail_profile *profile = NULL;
	struct sjail_program *prog = NULL;
	struct sjail_error err;
	int r;

	sjail_error_clear(&err);
	r = sjail_profile_parse("t.json", text, strlen(text), &profile, &err);
	CHECK_INT(r, 0);
	CHECK_STR(err.msg, "");
	if (!profile)
		return;
	CHECK_INT(profile->filters[0].nrules, ELEMENTSOF(want_actions));
	for (size_t i = 0; i < profile->filters[0].nrules && i < ELEMENTSOF(want_actions); i++)
		CHECK_INT(profile->filters[0].rules[i].action, want_actions[i]);
	CHECK_INT(sjail_compile(profile, 0, sjail_arch_by_name("x86_64"), &prog, &err), 0);
	for (size_t i = 0; prog && i < ELEMENTSOF(calls); i++) {
		struct seccomp_data d = {
		    .nr = (int)calls[i].nr, .arch = 0xc000003eu, .args = {calls[i].arg0}};

		CHECK_INT(sjail_program_run(prog, &d, NULL), calls[i].want);
		CHECK_INT(eval_decide(&profile->filters[0], prog->arch, &d, NULL), calls[i].want);
	}
	sjail_program_free(prog);
	sjail_profile_free(profile);
}

/* ---- files: the real-world profiles, load errors, filter choice ------- */

static void test_real_profiles(void)
{
	static const char *const firecracker[] = {
	    SHARED_DIR "/profiles/firecracker/x86_64-unknown-linux-musl.json",
	    SHARED_DIR "/profiles/firecracker/x86_64-unknown-linux-musl.v1.10.1.json",
	};
	struct sjail_profile *profile = NULL;
	struct sjail_error err;
	size_t index = 99;
	char want[1024], got[2048];
	int r;

	for (size_t i = 0; i < ELEMENTSOF(firecracker); i++) {
		sjail_error_clear(&err);
		r = sjail_profile_load(firecracker[i], &profile, &err);
		CHECK_INT(r, 0);
		CHECK_STR(err.msg, "");
		if (!profile)
			continue;
		CHECK_INT(sjail_profile_filter_count(profile), 3);
		CHECK_STR(sjail_profile_filter_name(profile, 0), "vmm");
		CHECK_STR(sjail_profile_filter_name(profile, 1), "api");
		CHECK_STR(sjail_profile_filter_name(profile, 2), "vcpu");
		CHECK_INT(profile->filters[0].mismatch_action, SECCOMP_RET_TRAP);
		CHECK_INT(profile->filters[0].match_action, SECCOMP_RET_ALLOW);
		CHECK(profile->filters[0].nrules > 20);

		CHECK_INT(sjail_profile_find_filter(profile, "vcpu", &index, &err), 0);
		CHECK_INT(index, 2);

		r = sjail_profile_find_filter(profile, NULL, &index, &err);
		CHECK_INT(r, -ENOENT);
		CHECK_STR(err.file, firecracker[i]);
		CHECK_INT(err.line, 0);
		snprintf(want, sizeof(want),
			 "%s: the profile has 3 filters (vmm, api, vcpu): choose one with -t NAME",
			 firecracker[i]);
		sjail_error_format(&err, got, sizeof(got));
		CHECK_STR(got, want);

		r = sjail_profile_find_filter(profile, "x", &index, &err);
		CHECK_INT(r, -ENOENT);
		CHECK_STR(err.msg, "no filter 'x' in the profile (it has: vmm, api, vcpu)");
		r = sjail_profile_find_filter(profile, "vmn", &index, &err);
		CHECK_INT(r, -ENOENT);
		CHECK_STR(err.msg, "no filter 'vmn' in the profile (did you mean 'vmm'?)");
		r = sjail_profile_find_filter(profile, "VCPU", &index, &err);
		CHECK_INT(r, -ENOENT);
		CHECK_STR(err.msg, "no filter 'VCPU' in the profile (it has: vmm, api, vcpu)");
		r = sjail_profile_find_filter(profile, "apii", &index, &err);
		CHECK_INT(r, -ENOENT);
		CHECK_STR(err.msg, "no filter 'apii' in the profile (did you mean 'api'?)");
		/* Written on success only: still the index of "vcpu". */
		CHECK_INT(index, 2);
		sjail_profile_free(profile);
		profile = NULL;
	}

	r = sjail_profile_load(SHARED_DIR "/profiles/docker/default.x86_64.sjail.json", &profile,
			       &err);
	CHECK_INT(r, 0);
	if (profile) {
		CHECK_INT(sjail_profile_filter_count(profile), 1);
		CHECK_STR(sjail_profile_filter_name(profile, 0), "container");
		CHECK_INT(profile->filters[0].mismatch_action, SECCOMP_RET_ERRNO | 1);
		CHECK(profile->filters[0].nrules > 300);
		index = 99;
		CHECK_INT(sjail_profile_find_filter(profile, NULL, &index, &err), 0);
		CHECK_INT(index, 0);
		CHECK_INT(sjail_profile_find_filter(profile, "container", &index, &err), 0);
		CHECK_INT(index, 0);
		r = sjail_profile_find_filter(profile, "contianer", &index, &err);
		CHECK_INT(r, -ENOENT);
		CHECK_STR(err.msg,
			  "no filter 'contianer' in the profile (did you mean 'container'?)");
	}
	sjail_profile_free(profile);
}

static void test_load_errors(void)
{
	struct sjail_profile *profile = NULL;
	struct sjail_error err;
	char dir[] = "/tmp/test_profile.XXXXXX", path[256], got[2048];
	int fd, r;

	r = sjail_profile_load("no-such-file.json", &profile, &err);
	CHECK_INT(r, -ENOENT);
	CHECK(profile == NULL);
	sjail_error_format(&err, got, sizeof(got));
	CHECK_STR(got, "no-such-file.json: cannot open: No such file or directory");
	CHECK_INT(err.line, 0);

	if (!mkdtemp(dir)) {
		CHECK(!"mkdtemp");
		return;
	}
	r = sjail_profile_load(dir, &profile, &err);
	CHECK_INT(r, -EINVAL);
	CHECK_STR(err.msg, "not a regular file");
	CHECK_STR(err.file, dir);

	/* A FIFO is refused without waiting for a writer. */
	snprintf(path, sizeof(path), "%s/fifo", dir);
	CHECK_INT(mkfifo(path, 0600), 0);
	r = sjail_profile_load(path, &profile, &err);
	CHECK_INT(r, -EINVAL);
	CHECK_STR(err.msg, "not a regular file");
	unlink(path);

	/* Too large: refused from its size, without reading it. */
	snprintf(path, sizeof(path), "%s/big.json", dir);
	fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
	CHECK(fd >= 0);
	CHECK_INT(ftruncate(fd, SJAIL_MAX_FILE_SIZE + 1), 0);
	close(fd);
	r = sjail_profile_load(path, &profile, &err);
	CHECK_INT(r, -EFBIG);
	CHECK_STR(err.msg, "the file is 8388609 bytes, more than the limit of 8388608 bytes");
	unlink(path);

	/* Errors in a loaded file name it as given. */
	snprintf(path, sizeof(path), "%s/p.json", dir);
	fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
	CHECK(fd >= 0);
	CHECK_INT(write(fd, "{\"m\": 1}\n", 9), 9);
	close(fd);
	r = sjail_profile_load(path, &profile, &err);
	CHECK_INT(r, -EINVAL);
	CHECK_STR(err.file, path);
	CHECK_INT(err.line, 1);
	CHECK_INT(err.col, 7);
	unlink(path);

	/* An unreadable file (root reads everything). */
	if (geteuid() != 0) {
		fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0);
		CHECK(fd >= 0);
		close(fd);
		r = sjail_profile_load(path, &profile, &err);
		CHECK_INT(r, -EACCES);
		CHECK_STR(err.msg, "cannot open: Permission denied");
		unlink(path);
	}
	rmdir(dir);
	CHECK(profile == NULL);
}

/* A profile built in C, as the IR allows: find_filter on 0 and 2 filters. */
static void test_find_filter_ir(void)
{
	struct sjail_filter filters[2] = {{.name = "a"}, {.name = "b"}};
	struct sjail_profile profile = {.file = "p.json", .nfilters = 0, .filters = filters};
	struct sjail_error err;
	size_t index = 7;

	CHECK_INT(sjail_profile_find_filter(&profile, NULL, &index, &err), -ENOENT);
	CHECK_INT(sjail_profile_find_filter(&profile, "a", &index, &err), -ENOENT);
	CHECK_INT(index, 7);
	profile.nfilters = 2;
	CHECK_INT(sjail_profile_find_filter(&profile, NULL, &index, &err), -ENOENT);
	CHECK_STR(err.msg, "the profile has 2 filters (a, b): choose one with -t NAME");
	CHECK_INT(sjail_profile_find_filter(&profile, "b", &index, &err), 0);
	CHECK_INT(index, 1);
}

/* ---- the corpus: test/fixtures/bad/NAME.json and NAME.expected -------- */

static void test_corpus(void)
{
	char cwd[4096];
	size_t n = 0;
	DIR *dir;
	struct dirent *de;

	if (!getcwd(cwd, sizeof(cwd)) || chdir(SRCDIR "/test/fixtures") < 0) {
		CHECK(!"chdir to test/fixtures");
		return;
	}
	dir = opendir("bad");
	CHECK(dir != NULL);
	while (dir && (de = readdir(dir))) {
		struct sjail_profile *profile = NULL;
		struct sjail_error err;
		char path[512], expected_path[512], want[2048] = "", got[2048];
		size_t len = strlen(de->d_name);
		FILE *f;
		int r;

		if (len < 6 || strcmp(de->d_name + len - 5, ".json") != 0)
			continue;
		snprintf(path, sizeof(path), "bad/%s", de->d_name);
		snprintf(expected_path, sizeof(expected_path), "bad/%.*s.expected", (int)(len - 5),
			 de->d_name);
		f = fopen(expected_path, "re");
		CHECK(f != NULL);
		if (f) {
			if (!fgets(want, sizeof(want), f))
				want[0] = '\0';
			fclose(f);
		}
		want[strcspn(want, "\n")] = '\0';
		sjail_error_clear(&err);
		r = sjail_profile_load(path, &profile, &err);
		if (r == 0) {
			/* Names are resolved per arch: those mistakes show when compiling. */
			struct sjail_program *prog = NULL;

			r = sjail_compile(profile, 0, sjail_arch_by_name("x86_64"), &prog, &err);
			CHECK(prog == NULL);
			sjail_program_free(prog);
		} else {
			CHECK(profile == NULL);
		}
		CHECK_INT(r, -EINVAL);
		sjail_profile_free(profile);
		/* The CLI prints "sjail: " and the formatted error. */
		memcpy(got, "sjail: ", 7);
		sjail_error_format(&err, got + 7, sizeof(got) - 7);
		if (strcmp(got, want) != 0)
			fprintf(stderr, "corpus: %s\n", path);
		CHECK_STR(got, want);
		n++;
	}
	if (dir)
		closedir(dir);
	CHECK(n >= 20);
	CHECK_INT(chdir(cwd), 0);
}

int main(void)
{
	test_error_table(error_cases, ELEMENTSOF(error_cases));
	test_error_table(caret_cases, ELEMENTSOF(caret_cases));
	test_caps();
	test_good();
	test_actions_and_ops();
	test_rule_actions();
	test_real_profiles();
	test_load_errors();
	test_find_filter_ir();
	test_corpus();
	return check_exit();
}
