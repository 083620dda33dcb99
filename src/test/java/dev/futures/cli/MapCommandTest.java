package dev.futures.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.futures.protocol.NdjsonCodec;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code futures map} and {@code run} through the application's real entry point; {@link MapCommandIT}
 * runs the same cases against the packaged build.
 *
 * <p>Long because it is the shared case list of two runners (in-process here, packaged in the IT):
 * split, the two would drift.
 */
@QuarkusMainTest
@Timeout(120)
class MapCommandTest {

    @TempDir
    Path dir;

    /**
     * stderr as the user sees it. The packaged-build launcher of {@link MapCommandIT} forces
     * Quarkus' start-up lines on through system properties; {@code target/futures} does not
     * ({@link ExecutableIT} checks that stderr stays empty), so those lines are dropped here.
     */
    static String stderr(LaunchResult result) {
        return result.getErrorOutput().lines()
                .filter(line -> !line.matches("^\\d\\d:\\d\\d:\\d\\d INFO  \\[io\\.quarkus\\] .*"))
                .collect(Collectors.joining("\n"));
    }

    /**
     * A shell snippet that makes every task wait until {@code n} tasks have started: proof that
     * {@code n} ran at once, without timing anything. Gives up (exit 9) after 60 s.
     */
    private String barrier(int n) {
        return "touch " + dir + "/started.{}; i=0; "
                + "while [ $(ls " + dir + " | grep -c '^started') -lt " + n + " ]; do "
                + "i=$((i+1)); [ $i -gt 6000 ] && exit 9; sleep 0.01; done; echo {}";
    }

    /** Words after the task name are its arguments, options or not (no daemon answers here: exit 3). */
    @Test
    @Launch(value = {"submit", "--server", "http://127.0.0.1:1", "exec", "echo", "-n", "hi"}, exitCode = 3)
    void submitPassesWordsAfterTheTaskNameToTheTask(LaunchResult result) {
        assertFalse(result.getErrorOutput().contains("Unknown option"), result.getErrorOutput());
    }

    /** picocli reads descriptions as format strings: {%} once printed a warning instead of the help. */
    @Test
    @Launch({"map", "--help"})
    void mapsHelpPrintsItsPlaceholdersWithoutAWarning(LaunchResult result) {
        assertTrue(result.getOutput().replaceAll("\\s+", " ").contains("{%} job slot"), result.getOutput());
        assertFalse((result.getOutput() + result.getErrorOutput()).contains("WARN"), result.getErrorOutput());
    }

    @Test
    @Launch({"map", "--help"})
    void mapsHelpGroupsItsOptionsUnderHeadingsAndSaysWhatDiffersFromGnuParallel(LaunchResult result) {
        String help = result.getOutput();
        assertTrue(help.startsWith("Usage: futures map [OPTIONS] [COMMAND...]"), help);
        List<String> headings = help.lines().filter(line -> line.matches("[A-Z][^:]*:")).toList();
        assertEquals(List.of("Task instead of a command:", "Command line:", "Inputs:", "Several inputs per job:",
                "Blocks of stdin (--pipe):", "Pool:", "Workers on other hosts:", "Running:", "Output:", "Joblog and resuming:", "Stopping early:",
                "GNU parallel habits:", "Other:"), headings);
        // Each option under its own heading: -k among the habits, --pipe among the blocks.
        assertTrue(help.indexOf("-k, --keep-order") > help.indexOf("GNU parallel habits:"), help);
        assertTrue(help.indexOf("--pipe") > help.indexOf("Blocks of stdin (--pipe):")
                && help.indexOf("--pipe, ") < help.indexOf("Pool:"), help);
        assertTrue(help.replaceAll("\\s+", " ").contains("Differs from GNU parallel:"), help);
    }

    @Test
    @Launch({"map", "-j4", "echo", "in:{}", ":::", "a", "b", "c", "d"})
    void printsResultsInInputOrder(LaunchResult result) {
        assertEquals("in:a\nin:b\nin:c\nin:d", result.getOutput());
        assertEquals(0, result.exitCode());
    }

    @Test
    void runsJWorkersAtOnceAndKeepsInputOrder(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("map", "-j4", "sh", "-c", barrier(4), ":::", "a", "b", "c", "d");
        assertEquals("a\nb\nc\nd", result.getOutput());
        assertEquals(0, result.exitCode());
    }

    @Test
    @Launch({"map", "echo", "x", ":::", "1", "2"})
    void appendsTheInputWhenThereIsNoReplacementString(LaunchResult result) {
        assertEquals("x 1\nx 2", result.getOutput());
    }

    @Test
    @Launch(value = {"map", "-j2", "sh", "-c", "echo out {}; echo err {} >&2; [ {} != b ]", ":::", "a", "b", "c"}, exitCode = 1)
    void oneFailureExitsOneAndKeepsEveryOtherResult(LaunchResult result) {
        assertEquals("out a\nout b\nout c", result.getOutput());
        String errors = stderr(result);
        assertTrue(errors.contains("err a\nerr b\nerr c"), errors);
        assertTrue(errors.contains("futures map: 1 of 3 tasks failed"), errors);
    }

    /**
     * "slow" starts waiting first and goes on only after "fast" has created the gate, plus a
     * generous second for fast's process to exit: fast always completes first.
     */
    private String slowAfterFast() {
        return "if [ {} = slow ]; then i=0; while [ ! -e " + dir + "/gate ]; do i=$((i+1)); "
                + "[ $i -gt 6000 ] && exit 9; sleep 0.01; done; sleep 1; else touch " + dir + "/gate; fi; echo {}";
    }

    @Test
    void completionOrderPrintsWhatFinishesFirst(QuarkusMainLauncher launcher) {
        String script = slowAfterFast();
        LaunchResult completion = launcher.launch("map", "-j2", "--order", "completion", "sh", "-c", script, ":::", "slow", "fast");
        assertEquals("fast\nslow", completion.getOutput());
        assertEquals(0, completion.exitCode());
    }

    @Test
    void inputOrderWaitsForTheSlowOne(QuarkusMainLauncher launcher) {
        String script = slowAfterFast();
        LaunchResult input = launcher.launch("map", "-j2", "sh", "-c", script, ":::", "slow", "fast");
        assertEquals("slow\nfast", input.getOutput());
    }

    @Test
    void readsInputLinesFromFiles(QuarkusMainLauncher launcher) throws IOException {
        Path inputs = dir.resolve("inputs.txt");
        Files.writeString(inputs, "one\ntwo\nthree\n");
        LaunchResult result = launcher.launch("map", "echo", "{}!", "::::", inputs.toString());
        assertEquals("one!\ntwo!\nthree!", result.getOutput());
    }

