/**
 * The child side of the process pool: {@code futures worker} reads frames on stdin, runs tasks
 * by name and writes frames on stdout ({@code docs/protocol.md}). Anything a task prints goes
 * to stderr, so stdout carries frames only. Stdin is read on a thread of its own
 * ({@link dev.futures.worker.StdinWatch}), so a worker busy in a task still notices its parent's
 * end and exits with the task's processes.
 *
 * <p>Imports the library, the task layer and the protocol; never the CLI, so a worker starts
 * without booting Quarkus.
 */
package dev.futures.worker;
