package dev.futures;

/** The function {@link Executor#map} applies to each input; it may throw checked exceptions. */
@FunctionalInterface
public interface MapFunction<A, R> {
    R apply(A input) throws Exception;
}
