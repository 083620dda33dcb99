package dev.futures.spawn;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.graalvm.nativeimage.PinnedObject;
import org.graalvm.nativeimage.StackValue;
import org.graalvm.nativeimage.c.type.CCharPointer;
import org.graalvm.nativeimage.c.type.CIntPointer;
import org.graalvm.nativeimage.c.type.CShortPointer;

/**
 * Reads a child's stdout and stderr to their ends in the calling thread, with {@code poll} over
 * both pipes: neither can fill up and stall the child, and no second thread is woken per
 * command (the JDK's way needs one to read stderr while the caller reads stdout).
 */
final class OutputPoller {
    private static final int BUFFER = 64 * 1024;

    private OutputPoller() {
    }

    /** {@code stdoutTo}: where stdout goes as it comes (null: collected into the outcome). */
    static Spawn.Outputs readToEnd(FdInputStream stdout, FdInputStream stderr, OutputStream stdoutTo) throws IOException {
        ByteArrayOutputStream stdoutBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream stderrBytes = new ByteArrayOutputStream();
        OutputStream[] collected = {stdoutTo != null ? stdoutTo : stdoutBytes, stderrBytes};
        FdInputStream[] streams = {stdout, stderr};
        boolean[] open = {true, true};
        int[] which = new int[2];
        byte[] buffer = new byte[BUFFER];
        CCharPointer fds = StackValue.get(2 * LibC.POLLFD_BYTES);
        try (stdout; stderr) {
            int openCount = 2;
            while (openCount > 0) {
                int count = 0;
                for (int i = 0; i < 2; i++) {
                    if (open[i]) {
                        CCharPointer entry = fds.addressOf(count * LibC.POLLFD_BYTES);
                        ((CIntPointer) entry).write(streams[i].fd());
                        ((CShortPointer) entry.addressOf(4)).write(LibC.POLLIN);
                        ((CShortPointer) entry.addressOf(6)).write((short) 0);
                        which[count++] = i;
                    }
                }
                if (LibC.poll(fds, count, -1) < 0) {
                    if (LibC.errno() == LibC.EINTR) {
                        continue; // poll is never restarted after a signal handler
                    }
                    throw new IOException(PosixSpawn.errorText(LibC.errno()));
                }
                for (int k = 0; k < count; k++) {
                    // Any event (data, hang-up, error) is answered by a read, which tells which.
                    if (((CShortPointer) fds.addressOf(k * LibC.POLLFD_BYTES + 6)).read() == 0) {
                        continue;
                    }
                    int i = which[k];
                    int n = streams[i].read(buffer, 0, BUFFER);
                    if (n < 0) {
                        open[i] = false;
                        openCount--;
                    } else {
                        collected[i].write(buffer, 0, n);
                    }
                }
            }
        }
        return new Spawn.Outputs(stdoutBytes.toByteArray(), stderrBytes.toByteArray());
    }
}
