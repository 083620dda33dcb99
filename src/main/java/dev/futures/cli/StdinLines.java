package dev.futures.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

/** The lines of stdin, read lazily: an endless stdin is consumed only as fast as tasks run. */
final class StdinLines {
    private StdinLines() {
    }

    static Iterator<String> open() {
        return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).lines().iterator();
    }
}
