/**
 * Command-line input into values: the input groups after {@code :::}/{@code ::::} and stdin
 * ({@link dev.futures.cli.input.InputGroups}, {@link dev.futures.cli.input.InputReading}), how
 * many inputs make one job ({@link dev.futures.cli.input.ArgsPerJob}), GNU parallel's
 * replacement strings and command templates, shell quoting, {@code --pipe} blocks, durations as
 * shell users write them, and {@link dev.futures.cli.input.UsageError} (bad input: exit 2,
 * before anything runs).
 *
 * <p>Lowest of the command line's rooms: imports the library packages and picocli's converter
 * types only.
 */
package dev.futures.cli.input;
