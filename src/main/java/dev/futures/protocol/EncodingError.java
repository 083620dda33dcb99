package dev.futures.protocol;

/**
 * A value cannot cross the process boundary: it is not plain data (strings, numbers, booleans,
 * lists, maps with string keys, byte arrays, {@code null}). CPython's analogue is PicklingError;
 * like it, this fails only the future whose argument or result it was.
 */
public class EncodingError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EncodingError(String message) {
        super(message);
    }
}
