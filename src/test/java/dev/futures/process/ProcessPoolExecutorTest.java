package dev.futures.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.futures.BrokenExecutor;
import dev.futures.CancelledError;
import dev.futures.Future;
import dev.futures.Futures;
import dev.futures.MapOptions;
import dev.futures.ReturnWhen;
import dev.futures.protocol.EncodingError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * CPython's test_process_pool.py, test_deadlock.py and the process half of test_init.py (PP, DL,
 * INIT), plus what goes beyond CPython (spec §10: task timeout, forced cancel, REPLACE). Every
 * test checks that no worker it started outlives it.
 *
 * <p>Long because it is a port: one method per CPython case id, kept in CPython's file order so
 * each can be found by its id.
 */
@Timeout(120)
class ProcessPoolExecutorTest {
    private static final Duration LONG = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final List<ProcessPoolExecutor> pools = new ArrayList<>();
    private final List<Long> pids = new ArrayList<>();

    private ProcessPoolExecutor track(ProcessPoolExecutor pool) {
        pools.add(pool);
        return pool;
    }

    private ProcessPoolExecutor pool(int workers) {
        return track(ProcessPoolExecutor.builder().maxWorkers(workers).build());
    }

    private void rememberWorkers(ProcessPoolExecutor pool) {
        pids.addAll(pool.workerPids());
    }

