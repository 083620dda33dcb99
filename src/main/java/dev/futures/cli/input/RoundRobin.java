package dev.futures.cli.input;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * GNU parallel's {@code --pipe --round-robin}: a few long-running jobs share all the blocks, dealt
 * to them in turn by one thread (block 1 to the first, block 2 to the second, ...), so with
 * {@code -k} each job gets the same blocks every run, as in GNU. A job that stops reading is
 * passed over; memory holds a few blocks per job, however long the input.
 */
public final class RoundRobin {
    private static final int BLOCKS_AHEAD = 2;
    private static final byte[] END = new byte[0];

    private RoundRobin() {
    }

    /** {@code count} streams that together read {@code blocks}, dealt by a thread started now. */
    public static List<InputStream> deal(Iterator<byte[]> blocks, int count) {
        List<BlockStream> streams = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            streams.add(new BlockStream());
        }
        Thread dealer = new Thread(() -> {
            int next = 0;
            try {
                while (blocks.hasNext()) {
                    byte[] block = blocks.next();
                    boolean taken = false;
                    for (int tries = 0; tries < count && !taken; tries++) {
                        taken = streams.get(next).offer(block);
                        next = (next + 1) % count;
                    }
                    if (!taken) {
                        break; // every job stopped reading
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                for (BlockStream stream : streams) {
                    stream.end();
                }
            }
        }, "futures-round-robin");
        dealer.setDaemon(true);
        dealer.start();
        return List.copyOf(streams);
    }

    /** One job's stdin: the blocks dealt to it, in order. */
    private static final class BlockStream extends InputStream {
        private final ArrayBlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(BLOCKS_AHEAD + 1);
        private volatile boolean closed;
        private byte[] current = new byte[0];
        private int position;
        private boolean ended;

        /** Waits while the job has blocks enough; false once it stopped reading. */
        boolean offer(byte[] block) throws InterruptedException {
            while (!closed) {
                if (queue.offer(block, 100, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
            return false;
        }

        void end() {
            try {
                offer(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            while (position == current.length) {
                if (ended) {
                    return -1;
                }
                try {
                    current = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException();
                }
                position = 0;
                ended = current == END;
            }
            int n = Math.min(length, current.length - position);
            System.arraycopy(current, position, into, offset, n);
            position += n;
            return n;
        }

        @Override
        public void close() {
            closed = true;
            queue.clear();
        }
    }
}
