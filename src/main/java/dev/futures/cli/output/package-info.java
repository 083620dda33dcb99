/**
 * How results are shown and recorded: the printers behind
 * {@link dev.futures.cli.output.ResultPrinter} (text blocks that never interleave, JSON-lines
 * events, the progress line), the joblog and its history for {@code --resume*}, and the
 * {@code --results} files.
 *
 * <p>Imports the library packages, {@code cli.input} and {@code cli.jobs}; no framework.
 */
package dev.futures.cli.output;
