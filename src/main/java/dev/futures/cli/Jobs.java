package dev.futures.cli;

import java.util.Iterator;
import java.util.List;

/** Numbers inputs (from 1) and turns each into a {@link Job}, lazily. */
final class Jobs {
    private Jobs() {
    }

    static Iterator<Job> from(Iterator<List<String>> inputs, Job.Argv argv) {
        return new Iterator<>() {
            private long seq;

            @Override
            public boolean hasNext() {
                return inputs.hasNext();
            }

            @Override
            public Job next() {
                return new Job(++seq, inputs.next(), argv);
            }
        };
    }
}
