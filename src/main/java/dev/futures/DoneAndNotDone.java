package dev.futures;

import java.util.Set;

/**
 * What {@link Futures#wait} returns. Both sets hold each future once (identity) and keep the
 * order of the input, which CPython leaves unspecified.
 */
public record DoneAndNotDone<F extends Future<?>>(Set<F> done, Set<F> notDone) {
}
