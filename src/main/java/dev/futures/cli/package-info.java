/**
 * The {@code futures} command line's entry: {@code main} (which sends {@code futures worker}
 * straight to the worker loop, without Quarkus), the root command, the verbs that run work
 * here ({@code map}, {@code run}, {@code session}, {@code tasks}) and the grouped help. Each
 * verb is thin: it reads its option groups ({@code cli.options}) and hands the jobs to
 * {@code cli.run}. The rooms below it, lowest first:
 * <ul>
 *   <li>{@code cli.input}: command-line input into values (inputs, replacement strings, durations, --pipe blocks);</li>
 *   <li>{@code cli.jobs}: what a job is and the pools it runs on (thread, process, retrying), halting, pacing;</li>
 *   <li>{@code cli.output}: how results are printed and recorded (text, JSON lines, progress, joblog, --results);</li>
 *   <li>{@code cli.run}: the run itself, on the library's {@link dev.futures.StreamingMap}, and the exit codes;</li>
 *   <li>{@code cli.options}: the picocli option groups that build a run's settings;</li>
 *   <li>{@code cli.serve}: {@code futures serve} and its clients ({@code submit}, {@code status}, ...).</li>
 * </ul>
 * The only package that imports Quarkus; it may use every other package.
 */
package dev.futures.cli;
