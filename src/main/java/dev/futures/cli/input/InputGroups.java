package dev.futures.cli.input;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IntSummaryStatistics;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/**
 * {@code map}'s words after the command, as GNU parallel reads them: {@code ::: a b} is one
 * input group, each file after {@code ::::} (or given by {@code -a}, which come first) is a
 * group of its items ({@code -} is stdin), and several groups give every combination, the
 * first group varying slowest. {@code :::+} and {@code ::::+} link a group to the one before
 * (the n-th values go together; the shorter ends it); {@code --link} links all of them, the
 * shorter ones wrapping round. With no group the inputs are the items of stdin. Items are
 * read by {@link InputReading}'s rules. Only the first group is read lazily; the others are
 * held in memory, as each of their values is needed once per value of the groups before them.
 */
public final class InputGroups {
    public static final String ARGS = ":::";
    public static final String FILES = "::::";

    /** The words that start a group of values and a group of files ({@code --arg-sep}, {@code --arg-file-sep}). */
    public record Separators(String args, String files) {
        static final Separators GNU = new Separators(ARGS, FILES);

        boolean isSeparator(String word) {
            return word.equals(args) || word.equals(files) || word.equals(args + "+") || word.equals(files + "+");
        }

        boolean isFiles(String separator) {
            return separator.equals(files) || separator.equals(files + "+");
        }
    }

    /** One group: its literal values, or the file (or "-") its values are read from; linked to the one before. */
    private record Group(List<String> values, String file, boolean linked) {
    }

    private final List<String> command;
    private final List<Group> groups;
    private final InputReading reading;
    private final boolean linkAll;
    /** --header: each group's first item names its columns; each group's names, once read. */
    private final boolean header;
    private final List<List<String>> names;

    private InputGroups(List<String> command, List<Group> groups, InputReading reading, boolean linkAll, boolean header) {
        this.command = command;
        this.groups = groups;
        this.reading = reading;
        this.linkAll = linkAll;
        this.header = header;
        this.names = new ArrayList<>(Collections.nCopies(Math.max(1, groups.size()), List.<String>of()));
        for (int i = 0; header && i < groups.size(); i++) {
            List<String> values = groups.get(i).values();
            if (values != null && !values.isEmpty()) {
                names.set(i, reading.columns().split(values.get(0)));
                groups.set(i, new Group(values.subList(1, values.size()), null, groups.get(i).linked()));
            }
        }
    }

    /** GNU parallel's defaults: {@code :::}, {@code ::::}, newline-ended items, no {@code -a} file. */
    public static InputGroups parse(List<String> words) {
        return parse(words, Separators.GNU, List.of(), InputReading.LINES, false, false);
    }

    /**
     * @param argFiles files given by {@code -a}: groups before those of the words
     * @throws UsageError for an empty {@code ::::}, or an unreadable or directory file
     */
    public static InputGroups parse(List<String> words, Separators separators, List<String> argFiles, InputReading reading,
            boolean linkAll, boolean header) {
        int at = 0;
        while (at < words.size() && !separators.isSeparator(words.get(at))) {
            at++;
        }
        List<String> command = List.copyOf(words.subList(0, at));
        List<Group> groups = new ArrayList<>();
        for (String file : argFiles) {
            groups.add(new Group(null, readable(file), false));
        }
        while (at < words.size()) {
            String separator = words.get(at++);
            boolean linked = separator.endsWith("+") && !groups.isEmpty();
            int end = at;
            while (end < words.size() && !separators.isSeparator(words.get(end))) {
                end++;
            }
            List<String> items = words.subList(at, end);
            if (!separators.isFiles(separator)) {
                groups.add(new Group(reading.apply(items), null, linked));
            } else {
                if (items.isEmpty()) {
                    throw new UsageError("'" + separator + "' needs at least one file");
                }
                boolean linking = separator.endsWith("+");
                for (String file : items) {
                    groups.add(new Group(null, readable(file), linked));
                    // Several files after one '::::+' are linked one to the next, as GNU parallel links them.
                    linked = linking;
                }
            }
            at = end;
        }
        return new InputGroups(command, groups, reading, linkAll, header);
    }

