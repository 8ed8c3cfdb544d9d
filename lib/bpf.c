/* SPDX-License-Identifier: Apache-2.0 */
/*
 * bpf.c - classic BPF as seccomp sees it: the checker, the interpreter,
 * the disassembler and the serializer.
 *
 * The checker and the interpreter follow the kernel: bpf_check_classic()
 * and check_load_and_stores() in net/core/filter.c, seccomp_check_filter()
 * in kernel/seccomp.c, and the semantics of the cBPF-to-eBPF conversion
 * (A and X start at 0; division by X == 0 returns 0; ALU32 shifts by X use
 * the low 5 bits).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ir.h"

#define SECCOMP_DATA_SIZE ((uint32_t)sizeof(struct seccomp_data))

/* The opcodes seccomp admits (after its rewriting of LD|W|LEN). */
static bool _seccomp_code(uint16_t code)
{
	switch (code) {
	case BPF_LD | BPF_W | BPF_ABS:
	case BPF_LD | BPF_W | BPF_LEN:
	case BPF_LDX | BPF_W | BPF_LEN:
	case BPF_RET | BPF_K:
	case BPF_RET | BPF_A:
	case BPF_ALU | BPF_ADD | BPF_K:
	case BPF_ALU | BPF_ADD | BPF_X:
	case BPF_ALU | BPF_SUB | BPF_K:
	case BPF_ALU | BPF_SUB | BPF_X:
	case BPF_ALU | BPF_MUL | BPF_K:
	case BPF_ALU | BPF_MUL | BPF_X:
	case BPF_ALU | BPF_DIV | BPF_K:
	case BPF_ALU | BPF_DIV | BPF_X:
	case BPF_ALU | BPF_AND | BPF_K:
	case BPF_ALU | BPF_AND | BPF_X:
	case BPF_ALU | BPF_OR | BPF_K:
	case BPF_ALU | BPF_OR | BPF_X:
	case BPF_ALU | BPF_XOR | BPF_K:
	case BPF_ALU | BPF_XOR | BPF_X:
	case BPF_ALU | BPF_LSH | BPF_K:
	case BPF_ALU | BPF_LSH | BPF_X:
	case BPF_ALU | BPF_RSH | BPF_K:
	case BPF_ALU | BPF_RSH | BPF_X:
	case BPF_ALU | BPF_NEG:
	case BPF_LD | BPF_IMM:
	case BPF_LDX | BPF_IMM:
	case BPF_MISC | BPF_TAX:
	case BPF_MISC | BPF_TXA:
	case BPF_LD | BPF_MEM:
	case BPF_LDX | BPF_MEM:
	case BPF_ST:
	case BPF_STX:
	case BPF_JMP | BPF_JA:
	case BPF_JMP | BPF_JEQ | BPF_K:
	case BPF_JMP | BPF_JEQ | BPF_X:
	case BPF_JMP | BPF_JGE | BPF_K:
	case BPF_JMP | BPF_JGE | BPF_X:
	case BPF_JMP | BPF_JGT | BPF_K:
	case BPF_JMP | BPF_JGT | BPF_X:
	case BPF_JMP | BPF_JSET | BPF_K:
	case BPF_JMP | BPF_JSET | BPF_X:
		return true;
	}
	return false;
}

static bool _is_cond_jump(uint16_t code)
{
	return BPF_CLASS(code) == BPF_JMP && BPF_OP(code) != BPF_JA;
}

