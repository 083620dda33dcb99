package dev.futures.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One JSON object per line. Values are plain data only, read back as {@code Long} for every
 * integer that fits (so 3 stays 3 whichever side made it), {@code Double}, {@code String},
 * {@code Boolean}, {@code List}, {@code Map} and {@code null}; a {@code byte[]} travels as a
 * base64 string and arrives as that string. Thread-safe.
 */
public final class NdjsonCodec {
    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .build();

    /**
     * The frame as one line of UTF-8 JSON, newline included. The caller has checked the values
     * it put in with {@link #requirePlainData} (once, where a failure belongs to one future).
     */
    public byte[] encode(Map<String, ?> frame) {
        try {
            byte[] json = mapper.writeValueAsBytes(frame);
            byte[] line = Arrays.copyOf(json, json.length + 1);
            line[json.length] = '\n';
            return line;
        } catch (JsonProcessingException e) {
            throw new EncodingError("cannot encode frame: " + e.getOriginalMessage());
        }
    }

    /** @throws ProtocolError if the line is not a JSON object */
    @SuppressWarnings("unchecked")
    public Map<String, Object> decode(String line) {
        Object value;
        try {
            value = mapper.readValue(line, Object.class);
        } catch (JsonProcessingException e) {
            throw new ProtocolError("not JSON: " + abbreviate(line), e);
        }
        if (!(value instanceof Map)) {
            throw new ProtocolError("not a JSON object: " + abbreviate(line));
        }
        return (Map<String, Object>) value;
    }

    /**
     * Checks that {@code value} is plain data, so that encoding it never falls back to bean
     * reflection (which would neither round-trip nor work in a native image).
     *
     * @throws EncodingError naming the first value that is not
     */
    public static void requirePlainData(Object value, String what) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof byte[]
                || value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof Double || value instanceof Float || value instanceof BigInteger
                || value instanceof BigDecimal) {
            if (value instanceof Double d && (d.isNaN() || d.isInfinite())
                    || value instanceof Float f && (f.isNaN() || f.isInfinite())) {
                throw new EncodingError("cannot encode " + what + ": " + value + " is not a JSON number");
            }
            return;
        }
        if (value instanceof List<?> list) {
            for (Object element : list) {
                requirePlainData(element, what);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String)) {
                    throw new EncodingError("cannot encode " + what + ": map key " + entry.getKey() + " is not a string");
                }
                requirePlainData(entry.getValue(), what);
            }
            return;
        }
        throw new EncodingError("cannot encode " + what + ": " + value.getClass().getName()
                + " is not plain data (string, number, boolean, list, map, null)");
    }

    private static String abbreviate(String line) {
        return line.length() <= 200 ? line : line.substring(0, 200) + "…";
    }
}
