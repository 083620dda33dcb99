package dev.futures.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NdjsonCodecTest {
    private final NdjsonCodec codec = new NdjsonCodec();

    private Map<String, Object> roundTrip(Map<String, ?> frame) {
        byte[] line = codec.encode(frame);
        assertEquals('\n', line[line.length - 1]);
        String text = new String(line, 0, line.length - 1, StandardCharsets.UTF_8);
        assertEquals(-1, text.indexOf('\n'), "one frame, one line");
        return codec.decode(text);
    }

    @Test
    void plainDataRoundTripsWithIntegersAsLong() {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("int", 3);
        frame.put("long", Long.MAX_VALUE);
        frame.put("big", new BigInteger("123456789012345678901234567890"));
        frame.put("double", 1.5);
        frame.put("text", "line\nbreak \"quoted\" ünïcode");
        frame.put("flag", true);
        frame.put("nothing", null);
        frame.put("list", Arrays.asList(1, "two", null, List.of(3)));
        frame.put("map", Map.of("k", List.of()));
        Map<String, Object> back = roundTrip(frame);
        assertEquals(3L, back.get("int"));
        assertEquals(Long.MAX_VALUE, back.get("long"));
        assertEquals(frame.get("big"), back.get("big"));
        assertEquals(1.5, back.get("double"));
        assertEquals(frame.get("text"), back.get("text"));
        assertEquals(true, back.get("flag"));
        assertEquals(null, back.get("nothing"));
        assertEquals(Arrays.asList(1L, "two", null, List.of(3L)), back.get("list"));
        assertEquals(Map.of("k", List.of()), back.get("map"));
        assertEquals(List.copyOf(frame.keySet()), List.copyOf(back.keySet()), "field order kept");
    }

    @Test
    void bytesTravelAsBase64() {
        byte[] bytes = {0, 1, (byte) 0xff};
        Object back = roundTrip(Map.of("b", bytes)).get("b");
        assertArrayEquals(bytes, Base64.getDecoder().decode((String) back));
    }

    @Test
    void whatIsNotPlainDataIsAnEncodingError() {
        assertThrows(EncodingError.class, () -> NdjsonCodec.requirePlainData(new Object(), "x"));
        assertThrows(EncodingError.class, () -> NdjsonCodec.requirePlainData(List.of(Double.NaN), "x"));
        assertThrows(EncodingError.class, () -> NdjsonCodec.requirePlainData(Map.of(1, "a"), "x"));
        assertThrows(EncodingError.class, () -> codec.encode(Map.of("x", new Object())));
        NdjsonCodec.requirePlainData(Map.of("a", List.of(1, 2.5, "s", true)), "x");
    }

    @Test
    void whatIsNotOneObjectIsAProtocolError() {
        for (String bad : new String[] {"", "not json", "[1,2]", "42", "{\"a\":1} {\"b\":2}", "{\"a\":"}) {
            assertThrows(ProtocolError.class, () -> codec.decode(bad), bad);
        }
    }
}
