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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** CPython's test_future.py (FUT-01..20), plus the JDK-style accessors. */
@Timeout(60)
class FutureTest {

    @Test
    void fut01DoneCallbackWithResult() {
        AtomicReference<Object> seen = new AtomicReference<>();
        Future<Object> f = pending();
        f.addDoneCallback(done -> seen.set(done.result()));
        f.setResult(5);
        assertEquals(5, seen.get());
    }

    @Test
    void fut02DoneCallbackWithException() {
        AtomicReference<Throwable> seen = new AtomicReference<>();
        Future<Object> f = pending();
        f.addDoneCallback(done -> seen.set(done.exception()));
        f.setException(new Exception("test"));
        assertEquals("test", seen.get().getMessage());
    }

    @Test
    void fut03DoneCallbackWithCancel() {
        AtomicReference<Boolean> seen = new AtomicReference<>();
        Future<Object> f = pending();
        f.addDoneCallback(done -> seen.set(done.cancelled()));
        assertTrue(f.cancel());
        assertTrue(seen.get());
    }

    @Test
    void fut04DoneCallbackRaisesIsLoggedAndTheNextStillRuns() {
        List<String> ran = new ArrayList<>();
        Future<Object> f = pending();
        f.addDoneCallback(done -> {
            ran.add("first");
            throw new IllegalStateException("doh!");
        });
        f.addDoneCallback(done -> ran.add("second"));
        try (LogCapture log = new LogCapture()) {
            f.setResult(5);
            assertTrue(log.text().contains("exception calling callback for"), log.text());
            assertTrue(log.text().contains("doh!"), log.text());
        }
        assertEquals(List.of("first", "second"), ran);
    }

    @Test
    void fut05DoneCallbackAlreadySuccessfulRunsAtOnce() {
        AtomicReference<Object> seen = new AtomicReference<>();
        Future<Object> f = pending();
        f.setResult(5);
        f.addDoneCallback(done -> seen.set(done.result()));
        assertEquals(5, seen.get());
    }

    @Test
    void fut06DoneCallbackAlreadyFailedRunsAtOnce() {
        AtomicReference<Throwable> seen = new AtomicReference<>();
        Future<Object> f = pending();
        f.setException(new Exception("test"));
        f.addDoneCallback(done -> seen.set(done.exception()));
        assertEquals("test", seen.get().getMessage());
    }

    @Test
    void fut07DoneCallbackAlreadyCancelledRunsAtOnce() {
        AtomicReference<Boolean> seen = new AtomicReference<>();
        Future<Object> f = pending();
        assertTrue(f.cancel());
        f.addDoneCallback(done -> seen.set(done.cancelled()));
        assertTrue(seen.get());
    }

    @Test
    void fut08CallbackRaisingOnAlreadyDoneFutureIsLoggedNotRaised() {
        Future<Object> f = successful();
        try (LogCapture log = new LogCapture()) {
            f.addDoneCallback(done -> {
                throw new IllegalStateException("doh!");
            });
            assertTrue(log.text().contains("exception calling callback for"), log.text());
            assertTrue(log.text().contains("doh!"), log.text());
        }
    }

    @Test
    void callbacksRunOnceInRegistrationOrderAndErrorsPropagate() {
        List<Integer> order = new ArrayList<>();
        Future<Object> f = pending();
        for (int i = 0; i < 5; i++) {
            int n = i;
            f.addDoneCallback(done -> order.add(n));
        }
        f.setResult(1);
        f.cancel();
        assertEquals(List.of(0, 1, 2, 3, 4), order);

        Future<Object> g = pending();
        g.addDoneCallback(done -> {
            throw new AssertionError("like BaseException, an Error is not swallowed");
        });
        assertThrows(AssertionError.class, () -> g.setResult(1));
    }

    @Test
    void fut09ToStringNamesTheState() {
        assertEquals("Future[state=pending]", pending().toString());
        assertEquals("Future[state=running]", running().toString());
        assertEquals("Future[state=cancelled]", cancelled().toString());
        assertEquals("Future[state=cancelled]", cancelledAndNotified().toString());
        assertEquals("Future[state=finished raised IOException]", failed().toString());
        assertEquals("Future[state=finished returned Integer]", successful().toString());
    }

