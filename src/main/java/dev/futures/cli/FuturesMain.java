package dev.futures.cli;

import dev.futures.task.RunReaper;
import dev.futures.worker.WorkerMain;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The process entry point. It exists so that cheap modes can branch off before Quarkus boots
 * (the process pool's {@code futures worker} will go straight to its loop from here), and to
 * choose how the JVM starts processes before it starts any.
 */
@QuarkusMain
public class FuturesMain {
    static final String LAUNCH_MECHANISM = "jdk.lang.Process.launchMechanism";
    static final String WORKER = "worker";

    public static void main(String... args) {
        chooseLaunchMechanism();
        if (args.length > 0 && args[0].equals(WORKER)) {
            // Hidden from help: the process pool starts this executable again in this mode.
            System.exit(WorkerMain.run());
        }
        // A worker's children inherit its parent's marker: the parent's reaper covers them.
        RunReaper.install();
        Quarkus.run(FuturesApplication.class, args);
    }

    /**
     * Measured on this project's 2-core machines, 1,000 {@code true} at -j2 (JDK 17): VFORK
     * 1.05 s, POSIX_SPAWN (the default, which execs jspawnhelper first) 1.48 s, FORK 2.63 s.
     * JDK 25 deprecated VFORK and says so on stderr, so it is chosen only before 25, and never
     * over the user's own choice. The JDK reads the property once, at its first process start.
     */
    static void chooseLaunchMechanism() {
        if (System.getProperty(LAUNCH_MECHANISM) == null && Runtime.version().feature() < 25) {
            System.setProperty(LAUNCH_MECHANISM, "VFORK");
        }
    }
}
