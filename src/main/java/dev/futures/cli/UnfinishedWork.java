package dev.futures.cli;

/** What happens to work still unfinished when a run returns early ({@code --then}). */
public enum UnfinishedWork {
    cancel, wait, kill
}
