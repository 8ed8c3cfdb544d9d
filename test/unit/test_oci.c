/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_oci.c - OCI profiles (lib/oci.c): every class of error with its exact
 * "file:line:col: path: message", detection by keys, and what a profile
 * means as runc and Docker read it: actions and errno defaults, condition
 * splitting, MASKED_EQ, the ABIs of "architectures" and archMap, flags,
 * Docker's includes and excludes under --caps, --kernel and the target,
 * warnings, and Docker's default profile compiled for every target and held
 * to the reference evaluator.
 */
#include <errno.h>
#include <linux/capability.h>
#include <stdlib.h>
#include <sys/utsname.h>

#include "check.h"
#include "ir.h"
#include "kernel.h"

#define DOCKER SHARED_DIR "/profiles/docker/default.json"

/* Docker's default capabilities for a container (moby's oci/caps/defaults.go). */
#define DOCKER_CAPS                                                                                \
	"CAP_CHOWN,CAP_DAC_OVERRIDE,CAP_FSETID,CAP_FOWNER,CAP_MKNOD,CAP_NET_RAW,CAP_SETGID,"       \
	"CAP_SETUID,CAP_SETFCAP,CAP_SETPCAP,CAP_NET_BIND_SERVICE,CAP_SYS_CHROOT,CAP_KILL,"         \
	"CAP_AUDIT_WRITE"

#define D "{\"defaultAction\": \"SCMP_ACT_ERRNO\", "
#define ACTION_LIST                                                                                \
	"expected an action: 'SCMP_ACT_KILL', 'SCMP_ACT_KILL_PROCESS', 'SCMP_ACT_KILL_THREAD', "   \
	"'SCMP_ACT_TRAP', 'SCMP_ACT_ERRNO', 'SCMP_ACT_TRACE', 'SCMP_ACT_ALLOW', 'SCMP_ACT_LOG' "   \
	"or 'SCMP_ACT_NOTIFY'"
#define OP_LIST                                                                                    \
	"expected an operator: 'SCMP_CMP_NE', 'SCMP_CMP_LT', 'SCMP_CMP_LE', 'SCMP_CMP_EQ', "       \
	"'SCMP_CMP_GE', 'SCMP_CMP_GT' or 'SCMP_CMP_MASKED_EQ'"
#define TOP_KEYS                                                                                   \
	"(expected 'defaultAction', 'defaultErrnoRet', 'architectures', 'archMap', 'flags', "      \
	"'listenerPath', 'listenerMetadata', 'syscalls' or 'comment')"
#define ARCH_HINT                                                                                  \
	"(expected an SCMP_ARCH_* name such as 'SCMP_ARCH_X86_64', 'SCMP_ARCH_X86' or "            \
	"'SCMP_ARCH_AARCH64')"

/* Forced OCI, x86_64, no capabilities, kernel 6.1: nothing depends on the machine. */
static const struct sjail_load_options x86 = {
    .format = SJAIL_FORMAT_OCI,
    .arch = &sjail_arch_x86_64,
    .caps_given = true,
    .kernel_major = 6,
    .kernel_minor = 1,
};

struct error_case {
	const char *name;
	const char *text;
	const char *want;
};