    @Test
    @Launch({"run", "-j2", "echo a", "echo b >&2", "echo c"})
    void runTreatsEachArgumentAsAShellCommandLine(LaunchResult result) {
        assertEquals("a\nc", result.getOutput());
        assertEquals("b", stderr(result).strip());
    }

    @Test
    @Launch(value = {"map", "no-such-program-xyz", ":::", "a"}, exitCode = 1)
    void aCommandThatCannotStartIsAFailedTaskWithAOneLineReason(LaunchResult result) {
        assertTrue(stderr(result).contains("futures: cannot run 'no-such-program-xyz': No such file or directory"),
                stderr(result));
    }

    @Test
    void timeoutCancelsAndKillsAndExits124(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("map", "-j1", "--timeout", "1s", "sh", "-c", "echo {}; [ {} = quick ] || sleep 120",
                ":::", "quick", "stuck", "never");
        assertEquals(124, result.exitCode());
        assertEquals("quick", result.getOutput());
        assertTrue(stderr(result).contains("--timeout 1s expired after 1 task finished"), stderr(result));
    }

    @Test
    void badInputIsOneLineAndExitTwoWithNothingRun(QuarkusMainLauncher launcher) {
        String marker = dir.resolve("ran").toString();
        String[][] cases = {
            {"map", "-j", "1.5", "touch", marker, ":::", "a"},
            {"map", "-j", "x%", "touch", marker, ":::", "a"},
            {"map", "-d", "\\q", "touch", marker, ":::", "a"},
            {"map", "-0", "-d", ",", "touch", marker, ":::", "a"},
            {"map", "--trim", "both", "touch", marker, ":::", "a"},
            {"map", "-k", "--order", "completion", "touch", marker, ":::", "a"},
            {"map", "--arg-sep", "x", "--arg-file-sep", "x", "touch", marker, "x", "a"},
            {"map", "-a", dir.resolve("missing.txt").toString(), "touch", marker},
            {"map", "-I", "", "touch", marker, ":::", "a"},
            {"map", "--bogus", "touch", marker, ":::", "a"},
            {"map", "--timeout", "soon", "touch", marker, ":::", "a"},
            {"map", "--timeout", "-5s", "touch", marker, ":::", "a"},
            {"map", "-j", "many", "touch", marker, ":::", "a"},
            {"map", "--buffersize", "0", "touch", marker, ":::", "a"},
            {"map", "--order", "random", "touch", marker, ":::", "a"},
            {"map", "touch", marker, "::::", dir.resolve("missing.txt").toString()},
            {"run", "-j", "-", "touch " + marker},
            {"map", "touch", marker + "{3}", ":::", "a", ":::", "b"},
            {"map", "--task", "no_such_task", ":::", "a"},
            {"map", "--retries", "-1", "touch", marker, ":::", "a"},
            {"map", "--return-when", "SOMETIMES", "touch", marker, ":::", "a"},
            {"map", "--resume", "touch", marker, ":::", "a"},
            {"map", "--retry-failed", "touch", marker, ":::", "a"},
            {"map", "-S", "0/host1", "touch", marker, ":::", "a"},
            {"map", "-S", "host1", "--worker-launcher", "sh -c {worker}", "touch", marker, ":::", "a"},
            {"map", "--slf", dir.resolve("no-such-logins").toString(), "touch", marker, ":::", "a"},
            {"map", "--pipe", "touch", marker, ":::", "a"},
            {"map", "--pipe", "-m", "touch", marker},
            {"map", "--pipe", "--block", "1x", "touch", marker},
            {"map", "--timeout", "10%", "touch", marker, ":::", "a"},
            {"map", "--delay", "soon", "touch", marker, ":::", "a"},
            {"map", "--results", dir.resolve("r.csv").toString(), "--files", "touch", marker, ":::", "a"},
            {"map", "--joblog", dir.resolve("log").toString(), "--resume", "--resume-failed", "touch", marker, ":::", "a"},
            {"map", "--joblog", dir.resolve("log").toString(), "--joblog-format", "xml", "touch", marker, ":::", "a"},
            {"map", "--joblog", dir.resolve("no/such/dir/log").toString(), "touch", marker, ":::", "a"},
            {"map", "--then", "explode", "touch", marker, ":::", "a"},
            {"map", "--halt", "sometimes", "touch", marker, ":::", "a"},
            {"map", "--halt", "now,fail=0", "touch", marker, ":::", "a"},
            {"map", "--halt", "soon,fail=101%", "touch", marker, ":::", "a"},
            {"map", "--halt", "now,fail=1", "--then", "wait", "touch", marker, ":::", "a"},
            {"map", "--task", "echo", "touch", marker, ":::", "a"},
            {"map", "touch", marker + "{0}", ":::", "a"},
            {"map", "touch", marker + "{99999999999}", ":::", "a"},
            {"map", "touch", marker, "::::", "/"},
            {"map", "--task-timeout", "99999999999d", "touch", marker, ":::", "a"},
            {"map", "--timeout", "9999999999999h", "touch", marker, ":::", "a"},
        };
        for (String[] args : cases) {
            LaunchResult result = launcher.launch(args);
            String what = String.join(" ", args);
            assertEquals(2, result.exitCode(), what);
            assertEquals("", result.getOutput(), what);
            String err = stderr(result).strip();
            assertFalse(err.isEmpty(), what);
            assertEquals(1, err.lines().count(), what + " -> " + err);
            assertTrue(err.startsWith("futures map: ") || err.startsWith("futures run: "), err);
        }
        assertFalse(Files.exists(Path.of(marker)), "nothing ran");
    }

    @Test
    void cpythonsErrorsHaveCpythonsTexts(QuarkusMainLauncher launcher) {
        // DESIGN: messages follow CPython's texts where CPython has one (Executor.map, wait, ProcessPoolExecutor).
        Map<String, List<String>> cases = Map.of(
                "buffersize must be None or > 0", List.of("map", "--buffersize", "0", "echo", ":::", "a"),
                "max_tasks_per_child must be >= 1",
                List.of("map", "--pool", "process", "--max-tasks-per-child", "0", "echo", ":::", "a"),
                "Invalid return condition: 'BOGUS'", List.of("map", "--return-when", "BOGUS", "echo", ":::", "a"),
                "chunksize must be >= 1.", List.of("map", "--pool", "process", "--chunksize", "0", "--task", "echo", ":::", "a"));
        cases.forEach((text, args) -> {
            LaunchResult result = launcher.launch(args.toArray(new String[0]));
            assertEquals(2, result.exitCode(), text);
            assertEquals("futures map: " + text, stderr(result).strip());
        });
        LaunchResult waited = launcher.launch("wait", "--return-when", "BOGUS", "f1");
        assertEquals(2, waited.exitCode());
        assertEquals("futures wait: Invalid return condition: 'BOGUS'", stderr(waited).strip());
    }

