package dev.futures;

import static dev.futures.FutureFixtures.cancelled;
import static dev.futures.FutureFixtures.cancelledAndNotified;
import static dev.futures.FutureFixtures.failed;
import static dev.futures.FutureFixtures.pending;
import static dev.futures.FutureFixtures.running;
import static dev.futures.FutureFixtures.successful;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.futures.task.UnknownTask;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * CPython's scenarios that run against every executor kind (ExecutorTest, WaitTests,
 * AsCompletedTests, ExecutorShutdownTest), by case id of {@code spec/cpython-cases.md}. A
 * subclass supplies the pool; the 300 s guard of CPython's suite is the class timeout here.
 *
 * <p>Long because it is a port: one method per case id, in the spec's order, so that one suite
 * runs unchanged on both pools.
 */
@Timeout(120)
abstract class ExecutorScenarios {
    static final int WORKERS = 5;

    @TempDir
    Path dir;

    /** A fresh pool with {@code maxWorkers} workers. */
    abstract PoolUnderTest pool(int maxWorkers);

    PoolUnderTest pool() {
        return pool(WORKERS);
    }

    Gate gate(String name) {
        return new Gate(dir, name);
    }

    static List<Object> args(Object... values) {
        return List.of(values);
    }

    static List<List<Object>> tuples(int n, IntFunction<List<Object>> make) {
        return IntStream.range(0, n).mapToObj(make).toList();
    }

    static List<Object> drain(MapIterator<Object> results) {
        List<Object> out = new ArrayList<>();
        results.forEachRemaining(out::add);
        return out;
    }

    // ------------------------------------------------------------------ ExecutorTest

    @Test
    void ex01Submit() {
        try (PoolUnderTest pool = pool()) {
            assertEquals(256L, pool.submit("pow", 2, 8).result());
        }
    }

    @Test
    void ex02SubmitPassesArgumentsAndRefusesUnknownTasksAtOnce() {
        try (PoolUnderTest pool = pool()) {
            assertEquals(16L, pool.submit("mul", 2, 8).result());
            assertThrows(UnknownTask.class, () -> pool.submit("no_such_task"));
        }
    }

    @Test
    void ex03Map() {
        List<List<Object>> input = tuples(10, i -> args(i, i));
        List<Object> expected = IntStream.range(0, 10).mapToObj(i -> (Object) (long) Math.pow(i, i)).toList();
        try (PoolUnderTest pool = pool()) {
            assertEquals(expected, drain(pool.map("pow", input, MapOptions.defaults())));
            assertEquals(expected, drain(pool.map("pow", input, MapOptions.defaults().withChunksize(3))));
        }
    }

    @Test
    void ex04MapStopsAtTheFirstFailureByDefault() {
        List<List<Object>> input = List.of(args(1, 2), args(1, 3), args(1, 0), args(1, 5));
        try (PoolUnderTest pool = pool()) {
            MapIterator<Object> results = pool.map("divmod", input, MapOptions.defaults());
            assertEquals(List.of(0L, 1L), results.next());
            assertEquals(List.of(0L, 1L), results.next());
            assertThrows(ArithmeticException.class, results::next);
            assertFalse(results.hasNext());
            assertThrows(NoSuchElementException.class, results::next);
        }
    }

    @Test
    void ex04MapKeepGoingRaisesAtThePositionAndContinues() {
        List<List<Object>> input = List.of(args(1, 2), args(1, 3), args(1, 0), args(1, 5));
        for (int chunksize : new int[] {1, 3}) {
            try (PoolUnderTest pool = pool()) {
                MapIterator<Object> results = pool.map("divmod", input,
                        MapOptions.defaults().withKeepGoing(true).withChunksize(chunksize));
                assertEquals(List.of(0L, 1L), results.next());
                assertEquals(List.of(0L, 1L), results.next());
                assertThrows(ArithmeticException.class, results::next);
                assertEquals(List.of(0L, 1L), results.next());
                assertFalse(results.hasNext());
            }
        }
    }