static const struct error_case error_cases[] = {
    {"top level array", "[]",
     "t.json:1:1: expected an OCI seccomp profile (an object with 'defaultAction'), got an empty "
     "array"},
    {"top level string", "\"x\"",
     "t.json:1:1: expected an OCI seccomp profile (an object with 'defaultAction'), got 'x'"},
    {"missing defaultAction", "{\"syscalls\": []}", "t.json:1:1: missing key 'defaultAction'"},
    {"unknown top key", D "\"defaultErrnoRett\": 1}",
     "t.json:1:37: defaultErrnoRett: unknown key 'defaultErrnoRett' " TOP_KEYS},
    {"duplicate top key", D "\"defaultAction\": \"SCMP_ACT_ALLOW\"}",
     "t.json:1:37: defaultAction: duplicate key 'defaultAction'"},
    {"bad default action", "{\"defaultAction\": \"SCMP_ACT_DENY\"}",
     "t.json:1:19: defaultAction: " ACTION_LIST ", got 'SCMP_ACT_DENY'"},
    {"default action not a string", "{\"defaultAction\": 1}",
     "t.json:1:19: defaultAction: " ACTION_LIST ", got 1"},
    {"notify as default", "{\"defaultAction\": \"SCMP_ACT_NOTIFY\"}",
     "t.json:1:19: defaultAction: SCMP_ACT_NOTIFY cannot be the default action (runc refuses it "
     "too)"},
    {"defaultErrnoRet with allow",
     "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"defaultErrnoRet\": 1}",
     "t.json:1:56: defaultErrnoRet: an errno return is for SCMP_ACT_ERRNO and SCMP_ACT_TRACE only"},
    {"defaultErrnoRet before its action",
     "{\"defaultErrnoRet\": 1, \"defaultAction\": \"SCMP_ACT_KILL\"}",
     "t.json:1:21: defaultErrnoRet: an errno return is for SCMP_ACT_ERRNO and SCMP_ACT_TRACE only"},
    {"defaultErrnoRet too large", D "\"defaultErrnoRet\": 4096}",
     "t.json:1:56: defaultErrnoRet: errno 4096 is out of range (0 to 4095)"},
    {"defaultErrnoRet negative", D "\"defaultErrnoRet\": -1}",
     "t.json:1:56: defaultErrnoRet: errno -1 is out of range (0 to 4095)"},
    {"defaultErrnoRet a string", D "\"defaultErrnoRet\": \"EPERM\"}",
     "t.json:1:56: defaultErrnoRet: expected an integer from 0 to 4095, got 'EPERM'"},
    {"trace value too large", "{\"defaultAction\": \"SCMP_ACT_TRACE\", \"defaultErrnoRet\": 65536}",
     "t.json:1:56: defaultErrnoRet: trace 65536 is out of range (0 to 65535)"},
    {"architectures not an array", D "\"architectures\": \"SCMP_ARCH_X86\"}",
     "t.json:1:54: architectures: expected an array of SCMP_ARCH_* names, got 'SCMP_ARCH_X86'"},
    {"unknown architecture", D "\"architectures\": [\"SCMP_ARCH_X86_64\", \"SCMP_ARCH_I386\"]}",
     "t.json:1:75: architectures[1]: unknown architecture 'SCMP_ARCH_I386' " ARCH_HINT},
    {"architecture not a string", D "\"architectures\": [1]}",
     "t.json:1:55: architectures[0]: expected an SCMP_ARCH_* name, got 1"},
    {"archMap not an array", D "\"archMap\": {}}",
     "t.json:1:48: archMap: expected an array of architecture maps, got an empty object"},
    {"archMap entry not an object", D "\"archMap\": [\"SCMP_ARCH_X86_64\"]}",
     "t.json:1:49: archMap[0]: expected an object with 'architecture' and 'subArchitectures', got "
     "'SCMP_ARCH_X86_64'"},
    {"archMap unknown key", D "\"archMap\": [{\"arch\": \"SCMP_ARCH_X86_64\"}]}",
     "t.json:1:50: archMap[0].arch: unknown key 'arch' (expected 'architecture' or "
     "'subArchitectures')"},
    {"archMap missing architecture", D "\"archMap\": [{\"subArchitectures\": []}]}",
     "t.json:1:49: archMap[0]: missing key 'architecture'"},
    {"archMap unknown subarchitecture",
     D "\"archMap\": [{\"architecture\": \"SCMP_ARCH_X86_64\", \"subArchitectures\": "
       "[\"SCMP_ARCH_X86\", \"SCMP_ARCH_X33\"]}]}",
     "t.json:1:124: archMap[0].subArchitectures[1]: unknown architecture "
     "'SCMP_ARCH_X33' " ARCH_HINT},
    {"archMap architecture not a string", D "\"archMap\": [{\"architecture\": null}]}",
     "t.json:1:66: archMap[0].architecture: expected an SCMP_ARCH_* name, got null"},
    {"architectures and archMap",
     D "\"architectures\": [\"SCMP_ARCH_X86\"],\n \"archMap\": [{\"architecture\": "
       "\"SCMP_ARCH_X86_64\"}]}",
     "t.json:2:2: archMap: 'architectures' and 'archMap' both given: use one (as Docker asks)"},
    {"unknown flag", D "\"flags\": [\"SECCOMP_FILTER_FLAG_LOG\", \"SECCOMP_FILTER_FLAG_TSYNCH\"]}",
     "t.json:1:74: flags[1]: unknown flag 'SECCOMP_FILTER_FLAG_TSYNCH' (expected "
     "'SECCOMP_FILTER_FLAG_TSYNC', 'SECCOMP_FILTER_FLAG_LOG' or 'SECCOMP_FILTER_FLAG_SPEC_ALLOW')"},
    {"wait killable recv", D "\"flags\": [\"SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV\"]}",
     "t.json:1:47: flags[0]: flag 'SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV' is not supported: it is "
     "for seccomp agents, and sjail hands its listener to none (runc refuses it too)"},
    {"flags not an array", D "\"flags\": \"SECCOMP_FILTER_FLAG_LOG\"}",
     "t.json:1:46: flags: expected an array of SECCOMP_FILTER_FLAG_* names, got "
     "'SECCOMP_FILTER_FLAG_LOG'"},
    {"listenerPath not a string", D "\"listenerPath\": 1}",
     "t.json:1:53: listenerPath: expected a string, got 1"},
    {"syscalls not an array", D "\"syscalls\": {}}",
     "t.json:1:49: syscalls: expected an array of syscall entries, got an empty object"},
    {"entry not an object", D "\"syscalls\": [[\"read\"]]}",
     "t.json:1:50: syscalls[0]: expected a syscall entry object with 'names' and 'action', got an "
     "array"},
    {"unknown entry key",
     D "\"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"errno\": 1}]}",
     "t.json:1:98: syscalls[0].errno: unknown key 'errno' (expected 'names', 'name', 'action', "
     "'errnoRet', 'args', 'comment', 'includes' or 'excludes')"},
    {"missing names", D "\"syscalls\": [{\"action\": \"SCMP_ACT_ALLOW\"}]}",
     "t.json:1:50: syscalls[0]: missing key 'names'"},
    {"missing action", D "\"syscalls\": [{\"names\": [\"read\"]}]}",
     "t.json:1:50: syscalls[0]: missing key 'action'"},
    {"empty names", D "\"syscalls\": [{\"names\": [], \"action\": \"SCMP_ACT_ALLOW\"}]}",
     "t.json:1:60: syscalls[0].names: expected at least one syscall name"},
    {"null names", D "\"syscalls\": [{\"names\": null, \"action\": \"SCMP_ACT_ALLOW\"}]}",
     "t.json:1:60: syscalls[0].names: expected at least one syscall name"},
    {"name not a string",
     D "\"syscalls\": [{\"names\": [\"read\", 3], \"action\": \"SCMP_ACT_ALLOW\"}]}",
     "t.json:1:69: syscalls[0].names[1]: expected a syscall name, got 3"},
    {"empty name", D "\"syscalls\": [{\"names\": [\"\"], \"action\": \"SCMP_ACT_ALLOW\"}]}",
     "t.json:1:61: syscalls[0].names[0]: expected a syscall name, got an empty string"},
    {"NUL in a name",
     D "\"syscalls\": [{\"names\": [\"re\\u0000ad\"], \"action\": \"SCMP_ACT_ALLOW\"}]}",
     "t.json:1:61: syscalls[0].names[0]: name 're\\x00ad' contains a NUL byte"},
    {"name and names",
     D "\"syscalls\": [{\"names\": [\"read\"], \"name\": \"write\", \"action\": "
       "\"SCMP_ACT_ALLOW\"}]}",
     "t.json:1:70: syscalls[0].name: 'name' and 'names' both given: use one"},
    {"deprecated name empty", D "\"syscalls\": [{\"name\": \"\", \"action\": \"SCMP_ACT_ALLOW\"}]}",
     "t.json:1:59: syscalls[0].name: expected a syscall name, got an empty string"},
    {"bad action", D "\"syscalls\": [{\"names\": [\"read\"], \"action\": \"allow\"}]}",
     "t.json:1:80: syscalls[0].action: " ACTION_LIST ", got 'allow'"},
    {"errnoRet with allow",
     D "\"syscalls\": [{\"names\": [\"read\"], \"errnoRet\": 1, \"action\": \"SCMP_ACT_ALLOW\"}]}",
     "t.json:1:82: syscalls[0].errnoRet: an errno return is for SCMP_ACT_ERRNO and SCMP_ACT_TRACE "
     "only"},
    {"errnoRet too large",
     D
     "\"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ERRNO\", \"errnoRet\": 5000}]}",
     "t.json:1:110: syscalls[0].errnoRet: errno 5000 is out of range (0 to 4095)"},
    {"args not an array",
     D "\"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": {}}]}",
     "t.json:1:106: syscalls[0].args: expected an array of conditions, got an empty object"},
    {"arg not an object",
     D "\"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [0]}]}",
     "t.json:1:107: syscalls[0].args[0]: expected a condition object with 'index', 'value' and "
     "'op', got 0"},
    {"unknown arg key",
     D "\"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": "
       "[{\"index\": 0, \"value\": 1, \"op\": \"SCMP_CMP_EQ\", \"type\": \"qword\"}]}]}",
     "t.json:1:153: syscalls[0].args[0].type: unknown key 'type' (expected 'index', 'value', "
     "'valueTwo' or 'op')"},
    {"index out of range",
     D "\"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": "
       "[{\"index\": 6, \"value\": 1, \"op\": \"SCMP_CMP_EQ\"}]}]}",
     "t.json:1:117: syscalls[0].args[0].index: expected an integer from 0 to 5, got 6"},
    {"value negative",
     D "\"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": "
       "[{\"index\": 0, \"value\": -1, \"op\": \"SCMP_CMP_EQ\"}]}]}",
     "t.json:1:129: syscalls[0].args[0].value: expected an integer from 0 to 18446744073709551615, "
     "got -1"},
    {"value too large",
     D "\"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": "
       "[{\"index\": 0, \"value\": 18446744073709551616, \"op\": \"SCMP_CMP_EQ\"}]}]}",
     "t.json:1:129: syscalls[0].args[0].value: expected an integer from 0 to 18446744073709551615, "
     "got 18446744073709551616"},
    {"valueTwo a fraction",
     D "\"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": "
       "[{\"index\": 0, \"value\": 1, \"valueTwo\": 0.5, \"op\": \"SCMP_CMP_MASKED_EQ\"}]}]}",
     "t.json:1:144: syscalls[0].args[0].valueTwo: expected an integer from 0 to "
     "18446744073709551615, got 0.5"},
    {"bad op",
     D "\"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": "
       "[{\"index\": 0, \"value\": 1, \"op\": \"SCMP_CMP_EQUAL\"}]}]}",
     "t.json:1:138: syscalls[0].args[0].op: " OP_LIST ", got 'SCMP_CMP_EQUAL'"},
    {"missing op",
     D "\"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": "
       "[{\"index\": 0, \"value\": 1}]}]}",
     "t.json:1:107: syscalls[0].args[0]: missing key 'op'"},
    {"missing value",
     D "\"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": "
       "[{\"index\": 0, \"op\": \"SCMP_CMP_EQ\"}]}]}",
     "t.json:1:107: syscalls[0].args[0]: missing key 'value'"},
    {"missing index",
     D "\"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": "
       "[{\"value\": 0, \"op\": \"SCMP_CMP_EQ\"}]}]}",
     "t.json:1:107: syscalls[0].args[0]: missing key 'index'"},
    {"comment not a string",
     D "\"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"comment\": 7}]}",
     "t.json:1:109: syscalls[0].comment: expected a string, got 7"},
    {"includes not an object",
     D "\"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"includes\": []}]}",
     "t.json:1:110: syscalls[0].includes: expected an object with 'caps', 'arches' or 'minKernel', "
     "got an empty array"},
    {"unknown includes key",
     D "\"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"includes\": "
       "{\"cap\": [\"CAP_KILL\"]}}]}",
     "t.json:1:111: syscalls[0].includes.cap: unknown key 'cap' (expected 'caps', 'arches' or "
     "'minKernel')"},
    {"caps not an array",
     D "\"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"excludes\": "
       "{\"caps\": \"CAP_KILL\"}}]}",
     "t.json:1:119: syscalls[0].excludes.caps: expected an array of capability names, got "
     "'CAP_KILL'"},
    {"arches element not a string",
     D "\"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"excludes\": "
       "{\"arches\": [null]}}]}",
     "t.json:1:122: syscalls[0].excludes.arches[0]: expected an architecture name, got null"},
    {"minKernel without minor",
     D "\"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"includes\": "
       "{\"minKernel\": \"5\"}}]}",
     "t.json:1:124: syscalls[0].includes.minKernel: expected a kernel version 'X.Y' (like '5.8'), "
     "got '5'"},
    {"minKernel 0.0",
     D "\"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"includes\": "
       "{\"minKernel\": \"0.0\"}}]}",
     "t.json:1:124: syscalls[0].includes.minKernel: expected a kernel version 'X.Y' (like '5.8'), "
     "got '0.0'"},
    {"minKernel with patch level",
     D "\"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"includes\": "
       "{\"minKernel\": \"5.8.1\"}}]}",
     "t.json:1:124: syscalls[0].includes.minKernel: expected a kernel version 'X.Y' (like '5.8'), "
     "got '5.8.1'"},
    {"minKernel a number",
     D "\"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"includes\": "
       "{\"minKernel\": 5.8}}]}",
     "t.json:1:124: syscalls[0].includes.minKernel: expected a kernel version 'X.Y' (like '5.8'), "
     "got 5.8"},
    {"mistake in an excluded entry",
     D "\"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALOW\", \"includes\": "
       "{\"arches\": [\"s390x\"]}}]}",
     "t.json:1:80: syscalls[0].action: " ACTION_LIST ", got 'SCMP_ACT_ALOW'"},
    {"mistake in the second entry",
     D
     "\"syscalls\": [\n  {\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\"},\n  {\"names\": "
     "[\"write\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [\n    {\"index\": 0, \"value\": 1, "
     "\"op\": \"SCMP_CMP_EQ\"},\n    {\"index\": 1, \"value\": 1, \"op\": \"SCMP_CMP_MASKED\"}]}]}",
     "t.json:5:36: syscalls[1].args[1].op: " OP_LIST ", got 'SCMP_CMP_MASKED'"},
};

