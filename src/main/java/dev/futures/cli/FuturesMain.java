package dev.futures.cli;

import dev.futures.spawn.Spawn;
import dev.futures.task.RunReaper;
import dev.futures.worker.WorkerMain;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

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
        args = takeLeadingSystemProperties(args);
        Spawn.catchBrokenPipes(); // a closed stdout is an error to handle, not a death (native)
        chooseLaunchMechanism();
        if (args.length > 0 && args[0].equals(WORKER)) {
            // Hidden from help: the process pool starts this executable again in this mode.
            System.exit(WorkerMain.run());
        }
        // A worker's children inherit its parent's marker: the parent's reaper covers them.
        RunReaper.install();
        Quarkus.run(FuturesApplication.class, withProfiles(asParallel(invokedName()) ? gnuMap(args) : args, System.getenv()));
    }

    /**
     * {@code map}'s words with GNU parallel's profiles and {@code $PARALLEL} in front of them
     * ({@link GnuProfiles}): under GNU's rules ({@code --gnu} among the words, as the
     * {@code parallel} link puts it), or when {@code -J}/{@code --profile} names one.
     */
    static String[] withProfiles(String[] args, Map<String, String> environment) {
        if (args.length == 0 || !args[0].equals("map")) {
            return args;
        }
        List<String> verbArgs = Arrays.asList(args).subList(1, args.length);
        boolean gnu = verbArgs.contains("--gnu");
        List<String> expanded;
        try {
            expanded = new GnuProfiles(environment).expand(verbArgs, gnu);
        } catch (IllegalArgumentException unreadable) {
            System.err.println("futures map: " + unreadable.getMessage());
            System.exit(2);
            return args;
        }
        if (expanded == verbArgs) {
            return args;
        }
        List<String> all = new ArrayList<>();
        all.add("map");
        all.addAll(expanded);
        return all.toArray(String[]::new);
    }

    /**
     * The name this program was invoked by (argv[0]'s last part): natively the first field of
     * {@code /proc/self/cmdline}; on the JVM what the launcher passes as {@code dev.futures.argv0}.
     * Null when neither tells.
     */
    static String invokedName() {
        String argv0 = System.getProperty("dev.futures.argv0");
        if (argv0 == null && Spawn.inNativeImage()) {
            try {
                byte[] cmdline = Files.readAllBytes(Path.of("/proc/self/cmdline"));
                int end = 0;
                while (end < cmdline.length && cmdline[end] != 0) {
                    end++;
                }
                argv0 = new String(cmdline, 0, end, StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException unreadable) {
                return null;
            }
        }
        return argv0 == null ? null : argv0.substring(argv0.lastIndexOf('/') + 1);
    }

    /** Invoked through a link named {@code parallel} (or {@code parallel.EXT}): GNU parallel's habits throughout. */
    static boolean asParallel(String name) {
        return name != null && (name.equals("parallel") || name.startsWith("parallel."));
    }

    /** {@code parallel ARGS} is {@code futures map --gnu ARGS}. */
    static String[] gnuMap(String[] args) {
        String[] map = new String[args.length + 2];
        map[0] = "map";
        map[1] = "--gnu";
        System.arraycopy(args, 0, map, 2, args.length);
        return map;
    }

    /**
     * Leading {@code -Dname=value} words set system properties, as {@code java -Dname=value -jar}
     * does, and are not the command's; the first other word ends them. The native executable
     * does not parse its arguments as runtime options (so {@code futures map echo ::: -Dx=1}
     * prints {@code -Dx=1}), and this keeps the one use of that worth keeping: configuration
     * given in front of the verb, which is also how Quarkus' test launcher passes its own.
     */
    static String[] takeLeadingSystemProperties(String[] args) {
        int taken = 0;
        while (taken < args.length && args[taken].startsWith("-D") && args[taken].length() > 2) {
            String property = args[taken].substring(2);
            int equals = property.indexOf('=');
            System.setProperty(equals < 0 ? property : property.substring(0, equals),
                    equals < 0 ? "" : property.substring(equals + 1));
            taken++;
        }
        return taken == 0 ? args : Arrays.copyOfRange(args, taken, args.length);
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
