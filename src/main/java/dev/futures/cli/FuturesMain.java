package dev.futures.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The process entry point. It exists so that cheap modes can branch off before Quarkus boots
 * (the process pool's {@code futures worker} will go straight to its loop from here).
 */
@QuarkusMain
public class FuturesMain {
    public static void main(String... args) {
        Quarkus.run(FuturesApplication.class, args);
    }
}
