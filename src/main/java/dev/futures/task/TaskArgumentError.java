package dev.futures.task;

/** A task was called with arguments it cannot take; the message names the task's signature. */
public class TaskArgumentError extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public TaskArgumentError(String message) {
        super(message);
    }
}
