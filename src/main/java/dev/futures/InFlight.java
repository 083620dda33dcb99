package dev.futures;

import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The calls a {@link MapIterator} has submitted and not yet yielded, and the order it yields
 * them in: input order (CPython's {@code map}) or completion order ({@code imap_unordered},
 * spec §10 F6).
 */
abstract class InFlight<R> {

    static <R> InFlight<R> create(boolean ordered) {
        return ordered ? new InputOrder<>() : new CompletionOrder<>();
    }

    abstract void add(Future<R> future);

    abstract boolean isEmpty();

    abstract int size();

    /**
     * Removes and returns the next call to yield once it is done; {@code timeoutNanos < 0}
     * waits for ever. Returns the call not yet done when the time runs out (it stays removed).
     */
    abstract Future<R> takeNext(long timeoutNanos) throws InterruptedException;

    /** Cancels every call not yet yielded and forgets them. */
    abstract void cancelAll();

    private static final class InputOrder<R> extends InFlight<R> {
        private final ArrayDeque<Future<R>> queue = new ArrayDeque<>();

        @Override
        void add(Future<R> future) {
            queue.addLast(future);
        }

        @Override
        boolean isEmpty() {
            return queue.isEmpty();
        }

        @Override
        int size() {
            return queue.size();
        }

        @Override
        Future<R> takeNext(long timeoutNanos) throws InterruptedException {
            Future<R> oldest = queue.peekFirst();
            oldest.awaitDone(timeoutNanos); // if interrupted, it stays in flight and close() cancels it
            return queue.pollFirst();
        }

        @Override
        void cancelAll() {
            for (Future<R> future : queue) {
                future.cancel();
            }
            queue.clear();
        }
    }

    private static final class CompletionOrder<R> extends InFlight<R> {
        private final Set<Future<R>> running = new LinkedHashSet<>();
        private final LinkedBlockingQueue<Future<R>> completed = new LinkedBlockingQueue<>();

        @Override
        void add(Future<R> future) {
            running.add(future);
            future.addDoneCallback(completed::add);
        }

        @Override
        boolean isEmpty() {
            return running.isEmpty();
        }

        @Override
        int size() {
            return running.size();
        }

        @Override
        Future<R> takeNext(long timeoutNanos) throws InterruptedException {
            Future<R> next = timeoutNanos < 0 ? completed.take() : completed.poll(timeoutNanos, TimeUnit.NANOSECONDS);
            if (next == null) {
                // Time is up: report the oldest call as the one that did not finish.
                next = running.iterator().next();
            }
            running.remove(next);
            return next;
        }

        @Override
        void cancelAll() {
            for (Future<R> future : running) {
                future.cancel();
            }
            running.clear();
            completed.clear();
        }
    }
}
