#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
#
# gen-syscalls.sh - turns the kernel's syscall tables into arch/<arch>.c.
#
# Usage: sh arch/gen-syscalls.sh [--check] KERNEL_SYSCALLS_DIR
#
# KERNEL_SYSCALLS_DIR holds verbatim copies of the kernel's tables
# (../shared/kernel-syscalls). Without --check, (re)writes arch/<arch>.c for
# every architecture below. With --check, generates into a temporary directory
# and diffs against the committed files: exit 0 when they are identical, else
# print the diff and exit 1. Exit 2 on bad usage or unreadable/malformed input.
# Only the files of the arches below are written and diffed: arch/syscall-args.c
# is written by hand and left alone (no arch name can have its '-').
#
# A row of a table is "<number> <abi> <name> [<entry point> ...]". An arch
# takes the rows whose abi is in its list, with or without an entry point:
# reserved and unimplemented rows still get __NR_ names, as the kernel's
# scripts/syscallhdr.sh gives them. To those it adds its lines of EXTRA below,
# the calls the kernel numbers outside its tables (ARM's private calls).

set -eu

LC_ALL=C
export LC_ALL

# One line per architecture, whitespace-separated:
#   name bits endian audit_arch audit_macro foreign_nr_bit foreign_macro nr_offset table abi...
# endian is "little" or "big"; foreign_macro is "-" when foreign_nr_bit is 0;
# nr_offset is added to every number (x32 would use 0x40000000). An abi
# "@FILE:VAR" stands for the words of the Makefile variable VAR in FILE (its
# "VAR += ..." lines, as in arch/<arch>/kernel/Makefile.syscalls), so the
# kernel's own list is read rather than copied here. Paths are relative to
# KERNEL_SYSCALLS_DIR. To add an arch, add a line, e.g.
#   i386 32 little 0x40000003 AUDIT_ARCH_I386 0 - 0 tools/perf/arch/x86/entry/syscalls/syscall_32.tbl i386
#   arm 32 little 0x40000028 AUDIT_ARCH_ARM 0 - 0 tools/perf/arch/arm/entry/syscalls/syscall.tbl common eabi
# then list the new arch/<name>.c in CMakeLists.txt and its object in
# lib/ir.h and lib/arch.c.
ARCHES='
x86_64  64 little 0xc000003e AUDIT_ARCH_X86_64  0x40000000 __X32_SYSCALL_BIT 0 arch/x86/entry/syscalls/syscall_64.tbl common 64
aarch64 64 little 0xc00000b7 AUDIT_ARCH_AARCH64 0          -                 0 scripts/syscall.tbl common 64 @arch/arm64/kernel/Makefile.syscalls:syscall_abis_64
riscv64 64 little 0xc00000f3 AUDIT_ARCH_RISCV64 0          -                 0 scripts/syscall.tbl common 64 @arch/riscv/kernel/Makefile.syscalls:syscall_abis_64
i386    32 little 0x40000003 AUDIT_ARCH_I386    0          -                 0 tools/perf/arch/x86/entry/syscalls/syscall_32.tbl i386
x32     32 little 0xc000003e AUDIT_ARCH_X86_64  0          -                 0x40000000 arch/x86/entry/syscalls/syscall_64.tbl common x32
arm     32 little 0x40000028 AUDIT_ARCH_ARM     0          -                 0 tools/perf/arch/arm/entry/syscalls/syscall.tbl common
'

