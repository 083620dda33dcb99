/**
 * Starting programs. {@link dev.futures.spawn.Spawn#start} takes a {@link java.lang.ProcessBuilder}
 * and gives a {@link java.lang.Process}, so every caller (commands, process-pool workers, hooks,
 * the run's reaper) keeps one code path on both builds. On the JVM it is the JDK's own launch.
 * In the native executable the JDK's launch forks the whole address space of the image (about
 * 2.4 ms of kernel time per program here), so there {@link dev.futures.spawn.PosixSpawn} calls
 * glibc's {@code posix_spawn} (a {@code clone(CLONE_VM|CLONE_VFORK)} that shares the parent's
 * memory until the child's {@code exec}) through the native image's C interface, and the thread
 * that waits for the program reaps it itself: no reaper thread per process.
 *
 * <p>Imports the JDK and, in the native-only classes, the GraalVM SDK's C interface
 * ({@code org.graalvm.nativeimage}, a compile-time dependency the native-image builder supplies);
 * those classes are loaded only inside a native image, so a JVM without the SDK never sees them.
 */
package dev.futures.spawn;