/* Parses text with opts and returns the profile, or NULL with *got the formatted error. */
static struct sjail_profile *parse(const char *text, const struct sjail_load_options *opts,
				   char *got, size_t len)
{
	struct sjail_profile *profile = NULL;
	struct sjail_error err;
	int r;

	sjail_error_clear(&err);
	r = sjail_profile_parse_with("t.json", text, strlen(text), opts, &profile, &err);
	sjail_error_format(&err, got, len);
	if (r < 0) {
		CHECK(profile == NULL);
		return NULL;
	}
	CHECK_STR(got, "");
	return profile;
}

static void test_errors(void)
{
	char got[2048];

	for (size_t i = 0; i < ELEMENTSOF(error_cases); i++) {
		struct sjail_profile *p = parse(error_cases[i].text, &x86, got, sizeof(got));

		CHECK(p == NULL);
		if (strcmp(got, error_cases[i].want) != 0)
			fprintf(stderr, "case: %s\n", error_cases[i].name);
		CHECK_STR(got, error_cases[i].want);
		sjail_profile_free(p);
	}
	/* Forced OCI: its own words for an empty file. */
	CHECK(parse(" \n", &x86, got, sizeof(got)) == NULL);
	CHECK_STR(got, "t.json:1:1: the profile is empty: expected an OCI seccomp object with "
		       "'defaultAction'");
	/* Forced seccompiler format: an OCI profile is a mistake in that format. */
	CHECK(parse("{\"defaultAction\": \"SCMP_ACT_ALLOW\"}",
		    &(struct sjail_load_options){.format = SJAIL_FORMAT_SJAIL}, got,
		    sizeof(got)) == NULL);
	CHECK_STR(got, "t.json:1:19: defaultAction: expected a filter object with "
		       "'mismatch_action', 'match_action' and 'filter', got 'SCMP_ACT_ALLOW'");
}

/* OCI by its keys; a seccompiler profile with a filter called "syscalls" stays one. */
static void test_detect(void)
{
	static const struct {
		const char *text;
		enum sjail_format format;
	} cases[] = {
	    {"{\"defaultAction\": \"SCMP_ACT_ALLOW\"}", SJAIL_FORMAT_OCI},
	    {"{\"syscalls\": [], \"defaultAction\": \"SCMP_ACT_ALLOW\"}", SJAIL_FORMAT_OCI},
	    {"{\"syscalls\": {\"mismatch_action\": \"allow\", \"match_action\": \"log\", "
	     "\"filter\": []}}",
	     SJAIL_FORMAT_SJAIL},
	    {"{\"main\": {\"mismatch_action\": \"allow\", \"match_action\": \"log\", "
	     "\"filter\": []}}",
	     SJAIL_FORMAT_SJAIL},
	};
	const struct sjail_load_options auto_x86 = {.arch = &sjail_arch_x86_64, .caps_given = true};
	char got[2048];
	size_t index = 9;

	for (size_t i = 0; i < ELEMENTSOF(cases); i++) {
		struct sjail_profile *p = parse(cases[i].text, &auto_x86, got, sizeof(got));

		CHECK(p != NULL);
		if (!p)
			continue;
		CHECK_INT(sjail_profile_format(p), cases[i].format);
		if (cases[i].format == SJAIL_FORMAT_OCI) {
			/* One filter, "oci": -t is not needed, and -t oci works. */
			CHECK_INT(sjail_profile_filter_count(p), 1);
			CHECK_STR(sjail_profile_filter_name(p, 0), "oci");
			CHECK_INT(sjail_profile_find_filter(p, NULL, &index, NULL), 0);
			CHECK_INT(index, 0);
			CHECK_INT(sjail_profile_find_filter(p, "oci", &index, NULL), 0);
			CHECK_INT(p->filters[0].nrules, 0);
			CHECK_INT(p->filters[0].mismatch_action, SECCOMP_RET_ALLOW);
		}
		sjail_profile_free(p);
	}
}

/* Every action, on a rule and as the default, with errnoRet and without (EPERM). */
static void test_actions(void)
{
	static const struct {
		const char *json; /* "action": ... of a rule */
		uint32_t action;
	} cases[] = {
	    {"\"SCMP_ACT_KILL\"", SECCOMP_RET_KILL_THREAD},
	    {"\"SCMP_ACT_KILL_THREAD\"", SECCOMP_RET_KILL_THREAD},
	    {"\"SCMP_ACT_KILL_PROCESS\"", SECCOMP_RET_KILL_PROCESS},
	    {"\"SCMP_ACT_TRAP\"", SECCOMP_RET_TRAP},
	    {"\"SCMP_ACT_ERRNO\"", SECCOMP_RET_ERRNO | EPERM},
	    {"\"SCMP_ACT_ERRNO\", \"errnoRet\": 38", SECCOMP_RET_ERRNO | ENOSYS},
	    {"\"SCMP_ACT_ERRNO\", \"errnoRet\": 0", SECCOMP_RET_ERRNO},
	    {"\"SCMP_ACT_TRACE\"", SECCOMP_RET_TRACE | EPERM},
	    {"\"SCMP_ACT_TRACE\", \"errnoRet\": 65535", SECCOMP_RET_TRACE | 65535},
	    {"\"SCMP_ACT_ALLOW\"", SECCOMP_RET_ALLOW},
	    {"\"SCMP_ACT_LOG\"", SECCOMP_RET_LOG},
	    {"\"SCMP_ACT_NOTIFY\"", SECCOMP_RET_USER_NOTIF},
	};
	char text[512], got[2048];

	for (size_t i = 0; i < ELEMENTSOF(cases); i++) {
		const char *dflt =
		    cases[i].action == SECCOMP_RET_LOG ? "SCMP_ACT_ALLOW" : "SCMP_ACT_LOG";
		const char *ret = strstr(cases[i].json, "\"errnoRet\"");
		struct sjail_profile *p;

		snprintf(text, sizeof(text),
			 "{\"defaultAction\": \"%s\", \"syscalls\": [{\"names\": [\"read\"], "
			 "\"action\": %s}]}",
			 dflt, cases[i].json);
		p = parse(text, &x86, got, sizeof(got));
		CHECK(p && p->filters[0].nrules == 1);
		if (p && p->filters[0].nrules == 1)
			CHECK_INT(p->filters[0].rules[0].action, cases[i].action);
		sjail_profile_free(p);

		/* As the default action (NOTIFY cannot be one): errnoRet is defaultErrnoRet. */
		if (cases[i].action == SECCOMP_RET_USER_NOTIF)
			continue;
		if (ret)
			snprintf(text, sizeof(text), "{\"defaultAction\": %.*s\"defaultErrnoRet%s}",
				 (int)(ret - cases[i].json), cases[i].json,
				 ret + strlen("\"errnoRet"));
		else
			snprintf(text, sizeof(text), "{\"defaultAction\": %s}", cases[i].json);
		p = parse(text, &x86, got, sizeof(got));
		CHECK(p != NULL);
		if (p)
			CHECK_INT(p->filters[0].mismatch_action, cases[i].action);
		sjail_profile_free(p);
	}
}

/* The verdict of filter 0 of p on x86_64 for nr with args, from the program (and the rules). */
static uint32_t verdict(const struct sjail_profile *p, uint32_t nr, uint64_t a0, uint64_t a1)
{
	struct sjail_program *prog = NULL;
	struct seccomp_data d = {.nr = (int)nr, .arch = 0xc000003eu, .args = {a0, a1}};
	uint32_t v;

	if (sjail_compile(p, 0, &sjail_arch_x86_64, &prog, NULL) < 0) {
		CHECK(!"compile");
		return 0;
	}
	v = sjail_program_run(prog, &d, NULL);
	CHECK_INT(eval_decide(&p->filters[0], &sjail_arch_x86_64, &d, NULL), v);
	sjail_program_free(prog);
	return v;
}

/*
 * runc's reading of args: conditions on distinct arguments are one rule
 * (AND); when an argument is tested twice, each condition is a rule of its
 * own (OR). Comparisons are 64-bit; MASKED_EQ's value is the mask.
 */
