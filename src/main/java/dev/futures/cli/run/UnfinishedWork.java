package dev.futures.cli.run;

/** What happens to work still unfinished when a run returns early ({@code --then}). */
public enum UnfinishedWork {
    cancel, wait, kill
}
