package dev.futures.cli.jobs;

import dev.futures.cli.input.CommandTemplate;
import dev.futures.cli.input.UsageError;
import java.util.List;

/**
 * GNU parallel's {@code --retries N}: how many attempts a failed job gets in all. N may hold
 * replacement strings ({@code --retries {2}}), expanded per job as GNU's are; 0 and 1 mean one
 * attempt (GNU retries for ever on 0, which futures does not do to an unattended run).
 */
public final class Retries {
    /** One attempt: no retry. */
    public static final Retries NONE = new Retries(1, null);

    private final int fixed;
    private final CommandTemplate perJob;

    private Retries(int fixed, CommandTemplate perJob) {
        this.fixed = fixed;
        this.perJob = perJob;
    }

    /** @throws UsageError for a negative or non-numeric count without replacement strings */
    public static Retries parse(String text) {
        if (text == null) {
            return NONE;
        }
        CommandTemplate template = new CommandTemplate(List.of(text));
        if (template.hasReplacement()) {
            return new Retries(0, template);
        }
        try {
            int count = Integer.parseInt(text.strip());
            if (count < 0) {
                throw new UsageError("--retries must be 0 or more, got " + count);
            }
            return new Retries(Math.max(1, count), null);
        } catch (NumberFormatException e) {
            throw new UsageError("--retries must be a count or hold replacement strings ({}, {2}, {#}), got '" + text + "'");
        }
    }

    /** Whether some job may get more than one attempt. */
    public boolean mayRetry() {
        return perJob != null || fixed > 1;
    }

    /** The attempts {@code job} gets in all; an expanded value that is no count gives one, as a GNU 0 would here. */
    int attempts(Job job, int workers) {
        if (perJob == null) {
            return fixed;
        }
        String value = perJob.text(job.values(), job.seq(), job.slotAmong(workers)).strip();
        try {
            return Math.max(1, Integer.parseInt(value));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
