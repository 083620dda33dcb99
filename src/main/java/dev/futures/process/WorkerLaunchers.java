package dev.futures.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** The ways to start workers. */
public final class WorkerLaunchers {
    static final String WORKER_MAIN = "dev.futures.worker.WorkerMain";

    private WorkerLaunchers() {
    }

    /**
     * This program again, in worker mode: the native executable ({@code /proc/self/exe worker}),
     * or on the JVM the same java with the same JVM options and class path — {@code -jar
     * quarkus-run.jar worker} for the packaged CLI, {@code -cp ... WorkerMain} for anything else
     * (a library user's application, a test run). Computed once per call, at run time.
     */
    public static WorkerLauncher self() {
        List<String> command = selfCommand();
        return () -> command;
    }

    /**
     * A command line run by {@code /bin/sh -c}, in which {@code {worker}} stands for this
     * program's own worker command: {@code "ssh host futures worker"},
     * {@code "nice -n 10 {worker}"}. The shell is the user's own: the template is theirs, as a
     * remote command of ssh is.
     */
    public static WorkerLauncher template(String template) {
        if (template == null || template.isBlank()) {
            throw new IllegalArgumentException("the worker launcher template is empty");
        }
        String expanded = template.contains("{worker}")
                ? template.replace("{worker}", shellQuote(selfCommand()))
                : template;
        List<String> command = List.of("/bin/sh", "-c", expanded);
        return () -> command;
    }

    /**
     * A worker on another machine through ssh: {@code ssh LOGIN 'FUTURES worker'}, sharing one
     * connection per host (ControlMaster), so a worker after the first starts without a new
     * handshake. No ControlPersist: the master is the first worker's ssh and ends with the run,
     * so no ssh outlives it. The remote worker exits when its stdin closes, which is how it ends
     * when this side or the connection dies (ssh without a tty kills nothing by itself).
     *
     * @param ssh           the ssh command and its options ({@code ["ssh"]}, {@code ["ssh", "-F", "cfg"]})
     * @param login         {@code [user@]host}
     * @param remoteFutures the futures program on that host ({@code futures} for the remote PATH)
     */
    public static WorkerLauncher ssh(List<String> ssh, String login, String remoteFutures) {
        List<String> command = new ArrayList<>(ssh);
        command.addAll(List.of("-o", "ControlMaster=auto", "-o", "ControlPath=" + controlDirectory() + "/%n-%C",
                "-o", "ControlPersist=no", "-T", login, shellQuote(List.of(remoteFutures)) + " worker"));
        List<String> fixed = List.copyOf(command);
        return () -> fixed;
    }

    /**
     * A worker as a Slurm job step inside the current allocation: {@code srun --overlap -n1
     * (this program's worker command)}, one step per worker, so they share the allocation's
     * resources with each other and with this process. This program must be at the same path
     * on the allocation's nodes (a shared file system, as Slurm clusters have). Ending srun ends
     * the step, and the worker ends when its stdin closes.
     */
    public static WorkerLauncher slurmStep() {
        List<String> command = new ArrayList<>(List.of("srun", "--overlap", "--nodes=1", "--ntasks=1", "--quiet"));
        command.addAll(selfCommand());
        List<String> fixed = List.copyOf(command);
        return () -> fixed;
    }

