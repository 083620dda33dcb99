package dev.futures.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** When forgetting expired futures is worth a full collection: a burst gone, not a trickle. */
class ExpiredMemoryTest {
    private final AtomicInteger collections = new AtomicInteger();
    private final ExpiredMemory expired = new ExpiredMemory(collections::incrementAndGet);

    @Test
    void aBurstThatExpiredIsCollectedOnce() {
        expired.forgot(100_000, 20);
        assertEquals(1, collections.get());
        expired.forgot(0, 20);
        expired.forgot(15, 5);
        assertEquals(1, collections.get(), "nothing more to give back");
    }

    @Test
    void aTrickleAddsUpToOneCollectionPerHeldGeneration() {
        for (int sweep = 0; sweep < 59; sweep++) {
            expired.forgot(1_000, 60_000); // a steady load: 1/60 of what is held expires per sweep
        }
        assertEquals(0, collections.get());
        expired.forgot(1_000, 60_000);
        assertEquals(1, collections.get(), "once as many were forgotten as are held");
    }

    @Test
    void fewForgottenFuturesAreNeverWorthAFullCollection() {
        for (int sweep = 0; sweep < 9; sweep++) {
            expired.forgot(1_000, 0);
        }
        assertEquals(0, collections.get());
        expired.forgot(1_000, 0);
        assertEquals(1, collections.get());
    }
}
