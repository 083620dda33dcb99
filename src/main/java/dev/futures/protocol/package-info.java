/**
 * The wire format shared by the process pool's workers, {@code futures session} and the daemon:
 * one JSON object per line ({@link dev.futures.protocol.NdjsonCodec}), the frames of the worker
 * protocol ({@link dev.futures.protocol.Frames}, specified in {@code docs/protocol.md}) and
 * errors as they cross a process boundary ({@link dev.futures.protocol.RemoteError}).
 *
 * <p>Imports the library, the task layer and Jackson.
 */
package dev.futures.protocol;
