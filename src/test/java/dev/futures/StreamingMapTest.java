package dev.futures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The library's streaming map, the engine of {@code futures map}, {@code run} and the session's map: a result is
 * due as soon as its call ends, even while the next input has not arrived (CPython's lazy map
 * would wait for it), at most {@code window} calls ahead of the consumer, one deadline for all.
 */
@Timeout(60)
class StreamingMapTest {

    /** Inputs 1, 2, ... that block before {@code blockAt} until {@code release} opens. */
    private static Iterator<Integer> slowInput(int count, int blockAt, CountDownLatch release) {
        return new Iterator<>() {
            private int next = 1;

            @Override
            public boolean hasNext() {
                if (next == blockAt) {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                }
                return next <= count;
            }

            @Override
            public Integer next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return next++;
            }
        };
    }

    @Test
    void aResultIsDueBeforeTheNextInputArrives() throws Exception {
        CountDownLatch secondInput = new CountDownLatch(1);
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(2);
                StreamingMap<Integer> map = new StreamingMap<>(i -> pool.submit(() -> i * 10), slowInput(2, 2, secondInput),
                        4, true, null)) {
            StreamingMap.Done<Integer> first = map.next(); // the input after it is still blocked
            assertEquals(1, first.input());
            assertEquals(10, first.future().result());
            secondInput.countDown();
            assertEquals(20, map.next().future().result());
            assertNull(map.next());
        }
    }

    @Test
    void neverMoreThanTheWindowAheadOfTheConsumer() throws Exception {
        AtomicInteger submitted = new AtomicInteger();
        List<Integer> seen = new ArrayList<>();
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(2);
                StreamingMap<Integer> map = new StreamingMap<>(i -> {
                    submitted.incrementAndGet();
                    return pool.submit(() -> i);
                }, slowInput(100, -1, new CountDownLatch(0)), 3, true, null)) {
            for (StreamingMap.Done<Integer> done; (done = map.next()) != null; ) {
                assertTrue(submitted.get() <= seen.size() + 1 + 3, "submitted " + submitted + " after " + seen.size());
                seen.add(done.input());
            }
        }
        assertEquals(100, seen.size());
        assertEquals(1, seen.get(0));
        assertEquals(100, seen.get(99));
    }

    @Test
    void completionOrderYieldsTheCallThatEndsFirst() throws Exception {
        CountDownLatch slow = new CountDownLatch(1);
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(2);
                StreamingMap<Integer> map = new StreamingMap<>(i -> pool.submit(() -> {
                    if (i == 1) {
                        slow.await();
                    }
                    return i;
                }), List.of(1, 2).iterator(), 2, false, null)) {
            assertEquals(2, map.next().input());
            slow.countDown();
            assertEquals(1, map.next().input());
            assertNull(map.next());
        }
    }

    @Test
    void theDeadlineEndsTheWaitAndCloseCancelsWhatHasNotStarted() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Future<?>> futures = new CopyOnWriteArrayList<>();
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(1)) {
            StreamingMap<Integer> map = new StreamingMap<>(i -> {
                Future<?> future = pool.submit(() -> {
                    release.await();
                    return i;
                });
                futures.add(future);
                return future;
            }, List.of(1, 2).iterator(), 2, true, Duration.ofMillis(200));
            assertThrows(TimeoutError.class, map::next);
            while (map.unfinished() < 2) {
                Thread.onSpinWait(); // the window holds both, so the pump submits both
            }
            assertEquals(List.of(1, 2), map.unfinishedInputs().stream().sorted().toList());
            map.close();
            assertTrue(futures.get(1).cancelled(), "the call that had not started is cancelled");
            release.countDown();
            assertEquals(1, futures.get(0).result()); // the running one goes on
        }
    }
}
