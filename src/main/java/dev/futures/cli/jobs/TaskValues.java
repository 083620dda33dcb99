package dev.futures.cli.jobs;

import dev.futures.protocol.NdjsonCodec;

/** Shows a task's value as JSON text. */
public final class TaskValues {
    private static final NdjsonCodec CODEC = new NdjsonCodec();

    private TaskValues() {
    }

    public static String json(Object value) {
        return CODEC.encodeValue(value);
    }
}