int bpf_check(const struct sock_filter *insns, size_t len, const char **ret_reason, size_t *ret_pc)
{
	uint16_t *masks = NULL, memvalid = 0;
	const char *reason = NULL;
	size_t pc = 0;

	if (len == 0 || len > SJAIL_MAX_INSNS) {
		reason = len ? "longer than 4096 instructions" : "empty program";
		goto fail;
	}
	for (pc = 0; pc < len; pc++) {
		const struct sock_filter *f = &insns[pc];

		if (!_seccomp_code(f->code)) {
			reason = "instruction not allowed in seccomp filters";
			goto fail;
		}
		switch (f->code) {
		case BPF_LD | BPF_W | BPF_ABS:
			if (f->k >= SECCOMP_DATA_SIZE || (f->k & 3)) {
				reason = "load outside struct seccomp_data or unaligned";
				goto fail;
			}
			break;
		case BPF_ALU | BPF_DIV | BPF_K:
			if (f->k == 0) {
				reason = "division by zero";
				goto fail;
			}
			break;
		case BPF_ALU | BPF_LSH | BPF_K:
		case BPF_ALU | BPF_RSH | BPF_K:
			if (f->k >= 32) {
				reason = "shift by 32 or more";
				goto fail;
			}
			break;
		case BPF_LD | BPF_MEM:
		case BPF_LDX | BPF_MEM:
		case BPF_ST:
		case BPF_STX:
			if (f->k >= BPF_MEMWORDS) {
				reason = "scratch memory index out of range";
				goto fail;
			}
			break;
		case BPF_JMP | BPF_JA:
			if (f->k >= len - pc - 1) {
				reason = "jump out of the program";
				goto fail;
			}
			break;
		default:
			if (_is_cond_jump(f->code) &&
			    (pc + f->jt + 1 >= len || pc + f->jf + 1 >= len)) {
				reason = "jump out of the program";
				goto fail;
			}
			break;
		}
	}
	pc = len - 1;
	if (BPF_CLASS(insns[pc].code) != BPF_RET) {
		reason = "the last instruction does not return";
		goto fail;
	}

	/* Scratch memory must be written on every path before it is read. */
	masks = malloc(len * sizeof(*masks));
	if (!masks)
		return -ENOMEM;
	memset(masks, 0xff, len * sizeof(*masks));
	for (pc = 0; pc < len; pc++) {
		const struct sock_filter *f = &insns[pc];

		memvalid &= masks[pc];
		if (f->code == BPF_ST || f->code == BPF_STX) {
			memvalid |= (uint16_t)(1u << f->k);
		} else if (f->code == (BPF_LD | BPF_MEM) || f->code == (BPF_LDX | BPF_MEM)) {
			if (!(memvalid & (1u << f->k))) {
				reason = "scratch memory read before it is written";
				goto fail;
			}
		} else if (f->code == (BPF_JMP | BPF_JA)) {
			masks[pc + 1 + f->k] &= memvalid;
			memvalid = UINT16_MAX;
		} else if (_is_cond_jump(f->code)) {
			masks[pc + 1 + f->jt] &= memvalid;
			masks[pc + 1 + f->jf] &= memvalid;
			memvalid = UINT16_MAX;
		}
	}
	free(masks);
	return 0;
fail:
	free(masks);
	if (ret_reason)
		*ret_reason = reason;
	if (ret_pc)
		*ret_pc = pc;
	return -EINVAL;
}

/* The 32-bit word at offset k of data, as the target lays it out. */
static uint32_t _load(const struct seccomp_data *d, uint32_t k, bool big_endian)
{
	uint64_t v;

	if (k == offsetof(struct seccomp_data, nr))
		return (uint32_t)d->nr;
	if (k == offsetof(struct seccomp_data, arch))
		return d->arch;
	if (k < offsetof(struct seccomp_data, args))
		v = d->instruction_pointer;
	else
		v = d->args[(k - offsetof(struct seccomp_data, args)) / 8];
	/* k % 8 == 0 is the word at the lower address. */
	if ((k % 8 == 0) != big_endian)
		return (uint32_t)v;
	return (uint32_t)(v >> 32);
}

