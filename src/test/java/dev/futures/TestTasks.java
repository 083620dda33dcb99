package dev.futures;

import dev.futures.task.Task;
import dev.futures.task.TaskProvider;
import dev.futures.task.TaskRegistry;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The tasks the scenario suite submits by name: the built-ins plus CPython's test helpers
 * ({@code mul}, {@code pow}, {@code divmod}, ...). Gates are files, not latches, so the same
 * scenarios can run on a process pool, whose workers share only the file system with the test.
 */
public final class TestTasks implements TaskProvider {

    /** The built-ins plus these, found as a process worker finds them (ServiceLoader). */
    static TaskRegistry registry() {
        return TaskRegistry.discover();
    }

    @Override
    public void register(TaskRegistry registry) {
        registry.register(Task.of("mul", "mul(a, b)", "a * b", args -> integer(args, 0) * integer(args, 1)));
        registry.register(Task.of("add", "add(a, b)", "a + b", args -> integer(args, 0) + integer(args, 1)));
        registry.register(Task.of("pow", "pow(a, b)", "a ** b",
                args -> BigDecimal.valueOf(integer(args, 0)).pow((int) integer(args, 1)).longValueExact()));
        registry.register(Task.of("divmod", "divmod(a, b)", "[a / b, a % b]; ArithmeticException for b = 0",
                args -> List.of(Math.floorDiv(integer(args, 0), integer(args, 1)), Math.floorMod(integer(args, 0), integer(args, 1)))));
        registry.register(Task.of("abs", "abs(n)", "|n|", args -> Math.abs(integer(args, 0))));
        registry.register(Task.of("str", "str(x)", "x as text", args -> String.valueOf(args.get(0))));
        registry.register(Task.of("raise_timeout", "raise_timeout()", "a task whose own failure is a TimeoutError",
                args -> {
                    throw new TimeoutError("raised by the task");
                }));
        registry.register(Task.of("wait_for_file", "wait_for_file(path[, value])",
                "block until path exists, then return value", TestTasks::waitForFile));
        registry.register(Task.of("signal_and_wait", "signal_and_wait(started, gate[, value])",
                "create the file started, then block until gate exists", args -> {
                    Files.writeString(Path.of(String.valueOf(args.get(0))), "started", StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND);
                    return waitForFile(args.subList(1, args.size()));
                }));
        registry.register(Task.of("fail_after_file", "fail_after_file(path)", "block until path exists, then raise",
                args -> {
                    waitForFile(args);
                    throw new IllegalStateException("failed after " + args.get(0));
                }));
        registry.register(Task.of("record", "record(path, value)", "append value as a line to path, return value",
                args -> {
                    Files.writeString(Path.of(String.valueOf(args.get(0))), args.get(1) + "\n", StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    return args.get(1);
                }));
        // "unencodable" is a built-in now (BuiltinTasks), for the executable's tests too.
        registry.register(Task.of("print_to_stdout", "print_to_stdout(text)", "System.out.println(text), then return it",
                args -> {
                    System.out.println(args.get(0));
                    return args.get(0);
                }));
        registry.register(Task.of("corrupt_stdout", "corrupt_stdout()", "write a non-frame line to the real fd 1",
                args -> {
                    FileOutputStream raw = new FileOutputStream(FileDescriptor.out);
                    raw.write("this is not a frame\n".getBytes(StandardCharsets.UTF_8));
                    raw.flush();
                    return null;
                }));
        registry.register(Task.of("crash_with_banner", "crash_with_banner()",
                "write HotSpot's crash banner to the real fd 1, as a crashing JVM does, and die", args -> {
                    FileOutputStream raw = new FileOutputStream(FileDescriptor.out);
                    raw.write(("#\n# A fatal error has been detected by the Java Runtime Environment:\n#\n"
                            + "#  SIGSEGV (0xb) at pc=0x0000000000000000, pid=1, tid=1\n#\n").getBytes(StandardCharsets.UTF_8));
                    raw.flush();
                    Runtime.getRuntime().halt(134);
                    return null;
                }));
        registry.register(Task.of("initialized", "initialized()", "the value the test initializer stored",
                args -> InitializerState.value));
        registry.register(Task.of("init", "init(value)", "store value for initialized()", args -> {
            InitializerState.value = args.get(0);
            return null;
        }));
        registry.register(Task.of("init_fail", "init_fail()", "an initializer that fails", args -> {
            throw new IllegalArgumentException("error in initializer");
        }));
        registry.register(Task.of("echo_size", "echo_size(text)", "the length of text", args -> (long) String.valueOf(args.get(0)).length()));
    }

    /** Per process: what the init task stored. */
    static final class InitializerState {
        static volatile Object value;

        private InitializerState() {
        }
    }

    private static long integer(List<Object> args, int index) {
        return ((Number) args.get(index)).longValue();
    }

    /** A gate the test opens by creating the file; polls, as a worker in another process would have to. */
    private static Object waitForFile(List<Object> args) throws IOException, InterruptedException {
        Path path = Path.of(String.valueOf(args.get(0)));
        long giveUp = System.nanoTime() + 120_000_000_000L;
        while (!Files.exists(path)) {
            if (System.nanoTime() > giveUp) {
                throw new IOException("gate " + path + " never opened");
            }
            Thread.sleep(2);
        }
        return args.size() > 1 ? args.get(1) : null;
    }
}
