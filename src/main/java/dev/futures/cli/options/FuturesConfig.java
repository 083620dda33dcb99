package dev.futures.cli.options;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.OptionalInt;

/**
 * Defaults a user can set once instead of on every call, through any MicroProfile config source:
 * environment ({@code FUTURES_WORKERS=8}), system properties or {@code application.properties}.
 */
@ConfigMapping(prefix = "futures")
public interface FuturesConfig {

    /** Workers when {@code -j} is not given ({@code FUTURES_WORKERS}); without it, the number of CPUs. */
    OptionalInt workers();

    /** The shell that runs {@code futures run} command lines with {@code -c}. */
    @WithDefault("/bin/sh")
    String shell();

    /** Inputs read ahead per worker when {@code --buffersize} is not given. */
    @WithDefault("4")
    int bufferPerWorker();
}