uint32_t bpf_run(const struct sock_filter *insns, size_t len, const struct seccomp_data *data,
		 bool big_endian, size_t *ret_executed)
{
	uint32_t A = 0, X = 0, M[BPF_MEMWORDS] = {0}, ret = SECCOMP_RET_KILL_PROCESS;
	size_t pc = 0, executed = 0;

	while (pc < len) {
		const struct sock_filter *f = &insns[pc];
		uint32_t src = BPF_SRC(f->code) == BPF_X ? X : f->k;
		bool taken;

		executed++;
		pc++;
		switch (f->code) {
		case BPF_LD | BPF_W | BPF_ABS:
			if (f->k >= SECCOMP_DATA_SIZE || (f->k & 3))
				goto out;
			A = _load(data, f->k, big_endian);
			continue;
		case BPF_LD | BPF_W | BPF_LEN:
			A = SECCOMP_DATA_SIZE;
			continue;
		case BPF_LDX | BPF_W | BPF_LEN:
			X = SECCOMP_DATA_SIZE;
			continue;
		case BPF_LD | BPF_IMM:
			A = f->k;
			continue;
		case BPF_LDX | BPF_IMM:
			X = f->k;
			continue;
		case BPF_LD | BPF_MEM:
		case BPF_LDX | BPF_MEM:
		case BPF_ST:
		case BPF_STX:
			if (f->k >= BPF_MEMWORDS)
				goto out;
			if (f->code == (BPF_LD | BPF_MEM))
				A = M[f->k];
			else if (f->code == (BPF_LDX | BPF_MEM))
				X = M[f->k];
			else
				M[f->k] = f->code == BPF_ST ? A : X;
			continue;
		case BPF_MISC | BPF_TAX:
			X = A;
			continue;
		case BPF_MISC | BPF_TXA:
			A = X;
			continue;
		case BPF_ALU | BPF_ADD | BPF_K:
		case BPF_ALU | BPF_ADD | BPF_X:
			A += src;
			continue;
		case BPF_ALU | BPF_SUB | BPF_K:
		case BPF_ALU | BPF_SUB | BPF_X:
			A -= src;
			continue;
		case BPF_ALU | BPF_MUL | BPF_K:
		case BPF_ALU | BPF_MUL | BPF_X:
			A *= src;
			continue;
		case BPF_ALU | BPF_DIV | BPF_K:
		case BPF_ALU | BPF_DIV | BPF_X:
			if (src == 0) {
				/* The kernel's converted program returns 0 here. */
				ret = 0;
				goto out;
			}
			A /= src;
			continue;
		case BPF_ALU | BPF_AND | BPF_K:
		case BPF_ALU | BPF_AND | BPF_X:
			A &= src;
			continue;
		case BPF_ALU | BPF_OR | BPF_K:
		case BPF_ALU | BPF_OR | BPF_X:
			A |= src;
			continue;
		case BPF_ALU | BPF_XOR | BPF_K:
		case BPF_ALU | BPF_XOR | BPF_X:
			A ^= src;
			continue;
		case BPF_ALU | BPF_LSH | BPF_K:
		case BPF_ALU | BPF_LSH | BPF_X:
			A <<= (src & 31);
			continue;
		case BPF_ALU | BPF_RSH | BPF_K:
		case BPF_ALU | BPF_RSH | BPF_X:
			A >>= (src & 31);
			continue;
		case BPF_ALU | BPF_NEG:
			A = (uint32_t)-A;
			continue;
		case BPF_JMP | BPF_JA:
			if (f->k >= len - pc)
				goto out;
			pc += f->k;
			continue;
		case BPF_JMP | BPF_JEQ | BPF_K:
		case BPF_JMP | BPF_JEQ | BPF_X:
			taken = A == src;
			break;
		case BPF_JMP | BPF_JGE | BPF_K:
		case BPF_JMP | BPF_JGE | BPF_X:
			taken = A >= src;
			break;
		case BPF_JMP | BPF_JGT | BPF_K:
		case BPF_JMP | BPF_JGT | BPF_X:
			taken = A > src;
			break;
		case BPF_JMP | BPF_JSET | BPF_K:
		case BPF_JMP | BPF_JSET | BPF_X:
			taken = (A & src) != 0;
			break;
		case BPF_RET | BPF_K:
			ret = f->k;
			goto out;
		case BPF_RET | BPF_A:
			ret = A;
			goto out;
		default:
			goto out; /* refused by the kernel's checker */
		}
		pc += taken ? f->jt : f->jf;
	}
	ret = SECCOMP_RET_KILL_PROCESS; /* ran off the end: the checker refuses that */
out:
	if (ret_executed)
		*ret_executed = executed;
	return ret;
}

