/**
 * What a command-line tool ships beside its executable, generated from the same picocli model as
 * {@code --help}: shell completion scripts and man pages. Used by {@code futures completion} and
 * {@code futures man}, which the build runs to fill the release archive.
 */
package dev.futures.cli.docs;
