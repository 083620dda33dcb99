package dev.futures.cli.jobs;

import dev.futures.cli.input.CommandTemplate;
import dev.futures.task.BuiltinTasks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GNU parallel's {@code --transferfile FILE} ({@code --transfer}: the input), {@code --return FILE}
 * and {@code --cleanup} for jobs on {@code -S} hosts, each FILE with replacement strings: the
 * files go with the job to its worker, which writes them where it runs, runs the command, sends
 * the returned files back and, with cleanup, removes both there. They travel in the worker
 * protocol (base64), so each file is held in memory on the way. A worker on this machine in
 * this directory ({@code :}) moves nothing, as GNU's does not.
 */
public record FileTransfer(List<String> send, List<String> back, boolean cleanup) {
    public static final FileTransfer NONE = new FileTransfer(List.of(), List.of(), false);

    public boolean isEmpty() {
        return send.isEmpty() && back.isEmpty();
    }

    /** The job's files into a {@code command_with} task's options. */
    void addTo(Map<String, Object> options, Job job, int slot) {
        Map<String, String> files = new LinkedHashMap<>();
        for (String template : send) {
            String path = expand(template, job, slot);
            Path file = Path.of(path);
            if (Files.isRegularFile(file)) {
                try {
                    files.put(path, Base64.getEncoder().encodeToString(Files.readAllBytes(file)));
                } catch (IOException e) {
                    throw new UncheckedIOException("--transferfile " + path + ": " + e.getMessage(), e);
                }
            }
        }
        List<String> returned = new ArrayList<>();
        back.forEach(template -> returned.add(expand(template, job, slot)));
        options.put("files", files);
        options.put("return", returned);
        options.put("cleanup", cleanup);
        options.put("origin", BuiltinTasks.origin());
    }

    /** Writes the files a job's worker sent back, where their paths say. */
    void receive(Map<?, ?> value) {
        if (!(value.get("files") instanceof Map<?, ?> files)) {
            return;
        }
        files.forEach((path, content) -> {
            Path file = Path.of(String.valueOf(path));
            try {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.write(file, Base64.getDecoder().decode(String.valueOf(content)));
            } catch (IOException e) {
                throw new UncheckedIOException("--return " + path + ": " + e.getMessage(), e);
            }
        });
    }

    private static String expand(String template, Job job, int slot) {
        return new CommandTemplate(List.of(template)).text(job.values(), job.seq(), slot);
    }
}