    @AfterEach
    void noWorkerOutlivesTheTest() {
        for (ProcessPoolExecutor pool : pools) {
            rememberWorkers(pool);
            pool.killWorkers();
            pool.shutdown(true, true);
        }
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(handle -> handle.onExit().orTimeout(30, TimeUnit.SECONDS).join());
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "worker " + pid + " survived");
        }
    }

    private Path file(String name) {
        return dir.resolve(name);
    }

    /** Waits until a task created the file (the only thing a worker process shares with the test). */
    private static void awaitFile(Path path) {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(path)) {
            assertTrue(System.nanoTime() < giveUp, path + " never appeared");
            LockSupport.parkNanos(1_000_000L);
        }
    }

    private static void open(Path gate) throws IOException {
        if (!Files.exists(gate)) {
            Files.createFile(gate);
        }
    }

    /** Submits a task that creates {@code started} then blocks until {@code gate} exists. */
    private Future<Object> blocked(ProcessPoolExecutor pool, String name) {
        return pool.submit("signal_and_wait", file(name + ".started").toString(), file(name + ".gate").toString(), name);
    }

    // ------------------------------------------------------------------ PP

    @Test
    void pp02AWorkerKilledMidTaskBreaksThePool() {
        ProcessPoolExecutor pool = pool(2);
        Future<Object> running = blocked(pool, "pp02");
        Future<Object> queued = pool.submit("mul", 2, 3);
        awaitFile(file("pp02.started"));
        rememberWorkers(pool);
        long victim = (Long) pool.submit("pid").result(LONG);
        ProcessHandle.of(victim).ifPresent(ProcessHandle::destroy);
        BrokenProcessPool broken = assertThrows(BrokenProcessPool.class, () -> running.result(LONG));
        assertEquals(BrokenProcessPool.FUTURE_MESSAGE, broken.getMessage());
        assertTrue(queued.done());
        BrokenProcessPool refused = assertThrows(BrokenProcessPool.class, () -> pool.submit("mul", 1, 1));
        assertEquals(BrokenProcessPool.POOL_MESSAGE, refused.getMessage());
    }

    @Test
    void pp03MapChunksizes() {
        ProcessPoolExecutor pool = pool(2);
        List<List<Object>> input = IntStream.range(0, 100).mapToObj(i -> List.<Object>of(i, 2)).toList();
        List<Object> expected = IntStream.range(0, 100).mapToObj(i -> (Object) (long) (i * i)).toList();
        for (int chunksize : new int[] {6, 50, 40}) {
            List<Object> out = new ArrayList<>();
            pool.map("pow", input, MapOptions.defaults().withChunksize(chunksize)).forEachRemaining(out::add);
            assertEquals(expected, out, "chunksize " + chunksize);
        }
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> pool.map("pow", input, MapOptions.defaults().withChunksize(-1)));
        assertEquals("chunksize must be >= 1.", error.getMessage());
    }

    @Test
    void pp04RemoteExceptionsKeepTheirTypeAndTheRemoteStack() {
        ProcessPoolExecutor pool = pool(1);
        RuntimeException error = assertThrows(RuntimeException.class, () -> pool.submit("fail", "123").result(LONG));
        assertEquals("123", error.getMessage());
        RemoteTaskException remote = assertInstanceOf(RemoteTaskException.class, error.getCause());
        assertEquals("java.lang.RuntimeException", remote.remoteType());
        assertTrue(remote.remoteTraceback().contains("BuiltinTasks.fail"), remote.remoteTraceback());
        assertTrue(remote.getMessage().contains("Remote traceback:"), remote.getMessage());
        ArithmeticException divide = assertThrows(ArithmeticException.class, () -> pool.submit("divmod", 1, 0).result(LONG));
        assertInstanceOf(RemoteTaskException.class, divide.getCause());
    }

    @Test
    void pp06SaturationStartsExactlyMaxWorkers() throws IOException {
        ProcessPoolExecutor pool = pool(3);
        List<Future<Object>> fs = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            fs.add(pool.submit("wait_for_file", file("pp06.gate").toString()));
        }
        assertEquals(3, pool.workerPids().size());
        rememberWorkers(pool);
        open(file("pp06.gate"));
        Futures.wait(fs);
        assertEquals(3, pool.workerPids().size());
    }

    @Test
    void pp07SequentialTasksReuseOneWorker() {
        ProcessPoolExecutor pool = pool(5);
        List<Object> seen = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            seen.add(pool.submit("pid").result(LONG));
        }
        assertEquals(1, pool.workerPids().size());
        assertEquals(1, seen.stream().distinct().count(), seen.toString());
    }

    @Test
    void pp08InterleavedWaitedAndUnwaitedSubmitsStayFew() {
        ProcessPoolExecutor pool = pool(5);
        pool.submit("mul", 12, 7).result(LONG);
        pool.submit("mul", 33, 25);
        pool.submit("mul", 25, 26).result(LONG);
        pool.submit("mul", 18, 29);
        pool.submit("mul", 1, 2).result(LONG);
        pool.submit("mul", 0, 9);
        assertTrue(pool.workerPids().size() <= 3, pool.workerPids().toString());
    }

    @Test
    void pp09MaxTasksPerChildReplacesTheWorker() {
        ProcessPoolExecutor pool = track(ProcessPoolExecutor.builder().maxWorkers(1).maxTasksPerChild(3).build());
        List<Object> seen = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            seen.add(pool.submit("pid").result(LONG));
            assertTrue(pool.workerPids().size() <= 1);
        }
        assertEquals(seen.get(0), seen.get(1));
        assertEquals(seen.get(0), seen.get(2));
        assertNotEquals(seen.get(0), seen.get(3));
        assertThrows(IllegalArgumentException.class, () -> ProcessPoolExecutor.builder().maxTasksPerChild(0));
    }

    @Test
    void pp11AndPp20RecyclingWithABacklogNeverDeadlocks() {
        int[][] shapes = {{3, 1, 6}, {1, 2, 6}, {2, 2, 8}};
        for (int[] shape : shapes) {
            ProcessPoolExecutor pool = track(ProcessPoolExecutor.builder().maxWorkers(shape[0]).maxTasksPerChild(shape[1]).build());
            List<Future<Object>> fs = new ArrayList<>();
            for (int i = 0; i < shape[2]; i++) {
                fs.add(pool.submit("square", i));
            }
            pool.shutdown(true, false);
            for (int i = 0; i < shape[2]; i++) {
                assertEquals((long) i * i, fs.get(i).result(Duration.ZERO));
            }
        }
    }

    @Test
    void pp13To16TerminateOrKillStopsABlockedTask() {
        for (boolean kill : new boolean[] {false, true}) {
            String name = kill ? "kill" : "terminate";
            ProcessPoolExecutor pool = pool(2);
            Future<Object> forever = blocked(pool, name);
            Future<Object> queued = pool.submit("mul", 1, 1);
            awaitFile(file(name + ".started"));
            rememberWorkers(pool);
            if (kill) {
                pool.killWorkers();
            } else {
                pool.terminateWorkers();
            }
            assertThrows(BrokenProcessPool.class, () -> forever.result(LONG));
            assertTrue(queued.done());
            RuntimeException refused = assertThrows(RuntimeException.class, () -> pool.submit("mul", 1, 1));
            assertTrue(refused instanceof RejectedExecutionException || refused instanceof BrokenExecutor, refused.toString());
        }
    }

    @Test
    void pp17And18TerminateIsHarmlessOnADeadOrUnstartedPool() {
        ProcessPoolExecutor unstarted = pool(2);
        unstarted.terminateWorkers();
        unstarted.killWorkers();
        ProcessPoolExecutor dead = pool(1);
        assertThrows(BrokenProcessPool.class, () -> dead.submit("exit", 1).result(LONG));
        dead.terminateWorkers();
        dead.killWorkers();
    }

    @Test
    void pp21ShutdownWithoutWaitStillRunsWorkBehindARecyclingWorker() {
        ProcessPoolExecutor pool = track(ProcessPoolExecutor.builder().maxWorkers(1).maxTasksPerChild(1).build());
        Future<Object> first = pool.submit("square", 1);
        Future<Object> second = pool.submit("square", 2);
        pool.shutdown(false, false);
        assertEquals(List.of(1L, 4L), List.of(first.result(LONG), second.result(LONG)));
    }

    @Test
    void pp24AReplacementThatCannotStartBreaksThePool() {
        AtomicInteger starts = new AtomicInteger();
        WorkerLauncher self = WorkerLaunchers.self();
        WorkerLauncher onceOnly = new WorkerLauncher() {
            @Override
            public List<String> command() {
                return self.command();
            }

            @Override
            public Process start() throws IOException {
                if (starts.incrementAndGet() > 1) {
                    throw new IOException("no more workers");
                }
                return self.start();
            }
        };
        ProcessPoolExecutor pool = track(ProcessPoolExecutor.builder().maxWorkers(1).maxTasksPerChild(1)
                .launcher(onceOnly).build());
        Future<Object> first = pool.submit("square", 3);
        Future<Object> second = pool.submit("square", 4);
        assertEquals(9L, first.result(LONG));
        BrokenProcessPool broken = assertThrows(BrokenProcessPool.class, () -> second.result(LONG));
        assertEquals(BrokenProcessPool.FUTURE_MESSAGE, broken.getMessage());
        assertEquals("no more workers", broken.getCause().getMessage());
    }

    @Test
    void runningIsAtMostMaxWorkersAndTheRestStaysCancellable() throws IOException {
        ProcessPoolExecutor pool = pool(2);
        List<Future<Object>> fs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            fs.add(pool.submit("signal_and_wait", file("r" + i).toString(), file("gate").toString(), i));
        }
        awaitFile(file("r0"));
        awaitFile(file("r1"));
        rememberWorkers(pool);
        assertEquals(2, fs.stream().filter(Future::running).count());
        for (Future<Object> f : fs.subList(2, 10)) {
            assertTrue(f.cancel(), "a queued future is PENDING and cancellable");
        }
        open(file("gate"));
        assertEquals(0L, ((Number) fs.get(0).result(LONG)).longValue());
    }

    // ------------------------------------------------------------------ DL (test_deadlock.py)

    @Test
    void dl01AnArgumentThatCannotBeEncodedFailsOnlyItsFuture() {
        ProcessPoolExecutor pool = pool(1);
        Future<Object> bad = pool.submit("echo", new Object());
        assertThrows(EncodingError.class, () -> bad.result(LONG));
        assertEquals("ok", pool.submit("echo", "ok").result(LONG));
    }

    @Test
    void dl02AWorkerThatDiesOnTheCallBreaksThePool() {
        // A stand-in worker: answers the handshake, then exits as the call arrives.
        WorkerLauncher fake = () -> List.of("/bin/sh", "-c",
                "read hello; echo '{\"type\":\"ready\",\"version\":1,\"pid\":'$$'}'; read call; exit 3");
        ProcessPoolExecutor pool = track(ProcessPoolExecutor.builder().maxWorkers(1).launcher(fake).build());
        BrokenProcessPool broken = assertThrows(BrokenProcessPool.class, () -> pool.submit("square", 2).result(LONG));
        WorkerDiedError died = assertInstanceOf(WorkerDiedError.class, broken.getCause());
        assertEquals(3, died.exitCode());
    }

    @Test
    void aBannerBeforeTheHandshakeIsNotAFrameButNoBreakEither() {
        // A launcher whose shell prints first (a login banner, a JVM option's message).
        ProcessPoolExecutor pool = track(ProcessPoolExecutor.builder().maxWorkers(1)
                .launcher(WorkerLaunchers.template("echo 'Welcome to the cluster'; exec {worker}")).build());
        assertEquals(49L, pool.submit("square", 7).result(LONG));
    }

    @Test
    void workersInheritTheJvmOptionsOfThisProcesssCommandLine() {
        assertEquals(List.of("-XX:+UseSerialGC", "-Dx=1"), WorkerLaunchers.jvmOptions(
                new String[] {"-XX:+UseSerialGC", "-cp", "a.jar:b.jar", "-Dx=1", "dev.Main", "-Dnot=mine"}));
        assertEquals(List.of("-Xmx1g", "--add-opens", "java.base/java.lang=ALL-UNNAMED"), WorkerLaunchers.jvmOptions(
                new String[] {"-Xmx1g", "--add-opens", "java.base/java.lang=ALL-UNNAMED", "-jar", "q.jar", "map", "-j2"}));
        assertEquals(List.of(), WorkerLaunchers.jvmOptions(new String[0]));
    }

    /** The management API would drag its whole stack (and libmanagement_ext) into a native image. */
    @Test
    void theLibraryNeverUsesTheManagementApi() throws Exception {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            List<String> users = files.filter(file -> file.toString().endsWith(".java")).filter(file -> {
                try {
                    return Files.readString(file).contains("java.lang.management");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).map(Object::toString).toList();
            assertEquals(List.of(), users);
        }
    }

    @Test
    void theParentsDiagnosticsOptionsDoNotReachWorkers() {
        assertFalse(WorkerLaunchers.inheritable("-XX:StartFlightRecording=filename=x.jfr"));
        assertFalse(WorkerLaunchers.inheritable("-verbose:gc"));
        assertFalse(WorkerLaunchers.inheritable("-Xlog:gc"));
        assertFalse(WorkerLaunchers.inheritable("-agentlib:jdwp=transport=dt_socket,server=y"));
        assertTrue(WorkerLaunchers.inheritable("-Xmx512m"));
        assertTrue(WorkerLaunchers.inheritable("-Dkey=value"));
        assertEquals(List.of("-XX:TieredStopAtLevel=1", "-Xshare:auto"),
                WorkerLaunchers.workerDefaults(List.of("-XX:+UseG1GC")), "no second collector");
        assertEquals(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"),
                WorkerLaunchers.workerDefaults(List.of("-XX:AOTCache=futures.aot")), "a JDK 25 AOT cache refuses -Xshare");
    }

    @Test
    void dl05ATaskThatKillsItsWorkerBreaksThePool() {
        ProcessPoolExecutor pool = pool(1);
        BrokenProcessPool broken = assertThrows(BrokenProcessPool.class,
                () -> pool.submit("sh", "kill -9 $PPID; sleep 5").result(LONG));
        WorkerDiedError died = assertInstanceOf(WorkerDiedError.class, broken.getCause());
        assertEquals(9, died.signal());
    }

    @Test
    void dl06TheExitTaskBreaksThePool() {
        ProcessPoolExecutor pool = pool(1);
        assertThrows(BrokenProcessPool.class, () -> pool.submit("exit", 1).result(LONG));
    }

    @Test
    void dl07AndDl10TaskErrorsAndUnencodableResultsFailOnlyTheirFuture() {
        ProcessPoolExecutor pool = pool(1);
        assertThrows(IllegalStateException.class, () -> pool.submit("fail_after_file", dir.toString()).result(LONG));
        assertThrows(EncodingError.class, () -> pool.submit("unencodable").result(LONG));
        assertEquals(4L, pool.submit("square", 2).result(LONG));
    }

    @Test
    void dl11AFrameTheParentCannotReadBreaksThePool() {
        ProcessPoolExecutor pool = pool(1);
        assertThrows(BrokenProcessPool.class, () -> pool.submit("corrupt_stdout").result(LONG));
    }

    @Test
    void aWorkerThatBreaksTheProtocolIsReportedByWhatItWrote() {
        // Not only "killed by signal 9": the stray line (or the runtime's crash banner) and how it ended.
        List<String> reasons = new CopyOnWriteArrayList<>();
        ProcessPoolExecutor pool = track(ProcessPoolExecutor.builder().maxWorkers(1).listener(new WorkerListener() {
            @Override
            public void workerExited(long pid, int exitCode, int signal, String reason) {
                reasons.add(reason);
            }
        }).build());
        BrokenProcessPool broken = assertThrows(BrokenProcessPool.class, () -> pool.submit("corrupt_stdout").result(LONG));
        String message = broken.getCause().getMessage();
        assertTrue(message.matches("worker \\d+ wrote \"this is not a frame\" where a frame belongs; it "
                + "(was killed by signal \\d+|exited with code \\d+)"), message);
        pool.shutdown(true, false);
        assertEquals(List.of("wrote \"this is not a frame\" where a frame belongs"), reasons);

        ProcessPoolExecutor crashing = pool(1);
        broken = assertThrows(BrokenProcessPool.class, () -> crashing.submit("crash_with_banner").result(LONG));
        assertTrue(broken.getCause().getMessage().contains(
                "wrote \"# # A fatal error has been detected by the Java Runtime Environment: # #  SIGSEGV (0xb)"),
                broken.getCause().getMessage());
    }

    @Test
    void dl13ACrashDuringShutdownStillLetsShutdownReturn() throws Exception {
        ProcessPoolExecutor pool = pool(1);
        Future<Object> f = blocked(pool, "dl13");
        awaitFile(file("dl13.started"));
        rememberWorkers(pool);
        CompletableFuture<Void> shutdown = CompletableFuture.runAsync(() -> pool.shutdown(true, false));
        pool.workerPids().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        shutdown.get(60, TimeUnit.SECONDS);
        assertThrows(BrokenProcessPool.class, () -> f.result(Duration.ZERO));
    }

    @Test
    void dl15SixteenMibArgumentsAndResultsCrossAndACrashDuringTheirWritesDoesNotHang() {
        String big = "x".repeat(16 << 20);
        ProcessPoolExecutor pool = pool(2);
        assertEquals((long) big.length(), pool.submit("echo_size", big).result(LONG));
        assertEquals(big.length(), ((String) pool.submit("echo", big).result(LONG)).length());

        ProcessPoolExecutor crashing = pool(2);
        List<Future<Object>> fs = new ArrayList<>();
        fs.add(crashing.submit("exit", 1));
        for (int i = 0; i < 4; i++) {
            fs.add(crashing.submit("echo_size", big));
        }
        assertTrue(Futures.wait(fs, LONG, ReturnWhen.ALL_COMPLETED).notDone().isEmpty(), "no deadlock");
        assertThrows(BrokenProcessPool.class, () -> fs.get(0).result(Duration.ZERO));
    }

    @Test
    void aTaskPrintingToStdoutDoesNotCorruptTheFrames() {
        ProcessPoolExecutor pool = pool(1);
        assertEquals("hello", pool.submit("print_to_stdout", "hello").result(LONG));
        assertEquals(9L, pool.submit("square", 3).result(LONG));
    }

    // ------------------------------------------------------------------ INIT

    @Test
    void init01EveryWorkerRunsTheInitializer() {
        ProcessPoolExecutor pool = track(ProcessPoolExecutor.builder().maxWorkers(2).initializer("init", "initialized").build());
        for (int i = 0; i < 4; i++) {
            assertEquals("initialized", pool.submit("initialized").result(LONG));
        }
    }

    @Test
    void init02And03AFailingInitializerBreaksThePoolAndLeavesNoProcess() {
        ProcessPoolExecutor pool = track(ProcessPoolExecutor.builder().maxWorkers(2).initializer("init_fail").build());
        Future<Object> f = pool.submit("square", 2);
        BrokenProcessPool broken = assertThrows(BrokenProcessPool.class, () -> f.result(LONG));
        assertTrue(broken.getCause().getMessage().contains("error in initializer"), broken.getCause().getMessage());
        assertThrows(BrokenExecutor.class, () -> pool.submit("square", 2));
        pool.shutdown(true, false);
        assertEquals(List.of(), pool.workerPids());
        assertThrows(dev.futures.task.UnknownTask.class,
                () -> ProcessPoolExecutor.builder().initializer("no_such_initializer").build());
    }

    // ------------------------------------------------------------------ beyond CPython (spec §10)

    @Test
    void aTaskTimeoutKillsAndReplacesItsWorkerAndThePoolGoesOn() {
        ProcessPoolExecutor pool = pool(1);
        long before = (Long) pool.submit("pid").result(LONG);
        Future<Object> slow = pool.submit("wait_for_file", List.of(file("never").toString()), Duration.ofMillis(300));
        TaskTimeoutError timeout = assertThrows(TaskTimeoutError.class, () -> slow.result(LONG));
        assertTrue(timeout.getMessage().contains("timed out"), timeout.getMessage());
        long after = (Long) pool.submit("pid").result(LONG);
        assertNotEquals(before, after);
        assertFalse(ProcessHandle.of(before).map(ProcessHandle::isAlive).orElse(false));
    }

    /** A submit without a timeout of its own gets the pool's, as its contract says (session and serve submit so). */
    @Test
    void aSubmitWithoutItsOwnTimeoutGetsThePools() {
        ProcessPoolExecutor pool = track(ProcessPoolExecutor.builder().maxWorkers(1).taskTimeout(Duration.ofMillis(300)).build());
        Future<Object> slow = pool.submit("wait_for_file", List.of(file("never").toString()), null, null);
        assertThrows(TaskTimeoutError.class, () -> slow.result(LONG));
        Future<Object> quick = pool.submit("wait_for_file", List.of(file("never").toString()), Duration.ofMillis(100));
        assertThrows(TaskTimeoutError.class, () -> quick.result(LONG)); // its own still wins
    }

    @Test
    void forcedCancelOfARunningTaskKillsItsWorkerOnly() {
        ProcessPoolExecutor pool = pool(2);
        Future<Object> running = blocked(pool, "force");
        awaitFile(file("force.started"));
        assertFalse(running.cancel(false), "cancel() never stops running work");
        assertTrue(running.cancel(true));
        assertTrue(running.cancelled());
        assertThrows(CancelledError.class, () -> running.result(LONG));
        assertEquals(25L, pool.submit("square", 5).result(LONG));
    }

    @Test
    void replaceModeFailsOnlyTheTaskWhoseWorkerDied() {
        ProcessPoolExecutor pool = track(ProcessPoolExecutor.builder().maxWorkers(2)
                .onWorkerDeath(OnWorkerDeath.REPLACE).build());
        WorkerDiedError died = assertThrows(WorkerDiedError.class, () -> pool.submit("exit", 7).result(LONG));
        assertEquals(7, died.exitCode());
        assertEquals(0, died.signal());
        assertTrue(died.pid() > 0);
        assertEquals(36L, pool.submit("square", 6).result(LONG));
    }

    @Test
    void aWorkerThatFallsSilentWhileItsTaskRunsIsFoundByItsHeartbeatAndIsADeadWorker() throws Exception {
        // A stalled connection closes nothing: a stopped worker is the same to the parent.
        ProcessPoolExecutor pool = track(ProcessPoolExecutor.builder().maxWorkers(1).onWorkerDeath(OnWorkerDeath.REPLACE)
                .heartbeat(Duration.ofMillis(100), Duration.ofSeconds(2)).build());
        long pid = (Long) pool.submit("pid").result(LONG);
        Future<Object> running = pool.submit("sleep", 60);
        // A task that runs quietly for longer than the silence is alive: its worker's heartbeats say so.
        assertThrows(dev.futures.TimeoutError.class, () -> running.result(Duration.ofSeconds(3)));
        Process stop = new ProcessBuilder("kill", "-STOP", Long.toString(pid)).start();
        assertEquals(0, stop.waitFor());
        WorkerDiedError died = assertThrows(WorkerDiedError.class, () -> running.result(LONG));
        assertTrue(String.valueOf(died.getCause()).contains("stalled"), String.valueOf(died.getCause()));
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the silent worker was killed");
        assertEquals(49L, pool.submit("square", 7).result(LONG), "a new worker took its place");
    }

    @Test
    void workersIgnoreSigint() throws Exception {
        ProcessPoolExecutor pool = pool(1);
        long pid = (Long) pool.submit("pid").result(LONG);
        Process interrupt = new ProcessBuilder("kill", "-INT", Long.toString(pid)).start();
        assertEquals(0, interrupt.waitFor());
        assertEquals(pid, pool.submit("pid").result(LONG));
    }

    @Test
    void aLauncherTemplateStartsWorkersThroughAnotherCommand() throws IOException {
        Path log = file("launched.log");
        ProcessPoolExecutor pool = track(ProcessPoolExecutor.builder().maxWorkers(2)
                .launcher(WorkerLaunchers.template("echo launched >> '" + log + "'; exec {worker}")).build());
        List<Future<Object>> fs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            fs.add(pool.submit("square", i));
        }
        for (int i = 0; i < 4; i++) {
            assertEquals((long) i * i, fs.get(i).result(LONG));
        }
        long launched = Files.readAllLines(log).size();
        assertTrue(launched >= 1 && launched <= 2, "launched " + launched);
    }

    @Test
    void aWorkerWrittenInAnotherLanguageFollowingDocsProtocolWorks() throws Exception {
        // The ten-line Python worker of docs/protocol.md, verbatim.
        Path script = Path.of(getClass().getResource("/foreign-worker.py").toURI());
        ProcessPoolExecutor pool = track(ProcessPoolExecutor.builder().maxWorkers(2)
                .launcher(() -> List.of("python3", script.toString())).build());
        List<Object> squares = new ArrayList<>();
        pool.map("square", IntStream.range(0, 20).mapToObj(i -> List.<Object>of(i)).toList(),
                MapOptions.defaults().withChunksize(3)).forEachRemaining(squares::add);
        assertEquals(IntStream.range(0, 20).mapToObj(i -> (Object) (long) (i * i)).toList(), squares);
    }

    @Test
    void closuresCannotCrossAndUnknownNamesFailAtSubmit() {
        ProcessPoolExecutor pool = pool(1);
        assertThrows(UnsupportedOperationException.class, () -> pool.submit(() -> 1));
        assertThrows(dev.futures.task.UnknownTask.class, () -> pool.submit("no_such_task"));
        assertEquals(List.of(), pool.workerPids(), "nothing started for a refused submit");
    }
}
