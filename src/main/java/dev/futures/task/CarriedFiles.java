package dev.futures.task;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Files that travel with a {@code command_with} task, as GNU parallel's {@code --transferfile},
 * {@code --return} and {@code --cleanup} move them with rsync: {@code files} (path to base64
 * content) are written where the worker runs before the command, {@code return} paths are read
 * back into the value after it, and {@code cleanup} removes both afterwards. Paths are taken as
 * given: relative ones under the worker's directory (its login directory on an ssh host). A
 * worker on the machine and in the directory the task came from ({@code origin}) moves nothing,
 * as GNU moves nothing for {@code :}.
 */
final class CarriedFiles {
    private final Map<Path, byte[]> sent = new LinkedHashMap<>();
    private final List<String> returned = new ArrayList<>();
    private final boolean cleanup;

    private CarriedFiles(boolean cleanup) {
        this.cleanup = cleanup;
    }

    /** The options' files, or null when the task carries none or runs where it came from. */
    static CarriedFiles of(Map<?, ?> options) {
        boolean any = options.get("files") instanceof Map<?, ?> || options.get("return") instanceof List<?>;
        if (!any || String.valueOf(options.get("origin")).equals(origin())) {
            return null;
        }
        CarriedFiles carried = new CarriedFiles(Boolean.TRUE.equals(options.get("cleanup")));
        if (options.get("files") instanceof Map<?, ?> files) {
            files.forEach((path, content) -> carried.sent.put(Path.of(String.valueOf(path)),
                    Base64.getDecoder().decode(String.valueOf(content))));
        }
        if (options.get("return") instanceof List<?> paths) {
            paths.forEach(path -> carried.returned.add(String.valueOf(path)));
        }
        return carried;
    }

    /** Where a task runs: this machine's boot and the working directory; the same string means no move. */
    static String origin() {
        String boot;
        try {
            boot = Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip();
        } catch (IOException | RuntimeException unreadable) {
            boot = "?";
        }
        return boot + ":" + Path.of("").toAbsolutePath();
    }

    /** Writes the sent files, making their directories. */
    void place() throws IOException {
        for (Map.Entry<Path, byte[]> file : sent.entrySet()) {
            Path parent = file.getKey().toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(file.getKey(), file.getValue());
        }
    }

    /** The returned files that exist, path to base64 content; then, with cleanup, every file removed. */
    Map<String, String> collect() throws IOException {
        Map<String, String> back = new LinkedHashMap<>();
        for (String path : returned) {
            try {
                back.put(path, Base64.getEncoder().encodeToString(Files.readAllBytes(Path.of(path))));
            } catch (NoSuchFileException missing) {
                // the command made none: nothing comes back, as rsync brings nothing
            }
        }
        if (cleanup) {
            for (Path file : sent.keySet()) {
                Files.deleteIfExists(file);
            }
            for (String path : returned) {
                Files.deleteIfExists(Path.of(path));
            }
        }
        return back;
    }
}
