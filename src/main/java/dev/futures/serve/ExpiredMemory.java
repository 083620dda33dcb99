package dev.futures.serve;

/**
 * Gives the heap of an expired burst back to the system. The futures serve forgets are garbage
 * in the old generation, which no collection visits while the daemon idles, so the heap a burst
 * grew (hundreds of MB after 100,000 submits) would be kept for good. Once at least as many
 * futures were forgotten as are still held (and at least {@link #AT_LEAST}), the heap is mostly
 * garbage: one full collection then lets it shrink (the launcher gives serve a heap that shrinks
 * at once). Under a steady load that is about one collection per --keep-finished period.
 * Called from the one thread that forgets.
 */
final class ExpiredMemory {
    /** Fewer forgotten futures than this are not worth a full collection. */
    static final int AT_LEAST = 10_000;

    private final Runnable collect;
    private long forgottenSinceCollection;

    ExpiredMemory() {
        this(System::gc);
    }

    ExpiredMemory(Runnable collect) {
        this.collect = collect;
    }

    /** Notes that {@code forgotten} futures were just forgotten, {@code held} remain; may collect. */
    void forgot(int forgotten, int held) {
        forgottenSinceCollection += forgotten;
        if (forgottenSinceCollection >= Math.max(AT_LEAST, held)) {
            forgottenSinceCollection = 0;
            collect.run();
        }
    }
}
