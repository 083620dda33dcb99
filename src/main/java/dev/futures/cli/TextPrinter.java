package dev.futures.cli;

import java.io.PrintStream;

/** Each task's stdout as one block on stdout, its stderr as one block on stderr. */
final class TextPrinter implements ResultPrinter {
    private final PrintStream out;
    private final PrintStream err;

    TextPrinter(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public void start(String op, JobRunner.Settings settings) {
    }

    @Override
    public void result(JobResult result) {
        if (result.stdout().length > 0) {
            out.write(result.stdout(), 0, result.stdout().length);
            out.flush();
        }
        if (result.stderr().length > 0) {
            err.write(result.stderr(), 0, result.stderr().length);
            err.flush();
        }
    }

    @Override
    public void broken(Job job, RuntimeException error) {
    }

    @Override
    public void timeout(long unfinished, long total, String message) {
    }

    @Override
    public void end(int exitCode) {
    }
}