    private static String readable(String file) {
        if (!"-".equals(file) && Files.isDirectory(Path.of(file))) {
            throw new UsageError("input file '" + file + "' is a directory");
        }
        if (!"-".equals(file) && !Files.isReadable(Path.of(file))) {
            throw new UsageError("cannot read input file '" + file + "'");
        }
        return file;
    }

    public List<String> command() {
        return command;
    }

    /** Whether any group was given (words after a separator, or {@code -a}). */
    public boolean hasGroups() {
        return !groups.isEmpty();
    }

    /** How many inputs there are, if every group is given on the command line; else -1. */
    public long knownSize() {
        if (groups.isEmpty() || groups.stream().anyMatch(g -> g.values() == null)) {
            return -1;
        }
        List<Long> sizes = new ArrayList<>();
        for (List<Group> set : linkedSets()) {
            LongSummaryStatistics lengths = set.stream().mapToLong(g -> g.values().size()).summaryStatistics();
            sizes.add(linkAll && lengths.getMin() > 0 ? lengths.getMax() : lengths.getMin());
        }
        return totalOf(sizes);
    }

    /** How many values each input has: the number of groups (stdin alone counts as one); any, with columns. */
    public int width() {
        return reading.columns().splits() ? Integer.MAX_VALUE : Math.max(1, groups.size());
    }

    /**
     * --header's names, each with the position ({1}, {2}, ...) of its value, numbered across the
     * groups as their columns are. Known once {@link #inputs} has read the headers.
     */
    public Map<String, Integer> columnNames() {
        Map<String, Integer> positions = new LinkedHashMap<>();
        int position = 1;
        for (List<String> group : names) {
            for (String name : group) {
                positions.putIfAbsent(name, position++);
            }
        }
        return positions;
    }

    /** Every input, lazily: one value per group, or per column of each group's item with --colsep and --csv. */
    public Iterator<List<String>> inputs(Supplier<InputStream> stdin) {
        Iterator<List<String>> inputs = values(stdin);
        if (!reading.columns().splits()) {
            return inputs;
        }
        return Iterators.mapped(inputs, values -> {
            List<String> columns = new ArrayList<>();
            for (String value : values) {
                columns.addAll(reading.columns().split(value));
            }
            return List.copyOf(columns);
        });
    }

    private Iterator<List<String>> values(Supplier<InputStream> stdin) {
        if (groups.isEmpty()) {
            return tuples(headed(0, reading.read(stdin.get())));
        }
        List<List<Group>> sets = linkedSets();
        Iterator<List<String>> first = sets.size() == 1 && sets.get(0).size() == 1
                ? tuples(items(sets.get(0).get(0), stdin))
                : linked(sets.get(0), stdin).iterator();
        if (sets.size() == 1) {
            return first;
        }
        List<List<List<String>>> rest = new ArrayList<>();
        for (List<Group> set : sets.subList(1, sets.size())) {
            rest.add(linked(set, stdin));
        }
        return new Combinations(first, rest);
    }

    /** The groups in sets that go together: each set is a group and those linked to it. */
    private List<List<Group>> linkedSets() {
        List<List<Group>> sets = new ArrayList<>();
        for (Group group : groups) {
            if (sets.isEmpty() || !(group.linked() || linkAll)) {
                sets.add(new ArrayList<>());
            }
            sets.get(sets.size() - 1).add(group);
        }
        return sets;
    }

