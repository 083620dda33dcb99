package dev.futures.spawn;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The one way this program starts another: {@link #start(ProcessBuilder, boolean)}. Inside the
 * native executable it is {@code posix_spawn} ({@link PosixSpawn}); on the JVM, or with
 * {@code FUTURES_SPAWN=jdk} (to compare, or to step around a libc that lacks
 * {@code posix_spawn_file_actions_addclosefrom_np}, glibc before 2.34), the JDK's
 * {@link ProcessBuilder#start()}. Both give a {@link Process} with the same behaviour: pipes as
 * the builder asks, {@code exitValue} 128 + signal for a killed child, the JDK's messages.
 */
public final class Spawn {
    private static final boolean IN_IMAGE = "runtime".equals(System.getProperty("org.graalvm.nativeimage.imagecode"));
    private static final boolean NATIVE = IN_IMAGE && !"jdk".equals(System.getenv("FUTURES_SPAWN"));
    private static volatile boolean brokenPipesCaught;
    private static final List<String> SETSID = setsid();

    private Spawn() {
    }

    /** {@link #start(ProcessBuilder, boolean)} in this process's session. */
    public static Process start(ProcessBuilder builder) throws IOException {
        return start(builder, false);
    }

    /**
     * Starts what {@code builder} describes. {@code newSession}: in a session (and process group)
     * of its own, so a terminal's Ctrl-C, which goes to the whole foreground process group,
     * reaches this process only. Natively that is a flag of the spawn; the JDK cannot set it,
     * so there the command is run through util-linux {@code setsid} (about 0.5 ms more), or
     * as it is where {@code setsid} is not installed.
     */
    public static Process start(ProcessBuilder builder, boolean newSession) throws IOException {
        catchBrokenPipes();
        if (NATIVE) {
            return PosixSpawn.start(builder, newSession);
        }
        if (newSession && !SETSID.isEmpty()) {
            List<String> command = builder.command();
            List<String> prefixed = new ArrayList<>(SETSID);
            prefixed.addAll(command);
            builder.command(prefixed);
            try {
                return builder.start();
            } finally {
                builder.command(command);
            }
        }
        return builder.start();
    }

    /** Everything a child wrote to its stdout and its stderr. */
    public record Outputs(byte[] stdout, byte[] stderr) {
    }

    /**
     * Reads {@code process}'s stdout and stderr to their ends in the calling thread, when it was
     * started here through posix_spawn with both piped; null otherwise, and then the caller reads
     * them itself (one of them on another thread, so that neither pipe fills up). {@code stdoutTo}:
     * where stdout goes as it comes (null: into the outcome, whose stdout is otherwise empty).
     */
    public static Outputs readToEnd(Process process, OutputStream stdoutTo) throws IOException {
        if (process instanceof SpawnedProcess spawned && spawned.getInputStream() instanceof FdInputStream stdout
                && spawned.getErrorStream() instanceof FdInputStream stderr) {
            return OutputPoller.readToEnd(stdout, stderr, stdoutTo);
        }
        return null;
    }

    /**
     * In the native executable, a write to a pipe whose reader is gone (a child that closed its
     * stdin, a {@code | head} that exited) must fail with {@code EPIPE}, as on the JVM, whose
     * runtime catches SIGPIPE: the native image leaves SIGPIPE's default, which kills the
     * process (the JDK's own launch used to install a handler as a side effect, this one does
     * not). A handler that does nothing, not SIG_IGN, so that {@code exec} resets it and every
     * child starts with SIGPIPE's default. Idempotent; nothing on the JVM.
     */
    public static void catchBrokenPipes() {
        if (!IN_IMAGE || brokenPipesCaught) {
            return;
        }
        synchronized (Spawn.class) {
            if (!brokenPipesCaught) {
                sun.misc.Signal.handle(new sun.misc.Signal("PIPE"), signal -> { });
                brokenPipesCaught = true;
            }
        }
    }

    /** Whether this is the native executable (rather than a JVM). */
    public static boolean inNativeImage() {
        return IN_IMAGE;
    }

    private static List<String> setsid() {
        for (String path : new String[] {"/usr/bin/setsid", "/bin/setsid"}) {
            if (new File(path).canExecute()) {
                return List.of(path);
            }
        }
        return List.of();
    }
}
