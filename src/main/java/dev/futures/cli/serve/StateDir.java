package dev.futures.cli.serve;

import java.nio.file.Path;

/** Where the daemon keeps its token and address: --state-dir, FUTURES_STATE_DIR, else the user's state directory. */
final class StateDir {
    private StateDir() {
    }

    static Path resolve(Path option) {
        if (option != null) {
            return option;
        }
        String env = System.getenv("FUTURES_STATE_DIR");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String xdg = System.getenv("XDG_STATE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("futures");
    }
}
