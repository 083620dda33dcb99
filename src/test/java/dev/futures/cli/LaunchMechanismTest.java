package dev.futures.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    void theUsersChoiceStands() {
        System.setProperty(FuturesMain.LAUNCH_MECHANISM, "POSIX_SPAWN");
        FuturesMain.chooseLaunchMechanism();
        assertEquals("POSIX_SPAWN", System.getProperty(FuturesMain.LAUNCH_MECHANISM));
    }
}
