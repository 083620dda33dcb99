package dev.futures.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A GNU parallel user's invocations, side by side: each case of {@code gnu/cases.txt} runs
 * with GNU parallel ({@code parallel -k}), with {@code futures map} and through a link named
 * {@code parallel} (with -k), in an empty directory each, and must print the same stdout and
 * end in the same exit class (zero or not); each case of {@code gnu/gnu-rule.txt}, which needs
 * GNU's command-line rule, with {@code futures map --gnu -k} and through the link. GNU
 * parallel must be installed ({@code .ci/run} installs Debian's); a machine without it skips
 * these cases unless {@code CI} is set, where that is a failure.
 */
@Timeout(60)
class GnuParallelIT {
    private static final String EXECUTABLE = System.getProperty("futures.executable", "target/futures");

    /** A directory holding {@code parallel}, a link to the executable: GNU parallel's rules throughout. */
    private static Path linkDirectory;

    static Stream<String> cases() throws IOException {
        return casesOf("/gnu/cases.txt");
    }

    /** Invocations that need GNU's command-line rule (words joined into one shell line): --gnu or the link only. */
    static Stream<String> gnuRuleCases() throws IOException {
        return casesOf("/gnu/gnu-rule.txt");
    }

    private static Stream<String> casesOf(String resource) throws IOException {
        try (var in = GnuParallelIT.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#")).toList().stream();
        }
    }

    @org.junit.jupiter.api.BeforeAll
    static void linkAsParallel() throws IOException {
        linkDirectory = Files.createTempDirectory("gnu-link");
        Files.createSymbolicLink(linkDirectory.resolve("parallel"), Path.of(EXECUTABLE).toAbsolutePath());
    }

    @org.junit.jupiter.api.AfterAll
    static void removeLink() throws IOException {
        Files.deleteIfExists(linkDirectory.resolve("parallel"));
        Files.deleteIfExists(linkDirectory);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void printsWhatGnuParallelPrints(String snippet) throws Exception {
        assertSameAsGnu(Path.of(EXECUTABLE).toAbsolutePath() + " map", snippet);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"cases", "gnuRuleCases"})
    void printsWhatGnuParallelPrintsThroughAParallelLink(String snippet) throws Exception {
        assertSameAsGnu(linkDirectory.resolve("parallel") + " -k", snippet);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gnuRuleCases")
    void printsWhatGnuParallelPrintsWithGnu(String snippet) throws Exception {
        assertSameAsGnu(Path.of(EXECUTABLE).toAbsolutePath() + " map --gnu -k", snippet);
    }

    private static void assertSameAsGnu(String ours, String snippet) throws Exception {
        boolean installed = Stream.of(System.getenv("PATH").split(":")).anyMatch(dir -> Files.isExecutable(Path.of(dir, "parallel")));
        if (System.getenv("CI") != null) {
            assertTrue(installed, "GNU parallel is not installed (.ci/run installs it)");
        }
        Assumptions.assumeTrue(installed, "GNU parallel is not installed");
        assertEquals(run("parallel -k", snippet), run(ours, snippet), snippet);
    }

    /** The snippet's stdout and, on a last line, its exit class; run by bash in a directory of its own. */
    private static String run(String tool, String snippet) throws Exception {
        Path dir = Files.createTempDirectory("gnu-case");
        try {
            ProcessBuilder builder = new ProcessBuilder("bash", "-c", snippet).directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("P", tool);
            builder.environment().put("SHELL", "/bin/sh"); // GNU parallel's shell; a case may set its own
            Process process = builder.start();
            byte[] stdout;
            try {
                stdout = process.getInputStream().readAllBytes();
                assertTrue(process.waitFor(30, TimeUnit.SECONDS), "still running: " + tool + " / " + snippet);
            } finally {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            return new String(stdout, StandardCharsets.UTF_8) + "exit class " + (process.exitValue() == 0 ? 0 : 1);
        } finally {
            List<Path> paths = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(paths::add);
            }
            for (Path path : paths) {
                Files.deleteIfExists(path);
            }
        }
    }
}
