package dev.futures.cli;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import picocli.CommandLine;

/** {@code futures --version}: the version Maven built. */
@Singleton
public class VersionProvider implements CommandLine.IVersionProvider {

    @Inject
    @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown")
    String version;

    @Override
    public String[] getVersion() {
        return new String[] {"futures " + version};
    }
}
