package dev.futures.session;

/** A request the session cannot take: answered with an {@code error} event, and the session goes on. */
public class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadRequest(String message) {
        super(message);
    }
}
