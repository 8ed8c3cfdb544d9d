/* SPDX-License-Identifier: Apache-2.0 */
/* check.h - the few assertions the C unit tests need. A failed check prints
 * where and what, and the test goes on; check_exit() returns non-zero if any
 * check failed. */
#ifndef SJAIL_CHECK_H
#define SJAIL_CHECK_H

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static unsigned check_count, check_failed;

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		check_count++;                                                                     \
		if (!(cond)) {                                                                     \
			check_failed++;                                                            \
			fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);   \
		}                                                                                  \
	} while (0)

#define CHECK_INT(a, b)                                                                            \
	do {                                                                                       \
		long long _a = (long long)(a), _b = (long long)(b);                                \
		check_count++;                                                                     \
		if (_a != _b) {                                                                    \
			check_failed++;                                                            \
			fprintf(stderr, "%s:%d: CHECK failed: %s == %s (%lld != %lld)\n",          \
				__FILE__, __LINE__, #a, #b, _a, _b);                               \
		}                                                                                  \
	} while (0)

#define CHECK_STR(a, b)                                                                            \
	do {                                                                                       \
		const char *_a = (a), *_b = (b);                                                   \
		check_count++;                                                                     \
		if (!_a || !_b || strcmp(_a, _b) != 0) {                                           \
			check_failed++;                                                            \
			fprintf(stderr, "%s:%d: CHECK failed: %s == %s\n  got:  %s\n  want: %s\n", \
				__FILE__, __LINE__, #a, #b, _a ? _a : "(null)",                    \
				_b ? _b : "(null)");                                               \
		}                                                                                  \
	} while (0)

static inline int check_exit(void)
{
	if (check_failed) {
		fprintf(stderr, "%u of %u checks failed\n", check_failed, check_count);
		return 1;
	}
	if (check_count == 0) {
		fprintf(stderr, "no checks ran\n");
		return 1;
	}
	printf("%u checks passed\n", check_count);
	return 0;
}

#endif
