package dev.futures.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Splits {@code map}'s words into the command and its input source: the words after
 * {@code :::}, the lines of the files after {@code ::::}, or (with neither) stdin.
 */
final class MapArguments {
    static final String ARGS = ":::";
    static final String FILES = "::::";

    private final List<String> command;
    private final String separator;
    private final List<String> sources;

    private MapArguments(List<String> command, String separator, List<String> sources) {
        this.command = command;
        this.separator = separator;
        this.sources = sources;
    }

    /** @throws UsageError when there is no command, several input groups, or an unreadable file */
    static MapArguments parse(List<String> words) {
        int at = 0;
        while (at < words.size() && !isSeparator(words.get(at))) {
            at++;
        }
        List<String> command = List.copyOf(words.subList(0, at));
        if (command.isEmpty()) {
            throw new UsageError("no command given (usage: futures map COMMAND [ARG...] ::: INPUT...; "
                    + "to run each input as a command line, use 'futures run')");
        }
        if (at == words.size()) {
            return new MapArguments(command, null, List.of());
        }
        String separator = words.get(at);
        List<String> sources = List.copyOf(words.subList(at + 1, words.size()));
        for (String source : sources) {
            if (isSeparator(source)) {
                throw new UsageError("only one input group (one '" + ARGS + "' or '" + FILES + "') is supported");
            }
        }
        if (separator.equals(FILES)) {
            if (sources.isEmpty()) {
                throw new UsageError("'" + FILES + "' needs at least one file");
            }
            for (String file : sources) {
                if (!"-".equals(file) && !Files.isReadable(Path.of(file))) {
                    throw new UsageError("cannot read input file '" + file + "'");
                }
            }
        }
        return new MapArguments(command, separator, sources);
    }

    List<String> command() {
        return command;
    }

    /** True when the inputs come from stdin. */
    boolean readsStdin() {
        return separator == null || (separator.equals(FILES) && sources.contains("-"));
    }

    /** The inputs, read lazily where they come from a file or stdin. */
    Iterator<String> inputs(Iterator<String> stdinLines) {
        if (separator == null) {
            return stdinLines;
        }
        if (separator.equals(ARGS)) {
            return sources.iterator();
        }
        List<Iterator<String>> files = new ArrayList<>();
        for (String file : sources) {
            files.add("-".equals(file) ? stdinLines : new LazyFileLines(Path.of(file)));
        }
        return files.stream().flatMap(it -> {
            Iterable<String> once = () -> it;
            return java.util.stream.StreamSupport.stream(once.spliterator(), false);
        }).iterator();
    }

    private static boolean isSeparator(String word) {
        return word.equals(ARGS) || word.equals(FILES);
    }

    /** Lines of a file, opened on first use so an endless file costs constant memory. */
    private static final class LazyFileLines implements Iterator<String> {
        private final Path path;
        private Iterator<String> lines;

        LazyFileLines(Path path) {
            this.path = path;
        }

        @Override
        public boolean hasNext() {
            return open().hasNext();
        }

        @Override
        public String next() {
            return open().next();
        }

        private Iterator<String> open() {
            if (lines == null) {
                try {
                    lines = Files.newBufferedReader(path, StandardCharsets.UTF_8).lines().iterator();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return lines;
        }
    }
}