static void test_conditions(void)
{
	static const char and_text[] =
	    D "\"syscalls\": [{\"names\": [\"read\", \"write\"], \"action\": \"SCMP_ACT_ALLOW\",\n"
	      "\"args\": [{\"index\": 0, \"value\": 3, \"op\": \"SCMP_CMP_EQ\"},\n"
	      "          {\"index\": 1, \"value\": 4294967296, \"op\": \"SCMP_CMP_GE\"}]}]}";
	static const char or_text[] =
	    D "\"syscalls\": [{\"names\": [\"read\", \"write\"], \"action\": \"SCMP_ACT_ALLOW\",\n"
	      "\"args\": [{\"index\": 0, \"value\": 3, \"op\": \"SCMP_CMP_EQ\"},\n"
	      "          {\"index\": 1, \"value\": 9, \"op\": \"SCMP_CMP_LT\"},\n"
	      "          {\"index\": 0, \"value\": 255, \"valueTwo\": 16, \"op\": "
	      "\"SCMP_CMP_MASKED_EQ\"}]}]}";
	static const struct {
		const char *op;
		enum sjail_op want;
	} ops[] = {
	    {"SCMP_CMP_NE", SJAIL_OP_NE},
	    {"SCMP_CMP_LT", SJAIL_OP_LT},
	    {"SCMP_CMP_LE", SJAIL_OP_LE},
	    {"SCMP_CMP_EQ", SJAIL_OP_EQ},
	    {"SCMP_CMP_GE", SJAIL_OP_GE},
	    {"SCMP_CMP_GT", SJAIL_OP_GT},
	    {"SCMP_CMP_MASKED_EQ", SJAIL_OP_MASKED_EQ},
	};
	struct sjail_profile *p;
	char text[512], got[2048];

	p = parse(and_text, &x86, got, sizeof(got));
	CHECK(p && p->filters[0].nrules == 2);
	if (p && p->filters[0].nrules == 2) {
		const struct sjail_rule *r = &p->filters[0].rules[1];

		CHECK_STR(r->syscall, "write");
		CHECK_INT(r->nconds, 2);
		CHECK_INT(r->conds[0].width, 64);
		CHECK_INT(r->conds[1].op, SJAIL_OP_GE);
		CHECK(r->conds[1].val == 0x100000000ull);
		CHECK_INT(r->conds[1].loc.line, 3);
		CHECK_INT(r->conds[1].loc.col, 11);
		CHECK_INT(verdict(p, 0, 3, 0x100000000ull), SECCOMP_RET_ALLOW);
		CHECK_INT(verdict(p, 0, 3, 0xffffffffull), SECCOMP_RET_ERRNO | EPERM);
		CHECK_INT(verdict(p, 1, 0x100000003ull, 0x100000000ull), SECCOMP_RET_ERRNO | EPERM);
	}
	sjail_profile_free(p);

	/* args[0] twice: three rules of one condition each, for each name. */
	p = parse(or_text, &x86, got, sizeof(got));
	CHECK(p && p->filters[0].nrules == 6);
	if (p && p->filters[0].nrules == 6) {
		const struct sjail_rule *r = p->filters[0].rules;

		for (size_t i = 0; i < 6; i++)
			CHECK_INT(r[i].nconds, 1);
		CHECK_STR(r[3].syscall, "write");
		CHECK_INT(r[4].conds[0].index, 1);
		CHECK_INT(r[2].conds[0].op, SJAIL_OP_MASKED_EQ);
		CHECK(r[2].conds[0].mask == 255 && r[2].conds[0].val == 16);
		/* Any one condition lets the call through. */
		CHECK_INT(verdict(p, 0, 3, 100), SECCOMP_RET_ALLOW);
		CHECK_INT(verdict(p, 0, 7, 8), SECCOMP_RET_ALLOW);
		CHECK_INT(verdict(p, 1, 0x110, 100), SECCOMP_RET_ALLOW);
		CHECK_INT(verdict(p, 1, 0x111, 100), SECCOMP_RET_ERRNO | EPERM);
	}
	sjail_profile_free(p);

	/* Every operator; MASKED_EQ without valueTwo compares with 0. */
	for (size_t i = 0; i < ELEMENTSOF(ops); i++) {
		snprintf(text, sizeof(text),
			 D "\"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", "
			   "\"args\": [{\"op\": \"%s\", \"index\": 5, \"value\": "
			   "18446744073709551615}]}]}",
			 ops[i].op);
		p = parse(text, &x86, got, sizeof(got));
		CHECK(p && p->filters[0].nrules == 1);
		if (p && p->filters[0].nrules == 1) {
			const struct sjail_cond *c = &p->filters[0].rules[0].conds[0];

			CHECK_INT(c->op, ops[i].want);
			CHECK_INT(c->index, 5);
			CHECK_INT(c->width, 64);
			CHECK(c->op == SJAIL_OP_MASKED_EQ ? c->mask == UINT64_MAX && c->val == 0
							  : c->val == UINT64_MAX);
		}
		sjail_profile_free(p);
	}
}

/*
 * A MASKED_EQ whose valueTwo has bits outside its mask never holds in
 * libseccomp: its rule is left out, with a warning at the condition.
 */
static void test_never(void)
{
	static const char text[] = D
	    "\"syscalls\": [\n"
	    "{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [\n"
	    "  {\"index\": 0, \"value\": 1, \"op\": \"SCMP_CMP_EQ\"},\n"
	    "  {\"index\": 1, \"value\": 15, \"valueTwo\": 16, \"op\": \"SCMP_CMP_MASKED_EQ\"}]},\n"
	    "{\"names\": [\"write\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [\n"
	    "  {\"index\": 0, \"value\": 1, \"op\": \"SCMP_CMP_EQ\"},\n"
	    "  {\"index\": 0, \"value\": 15, \"valueTwo\": 16, \"op\": \"SCMP_CMP_MASKED_EQ\"}]}]}";
	const struct sjail_error *w = NULL;
	struct sjail_profile *p;
	char got[2048];

	p = parse(text, &x86, got, sizeof(got));
	CHECK(p != NULL);
	if (!p)
		return;
	/* read's one rule is gone; of write's two (split), the first stays. */
	CHECK_INT(p->filters[0].nrules, 1);
	CHECK_STR(p->filters[0].rules[0].syscall, "write");
	CHECK_INT(sjail_profile_warnings(p, &w), 2);
	sjail_error_format(&w[0], got, sizeof(got));
	CHECK_STR(got,
		  "t.json:4:3: syscalls[0].args[1]: SCMP_CMP_MASKED_EQ can never hold: "
		  "valueTwo 0x10 has bits outside the mask 0xf; the entry's rules are left out");
	sjail_error_format(&w[1], got, sizeof(got));
	CHECK_STR(got, "t.json:7:3: syscalls[1].args[1]: SCMP_CMP_MASKED_EQ can never hold: "
		       "valueTwo 0x10 has bits outside the mask 0xf; this condition's rule is left "
		       "out");
	sjail_profile_free(p);
}

/*
 * Rules: one per name, in file order, with the entry's place, comment and
 * JSON paths; "name" (Docker's old single name) works; rules with the
 * default action are left out, as runc leaves them out.
 */
static void test_rules(void)
{
	static const char text[] =
	    "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"defaultErrnoRet\": 1,\n"
	    "\"syscalls\": [\n"
	    "  {\"names\": [\"clone3\"], \"action\": \"SCMP_ACT_ERRNO\"},\n"
	    "  {\"names\": [\"read\", \"clone3\"], \"action\": \"SCMP_ACT_ALLOW\",\n"
	    "   \"comment\": \"why\"},\n"
	    "  {\"name\": \"mkdir\", \"action\": \"SCMP_ACT_ERRNO\", \"errnoRet\": 13}]}";
	struct sjail_profile *p;
	const struct sjail_rule *r;
	char got[2048], path[512];

	p = parse(text, &x86, got, sizeof(got));
	CHECK(p && p->filters[0].nrules == 3);
	if (!p || p->filters[0].nrules != 3) {
		sjail_profile_free(p);
		return;
	}
	r = p->filters[0].rules;
	CHECK_STR(r[0].syscall, "read");
	CHECK_STR(r[1].syscall, "clone3");
	CHECK_STR(r[2].syscall, "mkdir");
	CHECK_INT(r[0].loc.line, 4);
	CHECK_INT(r[0].loc.col, 3);
	CHECK_INT(r[1].syscall_loc.line, 4);
	CHECK_INT(r[1].syscall_loc.col, 22);
	CHECK_STR(r[1].comment, "why");
	CHECK(r[2].comment == NULL);
	CHECK(r[0].lenient && r[2].lenient);
	CHECK_INT(r[2].action, SECCOMP_RET_ERRNO | EACCES);
	CHECK_STR(error_rule_path(path, sizeof(path), &p->filters[0], 1, ""), "syscalls[1]");
	CHECK_STR(error_rule_path(path, sizeof(path), &p->filters[0], 1, ".syscall"),
		  "syscalls[1].names[1]");
	CHECK_STR(error_rule_path(path, sizeof(path), &p->filters[0], 2, ".names"),
		  "syscalls[2].name");
	/* What a seccompiler match action would be: the most common rule action. */
	CHECK_INT(p->filters[0].match_action, SECCOMP_RET_ALLOW);
	/* The first clone3 rule is gone, so the second decides: allow. */
	CHECK_INT(verdict(p, 435, 0, 0), SECCOMP_RET_ALLOW);
	CHECK_INT(verdict(p, 83, 0, 0), SECCOMP_RET_ERRNO | EACCES);
	CHECK_INT(verdict(p, 39, 0, 0), SECCOMP_RET_ERRNO | EPERM);
	sjail_profile_free(p);
}

static bool has_abi(const struct sjail_filter *f, const char *name)
{
	for (size_t i = 0; i < f->nabis; i++)
		if (strcmp(f->abis[i], name) == 0)
			return true;
	return false;
}

