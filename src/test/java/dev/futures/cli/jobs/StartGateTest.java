package dev.futures.cli.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.futures.Future;
import dev.futures.process.OnWorkerDeath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class StartGateTest {

    @TempDir
    Path dir;

    @Test
    void opensOnlyWhileMemoryAndLoadAllowAnotherJob() {
        assertTrue(StartGate.available() > 0 && StartGate.available() < Long.MAX_VALUE, "reads /proc/meminfo");
        assertTrue(new StartGate(1024, 0).open(), "1 KiB is always available");
        assertFalse(new StartGate(Long.MAX_VALUE - 1, 0).open(), "no machine has that much");
        assertTrue(new StartGate(0, 1e9).open());
        assertEquals("job", new StartGate(0, 0).admitted("job"));
    }

    @Test
    void theLoadIsWhatRunsNowAsGnuCountsItNotTheMinutesAverage() throws InterruptedException {
        AtomicBoolean spin = new AtomicBoolean(true);
        List<Thread> busy = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Thread thread = new Thread(() -> {
                while (spin.get()) {
                    Thread.onSpinWait();
                }
            });
            thread.start();
            busy.add(thread);
        }
        try {
            // Three spinning threads are runnable at once: the count sees them at the first look.
            assertTrue(StartGate.load() >= 2, "load " + StartGate.load());
            assertFalse(new StartGate(0, 2).open());
        } finally {
            spin.set(false);
            for (Thread thread : busy) {
                thread.join();
            }
        }
    }

    @Test
    void noswapHoldsStartsOnlyWhilePagesGoBothInAndOutOfSwap() {
        long[][] readings = {{10, 10}, {11, 11}, {12, 11}, {12, 12}, {13, 13}};
        int[] look = {0};
        StartGate gate = new StartGate(0, 0, () -> Long.MAX_VALUE, true, () -> readings[look[0]++]);
        assertTrue(gate.open(), "the first look has nothing to compare with");
        assertFalse(gate.open(), "in and out since the last look: swapping");
        assertTrue(gate.open(), "only in");
        assertTrue(gate.open(), "only out");
        assertFalse(gate.open(), "both again");
        long[] counts = StartGate.swapCounts();
        assertTrue(counts[0] >= 0 && counts[1] >= 0, "reads /proc/vmstat");
    }

    @Test
    @Timeout(60)
    void belowHalfOfMemfreeTheYoungestRunningJobIsKilledAndTheOthersRunOn() throws Exception {
        // GNU parallel's --memfree: under half of SIZE available, the youngest job is killed.
        AtomicLong available = new AtomicLong(1_000);
        StartGate gate = new StartGate(1_000, 0, available::get);
        PoolSettings settings = new PoolSettings(PoolKind.thread, 2, null, null, null, Retries.NONE,
                new WorkerStart(null, List.of(), OnWorkerDeath.BREAK), 1);
        try (JobPool pool = JobPool.create(settings, null)) {
            Future<?> older = pool.submit(waitingJob(1));
            Future<?> younger = pool.submit(waitingJob(2));
            awaitFile(dir.resolve("started-1"));
            awaitFile(dir.resolve("started-2"));
            Runnable stop = gate.guard(pool);
            try {
                available.set(499);
                JobResult killed = pool.outcome(null, awaitDone(younger));
                assertEquals(128 + 9, killed.exitCode(), "the youngest job is killed");
                available.set(1_000);
                assertFalse(older.done(), "the older job runs on");
                Files.createFile(dir.resolve("go"));
                assertEquals(0, pool.outcome(null, awaitDone(older)).exitCode());
            } finally {
                stop.run();
            }
        }
    }

    /** A job that says it started, then waits for the file "go". */
    private Job waitingJob(long seq) {
        String script = "touch " + dir + "/started-" + seq + "; while [ ! -e " + dir + "/go ]; do sleep 0.01; done";
        return new Job(seq, List.of(Long.toString(seq)), (values, s, slot) -> List.of("sh", "-c", script));
    }

    private static Future<?> awaitDone(Future<?> future) throws Exception {
        future.exception(Duration.ofSeconds(30));
        return future;
    }

    private static void awaitFile(Path file) throws InterruptedException {
        while (!Files.exists(file)) {
            Thread.sleep(10);
        }
    }
}
