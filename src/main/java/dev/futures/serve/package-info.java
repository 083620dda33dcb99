/**
 * The daemon behind {@code futures serve}: {@link dev.futures.serve.HttpApi} serves the store
 * of futures ({@link dev.futures.session.FutureService}) over HTTP/JSON on the JDK's built-in
 * server, with the bearer token ({@link dev.futures.serve.TokenFile}), the probe-only
 * listener ({@link dev.futures.serve.HealthEndpoint}), the {@code --on-done} callback
 * ({@link dev.futures.serve.OnDoneCommand}) and {@code --keep-finished}'s forgetting
 * ({@link dev.futures.serve.FinishedExpiry}). The session protocol and the HTTP API are two thin
 * layers over the same store; neither knows the other.
 *
 * <p>Imports the library, the task layer, the protocol, the process pool and the store
 * ({@code dev.futures.session}); no framework.
 */
package dev.futures.serve;
