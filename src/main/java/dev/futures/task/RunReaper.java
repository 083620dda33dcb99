package dev.futures.task;

import dev.futures.spawn.Spawn;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * No process of a run outlives it, however the run ends: {@code kill -9} of this process
 * included, and a task's grandchild that left its tree ({@code setsid cmd &}).
 *
 * <p>How: every process this program starts (commands, process-pool workers, {@code --on-done}
 * hooks) gets a marker in its environment, {@code FUTURES_RUN_<random>=1}, which its own children
 * inherit, daemonized ones too. A small {@code /bin/sh} script, started with the first marked
 * process, waits for end of file on a pipe whose only writer is this process. The kernel closes
 * that pipe when this process ends for any reason, so the script then kills every process that
 * still carries the marker (found in {@code /proc/PID/environ}, as Jenkins' ProcessTreeKiller
 * finds a build's processes by an environment cookie). Nothing is written to the pipe and
 * nothing is registered per process: the hot path pays one environment entry per launch.
 *
 * <p>Java cannot set {@code PR_SET_PDEATHSIG} or become a child subreaper without native code,
 * and either alone misses grandchildren; the marker follows them all. What escapes it: a
 * process that clears its environment, or one of another user. The script ignores SIGINT,
 * SIGTERM and SIGHUP (a terminal's Ctrl-C reaches the whole foreground process group) and ends
 * on end of file alone.
 *
 * <p>Installed by the CLI ({@link #install()}), not by the library by itself: an application
 * that embeds the pools owns its process tree.
 */
public final class RunReaper {
    /**
     * $1 is the marker. grep reads every environment in one process (about 3 ms for 60
     * processes); without grep, tr per process. A few rounds, for children forked while the
     * previous round was being killed.
     */
    static final String SCRIPT = """
            trap '' INT TERM HUP QUIT
            while read -r _; do :; done
            marked() {
              if command -v grep >/dev/null 2>&1; then
                grep -lzxF -- "$1" /proc/[0-9]*/environ 2>/dev/null
              else
                for f in /proc/[0-9]*/environ; do
                  tr '\\000' '\\n' < "$f" 2>/dev/null | while IFS= read -r v; do
                    if [ "$v" = "$1" ]; then echo "$f"; break; fi
                  done
                done
              fi
            }
            for round in 1 2 3 4 5 6 7 8; do
              pids=
              for f in $(marked "$1"); do p=${f#/proc/}; pids="$pids ${p%/environ}"; done
              [ -n "$pids" ] || exit 0
              kill -KILL $pids 2>/dev/null
            done
            """;

    private static volatile RunReaper installed;

    private final String name;
    private volatile Process script;

    private RunReaper(String name) {
        this.name = name;
    }

    /**
     * From here on, every process this program starts is marked, and killed when this process
     * ends. Idempotent. The script starts with the first marked process, so a run that starts
     * none pays nothing.
     */
    public static synchronized void install() {
        if (installed == null) {
            byte[] random = new byte[8];
            new SecureRandom().nextBytes(random);
            installed = new RunReaper("FUTURES_RUN_" + HexFormat.of().formatHex(random));
        }
    }

    /** The marker's variable name, or null when not installed. */
    public static String markerName() {
        RunReaper reaper = installed;
        return reaper == null ? null : reaper.name;
    }

    /**
     * Marks the process {@code builder} will start, starting the script first if this is the
     * first; does nothing unless {@link #install() installed}.
     *
     * @throws IOException when the script cannot start ({@code /bin/sh} missing): then nothing
     *     could be promised about the process, so it is not started either
     */
    public static void mark(ProcessBuilder builder) throws IOException {
        RunReaper reaper = installed;
        if (reaper == null) {
            return;
        }
        reaper.ensureStarted();
        builder.environment().put(reaper.name, "1");
    }

    private void ensureStarted() throws IOException {
        if (script != null) {
            return;
        }
        synchronized (this) {
            if (script == null) {
                // Unmarked itself (this process's own environment has no marker), its output
                // nowhere: it must not hold a pipe a caller waits on, as $(futures map ...) does.
                script = Spawn.start(new ProcessBuilder(List.of("/bin/sh", "-c", SCRIPT, "futures-reaper", name + "=1"))
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD));
            }
        }
    }
}
