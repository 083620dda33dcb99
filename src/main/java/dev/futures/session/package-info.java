/**
 * Executor-as-a-service: {@link dev.futures.session.SessionHandler} answers the requests of
 * DESIGN.md's session protocol ({@code submit}, {@code cancel}, {@code state}, {@code result},
 * {@code wait}, {@code as_completed}, {@code map}, {@code shutdown}, {@code terminate_workers},
 * {@code kill_workers}, {@code stats}) with events; {@code futures session} speaks it over
 * stdin/stdout. Both the session and the daemon keep their futures in one store,
 * {@link dev.futures.session.FutureService}, which makes every answer about them (for the
 * daemon: never-reused ids, idempotency keys, outcomes to a {@link dev.futures.session.Journal}
 * and to {@link dev.futures.session.OnDoneCommand}); the daemon serves it over HTTP by
 * {@link dev.futures.session.HttpApi} on the JDK's built-in server.
 *
 * <p>Imports the library, the task layer, the protocol and the process pool.
 */
package dev.futures.session;