/* "architectures", Docker's archMap for each target, flags, and what is ignored. */
static void test_arches_flags(void)
{
	static const char archmap[] =
	    D "\"archMap\": [\n"
	      "  {\"architecture\": \"SCMP_ARCH_S390X\", \"subArchitectures\": "
	      "[\"SCMP_ARCH_S390\"]},\n"
	      "  {\"architecture\": \"SCMP_ARCH_X86_64\",\n"
	      "   \"subArchitectures\": [\"SCMP_ARCH_X86\", \"SCMP_ARCH_X32\"]},\n"
	      "  {\"architecture\": \"SCMP_ARCH_AARCH64\", \"subArchitectures\": "
	      "[\"SCMP_ARCH_ARM\"]},\n"
	      "  {\"architecture\": \"SCMP_ARCH_X86_64\", \"subArchitectures\": "
	      "[\"SCMP_ARCH_PPC\"]},\n"
	      "  {\"architecture\": \"SCMP_ARCH_X86\", \"subArchitectures\": "
	      "[\"SCMP_ARCH_X86_64\"]},\n"
	      "  {\"architecture\": \"SCMP_ARCH_RISCV64\", \"subArchitectures\": null}]}";
	/*
	 * abi: one the filter lists; covered: how many ABIs the program
	 * covers. A 32-bit target covers its own alone, whatever the entry
	 * lists (i386 beside x86_64 here); without an entry of its own
	 * (x32, arm) the filter lists nothing, as Docker's archMap has no
	 * entry for them.
	 */
	static const struct {
		const struct sjail_arch *arch;
		size_t nabis, covered;
		const char *abi;
	} targets[] = {
	    {&sjail_arch_x86_64, 3, 3, "x32"},	    {&sjail_arch_aarch64, 2, 2, "arm"},
	    {&sjail_arch_riscv64, 1, 1, "riscv64"}, {&sjail_arch_i386, 2, 1, "x86_64"},
	    {&sjail_arch_x32, 0, 1, NULL},	    {&sjail_arch_arm, 0, 1, NULL},
	};
	struct sjail_load_options opts = x86;
	const struct sjail_error *w;
	struct sjail_profile *p;
	char got[2048];

	for (size_t i = 0; i < ELEMENTSOF(targets); i++) {
		opts.arch = targets[i].arch;
		p = parse(archmap, &opts, got, sizeof(got));
		CHECK(p != NULL);
		if (!p)
			continue;
		/* The first entry of the target, with its subarchitectures; nothing else. */
		CHECK_INT(p->filters[0].nabis, targets[i].nabis);
		CHECK(!targets[i].nabis || has_abi(&p->filters[0], targets[i].arch->name));
		CHECK(!targets[i].abi || has_abi(&p->filters[0], targets[i].abi));
		{
			const struct sjail_arch *sel[SJAIL_MAX_ABIS];

			CHECK_INT(arch_select(&p->filters[0], targets[i].arch, sel),
				  targets[i].covered);
			CHECK(sel[0] == targets[i].arch);
		}
		sjail_profile_free(p);
	}

	/* "architectures": sjail's ABIs kept, others (s390x) have no table and no effect. */
	p = parse(D
		  "\"architectures\": [\"SCMP_ARCH_X86\", \"SCMP_ARCH_S390X\", \"SCMP_ARCH_X86\"],"
		  "\"flags\": [\"SECCOMP_FILTER_FLAG_LOG\", \"SECCOMP_FILTER_FLAG_SPEC_ALLOW\","
		  " \"SECCOMP_FILTER_FLAG_TSYNC\"], \"listenerPath\": \"/run/agent.sock\","
		  " \"listenerMetadata\": \"x\", \"comment\": \"top\"}",
		  &x86, got, sizeof(got));
	CHECK(p != NULL);
	if (!p)
		return;
	CHECK_INT(p->filters[0].nabis, 1);
	CHECK(has_abi(&p->filters[0], "i386"));
	CHECK_INT(p->filters[0].install_flags, SECCOMP_FILTER_FLAG_LOG |
						   SECCOMP_FILTER_FLAG_SPEC_ALLOW |
						   SECCOMP_FILTER_FLAG_TSYNC);
	CHECK_INT(sjail_profile_warnings(p, &w), 1);
	sjail_error_format(&w[0], got, sizeof(got));
	CHECK_STR(
	    got,
	    "t.json:1:225: listenerPath: ignored: sjail hands its listener to no seccomp agent");
	/* The program takes the flags along to sjail_install(). */
	{
		struct sjail_program *prog = NULL;

		CHECK_INT(sjail_compile(p, 0, &sjail_arch_x86_64, &prog, NULL), 0);
		if (prog)
			CHECK_INT(prog->install_flags, p->filters[0].install_flags);
		sjail_program_free(prog);
	}
	sjail_profile_free(p);

	/*
	 * An x32 target whose "architectures" lists x86_64 and x86: a 32-bit
	 * target has no companions, so its program covers x32 alone and
	 * kills the x86_64 numbers (which an x32 process can call) and i386's.
	 */
	opts.arch = &sjail_arch_x32;
	p = parse(D "\"architectures\": [\"SCMP_ARCH_X86_64\", \"SCMP_ARCH_X32\", "
		    "\"SCMP_ARCH_X86\"]}",
		  &opts, got, sizeof(got));
	CHECK(p && p->filters[0].nabis == 3);
	if (p) {
		const struct sjail_arch *sel[SJAIL_MAX_ABIS];
		struct sjail_program *prog = NULL;

		CHECK_INT(arch_select(&p->filters[0], &sjail_arch_x32, sel), 1);
		CHECK_INT(sjail_compile(p, 0, &sjail_arch_x32, &prog, NULL), 0);
		if (prog) {
			struct seccomp_data d = {.nr = 39, .arch = 0xc000003eu};

			CHECK_INT(sjail_program_run(prog, &d, NULL), SECCOMP_RET_KILL_PROCESS);
			d.nr = 0x40000027;
			CHECK_INT(sjail_program_run(prog, &d, NULL), p->filters[0].mismatch_action);
			d.nr = 20;
			d.arch = 0x40000003u;
			CHECK_INT(sjail_program_run(prog, &d, NULL), SECCOMP_RET_KILL_PROCESS);
		}
		sjail_program_free(prog);
	}
	sjail_profile_free(p);

	/* An empty archMap beside "architectures" is no conflict (Docker checks lengths). */
	p = parse(D "\"architectures\": [\"SCMP_ARCH_X32\"], \"archMap\": []}", &x86, got,
		  sizeof(got));
	CHECK(p && p->filters[0].nabis == 1 && has_abi(&p->filters[0], "x32"));
	sjail_profile_free(p);
}

/* The names of filter 0's rules, space-separated. */
static const char *names(const struct sjail_profile *p, char *buf, size_t len)
{
	buf[0] = '\0';
	for (size_t i = 0; p && i < p->filters[0].nrules; i++)
		snprintf(buf + strlen(buf), len - strlen(buf), "%s%s", i ? " " : "",
			 p->filters[0].rules[i].syscall);
	return buf;
}

/*
 * Docker's includes and excludes: includes need every capability listed,
 * excludes drop an entry when any one is there; minKernel compares X.Y as
 * numbers; arches are Docker's names for the target (amd64, arm64,
 * riscv64, x86, x32, arm). An empty list decides nothing; a capability sjail does not
 * know is never in the set.
 */
static void test_selectors(void)
{
	static const char text[] =
	    D "\"syscalls\": [\n"
	      "{\"names\": [\"getpid\"], \"action\": \"SCMP_ACT_ALLOW\", "
	      "\"includes\": {\"caps\": [\"CAP_SYS_ADMIN\", \"CAP_KILL\"]}},\n"
	      "{\"names\": [\"getppid\"], \"action\": \"SCMP_ACT_ALLOW\", "
	      "\"excludes\": {\"caps\": [\"CAP_SYS_ADMIN\", \"CAP_KILL\"]}},\n"
	      "{\"names\": [\"getuid\"], \"action\": \"SCMP_ACT_ALLOW\", "
	      "\"includes\": {\"minKernel\": \"5.8\"}},\n"
	      "{\"names\": [\"getgid\"], \"action\": \"SCMP_ACT_ALLOW\", "
	      "\"excludes\": {\"minKernel\": \"5.8\"}},\n"
	      "{\"names\": [\"geteuid\"], \"action\": \"SCMP_ACT_ALLOW\", "
	      "\"includes\": {\"arches\": [\"amd64\", \"x32\"]}},\n"
	      "{\"names\": [\"getegid\"], \"action\": \"SCMP_ACT_ALLOW\", "
	      "\"excludes\": {\"arches\": [\"amd64\", \"arm64\"]}},\n"
	      "{\"names\": [\"gettid\"], \"action\": \"SCMP_ACT_ALLOW\", "
	      "\"includes\": {\"caps\": [], \"arches\": null}, \"excludes\": {}},\n"
	      "{\"names\": [\"getpgrp\"], \"action\": \"SCMP_ACT_ALLOW\", "
	      "\"includes\": {\"caps\": [\"CAP_BOGUS\"]}},\n"
	      "{\"names\": [\"getsid\"], \"action\": \"SCMP_ACT_ALLOW\", "
	      "\"includes\": {\"caps\": [\"CAP_KILL\"], \"minKernel\": \"4.0\"}, "
	      "\"excludes\": {\"arches\": [\"riscv64\"]}},\n"
	      "{\"names\": [\"sync\"], \"action\": \"SCMP_ACT_ALLOW\", "
	      "\"excludes\": {\"caps\": [\"CAP_BOGUS\"]}}]}";
	static const struct {
		const char *caps;
		unsigned major, minor;
		const struct sjail_arch *arch;
		const char *want;
	} cases[] = {
	    {"", 5, 7, &sjail_arch_x86_64, "getppid getgid geteuid gettid sync"},
	    {"CAP_KILL", 5, 8, &sjail_arch_x86_64, "getuid geteuid gettid getsid sync"},
	    {"CAP_KILL", 5, 10, &sjail_arch_x86_64, "getuid geteuid gettid getsid sync"},
	    {"CAP_SYS_ADMIN,CAP_KILL", 6, 0, &sjail_arch_aarch64,
	     "getpid getuid gettid getsid sync"},
	    {"CAP_SYS_ADMIN", 3, 10, &sjail_arch_riscv64, "getgid getegid gettid sync"},
	    {"CAP_KILL,CAP_SYSLOG", 3, 99, &sjail_arch_x86_64, "getgid geteuid gettid sync"},
	    /* Docker's names of the 32-bit targets: x86 (Go's 386), x32, arm. */
	    {"", 5, 7, &sjail_arch_i386, "getppid getgid getegid gettid sync"},
	    {"CAP_KILL", 5, 8, &sjail_arch_x32, "getuid geteuid getegid gettid getsid sync"},
	    {"CAP_SYS_ADMIN,CAP_KILL", 6, 0, &sjail_arch_arm,
	     "getpid getuid getegid gettid getsid sync"},
	};
	const struct sjail_error *w;
	char got[2048], buf[512];

	for (size_t i = 0; i < ELEMENTSOF(cases); i++) {
		struct sjail_load_options opts = {
		    .format = SJAIL_FORMAT_OCI,
		    .arch = cases[i].arch,
		    .caps_given = true,
		    .kernel_major = cases[i].major,
		    .kernel_minor = cases[i].minor,
		};
		struct sjail_profile *p;

		CHECK_INT(sjail_caps_parse(cases[i].caps, &opts.caps, NULL), 0);
		p = parse(text, &opts, got, sizeof(got));
		CHECK(p != NULL);
		if (strcmp(names(p, buf, sizeof(buf)), cases[i].want) != 0)
			fprintf(stderr, "case %zu\n", i);
		CHECK_STR(buf, cases[i].want);
		if (!p)
			continue;
		CHECK_INT(p->oci.dropped, 10 - p->filters[0].nrules);
		CHECK(p->oci.caps && p->oci.kernel && p->oci.arch == cases[i].arch);
		CHECK_INT(sjail_profile_warnings(p, &w), 2);
		sjail_error_format(&w[0], got, sizeof(got));
		CHECK_STR(got, "t.json:9:74: syscalls[7].includes.caps[0]: unknown capability "
			       "'CAP_BOGUS': it is never in the set");
		sjail_profile_free(p);
	}
}

