package dev.futures.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/**
 * {@code map}'s words after the command, as GNU parallel reads them: {@code ::: a b} is one
 * input group, each file after {@code ::::} is a group of its lines ({@code -} is stdin), and
 * several groups give every combination, the first group varying slowest. With no group the
 * inputs are the lines of stdin. Only the first group is read lazily; the others are held in
 * memory, as each of their values is needed once per value of the groups before them.
 */
final class InputGroups {
    static final String ARGS = ":::";
    static final String FILES = "::::";

    /** One group: its literal values, or the file (or "-") its values are read from. */
    private record Group(List<String> values, String file) {
    }

    private final List<String> command;
    private final List<Group> groups;

    private InputGroups(List<String> command, List<Group> groups) {
        this.command = command;
        this.groups = groups;
    }

    /** @throws UsageError for a missing command, an empty {@code ::::} or an unreadable file */
    static InputGroups parse(List<String> words) {
        int at = 0;
        while (at < words.size() && !isSeparator(words.get(at))) {
            at++;
        }
        List<String> command = List.copyOf(words.subList(0, at));
        List<Group> groups = new ArrayList<>();
        while (at < words.size()) {
            String separator = words.get(at++);
            int end = at;
            while (end < words.size() && !isSeparator(words.get(end))) {
                end++;
            }
            List<String> items = words.subList(at, end);
            if (separator.equals(ARGS)) {
                groups.add(new Group(List.copyOf(items), null));
            } else {
                if (items.isEmpty()) {
                    throw new UsageError("'" + FILES + "' needs at least one file");
                }
                for (String file : items) {
                    if (!"-".equals(file) && Files.isDirectory(Path.of(file))) {
                        throw new UsageError("input file '" + file + "' is a directory");
                    }
                    if (!"-".equals(file) && !Files.isReadable(Path.of(file))) {
                        throw new UsageError("cannot read input file '" + file + "'");
                    }
                    groups.add(new Group(null, file));
                }
            }
            at = end;
        }
        return new InputGroups(command, groups);
    }

    List<String> command() {
        return command;
    }

    /** How many inputs there are, if every group is given on the command line; else -1. */
    long knownSize() {
        if (groups.isEmpty()) {
            return -1;
        }
        return Progress.totalOf(groups.stream().map(g -> g.values() == null ? -1L : (long) g.values().size()).toList());
    }

    /** How many values each input has: the number of groups (stdin alone counts as one). */
    int width() {
        return Math.max(1, groups.size());
    }

    /** Every input, lazily: one value per group. {@code delimiter} separates items in stdin and files. */
    Iterator<List<String>> inputs(Supplier<InputStream> stdin, char delimiter) {
        if (groups.isEmpty()) {
            return singletons(new DelimitedItems(stdin.get(), delimiter));
        }
        Iterator<String> first = items(groups.get(0), stdin, delimiter);
        if (groups.size() == 1) {
            return singletons(first);
        }
        List<List<String>> rest = new ArrayList<>();
        for (Group group : groups.subList(1, groups.size())) {
            List<String> values = new ArrayList<>();
            items(group, stdin, delimiter).forEachRemaining(values::add);
            rest.add(values);
        }
        return new Combinations(first, rest);
    }

    private static Iterator<String> items(Group group, Supplier<InputStream> stdin, char delimiter) {
        if (group.values() != null) {
            return group.values().iterator();
        }
        if (group.file().equals("-")) {
            return new DelimitedItems(stdin.get(), delimiter);
        }
        try {
            return new DelimitedItems(Files.newInputStream(Path.of(group.file())), delimiter);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Iterator<List<String>> singletons(Iterator<String> items) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return items.hasNext();
            }

            @Override
            public List<String> next() {
                return List.of(items.next());
            }
        };
    }

    private static boolean isSeparator(String word) {
        return word.equals(ARGS) || word.equals(FILES);
    }

    /** The first group's values, each combined with every combination of the other groups. */
    private static final class Combinations implements Iterator<List<String>> {
        private final Iterator<String> first;
        private final List<List<String>> rest;
        private final int[] position;
        private String current;

        Combinations(Iterator<String> first, List<List<String>> rest) {
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
            List<String> combination = new ArrayList<>(rest.size() + 1);
            combination.add(current);
            for (int i = 0; i < rest.size(); i++) {
                combination.add(rest.get(i).get(position[i]));
            }
            // Odometer: the last group turns fastest; when all wrap, the first group moves on.
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

    /** Items of a stream split on a delimiter (newline or NUL), read as they are asked for. */
    static final class DelimitedItems implements Iterator<String> {
        private final BufferedReader reader;
        private final char delimiter;
        private String next;
        private boolean done;

        DelimitedItems(InputStream in, char delimiter) {
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
                if (delimiter == '\n') {
                    return reader.readLine();
                }
                StringBuilder item = new StringBuilder();
                for (int c; (c = reader.read()) >= 0; ) {
                    if (c == delimiter) {
                        return item.toString();
                    }
                    item.append((char) c);
                }
                return item.length() > 0 ? item.toString() : null; // a last item without delimiter counts
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
