package dev.futures.task;

/** No task of that name is registered; raised at submit, before anything runs. */
public class UnknownTask extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String taskName;

    public UnknownTask(String taskName) {
        super("unknown task '" + taskName + "' (see 'futures tasks')");
        this.taskName = taskName;
    }

    public String taskName() {
        return taskName;
    }
}
