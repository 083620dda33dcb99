package dev.futures.process;

import dev.futures.protocol.NdjsonCodec;
import dev.futures.protocol.ProtocolError;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
    /** Key of a queued frame that is already encoded. */
    private static final String ENCODED = "\0encoded";
    /**
     * Frames up to this size are written by the thread that dispatches them. A worker is sent a
     * call only when it has none, so its stdin pipe (64 KiB on Linux) holds at most the hello
     * before it and such a write cannot block; larger frames go through the writer thread.
     */
    private static final int DIRECT_WRITE_LIMIT = 16 * 1024;

    final Process process;
    final long processPid;
    private final LinkedBlockingQueue<Map<String, Object>> outbox = new LinkedBlockingQueue<>();
    private final NdjsonCodec codec;
    private final OutputStream stdin;
    /**
     * Guards {@link #queued}: frames handed to the writer thread and not yet written. A direct
     * write happens only under this lock with nothing queued, so it never interleaves with the
     * writer thread, which writes outside the lock (a large frame may block it).
     */
    private final Object stdinLock = new Object();
    private int queued;

    long workerPid;
    boolean ready;
    /** When the last line came from the worker (System.nanoTime), for the heartbeat watch. */
    volatile long lastHeard = System.nanoTime();
    /** Whether the worker said in its ready frame that it sends heartbeats. */
    boolean heartbeats;
    /** Why the heartbeat watch killed it, for the WorkerDiedError (null: it did not). */
    volatile String stalled;
    /** How the worker broke the protocol, for the WorkerDiedError and worker_exited (null: it did not). */
    volatile String protocolBreak;
    boolean retiring;
    KillReason killReason;
    WorkItem current;
    Throwable fatal;

    WorkerHandle(Process process, NdjsonCodec codec) {
        this.process = process;
        this.processPid = process.pid();
        this.workerPid = processPid;
        this.codec = codec;
        this.stdin = new BufferedOutputStream(process.getOutputStream(), 1 << 16);
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
        synchronized (stdinLock) {
            queued++;
        }
        outbox.add(frame);
    }

    /**
     * Writes a call frame now, from the calling thread (outside the pool's lock), if it is small
     * and nothing is queued before it; otherwise queues it. Saves a thread hand-off per task.
     */
    void sendCall(Map<String, Object> frame) {
        byte[] line = codec.encode(frame);
        synchronized (stdinLock) {
            if (line.length <= DIRECT_WRITE_LIMIT && queued == 0) {
                try {
                    stdin.write(line);
                    stdin.flush();
                } catch (IOException e) {
                    stop(true); // gone or going: the reader sees the end and reports it
                }
                return;
            }
            queued++;
        }
        outbox.add(Map.of(ENCODED, line));
    }

    /** Queues the end of the worker's input, after what is queued already. */
    void closeInput() {
        send(CLOSE_STDIN);
    }

    /**
     * SIGTERM or SIGKILL to the worker and every process it started: those are listed first
     * (once the worker is gone they are reparented and out of reach), the worker is signalled
     * before them so it starts nothing more. Returns them, the worker first.
     */
    List<ProcessHandle> stop(boolean kill) {
        List<ProcessHandle> signalled = new ArrayList<>();
        signalled.add(process.toHandle());
        process.descendants().forEach(signalled::add);
        if (kill) {
            signalled.forEach(ProcessHandle::destroyForcibly);
        } else {
            signalled.forEach(ProcessHandle::destroy);
        }
        return signalled;
    }

    private void writeLoop() {
        try (stdin) {
            while (true) {
                Map<String, Object> frame = outbox.take();
                if (frame == CLOSE_STDIN) {
                    return;
                }
                byte[] line = frame.get(ENCODED) instanceof byte[] encoded ? encoded : codec.encode(frame);
                try {
                    // Outside stdinLock: a large frame to a slow worker may block here, and only here.
                    stdin.write(line);
                    if (outbox.isEmpty()) {
                        stdin.flush();
                    }
                } finally {
                    synchronized (stdinLock) {
                        queued--;
                    }
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
        boolean handshakeSeen = false;
        try (BufferedReader stdout = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8), 1 << 16)) {
            for (String line; (line = stdout.readLine()) != null; ) {
                lastHeard = System.nanoTime();
                Map<String, Object> frame;
                try {
                    frame = codec.decode(line);
                } catch (ProtocolError e) {
                    if (handshakeSeen) {
                        // A task wrote to the protocol stream, or the runtime printed its crash
                        // banner there: say what it wrote, not only that the pool killed it.
                        protocolBreak = "wrote \"" + stray(line, stdout) + "\" where a frame belongs";
                        throw e;
                    }
                    // Before the handshake a launcher or runtime may print a banner (a login
                    // shell, a JVM option): pass it on as diagnostics, not as a broken worker.
                    System.err.println("futures: worker " + processPid + " printed before its handshake: " + line);
                    continue;
                }
                handshakeSeen = true;
                try {
                    pool.onFrame(this, frame);
                } catch (ProtocolError e) {
                    protocolBreak = "sent a frame the pool cannot read (" + e.getMessage() + ")";
                    throw e;
                }
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
        closeInput();
    }

    /**
     * The first bytes (up to {@value #STRAY_SHOWN} characters) of what the worker wrote instead of
     * a frame: the line, and the lines already read behind it up to the next frame (a crash
     * banner comes in several), on one line.
     */
    static String stray(String line, BufferedReader rest) {
        StringBuilder text = new StringBuilder(line.strip());
        try {
            while (text.length() < STRAY_SHOWN && rest.ready()) {
                String more = rest.readLine();
                if (more == null || more.startsWith("{\"type\"")) {
                    break; // the end, or the frames that follow a stray line: not part of it
                }
                if (!more.isBlank()) {
                    text.append(' ').append(more.strip());
                }
            }
        } catch (IOException e) {
            // What was read is what there is to show.
        }
        return text.length() > STRAY_SHOWN ? text.substring(0, STRAY_SHOWN) + "..." : text.toString();
    }

    private static final int STRAY_SHOWN = 200;

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
