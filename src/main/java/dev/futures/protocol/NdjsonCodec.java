package dev.futures.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One JSON object per line, through Jackson's streaming parser and generator. Values are plain
 * data only: read back as {@code Long} for every integer that fits (so 3 stays 3 whichever side
 * made it), {@code BigInteger} beyond, {@code Double}, {@code String}, {@code Boolean},
 * {@code List}, {@code Map} and {@code null}; a {@code byte[]} travels as a base64 string and
 * arrives as that string. Thread-safe.
 *
 * <p>Why not Jackson's {@code ObjectMapper}: frames are only maps, lists and scalars, and
 * building an {@code ObjectMapper} costs about 150 ms of start-up on our machines (a worker is
 * ready in well under that without it); the streaming API it is built on costs about 30 ms.
 */
public final class NdjsonCodec {
    private final JsonFactory factory = JsonFactory.builder().build();

    /**
     * The frame as one line of UTF-8 JSON, newline included. The caller has checked the values
     * it put in with {@link #requirePlainData} (once, where a failure belongs to one future).
     *
     * @throws EncodingError for a value that is not plain data
     */
    public byte[] encode(Map<String, ?> frame) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
        try (JsonGenerator generator = factory.createGenerator(buffer)) {
            write(generator, frame);
        } catch (JsonProcessingException e) {
            throw new EncodingError("cannot encode frame: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        buffer.write('\n');
        return buffer.toByteArray();
    }

    /** One plain-data value as JSON text, for showing a task's value. */
    public String encodeValue(Object value) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(64);
        try (JsonGenerator generator = factory.createGenerator(buffer)) {
            write(generator, value);
        } catch (JsonProcessingException e) {
            throw new EncodingError("cannot encode value: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    /** @throws ProtocolError if the line is not exactly one JSON object */
    public Map<String, Object> decode(String line) {
        try (JsonParser parser = factory.createParser(line)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new ProtocolError("not a JSON object: " + abbreviate(line));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> frame = (Map<String, Object>) read(parser, first);
            if (parser.nextToken() != null) {
                throw new ProtocolError("more than one JSON value on a line: " + abbreviate(line));
            }
            return frame;
        } catch (JsonProcessingException e) {
            throw new ProtocolError("not JSON: " + abbreviate(line), e);
        } catch (IOException e) {
            throw new ProtocolError("cannot read: " + abbreviate(line), e);
        }
    }

    /**
     * A task's result must be plain data, on a worker and on a thread pool alike: one check
     * and one text ("cannot encode the result of TASK: ...") for both.
     *
     * @throws EncodingError if it is not
     */
    public static void requirePlainResult(Object value, String task) {
        requirePlainData(value, "the result of " + task);
    }

    /**
     * Checks that {@code value} is plain data: strings, numbers, booleans, lists, maps with
     * string keys, byte arrays and {@code null}.
     *
     * @throws EncodingError naming the first value that is not
     */
    public static void requirePlainData(Object value, String what) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof byte[]
                || value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger || value instanceof BigDecimal) {
            return;
        }
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            if (Double.isNaN(number) || Double.isInfinite(number)) {
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

    private static void write(JsonGenerator out, Object value) throws IOException {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof String text) {
            out.writeString(text);
        } else if (value instanceof Boolean flag) {
            out.writeBoolean(flag);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            out.writeNumber(((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            if (Double.isNaN(number) || Double.isInfinite(number)) {
                throw new EncodingError("cannot encode " + value + ": not a JSON number");
            }
            out.writeNumber(number);
        } else if (value instanceof BigInteger big) {
            out.writeNumber(big);
        } else if (value instanceof BigDecimal decimal) {
            out.writeNumber(decimal);
        } else if (value instanceof byte[] bytes) {
            out.writeBinary(bytes);
        } else if (value instanceof List<?> list) {
            out.writeStartArray();
            for (Object element : list) {
                write(out, element);
            }
            out.writeEndArray();
        } else if (value instanceof Map<?, ?> map) {
            out.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    throw new EncodingError("cannot encode map key " + entry.getKey() + ": not a string");
                }
                out.writeFieldName(key);
                write(out, entry.getValue());
            }
            out.writeEndObject();
        } else {
            throw new EncodingError("cannot encode " + value.getClass().getName() + ": not plain data");
        }
    }

    private static Object read(JsonParser in, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                for (JsonToken next = in.nextToken(); next != JsonToken.END_OBJECT; next = in.nextToken()) {
                    String name = in.currentName();
                    map.put(name, read(in, in.nextToken()));
                }
                return map;
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                for (JsonToken next = in.nextToken(); next != JsonToken.END_ARRAY; next = in.nextToken()) {
                    list.add(read(in, next));
                }
                return list;
            }
            case VALUE_STRING:
                return in.getText();
            case VALUE_NUMBER_INT:
                return in.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? in.getBigIntegerValue() : in.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return in.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new ProtocolError("unexpected JSON token " + token);
        }
    }

    private static String abbreviate(String line) {
        return line.length() <= 200 ? line : line.substring(0, 200) + "…";
    }
}
