package dev.futures.cli.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MedianTimeoutTest {

    @Test
    void theLimitIsThePercentageOfGnusMedianOfTheFinishedRuntimes() {
        MedianTimeout timeout = new MedianTimeout(200);
        assertEquals(Long.MAX_VALUE, timeout.limitNanos(), "no job finished: no limit yet");
        assertFalse(timeout.over(0, Long.MAX_VALUE / 2));
        timeout.finished(2_200);
        timeout.finished(2_100);
        assertEquals(4_200, timeout.limitNanos(), "of two, GNU's median is the lower");
        timeout.finished(3_000);
        assertEquals(4_400, timeout.limitNanos());
        assertTrue(timeout.over(1_000, 5_401));
        assertFalse(timeout.over(1_000, 5_400));
    }
}
