package dev.futures;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's Java example, kept compiling and true. */
class ReadmeExampleTest {

    @Test
    void theReadmeExampleWorks() {
        List<String> printed = new ArrayList<>();
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(4)) {
            Future<Integer> f = pool.submit(() -> 6 * 7);
            int answer = f.result(Duration.ofSeconds(5));
            assertEquals(42, answer);

            for (String s : pool.map(n -> "n=" + n, List.of(1, 2, 3),
                    MapOptions.defaults().withTimeout(Duration.ofSeconds(10)).withBuffersize(8))) {
                printed.add(s);
            }

            List<Future<String>> fs = List.of(pool.submit(() -> "a"), pool.submit(() -> "b"));
            DoneAndNotDone<Future<String>> split = Futures.wait(fs, Duration.ofSeconds(10), ReturnWhen.FIRST_COMPLETED);
            assertEquals(false, split.done().isEmpty());
            for (Future<String> done : Futures.asCompleted(fs)) {
                printed.add(done.result());
            }
        }
        assertEquals(List.of("n=1", "n=2", "n=3"), printed.subList(0, 3));
        assertEquals(List.of("a", "b"), printed.subList(3, 5).stream().sorted().toList());
    }
}
