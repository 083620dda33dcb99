package dev.futures.spawn;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The {@link ProcessHandle} of a {@link SpawnedProcess}: signals go through the process, so they
 * stop once it is reaped; its children and descendants are the JDK's (read from {@code /proc}).
 */
final class SpawnedHandle implements ProcessHandle {
    /** What is known of a process that is gone: nothing, as the JDK answers for one. */
    private static final Info NO_INFO = new Info() {
        @Override
        public Optional<String> command() {
            return Optional.empty();
        }

        @Override
        public Optional<String> commandLine() {
            return Optional.empty();
        }

        @Override
        public Optional<String[]> arguments() {
            return Optional.empty();
        }

        @Override
        public Optional<Instant> startInstant() {
            return Optional.empty();
        }

        @Override
        public Optional<Duration> totalCpuDuration() {
            return Optional.empty();
        }

        @Override
        public Optional<String> user() {
            return Optional.empty();
        }
    };

    private final SpawnedProcess process;

    SpawnedHandle(SpawnedProcess process) {
        this.process = process;
    }

    private Optional<ProcessHandle> live() {
        return process.hasExited() ? Optional.empty() : ProcessHandle.of(process.pid());
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public Optional<ProcessHandle> parent() {
        return live().flatMap(ProcessHandle::parent);
    }

    @Override
    public Stream<ProcessHandle> children() {
        return live().map(ProcessHandle::children).orElseGet(Stream::empty);
    }

    @Override
    public Stream<ProcessHandle> descendants() {
        return live().map(ProcessHandle::descendants).orElseGet(Stream::empty);
    }

    @Override
    public Info info() {
        return live().map(ProcessHandle::info).orElse(NO_INFO);
    }

    @Override
    public CompletableFuture<ProcessHandle> onExit() {
        return process.onExit().thenApply(ended -> this);
    }

    @Override
    public boolean supportsNormalTermination() {
        return true;
    }

    @Override
    public boolean destroy() {
        return process.signal(LibC.SIGTERM);
    }

    @Override
    public boolean destroyForcibly() {
        return process.signal(LibC.SIGKILL);
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public int compareTo(ProcessHandle other) {
        return Long.compare(pid(), other.pid());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProcessHandle handle && handle.pid() == pid();
    }

    @Override
    public int hashCode() {
        return Long.hashCode(pid());
    }

    @Override
    public String toString() {
        return String.valueOf(pid());
    }
}
