package dev.futures.cli.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StartGateTest {

    @Test
    void opensOnlyWhileMemoryAndLoadAllowAnotherJob() {
        assertTrue(StartGate.available() > 0 && StartGate.available() < Long.MAX_VALUE, "reads /proc/meminfo");
        assertTrue(new StartGate(1024, 0).open(), "1 KiB is always available");
        assertFalse(new StartGate(Long.MAX_VALUE - 1, 0).open(), "no machine has that much");
        assertTrue(new StartGate(0, 1e9).open());
        assertEquals("job", new StartGate(0, 0).admitted("job"));
    }
}
