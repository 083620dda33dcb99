package dev.futures.cli.input;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * {@code --pipe}: a stream cut into blocks, each ending on a record boundary, read as they are
 * asked for, so an endless stream runs in memory of a block or two. A boundary lies where a
 * record's end ({@code --recend}, default a newline) meets the next record's start
 * ({@code --recstart}, default anything). By size (GNU parallel's {@code --block}), a block is
 * at most {@code blockSize} bytes cut after its last boundary, or one record when a record is
 * longer; by count ({@code -N}), it is that many records.
 */
public final class PipeBlocks implements Iterator<byte[]> {
    private static final int READ = 64 * 1024;

    private final InputStream in;
    private final int blockSize;
    private final int records;
    private final byte[] recend;
    private final byte[] recstart;
    private byte[] buffer = new byte[READ];
    private int length;
    private boolean eof;
    private byte[] next;

    /** {@code records}: records per block (-N), or 0 to cut by {@code blockSize}. */
    public PipeBlocks(InputStream in, int blockSize, int records, byte[] recend, byte[] recstart) {
        this.in = in;
        this.blockSize = blockSize;
        this.records = records;
        this.recend = recend;
        this.recstart = recstart;
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            next = cut();
        }
        return next != null;
    }

    @Override
    public byte[] next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        byte[] block = next;
        next = null;
        return block;
    }

    /** The next block, or null at the end of the stream. */
    private byte[] cut() {
        // Positions before scanFrom are settled (enough bytes follow them to tell), so each byte
        // is looked at about once however long a block grows.
        int scanFrom = 1;
        int found = 0;
        while (true) {
            if (records > 0) {
                for (; settled(scanFrom); scanFrom++) {
                    if (boundaryAt(scanFrom) && ++found == records) {
                        return take(scanFrom);
                    }
                }
            } else if (length >= blockSize) {
                int last = lastBoundary(blockSize);
                if (last > 0) {
                    return take(last);
                }
                // A record longer than the block: the block is that record.
                for (scanFrom = Math.max(scanFrom, blockSize + 1); settled(scanFrom); scanFrom++) {
                    if (boundaryAt(scanFrom)) {
                        return take(scanFrom);
                    }
                }
            }
            if (eof) {
                return length == 0 ? null : take(length);
            }
            fill();
        }
    }

    /** Whether enough bytes follow {@code at} to tell if a record starts there. */
    private boolean settled(int at) {
        return at <= length && at + recstart.length <= length;
    }

    private void fill() {
        if (buffer.length - length < READ) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + READ));
        }
        try {
            int n = in.read(buffer, length, buffer.length - length);
            if (n < 0) {
                eof = true;
            } else {
                length += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] take(int end) {
        byte[] block = Arrays.copyOf(buffer, end);
        System.arraycopy(buffer, end, buffer, 0, length - end);
        length -= end;
        return block;
    }

    /** Whether a block may end just before {@code at}: a record end before it, a record start after. */
    private boolean boundaryAt(int at) {
        if (at - recend.length < 0 || at + recstart.length > length || at == 0 || at >= length && recstart.length > 0) {
            return false;
        }
        return matches(recend, at - recend.length) && matches(recstart, at);
    }

    private boolean matches(byte[] pattern, int at) {
        for (int i = 0; i < pattern.length; i++) {
            if (buffer[at + i] != pattern[i]) {
                return false;
            }
        }
        return true;
    }

    /** The last boundary at or before {@code limit}, or -1. */
    private int lastBoundary(int limit) {
        for (int at = limit; at > 0; at--) {
            if (boundaryAt(at)) {
                return at;
            }
        }
        return -1;
    }
}
