package dev.futures.cli.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A program that cannot start has one short reason, whichever JDK runs futures. */
class JobTest {
    @Test
    void theReasonAProgramCannotRunReadsTheSameOnEveryJdk() {
        assertEquals("No such file or directory",
                Job.shortReason("Cannot run program \"x\": error=2, No such file or directory")); // JDK 17
        assertEquals("No such file or directory",
                Job.shortReason("Cannot run program \"x\": Exec failed, error: 2 (No such file or directory) ")); // JDK 25
        assertEquals("Permission denied", Job.shortReason("Cannot run program \"./f\": error=13, Permission denied"));
        assertEquals("something else", Job.shortReason("something else"));
    }
}