    @Test
    void fut10CancelMatrix() {
        Future<Object> f1 = pending();
        Future<Object> f2 = running();
        Future<Object> f3 = cancelled();
        Future<Object> f4 = cancelledAndNotified();
        Future<Object> f5 = failed();
        Future<Object> f6 = successful();

        assertTrue(f1.cancel());
        assertEquals(FutureState.CANCELLED, f1.state());
        assertFalse(f2.cancel());
        assertEquals(FutureState.RUNNING, f2.state());
        assertTrue(f3.cancel());
        assertEquals(FutureState.CANCELLED, f3.state());
        assertTrue(f4.cancel());
        assertEquals(FutureState.CANCELLED_AND_NOTIFIED, f4.state());
        assertFalse(f5.cancel());
        assertEquals(FutureState.FINISHED, f5.state());
        assertFalse(f6.cancel());
        assertEquals(FutureState.FINISHED, f6.state());
    }

    @Test
    void fut11To13StatePredicates() {
        assertFalse(pending().cancelled());
        assertFalse(running().cancelled());
        assertTrue(cancelled().cancelled());
        assertTrue(cancelledAndNotified().cancelled());
        assertFalse(failed().cancelled());
        assertFalse(successful().cancelled());

        assertFalse(pending().done());
        assertFalse(running().done());
        assertTrue(cancelled().done());
        assertTrue(cancelledAndNotified().done());
        assertTrue(failed().done());
        assertTrue(successful().done());

        assertFalse(pending().running());
        assertTrue(running().running());
        assertFalse(cancelled().running());
        assertFalse(cancelledAndNotified().running());
        assertFalse(failed().running());
        assertFalse(successful().running());
    }

    @Test
    void fut14ResultWithZeroTimeout() {
        assertThrows(TimeoutError.class, () -> pending().result(Duration.ZERO));
        assertThrows(TimeoutError.class, () -> running().result(Duration.ZERO));
        assertThrows(CancelledError.class, () -> cancelled().result(Duration.ZERO));
        assertThrows(CancelledError.class, () -> cancelledAndNotified().result(Duration.ZERO));
        TaskFailedException wrapped = assertThrows(TaskFailedException.class, () -> failed().result(Duration.ZERO));
        assertInstanceOf(IOException.class, wrapped.getCause());
        assertEquals(42, successful().result(Duration.ZERO));
        assertThrows(TimeoutError.class, () -> pending().result(Duration.ofSeconds(-1)), "negative is a poll");
    }

    @Test
    void fut15ResultWaitsForAnotherThread() throws Exception {
        Future<Object> f = pending();
        CompletableFuture<Void> setter = CompletableFuture.runAsync(() -> f.setResult(42));
        assertEquals(42, f.result(Duration.ofSeconds(30)));
        setter.get();
    }

