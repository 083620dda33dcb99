package dev.futures.cli;

/** Turns the shared options of {@code map} and {@code run} into {@link JobRunner.Settings}. */
final class Settings {
    private Settings() {
    }

    static JobRunner.Settings of(PoolOptions pool, OutputOptions output, PolicyOptions policy, Integer buffersize,
            FuturesConfig config) {
        int workers = pool.resolve(config);
        if (buffersize != null && buffersize < 1) {
            throw new UsageError("--buffersize must be at least 1, got " + buffersize);
        }
        int window = buffersize != null ? buffersize : Math.max(1, workers * config.bufferPerWorker());
        return new JobRunner.Settings(workers, window, output.order == OutputOptions.Order.input, policy.timeout);
    }
}
