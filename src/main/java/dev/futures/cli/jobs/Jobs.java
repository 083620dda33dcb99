package dev.futures.cli.jobs;

import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import java.util.function.BiFunction;

/** Numbers inputs (or --pipe blocks) from 1 and turns each into a {@link Job}, lazily. */
public final class Jobs {
    private Jobs() {
    }

    public static Iterator<Job> ofTask(Iterator<List<String>> inputs, String task) {
        return map(inputs, (seq, values) -> Job.ofTask(seq, values, task));
    }

    public static Iterator<Job> from(Iterator<List<String>> inputs, Job.Argv argv) {
        return map(inputs, (seq, values) -> new Job(seq, values, argv));
    }

    /** {@code --pipe}: a job per block, each on its job's stdin. */
    public static Iterator<Job> ofBlocks(Iterator<byte[]> blocks, Job.Argv argv) {
        return map(blocks, (seq, block) -> Job.ofBlock(seq, block, argv));
    }

    /** {@code --tee}: a job per input, each with all of {@code stdin} on its stdin. */
    public static Iterator<Job> withStdin(Iterator<List<String>> inputs, Job.Argv argv, byte[] stdin) {
        return map(inputs, (seq, values) -> new Job(seq, values, argv, null, stdin));
    }

    /** {@code --round-robin}: a job per stream, each stream on its job's stdin as the job reads it. */
    public static Iterator<Job> ofStreams(List<InputStream> streams, Job.Argv argv) {
        return map(streams.iterator(), (seq, stream) -> new Job(seq, List.of(), argv, null, null, stream));
    }

    private static <I> Iterator<Job> map(Iterator<I> inputs, BiFunction<Long, I, Job> make) {
        return new Iterator<>() {
            private long seq;

            @Override
            public boolean hasNext() {
                return inputs.hasNext();
            }

            @Override
            public Job next() {
                return make.apply(++seq, inputs.next());
            }
        };
    }
}
