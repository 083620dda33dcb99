package dev.futures;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** Python's {@code zip}: lazily pairs several inputs for {@link Executor#map}; the shortest wins. */
public final class Zip {
    private Zip() {
    }

    public static Iterable<List<Object>> of(Iterable<?>... inputs) {
        return () -> {
            List<Iterator<?>> its = new ArrayList<>(inputs.length);
            for (Iterable<?> input : inputs) {
                its.add(input.iterator());
            }
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    if (its.isEmpty()) {
                        return false;
                    }
                    for (Iterator<?> it : its) {
                        if (!it.hasNext()) {
                            return false;
                        }
                    }
                    return true;
                }

                @Override
                public List<Object> next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    List<Object> tuple = new ArrayList<>(its.size());
                    for (Iterator<?> it : its) {
                        tuple.add(it.next());
                    }
                    return Collections.unmodifiableList(tuple);
                }
            };
        };
    }
}