# Calls an ABI has that its table does not list, one per line:
#   arch number name header
# number is decimal or 0x-prefixed lowercase hex; header is the kernel file
# (relative to the kernel's tree, not KERNEL_SYSCALLS_DIR: it is not copied
# there) that defines the number. They join the arch's table as if they were
# rows of it, sorted by number with the rest; a number or name that the
# table has too is an error.
#
# arm: ARM's private calls. arch/arm/include/uapi/asm/unistd.h defines
# __ARM_NR_BASE as __NR_SYSCALL_BASE + 0x0f0000 (__NR_SYSCALL_BASE is 0 for
# EABI) and __ARM_NR_breakpoint ... __ARM_NR_get_tls as __ARM_NR_BASE + 1 ...
# + 6; syscall.tbl has no rows for them. They are syscalls to seccomp like
# any other (AUDIT_ARCH_ARM, nr 0x0f0001 ...): the filter runs before the
# kernel hands a number past its table to arm_syscall() (arch/arm/kernel/
# traps.c) or, for an arm task on arm64, to compat_arm_syscall() (arch/arm64/
# kernel/sys_compat.c, which serves cacheflush and set_tls and answers
# -ENOSYS to the others). glibc calls set_tls as a program starts, for the
# main thread's thread pointer (new threads get theirs from clone), and
# JITs call cacheflush. The names are the macros' without __ARM_NR_, as
# libseccomp and Docker's profile spell them.
EXTRA='
arm 0x0f0001 breakpoint arch/arm/include/uapi/asm/unistd.h
arm 0x0f0002 cacheflush arch/arm/include/uapi/asm/unistd.h
arm 0x0f0003 usr26      arch/arm/include/uapi/asm/unistd.h
arm 0x0f0004 usr32      arch/arm/include/uapi/asm/unistd.h
arm 0x0f0005 set_tls    arch/arm/include/uapi/asm/unistd.h
arm 0x0f0006 get_tls    arch/arm/include/uapi/asm/unistd.h
'

prog=gen-syscalls.sh

die()
{
	echo "$prog: $*" >&2
	exit 2
}

usage()
{
	echo "usage: sh arch/gen-syscalls.sh [--check] KERNEL_SYSCALLS_DIR" >&2
	exit 2
}

check=false
case ${1-} in
--check)
	check=true
	shift
	;;
-*)
	usage
	;;
esac
[ $# -eq 1 ] || usage
ksdir=$1
[ -d "$ksdir" ] || die "$ksdir: not a directory"

# arch/ is where this script lives, wherever it is run from.
case $0 in
*/*) archdir=$(CDPATH='' cd -- "${0%/*}" && pwd) ;;
*) archdir=$(pwd) ;;
esac
[ -f "$archdir/gen-syscalls.sh" ] || die "cannot find arch/ (run as: sh arch/gen-syscalls.sh)"

tmpdir=$(mktemp -d "${TMPDIR:-/tmp}/gen-syscalls.XXXXXX")
trap 'rm -rf "$tmpdir"' EXIT
trap 'exit 2' HUP INT TERM

# Prints the words of Makefile variable $2 in file $1: those of all its
# "VAR += words" lines ("VAR := words" and "VAR = words" start over).
makefile_words()
{
	[ -r "$1" ] || die "$1: cannot read"
	awk -v var="$2" '
		{
			line = $0
			sub(/#.*/, "", line)
			if (!sub("^[ \t]*" var "[ \t]*", "", line))
				next
			if (sub(/^\+=/, "", line))
				words = words " " line
			else if (sub(/^:?=/, "", line))
				words = " " line
			else
				next
			found = 1
		}
		END {
			if (!found)
				exit 1
			n = split(words, w)
			for (i = 1; i <= n; i++)
				printf "%s%s", (i > 1 ? " " : ""), w[i]
			print ""
		}' "$1" || die "$1: no $2 list"
}