/* This process's bounding set and the running kernel, when the options name none. */
static void test_defaults(void)
{
	struct sjail_load_options opts = {.arch = &sjail_arch_x86_64};
	struct sjail_profile *own = NULL, *given = NULL;
	unsigned long long capbnd = 0;
	struct utsname u;
	char line[256], a[8192], b[8192];
	FILE *f = fopen("/proc/self/status", "re");

	CHECK(f != NULL);
	while (f && fgets(line, sizeof(line), f))
		sscanf(line, "CapBnd: %llx", &capbnd);
	if (f)
		fclose(f);
	CHECK_INT(uname(&u), 0);
	CHECK_INT(sjail_profile_load_with(DOCKER, &opts, &own, NULL), 0);
	opts.caps_given = true;
	opts.caps = capbnd;
	CHECK_INT(sjail_kernel_parse(u.release, &opts.kernel_major, &opts.kernel_minor, NULL), 0);
	CHECK_INT(sjail_profile_load_with(DOCKER, &opts, &given, NULL), 0);
	CHECK(own && given);
	if (own && given) {
		CHECK_STR(names(own, a, sizeof(a)), names(given, b, sizeof(b)));
		CHECK(own->oci.cap_set == capbnd);
		CHECK_INT(own->oci.kernel_major, opts.kernel_major);
		CHECK_INT(own->oci.kernel_minor, opts.kernel_minor);
	}
	sjail_profile_free(own);
	sjail_profile_free(given);
}

/* The capability names are <linux/capability.h>'s; --caps and --kernel parse strictly. */
static void test_caps_kernel(void)
{
	static const struct {
		int nr;
		const char *name;
	} caps[] = {
	    {CAP_CHOWN, "CAP_CHOWN"},
	    {CAP_DAC_OVERRIDE, "CAP_DAC_OVERRIDE"},
	    {CAP_DAC_READ_SEARCH, "CAP_DAC_READ_SEARCH"},
	    {CAP_FOWNER, "CAP_FOWNER"},
	    {CAP_FSETID, "CAP_FSETID"},
	    {CAP_KILL, "CAP_KILL"},
	    {CAP_SETGID, "CAP_SETGID"},
	    {CAP_SETUID, "CAP_SETUID"},
	    {CAP_SETPCAP, "CAP_SETPCAP"},
	    {CAP_LINUX_IMMUTABLE, "CAP_LINUX_IMMUTABLE"},
	    {CAP_NET_BIND_SERVICE, "CAP_NET_BIND_SERVICE"},
	    {CAP_NET_BROADCAST, "CAP_NET_BROADCAST"},
	    {CAP_NET_ADMIN, "CAP_NET_ADMIN"},
	    {CAP_NET_RAW, "CAP_NET_RAW"},
	    {CAP_IPC_LOCK, "CAP_IPC_LOCK"},
	    {CAP_IPC_OWNER, "CAP_IPC_OWNER"},
	    {CAP_SYS_MODULE, "CAP_SYS_MODULE"},
	    {CAP_SYS_RAWIO, "CAP_SYS_RAWIO"},
	    {CAP_SYS_CHROOT, "CAP_SYS_CHROOT"},
	    {CAP_SYS_PTRACE, "CAP_SYS_PTRACE"},
	    {CAP_SYS_PACCT, "CAP_SYS_PACCT"},
	    {CAP_SYS_ADMIN, "CAP_SYS_ADMIN"},
	    {CAP_SYS_BOOT, "CAP_SYS_BOOT"},
	    {CAP_SYS_NICE, "CAP_SYS_NICE"},
	    {CAP_SYS_RESOURCE, "CAP_SYS_RESOURCE"},
	    {CAP_SYS_TIME, "CAP_SYS_TIME"},
	    {CAP_SYS_TTY_CONFIG, "CAP_SYS_TTY_CONFIG"},
	    {CAP_MKNOD, "CAP_MKNOD"},
	    {CAP_LEASE, "CAP_LEASE"},
	    {CAP_AUDIT_WRITE, "CAP_AUDIT_WRITE"},
	    {CAP_AUDIT_CONTROL, "CAP_AUDIT_CONTROL"},
	    {CAP_SETFCAP, "CAP_SETFCAP"},
	    {CAP_MAC_OVERRIDE, "CAP_MAC_OVERRIDE"},
	    {CAP_MAC_ADMIN, "CAP_MAC_ADMIN"},
	    {CAP_SYSLOG, "CAP_SYSLOG"},
	    {CAP_WAKE_ALARM, "CAP_WAKE_ALARM"},
	    {CAP_BLOCK_SUSPEND, "CAP_BLOCK_SUSPEND"},
	    {CAP_AUDIT_READ, "CAP_AUDIT_READ"},
	    {CAP_PERFMON, "CAP_PERFMON"},
	    {CAP_BPF, "CAP_BPF"},
	    {CAP_CHECKPOINT_RESTORE, "CAP_CHECKPOINT_RESTORE"},
	};
	struct sjail_error err;
	uint64_t set = 0;
	unsigned major = 0, minor = 0;

	CHECK_INT(ELEMENTSOF(caps), CAP_LAST_CAP + 1);
	for (size_t i = 0; i < ELEMENTSOF(caps); i++) {
		CHECK_STR(oci_cap_name((unsigned)caps[i].nr), caps[i].name);
		CHECK_INT(sjail_caps_parse(caps[i].name, &set, NULL), 0);
		CHECK(set == 1ull << caps[i].nr);
	}
	CHECK(oci_cap_name(CAP_LAST_CAP + 1) == NULL);
	CHECK_INT(sjail_caps_parse("CAP_KILL,CAP_CHOWN,CAP_KILL", &set, NULL), 0);
	CHECK(set == (1ull << CAP_KILL | 1ull << CAP_CHOWN));
	CHECK_INT(sjail_caps_parse("", &set, NULL), 0);
	CHECK(set == 0);
	set = 7;
	CHECK_INT(sjail_caps_parse("CAP_KILL,cap_chown", &set, &err), -EINVAL);
	CHECK_STR(err.msg, "unknown capability 'cap_chown' (expected names like CAP_SYS_ADMIN, "
			   "comma-separated)");
	CHECK_INT(sjail_caps_parse("CAP_KILL,", &set, &err), -EINVAL);
	CHECK_STR(err.msg, "unknown capability '' (expected names like CAP_SYS_ADMIN, "
			   "comma-separated)");
	CHECK_INT(sjail_caps_parse("CAP_KILL CAP_CHOWN", &set, &err), -EINVAL);
	CHECK(set == 7); /* written on success only */

	CHECK_INT(sjail_kernel_parse("5.10", &major, &minor, NULL), 0);
	CHECK(major == 5 && minor == 10);
	CHECK_INT(sjail_kernel_parse("6.1.0-18-amd64", &major, &minor, NULL), 0);
	CHECK(major == 6 && minor == 1);
	CHECK_INT(sjail_kernel_parse("6", &major, &minor, &err), -EINVAL);
	CHECK_STR(err.msg, "'6' is not a kernel version: expected X.Y, like 6.1");
	CHECK_INT(sjail_kernel_parse("0.0", &major, &minor, &err), -EINVAL);
	CHECK_INT(sjail_kernel_parse("v6.1", &major, &minor, &err), -EINVAL);
	CHECK_INT(sjail_kernel_parse("6.256", &major, &minor, &err), -EINVAL);
	/* a release's tail after '-' or '+' is fine, letters stuck to the number are not */
	CHECK_INT(sjail_kernel_parse("5.15.0+", &major, &minor, NULL), 0);
	CHECK_INT(sjail_kernel_parse("6.18.44-fc-v595", &major, &minor, NULL), 0);
	CHECK(major == 6 && minor == 18);
	CHECK_INT(sjail_kernel_parse("5.10abc", &major, &minor, &err), -EINVAL);
	CHECK_STR(err.msg, "'5.10abc' is not a kernel version: expected X.Y, like 6.1");
	CHECK_INT(sjail_kernel_parse("6.1 ", &major, &minor, &err), -EINVAL);
	CHECK(major == 6 && minor == 18); /* written on success only */
}

