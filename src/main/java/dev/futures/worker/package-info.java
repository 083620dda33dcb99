/**
 * The child side of the process pool: {@code futures worker} reads frames on stdin, runs tasks
 * by name and writes frames on stdout ({@code docs/protocol.md}). Anything a task prints goes
 * to stderr, so stdout carries frames only.
 *
 * <p>Imports the library, the task layer and the protocol; never the CLI, so a worker starts
 * without booting Quarkus.
 */
package dev.futures.worker;
