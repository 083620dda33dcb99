package dev.futures;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** CPython's module functions {@code wait} and {@code as_completed}, for futures from any executors. */
public final class Futures {
    private Futures() {
    }

    /** {@code wait(fs)}: until every future is done, with no time limit. */
    public static <F extends Future<?>> DoneAndNotDone<F> wait(Iterable<? extends F> fs) {
        return wait(fs, null, ReturnWhen.ALL_COMPLETED);
    }

    /**
     * Waits until {@code returnWhen} holds or {@code timeout} passes ({@code null}: no limit) and
     * returns the split into done and not done. A timeout never throws: it returns the split as
     * it stands. Duplicates count once. Cancelled futures are done at once (DEV, spec §3.3).
     *
     * @throws WaitInterruptedException if the thread is interrupted while it waits
     */
    public static <F extends Future<?>> DoneAndNotDone<F> wait(
            Iterable<? extends F> fs, Duration timeout, ReturnWhen returnWhen) {
        Objects.requireNonNull(returnWhen, "returnWhen");
        long start = System.nanoTime();
        List<F> unique = distinct(fs);
        Set<Future<?>> done = identitySet();
        boolean raised = false;
        List<F> notYetDone = new ArrayList<>();
        for (F future : unique) {
            if (future.done()) {
                done.add(future);
                raised |= future.raised();
            } else {
                notYetDone.add(future);
            }
        }
        if (satisfied(returnWhen, done.size(), raised, unique.size())) {
            return split(unique, done);
        }

        // Each future is either done when its waiter is installed or tells the waiter later, so
        // no completion is missed without taking every future's monitor at once as CPython does.
        Waiter waiter = new Waiter();
        List<F> watched = new ArrayList<>(notYetDone.size());
        for (F future : notYetDone) {
            if (future.installWaiter(waiter)) {
                watched.add(future);
            } else {
                done.add(future);
                raised |= future.raised();
            }
        }
        try {
            long timeoutNanos = Future.nanos(timeout);
            synchronized (waiter) {
                while (!satisfied(returnWhen, done.size() + waiter.finishedCount(),
                        raised || waiter.anyRaised(), unique.size())) {
                    if (timeoutNanos < 0) {
                        waiter.wait();
                    } else {
                        long remaining = start + timeoutNanos - System.nanoTime();
                        if (remaining <= 0) {
                            break;
                        }
                        TimeUnit.NANOSECONDS.timedWait(waiter, remaining);
                    }
                }
                done.addAll(waiter.finished());
            }
        } catch (InterruptedException e) {
            throw new WaitInterruptedException(e);
        } finally {
            for (F future : watched) {
                future.removeWaiter(waiter);
            }
        }
        return split(unique, done);
    }

    /** {@code as_completed(fs)} with no time limit. */
    public static <F extends Future<?>> AsCompletedIterator<F> asCompleted(Iterable<? extends F> fs) {
        return new AsCompletedIterator<>(distinct(fs), null);
    }

    /**
     * Yields the futures as they complete: those already done first (in input order), then the
     * rest in completion order. The deadline runs from this call (DEV: CPython's starts at the
     * first {@code next()}); when it passes, {@code next()} throws
     * {@code TimeoutError("N (of M) futures unfinished")}. Close the iterator to stop early.
     */
    public static <F extends Future<?>> AsCompletedIterator<F> asCompleted(Iterable<? extends F> fs, Duration timeout) {
        return new AsCompletedIterator<>(distinct(fs), timeout);
    }

    /** The futures once each, in first-seen order (CPython: {@code set(fs)}). */
    static <F extends Future<?>> List<F> distinct(Iterable<? extends F> fs) {
        Objects.requireNonNull(fs, "fs");
        Set<Future<?>> seen = identitySet();
        List<F> unique = new ArrayList<>();
        for (F future : fs) {
            if (seen.add(Objects.requireNonNull(future, "future"))) {
                unique.add(future);
            }
        }
        return unique;
    }

    private static boolean satisfied(ReturnWhen returnWhen, int doneCount, boolean raised, int total) {
        if (doneCount == total) {
            return true;
        }
        switch (returnWhen) {
            case FIRST_COMPLETED:
                return doneCount > 0;
            case FIRST_EXCEPTION:
                return raised;
            default:
                return false;
        }
    }

    private static <F extends Future<?>> DoneAndNotDone<F> split(List<F> unique, Set<Future<?>> done) {
        Set<F> doneSet = new LinkedHashSet<>();
        Set<F> notDone = new LinkedHashSet<>();
        for (F future : unique) {
            (done.contains(future) ? doneSet : notDone).add(future);
        }
        return new DoneAndNotDone<>(Collections.unmodifiableSet(doneSet), Collections.unmodifiableSet(notDone));
    }

    private static Set<Future<?>> identitySet() {
        Map<Future<?>, Boolean> map = new IdentityHashMap<>();
        return Collections.newSetFromMap(map);
    }
}
