package dev.futures.cli;

import java.util.Iterator;
import java.util.function.Function;

/** Lazy transformations of the input iterators (the JDK has them for streams, not for iterators). */
final class Iterators {
    private Iterators() {
    }

    /** Each element of {@code from} through {@code fn}, as it is asked for. */
    static <A, B> Iterator<B> mapped(Iterator<A> from, Function<? super A, ? extends B> fn) {
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
}
