package dev.futures.cli.input;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --pipe}: a stream cut into blocks, each ending on a record boundary, read as they are
 * asked for, so an endless stream runs in memory of a block or two. A boundary lies where a
 * record's end ({@code --recend}, default a newline) meets the next record's start
 * ({@code --recstart}, default anything); both are literal, or regular expressions under
 * {@code --regexp}; with {@code -L N} only every Nth boundary ends a record. By size (GNU
 * parallel's {@code --block}), a block is at most {@code blockSize} bytes cut after its last
 * boundary, or one record when a record is longer; by count ({@code -N}), it is that many
 * records; as parts ({@code --pipepart}), a block ends at the first boundary past
 * {@code blockSize} bytes. A {@code --header} (a number of lines, or a regular
 * expression matched at the start) is taken off the stream once and put in front of every
 * block; {@code --rrs} removes the separators from each block.
 */
public final class PipeBlocks implements Iterator<byte[]> {
    private static final int READ = 64 * 1024;
    /** How far past a regular expression's match a boundary is taken as settled (more input could change it). */
    private static final int REGEX_MARGIN = 4096;

    /** How a stream is cut, beyond its record markers. */
    public record Cutting(int blockSize, int records, int linesPerRecord, boolean parts, boolean regexp,
            boolean removeSeparators, String header, String groupBy, Pattern colsep) {
        /** GNU parallel's default: blocks of {@code blockSize} bytes, or {@code records} records each. */
        public static Cutting of(int blockSize, int records) {
            return new Cutting(blockSize, records, 1, false, false, false, null, null, null);
        }
    }

    private final InputStream in;
    private final Cutting cutting;
    private final byte[] recend;
    private final byte[] recstart;
    private final Pattern boundary;
    private final Pattern recendPattern;
    private final Pattern recstartPattern;
    private byte[] buffer = new byte[READ];
    private int length;
    private boolean eof;
    private byte[] next;
    private byte[] header;
    /** Boundaries found in the buffer, ascending (the first {@code foundCount}); positions are the buffer's. */
    private int[] found = new int[256];
    private int foundCount;
    /** Positions up to here have been looked at. */
    private int scanned;
    /** Raw boundaries seen since the stream began: every linesPerRecord-th ends a record. */
    private long raw;
    /** --group-by: the column (from 0) whose value groups lines; -1 without. */
    private int groupColumn = -1;
    /** --group-by: where the line being read starts, and the value of the line before it. */
    private int lineStart;
    private String previousKey;

    /** {@code records}: records per block (-N), or 0 to cut by {@code blockSize}. */
    public PipeBlocks(InputStream in, int blockSize, int records, byte[] recend, byte[] recstart) {
        this(in, Cutting.of(blockSize, records), recend, recstart);
    }

    /** @throws UsageError for a --header, --recend or --recstart that is no regular expression where one is read */
    public PipeBlocks(InputStream in, Cutting cutting, byte[] recend, byte[] recstart) {
        this.in = in;
        this.cutting = cutting;
        this.recend = recend;
        this.recstart = recstart;
        if (cutting.regexp()) {
            String end = latin1(recend);
            String start = latin1(recstart);
            this.boundary = compile("(?:" + end + ")(?=" + start + ")", "--recend/--recstart");
            this.recendPattern = compile(end, "--recend");
            this.recstartPattern = compile(start, "--recstart");
        } else {
            this.boundary = null;
            this.recendPattern = Pattern.compile(Pattern.quote(latin1(recend)));
            this.recstartPattern = Pattern.compile(Pattern.quote(latin1(recstart)));
        }
    }

    private static Pattern compile(String regex, String what) {
        try {
            return Pattern.compile(regex);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new UsageError(what + ": bad regular expression '" + regex + "': " + e.getDescription());
        }
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            if (header == null) {
                header = readHeader();
            }
            byte[] block = cut();
            next = block == null ? null : dressed(block);
        }
        return next != null;
    }

    @Override
    public byte[] next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        byte[] block = next;
        next = null;
        return block;
    }

    /** The block as the command gets it: separators removed (--rrs), the header in front. */
    private byte[] dressed(byte[] block) {
        if (cutting.removeSeparators()) {
            String text = latin1(block);
            String end = recendPattern.pattern();
            String start = recstartPattern.pattern();
            text = text.replaceAll("(?:" + end + ")(?:" + start + ")", "");
            text = text.replaceFirst("^(?:" + start + ")", "").replaceFirst("(?:" + end + ")$", "");
            block = text.getBytes(StandardCharsets.ISO_8859_1);
        }
        if (header.length == 0) {
            return block;
        }
        byte[] withHeader = Arrays.copyOf(header, header.length + block.length);
        System.arraycopy(block, 0, withHeader, header.length, block.length);
        return withHeader;
    }

    /** The --header taken off the stream's start: that many lines, or what the expression matches there. */
    private byte[] readHeader() {
        String spec = cutting.header();
        if (spec == null) {
            groupColumn = groupColumn("");
            return new byte[0];
        }
        while (!eof && length < Math.max(cutting.blockSize(), READ)) {
            fill();
        }
        int end = 0;
        if (spec.matches("\\d+")) {
            int lines = Integer.parseInt(spec);
            for (int i = 0; i < length && lines > 0; i++) {
                if (buffer[i] == '\n') {
                    lines--;
                    end = i + 1;
                }
            }
            if (lines > 0) {
                end = length;
            }
        } else {
            Matcher matcher = compile(spec.equals(":") ? ".*\n" : spec, "--header").matcher(latin1(Arrays.copyOf(buffer, length)));
            end = matcher.lookingAt() ? matcher.end() : 0;
        }
        byte[] taken = take(end);
        groupColumn = groupColumn(latin1(taken));
        return taken;
    }

    /**
     * --group-by's column, from 0: a number counts from 1, a name is looked up in the header.
     *
     * @throws UsageError for a name without --header, or one the header lacks
     */
    private int groupColumn(String headerText) {
        String by = cutting.groupBy();
        if (by == null) {
            return -1;
        }
        if (by.matches("\\d+") && Integer.parseInt(by) > 0) {
            return Integer.parseInt(by) - 1;
        }
        if (by.matches("[A-Za-z_][A-Za-z0-9_]*") && !headerText.isEmpty()) {
            String[] names = columns(headerText.strip());
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(by)) {
                    return i;
                }
            }
            throw new UsageError("--group-by " + by + ": the header has no such column");
        }
        throw new UsageError("--group-by takes a column number, or a column name with --header :, got '" + by
                + "' (GNU parallel's perl expressions are not supported)");
    }

    private String[] columns(String line) {
        return (cutting.colsep() == null ? Pattern.compile("\t") : cutting.colsep()).split(line, -1);
    }

    private String keyOf(int start, int end) {
        String[] fields = columns(new String(buffer, start, end - start, StandardCharsets.ISO_8859_1));
        return groupColumn < fields.length ? fields[groupColumn] : "";
    }

    /** The next block, or null at the end of the stream. */
    private byte[] cut() {
        while (true) {
            if (recend.length == 0 && recstart.length == 0 && boundary == null && cutting.records() == 0) {
                // No record markers: blocks of exactly the size (binary input).
                if (length >= cutting.blockSize() || eof && length > 0) {
                    return take(Math.min(length, cutting.blockSize()));
                }
            } else if (bySizeAlone()) {
                // The common --pipe: the last record end within the size, looked for backwards
                // from it, so a block costs a few comparisons, not one per byte.
                if (length >= cutting.blockSize() + recstart.length) {
                    int last = lastBoundary(cutting.blockSize());
                    if (last > 0) {
                        return take(last);
                    }
                    // A record longer than the block: the block is that record.
                    for (int at = Math.max(scanned + 1, cutting.blockSize() + 1); settled(at); at++) {
                        scanned = at;
                        if (boundaryAt(at)) {
                            return take(at);
                        }
                    }
                }
            } else {
                scan();
                int end = decided();
                if (end > 0) {
                    return take(end);
                }
            }
            if (eof) {
                return length == 0 ? null : take(length);
            }
            fill();
        }
    }

    /** Blocks by size alone, of literal records of one line: no count, part, expression, group or -L. */
    private boolean bySizeAlone() {
        return cutting.records() == 0 && !cutting.parts() && boundary == null && groupColumn < 0
                && cutting.linesPerRecord() == 1;
    }

    /** The last boundary at or before {@code limit}, or -1. */
    private int lastBoundary(int limit) {
        for (int at = limit; at > 0; at--) {
            if (boundaryAt(at)) {
                return at;
            }
        }
        return -1;
    }

    /** Where the next block ends, by the boundaries found so far; 0 while that is not known yet. */
    private int decided() {
        if (cutting.records() > 0) {
            return foundCount >= cutting.records() ? found[cutting.records() - 1] : 0;
        }
        if (cutting.parts()) {
            return foundCount > 0 && found[foundCount - 1] > cutting.blockSize() ? firstAfter(cutting.blockSize()) : 0;
        }
        boolean withinKnown = eof || length >= cutting.blockSize() + recstart.length + (boundary == null ? 0 : REGEX_MARGIN);
        if (foundCount == 0 || found[foundCount - 1] <= cutting.blockSize() && !withinKnown) {
            return 0;
        }
        int last = 0;
        for (int i = 0; i < foundCount && found[i] <= cutting.blockSize(); i++) {
            last = found[i];
        }
        // None within the size: a record longer than the block is the block.
        return last > 0 ? last : found[0];
    }

    /** The first boundary past {@code target}: GNU's part ends at the first record end after --block's bytes. */
    private int firstAfter(long target) {
        for (int i = 0; i < foundCount; i++) {
            if (found[i] > target) {
                return found[i];
            }
        }
        return 0;
    }

    /** Whether the boundaries found decide the next block, so scanning can stop (it resumes after a take). */
    private boolean enough() {
        return cutting.records() > 0 ? foundCount >= cutting.records()
                : foundCount > 0 && found[foundCount - 1] > cutting.blockSize();
    }

    /** Finds the boundaries that enough bytes follow to tell, past those already found. */
    private void scan() {
        if (boundary != null) {
            scanRegex();
            return;
        }
        if (groupColumn >= 0) {
            scanGroups();
            return;
        }
        for (int at = Math.max(scanned + 1, 1); settled(at) && !enough(); at++) {
            scanned = at;
            if (boundaryAt(at)) {
                countRaw(at);
            }
        }
    }

    /** --group-by: a boundary before each line whose value differs from the line before it. */
    private void scanGroups() {
        for (int at = scanned; at < length && !enough(); at++) {
            scanned = at + 1;
            if (buffer[at] == '\n') {
                lineEnded(at);
            }
        }
        if (eof && lineStart < length && !enough()) {
            lineEnded(length); // a last line without its newline
            lineStart = length;
        }
    }

    private void lineEnded(int newline) {
        String key = keyOf(lineStart, newline);
        if (previousKey != null && !key.equals(previousKey) && lineStart > 0) {
            countRaw(lineStart);
        }
        previousKey = key;
        lineStart = newline + 1;
    }

    private void scanRegex() {
        String text = latin1(Arrays.copyOf(buffer, length));
        Matcher matcher = boundary.matcher(text);
        int from = scanned;
        while (from < length && !enough() && matcher.find(from)) {
            int at = matcher.end();
            if (!eof && at + REGEX_MARGIN > length) {
                break; // more input could change this match
            }
            from = Math.max(at, matcher.start() + 1);
            scanned = from;
            if (at > 0 && at < length) {
                countRaw(at);
            }
        }
        if (eof && !enough()) {
            scanned = length;
        }
    }

    private void countRaw(int at) {
        if (++raw % cutting.linesPerRecord() == 0) {
            if (foundCount == found.length) {
                found = Arrays.copyOf(found, foundCount * 2);
            }
            found[foundCount++] = at;
        }
    }

    /** Whether enough bytes follow {@code at} to tell if a record starts there. */
    private boolean settled(int at) {
        return at <= length && at + recstart.length <= length;
    }

    private void fill() {
        if (buffer.length - length < READ) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + READ));
        }
        try {
            int n = in.read(buffer, length, buffer.length - length);
            if (n < 0) {
                eof = true;
            } else {
                length += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first {@code end} bytes, taken off the buffer. */
    private byte[] take(int end) {
        byte[] taken = Arrays.copyOf(buffer, end);
        System.arraycopy(buffer, end, buffer, 0, length - end);
        length -= end;
        scanned = Math.max(0, scanned - end);
        lineStart = Math.max(0, lineStart - end);
        int kept = 0;
        for (int i = 0; i < foundCount; i++) {
            if (found[i] > end) {
                found[kept++] = found[i] - end;
            }
        }
        foundCount = kept;
        return taken;
    }

    /** Whether a block may end just before {@code at}: a record end before it, a record start after. */
    private boolean boundaryAt(int at) {
        if (at - recend.length < 0 || at + recstart.length > length || at == 0 || at >= length && recstart.length > 0) {
            return false;
        }
        return matches(recend, at - recend.length) && matches(recstart, at);
    }

    private boolean matches(byte[] pattern, int at) {
        for (int i = 0; i < pattern.length; i++) {
            if (buffer[at + i] != pattern[i]) {
                return false;
            }
        }
        return true;
    }
}
