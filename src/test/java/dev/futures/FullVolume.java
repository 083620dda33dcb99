package dev.futures;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** A 64 KiB tmpfs for full-disk tests. Needs root to mount: the test is skipped elsewhere. */
public final class FullVolume implements AutoCloseable {
    private final Path path;

    private FullVolume(Path path) {
        this.path = path;
    }

    /** Mounts it at {@code dir}, or skips the calling test where mounting is not allowed. */
    public static FullVolume mount(Path dir) throws IOException, InterruptedException {
        Path volume = Files.createDirectories(dir);
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", volume.toString())
                .redirectErrorStream(true).start();
        mount.getInputStream().readAllBytes();
        Assumptions.assumeTrue(mount.waitFor() == 0, "cannot mount a tmpfs here");
        return new FullVolume(volume);
    }

    public Path path() {
        return path;
    }

    /** Writes a filler file until the volume is full; deleting {@code filler()} makes room again. */
    public void fill() {
        try (OutputStream out = Files.newOutputStream(filler())) {
            byte[] block = new byte[1024];
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException full) {
            // The volume is full now.
        }
    }

    public Path filler() {
        return path.resolve("filler");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        new ProcessBuilder("umount", path.toString()).start().waitFor();
    }
}
