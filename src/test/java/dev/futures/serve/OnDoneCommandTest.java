package dev.futures.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's --on-done hook: never skipped, and told only once it ran. */
@Timeout(60)
class OnDoneCommandTest {
    @TempDir
    Path dir;

    /**
     * Linux refuses to exec with an environment string over 128 KiB: a long error message used
     * to keep the hook from running at all. Now the variable is clipped and stdin has it whole.
     */
    @Test
    void aHugeErrorMessageDoesNotKeepTheHookFromRunning() throws Exception {
        Path seen = dir.resolve("seen");
        String message = "x".repeat(200 * 1024);
        CountDownLatch told = new CountDownLatch(1);
        try (OnDoneCommand hook = new OnDoneCommand("printf '%s' \"$FUTURE_ERROR_MESSAGE\" | wc -c > '" + seen
                + "'; wc -c >> '" + seen + "'")) {
            hook.run(Map.of("event", "result", "id", "f1", "status", "error",
                    "error", Map.of("type", "CommandFailed", "message", message)), told::countDown);
            assertTrue(told.await(30, TimeUnit.SECONDS), "the hook never ran");
        }
        String[] counts = Files.readString(seen).trim().split("\\s+");
        assertEquals(OnDoneCommand.MESSAGE_LIMIT + 3, Integer.parseInt(counts[0]), "the variable holds the start and '...'");
        assertTrue(Integer.parseInt(counts[1]) > message.length(), "stdin has the whole event");
    }

    /** An environment string cannot hold a NUL (the JDK refuses to start the process): it is spelled out. */
    @Test
    void aNulInTheErrorMessageDoesNotKeepTheHookFromRunning() throws Exception {
        Path seen = dir.resolve("seen");
        CountDownLatch told = new CountDownLatch(1);
        try (OnDoneCommand hook = new OnDoneCommand("printf '%s' \"$FUTURE_ERROR_MESSAGE\" > '" + seen + "'")) {
            hook.run(Map.of("event", "result", "id", "f1", "status", "error",
                    "error", Map.of("type", "CommandFailed", "message", "binary\u0000output")), told::countDown);
            assertTrue(told.await(30, TimeUnit.SECONDS), "the hook never ran");
        }
        assertEquals("binary\\0output", Files.readString(seen));
    }
}
