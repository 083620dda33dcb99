package dev.futures.cli.options;

import dev.futures.cli.input.UsageError;

/**
 * {@code -j}'s value in GNU parallel's forms: {@code N} workers, {@code 0} as many as possible
 * ({@value #AS_MANY_AS_POSSIBLE}: GNU parallel is bound by file handles, futures by this cap),
 * {@code N%} of the CPUs, {@code +N} and {@code -N} CPUs more or fewer. Every form gives at
 * least one worker, as GNU's do.
 */
final class WorkerCount {
    static final int AS_MANY_AS_POSSIBLE = 256;

    private WorkerCount() {
    }

    /** @throws UsageError for anything that is not one of the forms, in one line naming {@code source} */
    static int parse(String text, int cpus, String source) {
        String value = text.strip();
        try {
            if (value.endsWith("%")) {
                double percent = Double.parseDouble(value.substring(0, value.length() - 1));
                if (percent < 0 || Double.isNaN(percent) || Double.isInfinite(percent)) {
                    throw new NumberFormatException();
                }
                return atLeastOne(Math.round(cpus * percent / 100));
            }
            if (value.startsWith("+")) {
                return atLeastOne(cpus + (long) Integer.parseInt(value.substring(1)));
            }
            if (value.startsWith("-")) {
                return atLeastOne(cpus - (long) Integer.parseInt(value.substring(1)));
            }
            int count = Integer.parseInt(value);
            if (count < 0) {
                throw new NumberFormatException();
            }
            return count == 0 ? AS_MANY_AS_POSSIBLE : count;
        } catch (NumberFormatException e) {
            throw new UsageError(source + " must be N, 0 (as many as possible), N% (of the CPUs), +N or -N (CPUs "
                    + "more or fewer), got '" + text + "'");
        }
    }

    private static int atLeastOne(long count) {
        return (int) Math.max(1, Math.min(count, AS_MANY_AS_POSSIBLE));
    }
}
