package dev.futures.cli;

import io.quarkus.runtime.QuarkusApplication;
import jakarta.inject.Inject;
import picocli.CommandLine;

/** Runs the picocli command tree inside the booted application and returns its exit code. */
public class FuturesApplication implements QuarkusApplication {

    @Inject
    CommandLine.IFactory factory;

    @Override
    public int run(String... args) {
        return CommandLines.create(factory).execute(args);
    }
}
