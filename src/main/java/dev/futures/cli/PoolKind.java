package dev.futures.cli;

/** The two executors a run can use ({@code --pool}). */
public enum PoolKind {
    thread, process
}
