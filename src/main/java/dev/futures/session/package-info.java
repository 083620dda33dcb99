/**
 * Executor-as-a-service: one store of futures, {@link dev.futures.session.FutureService}, that
 * makes every answer about them (state, result, wait, as_completed, cancel, stats) for both the
 * stdio session and the daemon; for the daemon it also issues never-reused ids, honours
 * idempotency keys and keeps its promises across restarts through its
 * {@link dev.futures.session.Journal}. {@link dev.futures.session.SessionHandler} is the
 * session protocol over it ({@code futures session}: JSON requests on stdin, events on stdout);
 * {@link dev.futures.session.TaskPool} is the thread or process pool behind it.
 *
 * <p>Imports the library, the task layer, the protocol and the process pool; no framework. The
 * HTTP daemon is {@code dev.futures.serve}, a layer above.
 */
package dev.futures.session;
