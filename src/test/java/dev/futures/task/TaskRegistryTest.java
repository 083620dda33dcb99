package dev.futures.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.futures.Future;
import dev.futures.ThreadPoolExecutor;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Registering tasks by name, as a Java user would (docs/library.md, "Tasks by name"). */
class TaskRegistryTest {

    @Test
    void aRegisteredTaskRunsByNameOnAPool() {
        TaskRegistry tasks = TaskRegistry.withBuiltIns()
                .register(Task.of("greet", "greet(name)", "say hello", args -> "hello " + args.get(0)));
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(2)) {
            Future<Object> f = pool.submit(tasks.bind("greet", List.of("ada")));
            assertEquals("hello ada", f.result());
        }
    }

    @Test
    void unknownNamesFailAtBindBeforeAnythingRuns() {
        AtomicInteger ran = new AtomicInteger();
        TaskRegistry tasks = new TaskRegistry().register(Task.of("count", "count()", "", args -> ran.incrementAndGet()));
        UnknownTask error = assertThrows(UnknownTask.class, () -> tasks.bind("nope", List.of()));
        assertEquals("unknown task 'nope' (see 'futures tasks')", error.getMessage());
        assertEquals(0, ran.get());
    }

    @Test
    void namesAreUniqueAndListedSorted() {
        TaskRegistry tasks = TaskRegistry.withBuiltIns();
        assertThrows(IllegalArgumentException.class,
                () -> tasks.register(Task.of("sh", "sh()", "again", args -> null)));
        List<String> names = tasks.tasks().stream().map(Task::name).toList();
        assertEquals(names.stream().sorted().toList(), names);
        assertTrue(names.containsAll(List.of("sh", "exec", "sleep", "echo", "fail", "pid", "square", "digest")), names.toString());
    }
}
