package dev.futures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md's one-way layers, read from the sources: each package uses (imports, or names in
 * full) only its own layer and the ones below it; a library package imports no framework, and
 * of the command line's rooms only those that hold picocli commands or options import picocli,
 * Quarkus or their injection.
 */
class LayeringTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/futures");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);
    /** A fully qualified use ({@code dev.futures.process.WorkerLauncher}), in an import or in code. */
    private static final Pattern QUALIFIED = Pattern.compile("(?<![\\w.])dev\\.futures\\.(?:[a-z]\\w*\\.)*[A-Z]\\w*");

    /**
     * Package (relative to dev.futures) -> the dev.futures packages it may use: the library,
     * then the service layers, then the command line's rooms, each above the one before.
     */
    private static final Map<String, List<String>> ALLOWED = new LinkedHashMap<>();

    static {
        layer("");
        layer("spawn", "");
        layer("task", "spawn");
        layer("protocol", "task");
        layer("process", "protocol");
        layer("worker", "process");
        layer("session", "worker");
        layer("serve", "session");
        layer("cli.input", "serve");
        layer("cli.jobs", "cli.input");
        layer("cli.output", "cli.jobs");
        layer("cli.run", "cli.output");
        layer("cli.docs", "cli.run"); // completion and man pages, from the picocli model
        layer("cli.options", "cli.docs");
        layer("cli.serve", "cli.options");
        layer("cli", "cli.serve");
    }

    /** Package -> the frameworks it may import; every package not named here: none. */
    private static final Map<String, List<String>> FRAMEWORKS_ALLOWED = Map.of(
            "spawn", List.of("org.graalvm.nativeimage", "org.graalvm.word"),
            "cli.input", List.of("picocli"),
            "cli.docs", List.of("picocli"),
            "cli.options", List.of("picocli", "io.smallrye"),
            "cli.serve", List.of("picocli", "jakarta.inject"),
            "cli", List.of("picocli", "io.quarkus", "jakarta.inject", "org.eclipse.microprofile"));

    private static final List<String> FRAMEWORKS = List.of("io.quarkus", "picocli", "jakarta", "javax.inject",
            "org.eclipse.microprofile", "io.smallrye", "org.jboss", "org.graalvm");

    /** {@code name} may use itself and whatever the layer {@code below} may use. */
    private static void layer(String name, String... below) {
        List<String> allowed = new ArrayList<>();
        for (String lower : below) {
            allowed.addAll(ALLOWED.get(lower));
        }
        allowed.add(name);
        ALLOWED.put(name, List.copyOf(allowed));
    }

    @Test
    void eachPackageUsesOnlyItsLayerAndTheOnesBelow() throws IOException {
        List<String> violations = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = SOURCES.relativize(file.getParent()).toString().replace('/', '.');
                List<String> allowed = ALLOWED.get(pkg);
                if (allowed == null) {
                    violations.add(file + ": package dev.futures." + pkg + " has no layer in DESIGN.md");
                    continue;
                }
                checked++;
                String code = withoutCommentsAndStrings(Files.readString(file));
                List<String> frameworks = FRAMEWORKS_ALLOWED.getOrDefault(pkg, List.of());
                Matcher imports = IMPORT.matcher(code);
                while (imports.find()) {
                    String imported = imports.group(1);
                    if (FRAMEWORKS.stream().anyMatch(imported::startsWith)
                            && frameworks.stream().noneMatch(imported::startsWith)) {
                        violations.add(file + " imports " + imported);
                    }
                }
                Matcher uses = QUALIFIED.matcher(code);
                while (uses.find()) {
                    String target = layerOf(uses.group());
                    if (!allowed.contains(target)) {
                        violations.add(file + " uses " + uses.group() + " (layer '" + target + "')");
                    }
                }
            }
        }
        assertTrue(checked > 100, "found the sources");
        assertEquals(List.of(), violations);
    }

    /**
     * The code without its comments and string literals: a {@code {@link}} to a higher layer, or a
     * class named in a string (the worker's main class, for a relaunch), is no use of it.
     */
    private static String withoutCommentsAndStrings(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "")
                .replaceAll("\"(?:\\\\.|[^\"\\\\\\n])*\"", "\"\"");
    }

    /** "dev.futures.task.Task" -> "task"; "dev.futures.cli.jobs.Job.Kind" -> "cli.jobs"; "dev.futures.Future" -> "". */
    private static String layerOf(String qualified) {
        StringBuilder pkg = new StringBuilder();
        for (String part : qualified.substring("dev.futures.".length()).split("\\.")) {
            if (Character.isUpperCase(part.charAt(0))) {
                break;
            }
            pkg.append(pkg.length() == 0 ? "" : ".").append(part);
        }
        return pkg.toString();
    }

    @Test
    void layeringSeesAUseOfAHigherLayer() {
        assertEquals("cli.jobs", layerOf("dev.futures.cli.jobs.Job.Kind"));
        assertTrue(QUALIFIED.matcher("x = new dev.futures.process.SpreadLauncher(hosts);").find());
        assertTrue(!ALLOWED.get("cli.jobs").contains("cli.output") && ALLOWED.get("cli.output").contains("cli.jobs"));
    }

    @Test
    void everyPackageHasAPackageInfo() throws IOException {
        try (Stream<Path> dirs = Files.walk(SOURCES)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                assertTrue(Files.exists(dir.resolve("package-info.java")), dir + " has no package-info.java");
            }
        }
    }
}
