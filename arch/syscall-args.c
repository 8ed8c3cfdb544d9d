/* SPDX-License-Identifier: Apache-2.0 */
/*
 * syscall-args.c - how the kernel declares the arguments of the syscalls
 * that profiles commonly filter by argument. Written by hand, not generated:
 * arch/gen-syscalls.sh neither writes nor checks this file.
 *
 * Why it matters: on the 64-bit ABIs (x86_64, aarch64, riscv64) every
 * argument arrives in a 64-bit register, and seccomp_data.args[i] is that
 * whole register. SYSCALL_DEFINEn() then converts each argument to its
 * declared type before the syscall's body runs, so for an argument declared
 * int, unsigned int, u32, pid_t, uid_t, gid_t, qid_t (all 32 bits) or umode_t
 * (16 bits) the kernel never looks at the high half. A filter that does can
 * be steered by it: sjail check warns (lib/lint.c). On 32-bit ABIs the
 * kernel zero-fills the high half, so there it does not arise.
 *
 * Every entry follows the kernel's SYSCALL_DEFINEn() of that syscall, in
 * the file named above its group (checked against the kernel's source), and
 * lists all of the syscall's arguments in order: NARROW(decl) those the
 * kernel reads as 32 bits or fewer (unsigned: a C library passes them
 * zero-extended), SIGNED(decl) those of them that are signed (int, pid_t: a
 * C library passes a negative one sign-extended), WIDE(decl) the 64-bit ones
 * (unsigned long, size_t, off_t, pointers), listed for the count and left
 * alone by the lint. A syscall whose declaration could not be checked is
 * not listed.
 *
 * The three 64-bit ABIs share these declarations: each syscall below is
 * defined once in generic code for all of them, except arch_prctl, which
 * only x86 has, and personality, which arm64 wraps with the same type. Some
 * that are left out on purpose, all 64-bit where a filter reads them:
 * clone's and unshare's flags (unsigned long; kernel/fork.c), mmap (every
 * argument unsigned long on x86_64, arm64 and riscv), mprotect's prot
 * (unsigned long; mm/mprotect.c), mremap (every argument unsigned long;
 * mm/mremap.c), ptrace (long request, long pid; kernel/ptrace.c) and readv
 * (unsigned long fd; fs/read_write.c).
 */
#include "ir.h"

/* clang-format off */
#define NARROW(d) {d, true, false}
#define SIGNED(d) {d, true, true}
#define WIDE(d) {d, false, false}
/* clang-format on */