void bpf_serialize(const struct sock_filter *insns, size_t len, bool big_endian, uint8_t *out)
{
	for (size_t i = 0; i < len; i++, out += 8) {
		uint16_t code = insns[i].code;
		uint32_t k = insns[i].k;

		if (big_endian) {
			out[0] = (uint8_t)(code >> 8);
			out[1] = (uint8_t)code;
			out[4] = (uint8_t)(k >> 24);
			out[5] = (uint8_t)(k >> 16);
			out[6] = (uint8_t)(k >> 8);
			out[7] = (uint8_t)k;
		} else {
			out[0] = (uint8_t)code;
			out[1] = (uint8_t)(code >> 8);
			out[4] = (uint8_t)k;
			out[5] = (uint8_t)(k >> 8);
			out[6] = (uint8_t)(k >> 16);
			out[7] = (uint8_t)(k >> 24);
		}
		out[2] = insns[i].jt;
		out[3] = insns[i].jf;
	}
}

/* ---- the disassembler ------------------------------------------------- */

/* What the accumulator holds, for annotations. */
enum _acc {
	ACC_UNSET = 0, /* not reached yet */
	ACC_NR,
	ACC_ARCH,
	ACC_OTHER,
};

/* What is known at an instruction on every path to it. */
struct _state {
	enum _acc acc;
	bool audit_known; /* the arch value was tested equal to audit */
	uint32_t audit;
};

/*
 * The name of syscall nr under arch value audit: the ABI of that value
 * whose table has it (x32's numbers carry their bit). Without a known
 * value, the program's own arch.
 */
static const char *_syscall_name(const struct _state *st, const struct sjail_arch *arch,
				 uint32_t nr)
{
	const char *name;

	if (!st->audit_known)
		return arch ? sjail_arch_syscall_name(arch, nr) : NULL;
	for (size_t i = 0; sjail_arches[i]; i++)
		if (sjail_arches[i]->audit_arch == st->audit &&
		    (name = sjail_arch_syscall_name(sjail_arches[i], nr)))
			return name;
	return NULL;
}

/* The program's own ABI when it has the value (x32's program), else the value's owner. */
static const char *_audit_name(const struct sjail_arch *arch, uint32_t audit)
{
	if (arch && arch->audit_arch == audit)
		return arch->name;
	for (size_t i = 0; sjail_arches[i]; i++)
		if (sjail_arches[i]->audit_arch == audit)
			return sjail_arches[i]->name; /* x86_64 before x32: the owner */
	return NULL;
}

static void _field(uint32_t k, bool big_endian, char *buf, size_t len)
{
	if (k == offsetof(struct seccomp_data, nr))
		snprintf(buf, len, "nr");
	else if (k == offsetof(struct seccomp_data, arch))
		snprintf(buf, len, "arch");
	else if (k < offsetof(struct seccomp_data, args) && k < SECCOMP_DATA_SIZE)
		snprintf(buf, len, "ip.%s", ((k % 8 == 0) != big_endian) ? "lo" : "hi");
	else if (k < SECCOMP_DATA_SIZE)
		snprintf(buf, len, "args[%u].%s", (unsigned)(k - 16) / 8,
			 ((k % 8 == 0) != big_endian) ? "lo" : "hi");
	else
		snprintf(buf, len, "%u", k);
}

const char *sjail_action_format(uint32_t action, char *buf, size_t len)
{
	uint32_t data = action & SECCOMP_RET_DATA;

	switch (action & SECCOMP_RET_ACTION_FULL) {
	case SECCOMP_RET_KILL_PROCESS:
		snprintf(buf, len, "kill_process");
		break;
	case SECCOMP_RET_KILL_THREAD:
		snprintf(buf, len, "kill_thread");
		break;
	case SECCOMP_RET_TRAP:
		snprintf(buf, len, "trap");
		break;
	case SECCOMP_RET_ERRNO:
		snprintf(buf, len, "errno %u", data);
		break;
	case SECCOMP_RET_USER_NOTIF:
		snprintf(buf, len, "user_notif");
		break;
	case SECCOMP_RET_TRACE:
		snprintf(buf, len, "trace %u", data);
		break;
	case SECCOMP_RET_LOG:
		snprintf(buf, len, "log");
		break;
	case SECCOMP_RET_ALLOW:
		snprintf(buf, len, "allow");
		break;
	default:
		snprintf(buf, len, "0x%08x", action);
		break;
	}
	return buf;
}