    // ------------------------------------------------------------------ GNU parallel's inputs

    @Test
    @Launch({"map", "echo", "{1}-{2}", ":::", "a", "b", ":::", "1", "2"})
    void severalGroupsGiveEveryCombinationFirstGroupSlowest(LaunchResult result) {
        assertEquals("a-1\na-2\nb-1\nb-2", result.getOutput());
    }

    @Test
    void eachFileAfterFourColonsIsAGroup(QuarkusMainLauncher launcher) throws IOException {
        Path letters = dir.resolve("letters");
        Path numbers = dir.resolve("numbers");
        Files.writeString(letters, "a\nb\n");
        Files.writeString(numbers, "1\n2\n");
        LaunchResult result = launcher.launch("map", "echo", "{2}{1}", "::::", letters.toString(), numbers.toString());
        assertEquals("1a\n2a\n1b\n2b", result.getOutput());
    }

    @Test
    @Launch({"map", "echo", "{#}", "{/}", "{//}", "{.}", "{/.}", ":::", "dir/photo.jpg"})
    void pathReplacementStrings(LaunchResult result) {
        assertEquals("1 photo.jpg dir dir/photo photo", result.getOutput());
    }

    @Test
    void jobSlotsStayWithinJ(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("map", "-j2", "echo", "{%}", ":::", "a", "b", "c", "d", "e", "f");
        assertEquals(0, result.exitCode());
        assertTrue(result.getOutput().lines().allMatch(slot -> slot.equals("1") || slot.equals("2")), result.getOutput());
    }

    @Test
    @Launch({"map", "--tag", "-j2", "sh", "-c", "printf 'one\\ntwo\\n'; echo oops >&2", ":::", "x", "y"})
    void tagPrefixesEveryLineWithTheInput(LaunchResult result) {
        assertEquals("x\tone\nx\ttwo\ny\tone\ny\ttwo", result.getOutput());
        assertTrue(stderr(result).contains("x\toops"), stderr(result));
    }

    @Test
    void dryRunPrintsShellQuotedCommandsAndRunsNothing(QuarkusMainLauncher launcher) {
        Path marker = dir.resolve("ran");
        LaunchResult result = launcher.launch("map", "--dry-run", "touch", marker + "/{.}.png", ":::", "my pic.jpg", "b.jpg");
        assertEquals(0, result.exitCode());
        assertEquals("touch '" + marker + "/my pic.png'\ntouch " + marker + "/b.png", result.getOutput());
        assertFalse(Files.exists(marker));
    }

    // ------------------------------------------------------------------ --return-when and --then

    @Test
    void firstCompletedThenKillTakesTheWinnerAndKillsTheRest(QuarkusMainLauncher launcher) {
        // Without the kill the two slow tasks would outlast this test's timeout.
        LaunchResult result = launcher.launch("map", "-j3", "--return-when", "FIRST_COMPLETED", "--then", "kill",
                "sh", "-c", "[ {} = fast ] || sleep 300; echo {}", ":::", "slow1", "fast", "slow2");
        assertEquals(0, result.exitCode(), stderr(result));
        assertEquals("fast", result.getOutput());
    }

    /**
     * A command holds its stdin, stdout and stderr and no other descriptor: not the pipe of a
     * command started beside it (whose reader would then wait for that pipe's end as long as this
     * one lives), not a file of futures'. Both launch paths (the JDK's, posix_spawn's) close them.
     */
    @Test
    void aCommandInheritsOnlyItsThreeStandardDescriptors(QuarkusMainLauncher launcher) {
        List<String> args = new ArrayList<>(List.of("map", "-j4", "sh", "-c",
                "for fd in 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30; do "
                        + "[ -e /proc/$$/fd/$fd ] && echo \"{} holds $fd\"; done; echo {}", ":::"));
        IntStream.rangeClosed(1, 16).mapToObj(String::valueOf).forEach(args::add);
        LaunchResult result = launcher.launch(args.toArray(String[]::new));
        assertEquals(String.join("\n", IntStream.rangeClosed(1, 16).mapToObj(String::valueOf).toList()),
                result.getOutput());
        assertEquals(0, result.exitCode());
    }

    /** Inputs that look like a JVM's or a native image's options are inputs like any other. */
    @Test
    @Launch({"map", "echo", ":::", "-Dx=1", "-XX:+PrintGC", "-Xmx10m"})
    void inputsThatLookLikeRuntimeOptionsReachTheCommand(LaunchResult result) {
        assertEquals("-Dx=1\n-XX:+PrintGC\n-Xmx10m", result.getOutput());
        assertEquals(0, result.exitCode());
    }

    /**
     * futures' own rule: the words reach the program as they are, and a shell operator among them
     * is said on stderr (never stdout, so JSON lines stay clean), naming it and both ways out.
     */
    @Test
    void aShellOperatorAmongTheWordsRunsAsAskedAndIsSaid(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("map", "echo", "{};", "exit", "{}", ":::", "x");
        assertEquals("x; exit x", result.getOutput());
        assertEquals(0, result.exitCode());
        assertTrue(stderr(result).contains("futures map: '{};' reaches echo as an argument, not as shell syntax: "
                + "quote the whole line as one word for a shell line, or use --gnu"), stderr(result));
        LaunchResult jsonl = launcher.launch("map", "--output", "jsonl", "echo", "{}", "&&", "echo", "again", ":::", "x");
        assertTrue(jsonl.getOutput().lines().allMatch(line -> line.startsWith("{")), jsonl.getOutput());
        assertTrue(stderr(jsonl).contains("'&&' reaches echo"), stderr(jsonl));
        LaunchResult script = launcher.launch("map", "sh", "-c", "echo {}; exit 0", ":::", "x");
        assertEquals("", stderr(script), "a shell given -c takes its script as one word");
        LaunchResult quoted = launcher.launch("map", "-q", "echo", "{};", ":::", "x");
        assertEquals("x;", quoted.getOutput());
        assertEquals("", stderr(quoted), "-q says the words are meant as they are");
    }

    /** --gnu: GNU parallel's rule, the words joined into one shell line with the inputs quoted into it. */
    @Test
    void gnuJoinsTheWordsIntoOneShellLine(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("map", "--gnu", "-k", "echo", "{};", "exit", "{}", ":::", "0", "1");
        assertEquals("0\n1", result.getOutput());
        assertEquals(1, result.exitCode());
        assertEquals("futures map: 1 of 2 tasks failed", stderr(result));
        LaunchResult quotedInputs = launcher.launch("map", "--gnu", "-k", "echo", "{}", "|", "tr", "a-z", "A-Z",
                ":::", "a;b", "$x");
        assertEquals("A;B\n$X", quotedInputs.getOutput());
        LaunchResult keepWords = launcher.launch("map", "--gnu", "-q", "echo", "{};", ":::", "x");
        assertEquals("x;", keepWords.getOutput());
    }

