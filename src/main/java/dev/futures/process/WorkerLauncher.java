package dev.futures.process;

import java.io.IOException;
import java.util.List;

/**
 * Starts one worker process whose stdin and stdout carry the worker protocol. The default
 * starts this program again ({@link WorkerLaunchers#self()}); a template reaches other
 * machines through engines that already exist ({@code ssh HOST futures worker},
 * {@code srun -n1 futures worker}, {@code kubectl exec -i POD -- futures worker}).
 */
@FunctionalInterface
public interface WorkerLauncher {
    /** The command that starts one worker. */
    List<String> command();

    /** Starts it: stdin and stdout are pipes to this process, stderr is this process's stderr. */
    default Process start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command()).redirectError(ProcessBuilder.Redirect.INHERIT);
        dev.futures.task.RunReaper.mark(builder);
        return dev.futures.spawn.Spawn.start(builder);
    }
}
