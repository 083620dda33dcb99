package dev.futures;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Records what the library logs on "dev.futures" while open (System.Logger goes to java.util.logging). */
final class LogCapture extends Handler implements AutoCloseable {
    private final Logger logger = Logger.getLogger("dev.futures");
    private final List<LogRecord> records = new ArrayList<>();

    LogCapture() {
        logger.addHandler(this);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        records.add(record);
    }

    /** Each record's message and its exception, as one text. */
    synchronized String text() {
        StringBuilder text = new StringBuilder();
        for (LogRecord record : records) {
            text.append(record.getMessage());
            if (record.getThrown() != null) {
                text.append(' ').append(record.getThrown());
            }
            text.append('\n');
        }
        return text.toString();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