/* The rules of filter 0 for syscall name: their count, and the first. */
static size_t rules_of(const struct sjail_profile *p, const char *name,
		       const struct sjail_rule **ret_first)
{
	size_t n = 0;

	*ret_first = NULL;
	for (size_t i = 0; i < p->filters[0].nrules; i++)
		if (strcmp(p->filters[0].rules[i].syscall, name) == 0 && !n++)
			*ret_first = &p->filters[0].rules[i];
	return n;
}

static struct sjail_profile *docker(const struct sjail_arch *arch, const char *caps, unsigned major,
				    unsigned minor)
{
	struct sjail_load_options opts = {
	    .arch = arch, .caps_given = true, .kernel_major = major, .kernel_minor = minor};
	struct sjail_profile *p = NULL;
	struct sjail_error err;

	CHECK_INT(sjail_caps_parse(caps, &opts.caps, NULL), 0);
	sjail_error_clear(&err);
	CHECK_INT(sjail_profile_load_with(DOCKER, &opts, &p, &err), 0);
	CHECK_STR(err.msg, "");
	return p;
}

static unsigned long long verdicts;

/* Program against evaluator on one call. */
static void compare(const struct sjail_filter *f, const struct sjail_program *prog,
		    const struct sjail_compile_options *opts, const struct seccomp_data *d)
{
	int64_t want = eval_decide_with(f, prog->arch, opts, d, NULL);
	uint32_t got = sjail_program_run(prog, d, NULL);

	verdicts++;
	if (want != (int64_t)got) {
		check_failed++;
		fprintf(stderr, "MISMATCH %s arch 0x%x nr %d args %llx %llx: 0x%x vs 0x%llx\n",
			prog->arch->name, d->arch, d->nr, d->args[0], d->args[1], got,
			(long long)want);
	}
}

/*
 * Docker's default for every target, with and without the ENOSYS stub:
 * the kernel takes the program, and the program gives the rules' verdict
 * on every number 0..470 of every ABI it covers (x32 too) and on each
 * argument rule's boundaries, and on every number 0..470, with and without
 * the x32 bit, of every arch value (the doors), and on every number any
 * table has above that (x32's, ARM's private calls) and its neighbours.
 */
static void test_docker_differential(void)
{
	static const uint64_t edges[] = {
	    0, 1, 0xffffffffull, 0x100000000ull, 0xffffffff00000000ull, UINT64_MAX};

	for (const struct sjail_arch *const *target = sjail_arches; *target; target++) {
		const struct sjail_arch *abis[SJAIL_MAX_ABIS];
		struct sjail_profile *p = docker(*target, DOCKER_CAPS, 6, 1);
		size_t nabis;

		if (!p)
			continue;
		/* Docker's archMap has entries for x86_64 and aarch64 only. */
		nabis = arch_select(&p->filters[0], *target, abis);
		CHECK_INT(nabis, *target == &sjail_arch_x86_64	  ? 3
				 : *target == &sjail_arch_aarch64 ? 2
								  : 1);
		for (int stub = 0; stub < 2; stub++) {
			struct sjail_compile_options opts = {.enosys_new = stub};
			const struct sjail_filter *f = &p->filters[0];
			struct sjail_program *prog = NULL;

			CHECK_INT(sjail_compile_with(p, 0, *target, &opts, &prog, NULL), 0);
			if (!prog)
				continue;
			CHECK_INT(kernel_accepts(prog), 0);
			for (const struct sjail_arch *const *o = sjail_arches; *o; o++)
				for (uint32_t n = 0; n <= 470; n++)
					for (uint32_t bit = 0; bit <= 0x40000000u;
					     bit += 0x40000000u) {
						struct seccomp_data d = {.nr = (int)(n | bit),
									 .arch = (*o)->audit_arch};

						compare(f, prog, &opts, &d);
					}
			for (const struct sjail_arch *const *o = sjail_arches; *o; o++)
				for (const struct sjail_arch *const *t = sjail_arches; *t; t++)
					for (size_t i = 0; i < (*t)->nsyscalls; i++) {
						uint32_t nr = (*t)->syscalls[i].nr;

						if ((nr & ~0x40000000u) <= 470)
							continue;
						for (uint32_t n = nr - 1; n <= nr + 1; n++) {
							struct seccomp_data d = {
							    .nr = (int)n, .arch = (*o)->audit_arch};

							compare(f, prog, &opts, &d);
						}
					}
			for (size_t a = 0; a < nabis; a++)
				for (uint32_t n = 0; n <= 470; n++)
					for (size_t e = 0; e < ELEMENTSOF(edges); e++) {
						struct seccomp_data d = {
						    .nr = (int)(n | (strcmp(abis[a]->name, "x32")
									 ? 0
									 : 0x40000000u)),
						    .arch = abis[a]->audit_arch,
						    .args = {edges[e], edges[e], edges[e]}};

						compare(f, prog, &opts, &d);
					}
			for (size_t i = 0; i < f->nrules; i++) {
				const struct sjail_rule *r = &f->rules[i];

				for (size_t a = 0; a < nabis; a++) {
					uint32_t nr;

					if (sjail_arch_syscall_nr(abis[a], r->syscall, &nr) < 0)
						continue;
					for (size_t j = 0; j < r->nconds; j++)
						for (int64_t delta = -1; delta <= 1; delta++) {
							struct seccomp_data d = {
							    .nr = (int)nr,
							    .arch = abis[a]->audit_arch};

							d.args[r->conds[j].index] =
							    r->conds[j].val + (uint64_t)delta;
							compare(f, prog, &opts, &d);
							d.args[r->conds[j].index] |= 1ull << 32;
							compare(f, prog, &opts, &d);
						}
				}
			}
			sjail_program_free(prog);
		}
		sjail_profile_free(p);
	}
	CHECK(verdicts > 30000);
}

/*
 * What Docker's default means: archMap's three x86 ABIs, clone only
 * without namespace flags and clone3 ENOSYS without CAP_SYS_ADMIN, both
 * allowed with it; ptrace from kernel 4.8 on; arm's calls on arm64 only;
 * the unknown names warned about, or refused under --strict.
 */
