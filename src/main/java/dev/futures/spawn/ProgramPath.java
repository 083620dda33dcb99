package dev.futures.spawn;

import java.io.File;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a program named without a slash is, found in this process's {@code PATH} as the JDK
 * and {@code execvp} find it and remembered, as a
 * shell's hash table does: {@code map -j2 true ::: ...} then execs {@code /usr/bin/true} once
 * per job instead of trying, in every child, each {@code PATH} entry before the one that has it. A remembered
 * path that stops working is forgotten ({@link #forget}) and looked up again.
 */
final class ProgramPath {
    private static final Map<String, String> FOUND = new ConcurrentHashMap<>();

    private ProgramPath() {
    }

    /**
     * The file to exec for {@code program}: itself when it names a path; else the first
     * executable file of that name in an absolute {@code PATH} entry; null when that is not known
     * here (not found, or a relative entry comes first, which the child's own directory decides):
     * then {@code posix_spawnp} searches, and reports what it finds or does not.
     */
    static String of(String program) {
        if (program.indexOf('/') >= 0) {
            return program;
        }
        String found = FOUND.get(program);
        if (found != null) {
            return found;
        }
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "/bin:/usr/bin" : path).split(":", -1)) {
            if (!dir.startsWith("/")) {
                return null;
            }
            File candidate = new File(dir, program);
            if (candidate.isFile() && candidate.canExecute()) {
                String file = candidate.getPath();
                FOUND.put(program, file);
                return file;
            }
        }
        return null;
    }

    static void forget(String program) {
        FOUND.remove(program);
    }
}