    /** A GNU parallel option futures lacks stops the run with what to use instead; nothing runs. */
    @Test
    void aGnuOptionLeftOutNamesWhatToUseInstead(QuarkusMainLauncher launcher) {
        LaunchResult sql = launcher.launch("map", "--sqlworker", "x", "echo", ":::", "a");
        assertEquals(2, sql.exitCode());
        assertEquals("", sql.getOutput());
        assertEquals("futures map: GNU parallel's --sqlworker is not in futures: no SQL job queue: 'futures serve' is "
                + "a queue over HTTP with a journal, or use 'futures session'", stderr(sql));
        LaunchResult fifo = launcher.launch("map", "--fifo", "--pipe", "wc", ":::", "a");
        assertTrue(stderr(fifo).contains("GNU parallel's --fifo is not in futures: use --pipe"), stderr(fifo));
        LaunchResult tmpdir = launcher.launch("map", "--tmpdir", dir.resolve("missing").toString(), "echo", ":::", "a");
        assertEquals(2, tmpdir.exitCode());
        assertEquals("futures map: --tmpdir '" + dir.resolve("missing") + "' is not a writable directory", stderr(tmpdir));
    }

    @Test
    void memfreeAndLoadTakeGnusSpellingsAndRefuseOthers(QuarkusMainLauncher launcher) {
        LaunchResult ok = launcher.launch("map", "--memfree", "1k", "--load", "1000", "echo", ":::", "a", "b");
        assertEquals("a\nb", ok.getOutput());
        assertEquals(0, ok.exitCode());
        LaunchResult bad = launcher.launch("map", "--memfree", "lots", "echo", ":::", "a");
        assertEquals(2, bad.exitCode());
        assertEquals("futures map: --memfree needs a size such as 1G or 500M, got 'lots'", stderr(bad));
    }

    @Test
    @Launch({"map", "--citation"})
    void citationPrintsItsTextAndExitsZero(LaunchResult result) {
        assertTrue(result.getOutput().startsWith("futures ") && result.getOutput().contains("no citation"), result.getOutput());
        assertEquals(0, result.exitCode());
    }

    /** A command killed by a signal reports 128 + the signal, as a shell does, on both launch paths. */
    @Test
    void aCommandKilledByASignalReportsOneHundredTwentyEightPlusIt(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("map", "--output", "jsonl", "sh", "-c", "kill -TERM $$", ":::", "x");
        assertEquals(1, result.exitCode());
        Map<String, Object> event = result.getOutput().lines().map(new NdjsonCodec()::decode)
                .filter(e -> "result".equals(e.get("event"))).findFirst().orElseThrow();
        assertEquals(143L, event.get("exit_code"), result.getOutput());
    }

    /** Standard input is /dev/null for a command (map's stdin is its input), and the program is found in PATH. */
    @Test
    void aCommandReadsNothingFromStdinAndIsFoundInThePath(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("map", "-j2", "sh", "-c", "cat; echo {}", ":::", "a", "b");
        assertEquals("a\nb", result.getOutput());
        assertEquals(0, result.exitCode());
        LaunchResult missing = launcher.launch("map", "no-such-program-in-any-path", ":::", "a");
        assertEquals(1, missing.exitCode());
        assertTrue(stderr(missing).contains("cannot run 'no-such-program-in-any-path': No such file or directory"),
                stderr(missing));
    }