# gen NAME BITS ENDIAN AUDIT AUDIT_MACRO FOREIGN FOREIGN_MACRO OFFSET TABLE ABI...
# writes arch/NAME.c to stdout. Runs in a subshell: errexit does not apply.
gen()
{
	name=$1 bits=$2 endian=$3 audit=$4 audit_macro=$5 foreign=$6 foreign_macro=$7
	offset=$8 table=$9
	shift 9

	case $name in
	'' | [!a-z]* | *[!a-z0-9_]*) die "bad arch name '$name'" ;;
	esac
	case $bits in
	32 | 64) ;;
	*) die "$name: bits must be 32 or 64, not '$bits'" ;;
	esac
	case $endian in
	little) big_endian=false ;;
	big) big_endian=true ;;
	*) die "$name: endian must be little or big, not '$endian'" ;;
	esac
	for v in "$audit" "$foreign" "$offset"; do
		case $v in
		0 | 0x[0-9a-f]*) ;;
		*) die "$name: '$v' is not 0 or a 0x-prefixed lowercase hex number" ;;
		esac
	done
	[ -r "$ksdir/$table" ] || die "$ksdir/$table: cannot read"

	# abis: every selected tag; sources: one "\n"-separated comment line
	# per Makefile list (awk -v turns the \n into newlines).
	abis='' sources=''
	for a in "$@"; do
		case $a in
		@*:*)
			file=${a#@}
			file=${file%%:*}
			var=${a##*:}
			words=$(makefile_words "$ksdir/$file" "$var") || exit 2
			abis="$abis $words"
			sources="$sources\\n * ($words: $var of $file)"
			;;
		*)
			abis="$abis $a"
			;;
		esac
	done

	# extras: this arch's lines of EXTRA, "number name header" each with
	# the number in decimal, "\n"-separated (awk -v turns the \n into
	# newlines).
	extras=''
	while read -r a nr sname header rest; do
		[ "$a" = "$name" ] || continue
		if [ -z "$header" ] || [ -n "$rest" ]; then
			die "EXTRA: expected <arch> <number> <name> <header>, not: $a $nr $sname $header $rest"
		fi
		case $nr in
		0x | 0x*[!0-9a-f]* | [1-9]*[!0-9]*) bad=true ;;
		0 | 0x* | [1-9]*) bad=false ;;
		*) bad=true ;;
		esac
		! $bad || die "EXTRA: $name: '$nr' is not 0x-prefixed lowercase hex or decimal"
		extras="$extras$((nr)) $sname $header\\n"
	done <<END_OF_EXTRA
