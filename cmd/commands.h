/* SPDX-License-Identifier: Apache-2.0 */
/* commands.h - what cmd/sjail.c dispatches to. Each returns an exit status. */
#ifndef SJAIL_COMMANDS_H
#define SJAIL_COMMANDS_H

#include "cli.h"
#include "sjail.h"

/* Prints err as one "sjail: FILE:LINE:COL: PATH: MSG" line on stderr. */
void report(const struct sjail_error *err);

/* The architecture called name (NULL: native); prints why not and returns -EINVAL. */
int load_arch(const char *name, const struct sjail_arch **ret_arch);

/* Loads file, picks filter (NULL: the only one) and compiles it; prints any error. */
int load_program(const char *file, const char *filter, const struct sjail_arch *arch,
		 struct sjail_program **ret_program, const char **ret_filter_name);

int command_check(const struct cli_options *o);
int command_compile(const struct cli_options *o);
int command_explain(const struct cli_options *o); /* operator.c */
int command_dump(const struct cli_options *o);	  /* operator.c */

#endif
