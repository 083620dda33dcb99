package dev.futures;

import java.io.IOException;

/** CPython's util.py futures: one future in each state, made through the public executor-side API. */
final class FutureFixtures {
    private FutureFixtures() {
    }

    static Future<Object> pending() {
        return new Future<>();
    }

    static Future<Object> running() {
        Future<Object> f = new Future<>();
        f.setRunningOrNotifyCancel();
        return f;
    }

    static Future<Object> cancelled() {
        Future<Object> f = new Future<>();
        f.cancel();
        return f;
    }

    static Future<Object> cancelledAndNotified() {
        Future<Object> f = cancelled();
        f.setRunningOrNotifyCancel();
        return f;
    }

    /** FINISHED with an OSError (Java: IOException). */
    static Future<Object> failed() {
        Future<Object> f = new Future<>();
        f.setException(new IOException("boom"));
        return f;
    }

    /** FINISHED with 42. */
    static Future<Object> successful() {
        Future<Object> f = new Future<>();
        f.setResult(42);
        return f;
    }
}