static const char *_op_name(uint16_t code)
{
	switch (BPF_CLASS(code)) {
	case BPF_ALU:
		switch (BPF_OP(code)) {
		case BPF_ADD:
			return "add";
		case BPF_SUB:
			return "sub";
		case BPF_MUL:
			return "mul";
		case BPF_DIV:
			return "div";
		case BPF_AND:
			return "and";
		case BPF_OR:
			return "or";
		case BPF_XOR:
			return "xor";
		case BPF_LSH:
			return "lsh";
		case BPF_RSH:
			return "rsh";
		case BPF_NEG:
			return "neg";
		}
		break;
	case BPF_JMP:
		switch (BPF_OP(code)) {
		case BPF_JEQ:
			return "jeq";
		case BPF_JGE:
			return "jge";
		case BPF_JGT:
			return "jgt";
		case BPF_JSET:
			return "jset";
		}
		break;
	}
	return "?";
}

static void _insn(const struct sock_filter *f, size_t pc, const struct _state *st,
		  const struct sjail_arch *arch, char *buf, size_t len)
{
	enum _acc acc = st->acc;
	char field[32], act[48], note[96] = "";
	const char *name;

	switch (f->code) {
	case BPF_LD | BPF_W | BPF_ABS:
		_field(f->k, arch && arch->big_endian, field, sizeof(field));
		snprintf(buf, len, "ld [%s]", field);
		return;
	case BPF_LD | BPF_W | BPF_LEN:
		snprintf(buf, len, "ld #len");
		return;
	case BPF_LDX | BPF_W | BPF_LEN:
		snprintf(buf, len, "ldx #len");
		return;
	case BPF_LD | BPF_IMM:
		snprintf(buf, len, "ld #0x%x", f->k);
		return;
	case BPF_LDX | BPF_IMM:
		snprintf(buf, len, "ldx #0x%x", f->k);
		return;
	case BPF_LD | BPF_MEM:
		snprintf(buf, len, "ld M[%u]", f->k);
		return;
	case BPF_LDX | BPF_MEM:
		snprintf(buf, len, "ldx M[%u]", f->k);
		return;
	case BPF_ST:
		snprintf(buf, len, "st M[%u]", f->k);
		return;
	case BPF_STX:
		snprintf(buf, len, "stx M[%u]", f->k);
		return;
	case BPF_MISC | BPF_TAX:
		snprintf(buf, len, "tax");
		return;
	case BPF_MISC | BPF_TXA:
		snprintf(buf, len, "txa");
		return;
	case BPF_ALU | BPF_NEG:
		snprintf(buf, len, "neg");
		return;
	case BPF_RET | BPF_K:
		snprintf(buf, len, "ret %s", sjail_action_describe(f->k, act, sizeof(act)));
		return;
	case BPF_RET | BPF_A:
		snprintf(buf, len, "ret a");
		return;
	case BPF_JMP | BPF_JA:
		snprintf(buf, len, "ja %zu", pc + 1 + f->k);
		return;
	}
	if (BPF_CLASS(f->code) == BPF_ALU) {
		if (BPF_SRC(f->code) == BPF_X)
			snprintf(buf, len, "%s x", _op_name(f->code));
		else
			snprintf(buf, len, "%s #0x%x", _op_name(f->code), f->k);
		return;
	}
	if (BPF_CLASS(f->code) == BPF_JMP) {
		if (BPF_SRC(f->code) == BPF_X) {
			snprintf(buf, len, "%s x jt %zu jf %zu", _op_name(f->code), pc + 1 + f->jt,
				 pc + 1 + f->jf);
			return;
		}
		/* jeq names the syscall; jge/jgt name the bound ("; >= openat"). */
		if (acc == ACC_NR && f->k == UINT32_MAX)
			snprintf(note, sizeof(note), "  ; -1");
		else if (acc == ACC_NR && f->k == 0x40000000u && st->audit_known &&
			 st->audit == 0xc000003eu)
			snprintf(note, sizeof(note), "  ; %sx32 numbers",
				 BPF_OP(f->code) == BPF_JEQ ? "" : ">= ");
		else if (acc == ACC_NR && (name = _syscall_name(st, arch, f->k)))
			snprintf(note, sizeof(note), "  ; %s%s",
				 BPF_OP(f->code) == BPF_JGE    ? ">= "
				 : BPF_OP(f->code) == BPF_JGT  ? "> "
				 : BPF_OP(f->code) == BPF_JSET ? "& "
							       : "",
				 name);
		else if (acc == ACC_ARCH && (name = _audit_name(arch, f->k)))
			snprintf(note, sizeof(note), "  ; %s", name);
		if (acc == ACC_NR)
			snprintf(buf, len, "%s #%u jt %zu jf %zu%s", _op_name(f->code), f->k,
				 pc + 1 + f->jt, pc + 1 + f->jf, note);
		else
			snprintf(buf, len, "%s #0x%x jt %zu jf %zu%s", _op_name(f->code), f->k,
				 pc + 1 + f->jt, pc + 1 + f->jf, note);
		return;
	}
	snprintf(buf, len, ".word 0x%04x %u %u 0x%x", f->code, f->jt, f->jf, f->k);
}

