/**
 * What a job is and where it runs: {@link dev.futures.cli.jobs.Job} (a command line or a named
 * task with its inputs) and {@link dev.futures.cli.jobs.JobResult}; the pools behind
 * {@link dev.futures.cli.jobs.JobPool} (thread, process, retrying) built from
 * {@link dev.futures.cli.jobs.PoolSettings}; per-job slots, deadlines and chunks; the halt
 * condition and the watch that counts it where each job ends; start pacing; what a signal does.
 *
 * <p>Imports the library packages and {@code cli.input}; no framework, so a run can be driven
 * without the command line.
 */
package dev.futures.cli.jobs;
