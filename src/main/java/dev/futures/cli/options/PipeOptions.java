package dev.futures.cli.options;

import dev.futures.cli.input.InputReading;
import dev.futures.cli.input.PipeBlocks;
import dev.futures.cli.input.UsageError;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** {@code --pipe}: stdin (or one {@code -a} file) cut into blocks, each on one job's stdin. */
public class PipeOptions {

    @Option(names = {"--pipe", "--spreadstdin"},
            description = "Cut stdin into blocks at record ends and give each block to one job on its stdin, "
                    + "as GNU parallel does (cat big.log | futures map --pipe grep ERROR); the command gets no "
                    + "arguments. Blocks are read as jobs take them, so endless input runs in flat memory.")
    public boolean pipe;

    @Option(names = {"--pipe-part", "--pipepart"},
            description = "As GNU parallel's: --pipe over the -a FILE (or :::: FILE), each block ending at the first "
                    + "record end past --block bytes.")
    public boolean pipePart;

    @Option(names = "--tee",
            description = "As GNU parallel's --pipe --tee: all of stdin goes to every job, one job per ::: input "
                    + "(futures reads stdin into memory first).")
    public boolean tee;

    @Option(names = {"--round-robin", "--roundrobin"},
            description = "--pipe: start one job per job slot (-j) and deal the blocks to them in turn, as GNU "
                    + "parallel's --round-robin (with -k each job gets the same blocks every run); thread pool.")
    public boolean roundRobin;

    @Option(names = "--group-by", paramLabel = "COLUMN",
            description = "--pipe: consecutive lines with the same value in COLUMN (a number from 1, or a name from "
                    + "--header :; split by --colsep, default a tab) make one record, as GNU parallel's --group-by; "
                    + "with -N1 each group is one job.")
    String groupBy;

    @Option(names = "--regexp", description = "--pipe: --recend and --recstart are regular expressions.")
    boolean regexp;

    @Option(names = {"--rrs", "--remove-rec-sep", "--removerecsep"},
            description = "--pipe: remove what --recend and --recstart matched from each block.")
    boolean removeSeparators;

    @Option(names = {"--block", "--block-size"}, paramLabel = "SIZE", defaultValue = "1M",
            description = "--pipe: block size in bytes, with K, M, G (1024-based) or k, m, g (1000-based); "
                    + "default 1M. A block ends at the last record end within it (or is one longer record).")
    String block;

    @Option(names = "--recend", paramLabel = "STR",
            description = "--pipe: what ends a record (default \\n, or nothing when --recstart is given; "
                    + "\\n, \\t, \\0 escapes). With both empty a block is exactly --block bytes (binary input).")
    String recend;

    @Option(names = "--recstart", paramLabel = "STR", defaultValue = "",
            description = "--pipe: what starts a record (default: anything).")
    String recstart;

    private static final Pattern SIZE = Pattern.compile("(\\d+)([KMGkmg]?)");
    private static final Map<String, Long> UNITS = Map.of("", 1L, "K", 1L << 10, "M", 1L << 20, "G", 1L << 30,
            "k", 1_000L, "m", 1_000_000L, "g", 1_000_000_000L);
    /** A block is one array. */
    private static final long MAX_BLOCK = Integer.MAX_VALUE - 1024;

    /** Whether the stream is cut into blocks: --pipe or --pipepart. */
    public boolean active() {
        return pipe || pipePart;
    }

    /** The blocks of {@code in}; {@code records}: -N's records per block, or 0 to cut by size. */
    public Iterator<byte[]> blocks(InputStream in, int records) {
        return blocks(in, records, 1, null, null);
    }

    /**
     * The same, with {@code linesPerRecord} lines to a record (-L), {@code header}, --header's
     * lines (a number) or expression, put in front of every block (null: none), and --colsep's
     * {@code colsep} for --group-by (null: a tab).
     */
    public Iterator<byte[]> blocks(InputStream in, int records, int linesPerRecord, String header, String colsep) {
        Matcher size = SIZE.matcher(block);
        if (!size.matches()) {
            throw new UsageError("--block takes a size such as 1M, 500k or 65536; got '" + block + "'");
        }
        long bytes = Long.parseLong(size.group(1)) * UNITS.get(size.group(2));
        if (bytes < 1 || bytes > MAX_BLOCK) {
            throw new UsageError("--block must be between 1 byte and 2G; got '" + block + "'");
        }
        // As GNU parallel: a record ends at a newline unless --recstart alone says where one starts.
        String recend = this.recend != null ? this.recend : recstart.isEmpty() ? "\\n" : "";
        byte[] end = bytes(recend);
        byte[] start = bytes(recstart);
        return new PipeBlocks(in, new PipeBlocks.Cutting((int) bytes, records, linesPerRecord, pipePart, regexp,
                removeSeparators, header, groupBy, colsep == null ? null : columnSeparator(colsep)), end, start);
    }

    private static Pattern columnSeparator(String colsep) {
        try {
            return Pattern.compile(colsep.equals("\\t") ? "\t" : colsep);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new UsageError("--colsep: bad regular expression '" + colsep + "': " + e.getDescription());
        }
    }

    /** A record marker with -d's escapes ({@code \n}, {@code \t}, {@code \0}, {@code \xHH}), as bytes. */
    private static byte[] bytes(String marker) {
        return marker.isEmpty() ? new byte[0] : InputReading.delimiter(marker).getBytes(StandardCharsets.ISO_8859_1);
    }
}
