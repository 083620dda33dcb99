package dev.futures.cli.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class RoundRobinTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @Timeout(30)
    void blocksAreDealtInTurnAndAJobThatStopsReadingIsPassedOver() throws IOException {
        List<InputStream> two = RoundRobin.deal(List.of(bytes("1 "), bytes("2 "), bytes("3 "), bytes("4 "), bytes("5 "))
                .iterator(), 2);
        assertEquals("1 3 5 ", new String(two.get(0).readAllBytes(), StandardCharsets.UTF_8));
        assertEquals("2 4 ", new String(two.get(1).readAllBytes(), StandardCharsets.UTF_8));

        List<String> many = IntStream.rangeClosed(1, 20).mapToObj(i -> i + " ").toList();
        List<InputStream> streams = RoundRobin.deal(many.stream().map(RoundRobinTest::bytes).iterator(), 2);
        assertEquals("2 ", new String(streams.get(1).readNBytes(2), StandardCharsets.UTF_8));
        streams.get(1).close(); // this job stopped reading: the blocks after go to the other
        String first = new String(streams.get(0).readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(first.startsWith("1 3 "), first);
        assertTrue(first.endsWith(" 18 19 20 "), first);
    }
}
