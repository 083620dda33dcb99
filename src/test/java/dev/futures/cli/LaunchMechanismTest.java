package dev.futures.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LaunchMechanismTest {
    private final String saved = System.getProperty(FuturesMain.LAUNCH_MECHANISM);

    @AfterEach
    void restore() {
        if (saved == null) {
            System.clearProperty(FuturesMain.LAUNCH_MECHANISM);
        } else {
            System.setProperty(FuturesMain.LAUNCH_MECHANISM, saved);
        }
    }

    @Test
    void vforkBefore25AndTheJdksDefaultFrom25() {
        System.clearProperty(FuturesMain.LAUNCH_MECHANISM);
        FuturesMain.chooseLaunchMechanism();
        String expected = Runtime.version().feature() < 25 ? "VFORK" : null;
        assertEquals(expected, System.getProperty(FuturesMain.LAUNCH_MECHANISM));
    }

    @Test
    void leadingSystemPropertiesAreTakenAndTheRestIsTheCommands() {
        try {
            String[] rest = FuturesMain.takeLeadingSystemProperties(
                    new String[] {"-Dfutures.test.a=1", "-Dfutures.test.b", "map", "echo", ":::", "-Dx=1"});
            assertEquals(List.of("map", "echo", ":::", "-Dx=1"), List.of(rest));
            assertEquals("1", System.getProperty("futures.test.a"));
            assertEquals("", System.getProperty("futures.test.b"));
            assertEquals(null, System.getProperty("x"));
        } finally {
            System.clearProperty("futures.test.a");
            System.clearProperty("futures.test.b");
        }
    }

    @Test
    void aLinkNamedParallelIsFuturesMapWithGnusRules() {
        assertTrue(FuturesMain.asParallel("parallel"));
        assertTrue(FuturesMain.asParallel("parallel.futures"));
        assertFalse(FuturesMain.asParallel("futures"));
        assertFalse(FuturesMain.asParallel("parallel-sort"));
        assertFalse(FuturesMain.asParallel(null));
        assertEquals(List.of("map", "--gnu", "-k", "echo", ":::", "a"),
                List.of(FuturesMain.gnuMap(new String[] {"-k", "echo", ":::", "a"})));
    }

    @Test
    void theUsersChoiceStands() {
        System.setProperty(FuturesMain.LAUNCH_MECHANISM, "POSIX_SPAWN");
        FuturesMain.chooseLaunchMechanism();
        assertEquals("POSIX_SPAWN", System.getProperty(FuturesMain.LAUNCH_MECHANISM));
    }
}
