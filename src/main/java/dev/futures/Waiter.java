package dev.futures;

import java.util.ArrayDeque;

/**
 * Collects futures as they complete, for one {@code wait} or {@code asCompleted} call (CPython's
 * {@code _Waiter}). A future calls {@link #completed} while it holds its own monitor; the waiting
 * thread holds only this waiter's monitor, and never asks a future anything while it does, so
 * the two monitors are always taken in the order future, then waiter.
 */
final class Waiter {
    private final ArrayDeque<Future<?>> finished = new ArrayDeque<>();
    private boolean anyRaised;

    synchronized void completed(Future<?> future, boolean raised) {
        finished.add(future);
        anyRaised |= raised;
        notifyAll();
    }

    /** Under this waiter's monitor: how many completed so far. */
    int finishedCount() {
        return finished.size();
    }

    boolean anyRaised() {
        return anyRaised;
    }

    /** The oldest completion not yet taken, or null. Call with the monitor held. */
    Future<?> poll() {
        return finished.poll();
    }

    ArrayDeque<Future<?>> finished() {
        return finished;
    }
}
