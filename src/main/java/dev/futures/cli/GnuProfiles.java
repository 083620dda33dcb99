package dev.futures.cli;

import dev.futures.cli.input.ShellWords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * GNU parallel's option profiles, read before the command line as GNU's {@code read_options}
 * does: under its rules ({@code parallel}, {@code map --gnu}) the config files
 * ({@code /etc/parallel/config}, {@code config} in each config directory, {@code ~/.parallelrc})
 * and {@code $PARALLEL}; and wherever given, the profiles {@code -J NAME}/{@code --profile NAME}
 * names, looked up in the config directories ({@code $PARALLEL_HOME},
 * {@code $XDG_CONFIG_HOME/parallel}, each of {@code $XDG_CONFIG_DIRS}, {@code ~/.parallel}), or
 * the file itself for a name starting with {@code ./} or {@code /}. A profile that is not there is
 * passed over, as GNU's is. {@code --plain} reads none. Each profile line (not starting with
 * {@code #}) is split into words as a shell does; the words go in front of the command line's.
 */
final class GnuProfiles {
    private final Map<String, String> environment;

    GnuProfiles(Map<String, String> environment) {
        this.environment = environment;
    }

    /**
     * {@code verbArgs} (the verb's words after {@code map}) with the profiles' and
     * {@code $PARALLEL}'s words in front; {@code gnu}: under GNU's rules (config files and
     * $PARALLEL count then).
     */
    List<String> expand(List<String> verbArgs, boolean gnu) {
        List<String> named = new ArrayList<>();
        boolean plain = false;
        for (int i = 0; i < verbArgs.size(); i++) {
            String word = verbArgs.get(i);
            if (word.equals(":::") || word.equals("::::") || word.equals(":::+") || word.equals("::::+")) {
                break;
            }
            if ((word.equals("-J") || word.equals("--profile")) && i + 1 < verbArgs.size()) {
                named.add(verbArgs.get(++i));
            } else if (word.startsWith("--profile=")) {
                named.add(word.substring("--profile=".length()));
            } else if (word.startsWith("-J") && word.length() > 2) {
                named.add(word.substring(2));
            } else if (word.equals("--plain")) {
                plain = true;
            }
        }
        if (plain || !gnu && named.isEmpty()) {
            return verbArgs;
        }
        List<Path> profiles = new ArrayList<>();
        if (named.isEmpty()) {
            profiles.add(Path.of("/etc/parallel/config"));
            configDirectories().forEach(directory -> profiles.add(directory.resolve("config")));
            profiles.add(Path.of(home(), ".parallelrc"));
        }
        for (String name : named) {
            if (name.startsWith("./") || name.startsWith("/")) {
                profiles.add(Path.of(name));
            } else {
                configDirectories().forEach(directory -> profiles.add(directory.resolve(name)));
            }
        }
        List<String> words = new ArrayList<>();
        for (Path profile : profiles) {
            if (!Files.isReadable(profile) || Files.isDirectory(profile)) {
                continue;
            }
            try {
                for (String line : Files.readAllLines(profile)) {
                    if (!line.strip().startsWith("#")) {
                        words.addAll(ShellWords.split(line));
                    }
                }
            } catch (IOException | IllegalArgumentException unreadable) {
                throw new IllegalArgumentException("profile " + profile + ": " + unreadable.getMessage(), unreadable);
            }
        }
        String fromEnvironment = environment.get("PARALLEL");
        if (gnu && fromEnvironment != null && !fromEnvironment.isBlank()) {
            words.addAll(ShellWords.split(fromEnvironment));
        }
        if (words.isEmpty()) {
            return verbArgs;
        }
        words.addAll(verbArgs);
        return words;
    }

    /** GNU's config directories, those that exist, in its order. */
    private List<Path> configDirectories() {
        List<String> candidates = new ArrayList<>();
        candidates.add(environment.get("PARALLEL_HOME"));
        String xdgHome = environment.get("XDG_CONFIG_HOME");
        candidates.add(xdgHome == null || xdgHome.isEmpty() ? null : xdgHome + "/parallel");
        String xdgDirs = environment.get("XDG_CONFIG_DIRS");
        if (xdgDirs != null) {
            for (String directory : xdgDirs.split(":")) {
                candidates.add(directory.isEmpty() ? null : directory + "/parallel");
            }
        }
        candidates.add(home() + "/.parallel");
        List<Path> directories = new ArrayList<>();
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isEmpty() && Files.isDirectory(Path.of(candidate))) {
                directories.add(Path.of(candidate));
            }
        }
        return directories;
    }

    private String home() {
        String home = environment.get("HOME");
        return home == null || home.isEmpty() ? "/tmp" : home;
    }
}
