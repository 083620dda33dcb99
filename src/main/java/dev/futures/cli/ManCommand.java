package dev.futures.cli;

import dev.futures.cli.docs.ManPage;
import dev.futures.cli.run.ExitCodes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code futures man DIR} (hidden; the build runs it): writes {@code futures.1} and one page per
 * verb ({@code futures-map.1}, ...) into DIR, from the same model as {@code --help}.
 */
@Command(name = "man", hidden = true, mixinStandardHelpOptions = true,
        description = "Write the man pages (futures.1, futures-VERB.1) into DIR.")
public class ManCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", description = "Where the pages go (made if missing).")
    Path dir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        CommandLine root = spec.root().commandLine();
        String[] versions = spec.root().version();
        String version = versions.length == 0 ? "" : versions[0].replaceFirst("^futures ", "");
        String date = LocalDate.now().toString();
        Files.createDirectories(dir);
        write(root, "futures", version, date);
        for (var verb : root.getSubcommands().entrySet()) {
            CommandSpec sub = verb.getValue().getCommandSpec();
            if (!sub.usageMessage().hidden() && verb.getKey().equals(sub.name())) {
                write(verb.getValue(), "futures-" + verb.getKey(), version, date);
            }
        }
        return ExitCodes.OK;
    }

    private void write(CommandLine command, String page, String version, String date) throws IOException {
        Files.writeString(dir.resolve(page + ".1"), ManPage.render(command, page, version, date), StandardCharsets.UTF_8);
    }
}
