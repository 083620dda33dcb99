/**
 * Named tasks: the {@link dev.futures.task.Task} SPI, the {@link dev.futures.task.TaskRegistry}
 * by which a worker finds code by name (as Python finds a pickled function by its qualified
 * name), the built-in tasks of DESIGN.md, and {@link dev.futures.task.CommandRunner}, which
 * starts the commands of {@code sh}/{@code exec} tasks and can kill them, and
 * {@link dev.futures.task.RunReaper}, which makes sure no process a CLI run started outlives it.
 *
 * <p>Imports the library ({@code dev.futures}) and the JDK only.
 */
package dev.futures.task;