$EXTRA
END_OF_EXTRA

	awk -v name="$name" -v bits="$bits" -v big_endian="$big_endian" \
		-v audit="$audit" -v audit_macro="$audit_macro" \
		-v foreign="$foreign" -v foreign_macro="$foreign_macro" \
		-v offset="$((offset))" -v table="$table" -v abis="$abis" \
		-v sources="$sources" -v extras="$extras" -v file="$ksdir/$table" '
		function fail(msg) {
			if (where == "")
				where = file ":" FNR
			printf "gen-syscalls.sh: %s: %s\n", where, msg > "/dev/stderr"
			failed = 1
			exit 2
		}
		# Adds syscall sname, number nr, to the table.
		function add(nr, sname) {
			if (sname !~ /^[a-z_][a-z0-9_]*$/)
				fail("bad syscall name \"" sname "\"")
			if (nr > 4294967295)
				fail("the number of " sname " is past 32 bits")
			if (nr in by_nr)
				fail("number " nr " is both " by_nr[nr] " and " sname)
			if (sname in seen)
				fail("name " sname " appears twice")
			by_nr[nr] = sname
			seen[sname] = 1
			cnt++
			nrs[cnt] = nr
			names[cnt] = sname
		}
		BEGIN {
			nabis = split(abis, abi)
			for (i = 1; i <= nabis; i++)
				rows[abi[i]] = 0
		}
		/^[ \t]*(#|$)/ { next }
		{
			if (NF < 3 || $1 !~ /^[0-9]+$/)
				fail("expected <number> <abi> <name> [<entry point> ...]")
			if (!($2 in rows))
				next
			add($1 + offset, $3)
			rows[$2]++
		}
		END {
			if (failed)
				exit 2

			# The calls the table does not list, after its rows; a
			# clash with a row is reported against EXTRA.
			where = "EXTRA (" name ")"
			nx = split(extras, xline, "\n")
			for (i = 1; i <= nx; i++) {
				if (xline[i] == "")
					continue
				split(xline[i], x, " ")
				add(x[1] + 0, x[2])
				is_extra[x[1] + 0] = 1
				if (!(x[3] in xnames)) {
					xhdr[++nxhdr] = x[3]
					xnames[x[3]] = x[2]
				} else {
					xnames[x[3]] = xnames[x[3]] " " x[2]
				}
			}
			if (failed)
				exit 2
			if (cnt == 0 || cnt > 65535)
				fail(cnt " syscalls selected for " name)

			# Insertion sorts (a few hundred rows): idx by number,
			# ord by name (byte order, LC_ALL=C: that of strcmp).
			for (i = 1; i <= cnt; i++) {
				for (j = i - 1; j >= 1 && nrs[idx[j]] > nrs[i]; j--)
					idx[j + 1] = idx[j]
				idx[j + 1] = i
			}
			for (i = 1; i <= cnt; i++)
				pos[idx[i]] = i - 1
			for (i = 1; i <= cnt; i++) {
				for (j = i - 1; j >= 1 && names[ord[j]] > names[i]; j--)
					ord[j + 1] = ord[j]
				ord[j + 1] = i
			}

			list = ""
			for (i = 1; i <= nabis; i++) {
				list = list (i > 1 ? " " : "") abi[i]
				if (!rows[abi[i]])
					list = list " (no rows)"
			}

			printf "/* generated by arch/gen-syscalls.sh from %s \342\200\224 do not edit */\n", table
			print "/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */"
			print "/*"
			print " * The Linux kernel UAPI syscall names and numbers of " name ": the rows of"
			print " * " table " whose ABI is one of"
			print " * " list sources
			for (h = 1; h <= nxhdr; h++) {
				print " * and, though the table has no rows for them, the calls of"
				print " * " xhdr[h] " that gen-syscalls.sh lists:"
				print " * " xnames[xhdr[h]]
			}
			print " */"
			print ""
			print "#include \"ir.h\""
			print ""
			print "static const struct sjail_syscall_def _syscalls[] = {"
			for (i = 1; i <= cnt; i++)
				if (nrs[idx[i]] in is_extra)
					printf "\t{ \"%s\", %d }, /* 0x%06x */\n", names[idx[i]],
					    nrs[idx[i]], nrs[idx[i]]
				else
					printf "\t{ \"%s\", %d },\n", names[idx[i]], nrs[idx[i]]
			print "};"
			print ""
			print "/* Indexes into _syscalls, sorted by name (strcmp order). */"
			print "static const uint16_t _by_name[] = {"
			for (i = 1; i <= cnt; i++)
				printf "\t%d, /* %s */\n", pos[ord[i]], names[ord[i]]
			print "};"
			print ""
			print "const struct sjail_arch sjail_arch_" name " = {"
			print "\t.name = \"" name "\","
			print "\t.audit_arch = " audit "u /* " audit_macro " */,"
			print "\t.bits = " bits ","
			print "\t.big_endian = " big_endian ","
			if (foreign_macro == "-")
				print "\t.foreign_nr_bit = " foreign ","
			else
				print "\t.foreign_nr_bit = " foreign "u /* " foreign_macro " */,"
			print "\t.syscalls = _syscalls,"
			print "\t.nsyscalls = ELEMENTSOF(_syscalls),"
			print "\t.by_name = _by_name,"
			print "};"
		}' "$ksdir/$table" || exit 2
}

# Every arch EXTRA names is one of ARCHES: a misspelt one would be ignored.
echo "$EXTRA" | while read -r a rest; do
	[ -n "$a" ] || continue
	echo "$ARCHES" | awk -v a="$a" '$1 == a { found = 1 } END { exit !found }' ||
		die "EXTRA: no arch '$a' in ARCHES"
done || exit 2

mkdir "$tmpdir/out"
set -f
echo "$ARCHES" | while read -r line; do
	[ -n "$line" ] || continue
	# shellcheck disable=SC2086 # split the line into its fields
	set -- $line
	[ $# -ge 10 ] || die "arch line has too few fields: $line"
	(gen "$@") >"$tmpdir/out/$1.c" || exit 2
done || exit 2
set +f

status=0
for f in "$tmpdir"/out/*.c; do
	base=${f##*/}
	if $check; then
		if ! diff -u "$archdir/$base" "$f" >"$tmpdir/diff" 2>&1; then
			sed -e "s|$tmpdir/out/|generated: arch/|" "$tmpdir/diff"
			status=1
		fi
	else
		cp "$f" "$archdir/$base.tmp"
		mv "$archdir/$base.tmp" "$archdir/$base"
	fi
done
if [ $status -ne 0 ]; then
	echo "$prog: arch/*.c differ from the tables; run: sh arch/gen-syscalls.sh $ksdir" >&2
fi
exit $status
