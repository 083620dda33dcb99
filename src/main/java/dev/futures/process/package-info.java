/**
 * The parent side of the process pool: {@link dev.futures.process.ProcessPoolExecutor}, the
 * handles of its worker processes, and the launchers that start them.
 *
 * <p>Imports the library, the task layer and the protocol.
 */
package dev.futures.process;
