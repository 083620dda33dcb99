package dev.futures.spawn;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.graalvm.nativeimage.PinnedObject;
import org.graalvm.nativeimage.c.type.CCharPointer;

/**
 * The read end of a child's pipe, read straight into the caller's array (pinned for the call).
 * Unbuffered, like the JDK's pipe streams below their buffer: callers read in blocks.
 */
final class FdInputStream extends InputStream {
    private final int fd;
    private final AtomicBoolean closed = new AtomicBoolean();

    FdInputStream(int fd) {
        this.fd = fd;
    }

    int fd() {
        return fd;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length == 0) {
            return 0;
        }
        if (closed.get()) {
            throw new IOException("Stream closed");
        }
        while (true) {
            long n;
            try (PinnedObject pinned = PinnedObject.create(buffer)) {
                n = LibC.read(fd, (CCharPointer) pinned.addressOfArrayElement(offset), length);
            }
            if (n > 0) {
                return (int) n;
            }
            if (n == 0) {
                return -1;
            }
            int errno = LibC.errno();
            if (errno != LibC.EINTR) {
                throw new IOException(PosixSpawn.errorText(errno));
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
