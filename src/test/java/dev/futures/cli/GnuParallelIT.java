package dev.futures.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * with GNU parallel ({@code parallel -k}) and with {@code futures map}, in an empty directory
 * each, and must print the same stdout and end in the same exit class (zero or not). GNU
 * parallel must be installed ({@code .ci/run} installs Debian's); a machine without it skips
 * these cases unless {@code CI} is set, where that is a failure.
 */
@Timeout(60)
class GnuParallelIT {
    private static final String EXECUTABLE = System.getProperty("futures.executable", "target/futures");

    static Stream<String> cases() throws IOException {
        try (var in = GnuParallelIT.class.getResourceAsStream("/gnu/cases.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#")).toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void printsWhatGnuParallelPrints(String snippet) throws Exception {
        boolean installed = Stream.of(System.getenv("PATH").split(":")).anyMatch(dir -> Files.isExecutable(Path.of(dir, "parallel")));
        if (System.getenv("CI") != null) {
            assertTrue(installed, "GNU parallel is not installed (.ci/run installs it)");
        }
        Assumptions.assumeTrue(installed, "GNU parallel is not installed");
        String gnu = run("parallel -k", snippet);
        String ours = run(Path.of(EXECUTABLE).toAbsolutePath() + " map", snippet);
        assertEquals(gnu, ours, snippet);
    }

    /** The snippet's stdout and, on a last line, its exit class; run by bash in a directory of its own. */
    private static String run(String tool, String snippet) throws Exception {
        Path dir = Files.createTempDirectory("gnu-case");
        try {
            ProcessBuilder builder = new ProcessBuilder("bash", "-c", snippet).directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
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
