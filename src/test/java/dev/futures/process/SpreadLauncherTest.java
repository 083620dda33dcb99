package dev.futures.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SpreadLauncherTest {
    private final List<Process> started = new ArrayList<>();
    private final List<String> hostsStarted = new ArrayList<>();

    /** A host whose "workers" are cat processes (alive until their stdin closes), noted as they start. */
    private SpreadLauncher.Host host(String name, int slots) {
        WorkerLauncher cat = new WorkerLauncher() {
            @Override
            public List<String> command() {
                return List.of("cat");
            }

            @Override
            public Process start() throws IOException {
                Process process = new ProcessBuilder("cat").start();
                started.add(process);
                hostsStarted.add(name);
                return process;
            }
        };
        return new SpreadLauncher.Host(name, cat, slots);
    }

    @AfterEach
    void stopWorkers() throws InterruptedException {
        for (Process process : started) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void workersGoWhereMostSlotsAreFreeAndAReplacementWhereOneEnded() throws Exception {
        SpreadLauncher spread = new SpreadLauncher(List.of(host("a", 1), host("b", 2)));
        assertEquals(3, spread.slots());
        spread.start();
        spread.start();
        spread.start();
        assertEquals(List.of("b", "a", "b"), hostsStarted, "b has two free slots, then each has one");
        // a's worker ends: its replacement starts on a.
        Process onA = started.get(hostsStarted.indexOf("a"));
        onA.getOutputStream().close();
        onA.waitFor(10, TimeUnit.SECONDS);
        spread.start();
        assertEquals("a", hostsStarted.get(3));
    }

    @Test
    void aHostNeedsASlotAndASpreadAHost() {
        assertThrows(IllegalArgumentException.class, () -> host("a", 0));
        assertThrows(IllegalArgumentException.class, () -> new SpreadLauncher(List.of()));
    }
}