    /** A set's tuples: the n-th value of each group; the shortest ends it, or with --link the longest, the others wrapping. */
    private List<List<String>> linked(List<Group> set, Supplier<InputStream> stdin) {
        List<List<String>> columns = new ArrayList<>();
        for (Group group : set) {
            List<String> values = new ArrayList<>();
            items(group, stdin).forEachRemaining(values::add);
            columns.add(values);
        }
        IntSummaryStatistics lengths = columns.stream().mapToInt(List::size).summaryStatistics();
        int length = linkAll && lengths.getMin() > 0 ? lengths.getMax() : lengths.getMin();
        List<List<String>> tuples = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            List<String> tuple = new ArrayList<>(columns.size());
            for (List<String> column : columns) {
                tuple.add(column.get(i % column.size()));
            }
            tuples.add(List.copyOf(tuple));
        }
        return tuples;
    }

    private Iterator<String> items(Group group, Supplier<InputStream> stdin) {
        if (group.values() != null) {
            return group.values().iterator(); // a header was taken off at parse
        }
        int index = 0;
        while (groups.get(index) != group) { // by identity: one file may be given twice
            index++;
        }
        if (group.file().equals("-")) {
            return headed(index, reading.read(stdin.get()));
        }
        try {
            return headed(index, reading.read(Files.newInputStream(Path.of(group.file()))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** With --header, takes the first item off as group {@code index}'s names. */
    private Iterator<String> headed(int index, Iterator<String> items) {
        if (header && items.hasNext()) {
            names.set(index, reading.columns().split(items.next()));
        }
        return items;
    }

    private static Iterator<List<String>> tuples(Iterator<String> items) {
        return Iterators.mapped(items, List::of);
    }

    /** The first set's tuples, each combined with every combination of the other sets' tuples. */
    private static final class Combinations implements Iterator<List<String>> {
        private final Iterator<List<String>> first;
        private final List<List<List<String>>> rest;
        private final int[] position;
        private List<String> current;

        Combinations(Iterator<List<String>> first, List<List<List<String>>> rest) {
            this.first = first;
            this.rest = rest;
            this.position = new int[rest.size()];
        }

        @Override
        public boolean hasNext() {
            if (rest.stream().anyMatch(List::isEmpty)) {
                return false;
            }
            return current != null || first.hasNext();
        }

        @Override
        public List<String> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            if (current == null) {
                current = first.next();
            }
            List<String> combination = new ArrayList<>(current);
            for (int i = 0; i < rest.size(); i++) {
                combination.addAll(rest.get(i).get(position[i]));
            }
            // Odometer: the last set turns fastest; when all wrap, the first set moves on.
            int i = rest.size() - 1;
            while (i >= 0 && ++position[i] == rest.get(i).size()) {
                position[i] = 0;
                i--;
            }
            if (i < 0) {
                current = null;
            }
            return List.copyOf(combination);
        }
    }

    /** Items of a stream split on a delimiter (a newline, NUL, or any string), read as they are asked for. */
    static final class DelimitedItems implements Iterator<String> {
        private final BufferedReader reader;
        private final String delimiter;
        private String next;
        private boolean done;

        DelimitedItems(InputStream in, String delimiter) {
            this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
            this.delimiter = delimiter;
        }

        @Override
        public boolean hasNext() {
            if (next == null && !done) {
                next = read();
                done = next == null;
            }
            return next != null;
        }

        @Override
        public String next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            String item = next;
            next = null;
            return item;
        }

        private String read() {
            try {
                if (delimiter.equals("\n")) {
                    return reader.readLine();
                }
                StringBuilder item = new StringBuilder();
                char last = delimiter.charAt(delimiter.length() - 1);
                for (int c; (c = reader.read()) >= 0; ) {
                    item.append((char) c);
                    if (c == last && endsWithDelimiter(item)) {
                        item.setLength(item.length() - delimiter.length());
                        return item.toString();
                    }
                }
                return item.length() > 0 ? item.toString() : null; // a last item without delimiter counts
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private boolean endsWithDelimiter(StringBuilder item) {
            int from = item.length() - delimiter.length();
            return from >= 0 && item.indexOf(delimiter, from) == from;
        }
    }

    /** Known totals only: every input group given on the command line. */
    private static long totalOf(List<Long> groupSizes) {
        long product = 1;
        for (long size : groupSizes) {
            if (size < 0) {
                return -1;
            }
            product *= size;
        }
        return product;
    }
}
