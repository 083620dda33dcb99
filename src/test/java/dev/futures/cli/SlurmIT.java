package dev.futures.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --slurm} on a real single-node Slurm cluster (.ci/slurm-up starts one): workers are
 * job steps of the allocation salloc makes, -j comes from SLURM_NTASKS, and killing futures
 * ends the steps with their tasks.
 */
@Timeout(180)
class SlurmIT {
    private static final Path EXECUTABLE = Path.of(System.getProperty("futures.executable", "target/futures"))
            .toAbsolutePath();

    @TempDir
    Path dir;

    private static Process salloc(int tasks, String... futuresArgs) throws Exception {
        List<String> command = new ArrayList<>(List.of("salloc", "--quiet", "-n", Integer.toString(tasks),
                EXECUTABLE.toString()));
        command.addAll(Arrays.asList(futuresArgs));
        return new ProcessBuilder(command).start();
    }

    @Test
    void workersAreJobStepsOfTheAllocationAsManyAsItsTasks() throws Exception {
        // Two jobs that wait for each other: they finish only side by side, so on two workers.
        String script = "touch " + dir + "/{}; while [ ! -e " + dir + "/a ] || [ ! -e " + dir + "/b ]; do :; done; "
                + "echo {} $SLURM_STEP_ID";
        Process run = salloc(2, "map", "--slurm", "sh", "-c", script, ":::", "a", "b");
        assertTrue(run.waitFor(120, TimeUnit.SECONDS), "the run did not end");
        String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(run.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, run.exitValue(), err);
        Set<String> steps = out.lines().map(line -> line.split(" ")[1]).collect(Collectors.toSet());
        assertEquals(2, steps.size(), "one step per worker: " + out + err);
    }

    @Test
    void killingFuturesEndsItsStepsAndTheirTasks() throws Exception {
        Path started = dir.resolve("started");
        Process run = salloc(1, "map", "--slurm", "sh", "-c", "touch " + started + "; sleep 3671", ":::", "x");
        long deadline = ProcessWatch.deadline(Duration.ofSeconds(120));
        ProcessWatch.awaitFile(started, deadline);
        // futures itself, salloc's child: SIGKILL, no chance to clean up.
        ProcessHandle futures = run.toHandle().children().findFirst().orElseThrow();
        futures.destroyForcibly();
        ProcessWatch.awaitNone("sleep 3671", deadline); // the task must not outlive futures
        assertTrue(run.waitFor(60, TimeUnit.SECONDS), "salloc did not end");
    }

    @Test
    void slurmOutsideAnAllocationIsAUsageError() throws Exception {
        Process run = new ProcessBuilder(EXECUTABLE.toString(), "map", "--slurm", "echo", ":::", "a").start();
        assertTrue(run.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, run.exitValue());
        assertTrue(new String(run.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).contains("salloc or sbatch"));
    }
}
