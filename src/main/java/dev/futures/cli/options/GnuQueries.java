package dev.futures.cli.options;

import dev.futures.cli.input.ArgsPerJob;
import dev.futures.cli.input.UsageError;
import picocli.CommandLine.Option;

/**
 * GNU parallel's options that answer a question and exit, as scripts call them:
 * {@code parallel --number-of-cores}, {@code percpu=$((free / $(parallel --number-of-threads)))},
 * {@code parallel --minversion 20130722 && ...}.
 */
public class GnuQueries {
    /**
     * The GNU parallel release whose behaviour futures follows and is compared with (Debian's),
     * which {@code --minversion} answers for.
     */
    public static final long GNU_RELEASE = 20221122L;

    @Option(names = {"--number-of-threads"}, description = "Print the number of CPU threads futures may use, and exit.")
    boolean threads;

    @Option(names = {"--number-of-cores", "--number-of-cpus"},
            description = "Print the number of physical CPU cores (of those futures may use), and exit.")
    boolean cores;

    @Option(names = "--number-of-sockets", description = "Print the number of CPU sockets, and exit.")
    boolean sockets;

    @Option(names = "--max-line-length-allowed",
            description = "Print the longest command line GNU parallel would find here, and exit.")
    boolean maxLineLength;

    @Option(names = "--minversion", paramLabel = "VERSION",
            description = "Print the GNU parallel release futures follows (" + GNU_RELEASE + ") and exit 0 if it is "
                    + "VERSION or later, else 255.")
    String minVersion;

    /** What to print and the exit status, when one of these was given; else null. */
    public Answer answer() {
        if (minVersion != null) {
            long wanted;
            try {
                wanted = Long.parseLong(minVersion.strip());
            } catch (NumberFormatException e) {
                throw new UsageError("--minversion needs a release such as 20130722, got '" + minVersion + "'");
            }
            return new Answer(Long.toString(GNU_RELEASE), wanted <= GNU_RELEASE ? 0 : 255);
        }
        if (threads) {
            return new Answer(Integer.toString(CpuCount.threads()), 0);
        }
        if (cores) {
            return new Answer(Integer.toString(CpuCount.cores()), 0);
        }
        if (sockets) {
            return new Answer(Integer.toString(CpuCount.sockets()), 0);
        }
        if (maxLineLength) {
            return new Answer(Long.toString(ArgsPerJob.maxLineLength()), 0);
        }
        return null;
    }

    /** A query's answer: one line on stdout, then this exit status. */
    public record Answer(String text, int exit) {
    }
}
