package dev.futures.cli;

import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

/** Numbers inputs (from 1) and turns each into a {@link Job}, lazily. */
final class Jobs {
    private Jobs() {
    }

    static Iterator<Job> from(Iterator<String> inputs, Function<String, List<String>> toArgv) {
        return new Iterator<>() {
            private long seq;

            @Override
            public boolean hasNext() {
                return inputs.hasNext();
            }

            @Override
            public Job next() {
                String input = inputs.next();
                return new Job(++seq, input, toArgv.apply(input));
            }
        };
    }
}
