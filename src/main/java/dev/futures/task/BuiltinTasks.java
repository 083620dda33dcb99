package dev.futures.task;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in tasks of DESIGN.md, and {@code command}, which the CLI runs commands with.
 * {@code exit} is registered for process workers only ({@link TaskRegistry#forProcessWorkers()}).
 */
public final class BuiltinTasks {
    private static final String SHELL = "/bin/sh";

    private BuiltinTasks() {
    }

    /** The built-ins, with a command runner of their own for {@code sh}, {@code exec} and {@code command}. */
    public static List<Task> all() {
        return all(CommandRunner.forThisProcess());
    }

    /** The built-ins; {@code sh} and {@code exec} start their commands through {@code runner}. */
    public static List<Task> all(CommandRunner runner) {
        return List.of(
                Task.of("sh", "sh(command, args...)", "run a command line with /bin/sh -c; value: its stdout",
                        args -> sh(runner, args)),
                Task.of("exec", "exec(argv...)", "run a program without a shell; value: its stdout",
                        args -> exec(runner, args)),
                Task.of("command", "command(argv...)",
                        "run a program; value: {exit_code, stdout, stderr} (base64), never an error for its exit code",
                        args -> command(runner, args)),
                Task.of("command_with", "command_with({stdin?, env?}, argv...)",
                        "the same as command, with stdin's base64 bytes on the program's stdin (map --pipe's blocks) "
                                + "and env's variables added to its environment (PARALLEL_SEQ, ...)",
                        args -> commandWith(runner, args)),
                Task.of("sleep", "sleep(seconds[, value])", "wait, then return value (or null)", BuiltinTasks::sleep),
                Task.of("echo", "echo(value)", "return value", BuiltinTasks::echo),
                Task.of("fail", "fail(message)", "raise an error with message", BuiltinTasks::fail),
                Task.of("pid", "pid()", "return the pid of the process that runs the task", BuiltinTasks::pid),
                Task.of("square", "square(n)", "return n * n", BuiltinTasks::square),
                Task.of("digest", "digest(path[, algorithm])", "hex digest of a file (default SHA-256)",
                        BuiltinTasks::digest),
                Task.of("unencodable", "unencodable()", "(for tests) return NaN, a value JSON cannot carry",
                        args -> Double.NaN));
    }

    static Object sh(CommandRunner runner, List<Object> raw) throws IOException, InterruptedException {
        TaskArgs args = new TaskArgs("sh(command, args...)", raw);
        args.requireCount(1, Integer.MAX_VALUE);
        List<String> argv = new ArrayList<>();
        argv.add(SHELL);
        argv.add("-c");
        argv.add(args.string(0));
        if (args.size() > 1) {
            argv.add("sh"); // $0; the rest become $1, $2, ...
            argv.addAll(args.strings(1));
        }
        return stdoutOrFail(runner.run(argv));
    }

    static Object exec(CommandRunner runner, List<Object> raw) throws IOException, InterruptedException {
        TaskArgs args = new TaskArgs("exec(argv...)", raw);
        args.requireCount(1, Integer.MAX_VALUE);
        return stdoutOrFail(runner.run(args.strings(0)));
    }

    private static String stdoutOrFail(CommandOutcome outcome) {
        if (!outcome.succeeded()) {
            throw new CommandFailed(outcome);
        }
        return outcome.stdoutText();
    }

    static Object sleep(List<Object> raw) throws InterruptedException {
        TaskArgs args = new TaskArgs("sleep(seconds[, value])", raw);
        args.requireCount(1, 2);
        BigDecimal seconds = args.number(0);
        long millis = seconds.movePointRight(3).max(BigDecimal.ZERO).longValue();
        Thread.sleep(millis);
        return args.get(1);
    }

    static Object echo(List<Object> raw) {
        TaskArgs args = new TaskArgs("echo(value)", raw);
        args.requireCount(1, 1);
        return args.get(0);
    }

    static Object fail(List<Object> raw) {
        TaskArgs args = new TaskArgs("fail(message)", raw);
        args.requireCount(0, 1);
        throw new RuntimeException(args.size() == 0 ? "fail" : args.string(0));
    }

    static Object pid(List<Object> raw) {
        new TaskArgs("pid()", raw).requireCount(0, 0);
        return ProcessHandle.current().pid();
    }

    static Object square(List<Object> raw) {
        TaskArgs args = new TaskArgs("square(n)", raw);
        args.requireCount(1, 1);
        Object arg = args.get(0);
        if (arg instanceof Long || arg instanceof Integer) {
            long whole = ((Number) arg).longValue();
            // The common case without BigDecimal; only an overflow takes the exact path below.
            if (Math.abs(whole) <= 3_037_000_499L) {
                return whole * whole;
            }
        }
        BigDecimal n = args.number(0);
        BigDecimal product = n.multiply(n);
        // Whole numbers stay whole (3 -> 9, not 9.0), as in Python.
        try {
            BigInteger whole = product.toBigIntegerExact();
            return whole.bitLength() < 64 ? (Object) whole.longValue() : whole;
        } catch (ArithmeticException fraction) {
            return product.doubleValue();
        }
    }

    static Object exit(List<Object> raw) {
        TaskArgs args = new TaskArgs("exit(code)", raw);
        args.requireCount(0, 1);
        // halt, not exit: no shutdown hook may run and answer for the dead worker.
        Runtime.getRuntime().halt(args.size() == 0 ? 0 : args.number(0).intValue());
        return null;
    }

    /**
     * Runs a program and returns how it ended, never raising for a non-zero exit:
     * {@code {"exit_code": N, "stdout": base64, "stderr": base64, "worker_pid": PID, "duration_ms": MS}}. The CLI runs commands in
     * process workers through this, byte-exact.
     */
    static Object command(CommandRunner runner, List<Object> raw) throws IOException, InterruptedException {
        TaskArgs args = new TaskArgs("command(argv...)", raw);
        args.requireCount(1, Integer.MAX_VALUE);
        return commandValue(runner.run(args.strings(0)));
    }

    static Object commandWith(CommandRunner runner, List<Object> raw) throws IOException, InterruptedException {
        TaskArgs args = new TaskArgs("command_with({stdin?, env?, files?, return?, cleanup?, origin?}, argv...)", raw);
        args.requireCount(2, Integer.MAX_VALUE);
        if (!(args.get(0) instanceof Map<?, ?> options)) {
            throw new IllegalArgumentException("command_with({stdin?, env?, ...}, argv...): argument 1 must be an object");
        }
        byte[] stdin = options.get("stdin") == null ? null
                : Base64.getDecoder().decode(String.valueOf(options.get("stdin")));
        Map<String, String> environment = new LinkedHashMap<>();
        if (options.get("env") instanceof Map<?, ?> env) {
            env.forEach((name, value) -> environment.put(String.valueOf(name), String.valueOf(value)));
        }
        CarriedFiles carried = CarriedFiles.of(options);
        if (carried == null) {
            return commandValue(runner.run(args.strings(1), null, stdin, environment));
        }
        carried.place();
        @SuppressWarnings("unchecked")
        Map<String, Object> value = (Map<String, Object>) commandValue(runner.run(args.strings(1), null, stdin, environment));
        value.put("files", carried.collect());
        return value;
    }

    /** Where this process runs, as {@code command_with}'s {@code origin} option names it (no file moves there). */
    public static String origin() {
        return CarriedFiles.origin();
    }

    private static Object commandValue(CommandOutcome outcome) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("exit_code", outcome.exitCode());
        value.put("stdout", Base64.getEncoder().encodeToString(outcome.stdout()));
        value.put("stderr", Base64.getEncoder().encodeToString(outcome.stderr()));
        value.put("worker_pid", ProcessHandle.current().pid());
        value.put("duration_ms", outcome.durationNanos() / 1_000_000);
        return value;
    }

    static Object digest(List<Object> raw) throws Exception {
        TaskArgs args = new TaskArgs("digest(path[, algorithm])", raw);
        args.requireCount(1, 2);
        MessageDigest digest = MessageDigest.getInstance(args.size() > 1 ? args.string(1) : "SHA-256");
        try (InputStream in = Files.newInputStream(Path.of(args.string(0)))) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
