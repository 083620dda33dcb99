package dev.futures.cli.jobs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * GNU parallel's options about where a job runs rather than what it runs: {@code --nice N}
 * (the command under {@code nice -n N}), {@code --tmpdir DIR} ({@code $TMPDIR} for every job, as
 * GNU's setting it is) and {@code --process-slot-var NAME} ({@code $NAME}, the job slot minus 1).
 * Each wraps a command line's {@link Job.Argv}; what {@code -v} and {@code --dry-run} show stays
 * the command as typed, as GNU's does.
 */
public record JobSurroundings(Integer nice, String tmpdir, String slotVariable) {

    public boolean isEmpty() {
        return nice == null && tmpdir == null && slotVariable == null;
    }

    public Job.Argv around(Job.Argv argv) {
        if (isEmpty()) {
            return argv;
        }
        return new Job.Argv() {
            @Override
            public List<String> of(List<String> values, long seq, int slot) {
                List<String> line = argv.of(values, seq, slot);
                if (nice == null) {
                    return line;
                }
                List<String> niced = new ArrayList<>(line.size() + 3);
                niced.add("nice");
                niced.add("-n");
                niced.add(Integer.toString(nice));
                niced.addAll(line);
                return niced;
            }

            @Override
            public String display(List<String> values, long seq, int slot) {
                return argv.display(values, seq, slot);
            }

            @Override
            public Map<String, String> environment(int slot) {
                Map<String, String> environment = new HashMap<>(argv.environment(slot));
                if (tmpdir != null) {
                    environment.put("TMPDIR", tmpdir);
                }
                if (slotVariable != null) {
                    environment.put(slotVariable, Integer.toString(slot - 1));
                }
                return environment;
            }
        };
    }
}
