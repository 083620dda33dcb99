/**
 * The picocli option groups the verbs share (pool, input, output, policy, GNU parallel's
 * compatibility options, joblog, --pipe, -S/--slurm) and the configuration they fall back to
 * ({@link dev.futures.cli.options.FuturesConfig}); {@link dev.futures.cli.options.JobOptions}
 * turns them into a run's {@link dev.futures.cli.run.RunSettings}, refusing bad combinations
 * with a usage error.
 *
 * <p>Imports the library packages and {@code cli.input} up to {@code cli.run}, picocli and SmallRye Config.
 */
package dev.futures.cli.options;