    /** One directory per run for the connection sockets (short: a socket path has ~100 bytes). */
    private static synchronized String controlDirectory() {
        if (controlDirectory == null) {
            Path dir = Path.of(System.getProperty("java.io.tmpdir"), "futures-ssh-" + ProcessHandle.current().pid());
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make " + dir, e);
            }
            dir.toFile().deleteOnExit();
            controlDirectory = dir.toString();
        }
        return controlDirectory;
    }

    private static String controlDirectory;

    static List<String> selfCommand() {
        if ("runtime".equals(System.getProperty("org.graalvm.nativeimage.imagecode"))) {
            return List.of(nativeExecutable(), "worker");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> inherited = new ArrayList<>();
        for (String option : jvmOptions(ownArguments())) {
            if (inheritable(option)) {
                inherited.add(option);
            }
        }
        command.addAll(workerDefaults(inherited));
        command.addAll(inherited);
        String extra = System.getenv("FUTURES_WORKER_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        String classPath = System.getProperty("java.class.path", "");
        if (classPath.endsWith("quarkus-run.jar") && !classPath.contains(File.pathSeparator)) {
            command.add("-jar");
            command.add(classPath);
            command.add("worker");
        } else {
            command.add("-cp");
            command.add(classPath);
            command.add(WORKER_MAIN);
        }
        return List.copyOf(command);
    }

    /**
     * This JVM's command-line arguments after the program: from {@code /proc/self/cmdline}
     * (about 10 ms in a fresh JVM, against 31-37 ms through {@link ProcessHandle.Info#arguments()}
     * and 65-100 ms through the management API, measured on JDK 17), else through ProcessHandle.
     */
    private static String[] ownArguments() {
        try {
            String[] words = new String(Files.readAllBytes(Path.of("/proc/self/cmdline")),
                    StandardCharsets.UTF_8).split("\0");
            return Arrays.copyOfRange(words, Math.min(1, words.length), words.length);
        } catch (IOException | RuntimeException noProc) {
            return ProcessHandle.current().info().arguments().orElse(new String[0]);
        }
    }

    /** JVM options that take their value as the next word; the class path ones are this pool's to set. */
    private static final Set<String> WITH_VALUE = Set.of("--add-opens", "--add-exports",
            "--add-reads", "--add-modules", "--limit-modules", "--patch-module", "--upgrade-module-path", "-p",
            "--module-path");
    private static final Set<String> CLASS_PATH = Set.of("-cp", "-classpath", "--class-path");

    /**
     * The JVM options of a java command line's arguments (what follows the program): those
     * before the main class or {@code -jar}, less the class path. Read from the process's own
     * command line ({@link ProcessHandle.Info#arguments()}) rather than the management API,
     * which would drag the whole management stack into a native image and costs start-up in a
     * JVM. Options from {@code JDK_JAVA_OPTIONS} are not on the command line; workers inherit
     * that variable and so get them anyway.
     */
    static List<String> jvmOptions(String[] arguments) {
        List<String> options = new ArrayList<>();
        for (int i = 0; i < arguments.length; i++) {
            String argument = arguments[i];
            if (argument.equals("-jar") || argument.equals("-m") || argument.equals("--module")
                    || !argument.startsWith("-")) {
                break; // the program starts here
            }
            if (CLASS_PATH.contains(argument)) {
                i++;
            } else if (WITH_VALUE.contains(argument) && i + 1 < arguments.length) {
                options.add(argument);
                options.add(arguments[++i]);
            } else {
                options.add(argument);
            }
        }
        return options;
    }

    /**
     * Heap, GC, {@code -D} and agents carry over to workers. The parent's diagnostics do not: a
     * debugger's agent would fight over its port, and flight recordings, {@code -verbose},
     * {@code -Xlog} and {@code -XX:+Print...} would write to the worker's stdout, which carries
     * frames only, or over the parent's recording file.
     */
    static boolean inheritable(String option) {
        return !(option.startsWith("-agentlib:jdwp") || option.startsWith("-Xrunjdwp")
                || option.startsWith("-XX:StartFlightRecording") || option.startsWith("-XX:FlightRecorderOptions")
                || option.startsWith("-verbose") || option.startsWith("-Xlog") || option.startsWith("-XX:+Print"));
    }

    /**
     * Start-up first, for JVM workers on small machines: C1 only and the serial collector (with
     * 2 workers on 2 cores, C2's compiler threads compete with the tasks; measured in
     * bench/process-pool: submit-and-wait 0.78 s with C2, 0.39 s with C1). They come before the
     * inherited options and FUTURES_WORKER_JAVA_OPTS, and HotSpot takes the last occurrence of
     * a flag, so either overrides them; a collector is added only if none is chosen already
     * (two would be an error).
     */
    static List<String> workerDefaults(List<String> inherited) {
        List<String> defaults = new ArrayList<>(List.of("-XX:TieredStopAtLevel=1"));
        // The launcher's class-data archive carries over; a JDK 25 AOT cache refuses any -Xshare.
        if (inherited.stream().noneMatch(option -> option.startsWith("-XX:AOTCache"))) {
            defaults.add("-Xshare:auto");
        }
        boolean collectorChosen = inherited.stream().anyMatch(option -> option.matches("-XX:\\+Use\\w*GC"));
        String extra = System.getenv("FUTURES_WORKER_JAVA_OPTS");
        if (!collectorChosen && (extra == null || !extra.matches(".*-XX:\\+Use\\w*GC.*"))) {
            defaults.add("-XX:+UseSerialGC");
        }
        return defaults;
    }

    private static String nativeExecutable() {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/exe")).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return ProcessHandle.current().info().command().orElse("/proc/self/exe");
        }
    }

    private static String shellQuote(List<String> words) {
        StringBuilder quoted = new StringBuilder();
        for (String word : words) {
            if (quoted.length() > 0) {
                quoted.append(' ');
            }
            quoted.append('\'').append(word.replace("'", "'\\''")).append('\'');
        }
        return quoted.toString();
    }
}
