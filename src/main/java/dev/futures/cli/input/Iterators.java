package dev.futures.cli.input;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.function.Predicate;

/** Lazy transformations of the input iterators (the JDK has them for streams, not for iterators). */
public final class Iterators {
    private Iterators() {
    }

    /** Each element of {@code from} through {@code fn}, as it is asked for. */
    public static <A, B> Iterator<B> mapped(Iterator<A> from, Function<? super A, ? extends B> fn) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return from.hasNext();
            }

            @Override
            public B next() {
                return fn.apply(from.next());
            }
        };
    }

    /** The elements of {@code from} that {@code keep} accepts, read as they are asked for. */
    public static <A> Iterator<A> filtered(Iterator<A> from, Predicate<? super A> keep) {
        return new Iterator<>() {
            private A next;
            private boolean ready;

            @Override
            public boolean hasNext() {
                while (!ready && from.hasNext()) {
                    A candidate = from.next();
                    if (keep.test(candidate)) {
                        next = candidate;
                        ready = true;
                    }
                }
                return ready;
            }

            @Override
            public A next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ready = false;
                A element = next;
                next = null;
                return element;
            }
        };
    }
}
