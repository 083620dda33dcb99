package dev.futures.cli;

import dev.futures.cli.run.ExitCodes;
import dev.futures.task.Task;
import dev.futures.task.TaskRegistry;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code futures tasks}: the tasks {@code map --task} and process workers can run, with their arguments. */
@Command(name = "tasks", mixinStandardHelpOptions = true,
        description = "List the tasks that 'futures map --task NAME' and process workers can run, with their arguments.")
public class TasksCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        List<Task> tasks = TaskRegistry.forProcessWorkers().tasks();
        int width = tasks.stream().mapToInt(task -> task.signature().length()).max().orElse(0);
        PrintStream out = System.out;
        for (Task task : tasks) {
            out.println(String.format("%-" + width + "s  %s", task.signature(), task.description()));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
