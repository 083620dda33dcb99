package dev.futures.cli.output;

import dev.futures.cli.input.CommandTemplate;
import dev.futures.cli.jobs.Job;

/**
 * How text output dresses each job's output, as GNU parallel's options ask: a tag before every
 * line ({@code --tag} is the input, {@code --tagstring STR} STR with its replacement strings
 * expanded), and the command line printed before the output ({@code -v} on stdout, {@code -t}
 * on stderr).
 */
public record TextLook(CommandTemplate tag, boolean verbose, boolean traceToStderr) {
    static final TextLook PLAIN = new TextLook(null, false, false);

    /** The tag for a job (null: none). */
    String tagOf(Job job, int slot) {
        return tag == null ? null : tag.text(job.values(), job.seq(), slot);
    }
}
