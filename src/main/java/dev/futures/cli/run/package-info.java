/**
 * The run: {@link dev.futures.cli.run.JobRunner} feeds jobs through the library's
 * {@link dev.futures.StreamingMap} to a job pool and prints each result as it is due, honouring
 * the deadline, the halt condition, {@code --then} and signals; {@link dev.futures.cli.run.RunSettings}
 * is what it needs from the command line; {@link dev.futures.cli.run.ExitCodes} is DESIGN.md's table.
 *
 * <p>Imports the library packages, {@code cli.input}, {@code cli.jobs} and {@code cli.output}; no framework.
 */
package dev.futures.cli.run;
