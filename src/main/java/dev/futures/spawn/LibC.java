package dev.futures.spawn;

import org.graalvm.nativeimage.c.function.CFunction;
import org.graalvm.nativeimage.c.function.CFunction.Transition;
import org.graalvm.nativeimage.c.type.CCharPointer;
import org.graalvm.nativeimage.c.type.CCharPointerPointer;
import org.graalvm.nativeimage.c.type.CIntPointer;
import org.graalvm.word.PointerBase;

/**
 * The glibc functions the native launch calls, declared through the native image's C interface
 * (linked against the libc the executable already needs; no C source of ours). Constants are
 * Linux's, the same on x86-64 and aarch64; sizes of glibc's opaque types are rounded up
 * generously ({@link #SPAWN_STRUCT_BYTES}), since only glibc reads them.
 *
 * <p>Calls that cannot block run with {@link Transition#NO_TRANSITION}, so {@link #errno()}
 * right after them reads their own error; the ones that block ({@code read}, {@code write},
 * {@code waitid}, {@code waitpid}, {@code posix_spawn} until the child's {@code exec}) let the
 * garbage collector run meanwhile.
 */
final class LibC {
    static final int O_RDONLY = 0;
    static final int O_WRONLY = 1;
    static final int O_CREAT = 0100;
    static final int O_TRUNC = 01000;
    static final int O_APPEND = 02000;
    static final int O_CLOEXEC = 02000000;

    static final int F_DUPFD_CLOEXEC = 1030;
    static final short POSIX_SPAWN_SETPGROUP = 0x02;
    static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    static final short POSIX_SPAWN_SETSID = 0x80;

    static final int SIGTERM = 15;
    static final int SIGKILL = 9;

    static final int P_PID = 1;
    static final int WNOHANG = 1;
    static final int WEXITED = 4;
    static final int WNOWAIT = 0x01000000;

    static final int EINTR = 4;
    static final int ENOENT = 2;
    static final int ESRCH = 3;

    /**
     * posix_spawn_file_actions_t is 80 bytes, posix_spawnattr_t 336, sigset_t 128, siginfo_t
     * 128 on glibc for 64-bit Linux: each gets this many, zeroed.
     */
    static final int SPAWN_STRUCT_BYTES = 512;
    /** Offset of si_pid in siginfo_t (after si_signo, si_errno, si_code and padding). */
    static final int SIGINFO_PID_OFFSET = 16;

    private LibC() {
    }

    @CFunction(transition = Transition.NO_TRANSITION)
    static native int pipe2(CIntPointer fds, int flags);

    @CFunction(transition = Transition.NO_TRANSITION)
    static native int close(int fd);

    @CFunction
    static native long read(int fd, CCharPointer buffer, long count);

    @CFunction
    static native long write(int fd, CCharPointer buffer, long count);

    @CFunction(transition = Transition.NO_TRANSITION)
    static native int kill(int pid, int signal);

    /** struct pollfd: int fd, short events, short revents. */
    static final int POLLFD_BYTES = 8;
    static final short POLLIN = 0x1;

    @CFunction
    static native int poll(PointerBase fds, long count, int timeoutMillis);

    @CFunction
    static native int waitid(int idType, int id, PointerBase siginfo, int options);

    @CFunction
    static native int waitpid(int pid, CIntPointer status, int options);

    @CFunction
    static native int posix_spawn(CIntPointer pid, CCharPointer path, PointerBase fileActions, PointerBase attributes,
            CCharPointerPointer argv, CCharPointerPointer envp);

    /** Same arguments, with {@code file} searched in this process's PATH. */
    @CFunction
    static native int posix_spawnp(CIntPointer pid, CCharPointer file, PointerBase fileActions, PointerBase attributes,
            CCharPointerPointer argv, CCharPointerPointer envp);

    /** fcntl(fd, cmd, int): declared with the one int argument it is called with here. */
    @CFunction(transition = Transition.NO_TRANSITION)
    static native int fcntl(int fd, int command, int argument);

    @CFunction(transition = Transition.NO_TRANSITION)
    static native int posix_spawn_file_actions_init(PointerBase fileActions);

    @CFunction(transition = Transition.NO_TRANSITION)
    static native int posix_spawn_file_actions_destroy(PointerBase fileActions);

    @CFunction(transition = Transition.NO_TRANSITION)
    static native int posix_spawn_file_actions_adddup2(PointerBase fileActions, int fd, int newFd);

    @CFunction(transition = Transition.NO_TRANSITION)
    static native int posix_spawn_file_actions_addopen(PointerBase fileActions, int fd, CCharPointer path, int flags,
            int mode);

    /** glibc 2.29. */
    @CFunction(transition = Transition.NO_TRANSITION)
    static native int posix_spawn_file_actions_addchdir_np(PointerBase fileActions, CCharPointer path);

    /** glibc 2.34: closes every descriptor from {@code from} up in the child (close_range). */
    @CFunction(transition = Transition.NO_TRANSITION)
    static native int posix_spawn_file_actions_addclosefrom_np(PointerBase fileActions, int from);

    @CFunction(transition = Transition.NO_TRANSITION)
    static native int posix_spawnattr_init(PointerBase attributes);

    @CFunction(transition = Transition.NO_TRANSITION)
    static native int posix_spawnattr_destroy(PointerBase attributes);

    @CFunction(transition = Transition.NO_TRANSITION)
    static native int posix_spawnattr_setflags(PointerBase attributes, short flags);

    @CFunction(transition = Transition.NO_TRANSITION)
    static native int posix_spawnattr_setsigmask(PointerBase attributes, PointerBase signals);

    @CFunction(transition = Transition.NO_TRANSITION)
    static native int sigemptyset(PointerBase signals);

    @CFunction(value = "__errno_location", transition = Transition.NO_TRANSITION)
    static native CIntPointer errnoLocation();

    @CFunction(transition = Transition.NO_TRANSITION)
    static native CCharPointer strerror(int errno);

    static int errno() {
        return errnoLocation().read();
    }
}