    @Test
    void ex05MapTimeoutCancelsTheRestAndEndsTheIteration() {
        try (PoolUnderTest pool = pool(); Gate gate = gate("ex05")) {
            List<List<Object>> input = List.of(args(gate.path() + ".open", 0), args(gate.path() + ".open", 0),
                    args(gate.path()), args(gate.path()));
            // The first two wait for a gate that is open from the start.
            gate(("ex05.open")).open();
            MapIterator<Object> results = pool.map("wait_for_file", input,
                    MapOptions.defaults().withTimeout(Duration.ofMillis(500)));
            List<Object> collected = new ArrayList<>();
            assertThrows(TimeoutError.class, () -> {
                while (results.hasNext()) {
                    collected.add(results.next());
                }
            });
            assertTrue(collected.size() <= 2, collected.toString());
            assertFalse(results.hasNext());
        }
    }

    @Test
    void ex06ShutdownRightAfterMapReturns() {
        try (PoolUnderTest pool = pool()) {
            pool.map("str", tuples(WORKERS + 1, i -> args(2)), MapOptions.defaults());
            pool.executor().shutdown(true, false);
        }
    }

    @Test
    void ex08MaxWorkersMustBePositive() {
        for (int bad : new int[] {0, -1}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> pool(bad));
            assertEquals("max_workers must be greater than 0", error.getMessage());
        }
    }

    @Test
    void ex11BuffersizeMustBePositive() {
        for (int bad : new int[] {0, -1}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> MapOptions.defaults().withBuffersize(bad));
            assertEquals("buffersize must be None or > 0", error.getMessage());
        }
    }

    @Test
    void ex12MapWithBuffersize() {
        try (PoolUnderTest pool = pool()) {
            for (int buffersize : new int[] {1, 2, 4, 8}) {
                assertEquals(List.of("0", "1", "2", "3"),
                        drain(pool.map("str", tuples(4, i -> args(i)), MapOptions.defaults().withBuffersize(buffersize))));
            }
        }
    }

    @Test
    void ex13BuffersizeOnMultipleIterables() {
        List<Integer> r = List.of(0, 1, 2, 3);
        try (PoolUnderTest pool = pool()) {
            for (int buffersize : new int[] {1, 2, 4, 8}) {
                assertEquals(List.of(0L, 2L, 4L, 6L),
                        drain(pool.map("add", Zip.of(r, r), MapOptions.defaults().withBuffersize(buffersize))));
            }
        }
    }

    @Test
    void ex14BuffersizeOnAnInfiniteIterable() {
        Iterable<List<Object>> count = () -> LongStream.iterate(0, i -> i + 1).mapToObj(i -> args(i)).iterator();
        try (PoolUnderTest pool = pool()) {
            MapIterator<Object> results = pool.map("str", count, MapOptions.defaults().withBuffersize(2));
            assertEquals("0", results.next());
            assertEquals("1", results.next());
            assertEquals("2", results.next());
            results.close();
        }
    }

    @Test
    void ex15BuffersizeOnMultipleInfiniteIterables() {
        Iterable<Long> count = () -> LongStream.iterate(0, i -> i + 1).iterator();
        try (PoolUnderTest pool = pool()) {
            MapIterator<Object> results = pool.map("add", Zip.of(count, count), MapOptions.defaults().withBuffersize(2));
            assertEquals(0L, results.next());
            assertEquals(2L, results.next());
            assertEquals(4L, results.next());
            results.close();
        }
    }

    @Test
    void ex16And17BuffersizeOnEmptyOrNoIterable() {
        try (PoolUnderTest pool = pool()) {
            assertFalse(pool.map("str", List.of(), MapOptions.defaults().withBuffersize(2)).hasNext());
            assertFalse(pool.map("str", Zip.of(), MapOptions.defaults().withBuffersize(2)).hasNext());
        }
    }

    @Test
    void ex18BuffersizeConsumesOnlyTheBufferWithoutIteration() {
        AtomicInteger consumed = new AtomicInteger();
        Iterator<List<Object>> ints = IntStream.iterate(0, i -> i + 1)
                .mapToObj(i -> {
                    consumed.incrementAndGet();
                    return args(i);
                })
                .iterator();
        try (PoolUnderTest pool = pool()) {
            pool.map("str", () -> ints, MapOptions.defaults().withBuffersize(2));
            pool.executor().shutdown(true, false);
            assertEquals(2, consumed.get());
            assertEquals(args(2), ints.next());
        }
    }

    @Test
    void ex20ATasksOwnTimeoutErrorIsThatItemsFailureNotTheDeadline() {
        List<List<Object>> input = List.of(List.of(), List.of());
        for (Duration timeout : new Duration[] {null, Duration.ofSeconds(60)}) {
            try (PoolUnderTest pool = pool()) {
                MapIterator<Object> goingOn = pool.map("raise_timeout", input,
                        MapOptions.defaults().withKeepGoing(true).withTimeout(timeout));
                assertEquals("raised by the task", assertThrows(TimeoutError.class, goingOn::next).getMessage());
                assertTrue(goingOn.hasNext(), "a task's TimeoutError does not end a keep-going map");
                assertEquals("raised by the task", assertThrows(TimeoutError.class, goingOn::next).getMessage());
                assertFalse(goingOn.hasNext());

                MapIterator<Object> stopping = pool.map("raise_timeout", input, MapOptions.defaults().withTimeout(timeout));
                assertEquals("raised by the task", assertThrows(TimeoutError.class, stopping::next).getMessage());
                assertFalse(stopping.hasNext());
            }
        }
    }

    @Test
    void ex21CloseEndsTheIteration() {
        for (int chunksize : new int[] {1, 3}) {
            try (PoolUnderTest pool = pool()) {
                MapIterator<Object> results = pool.map("str", tuples(10, i -> args(i)),
                        MapOptions.defaults().withChunksize(chunksize));
                assertEquals("0", results.next());
                results.close();
                assertFalse(results.hasNext());
                assertThrows(NoSuchElementException.class, results::next);
            }
        }
    }

    @Test
    void mapInCompletionOrderYieldsWhatFinishesFirst() {
        try (PoolUnderTest pool = pool(2); Gate gate = gate("order")) {
            MapIterator<Object> results = pool.map("wait_for_file",
                    List.of(args(gate.path(), "slow"), args(dir.resolve("open").toString(), "fast")),
                    MapOptions.defaults().withOrdered(false));
            gate("open").open();
            assertEquals("fast", results.next());
            gate.open();
            assertEquals("slow", results.next());
            assertFalse(results.hasNext());
        }
    }

    // ------------------------------------------------------------------ WaitTests

    @Test
    void wait01Duplicates() {
        try (PoolUnderTest pool = pool()) {
            Future<Object> f = pool.submit("mul", 2, 21);
            DoneAndNotDone<Future<Object>> result = Futures.wait(List.of(f, f), null, ReturnWhen.ALL_COMPLETED);
            assertEquals(Set.of(f), result.done());
            assertTrue(result.notDone().isEmpty());
        }
    }

    @Test
    void wait02FirstCompletedCountsACancelledFutureAtOnce() {
        // DEV (spec §3.3): CPython leaves the CANCELLED future in not_done and waits for mul.
        try (PoolUnderTest pool = pool(); Gate gate = gate("wait02")) {
            Future<Object> c = cancelled();
            Future<Object> slow = pool.submit("wait_for_file", gate.path());
            DoneAndNotDone<Future<Object>> result = Futures.wait(List.of(c, slow), null, ReturnWhen.FIRST_COMPLETED);
            assertEquals(Set.of(c), result.done());
            assertEquals(Set.of(slow), result.notDone());
        }
    }

    @Test
    void wait02FirstCompletedReturnsWhenOneFinishes() {
        try (PoolUnderTest pool = pool(); Gate gate = gate("wait02b")) {
            Future<Object> mul = pool.submit("mul", 21, 2);
            Future<Object> slow = pool.submit("wait_for_file", gate.path());
            DoneAndNotDone<Future<Object>> result = Futures.wait(List.of(mul, slow), null, ReturnWhen.FIRST_COMPLETED);
            assertEquals(Set.of(mul), result.done());
            assertEquals(Set.of(slow), result.notDone());
        }
    }

    @Test
    void wait03FirstCompletedSomeAlreadyCompleted() {
        try (PoolUnderTest pool = pool(); Gate gate = gate("wait03")) {
            Future<Object> cn = cancelledAndNotified();
            Future<Object> ok = successful();
            Future<Object> slow = pool.submit("wait_for_file", gate.path());
            DoneAndNotDone<Future<Object>> result = Futures.wait(List.of(cn, ok, slow), null, ReturnWhen.FIRST_COMPLETED);
            assertEquals(Set.of(cn, ok), result.done());
            assertEquals(Set.of(slow), result.notDone());
        }
    }

    @Test
    void wait04FirstException() {
        try (PoolUnderTest pool = pool(); Gate gate = gate("wait04"); Gate raise = gate("wait04raise")) {
            Future<Object> mul = pool.submit("mul", 21, 2);
            Future<Object> failing = pool.submit("fail_after_file", raise.path());
            Future<Object> slow = pool.submit("wait_for_file", gate.path());
            mul.result();
            raise.open();
            DoneAndNotDone<Future<Object>> result = Futures.wait(List.of(mul, failing, slow), null, ReturnWhen.FIRST_EXCEPTION);
            assertEquals(Set.of(mul, failing), result.done());
            assertEquals(Set.of(slow), result.notDone());
        }
    }

    @Test
    void wait05FirstExceptionSomeAlreadyComplete() {
        try (PoolUnderTest pool = pool(); Gate gate = gate("wait05")) {
            Future<Object> ok = successful();
            Future<Object> c = cancelled();
            Future<Object> cn = cancelledAndNotified();
            Future<Object> divmod = pool.submit("divmod", 21, 0);
            Future<Object> slow = pool.submit("wait_for_file", gate.path());
            DoneAndNotDone<Future<Object>> result = Futures.wait(List.of(ok, c, cn, divmod, slow), null,
                    ReturnWhen.FIRST_EXCEPTION);
            // DEV: the CANCELLED future is done too.
            assertEquals(Set.of(ok, c, cn, divmod), result.done());
            assertEquals(Set.of(slow), result.notDone());
        }
    }

    @Test
    void wait06FirstExceptionOneAlreadyFailed() {
        try (PoolUnderTest pool = pool(); Gate gate = gate("wait06")) {
            Future<Object> error = failed();
            Future<Object> slow = pool.submit("wait_for_file", gate.path());
            DoneAndNotDone<Future<Object>> result = Futures.wait(List.of(error, slow), null, ReturnWhen.FIRST_EXCEPTION);
            assertEquals(Set.of(error), result.done());
            assertEquals(Set.of(slow), result.notDone());
        }
    }

    @Test
    void wait07AllCompleted() {
        try (PoolUnderTest pool = pool()) {
            Future<Object> ok = successful();
            Future<Object> cn = cancelledAndNotified();
            Future<Object> error = failed();
            Future<Object> divmod = pool.submit("divmod", 2, 0);
            Future<Object> mul = pool.submit("mul", 2, 21);
            DoneAndNotDone<Future<Object>> result = Futures.wait(List.of(ok, cn, error, divmod, mul), null,
                    ReturnWhen.ALL_COMPLETED);
            assertEquals(Set.of(ok, cn, error, divmod, mul), result.done());
            assertTrue(result.notDone().isEmpty());
        }
    }

    @Test
    void firstExceptionWithoutFailureIsAllCompleted() {
        try (PoolUnderTest pool = pool(); Gate gate = gate("noerror")) {
            Future<Object> quick = pool.submit("mul", 2, 21);
            Future<Object> gated = pool.submit("wait_for_file", gate.path(), "late");
            quick.result();
            gate.open();
            DoneAndNotDone<Future<Object>> result = Futures.wait(List.of(quick, gated), null, ReturnWhen.FIRST_EXCEPTION);
            assertEquals(Set.of(quick, gated), result.done());
            assertEquals("late", gated.resultNow());
        }
    }

    @Test
    void wait08TimeoutReturnsThePartialSplit() {
        try (PoolUnderTest pool = pool(); Gate gate = gate("wait08")) {
            Future<Object> cn = cancelledAndNotified();
            Future<Object> error = failed();
            Future<Object> ok = successful();
            Future<Object> slow = pool.submit("wait_for_file", gate.path());
            DoneAndNotDone<Future<Object>> result = Futures.wait(List.of(cn, error, ok, slow), Duration.ofMillis(50),
                    ReturnWhen.ALL_COMPLETED);
            assertEquals(Set.of(cn, error, ok), result.done());
            assertEquals(Set.of(slow), result.notDone());
        }
    }

    @Test
    void wait09ManyFuturesReleasedTogether() {
        try (PoolUnderTest pool = pool(); Gate gate = gate("wait09")) {
            List<Future<Object>> fs = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                fs.add(pool.submit("wait_for_file", gate.path(), i));
            }
            gate.open();
            DoneAndNotDone<Future<Object>> result = Futures.wait(fs, null, ReturnWhen.ALL_COMPLETED);
            assertEquals(100, result.done().size());
        }
    }

    @Test
    void waitSeesACancellationThatHappensWhileItWaits() {
        try (PoolUnderTest pool = pool(1); Gate gate = gate("cancel-late")) {
            Future<Object> busy = pool.submit("wait_for_file", gate.path());
            Future<Object> queued = pool.submit("mul", 1, 1);
            CompletableFuture<DoneAndNotDone<Future<Object>>> waiting =
                    CompletableFuture.supplyAsync(
                            () -> Futures.wait(List.of(queued), null, ReturnWhen.ALL_COMPLETED));
            assertTrue(queued.cancel());
            assertEquals(Set.of(queued), waiting.join().done());
            assertFalse(busy.done());
        }
    }

    @Test
    void waitOnNothingReturnsAtOnce() {
        for (ReturnWhen when : ReturnWhen.values()) {
            DoneAndNotDone<Future<Object>> result = Futures.wait(List.<Future<Object>>of(), null, when);
            assertTrue(result.done().isEmpty() && result.notDone().isEmpty());
        }
    }

    // ------------------------------------------------------------------ AsCompletedTests

    @Test
    void ac01NoTimeoutYieldsEveryFuture() {
        try (PoolUnderTest pool = pool()) {
            Future<Object> cn = cancelledAndNotified();
            Future<Object> error = failed();
            Future<Object> ok = successful();
            Future<Object> f1 = pool.submit("mul", 2, 21);
            Future<Object> f2 = pool.submit("mul", 7, 6);
            List<Future<Object>> seen = new ArrayList<>();
            for (Future<Object> f : Futures.asCompleted(List.of(cn, error, ok, f1, f2))) {
                seen.add(f);
            }
            assertEquals(List.of(cn, error, ok), seen.subList(0, 3), "already done first, in input order");
            assertEquals(Set.of(cn, error, ok, f1, f2), Set.copyOf(seen));
        }
    }

    @Test
    void ac02TimeoutYieldsTheFinishedThenRaises() {
        for (Duration timeout : new Duration[] {Duration.ZERO, Duration.ofMillis(100)}) {
            try (PoolUnderTest pool = pool(); Gate gate = gate("ac02-" + timeout.toMillis())) {
                Future<Object> cn = cancelledAndNotified();
                Future<Object> error = failed();
                Future<Object> ok = successful();
                Future<Object> slow = pool.submit("wait_for_file", gate.path());
                List<Future<Object>> seen = new ArrayList<>();
                AsCompletedIterator<Future<Object>> it = Futures.asCompleted(List.of(cn, error, ok, slow), timeout);
                assertThrows(TimeoutError.class, () -> it.forEachRemaining(seen::add));
                assertEquals(List.of(cn, error, ok), seen);
                assertFalse(it.hasNext());
            }
        }
    }

    @Test
    void ac03DuplicatesYieldOnce() {
        try (PoolUnderTest pool = pool()) {
            Future<Object> f = pool.submit("mul", 2, 21);
            List<Future<Object>> seen = new ArrayList<>();
            Futures.asCompleted(Collections.nCopies(3, f)).forEachRemaining(seen::add);
            assertEquals(List.of(f), seen);
        }
    }

    @Test
    void ac05TimeoutMessageCountsUnfinishedFutures() {
        Future<Object> cn = cancelledAndNotified();
        Future<Object> p = pending();
        Future<Object> r = running();
        Future<Object> ok = successful();
        AsCompletedIterator<Future<Object>> it = Futures.asCompleted(List.of(cn, p, r, ok), Duration.ZERO);
        assertSame(cn, it.next());
        assertSame(ok, it.next());
        TimeoutError error = assertThrows(TimeoutError.class, it::next);
        assertEquals("2 (of 4) futures unfinished", error.getMessage());
    }

    @Test
    void asCompletedYieldsACancellationAtOnce() {
        try (PoolUnderTest pool = pool(1); Gate gate = gate("ac-cancel")) {
            Future<Object> busy = pool.submit("wait_for_file", gate.path());
            Future<Object> queued = pool.submit("mul", 1, 1);
            AsCompletedIterator<Future<Object>> it = Futures.asCompleted(List.of(queued));
            assertTrue(queued.cancel());
            assertSame(queued, it.next());
            assertFalse(busy.done());
        }
    }

    // ------------------------------------------------------------------ ExecutorShutdownTest

    @Test
    void sd01SubmitAfterShutdownIsRejected() {
        PoolUnderTest pool = pool();
        pool.executor().shutdown(true, false);
        RejectedExecutionException error = assertThrows(RejectedExecutionException.class, () -> pool.submit("mul", 2, 2));
        assertEquals("cannot schedule new futures after shutdown", error.getMessage());
        assertInstanceOf(RuntimeException.class, error);
        PoolUnderTest other = pool();
        other.executor().shutdown(false, false);
        assertThrows(RejectedExecutionException.class, () -> other.submit("mul", 2, 2));
    }

    @Test
    void sd04ShutdownWaitsForQueuedWork() {
        List<Future<Object>> fs = new ArrayList<>();
        PoolUnderTest pool = pool();
        for (int i = 0; i < 50; i++) {
            fs.add(pool.submit("sleep", "0.01", i));
        }
        pool.executor().shutdown(true, false);
        for (int i = 0; i < 50; i++) {
            assertTrue(fs.get(i).done());
            assertEquals(i, ((Number) fs.get(i).result()).intValue());
        }
    }

    @Test
    void sd05ShutdownCancelFutures() {
        try (Gate gate = gate("sd05"); Gate started = gate("sd05-started")) {
            PoolUnderTest pool = pool();
            List<Future<Object>> fs = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                fs.add(pool.submit("signal_and_wait", started.path(), gate.path(), i));
            }
            // Shut down once work is running: a process pool's workers may still be starting.
            started.awaitCreated();
            CompletableFuture<Void> shutdown = CompletableFuture.runAsync(
                    () -> pool.executor().shutdown(true, true));
            // The queue is drained and cancelled before shutdown waits; waiting on them cannot hang.
            DoneAndNotDone<Future<Object>> cancelledOnes = Futures.wait(fs, null, ReturnWhen.FIRST_COMPLETED);
            assertFalse(cancelledOnes.done().isEmpty());
            gate.open();
            shutdown.join();
            long cancelled = fs.stream().filter(Future::cancelled).count();
            long completed = fs.stream().filter(f -> !f.cancelled()).peek(f -> assertEquals(null, f.exception())).count();
            assertTrue(cancelled > 20, "cancelled " + cancelled);
            assertTrue(completed >= 1, "completed " + completed);
            assertTrue(Futures.wait(fs, Duration.ofSeconds(30), ReturnWhen.ALL_COMPLETED).notDone().isEmpty());
        }
    }

    @Test
    void sd07CancelRightBeforeShutdownDoesNotHang() {
        PoolUnderTest pool = pool();
        Future<Object> f = pool.submit("mul", 2, 2);
        f.cancel();
        pool.executor().shutdown(true, false);
        assertTrue(f.done());
    }

    @Test
    void contextManagerMapsAndShutsDown() {
        List<Object> out;
        try (PoolUnderTest pool = pool()) {
            out = drain(pool.map("abs", tuples(10, i -> args(i - 5)), MapOptions.defaults()));
        }
        assertEquals(List.of(5L, 4L, 3L, 2L, 1L, 0L, 1L, 2L, 3L, 4L), out);
    }
}
