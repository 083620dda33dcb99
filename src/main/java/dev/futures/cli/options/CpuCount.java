package dev.futures.cli.options;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The CPUs as GNU parallel counts them: threads (what futures may use: its affinity and
 * container limits), physical cores and sockets (from /proc/cpuinfo, no more than the threads).
 */
final class CpuCount {
    private CpuCount() {
    }

    static int threads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** Distinct (socket, core) pairs; the threads when /proc/cpuinfo does not say. */
    static int cores() {
        int found = distinct(List.of("physical id", "core id"));
        return found < 1 ? threads() : Math.min(found, threads());
    }

    static int sockets() {
        return Math.max(1, Math.min(distinct(List.of("physical id")), threads()));
    }

    /** How many distinct combinations of {@code fields} /proc/cpuinfo's processors have (0: unreadable). */
    private static int distinct(List<String> fields) {
        Set<String> seen = new HashSet<>();
        try {
            for (String processor : Files.readString(Path.of("/proc/cpuinfo")).split("\n\n")) {
                StringBuilder key = new StringBuilder();
                for (String line : processor.split("\n")) {
                    String[] nameValue = line.split(":", 2);
                    if (nameValue.length == 2 && fields.contains(nameValue[0].strip())) {
                        key.append(nameValue[0].strip()).append('=').append(nameValue[1].strip()).append(';');
                    }
                }
                if (key.length() > 0) {
                    seen.add(key.toString());
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return seen.size();
    }
}
