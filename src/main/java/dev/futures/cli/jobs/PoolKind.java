package dev.futures.cli.jobs;

/** The two executors a run can use ({@code --pool}). */
public enum PoolKind {
    thread, process
}
