package dev.futures.cli.serve;

import dev.futures.cli.run.ExitCodes;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code futures shutdown}: stops the daemon, by default after the work it has. */
@Command(name = "shutdown", mixinStandardHelpOptions = true, description = "Stop the daemon after its work is done.")
public class ShutdownCommand extends ClientCommand {

    @Option(names = "--cancel-futures", description = "Cancel what has not started.")
    boolean cancelFutures;

    @Override
    public Integer call() {
        DaemonClient.Answer answer = daemon.await("POST", "/v1/shutdown", Map.of("wait", true, "cancel_futures", cancelFutures));
        return answer.status() == 200 ? ExitCodes.OK : refused("shutdown", answer);
    }
}