static void _flow(struct _state *st, size_t to, struct _state v)
{
	struct _state *t = &st[to];

	if (t->acc == ACC_UNSET) {
		*t = v;
		return;
	}
	if (t->acc != v.acc)
		t->acc = ACC_OTHER;
	if (!v.audit_known || !t->audit_known || t->audit != v.audit)
		t->audit_known = false;
}

int bpf_dump(const struct sock_filter *insns, size_t len, const struct sjail_arch *arch,
	     char **ret_text)
{
	struct _state *st = NULL;
	char *text = NULL;
	size_t cap = 64 * len + 1, used = 0;
	int r = -ENOMEM;

	st = calloc(len ? len : 1, sizeof(*st));
	text = malloc(cap);
	if (!st || !text)
		goto out;
	text[0] = '\0';
	if (len)
		st[0].acc = ACC_OTHER; /* A starts at 0 */

	for (size_t pc = 0; pc < len; pc++) {
		const struct sock_filter *f = &insns[pc];
		struct _state after = st[pc];
		char line[160];
		int n;

		/* What A holds after this instruction, and where control goes. */
		if (f->code == (BPF_LD | BPF_W | BPF_ABS)) {
			if (f->k == offsetof(struct seccomp_data, nr))
				after.acc = ACC_NR;
			else if (f->k == offsetof(struct seccomp_data, arch))
				after.acc = ACC_ARCH;
			else
				after.acc = ACC_OTHER;
		} else if (BPF_CLASS(f->code) == BPF_LD || BPF_CLASS(f->code) == BPF_ALU ||
			   f->code == (BPF_MISC | BPF_TXA)) {
			after.acc = ACC_OTHER;
		}
		if (f->code == (BPF_JMP | BPF_JA)) {
			if (pc + 1 + f->k < len)
				_flow(st, pc + 1 + f->k, after);
		} else if (_is_cond_jump(f->code)) {
			struct _state taken = after;

			/* Past "jeq #AUDIT_ARCH_*", the arch value is known. */
			if (after.acc == ACC_ARCH && f->code == (BPF_JMP | BPF_JEQ | BPF_K)) {
				taken.audit_known = true;
				taken.audit = f->k;
			}
			if (pc + 1 + f->jt < len)
				_flow(st, pc + 1 + f->jt, taken);
			if (pc + 1 + f->jf < len)
				_flow(st, pc + 1 + f->jf, after);
		} else if (BPF_CLASS(f->code) != BPF_RET && pc + 1 < len) {
			_flow(st, pc + 1, after);
		}

		_insn(f, pc, &st[pc], arch, line, sizeof(line));
		n = snprintf(NULL, 0, "%04zu: %s\n", pc, line);
		if (n < 0)
			goto out;
		if (used + (size_t)n + 1 > cap) {
			char *p = realloc(text, 2 * cap + (size_t)n);

			if (!p)
				goto out;
			text = p;
			cap = 2 * cap + (size_t)n;
		}
		snprintf(text + used, cap - used, "%04zu: %s\n", pc, line);
		used += (size_t)n;
	}
	*ret_text = text;
	text = NULL;
	r = 0;
out:
	free(st);
	free(text);
	return r;
}
