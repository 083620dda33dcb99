package dev.futures.task;

import java.util.List;
import java.util.Objects;

/**
 * A unit of work with a name, so that any worker (a thread here, a process that has only the
 * name) can find and run it. Arguments and values are plain data: strings, numbers, booleans,
 * lists, maps and {@code null}, because they may cross a process boundary.
 */
public interface Task {
    /** How callers name the task, e.g. {@code "sleep"}. */
    String name();

    /** The call shape for help texts, e.g. {@code "sleep(seconds[, value])"}. */
    String signature();

    /** One line saying what the task does. */
    String description();

    /** Runs the task; what it throws is the failure of its future. */
    Object call(List<Object> args) throws Exception;

    /** The body of a task, for {@link #of}. */
    @FunctionalInterface
    interface Body {
        Object call(List<Object> args) throws Exception;
    }

    /** A task from its parts: {@code Task.of("double", "double(n)", "2n", args -> ...)}. */
    static Task of(String name, String signature, String description, Body body) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(body, "body");
        return new Task() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String signature() {
                return signature;
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public Object call(List<Object> args) throws Exception {
                return body.call(args);
            }

            @Override
            public String toString() {
                return "Task[" + name + "]";
            }
        };
    }
}
