#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
#
# native-sysh.sh - the native syscall numbers as the installed headers see them.
#
# Usage: sh native-sysh.sh CC > native_sysh.inc
#
# Prints '{ "read", 0 },' for every __NR_<name> macro of <sys/syscall.h>
# whose value is a plain number, directly or through other macros
# (asm-generic's "#define __NR_fcntl __NR3264_fcntl"). Expressions such as
# "(__NR_arch_specific_syscall + 15)" are left out, and so is __NR_syscalls,
# which is a count, not a syscall. test_tables.c checks the lines against
# the native table.

set -eu
[ $# -eq 1 ] || {
	echo "usage: sh native-sysh.sh CC" >&2
	exit 2
}

LC_ALL=C
export LC_ALL

# Not a pipe: the compiler's failure must fail the script.
defs=$(echo '#include <sys/syscall.h>' | "$1" -dM -E -)

out=$(printf '%s\n' "$defs" | awk '
	$1 == "#define" && NF == 3 && $2 ~ /^[A-Za-z_][A-Za-z0-9_]*$/ { val[$2] = $3 }
	END {
		for (m in val) {
			if (m !~ /^__NR_./ || m == "__NR_syscalls")
				continue
			v = val[m]
			for (depth = 0; depth < 8 && (v in val); depth++)
				v = val[v]
			if (v ~ /^[0-9]+$/) {
				printf "\t{ \"%s\", %s },\n", substr(m, 6), v
				n++
			}
		}
		if (!n) {
			print "native-sysh.sh: no __NR_ numbers in <sys/syscall.h>" > "/dev/stderr"
			exit 1
		}
	}')
printf '%s\n' "$out" | sort