static void test_docker_meaning(void)
{
	struct sjail_profile *p = docker(&sjail_arch_x86_64, DOCKER_CAPS, 6, 1);
	struct sjail_program *prog = NULL;
	struct sjail_explanation x;
	const struct sjail_rule *r;
	struct sjail_error err;
	char got[2048];

	if (!p)
		return;
	CHECK_INT(p->filters[0].mismatch_action, SECCOMP_RET_ERRNO | EPERM);
	CHECK(has_abi(&p->filters[0], "x86_64") && has_abi(&p->filters[0], "i386") &&
	      has_abi(&p->filters[0], "x32"));
	CHECK_INT(rules_of(p, "clone", &r), 1);
	CHECK(r && r->nconds == 1 && r->conds[0].op == SJAIL_OP_MASKED_EQ &&
	      r->conds[0].mask == 2114060288 && r->conds[0].val == 0 && r->conds[0].index == 0);
	CHECK_INT(rules_of(p, "clone3", &r), 1);
	CHECK(r && r->action == (SECCOMP_RET_ERRNO | ENOSYS) && r->nconds == 0);
	CHECK_INT(rules_of(p, "personality", &r), 5);
	CHECK_INT(rules_of(p, "socket", &r), 3);
	CHECK_INT(rules_of(p, "ptrace", &r), 1);
	CHECK_INT(rules_of(p, "arm_fadvise64_64", &r), 0);
	CHECK_INT(rules_of(p, "arch_prctl", &r), 1);
	CHECK_INT(rules_of(p, "mount", &r), 0);

	/* Unknown names: a warning each, on every ABI; an error under --strict. */
	CHECK_INT(sjail_compile(p, 0, &sjail_arch_x86_64, &prog, NULL), 0);
	CHECK(prog && prog->nwarnings == 3);
	if (prog && prog->nwarnings == 3) {
		sjail_error_format(&prog->warnings[0], got, sizeof(got));
		CHECK_STR(got, DOCKER ":285:5: syscalls[0].names[221]: unknown syscall 'recv' on "
				      "x86_64, i386 or x32: left out");
		CHECK_STR(prog->warnings[1].msg,
			  "unknown syscall 'riscv_hwprobe' on x86_64, i386 or x32: left out");
		CHECK_STR(prog->warnings[2].msg,
			  "unknown syscall 'send' on x86_64, i386 or x32: left out");
	}
	sjail_program_free(prog);
	prog = NULL;
	sjail_error_clear(&err);
	CHECK_INT(sjail_compile_with(p, 0, &sjail_arch_x86_64,
				     &(struct sjail_compile_options){.strict = true}, &prog, &err),
		  -EINVAL);
	sjail_error_format(&err, got, sizeof(got));
	CHECK_STR(got, DOCKER ":285:5: syscalls[0].names[221]: syscall 'recv' does not exist on "
			      "x86_64 (it exists on arm)");

	/* explain names the entry that decided. */
	CHECK_INT(sjail_explain(p, 0, &sjail_arch_x86_64,
				&(struct seccomp_data){.nr = 39, .arch = 0xc000003eu}, &x, &err),
		  0);
	CHECK_STR(x.path, "syscalls[0]");
	CHECK_INT(x.line, 62);
	CHECK_INT(x.action, SECCOMP_RET_ALLOW);
	sjail_profile_free(p);

	/* With CAP_SYS_ADMIN: clone whatever its flags, clone3 allowed. */
	p = docker(&sjail_arch_x86_64, DOCKER_CAPS ",CAP_SYS_ADMIN", 6, 1);
	if (p) {
		CHECK_INT(rules_of(p, "clone", &r), 1);
		CHECK(r && r->nconds == 0 && r->action == SECCOMP_RET_ALLOW);
		CHECK_INT(rules_of(p, "clone3", &r), 1);
		CHECK(r && r->action == SECCOMP_RET_ALLOW);
		CHECK_INT(rules_of(p, "mount", &r), 1);
	}
	sjail_profile_free(p);

	/* Before 4.8, ptrace needs CAP_SYS_PTRACE; on arm64, arm's calls and arm. */
	p = docker(&sjail_arch_x86_64, DOCKER_CAPS, 4, 7);
	CHECK(p && rules_of(p, "ptrace", &r) == 0);
	sjail_profile_free(p);
	p = docker(&sjail_arch_aarch64, DOCKER_CAPS, 6, 1);
	CHECK(p && rules_of(p, "arm_fadvise64_64", &r) == 1 && rules_of(p, "arch_prctl", &r) == 0);
	CHECK(p && p->filters[0].nabis == 2 && has_abi(&p->filters[0], "arm"));
	sjail_profile_free(p);

	/*
	 * The 32-bit targets, as Docker resolves the profile on such a host:
	 * no archMap entry (the program covers the target alone), and the
	 * entries whose "arches" name it: modify_ldt for x86 (i386) and x32,
	 * arch_prctl for x32, arm's calls for arm. Names the target's table
	 * does not have are left out, a warning each (i386: accept, recv,
	 * semop, ... go through socketcall and ipc there).
	 */
	{
		static const struct {
			const struct sjail_arch *arch;
			const char *in, *out;
			size_t warnings;
			const char *first;
		} t32[] = {
		    {&sjail_arch_i386, "modify_ldt", "arch_prctl", 10,
		     DOCKER ":64:5: syscalls[0].names[0]: unknown syscall 'accept' on i386: "
			    "left out"},
		    {&sjail_arch_x32, "arch_prctl", "arm_fadvise64_64", 69,
		     DOCKER ":77:5: syscalls[0].names[13]: unknown syscall 'chown32' on x32: "
			    "left out"},
		    {&sjail_arch_arm, "arm_fadvise64_64", "modify_ldt", 21,
		     DOCKER ":68:5: syscalls[0].names[4]: unknown syscall 'alarm' on arm: left "
			    "out"},
		};

		for (size_t i = 0; i < ELEMENTSOF(t32); i++) {
			p = docker(t32[i].arch, DOCKER_CAPS, 6, 1);
			if (!p)
				continue;
			CHECK_INT(p->filters[0].nabis, 0);
			CHECK_INT(rules_of(p, t32[i].in, &r), 1);
			CHECK_INT(rules_of(p, t32[i].out, &r), 0);
			prog = NULL;
			CHECK_INT(sjail_compile(p, 0, t32[i].arch, &prog, NULL), 0);
			CHECK(prog && prog->nwarnings == t32[i].warnings);
			if (prog && prog->nwarnings) {
				sjail_error_format(&prog->warnings[0], got, sizeof(got));
				CHECK_STR(got, t32[i].first);
			}
			sjail_program_free(prog);
			sjail_profile_free(p);
		}
	}
}

/*
 * ARM's private calls under Docker's default, whose entry syscalls[11]
 * allows breakpoint, cacheflush and set_tls (with arm_fadvise64_64 and
 * the like) for Docker's arches arm and arm64. A glibc program in the arm
 * ABI calls set_tls as it starts. For the arm target, and for arm beside
 * aarch64, that entry allows them (AUDIT_ARCH_ARM, nr 0x0f000N); the
 * private numbers the profile does not name get its default action, and
 * so does 0x0f0005 in aarch64's own ABI. x86_64's Docker has no such
 * entry.
 */
static void test_docker_arm_private(void)
{
	static const struct {
		uint32_t nr;
		const char *name; /* allowed by syscalls[11]; NULL: not named */
	} calls[] = {
	    {0x0f0001, "breakpoint"}, /* allowed */
	    {0x0f0002, "cacheflush"}, /* allowed */
	    {0x0f0005, "set_tls"},    /* allowed */
	    {0x0f0000, NULL},	      /* __ARM_NR_BASE: no call */
	    {0x0f0003, NULL},	      /* usr26 */
	    {0x0f0006, NULL},	      /* get_tls */
	    {0x0f0007, NULL},	      /* none */
	};
	const uint32_t arm = sjail_arch_arm.audit_arch, eperm = SECCOMP_RET_ERRNO | EPERM;
	const struct sjail_arch *targets[] = {&sjail_arch_arm, &sjail_arch_aarch64};
	const struct sjail_rule *r;
	struct sjail_profile *p;

	for (size_t t = 0; t < ELEMENTSOF(targets); t++) {
		struct sjail_explanation x;
		struct sjail_error err;
		struct seccomp_data d;

		p = docker(targets[t], DOCKER_CAPS, 6, 1);
		if (!p)
			continue;
		CHECK_INT(rules_of(p, "set_tls", &r), 1);
		CHECK_INT(rules_of(p, "cacheflush", &r), 1);
		for (size_t i = 0; i < ELEMENTSOF(calls); i++) {
			d = (struct seccomp_data){.nr = (int)calls[i].nr, .arch = arm};
			sjail_error_clear(&err);
			CHECK_INT(sjail_explain(p, 0, targets[t], &d, &x, &err), 0);
			CHECK_STR(err.msg, "");
			if (calls[i].name) {
				uint32_t nr = 0;

				CHECK_INT(
				    sjail_arch_syscall_nr(&sjail_arch_arm, calls[i].name, &nr), 0);
				CHECK_INT(nr, calls[i].nr);
				CHECK_INT(x.action, SECCOMP_RET_ALLOW);
				CHECK_INT(x.reason, SJAIL_REASON_RULE);
				CHECK_STR(x.path, "syscalls[11]");
				CHECK_INT(x.line, 555);
				CHECK_STR(x.syscall, calls[i].name);
			} else {
				CHECK_INT(x.action, eperm);
				CHECK_INT(x.reason, SJAIL_REASON_MISMATCH);
			}
		}
		/* The same number from the other arch value. */
		d = (struct seccomp_data){.nr = 0x0f0005, .arch = sjail_arch_aarch64.audit_arch};
		CHECK_INT(sjail_explain(p, 0, targets[t], &d, &x, &err), 0);
		CHECK_INT(x.action, t ? eperm : SECCOMP_RET_KILL_PROCESS);
		CHECK_INT(x.reason, t ? SJAIL_REASON_MISMATCH : SJAIL_REASON_ARCH);

		/*
		 * --enosys-new: set_tls is arm's highest named number, so only
		 * the numbers above it get ENOSYS, as from runc's stub (it takes
		 * the highest number libseccomp resolves, set_tls's too); a
		 * number past the rest of the table gets the default action.
		 */
		{
			struct sjail_compile_options opts = {.enosys_new = true};
			struct sjail_program *prog = NULL;
			static const struct {
				uint32_t nr, action;
			} stub[] = {
			    {470, SECCOMP_RET_ERRNO | EPERM},
			    {0x0f0004, SECCOMP_RET_ERRNO | EPERM},
			    {0x0f0005, SECCOMP_RET_ALLOW},
			    {0x0f0006, SECCOMP_RET_ERRNO | ENOSYS},
			    {0x0f07ff, SECCOMP_RET_ERRNO | ENOSYS},
			};

			CHECK_INT(sjail_compile_with(p, 0, targets[t], &opts, &prog, NULL), 0);
			for (size_t i = 0; prog && i < ELEMENTSOF(stub); i++) {
				d = (struct seccomp_data){.nr = (int)stub[i].nr, .arch = arm};
				CHECK_INT(sjail_program_run(prog, &d, NULL), stub[i].action);
				CHECK_INT(
				    eval_decide_with(&p->filters[0], targets[t], &opts, &d, NULL),
				    stub[i].action);
			}
			sjail_program_free(prog);
		}
		sjail_profile_free(p);
	}
	p = docker(&sjail_arch_x86_64, DOCKER_CAPS, 6, 1);
	CHECK(p && rules_of(p, "set_tls", &r) == 0 && rules_of(p, "cacheflush", &r) == 0);
	sjail_profile_free(p);
}

int main(void)
{
	test_errors();
	test_detect();
	test_actions();
	test_conditions();
	test_never();
	test_rules();
	test_arches_flags();
	test_selectors();
	test_defaults();
	test_caps_kernel();
	test_docker_meaning();
	test_docker_arm_private();
	test_docker_differential();
	printf("%llu verdicts compared\n", verdicts);
	return check_exit();
}
