package dev.futures.spawn;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.graalvm.nativeimage.PinnedObject;
import org.graalvm.nativeimage.c.type.CCharPointer;

/**
 * The write end of a child's stdin pipe. A write to a child that closed its end fails with
 * {@code EPIPE} as an IOException (the native image catches SIGPIPE, as the JVM does).
 */
final class FdOutputStream extends OutputStream {
    private final int fd;
    private final AtomicBoolean closed = new AtomicBoolean();

    FdOutputStream(int fd) {
        this.fd = fd;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (closed.get()) {
            throw new IOException("Stream closed");
        }
        try (PinnedObject pinned = PinnedObject.create(buffer)) {
            while (length > 0) {
                long n = LibC.write(fd, (CCharPointer) pinned.addressOfArrayElement(offset), length);
                if (n < 0) {
                    int errno = LibC.errno();
                    if (errno == LibC.EINTR) {
                        continue;
                    }
                    throw new IOException(PosixSpawn.errorText(errno));
                }
                offset += (int) n;
                length -= (int) n;
            }
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            LibC.close(fd);
        }
    }
}
