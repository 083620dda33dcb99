package dev.futures.worker;

import dev.futures.protocol.EncodingError;
import dev.futures.protocol.Frames;
import dev.futures.protocol.NdjsonCodec;
import dev.futures.protocol.ProtocolError;
import dev.futures.protocol.RemoteError;
import dev.futures.task.CommandRunner;
import dev.futures.task.Task;
import dev.futures.task.TaskRegistry;
import dev.futures.task.UnknownTask;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The worker's loop (CPython's {@code _process_worker}): handshake, then one {@code call} at a
 * time, answered by one result frame with each chunk element's outcome, until {@code shutdown},
 * end of input or the task limit (end of input during a call ends the worker at once: see {@link StdinWatch}). A task's failure, or a result that cannot be encoded, is that element's error; only
 * a broken frame or a failed initializer ends the worker (with a {@code fatal} frame first).
 */
final class WorkerLoop {
    static final int OK = 0;
    static final int INITIALIZER_FAILED = 1;
    static final int PROTOCOL_ERROR = 2;

    private final StdinWatch in;
    private final OutputStream out;
    private final TaskRegistry tasks;
    private final CommandRunner commands;
    private final NdjsonCodec codec;

    WorkerLoop(StdinWatch in, OutputStream out, TaskRegistry tasks, CommandRunner commands, NdjsonCodec codec) {
        this.commands = commands;
        this.in = in;
        this.out = out;
        this.tasks = tasks;
        this.codec = codec;
    }

    int run() {
        try {
            String line = in.readLine();
            if (line == null) {
                return OK;
            }
            Map<String, Object> hello = codec.decode(line);
            if (!Frames.HELLO.equals(hello.get(Frames.TYPE))) {
                throw new ProtocolError("expected hello, got " + hello.get(Frames.TYPE));
            }
            if (Frames.longField(hello, "version") != Frames.VERSION) {
                throw new ProtocolError("unsupported protocol version " + hello.get("version") + " (this worker speaks "
                        + Frames.VERSION + ")");
            }
            if (!initialize(hello)) {
                return INITIALIZER_FAILED;
            }
            Object maxTasks = hello.get("max_tasks");
            long limit = maxTasks instanceof Number number ? number.longValue() : Long.MAX_VALUE;
            Long heartbeat = hello.get("heartbeat") instanceof Number every && every.longValue() > 0 ? every.longValue() : null;
            synchronized (out) {
                write(Frames.ready(ProcessHandle.current().pid(), heartbeat));
                out.flush();
            }
            if (heartbeat != null) {
                startHeartbeat(heartbeat);
            }
            for (long done = 0; done < limit; ) {
                line = in.readLine();
                if (line == null) {
                    return OK;
                }
                Map<String, Object> frame = codec.decode(line);
                Object type = frame.get(Frames.TYPE);
                if (Frames.SHUTDOWN.equals(type)) {
                    return OK;
                }
                if (!Frames.CALL.equals(type)) {
                    throw new ProtocolError("unexpected frame " + type);
                }
                done++;
                in.busy(true);
                call(frame, done == limit);
                in.busy(false);
            }
            return OK;
        } catch (ProtocolError e) {
            fatal(e);
            return PROTOCOL_ERROR;
        } catch (IOException e) {
            // The parent went away: nothing to tell it.
            return OK;
        }
    }

    /** Runs the initializer, if any; false (after a fatal frame) if it failed. */
    private boolean initialize(Map<String, Object> hello) {
        Object name = hello.get("initializer");
        if (name == null) {
            return true;
        }
        try {
            tasks.require(name.toString()).call(listField(hello, "initargs"));
            return true;
        } catch (Throwable e) {
            System.err.println("Exception in initializer:");
            e.printStackTrace();
            fatal(e);
            return false;
        }
    }

    /** Runs every element of the call and answers with one frame holding each element's outcome. */
    private void call(Map<String, Object> frame, boolean exit) throws IOException {
        long id = Frames.longField(frame, "id");
        String name = Frames.stringField(frame, "task");
        List<Object> chunk = listField(frame, "chunk");
        Task task = tasks.find(name).orElse(null);
        List<Object> values = new ArrayList<>(chunk.size());
        Map<String, Object> errors = new LinkedHashMap<>();
        Map<String, Object> stderr = new LinkedHashMap<>();
        for (int index = 0; index < chunk.size(); index++) {
            Object value = null;
            // What the element's commands write to stderr travels with its result, as a
            // command's does: the task's value is its stdout alone.
            CommandRunner.Scope scope = commands.openScope(true);
            try {
                if (task == null) {
                    throw new UnknownTask(name);
                }
                if (!(chunk.get(index) instanceof List<?> args)) {
                    throw new ProtocolError("chunk element " + index + " is not an argument list");
                }
                @SuppressWarnings("unchecked")
                Object result = task.call((List<Object>) args);
                NdjsonCodec.requirePlainResult(result, name);
                value = result;
            } catch (Throwable e) {
                errors.put(Integer.toString(index), RemoteError.of(e).toJson());
            } finally {
                scope.close();
                byte[] written = scope.stderr();
                if (written.length > 0) {
                    stderr.put(Integer.toString(index), Base64.getEncoder().encodeToString(written));
                }
            }
            values.add(value);
        }
        byte[] line;
        try {
            line = codec.encode(Frames.result(id, values, errors, stderr, exit));
        } catch (EncodingError e) {
            // requirePlainData passed every value, so this is Jackson's own refusal: fail them all.
            Map<String, Object> all = new LinkedHashMap<>();
            for (int index = 0; index < chunk.size(); index++) {
                all.put(Integer.toString(index), RemoteError.of(e).toJson());
            }
            line = codec.encode(Frames.result(id, Collections.nCopies(chunk.size(), null), all, exit));
        }
        synchronized (out) {
            out.write(line);
            out.flush();
        }
    }

    /**
     * Sends a heartbeat every {@code millis}, even while a call runs, so the parent can tell a
     * stalled connection (which closes nothing) from a long task. Frames are whole lines under
     * {@code out}'s lock, so a heartbeat never splits a result.
     */
    private void startHeartbeat(long millis) {
        byte[] beat = codec.encode(Frames.heartbeat());
        Thread thread = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(millis);
                    synchronized (out) {
                        out.write(beat);
                        out.flush();
                    }
                }
            } catch (IOException | InterruptedException parentGone) {
                // The worker is ending; stdin's end tells the loop.
            }
        }, "futures-worker-heartbeat");
        thread.setDaemon(true);
        thread.start();
    }

    private void write(Map<String, Object> frame) throws IOException {
        out.write(codec.encode(frame));
    }

    private void fatal(Throwable error) {
        try {
            synchronized (out) {
                write(Frames.fatal(RemoteError.of(error)));
                out.flush();
            }
        } catch (IOException | RuntimeException ignored) {
            // The parent will see the exit instead.
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> listField(Map<String, Object> frame, String name) {
        Object value = frame.get(name);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return (List<Object>) list;
        }
        throw new ProtocolError("frame " + frame.get(Frames.TYPE) + ": '" + name + "' is not a list");
    }
}
