package dev.futures.cli;

import dev.futures.protocol.NdjsonCodec;

/** Shows a task's value as JSON text. */
final class TaskValues {
    private static final NdjsonCodec CODEC = new NdjsonCodec();

    private TaskValues() {
    }

    static String json(Object value) {
        return CODEC.encodeValue(value);
    }
}
