package dev.futures;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SD-02, SD-03, TSD-07: what happens to pools when the JVM exits, each in a JVM of its own. */
@Timeout(120)
class InterpreterExitTest {

    /** Runs {@code fixture}'s main in a fresh JVM; returns stdout, asserting exit 0 and an empty stderr. */
    static String runJvm(Class<?> fixture) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classPath = String.join(File.pathSeparator,
                new File(Future.class.getProtectionDomain().getCodeSource().getLocation().getPath()).getPath(),
                new File(fixture.getProtectionDomain().getCodeSource().getLocation().getPath()).getPath());
        Process process = new ProcessBuilder(List.of(java, "-cp", classPath, fixture.getName())).start();
        try {
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(60, TimeUnit.SECONDS);
            assertEquals("", err);
            assertEquals(0, process.exitValue());
            return out;
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void sd02WorkSubmittedToAnOpenPoolCompletesAtExit() throws Exception {
        assertEquals("apple\n", runJvm(ExitFixtures.CompletesAtExit.class));
    }

    @Test
    void sd03SubmitDuringExitIsRejected() throws Exception {
        assertEquals("cannot schedule new futures after interpreter shutdown\n", runJvm(ExitFixtures.SubmitDuringExit.class));
    }

    @Test
    void tsd07CancelFuturesWithoutWaitAtExit() throws Exception {
        String out = runJvm(ExitFixtures.CancelWithoutWait.class);
        assertEquals(true, out.equals("apple\n") || out.isEmpty(), out);
    }
}