    @Test
    void firstExceptionReturnsWithASummaryAndCancelsWhatHasNotStarted(QuarkusMainLauncher launcher) {
        // The good jobs take a generous second, so job 3 is surely still queued when the run returns
        // (job 2 may already have been picked up the moment job 1 ended).
        LaunchResult result = launcher.launch("map", "-j1", "--output", "jsonl", "--return-when", "FIRST_EXCEPTION",
                "sh", "-c", "[ {} = bad ] && exit 1; sleep 1", ":::", "bad", "ok1", "ok2");
        assertEquals(1, result.exitCode());
        List<Map<String, Object>> events = result.getOutput().lines()
                .map(new NdjsonCodec()::decode).toList();
        Map<String, Object> summary = events.stream().filter(e -> e.get("event").equals("summary")).findFirst()
                .orElseThrow();
        assertEquals(List.of(1L), summary.get("done"));
        assertEquals(List.of(2L, 3L), summary.get("not_done"));
        assertTrue(events.stream().anyMatch(e -> "cancelled".equals(e.get("status")) && Long.valueOf(3).equals(e.get("id"))),
                result.getOutput());
        assertEquals("end", events.get(events.size() - 1).get("event"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"thread", "process"})
    void theResultThatDecidedTheReturnComesFirstThenTheSummaryThenTheCancelledInInputOrder(String pool,
            QuarkusMainLauncher launcher) {
        for (String returnWhen : new String[] {"FIRST_COMPLETED", "FIRST_EXCEPTION"}) {
            // The case: one worker, the first task decides, three wait in the queue.
            String first = returnWhen.equals("FIRST_COMPLETED") ? "sleep 0.2; printf 0" : "sleep 0.2; exit 3";
            LaunchResult result = launcher.launch("map", "--pool", pool, "--output", "jsonl", "-j1", "--buffersize", "8",
                    "--return-when", returnWhen, "--task", "sh", ":::", first, "printf 1", "printf 2", "printf 3");
            List<Map<String, Object>> events = result.getOutput().lines().map(new NdjsonCodec()::decode)
                    .filter(e -> !String.valueOf(e.get("event")).startsWith("worker_")).toList();
            List<String> seen = events.stream().map(e -> e.get("event") + (e.containsKey("id") ? " " + e.get("id") : "")
                    + (e.containsKey("status") ? " " + e.get("status") : "")).toList();
            String decided = returnWhen.equals("FIRST_COMPLETED") ? "result 1 ok" : "result 1 error";
            // A process-pool worker may already hold task 2 when task 1 ends (as in CPython): it runs.
            String second = pool.equals("process") && seen.get(3).equals("result 2 ok") ? "result 2 ok" : "result 2 cancelled";
            assertEquals(List.of("start", decided, "summary", second, "result 3 cancelled", "result 4 cancelled", "end"),
                    seen, pool + " " + returnWhen + ": " + result.getOutput());
            assertEquals(List.of(1L), events.get(2).get("done"));
            assertEquals(List.of(2L, 3L, 4L), events.get(2).get("not_done"));
        }
    }

    @Test
    void thenWaitLetsEverythingFinish(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("map", "-j1", "--return-when", "FIRST_EXCEPTION", "--then", "wait",
                "sh", "-c", "echo {}; [ {} != bad ]", ":::", "bad", "ok1", "ok2");
        assertEquals(1, result.exitCode());
        assertEquals("bad\nok1\nok2", result.getOutput());
    }

    @Test
    void aShellBuiltinAsTheCommandRunsInTheShellWithItsWordsQuoted(QuarkusMainLauncher launcher) {
        // No program is called exit: as in GNU parallel, the shell runs it.
        LaunchResult result = launcher.launch("map", "--dry-run", "exit", ":::", "0", "a b");
        assertEquals("exit 0\nexit 'a b'", result.getOutput());
        LaunchResult ran = launcher.launch("map", "-j1", "--halt", "now,fail=1", "exit", ":::", "0", "3", "0");
        assertEquals(1, ran.exitCode(), stderr(ran));
        assertTrue(ran.getErrorOutput().contains("job 2 failed (exit 3)"), stderr(ran));
    }

    @ParameterizedTest
    @ValueSource(strings = {"thread", "process"})
    void eachJobFindsItsSequenceNumberAndSlotInItsEnvironmentAsGnuParallelSets(String pool, QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("map", "--pool", pool, "-j1", "sh", "-c",
                "echo $PARALLEL_SEQ/$PARALLEL_JOBSLOT {}", ":::", "a", "b");
        assertEquals(0, result.exitCode(), stderr(result));
        assertEquals("1/1 a\n2/1 b", result.getOutput());
    }

    // ------------------------------------------------------------------ --halt (GNU parallel)

    @Test
    void haltSoonStartsNoJobAfterTheFailureOnTheThreadPool(QuarkusMainLauncher launcher) {
        // -j1 with a read-ahead: "after" sits queued when "bad" ends; the halt is seen before the
        // pool thread takes it, so it never starts (its marker file is never made).
        LaunchResult result = launcher.launch("map", "-j1", "--halt", "soon,fail=1",
                "sh", "-c", "touch " + dir + "/{}; echo {}; [ {} != bad ]", ":::", "ok", "bad", "after", "after2");
        assertEquals(1, result.exitCode());
        assertEquals("ok\nbad", result.getOutput());
        assertTrue(Files.exists(dir.resolve("bad")));
        assertFalse(Files.exists(dir.resolve("after")), "a job started after the halt");
        assertTrue(result.getErrorOutput().contains("--halt soon,fail=1: job 2 failed"), stderr(result));
    }

    @ParameterizedTest
    @ValueSource(strings = {"thread", "process"})
    void haltNowKillsRunningJobsAndKeepsWhatFinishedBefore(String pool, QuarkusMainLauncher launcher) {
        // Without the kill the sleeper would outlast the test's timeout; the halt does not wait
        // for it, and its killing is neither a result nor a failure.
        LaunchResult result = launcher.launch("map", "--pool", pool, "-j2", "--halt", "now,fail=1",
                "sh", "-c", "[ {} = sleeper ] && exec sleep 300; echo {}; [ {} != bad ]", ":::", "sleeper", "bad", "c");
        assertEquals(1, result.exitCode(), stderr(result));
        assertEquals("bad", result.getOutput());
        assertTrue(result.getErrorOutput().contains("1 of 1 task failed"), stderr(result));
    }

    @Test
    void haltOnSuccessExitsZeroAfterEarlierFailures(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("map", "-j1", "--halt", "now,success=1",
                "sh", "-c", "echo {}; [ {} = good ]", ":::", "bad", "good", "never");
        assertEquals(0, result.exitCode(), stderr(result));
        assertEquals("bad\ngood", result.getOutput());
    }

    @Test
    void haltPercentCountsAllJobsOfAnInputReadAsItGoes(QuarkusMainLauncher launcher) throws IOException {
        // 2 of 4 jobs is 50%: the :::: file, otherwise read as the jobs go, is read to its end first to know the 4.
        Path inputs = Files.writeString(dir.resolve("inputs"), "bad1\nok\nbad2\nafter\n");
        LaunchResult result = launcher.launch("map", "-j1", "--halt", "soon,fail=50%",
                "sh", "-c", "echo {}; [ {} = ok ] || [ {} = after ]", "::::", inputs.toString());
        assertEquals(1, result.exitCode());
        assertEquals("bad1\nok\nbad2", result.getOutput());
    }

    // ------------------------------------------------------------------ --joblog and --resume

    @Test
    void resumeFailedRunsAgainOnlyWhatDidNotSucceed(QuarkusMainLauncher launcher) throws IOException {
        Path joblog = dir.resolve("joblog");
        Path fixed = dir.resolve("fixed");
        String script = "echo {}; [ {} != b ] || [ -e " + fixed + " ]";
        LaunchResult first = launcher.launch("map", "--joblog", joblog.toString(), "--joblog-format", "jsonl",
                "sh", "-c", script, ":::", "a", "b", "c");
        assertEquals(1, first.exitCode());
        NdjsonCodec json = new NdjsonCodec();
        List<Map<String, Object>> entries = Files.readAllLines(joblog).stream().map(json::decode).toList();
        assertEquals(3, entries.size());
        assertEquals(List.of("ok", "error", "ok"), entries.stream().map(e -> e.get("status")).toList());

        Files.createFile(fixed);
        LaunchResult again = launcher.launch("map", "--joblog", joblog.toString(), "--joblog-format", "jsonl",
                "--resume-failed", "sh", "-c", script, ":::", "a", "b", "c");
        assertEquals(0, again.exitCode());
        assertEquals("b", again.getOutput(), "a and c succeeded before");
        assertEquals(4, Files.readAllLines(joblog).size(), "the joblog is appended to");
    }

    @Test
    void resumeAfterACrashRunsWhatTheLogDoesNotShowFinished(QuarkusMainLauncher launcher) throws IOException {
        Path joblog = dir.resolve("joblog");
        // What a run killed mid-write leaves: one finished job and a torn line.
        Files.writeString(joblog, "{\"seq\":1,\"input\":\"a\",\"status\":\"ok\"}\n{\"seq\":2,\"inp");
        LaunchResult result = launcher.launch("map", "--joblog", joblog.toString(), "--resume", "echo", ":::", "a", "b", "c");
        assertEquals(0, result.exitCode());
        assertEquals("b\nc", result.getOutput());
        LaunchResult third = launcher.launch("map", "--joblog", joblog.toString(), "--resume", "echo", ":::", "a", "b", "c");
        assertEquals("", third.getOutput(), "the entries after the torn line are whole: nothing is left to run");
    }

    @Test
    void joblogIsGnuParallelsTableStartedAfreshUnlessAppendedTo(QuarkusMainLauncher launcher) throws IOException {
        Path joblog = dir.resolve("joblog");
        launcher.launch("map", "-j1", "--joblog", joblog.toString(), "sh", "-c", "printf {}; exit {}", ":::", "0", "3");
        List<String> lines = Files.readAllLines(joblog);
        assertEquals("Seq\tHost\tStarttime\tJobRuntime\tSend\tReceive\tExitval\tSignal\tCommand", lines.get(0));
        assertEquals(3, lines.size(), String.join("\n", lines));
        String[] failed = lines.get(2).split("\t");
        assertEquals(List.of("2", ":", "0", "1", "3", "0", "sh -c 'printf 3; exit 3'"),
                List.of(failed[0], failed[1], failed[4], failed[5], failed[6], failed[7], failed[8]));
        assertTrue(failed[2].matches("\\d+\\.\\d{3}") && failed[3].strip().matches("\\d+\\.\\d{3}"), lines.get(2));

        launcher.launch("map", "--joblog", joblog.toString(), "echo", ":::", "x");
        assertEquals(2, Files.readAllLines(joblog).size(), "a new run starts the log afresh");
        launcher.launch("map", "--joblog", "+" + joblog, "echo", ":::", "y");
        assertEquals(List.of("echo x", "echo y"),
                Files.readAllLines(joblog).stream().skip(1).map(line -> line.split("\t")[8]).toList(), "+FILE appends");
    }

    @Test
    void resumeSkipsEveryLoggedJobAndRetryFailedRerunsTheLoggedCommands(QuarkusMainLauncher launcher) throws IOException {
        Path joblog = dir.resolve("joblog");
        Path fixed = dir.resolve("fixed");
        String script = "echo {}; [ {} != b ] || [ -e " + fixed + " ]";
        assertEquals(1, launcher.launch("map", "--joblog", joblog.toString(), "sh", "-c", script, ":::", "a", "b").exitCode());
        LaunchResult resumed = launcher.launch("map", "--joblog", joblog.toString(), "--resume", "sh", "-c", script,
                ":::", "a", "b", "c");
        assertEquals(0, resumed.exitCode(), stderr(resumed));
        assertEquals("c", resumed.getOutput(), "--resume skips the failed job too, as GNU parallel's does");

        Files.createFile(fixed);
        LaunchResult retried = launcher.launch("map", "--joblog", joblog.toString(), "--retry-failed");
        assertEquals(0, retried.exitCode(), stderr(retried));
        assertEquals("b", retried.getOutput(), "the logged command line of job 2 ran again");
        List<String> last = Arrays.asList(
                Files.readAllLines(joblog).get(Files.readAllLines(joblog).size() - 1).split("\t"));
        assertEquals(List.of("2", "0"), List.of(last.get(0), last.get(6)), "appended under its own Seq");
        assertEquals("", launcher.launch("map", "--joblog", joblog.toString(), "--retry-failed").getOutput(),
                "nothing failed any more");
    }

    // ------------------------------------------------------------------ --results and --files

    @ParameterizedTest
    @ValueSource(strings = {"thread", "process"})
    void resultsWritesEachJobsOutputsToFilesInsteadOfPrintingThem(String pool, QuarkusMainLauncher launcher)
            throws IOException {
        Path out = dir.resolve("out");
        LaunchResult result = launcher.launch("map", "--pool", pool, "--results", out.toString(),
                "sh", "-c", "echo {1}{2}; echo e >&2; [ {2} != 2 ]", ":::", "a/b", "c", ":::", "1", "2");
        assertEquals(1, result.exitCode(), stderr(result));
        assertEquals("", result.getOutput());
        Path first = out.resolve("1").resolve("a\\_b").resolve("2").resolve("1");
        assertEquals("a/b1\n", Files.readString(first.resolve("stdout")));
        assertEquals("e\n", Files.readString(first.resolve("stderr")));
        assertEquals("1", Files.readString(first.resolve("seq")));
        assertEquals("4", Files.readString(out.resolve("1/c/2/2/seq")));
    }

    @Test
    void filesPrintsWhereEachStdoutWentAndAnUnwritableResultIsThatJobsFailure(QuarkusMainLauncher launcher)
            throws IOException {
        LaunchResult listed = launcher.launch("map", "--results", dir + "/r_{}", "--files", "echo", ":::", "x", "y");
        assertEquals(0, listed.exitCode(), stderr(listed));
        assertEquals(dir + "/r_x\n" + dir + "/r_y", listed.getOutput());
        assertEquals("x\n", Files.readString(dir.resolve("r_x")));

        Files.writeString(dir.resolve("blocker"), "a file where a directory is needed");
        LaunchResult blocked = launcher.launch("map", "--results", dir + "/blocker/{}/", "echo", ":::", "x");
        assertEquals(1, blocked.exitCode());
        assertTrue(blocked.getErrorOutput().contains("cannot write --results for job 1"), stderr(blocked));
    }

    // ------------------------------------------------------------------ --delay, --shuf, -u

    @Test
    void delaySpacesTheStartsOfJobs(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("map", "-j3", "--delay", "300ms", "sh", "-c", "date +%s%N", ":::", "1", "2", "3");
        assertEquals(0, result.exitCode(), stderr(result));
        long[] starts = result.getOutput().lines().mapToLong(Long::parseLong).toArray();
        for (int i = 1; i < starts.length; i++) {
            // A generous floor under the 300 ms asked for: a start never comes early.
            assertTrue(starts[i] - starts[i - 1] >= 250_000_000L, result.getOutput());
        }
    }

    @Test
    void shufRunsEveryInputOnceInAnotherOrderNumberedAsItRuns(QuarkusMainLauncher launcher) {
        String[] args = new String[24];
        List<String> inputs = IntStream.rangeClosed(1, 20).mapToObj(Integer::toString).toList();
        List<String> command = new ArrayList<>(List.of("map", "--shuf", "echo", "{#}", "{}", ":::"));
        command.addAll(inputs);
        LaunchResult result = launcher.launch(command.toArray(args));
        assertEquals(0, result.exitCode(), stderr(result));
        List<String[]> lines = result.getOutput().lines().map(line -> line.split(" ")).toList();
        assertEquals(inputs, lines.stream().map(l -> l[0]).toList(), "{#} counts the jobs in the order they run");
        List<String> ran = lines.stream().map(l -> l[1]).toList();
        assertEquals(new TreeSet<>(inputs), new TreeSet<>(ran));
        assertFalse(ran.equals(inputs), "20 inputs in their given order: a 1 in 20! chance, or no shuffle");
    }

    @Test
    void lineBufferPrintsEachJobAsItEnds(QuarkusMainLauncher launcher) {
        // "slow" ends only once "go" exists, which job 3 makes; job 3 starts in the slot "fast"
        // frees, so "fast" has ended before "slow" can. With --lb, "fast" prints first (-u writes
        // to the real stdout, which this in-process launcher does not catch: ExecutableIT has it).
        String script = "case {} in slow) while [ ! -e " + dir + "/go ]; do :; done; echo slow ;; fast) echo fast ;; "
                + "go) touch " + dir + "/go ;; esac";
        LaunchResult result = launcher.launch("map", "-j2", "--lb", "sh", "-c", script, ":::", "slow", "fast", "go");
        assertEquals(0, result.exitCode(), stderr(result));
        assertEquals("fast\nslow", result.getOutput());
    }

    // ------------------------------------------------------------------ --pipe

    @ParameterizedTest
    @ValueSource(strings = {"thread", "process"})
    void pipeGivesEachBlockOfRecordsToOneJobsStdin(String pool, QuarkusMainLauncher launcher) throws IOException {
        Path input = Files.writeString(dir.resolve("input"), "a\nb\nc\nd\ne");
        LaunchResult result = launcher.launch("map", "--pool", pool, "--pipe", "-N2", "-a", input.toString(),
                "sh", "-c", "printf '{#}:'; tr '\\n' ,; echo");
        assertEquals(0, result.exitCode(), stderr(result));
        assertEquals("1:a,b,\n2:c,d,\n3:e", result.getOutput());
    }

    @Test
    void pipeBlocksBySizeCoverTheInputExactlyOnce(QuarkusMainLauncher launcher) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 50_000; i++) {
            text.append(i).append('\n');
        }
        Path input = Files.writeString(dir.resolve("input"), text);
        LaunchResult result = launcher.launch("map", "--pipe", "--block", "10k", "-a", input.toString(), "wc", "-l");
        assertEquals(0, result.exitCode(), stderr(result));
        List<Integer> counts = result.getOutput().lines().map(String::strip).map(Integer::parseInt).toList();
        assertEquals(50_000, counts.stream().mapToInt(Integer::intValue).sum());
        assertTrue(counts.size() > 20, "blocks of about 10,000 bytes: " + counts);
    }

    // ------------------------------------------------------------------ --progress

    @Test
    void progressGoesToStderrEndsWithTheTotalsAndNeverTouchesStdout(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("map", "--progress", "-j2", "sh", "-c", "echo {}; [ {} != 2 ]", ":::", "1", "2", "3");
        assertEquals("1\n2\n3", result.getOutput());
        String[] lines = stderr(result).split("[\r\n]+");
        assertTrue(Arrays.stream(lines).anyMatch(line -> line.startsWith("futures: 3/3 done, 1 failed, ")),
                stderr(result));
    }

    @Test
    @Launch({"map", "-j2", "echo", ":::", "1", "2"})
    void progressIsOffWhenStderrIsNotATerminal(LaunchResult result) {
        assertFalse(stderr(result).contains(" done, "), stderr(result));
    }

    // ------------------------------------------------------------------ --retries

    @Test
    void retriesRunAFailedTaskAgainUntilItSucceedsOrAttemptsRunOut(QuarkusMainLauncher launcher) throws IOException {
        for (String pool : new String[] {"thread", "process"}) {
            Path attempts = dir.resolve("attempts-" + pool);
            // Fails twice, then succeeds: the third attempt's output is the result.
            LaunchResult result = launcher.launch("map", "--pool", pool, "--retries", "3", "sh", "-c",
                    "echo x >> " + attempts + "; n=$(wc -l < " + attempts + "); echo attempt $n; [ $n -ge 3 ]", ":::", "job");
            assertEquals(0, result.exitCode(), pool + ": " + stderr(result));
            assertEquals("attempt 3", result.getOutput(), pool);
            assertEquals(3, Files.readAllLines(attempts).size(), pool);

            Path always = dir.resolve("always-" + pool);
            result = launcher.launch("map", "--pool", pool, "--retries", "2", "sh", "-c", "echo x >> " + always + "; exit 5",
                    ":::", "job");
            assertEquals(1, result.exitCode(), pool);
            assertEquals(2, Files.readAllLines(always).size(), pool + ": GNU's --retries 2 is two attempts in all");

            Path once = dir.resolve("once-" + pool);
            launcher.launch("map", "--pool", pool, "--retries", "1", "sh", "-c", "echo x >> " + once + "; exit 5", ":::", "job");
            assertEquals(1, Files.readAllLines(once).size(), pool + ": --retries 1 is one attempt");
        }
    }

    @Test
    void retriesTakeReplacementStringsExpandedPerJob(QuarkusMainLauncher launcher) throws IOException {
        for (String pool : new String[] {"thread", "process"}) {
            Path attempts = Files.createDirectories(dir.resolve("per-job-" + pool));
            // As GNU parallel's: input 2 says how many attempts input 1's always-failing job gets.
            LaunchResult result = launcher.launch("map", "--pool", pool, "--retries", "{2}", "sh", "-c",
                    "echo x >> " + attempts + "/{1}; exit 1", ":::", "a", "b", "c", ":::+", "3", "1", "2");
            assertEquals(1, result.exitCode(), pool + ": " + stderr(result));
            assertEquals(3, Files.readAllLines(attempts.resolve("a")).size(), pool);
            assertEquals(1, Files.readAllLines(attempts.resolve("b")).size(), pool);
            assertEquals(2, Files.readAllLines(attempts.resolve("c")).size(), pool);
        }
        LaunchResult bad = launcher.launch("map", "--retries", "many", "true", ":::", "a");
        assertEquals(2, bad.exitCode());
        assertEquals("futures map: --retries must be a count or hold replacement strings ({}, {2}, {#}), got 'many'",
                stderr(bad).strip());
    }

    // ------------------------------------------------------------------ --task and futures tasks

    @ParameterizedTest
    @ValueSource(strings = {"thread", "process"})
    void aTaskJobsStderrReachesStderrAndTheResultEventAsACommandsDoes(String pool, QuarkusMainLauncher launcher) {
        LaunchResult text = launcher.launch("map", "--pool", pool, "--task", "sh", ":::", "echo out; echo err >&2");
        assertEquals(0, text.exitCode(), stderr(text));
        assertEquals("out", text.getOutput());
        assertEquals("err", stderr(text).strip(), pool + ": a task that succeeds keeps its commands' stderr");

        LaunchResult json = launcher.launch("map", "--pool", pool, "--output", "jsonl", "--task", "sh", ":::",
                "echo out; echo err >&2", "echo quiet");
        List<Map<String, Object>> results = json.getOutput().lines().map(new NdjsonCodec()::decode)
                .filter(e -> "result".equals(e.get("event"))).toList();
        assertEquals("err\n", results.get(0).get("stderr"), json.getOutput());
        assertFalse(results.get(1).containsKey("stderr"), "nothing written, no field: " + json.getOutput());

        LaunchResult failed = launcher.launch("map", "--pool", pool, "--task", "sh", ":::", "echo err >&2; exit 4");
        assertEquals(1, failed.exitCode());
        assertEquals(1, stderr(failed).lines().filter(line -> line.contains("err")).count(),
                pool + ": a failed command's stderr is in its error, once: " + stderr(failed));
    }

    @Test
    void taskCallsANamedTaskWithEachInputsValues(QuarkusMainLauncher launcher) {
        for (String pool : new String[] {"thread", "process"}) {
            LaunchResult result = launcher.launch("map", "--pool", pool, "--task", "square", ":::", "3", "4", "x");
            assertEquals(1, result.exitCode(), pool);
            assertEquals("9\n16", result.getOutput(), pool);
            assertTrue(stderr(result).contains("square(n): argument 1 must be a number, got 'x'"), stderr(result));
        }
        LaunchResult pair = launcher.launch("map", "--task", "sleep", ":::", "0", ":::", "v1", "v2");
        assertEquals("v1\nv2", pair.getOutput(), "several groups are several arguments");
    }

    @Test
    @Launch({"tasks"})
    void tasksListsTheBuiltInsWithTheirArguments(LaunchResult result) {
        for (String signature : new String[] {"sh(command, args...)", "exec(argv...)", "sleep(seconds[, value])",
                "echo(value)", "fail(message)", "pid()", "exit(code)", "digest(path[, algorithm])", "square(n)"}) {
            assertTrue(result.getOutput().contains(signature), signature);
        }
    }

    // ------------------------------------------------------------------ --pool process

    @Test
    void theProcessPoolRunsJWorkersAtOnceAndKeepsInputOrder(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("map", "--pool", "process", "-j3", "sh", "-c", barrier(3), ":::", "a", "b", "c");
        assertEquals("a\nb\nc", result.getOutput());
        assertEquals(0, result.exitCode());
    }

    @Test
    void jsonlEventsIncludeWorkerStartsAndExitsAndEndLast(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("map", "--pool", "process", "-j2", "--output", "jsonl",
                "sh", "-c", "echo {}; [ {} != b ]", ":::", "a", "b");
        assertEquals(1, result.exitCode());
        NdjsonCodec json = new NdjsonCodec();
        List<Map<String, Object>> events = new ArrayList<>();
        for (String line : result.getOutput().split("\n")) {
            events.add(json.decode(line)); // every stdout line is one JSON object
        }
        List<Object> names = events.stream().map(e -> e.get("event")).toList();
        assertEquals("start", names.get(0));
        assertEquals("end", names.get(names.size() - 1));
        assertEquals(1L, events.get(names.size() - 1).get("exit_code"));
        assertEquals(2, names.stream().filter("worker_started"::equals).count(), names.toString());
        assertEquals(2, names.stream().filter("worker_exited"::equals).count(), names.toString());
        List<Map<String, Object>> results =
                events.stream().filter(e -> e.get("event").equals("result")).toList();
        assertEquals("a\n", results.get(0).get("value"));
        assertEquals("ok", results.get(0).get("status"));
        assertEquals("error", results.get(1).get("status"));
        assertEquals("CommandFailed", ((Map<?, ?>) results.get(1).get("error")).get("type"));
        assertEquals(1L, results.get(1).get("exit_code"));
    }

    @Test
    void aWorkerThatDiesBreaksThePoolAndExitsThree(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("map", "--pool", "process", "-j1", "sh", "-c", "kill -9 $PPID", ":::", "a", "b");
        assertEquals(3, result.exitCode());
        assertTrue(stderr(result).contains("futures map: the pool broke: A process in the process pool was terminated abruptly"),
                stderr(result));
    }

    @Test
    void aTaskTimeoutKillsOnlyThatTask(QuarkusMainLauncher launcher) {
        for (String pool : new String[] {"thread", "process"}) {
            LaunchResult result = launcher.launch("map", "--pool", pool, "-j1", "--task-timeout", "500ms",
                    "sh", "-c", "[ {} = slow ] && sleep 120; echo {}", ":::", "fast", "slow", "after");
            assertEquals(1, result.exitCode(), pool);
            assertEquals("fast\nafter", result.getOutput(), pool);
            assertTrue(stderr(result).contains("timed out after 500ms and was killed"), stderr(result));
        }
    }

    @Test
    void maxTasksPerChildRecyclesWorkers(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("map", "--pool", "process", "-j1", "--max-tasks-per-child", "1",
                "--output", "jsonl", "echo", ":::", "a", "b", "c");
        assertEquals(0, result.exitCode());
        assertEquals(3, result.getOutput().lines().filter(line -> line.contains("\"worker_started\"")).count(),
                result.getOutput());
    }

    @Test
    void aWorkerLauncherTemplateStartsTheWorkers(QuarkusMainLauncher launcher) throws IOException {
        Path log = dir.resolve("launched");
        LaunchResult result = launcher.launch("map", "--pool", "process", "-j2",
                "--worker-launcher", "echo via-wrapper >> '" + log + "'; exec {worker}", "echo", ":::", "x", "y");
        assertEquals(0, result.exitCode(), stderr(result));
        assertEquals("x\ny", result.getOutput());
        assertTrue(Files.readString(log).startsWith("via-wrapper"));
    }

    @Test
    void processPoolOptionsNeedTheProcessPool(QuarkusMainLauncher launcher) {
        String[][] cases = {
            {"map", "--max-tasks-per-child", "2", "echo", ":::", "a"},
            {"map", "--worker-launcher", "ssh x", "echo", ":::", "a"},
            {"map", "--pool", "process", "--max-tasks-per-child", "0", "echo", ":::", "a"},
            {"map", "--pool", "cluster", "echo", ":::", "a"},
            {"map", "--task-timeout", "never", "echo", ":::", "a"},
            {"map", "--output", "xml", "echo", ":::", "a"},
        };
        for (String[] args : cases) {
            LaunchResult result = launcher.launch(args);
            assertEquals(2, result.exitCode(), String.join(" ", args));
            assertEquals(1, stderr(result).strip().lines().count(), stderr(result));
        }
    }

    @Test
    @Launch({"--version"})
    void version(LaunchResult result) {
        assertTrue(result.getOutput().startsWith("futures "), result.getOutput());
    }

    @Test
    @Launch({"map", "--help"})
    void helpGoesToStdout(LaunchResult result) {
        assertTrue(result.getOutput().contains("--order"), result.getOutput());
        assertTrue(result.getOutput().contains(":::"), result.getOutput());
    }
}
