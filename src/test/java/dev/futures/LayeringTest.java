package dev.futures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md's one-way layers, read from the sources: a library package never imports Quarkus,
 * picocli, Jakarta/MicroProfile or the CLI, and each package imports only the layers below it.
 */
class LayeringTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/futures");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);

    /** Package (relative to dev.futures) -> the dev.futures packages it may import. */
    private static final Map<String, List<String>> ALLOWED = Map.of(
            "", List.of(""),
            "task", List.of("", "task"),
            "protocol", List.of("", "task", "protocol"),
            "process", List.of("", "task", "protocol", "process"),
            "worker", List.of("", "task", "protocol", "process", "worker"),
            "session", List.of("", "task", "protocol", "process", "worker", "session"));

    private static final List<String> FRAMEWORKS = List.of("io.quarkus", "picocli", "jakarta", "javax.inject",
            "org.eclipse.microprofile", "io.smallrye", "org.jboss");

    @Test
    void libraryPackagesImportNoFrameworkAndOnlyLowerLayers() throws IOException {
        List<String> violations = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = SOURCES.relativize(file.getParent()).toString().replace('/', '.');
                if (pkg.equals("cli")) {
                    continue;
                }
                List<String> allowed = ALLOWED.get(pkg);
                if (allowed == null) {
                    violations.add(file + ": package dev.futures." + pkg + " has no layer in DESIGN.md");
                    continue;
                }
                checked++;
                Matcher imports = IMPORT.matcher(Files.readString(file));
                while (imports.find()) {
                    String imported = imports.group(1);
                    if (FRAMEWORKS.stream().anyMatch(imported::startsWith)) {
                        violations.add(file + " imports " + imported);
                    } else if (imported.startsWith("dev.futures.")) {
                        String target = layerOf(imported);
                        if (!allowed.contains(target)) {
                            violations.add(file + " imports " + imported + " (layer '" + target + "')");
                        }
                    }
                }
            }
        }
        assertTrue(checked > 10, "found the library sources");
        assertEquals(List.of(), violations);
    }

    /** "dev.futures.task.Task" -> "task"; "dev.futures.Future" -> "". */
    private static String layerOf(String imported) {
        String rest = imported.substring("dev.futures.".length());
        int dot = rest.indexOf('.');
        String first = dot < 0 ? rest : rest.substring(0, dot);
        return Character.isUpperCase(first.charAt(0)) ? "" : first;
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
