package dev.futures.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user installs: the release archive the build wrote, unpacked into a prefix as
 * {@code tar -C ~/.local -xzf} does, works with no other step: the executable (and its process
 * workers), {@code man} through PATH, bash's completion through bash-completion's loader; and
 * every man page the build made renders without a warning.
 */
@Timeout(300)
class ReleaseArchiveIT {
    private static final Path ARCHIVE = Path.of(System.getProperty("futures.archive", "target/futures.tar.gz"));
    private static final Path MAN = Path.of(System.getProperty("futures.man", "target/man/man1"));

    @TempDir
    Path prefix;

    @Test
    void theArchiveInstallsIntoAPrefixAndWorksFromThere() throws Exception {
        assertEquals("", run(Map.of(), "tar", "-C", prefix.toString(), "-xzf", ARCHIVE.toString()).error());
        String path = prefix.resolve("bin") + ":" + System.getenv("PATH");
        Map<String, String> env = Map.of("PATH", path, "XDG_DATA_HOME", prefix.resolve("share").toString(), "MANPATH", "");

        String futures = prefix.resolve("bin/futures").toString();
        assertEquals("a\n", run(env, futures, "map", "echo", ":::", "a").output());
        assertEquals("b\n", run(env, futures, "map", "--pool", "process", "echo", ":::", "b").output(),
                "process workers are the installed executable");
        assertEquals(prefix.resolve("share/man/man1/futures-map.1").toString(),
                run(env, "man", "-w", "futures-map").output().strip(), "man finds the pages through PATH");
        for (String doc : List.of("LICENSE", "README.md")) {
            assertTrue(Files.exists(prefix.resolve("share/doc/futures").resolve(doc)), doc);
        }
        String loaded = run(env, "bash", "-c", "source /usr/share/bash-completion/bash_completion; "
                + "if type _comp_load >/dev/null 2>&1; then _comp_load futures; else __load_completion futures; fi; "
                + "complete -p futures").output();
        assertTrue(loaded.contains("_complete_futures"), "bash-completion loads it from the prefix: " + loaded);
        assertTrue(Files.exists(prefix.resolve("share/zsh/site-functions/_futures")));
        assertTrue(Files.exists(prefix.resolve("share/fish/vendor_completions.d/futures.fish")));
    }

    @Test
    void everyManPageRendersWithoutAWarning() throws Exception {
        List<Path> pages;
        try (Stream<Path> files = Files.list(MAN)) {
            pages = files.filter(file -> file.toString().endsWith(".1")).sorted().toList();
        }
        assertTrue(pages.size() >= 10, "futures(1) and one page per verb: " + pages);
        for (Path page : pages) {
            Outcome groff = run(Map.of(), "groff", "-ww", "-z", "-man", page.toString());
            assertEquals("", groff.error(), page + " has warnings");
            Outcome man = run(Map.of("MANWIDTH", "80"), "man", "-l", page.toString());
            assertEquals("", man.error(), page.toString());
            for (String section : List.of("NAME", "SYNOPSIS", "OPTIONS", "EXIT STATUS", "ENVIRONMENT", "SEE ALSO")) {
                assertTrue(man.output().contains("\n" + section + "\n"), page + " lacks " + section);
            }
        }
    }

    private record Outcome(String output, String error) {
    }

    private Outcome run(Map<String, String> environment, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(command)));
        builder.environment().putAll(environment);
        Path error = Files.createTempFile(prefix.getParent(), "stderr", ".txt");
        Process process = builder.redirectError(error.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), String.join(" ", command));
        String err = Files.readString(error);
        Files.delete(error);
        assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + err);
        return new Outcome(output, err);
    }
}
