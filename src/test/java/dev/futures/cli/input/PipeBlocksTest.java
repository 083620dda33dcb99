package dev.futures.cli.input;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipeBlocksTest {

    private static List<String> blocks(String input, int blockSize, int records, String recend, String recstart) {
        return blocks(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), blockSize, records, recend, recstart);
    }

    private static List<String> blocks(InputStream in, int blockSize, int records, String recend, String recstart) {
        List<String> out = new ArrayList<>();
        new PipeBlocks(in, blockSize, records, recend.getBytes(StandardCharsets.UTF_8),
                recstart.getBytes(StandardCharsets.UTF_8))
                .forEachRemaining(block -> out.add(new String(block, StandardCharsets.UTF_8)));
        return out;
    }

    @Test
    void aBlockEndsAtTheLastRecordEndWithinItsSize() {
        assertEquals(List.of("aa\nbb\n", "cc\ndd\n", "e"), blocks("aa\nbb\ncc\ndd\ne", 7, 0, "\n", ""));
    }

    @Test
    void aRecordLongerThanTheBlockIsABlockOfItsOwn() {
        assertEquals(List.of("a\n", "bbbbbbbb\n", "c\n"), blocks("a\nbbbbbbbb\nc\n", 3, 0, "\n", ""));
    }

    @Test
    void byCountEachBlockHoldsThatManyRecords() {
        assertEquals(List.of("1\n2\n3\n", "4\n5\n6\n", "7\n"), blocks("1\n2\n3\n4\n5\n6\n7\n", 1 << 20, 3, "\n", ""));
    }

    @Test
    void recordStartAndEndMustMeetAtABoundary() {
        assertEquals(List.of("a\nb\n", ">x\nc\n", ">y\nd\n"), blocks("a\nb\n>x\nc\n>y\nd\n", 1 << 20, 1, "\n", ">"));
        // A '>' that follows no record end starts nothing.
        assertEquals(List.of("a>b\n", ">c"), blocks("a>b\n>c", 1 << 20, 1, "\n", ">"));
        assertEquals(List.of("a;", "b;", "c;"), blocks("a;b;c;", 1 << 20, 1, ";", ""));
    }

    @Test
    void emptyInputHasNoBlocks() {
        assertEquals(List.of(), blocks("", 10, 0, "\n", ""));
    }

    @Test
    void blocksOfALongStreamAreReadOneAtATimeAndReassembleIt() {
        // A stream that delivers a few bytes per read, as a pipe may: a boundary split across reads still counts.
        byte[] all = "line\n".repeat(10_000).getBytes(StandardCharsets.UTF_8);
        InputStream trickle = new ByteArrayInputStream(all) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 3));
            }
        };
        List<String> got = blocks(trickle, 1000, 0, "\n", "");
        assertEquals(new String(all, StandardCharsets.UTF_8), String.join("", got));
        got.subList(0, got.size() - 1).forEach(block -> assertEquals(1000, block.length()));
    }

    @Test
    void anEmptyRecordEndSplitsBeforeEachRecordStart() {
        // --recstart alone: GNU parallel's --recend is then empty.
        assertEquals(List.of("a", "/b", "/c"), blocks("a/b/c", 1 << 20, 1, "", "/"));
    }

    @Test
    void withNoRecordMarkersABlockIsExactlyItsSize() {
        assertEquals(List.of("abc", "def", "g"), blocks("abcdefg", 3, 0, "", ""));
    }
}
