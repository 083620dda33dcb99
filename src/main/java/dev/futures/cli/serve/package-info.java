/**
 * {@code futures serve} and its clients: {@link dev.futures.cli.serve.ServeCommand} assembles
 * the daemon ({@code dev.futures.serve}) from its options, under the state directory's lock;
 * {@code submit}, {@code status}, {@code result}, {@code cancel}, {@code wait},
 * {@code as-completed} and {@code shutdown} reach it through
 * {@link dev.futures.cli.serve.DaemonClient}.
 *
 * <p>Imports the library and service packages, the command line's rooms up to {@code cli.options},
 * picocli and CDI injection.
 */
package dev.futures.cli.serve;
