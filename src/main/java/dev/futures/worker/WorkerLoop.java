package dev.futures.worker;

import dev.futures.protocol.EncodingError;
import dev.futures.protocol.Frames;
import dev.futures.protocol.NdjsonCodec;
import dev.futures.protocol.ProtocolError;
import dev.futures.protocol.RemoteError;
import dev.futures.task.Task;
import dev.futures.task.TaskRegistry;
import dev.futures.task.UnknownTask;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * The worker's loop (CPython's {@code _process_worker}): handshake, then one {@code call} at a
 * time, a result frame per chunk element, until {@code shutdown}, end of input or the task
 * limit. A task's failure, or a result that cannot be encoded, is that element's error; only
 * a broken frame or a failed initializer ends the worker (with a {@code fatal} frame first).
 */
final class WorkerLoop {
    static final int OK = 0;
    static final int INITIALIZER_FAILED = 1;
    static final int PROTOCOL_ERROR = 2;

    private final BufferedReader in;
    private final OutputStream out;
    private final TaskRegistry tasks;
    private final NdjsonCodec codec;

    WorkerLoop(BufferedReader in, OutputStream out, TaskRegistry tasks, NdjsonCodec codec) {
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
            write(Frames.ready(ProcessHandle.current().pid()));
            out.flush();
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
                call(frame, done == limit);
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

    private void call(Map<String, Object> frame, boolean lastBeforeExit) throws IOException {
        long id = Frames.longField(frame, "id");
        String name = Frames.stringField(frame, "task");
        List<Object> chunk = listField(frame, "chunk");
        Task task = tasks.find(name).orElse(null);
        for (int index = 0; index < chunk.size(); index++) {
            boolean exit = lastBeforeExit && index == chunk.size() - 1;
            if (task == null) {
                write(Frames.error(id, index, RemoteError.of(new UnknownTask(name)), exit));
                continue;
            }
            write(outcome(id, index, task, chunk.get(index), exit));
        }
        // One flush per call: a chunk's results travel together.
        out.flush();
    }

    /** The encoded result frame; a result that cannot be encoded becomes that element's error. */
    private byte[] outcome(long id, int index, Task task, Object args, boolean exit) {
        Map<String, Object> frame;
        try {
            if (!(args instanceof List<?>)) {
                throw new ProtocolError("chunk element " + index + " is not an argument list");
            }
            @SuppressWarnings("unchecked")
            Object value = task.call((List<Object>) args);
            NdjsonCodec.requirePlainData(value, "the result of " + task.name());
            frame = Frames.value(id, index, value, exit);
        } catch (Throwable e) {
            frame = Frames.error(id, index, RemoteError.of(e), exit);
        }
        try {
            return codec.encode(frame);
        } catch (EncodingError e) {
            return codec.encode(Frames.error(id, index, RemoteError.of(e), exit));
        }
    }

    private void write(Map<String, Object> frame) throws IOException {
        out.write(codec.encode(frame));
    }

    private void write(byte[] line) throws IOException {
        out.write(line);
    }

    private void fatal(Throwable error) {
        try {
            write(Frames.fatal(RemoteError.of(error)));
            out.flush();
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
