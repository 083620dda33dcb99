package dev.futures;

import java.time.Duration;

/**
 * Options of {@link Executor#map}; immutable, each {@code with}-method returns a copy.
 *
 * <ul>
 *   <li>{@code timeout}: one deadline for the whole iteration, measured from the {@code map} call.</li>
 *   <li>{@code buffersize}: submit lazily, at most this many calls ahead of the consumer
 *       (CPython 3.14); without it every input is consumed and submitted before {@code map} returns.</li>
 *   <li>{@code chunksize}: inputs per message to a process worker; thread pools ignore it.</li>
 *   <li>{@code keepGoing}: a failed call is raised at its position and iteration goes on
 *       (CPython after 3.14, gh-108518); by default the first failure ends the iteration and
 *       cancels the calls not yet started (3.14).</li>
 *   <li>{@code ordered}: on by default; off yields results in completion order (spec §10 F6).</li>
 * </ul>
 */
public final class MapOptions {
    private static final MapOptions DEFAULTS = new MapOptions(null, 0, 1, false, true);

    private final Duration timeout;
    private final int buffersize;
    private final int chunksize;
    private final boolean keepGoing;
    private final boolean ordered;

    private MapOptions(Duration timeout, int buffersize, int chunksize, boolean keepGoing, boolean ordered) {
        this.timeout = timeout;
        this.buffersize = buffersize;
        this.chunksize = chunksize;
        this.keepGoing = keepGoing;
        this.ordered = ordered;
    }

    public static MapOptions defaults() {
        return DEFAULTS;
    }

    /** A deadline for the whole iteration; {@code null} for none. */
    public MapOptions withTimeout(Duration value) {
        return new MapOptions(value, buffersize, chunksize, keepGoing, ordered);
    }

    /** @throws IllegalArgumentException {@code "buffersize must be None or > 0"} for {@code value < 1} */
    public MapOptions withBuffersize(int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("buffersize must be None or > 0");
        }
        return new MapOptions(timeout, value, chunksize, keepGoing, ordered);
    }

    /** Eager submission again (CPython: {@code buffersize=None}). */
    public MapOptions withoutBuffersize() {
        return new MapOptions(timeout, 0, chunksize, keepGoing, ordered);
    }

    /** Validated by the executor that uses it: the process pool wants {@code >= 1}. */
    public MapOptions withChunksize(int value) {
        return new MapOptions(timeout, buffersize, value, keepGoing, ordered);
    }

    public MapOptions withKeepGoing(boolean value) {
        return new MapOptions(timeout, buffersize, chunksize, value, ordered);
    }

    /** Off: yield results as calls complete, not in input order ({@code imap_unordered}). */
    public MapOptions withOrdered(boolean value) {
        return new MapOptions(timeout, buffersize, chunksize, keepGoing, value);
    }

    public Duration timeout() {
        return timeout;
    }

    /** 0 when map is eager. */
    public int buffersize() {
        return buffersize;
    }

    public boolean lazy() {
        return buffersize > 0;
    }

    public int chunksize() {
        return chunksize;
    }

    public boolean keepGoing() {
        return keepGoing;
    }

    public boolean ordered() {
        return ordered;
    }
}
