package dev.futures.protocol;

/** A line that is not a frame of the protocol: not JSON, not an object, or missing a field. */
public class ProtocolError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProtocolError(String message) {
        super(message);
    }

    public ProtocolError(String message, Throwable cause) {
        super(message, cause);
    }
}
