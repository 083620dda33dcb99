package dev.futures;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * CPython joins executors at interpreter exit (3.9+). Here a JVM shutdown hook shuts down, with
 * {@code wait=true}, every executor still open, so submitted work completes before the JVM ends
 * (worker threads are daemons, so they alone would not keep it alive); submits after that are
 * rejected with {@code "cannot schedule new futures after interpreter shutdown"}.
 *
 * <p>The hook is installed on first use, at run time, never in a static initializer: a native
 * image initializes classes at build time and must not capture a hook from the build machine.
 */
final class InterpreterExit {
    private static final Set<Executor> OPEN = Collections.newSetFromMap(new WeakHashMap<>());
    private static boolean hookInstalled;
    private static volatile boolean exiting;

    private InterpreterExit() {
    }

    static synchronized void register(Executor executor) {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(InterpreterExit::shutdownAll, "futures-exit"));
            hookInstalled = true;
        }
        OPEN.add(executor);
    }

    static synchronized void unregister(Executor executor) {
        OPEN.remove(executor);
    }

    static boolean exiting() {
        return exiting;
    }

    private static void shutdownAll() {
        List<Executor> open;
        synchronized (InterpreterExit.class) {
            exiting = true;
            open = new ArrayList<>(OPEN);
        }
        for (Executor executor : open) {
            executor.shutdown(true, false);
        }
    }
}
