package dev.futures.cli;

/** How one job ended: its exit code and everything it wrote. */
record JobResult(Job job, int exitCode, byte[] stdout, byte[] stderr) {

    boolean succeeded() {
        return exitCode == 0;
    }
}
