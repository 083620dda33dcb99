package dev.futures.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GnuProfilesTest {

    @TempDir
    Path home;

    @Test
    void gnusRulesReadTheConfigProfilesThenParallelThenTheCommandLine() throws IOException {
        Files.createDirectories(home.resolve(".parallel"));
        Files.writeString(home.resolve(".parallel/config"), "# mine\n-k --tag\n");
        Map<String, String> environment = Map.of("HOME", home.toString(), "PARALLEL", "--tagstring 'x y'");
        assertArrayEquals(new String[] {"map", "-k", "--tag", "--tagstring", "x y", "--gnu", "echo"},
                FuturesMain.withProfiles(new String[] {"map", "--gnu", "echo"}, environment));
        assertArrayEquals(new String[] {"map", "--gnu", "--plain", "echo"},
                FuturesMain.withProfiles(new String[] {"map", "--gnu", "--plain", "echo"}, environment),
                "--plain reads none");
        assertArrayEquals(new String[] {"map", "echo"}, FuturesMain.withProfiles(new String[] {"map", "echo"}, environment),
                "futures' own rules read neither the config nor $PARALLEL");
    }

    @Test
    void aNamedProfileIsReadWhereverGivenAndAMissingOneIsPassedOver() throws IOException {
        Path xdg = home.resolve("xdg");
        Files.createDirectories(xdg.resolve("parallel"));
        Files.writeString(xdg.resolve("parallel/p"), "--tag\n");
        Files.writeString(home.resolve("q"), "-j 1\n");
        Map<String, String> environment = Map.of("HOME", home.toString(), "XDG_CONFIG_HOME", xdg.toString());
        assertEquals(List.of("--tag", "-j", "1", "-J", "p", "--profile=" + home.resolve("q"), "-J", "gone", "echo", ":::", "-J"),
                new GnuProfiles(environment).expand(List.of("-J", "p", "--profile=" + home.resolve("q"), "-J", "gone", "echo",
                        ":::", "-J"), false));
    }
}
