package dev.futures;

import dev.futures.task.Task;
import dev.futures.task.TaskRegistry;
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
final class TestTasks {
    private TestTasks() {
    }

    static TaskRegistry registry() {
        TaskRegistry registry = TaskRegistry.withBuiltIns();
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
        return registry;
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
