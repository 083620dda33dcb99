package dev.futures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** CPython's test_thread_pool.py, ThreadPoolShutdownTest and test_init.py for threads (TP, TSD, INIT). */
@Timeout(120)
class ThreadPoolExecutorTest {

    private static Set<Thread> threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(prefix + "_"))
                .collect(Collectors.toSet());
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(60, TimeUnit.SECONDS), "latch never opened");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void tp01MapSubmitsEverythingWithoutIteration() {
        List<Integer> recorded = Collections.synchronizedList(new ArrayList<>());
        ThreadPoolExecutor executor = new ThreadPoolExecutor(5);
        executor.map(i -> recorded.add(i), IntStream.range(0, 10).boxed().toList());
        executor.shutdown(true, false);
        assertEquals(IntStream.range(0, 10).boxed().toList(), recorded.stream().sorted().toList());
    }

    @Test
    void tp02DefaultWorkers() {
        try (ThreadPoolExecutor executor = new ThreadPoolExecutor()) {
            assertEquals(Math.min(32, Runtime.getRuntime().availableProcessors() + 4), executor.maxWorkers());
        }
    }

    @Test
    void tp03SaturationNeverExceedsMaxWorkers() {
        CountDownLatch release = new CountDownLatch(1);
        ThreadPoolExecutor executor = ThreadPoolExecutor.builder().maxWorkers(4).threadNamePrefix("tp03").build();
        try {
            for (int i = 0; i < 60; i++) {
                executor.submit(() -> await(release));
            }
            assertEquals(4, threadsNamed("tp03").size());
        } finally {
            release.countDown();
            executor.shutdown(true, false);
        }
    }

    @Test
    void tp04IdleThreadIsReused() {
        try (ThreadPoolExecutor executor = ThreadPoolExecutor.builder().threadNamePrefix("tp04").build()) {
            for (int i = 0; i < 3; i++) {
                executor.submit(() -> 1).result();
            }
            assertEquals(1, threadsNamed("tp04").size());
        }
    }

    @Test
    void tp07MapTimeoutCancelsTheCallWaitedOnAndTheRest() {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch release = new CountDownLatch(1);
        ThreadPoolExecutor executor = new ThreadPoolExecutor(1);
        try {
            executor.submit(() -> {
                log.add("first started");
                await(release);
                log.add("first stopped");
                return null;
            });
            MapIterator<Object> results = executor.map(name -> {
                log.add(name + " started");
                return null;
            }, List.of("second", "third"), MapOptions.defaults().withTimeout(Duration.ZERO));
            assertThrows(TimeoutError.class, results::next);
        } finally {
            release.countDown();
            executor.shutdown(true, false);
        }
        assertEquals(List.of("first started", "first stopped"), log);
    }

    @Test
    void tsd01ThreadsEndAfterShutdown() {
        CountDownLatch release = new CountDownLatch(1);
        ThreadPoolExecutor executor = ThreadPoolExecutor.builder().maxWorkers(5).threadNamePrefix("tsd01").build();
        for (int i = 0; i < 3; i++) {
            executor.submit(() -> await(release));
        }
        Set<Thread> threads = threadsNamed("tsd01");
        assertEquals(3, threads.size());
        release.countDown();
        executor.shutdown(true, false);
        threads.forEach(t -> assertFalse(t.isAlive(), t.getName()));
    }

    @Test
    void tsd02ContextManagerShutsDown() {
        List<Object> out = new ArrayList<>();
        Set<Thread> threads;
        try (ThreadPoolExecutor executor = ThreadPoolExecutor.builder().maxWorkers(5).threadNamePrefix("tsd02").build()) {
            executor.map(Math::abs, IntStream.range(-5, 5).boxed().toList()).forEachRemaining(out::add);
            threads = threadsNamed("tsd02");
        }
        assertEquals(List.of(5, 4, 3, 2, 1, 0, 1, 2, 3, 4), out);
        threads.forEach(t -> assertFalse(t.isAlive(), t.getName()));
    }

    @Test
    void tsd04ShutdownWithoutWaitStillCompletesTheWork() throws InterruptedException {
        ThreadPoolExecutor executor = ThreadPoolExecutor.builder().maxWorkers(5).threadNamePrefix("tsd04").build();
        MapIterator<Object> results = executor.map(i -> {
            Thread.sleep(10);
            return i * i;
        }, IntStream.range(0, 10).boxed().toList());
        executor.shutdown(false, false);
        List<Object> out = new ArrayList<>();
        results.forEachRemaining(out::add);
        assertEquals(IntStream.range(0, 10).mapToObj(i -> (Object) (i * i)).toList(), out);
        for (Thread thread : threadsNamed("tsd04")) {
            thread.join(60_000);
            assertFalse(thread.isAlive());
        }
    }

    @Test
    void tsd05AndTsd06ThreadNames() {
        CountDownLatch release = new CountDownLatch(1);
        try (ThreadPoolExecutor named = ThreadPoolExecutor.builder().maxWorkers(5).threadNamePrefix("SpecialPool").build();
                ThreadPoolExecutor unnamed = new ThreadPoolExecutor(5)) {
            List<Future<String>> names = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                names.add(named.submit(() -> {
                    await(release);
                    return Thread.currentThread().getName();
                }));
                names.add(unnamed.submit(() -> {
                    await(release);
                    return Thread.currentThread().getName();
                }));
            }
            release.countDown();
            Pattern special = Pattern.compile("^SpecialPool_[0-4]$");
            Pattern standard = Pattern.compile("^ThreadPoolExecutor-\\d+_[0-4]$");
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i).result();
                assertTrue((i % 2 == 0 ? special : standard).matcher(name).matches(), name);
            }
        }
    }

    @Test
    void init01InitializerRunsInEveryThreadBeforeTasks() {
        ThreadLocal<String> state = new ThreadLocal<>();
        CountDownLatch release = new CountDownLatch(1);
        try (ThreadPoolExecutor executor = ThreadPoolExecutor.builder().maxWorkers(5)
                .initializer(() -> state.set("initialized")).build()) {
            List<Future<String>> fs = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                fs.add(executor.submit(() -> {
                    await(release);
                    return state.get();
                }));
            }
            release.countDown();
            for (Future<String> f : fs) {
                assertEquals("initialized", f.result());
            }
        }
    }

    @Test
    void init02FailingInitializerBreaksThePool() {
        try (LogCapture log = new LogCapture()) {
            ThreadPoolExecutor executor = ThreadPoolExecutor.builder().maxWorkers(5).initializer(() -> {
                throw new IllegalArgumentException("error in initializer");
            }).build();
            try {
                Future<Object> f = executor.submit(() -> 1);
                BrokenThreadPool broken = assertThrows(BrokenThreadPool.class, f::result);
                assertEquals(BrokenThreadPool.MESSAGE, broken.getMessage());
                BrokenExecutor later = assertThrows(BrokenExecutor.class, () -> executor.submit(() -> 2));
                assertInstanceOf(BrokenThreadPool.class, later);
                assertTrue(log.text().contains("Exception in initializer:"), log.text());
                assertTrue(log.text().contains("error in initializer"), log.text());
            } finally {
                executor.shutdown(true, false);
            }
        }
    }

    @Test
    void aWorkerInterruptedFromOutsideKeepsServing() {
        try (ThreadPoolExecutor executor = ThreadPoolExecutor.builder().maxWorkers(1).threadNamePrefix("outside").build()) {
            executor.submit(() -> 1).result();
            threadsNamed("outside").forEach(Thread::interrupt); // it is idle, waiting for work
            assertEquals(2, executor.submit(() -> 2).result(Duration.ofSeconds(60)));
        }
    }

    @Test
    void aTaskThatLeavesItsInterruptFlagDoesNotKillItsWorker() {
        try (ThreadPoolExecutor executor = ThreadPoolExecutor.builder().maxWorkers(1).threadNamePrefix("interrupt").build()) {
            executor.submit(() -> Thread.currentThread().interrupt()).result();
            assertEquals(2, executor.submit(() -> 2).result());
            assertEquals(1, threadsNamed("interrupt").size());
        }
    }

    /** Spec §10 F1 on the thread pool: cancel(true) stops a running task; the pool goes on, its thread clean. */
    @Test
    void aForcedCancelInterruptsARunningTaskAndRunsTheStopper() throws Exception {
        List<Thread> stopped = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        try (ThreadPoolExecutor pool = ThreadPoolExecutor.builder().maxWorkers(1).onForcedCancel(stopped::add).build()) {
            Future<String> blocked = pool.submit(() -> {
                running.countDown();
                try {
                    new CountDownLatch(1).await();
                    return "never";
                } catch (InterruptedException e) {
                    interrupted.countDown();
                    return "interrupted"; // dropped: the future was cancelled first
                }
            });
            assertTrue(running.await(10, TimeUnit.SECONDS));
            assertFalse(blocked.cancel(), "a plain cancel does not stop running work (CPython)");
            assertTrue(blocked.cancel(true));
            assertTrue(blocked.cancelled());
            assertTrue(interrupted.await(10, TimeUnit.SECONDS));
            assertEquals(1, stopped.size(), "the stopper ran for the task's thread");
            // The same (only) thread runs the next task, with no interrupt left over.
            assertFalse(pool.submit(() -> Thread.currentThread().isInterrupted()).result(Duration.ofSeconds(10)));
        }
    }
}
