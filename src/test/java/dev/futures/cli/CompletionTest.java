package dev.futures.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code futures completion}: bash's script driven as bash drives it on TAB, and fish's and zsh's made. */
@QuarkusMainTest
class CompletionTest {
    @TempDir
    Path dir;

    @Test
    void bashCompletesVerbsOptionsValuesTaskNamesAndFiles(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult result = launcher.launch("completion", "bash");
        assertEquals(0, result.exitCode());
        Path script = Files.writeString(dir.resolve("futures.bash"), result.getOutput() + "\n");
        Files.createFile(dir.resolve("inputs.txt"));
        assertEquals(List.of("map"), complete(script, "futures", "ma"));
        assertEquals(List.of("--pool"), complete(script, "futures", "map", "--po"));
        assertEquals(List.of("process", "thread"), complete(script, "futures", "map", "--pool", ""));
        assertEquals(List.of("FIRST_COMPLETED", "FIRST_EXCEPTION"), complete(script, "futures", "map", "--return-when", "FIRST"));
        assertEquals(List.of("break", "replace"), complete(script, "futures", "map", "--on-worker-death", ""));
        assertEquals(List.of("square"), complete(script, "futures", "map", "--task", "squ"), "task names, from the executable");
        assertTrue(complete(script, "futures", "submit", "").contains("digest"), "submit's TASK");
        assertEquals(List.of(dir.resolve("inputs.txt").toString()),
                complete(script, "futures", "map", "-a", dir.resolve("inp").toString()), "an option that takes a file");
        assertEquals(List.of("--joblog-format"), complete(script, "futures", "run", "--joblog-f"));
    }

    @Test
    void fishAndZshScriptsComeFromTheSameModel(QuarkusMainLauncher launcher) {
        String fish = launcher.launch("completion", "fish").getOutput();
        assertTrue(fish.contains("complete -c futures -n '__fish_seen_subcommand_from map' -l pool -x -a 'thread process'"), fish);
        assertTrue(fish.contains("-s a -l arg-file -r -F"), "files where an option takes one");
        String zsh = launcher.launch("completion", "zsh").getOutput();
        assertTrue(zsh.startsWith("#compdef futures\n"), "an autoloadable _futures");
        assertEquals(2, launcher.launch("completion", "tcsh").exitCode());
    }

    /** What bash offers for the last word, as its TAB does (compopt stubbed: no terminal here). */
    private List<String> complete(Path script, String... words) throws Exception {
        StringBuilder line = new StringBuilder("source '" + script + "'; compopt() { :; }; COMP_WORDS=(");
        for (String word : words) {
            line.append("'").append(word.replace("'", "'\\''")).append("' ");
        }
        line.append("); COMP_CWORD=").append(words.length - 1).append("; _complete_futures; printf '%s\\n' \"${COMPREPLY[@]}\"");
        Process bash = new ProcessBuilder("bash", "-c", line.toString()).redirectErrorStream(true).start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(bash.waitFor(60, TimeUnit.SECONDS));
        List<String> offered = new ArrayList<>(Arrays.asList(out.strip().split("\n")));
        offered.removeIf(String::isEmpty);
        offered.replaceAll(String::strip);
        offered.sort(null);
        return offered;
    }
}
