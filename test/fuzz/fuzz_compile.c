/* SPDX-License-Identifier: Apache-2.0 */
/*
 * fuzz_compile.c - parse, then compile every filter for every architecture
 * (with --enosys-new when the last byte is odd): each program passes the
 * checker, fits the kernel's limit, and means what the rules say (the
 * interpreter agrees with eval_decide_with) on inputs made of the rules'
 * own syscalls and values and of the fuzz bytes.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "ir.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Eight bytes of the input from byte i on, wrapping around. */
static uint64_t _word(const uint8_t *data, size_t size, size_t i)
{
	uint64_t v = 0;

	for (size_t k = 0; k < 8 && size; k++)
		v = v << 8 | data[(i + k) % size];
	return v;
}

/*
 * Input k: a rule's syscall (or the number after it, where --enosys-new's
 * stub may start), its values (-1, +0, +1, other half flipped), bytes
 * elsewhere.
 */
static void _input(const struct sjail_filter *f, const struct sjail_arch *arch, const uint8_t *data,
		   size_t size, size_t k, struct seccomp_data *d)
{
	const struct sjail_rule *rule = &f->rules[(_word(data, size, k) + k) % f->nrules];
	uint32_t nr = (uint32_t)_word(data, size, 2 * k);

	for (size_t i = 0; i < 6; i++)
		d->args[i] = _word(data, size, 8 * (k + i));
	if (k % 8 != 7) /* else: a number from the bytes (x32, -1, beyond the table) */
		sjail_arch_syscall_nr(arch, rule->syscall, &nr);
	if (k % 8 == 6)
		nr++;
	d->nr = (int)nr;
	d->arch = k == 15 ? (uint32_t)_word(data, size, 3) : arch->audit_arch;
	for (size_t j = 0; j < rule->nconds; j++) {
		const struct sjail_cond *c = &rule->conds[j];
		uint64_t v = c->val + (k / 2 % 3) - 1, a = d->args[c->index];

		a = c->op == SJAIL_OP_MASKED_EQ ? (a & ~c->mask) | (v & c->mask) : v;
		d->args[c->index] = k & 1 ? a ^ (uint64_t)(k + j) << 32 : a;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sjail_compile_options opts = {.enosys_new = size && data[size - 1] & 1};
	struct sjail_profile *profile = NULL;

	if (sjail_profile_parse("fuzz.json", (const char *)data, size, &profile, NULL) < 0)
		return 0;
	for (size_t i = 0; i < profile->nfilters; i++) {
		const struct sjail_filter *f = &profile->filters[i];

		for (const struct sjail_arch *const *arch = sjail_arches; *arch; arch++) {
			/* nr -1: no rule's syscall, so the evaluator reads every rule */
			struct seccomp_data d = {.nr = -1, .arch = (*arch)->audit_arch};
			struct sjail_program *prog = NULL;
			int r = sjail_compile_with(profile, i, *arch, &opts, &prog, NULL);

			if (r == -E2BIG || r == -ENOMEM ||
			    (r == -EINVAL &&
			     eval_decide_with(f, *arch, &opts, &d, NULL) == -EINVAL))
				continue; /* too long, or a syscall unknown on arch: both say so */
			if (r < 0 || prog->len > SJAIL_MAX_INSNS ||
			    bpf_check(prog->insns, prog->len, NULL, NULL) < 0)
				abort();
			for (size_t k = 0; k < 16 && f->nrules; k++) {
				int64_t want, got;

				_input(f, *arch, data, size, k, &d);
				want = eval_decide_with(f, *arch, &opts, &d, NULL);
				got = sjail_program_run(prog, &d, NULL);
				if (want != got) {
					fprintf(stderr,
						"%s %s: nr %d: program 0x%llx, rules 0x%llx\n",
						f->name, (*arch)->name, d.nr, (long long)got,
						(long long)want);
					abort();
				}
			}
			sjail_program_free(prog);
		}
	}
	sjail_profile_free(profile);
	return 0;
}
