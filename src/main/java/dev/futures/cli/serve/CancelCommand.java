package dev.futures.cli.serve;

import dev.futures.cli.run.ExitCodes;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code futures cancel ID}: prints whether the future is cancelled. */
@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = "Cancel a future that has not started (--force: also a running one, on the process pool).")
public class CancelCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Option(names = "--force", description = "Stop it even if it is running (process pool: its worker is replaced).")
    boolean force;

    @Override
    public Integer call() {
        DaemonClient.Answer answer = daemon.call("POST", "/v1/futures/" + id + "/cancel", Map.of("force", force), Map.of());
        if (answer.status() != 200) {
            return refused("cancel", answer);
        }
        System.out.println(answer.body().get("cancelled"));
        return ExitCodes.OK;
    }
}