const struct sjail_syscall_args sjail_syscall_args[] = {
    /* net/socket.c */
    {"socket", {SIGNED("int family"), SIGNED("int type"), SIGNED("int protocol")}},
    {"socketpair",
     {SIGNED("int family"), SIGNED("int type"), SIGNED("int protocol"),
      WIDE("int __user *usockvec")}},
    {"bind", {SIGNED("int fd"), WIDE("struct sockaddr __user *umyaddr"), SIGNED("int addrlen")}},
    {"connect",
     {SIGNED("int fd"), WIDE("struct sockaddr __user *uservaddr"), SIGNED("int addrlen")}},
    {"listen", {SIGNED("int fd"), SIGNED("int backlog")}},
    {"accept",
     {SIGNED("int fd"), WIDE("struct sockaddr __user *upeer_sockaddr"),
      WIDE("int __user *upeer_addrlen")}},
    {"accept4",
     {SIGNED("int fd"), WIDE("struct sockaddr __user *upeer_sockaddr"),
      WIDE("int __user *upeer_addrlen"), SIGNED("int flags")}},
    {"getsockname",
     {SIGNED("int fd"), WIDE("struct sockaddr __user *usockaddr"),
      WIDE("int __user *usockaddr_len")}},
    {"getpeername",
     {SIGNED("int fd"), WIDE("struct sockaddr __user *usockaddr"),
      WIDE("int __user *usockaddr_len")}},
    {"sendto",
     {SIGNED("int fd"), WIDE("void __user *buff"), WIDE("size_t len"), NARROW("unsigned int flags"),
      WIDE("struct sockaddr __user *addr"), SIGNED("int addr_len")}},
    {"recvfrom",
     {SIGNED("int fd"), WIDE("void __user *ubuf"), WIDE("size_t size"),
      NARROW("unsigned int flags"), WIDE("struct sockaddr __user *addr"),
      WIDE("int __user *addr_len")}},
    {"setsockopt",
     {SIGNED("int fd"), SIGNED("int level"), SIGNED("int optname"), WIDE("char __user *optval"),
      SIGNED("int optlen")}},
    {"getsockopt",
     {SIGNED("int fd"), SIGNED("int level"), SIGNED("int optname"), WIDE("char __user *optval"),
      WIDE("int __user *optlen")}},
    {"shutdown", {SIGNED("int fd"), SIGNED("int how")}},
    {"sendmsg",
     {SIGNED("int fd"), WIDE("struct user_msghdr __user *msg"), NARROW("unsigned int flags")}},
    {"recvmsg",
     {SIGNED("int fd"), WIDE("struct user_msghdr __user *msg"), NARROW("unsigned int flags")}},
    {"sendmmsg",
     {SIGNED("int fd"), WIDE("struct mmsghdr __user *mmsg"), NARROW("unsigned int vlen"),
      NARROW("unsigned int flags")}},
    {"recvmmsg",
     {SIGNED("int fd"), WIDE("struct mmsghdr __user *mmsg"), NARROW("unsigned int vlen"),
      NARROW("unsigned int flags"), WIDE("struct __kernel_timespec __user *timeout")}},

    /* fs/ioctl.c */
    {"ioctl", {NARROW("unsigned int fd"), NARROW("unsigned int cmd"), WIDE("unsigned long arg")}},

    /* fs/fcntl.c */
    {"fcntl", {NARROW("unsigned int fd"), NARROW("unsigned int cmd"), WIDE("unsigned long arg")}},

    /* fs/file.c */
    {"dup", {NARROW("unsigned int fildes")}},
    {"dup2", {NARROW("unsigned int oldfd"), NARROW("unsigned int newfd")}},
    {"dup3", {NARROW("unsigned int oldfd"), NARROW("unsigned int newfd"), SIGNED("int flags")}},

    /* fs/open.c */
    {"close", {NARROW("unsigned int fd")}},
    {"open", {WIDE("const char __user *filename"), SIGNED("int flags"), NARROW("umode_t mode")}},
    {"openat",
     {SIGNED("int dfd"), WIDE("const char __user *filename"), SIGNED("int flags"),
      NARROW("umode_t mode")}},

    /* fs/read_write.c */
    {"read", {NARROW("unsigned int fd"), WIDE("char __user *buf"), WIDE("size_t count")}},
    {"write", {NARROW("unsigned int fd"), WIDE("const char __user *buf"), WIDE("size_t count")}},
    {"lseek", {NARROW("unsigned int fd"), WIDE("off_t offset"), NARROW("unsigned int whence")}},

    /* fs/pipe.c */
    {"pipe2", {WIDE("int __user *fildes"), SIGNED("int flags")}},

    /* fs/eventfd.c */
    {"eventfd2", {NARROW("unsigned int count"), SIGNED("int flags")}},

    /* fs/eventpoll.c */
    {"epoll_create1", {SIGNED("int flags")}},
    {"epoll_ctl",
     {SIGNED("int epfd"), SIGNED("int op"), SIGNED("int fd"),
      WIDE("struct epoll_event __user *event")}},

    /* fs/timerfd.c */
    {"timerfd_create", {SIGNED("int clockid"), SIGNED("int flags")}},
    {"timerfd_settime",
     {SIGNED("int ufd"), SIGNED("int flags"), WIDE("const struct __kernel_itimerspec __user *utmr"),
      WIDE("struct __kernel_itimerspec __user *otmr")}},

    /* fs/quota/quota.c; qid_t is __kernel_uid32_t (include/linux/quota.h) */
    {"quotactl",
     {NARROW("unsigned int cmd"), WIDE("const char __user *special"), NARROW("qid_t id"),
      WIDE("void __user *addr")}},

    /* kernel/exec_domain.c (arm64 defines it as arm64_personality, the same type) */
    {"personality", {NARROW("unsigned int personality")}},

    /* kernel/sys.c; uid_t and gid_t are __kernel_uid32_t, __kernel_gid32_t */
    {"prctl",
     {SIGNED("int option"), WIDE("unsigned long arg2"), WIDE("unsigned long arg3"),
      WIDE("unsigned long arg4"), WIDE("unsigned long arg5")}},
    {"setuid", {NARROW("uid_t uid")}},
    {"setgid", {NARROW("gid_t gid")}},
    {"setresuid", {NARROW("uid_t ruid"), NARROW("uid_t euid"), NARROW("uid_t suid")}},
    {"setresgid", {NARROW("gid_t rgid"), NARROW("gid_t egid"), NARROW("gid_t sgid")}},

    /* kernel/signal.c */
    {"kill", {SIGNED("pid_t pid"), SIGNED("int sig")}},
    {"tkill", {SIGNED("pid_t pid"), SIGNED("int sig")}},
    {"tgkill", {SIGNED("pid_t tgid"), SIGNED("pid_t pid"), SIGNED("int sig")}},
    {"rt_sigaction",
     {SIGNED("int sig"), WIDE("const struct sigaction __user *act"),
      WIDE("struct sigaction __user *oact"), WIDE("size_t sigsetsize")}},
    {"rt_sigprocmask",
     {SIGNED("int how"), WIDE("sigset_t __user *nset"), WIDE("sigset_t __user *oset"),
      WIDE("size_t sigsetsize")}},

    /* kernel/futex/syscalls.c */
    {"futex",
     {WIDE("u32 __user *uaddr"), SIGNED("int op"), NARROW("u32 val"),
      WIDE("const struct __kernel_timespec __user *utime"), WIDE("u32 __user *uaddr2"),
      NARROW("u32 val3")}},

    /* kernel/nsproxy.c */
    {"setns", {SIGNED("int fd"), SIGNED("int flags")}},

    /* kernel/bpf/syscall.c */
    {"bpf", {SIGNED("int cmd"), WIDE("union bpf_attr __user *uattr"), NARROW("unsigned int size")}},

    /* kernel/events/core.c */
    {"perf_event_open",
     {WIDE("struct perf_event_attr __user *attr_uptr"), SIGNED("pid_t pid"), SIGNED("int cpu"),
      SIGNED("int group_fd"), WIDE("unsigned long flags")}},

    /* security/keys/keyctl.c */
    {"keyctl",
     {SIGNED("int option"), WIDE("unsigned long arg2"), WIDE("unsigned long arg3"),
      WIDE("unsigned long arg4"), WIDE("unsigned long arg5")}},

    /* mm/madvise.c */
    {"madvise", {WIDE("unsigned long start"), WIDE("size_t len_in"), SIGNED("int behavior")}},

    /* mm/msync.c */
    {"msync", {WIDE("unsigned long start"), WIDE("size_t len"), SIGNED("int flags")}},

    /* mm/memfd.c */
    {"memfd_create", {WIDE("const char __user *uname"), NARROW("unsigned int flags")}},

    /* drivers/char/random.c */
    {"getrandom", {WIDE("char __user *buf"), WIDE("size_t count"), NARROW("unsigned int flags")}},

    /* arch/x86/kernel/process_64.c (x86_64 only) */
    {"arch_prctl", {SIGNED("int option"), WIDE("unsigned long arg2")}},
};

const size_t sjail_nsyscall_args = ELEMENTSOF(sjail_syscall_args);
