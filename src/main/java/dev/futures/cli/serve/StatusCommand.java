package dev.futures.cli.serve;

import dev.futures.cli.run.ExitCodes;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code futures status ID}: prints the future's state (pending, running, cancelled, finished). */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Print a future's state: pending, running, "
        + "cancelled or finished.")
public class StatusCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Override
    public Integer call() {
        DaemonClient.Answer answer = daemon.call("GET", "/v1/futures/" + id, null, Map.of());
        if (answer.status() != 200) {
            return refused("status", answer);
        }
        System.out.println(answer.body().get("state"));
        return ExitCodes.OK;
    }
}
