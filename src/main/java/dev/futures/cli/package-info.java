/**
 * The {@code futures} command line: picocli commands, how their input becomes tasks, how
 * results are printed, and the exit codes of DESIGN.md. The only package that imports picocli
 * or Quarkus; it may import every other package.
 */
package dev.futures.cli;
