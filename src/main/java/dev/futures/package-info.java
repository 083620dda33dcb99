/**
 * The futures library: {@link dev.futures.Future}, {@link dev.futures.Executor},
 * {@link dev.futures.ThreadPoolExecutor}, {@link dev.futures.Futures#wait} and
 * {@link dev.futures.Futures#asCompleted}, with the semantics of Python's {@code concurrent.futures}
 * (see {@code spec/concurrent-futures.md}; deliberate deviations are marked DEV in the javadoc).
 *
 * <p>Imports the JDK only: this package is usable without Quarkus, picocli or any JSON library.
 */
package dev.futures;
