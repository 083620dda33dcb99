package dev.futures.cli.output;

import java.nio.file.Path;

/** Where a run's joblog goes ({@code --joblog [+]FILE}, {@code --joblog-format}): opened when the run starts. */
public record JobLogTarget(Path file, JobLog.Format format, boolean append) {

    public JobLog open() {
        return JobLog.open(file, format, append);
    }
}
