package dev.futures.task;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * The tasks a worker can find by name. {@link #withBuiltIns()} holds DESIGN.md's built-in tasks;
 * Java users {@link #register} their own. Thread-safe.
 */
public final class TaskRegistry {
    private final Map<String, Task> tasks = new TreeMap<>();

    /** An empty registry. */
    public TaskRegistry() {
    }

    /** A registry holding the built-in tasks ({@link BuiltinTasks}). */
    public static TaskRegistry withBuiltIns() {
        return withBuiltIns(CommandRunner.forThisProcess());
    }

    /** The built-in tasks, their commands started by {@code runner} (which can then stop them). */
    public static TaskRegistry withBuiltIns(CommandRunner runner) {
        TaskRegistry registry = new TaskRegistry();
        BuiltinTasks.all(runner).forEach(registry::register);
        return registry;
    }

    /** The built-in tasks plus those of every {@link TaskProvider} on the class path. */
    public static TaskRegistry discover() {
        return discover(CommandRunner.forThisProcess());
    }

    /** {@link #discover()} with the built-in tasks' commands started by {@code runner}. */
    public static TaskRegistry discover(CommandRunner runner) {
        TaskRegistry registry = withBuiltIns(runner);
        for (TaskProvider provider : ServiceLoader.load(TaskProvider.class)) {
            provider.register(registry);
        }
        return registry;
    }

    /**
     * What a process worker runs: {@link #discover()} plus {@code exit(code)}, which ends the
     * worker process at once (for testing crash handling; in a thread pool it would end the
     * caller's whole process, so only workers have it).
     */
    public static TaskRegistry forProcessWorkers() {
        return forProcessWorkers(CommandRunner.forThisProcess());
    }

    /** {@link #forProcessWorkers()} with the built-in tasks' commands started by {@code runner}. */
    public static TaskRegistry forProcessWorkers(CommandRunner runner) {
        return discover(runner).register(Task.of("exit", "exit(code)", "(process workers only) end the worker at once with code",
                BuiltinTasks::exit));
    }

    /** @throws IllegalArgumentException if a task of that name is already registered */
    public synchronized TaskRegistry register(Task task) {
        Objects.requireNonNull(task, "task");
        if (tasks.putIfAbsent(task.name(), task) != null) {
            throw new IllegalArgumentException("task '" + task.name() + "' is already registered");
        }
        return this;
    }

    public synchronized Optional<Task> find(String name) {
        return Optional.ofNullable(tasks.get(name));
    }

    /** @throws UnknownTask if no task has that name */
    public Task require(String name) {
        return find(name).orElseThrow(() -> new UnknownTask(name));
    }

    /** The registered tasks, sorted by name. */
    public synchronized List<Task> tasks() {
        return Collections.unmodifiableList(new ArrayList<>(tasks.values()));
    }

    /**
     * A call of the named task with these arguments, ready to submit to any executor. The name
     * is resolved now, so an unknown task fails here, before anything runs.
     *
     * @throws UnknownTask if no task has that name
     */
    public Callable<Object> bind(String name, List<?> args) {
        Task task = require(name);
        List<Object> copy = Collections.unmodifiableList(new ArrayList<>(args));
        return () -> task.call(copy);
    }
}
