package dev.futures.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GNU parallel's options that futures does not have, each with what to use instead: a pasted
 * command line that uses one stops before anything runs with that line, not with picocli's bare
 * "Unknown option".
 */
final class GnuOptionsLeftOut {
    private static final Map<String, String> INSTEAD = new LinkedHashMap<>();

    static {
        left("no SQL job queue: 'futures serve' is a queue over HTTP with a journal, or use 'futures session'",
                "--sql", "--sqlmaster", "--sqlworker", "--sqlandworker");
        left("use --pipe: a job per block, each on its command's stdin", "--fifo", "--cat");
        left("use --output jsonl or --results DIR to follow each job", "--tmux", "--tmuxpane");
        left("send the file with each job (--transferfile FILE), or copy it with rsync or scp first", "--basefile",
                "--bf");
        left("jobs inherit futures' environment: export the variable (exported bash functions reach jobs too)", "--env",
                "--record-env", "--session");
        left("outputs stay in memory: there is nothing to compress", "--compress", "--compress-program",
                "--decompress-program");
        left("use -j N and --delay D to limit what runs at once", "--limit", "--ssh-delay", "--sshdelay");
        left("futures sends TERM, then KILL after 2 s, to a job it stops", "--termseq");
        left("use --tag or --tagstring (no colours)", "--ctag", "--ctagstring", "--color", "--colour",
                "--color-failed", "--cf");
        left("change directory in the command: 'cd DIR && COMMAND {}'", "--workdir", "--wd");
        left("--max-line-length-allowed prints the longest command line", "--show-limits");
        left("call futures map from the script instead", "--shebang", "--shebang-wrap", "--embed");
        left("not supported: --memfree, --load and --noswap hold starts back, -j N limits what runs at once",
                "--memsuspend");
        left("give the hosts to -S directly", "--hostgroups", "--hgrp", "--filter-hosts");
        left("futures is not a semaphore: use 'futures serve' and 'futures submit'", "--semaphore", "--semaphorename",
                "--id", "--fg", "--bg", "--semaphoretimeout", "--st");
    }

    private GnuOptionsLeftOut() {
    }

    private static void left(String instead, String... options) {
        for (String option : options) {
            INSTEAD.put(option, instead);
        }
    }

    /** For picocli's unmatched words: "GNU parallel's --sql is not in futures: use ..." for the first one GNU has; else null. */
    static String hint(List<String> unmatched) {
        for (String word : unmatched) {
            String option = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
            String instead = INSTEAD.get(option);
            if (instead != null) {
                return "GNU parallel's " + option + " is not in futures: " + instead;
            }
        }
        return null;
    }
}
