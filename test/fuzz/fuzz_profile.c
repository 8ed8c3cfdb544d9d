/* SPDX-License-Identifier: Apache-2.0 */
/*
 * fuzz_profile.c - the profile parser on arbitrary bytes. Besides what ASan
 * and UBSan catch: every refusal has a message and is placed on a line of the
 * text, unless it is about the whole file (no line, no JSON path); nothing is
 * returned on failure.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "ir.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sjail_profile *profile = NULL;
	struct sjail_error err;
	unsigned lines = 1;
	char msg[2200];
	int r;

	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	sjail_error_clear(&err);
	r = sjail_profile_parse("fuzz.json", (const char *)data, size, &profile, &err);
	sjail_error_format(&err, msg, sizeof(msg));
	if (r == 0 && (!profile || sjail_profile_filter_count(profile) == 0))
		abort();
	if (r < 0 &&
	    (profile || err.msg[0] == '\0' || (r != -EINVAL && r != -ENOMEM && r != -EFBIG) ||
	     (r == -EINVAL && err.line == 0 && err.path[0] != '\0') || err.line > lines ||
	     (err.line > 0 && err.col == 0))) {
		fprintf(stderr, "parse returned %d, %u lines: %s\n", r, lines, msg);
		abort();
	}
	sjail_profile_free(profile);
	return 0;
}