    @Test
    void fut16BlockedResultRaisesCancelledWhenAnotherThreadCancels() throws Exception {
        Future<Object> f = pending();
        CompletableFuture<Throwable> waiter = CompletableFuture.supplyAsync(() -> {
            try {
                f.result(Duration.ofSeconds(30));
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
        assertTrue(f.cancel());
        assertInstanceOf(CancelledError.class, waiter.get(30, TimeUnit.SECONDS));
    }

    @Test
    void fut17ExceptionWithZeroTimeout() {
        assertThrows(TimeoutError.class, () -> pending().exception(Duration.ZERO));
        assertThrows(TimeoutError.class, () -> running().exception(Duration.ZERO));
        assertThrows(CancelledError.class, () -> cancelled().exception(Duration.ZERO));
        assertThrows(CancelledError.class, () -> cancelledAndNotified().exception(Duration.ZERO));
        assertInstanceOf(IOException.class, failed().exception(Duration.ZERO));
        assertNull(successful().exception(Duration.ZERO));
    }

    @Test
    void fut18ExceptionWaitsForAnotherThread() throws Exception {
        Future<Object> f = pending();
        IOException error = new IOException("late");
        CompletableFuture<Void> setter = CompletableFuture.runAsync(() -> f.setException(error));
        assertSame(error, f.exception(Duration.ofSeconds(30)));
        setter.get();
    }

    @Test
    void fut19SecondSetResultIsInvalidStateAndTheFirstStays() {
        Future<Object> f = pending();
        f.setResult(1);
        InvalidStateError error = assertThrows(InvalidStateError.class, () -> f.setResult(2));
        assertEquals("FINISHED: Future[state=finished returned Integer]", error.getMessage());
        assertEquals(1, f.result(Duration.ZERO));
        assertThrows(InvalidStateError.class, () -> cancelled().setResult(1));
    }

    @Test
    void fut20SecondSetExceptionIsInvalidStateAndTheFirstStays() {
        Future<Object> f = pending();
        IllegalArgumentException first = new IllegalArgumentException("first");
        f.setException(first);
        InvalidStateError error = assertThrows(InvalidStateError.class, () -> f.setException(new IOException()));
        assertEquals("FINISHED: Future[state=finished raised IllegalArgumentException]", error.getMessage());
        assertSame(first, f.exception(Duration.ZERO));
    }

    @Test
    void ex19NullResultAndExceptionsWithoutMessageAreTellApart() {
        // gh-132063's Java form: the outcome never depends on how an exception or value looks.
        Future<Object> none = pending();
        none.setResult(null);
        assertNull(none.result(Duration.ZERO));
        assertNull(none.exception(Duration.ZERO));
        Future<Object> bare = pending();
        bare.setException(new IllegalStateException());
        assertThrows(IllegalStateException.class, () -> bare.result(Duration.ZERO));
        assertThrows(NullPointerException.class, () -> pending().setException(null));
    }

    @Test
    void setRunningOrNotifyCancelGate() {
        assertTrue(pending().setRunningOrNotifyCancel());
        Future<Object> c = cancelled();
        assertFalse(c.setRunningOrNotifyCancel());
        assertEquals(FutureState.CANCELLED_AND_NOTIFIED, c.state());
        IllegalStateException twice = assertThrows(IllegalStateException.class, () -> running().setRunningOrNotifyCancel());
        assertEquals("Future in unexpected state", twice.getMessage());
        assertThrows(IllegalStateException.class, () -> c.setRunningOrNotifyCancel());
        assertThrows(IllegalStateException.class, () -> successful().setRunningOrNotifyCancel());
    }

    @Test
    void jdkAccessors() throws Exception {
        assertEquals(42, successful().resultNow());
        assertInstanceOf(IOException.class, failed().exceptionNow());
        assertThrows(IllegalStateException.class, () -> pending().resultNow());
        assertThrows(IllegalStateException.class, () -> failed().resultNow());
        assertThrows(IllegalStateException.class, () -> successful().exceptionNow());
        assertThrows(IllegalStateException.class, () -> cancelled().exceptionNow());
        assertEquals(42, successful().get());
        ExecutionException wrapped = assertThrows(ExecutionException.class, () -> failed().get());
        assertInstanceOf(IOException.class, wrapped.getCause());
        assertThrows(CancellationException.class, () -> cancelled().get());
        assertThrows(TimeoutException.class, () -> pending().get(1, TimeUnit.MILLISECONDS));
        assertTrue(cancelled().isCancelled());
        assertTrue(successful().isDone());
        Future<Object> f = pending();
        assertTrue(f.cancel(true), "cancel(true) on a pending future is cancel()");
        Future<Object> r = running();
        assertFalse(r.cancel(true), "a running future is never interrupted");
    }

    @Test
    void uncheckedTaskExceptionsAreRethrownAsTheyAre() {
        Future<Object> f = pending();
        IllegalArgumentException error = new IllegalArgumentException("x");
        f.setException(error);
        assertSame(error, assertThrows(IllegalArgumentException.class, f::result));
    }

    @Test
    void interruptedResultKeepsTheFlag() {
        Thread.currentThread().interrupt();
        try {
            assertThrows(WaitInterruptedException.class, () -> pending().result(Duration.ofSeconds(30)));
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void runningCallbacksRunOnceWhenWorkStartsAndNeverForWorkThatNeverRan() {
        List<String> calls = new ArrayList<>();
        Future<Object> started = pending();
        started.addRunningCallback(() -> calls.add("first"));
        started.addRunningCallback(() -> {
            throw new IllegalStateException("logged, not raised");
        });
        started.addRunningCallback(() -> calls.add("second"));
        assertEquals(List.of(), calls);
        assertTrue(started.setRunningOrNotifyCancel());
        assertEquals(List.of("first", "second"), calls);
        started.addRunningCallback(() -> calls.add("late, while running"));
        started.setResult(1);
        started.addRunningCallback(() -> calls.add("after finishing"));
        assertEquals(List.of("first", "second", "late, while running"), calls);

        Future<Object> cancelledFirst = pending();
        cancelledFirst.addRunningCallback(() -> calls.add("cancelled"));
        cancelledFirst.cancel();
        assertFalse(cancelledFirst.setRunningOrNotifyCancel());
        assertEquals(3, calls.size(), "a cancelled future never starts: " + calls);
    }
}
