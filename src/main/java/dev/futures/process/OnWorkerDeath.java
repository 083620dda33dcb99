package dev.futures.process;

/** What a worker's unexpected death does to the pool (spec §6.5, §10 F3). */
public enum OnWorkerDeath {
    /** CPython's rule: the pool breaks; every unfinished future fails with {@link BrokenProcessPool}. */
    BREAK,
    /** Only the dead worker's task fails, with {@link WorkerDiedError}; a new worker takes its place. */
    REPLACE
}
