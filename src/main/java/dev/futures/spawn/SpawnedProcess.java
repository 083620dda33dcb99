package dev.futures.spawn;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.graalvm.nativeimage.StackValue;
import org.graalvm.nativeimage.c.type.CCharPointer;
import org.graalvm.nativeimage.c.type.CIntPointer;

/**
 * A child started by {@link PosixSpawn}. No thread watches it: whoever waits for it
 * ({@link #waitFor()}) waits in the kernel and reaps it. Waiting uses {@code waitid(WNOWAIT)}
 * first, which leaves the child a zombie, and reaps under this object's lock; signals are sent
 * under the same lock and only while it is unreaped, so a pid the kernel has given to another
 * process is never signalled; they go to the child's whole process group.
 */
final class SpawnedProcess extends Process {
    private final int pid;
    private final OutputStream stdin;
    private final InputStream stdout;
    private final InputStream stderr;
    private final SpawnedHandle handle = new SpawnedHandle(this);
    /** Guarded by this: whether the child was reaped, and its exit value then. */
    private boolean reaped;
    private int exitValue;

    SpawnedProcess(int pid, OutputStream stdin, InputStream stdout, InputStream stderr) {
        this.pid = pid;
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    @Override
    public OutputStream getOutputStream() {
        return stdin;
    }

    @Override
    public InputStream getInputStream() {
        return stdout;
    }

    @Override
    public InputStream getErrorStream() {
        return stderr;
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public ProcessHandle toHandle() {
        return handle;
    }

    @Override
    public int waitFor() throws InterruptedException {
        while (true) {
            synchronized (this) {
                if (reaped) {
                    return exitValue;
                }
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (awaitExit(0)) {
                reap();
            }
        }
    }

    /**
     * Without a descriptor to wait on (a pidfd needs Linux 5.3 and a raw syscall), a timed wait
     * checks every millisecond or so; only shutdown paths wait with a timeout.
     */
    @Override
    public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        long pause = 100_000;
        while (true) {
            if (hasExited()) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(pause, left));
            pause = Math.min(pause * 2, 5_000_000);
        }
    }

    @Override
    public int exitValue() {
        if (!hasExited()) {
            throw new IllegalThreadStateException("process hasn't exited");
        }
        synchronized (this) {
            return exitValue;
        }
    }

    @Override
    public boolean isAlive() {
        return !hasExited();
    }

    @Override
    public void destroy() {
        signal(LibC.SIGTERM);
    }

    @Override
    public Process destroyForcibly() {
        signal(LibC.SIGKILL);
        return this;
    }

    @Override
    public boolean supportsNormalTermination() {
        return true;
    }

    /**
     * Sends {@code signal} to the child's process group (its own: {@link PosixSpawn} makes one
     * per child), unless the child is reaped; whether it was sent. The group, not only the pid:
     * a process listed as the child's descendants a moment before may since have forked another
     * ({@code sh -c 'sleep 300'} killed as it starts sleep), and that one would outlive the
     * kill holding the output pipe. A child that moved to another group is signalled by pid.
     */
    synchronized boolean signal(int signal) {
        if (reaped) {
            return false;
        }
        return LibC.kill(-pid, signal) == 0 || LibC.kill(pid, signal) == 0;
    }

    /** Whether it has exited, reaping it if so; never blocks. */
    boolean hasExited() {
        synchronized (this) {
            if (reaped) {
                return true;
            }
        }
        if (awaitExit(LibC.WNOHANG)) {
            reap();
            return true;
        }
        return false;
    }

    /** waitid(WEXITED|WNOWAIT [|WNOHANG]): whether the child has exited; it stays a zombie. */
    private boolean awaitExit(int flags) {
        CCharPointer siginfo = StackValue.get(LibC.SPAWN_STRUCT_BYTES);
        CIntPointer siginfoPid = (CIntPointer) siginfo.addressOf(LibC.SIGINFO_PID_OFFSET);
        while (true) {
            siginfoPid.write(0); // with WNOHANG and nothing to report, si_pid stays 0
            int result = LibC.waitid(LibC.P_PID, pid, siginfo, LibC.WEXITED | LibC.WNOWAIT | flags);
            if (result == 0) {
                return siginfoPid.read() == pid;
            }
            if (LibC.errno() != LibC.EINTR) {
                return true; // ECHILD: someone else reaped it (nothing in this program does)
            }
        }
    }

    private synchronized void reap() {
        if (reaped) {
            return;
        }
        CIntPointer status = StackValue.get(CIntPointer.class);
        status.write(0);
        int result;
        do {
            result = LibC.waitpid(pid, status, 0);
        } while (result < 0 && LibC.errno() == LibC.EINTR);
        int raw = status.read();
        int signal = raw & 0x7f;
        // As the JDK reports it: the exit status, or 128 + the signal that ended it.
        exitValue = result < 0 ? 127 : signal == 0 ? (raw >> 8) & 0xff : 0x80 + signal;
        reaped = true;
    }

    @Override
    public String toString() {
        synchronized (this) {
            return "Process[pid=" + pid + ", exitValue=" + (reaped ? exitValue : "\"not exited\"") + "]";
        }
    }
}
