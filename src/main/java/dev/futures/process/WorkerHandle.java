package dev.futures.process;

import dev.futures.protocol.NdjsonCodec;
import dev.futures.protocol.ProtocolError;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One worker process and its two threads: a writer that owns the worker's stdin (so a large
 * frame or a dying worker can never block the pool) and a reader that owns its stdout and
 * reports every frame, and finally the worker's end, to the pool. Fields other than the
 * process and threads are guarded by the pool's lock.
 */
final class WorkerHandle {
    /** Why the pool itself ended this worker, if it did; null for an unexpected death. */
    enum KillReason { TIMEOUT, FORCE_CANCEL, TERMINATE, BROKEN }

    private static final Map<String, Object> CLOSE_STDIN = Map.of();

    final Process process;
    final long processPid;
    private final LinkedBlockingQueue<Map<String, Object>> outbox = new LinkedBlockingQueue<>();
    private final NdjsonCodec codec;

    long workerPid;
    boolean ready;
    boolean retiring;
    KillReason killReason;
    WorkItem current;
    Throwable fatal;

    WorkerHandle(Process process, NdjsonCodec codec) {
        this.process = process;
        this.processPid = process.pid();
        this.workerPid = processPid;
        this.codec = codec;
    }

    void start(ProcessPoolExecutor pool, String name) {
        Thread writer = new Thread(this::writeLoop, name + "-writer");
        writer.setDaemon(true);
        writer.start();
        Thread reader = new Thread(() -> readLoop(pool), name + "-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Queues a frame for the writer thread; never blocks. */
    void send(Map<String, Object> frame) {
        outbox.add(frame);
    }

    /** Queues the end of the worker's input, after what is queued already. */
    void closeInput() {
        outbox.add(CLOSE_STDIN);
    }

    /** SIGTERM, or SIGKILL to the worker and every process it started. */
    void stop(boolean kill) {
        if (kill) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        } else {
            process.destroy();
        }
    }

    private void writeLoop() {
        try (OutputStream stdin = new BufferedOutputStream(process.getOutputStream(), 1 << 16)) {
            while (true) {
                Map<String, Object> frame = outbox.take();
                if (frame == CLOSE_STDIN) {
                    return;
                }
                stdin.write(codec.encode(frame));
                if (outbox.isEmpty()) {
                    stdin.flush();
                }
            }
        } catch (IOException e) {
            // The worker is gone or going (EPIPE); make sure it is, so the reader sees the end.
            stop(true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readLoop(ProcessPoolExecutor pool) {
        Throwable cause = null;
        try (BufferedReader stdout = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8), 1 << 16)) {
            for (String line; (line = stdout.readLine()) != null; ) {
                pool.onFrame(this, codec.decode(line));
            }
        } catch (ProtocolError e) {
            // A frame the parent cannot read: the worker is treated as dead (spec §6.4).
            cause = e;
            stop(true);
        } catch (IOException e) {
            cause = e;
        } catch (RuntimeException e) {
            cause = e;
            stop(true);
        }
        pool.onWorkerGone(this, cause, awaitExit());
        outbox.add(CLOSE_STDIN);
    }

    /** The exit code once the worker is gone; a worker that closed stdout but lingers is killed. */
    private int awaitExit() {
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                stop(true);
            }
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
