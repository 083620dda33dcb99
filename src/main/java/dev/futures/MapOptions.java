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
 * </ul>
 */
public final class MapOptions {
    private static final MapOptions DEFAULTS = new MapOptions(null, 0, 1, false);

    private final Duration timeout;
    private final int buffersize;
    private final int chunksize;
    private final boolean keepGoing;

    private MapOptions(Duration timeout, int buffersize, int chunksize, boolean keepGoing) {
        this.timeout = timeout;
        this.buffersize = buffersize;
        this.chunksize = chunksize;
        this.keepGoing = keepGoing;
    }

    public static MapOptions defaults() {
        return DEFAULTS;
    }

    /** A deadline for the whole iteration; {@code null} for none. */
    public MapOptions withTimeout(Duration value) {
        return new MapOptions(value, buffersize, chunksize, keepGoing);
    }

    /** @throws IllegalArgumentException {@code "buffersize must be None or > 0"} for {@code value < 1} */
    public MapOptions withBuffersize(int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("buffersize must be None or > 0");
        }
        return new MapOptions(timeout, value, chunksize, keepGoing);
    }

    /** Eager submission again (CPython: {@code buffersize=None}). */
    public MapOptions withoutBuffersize() {
        return new MapOptions(timeout, 0, chunksize, keepGoing);
    }

    /** Validated by the executor that uses it: the process pool wants {@code >= 1}. */
    public MapOptions withChunksize(int value) {
        return new MapOptions(timeout, buffersize, value, keepGoing);
    }

    public MapOptions withKeepGoing(boolean value) {
        return new MapOptions(timeout, buffersize, chunksize, value);
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
}
