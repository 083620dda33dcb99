package dev.futures.task;

/**
 * How a Java user adds tasks that process workers can find by name: implement this and list
 * the class in {@code META-INF/services/dev.futures.task.TaskProvider}. Every registry made by
 * {@link TaskRegistry#discover()} — the worker's, and the pool's that checks names at submit —
 * calls it. (ServiceLoader needs no reflection configuration in a native image: native-image
 * registers the providers it finds in {@code META-INF/services} at build time.)
 */
public interface TaskProvider {
    void register(TaskRegistry registry);
}
