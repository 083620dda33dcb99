package dev.futures.cli.docs;

import dev.futures.task.Task;
import dev.futures.task.TaskRegistry;
import java.util.Iterator;

/**
 * The names of the tasks this executable can run, built-in and registered (what
 * {@code futures tasks} lists): the completion candidates of {@code --task}, {@code --initializer}
 * and {@code submit}'s TASK.
 */
public final class TaskNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return TaskRegistry.forProcessWorkers().tasks().stream().map(Task::name).sorted().iterator();
    }
}
