package dev.futures.session;

/**
 * A task's error as the journal recorded it, rebuilt after a restart: the type name, message
 * and traceback read back exactly as the first run reported them.
 */
public class RecordedError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String type;
    private final String traceback;

    public RecordedError(String type, String message, String traceback) {
        super(message, null, false, false);
        this.type = type;
        this.traceback = traceback == null ? "" : traceback;
    }

    public String type() {
        return type;
    }

    public String traceback() {
        return traceback;
    }

    /** Work that was running when the daemon stopped: whether it finished is unknown. */
    static RecordedError lost(String id) {
        return new RecordedError("WorkLostError", id + " was running when the daemon stopped, so its outcome is unknown "
                + "(futures serve --rerun-lost runs such work again)", "");
    }
}
