package dev.futures.cli.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a man page says beyond {@code --help}: the exit status, the environment, examples and
 * where to read on. Paragraphs that begin with {@code "$ "} are commands to type; a tab splits
 * a term from its meaning.
 */
final class ManText {
    record Section(String title, List<String> paragraphs) {
    }

    private ManText() {
    }

    private static final List<String> EXIT_STATUS = List.of(
            "0\tEvery task succeeded.",
            "1\tA task failed (its own exit code is in --output jsonl and the joblog).",
            "2\tUsage error: bad input is refused with one line on stderr before anything runs.",
            "3\tThe pool broke (a worker died, under --on-worker-death break), or no daemon answered a client.",
            "4\tThe future a client waited for was cancelled.",
            "124\t--timeout expired: what had not started was cancelled, what ran was killed.",
            "130, 143\tInterrupted by SIGINT or SIGTERM (128 + the signal).",
            "141\tStdout was closed (| head): no new job started, running ones were killed.",
            "When several hold: 130/143, 141, 2, 3, 124, 1, 4, 0.");

    private static final List<String> ENVIRONMENT = List.of(
            "FUTURES_WORKERS\tWorkers (-j) when -j is not given; default: the number of CPUs.",
            "FUTURES_SHELL\tThe shell of futures run and of one-word command lines; default /bin/sh.",
            "FUTURES_BUFFER_PER_WORKER\tInputs read ahead per worker when --buffersize is not given; default 4.",
            "FUTURES_STATE_DIR\tThe daemon's state directory (journal, token, address); default "
                    + "$XDG_STATE_HOME/futures, else ~/.local/state/futures.",
            "FUTURES_SERVER\tThe daemon a client talks to (http://HOST:PORT), instead of the state directory's address.",
            "FUTURES_PROCESS_GROUPS\talways, never or auto: whether each command gets a session of its own.",
            "FUTURES_JAVA_OPTS, FUTURES_WORKER_JAVA_OPTS\tExtra JVM options of the JVM build's launcher and of its process workers.",
            "PARALLEL_SHELL, SHELL\tThe shell under --gnu (or when invoked as parallel), as GNU parallel chooses it.",
            "PARALLEL_SEQ, PARALLEL_JOBSLOT, PARALLEL_PID\tSet in every job's environment, as GNU parallel sets them.");

    private static final Map<String, List<String>> EXAMPLES = Map.ofEntries(
            Map.entry("futures", List.of("$ futures map -j8 gzip ::: *.log",
                    "Compress every log, eight at a time, each job's output as one block in input order.",
                    "$ futures run 'make -C a' 'make -C b'", "Run two command lines side by side.")),
            Map.entry("futures-map", List.of(
                    "$ futures map -j4 gzip -k ::: *.log", "Compress the logs four at a time.",
                    "$ find . -name '*.png' | futures map optipng", "One job per line of stdin.",
                    "$ futures map echo {1} {2} ::: a b ::: 1 2", "Every combination of two input groups.",
                    "$ futures map --pool process --task digest ::: *.iso", "A named task in worker processes.",
                    "$ seq 100000 | futures map echo | head -n 3",
                    "A closed stdout ends the run: no new job starts, exit 141.",
                    "$ futures map --gnu 'echo {} ; exit {}' ::: 0 1", "GNU parallel's command-line rule.")),
            Map.entry("futures-run", List.of("$ futures run -j2 'make -C a' 'make -C b'",
                    "Two command lines at once.", "$ cat jobs.txt | futures run", "One command line per line of stdin.")),
            Map.entry("futures-session", List.of(
                    "$ printf '%s\\n' '{\"op\":\"submit\",\"id\":1,\"task\":\"square\",\"args\":[3]}' "
                            + "'{\"op\":\"result\",\"id\":1}' | futures session",
                    "An executor as a coprocess: one JSON request per line in, events out.")),
            Map.entry("futures-serve", List.of("$ futures serve --listen 127.0.0.1:0 -j4 &",
                    "A daemon other processes and containers submit work to.",
                    "$ id=$(futures submit sh 'make report'); futures result \"$id\"",
                    "Submit work, then wait for its result.")),
            Map.entry("futures-submit", List.of("$ futures submit --idempotency-key nightly sh 'make report'",
                    "Prints the future's id; a retry with the same key gets the same id.")),
            Map.entry("futures-wait", List.of("$ futures wait --return-when FIRST_COMPLETED f1 f2",
                    "Waits until one of them is done and prints the done ids.")),
            Map.entry("futures-completion", List.of("$ source <(futures completion bash)",
                    "Completion in the running bash.")),
            Map.entry("futures-tasks", List.of("$ futures tasks", "The built-in and registered tasks.")));

    static List<Section> sections(String page) {
        List<Section> sections = new ArrayList<>();
        sections.add(new Section("EXIT STATUS", EXIT_STATUS));
        sections.add(new Section("ENVIRONMENT", ENVIRONMENT));
        List<String> examples = EXAMPLES.get(page);
        if (examples != null) {
            sections.add(new Section("EXAMPLES", examples));
        }
        List<String> seeAlso = new ArrayList<>();
        seeAlso.add(page.equals("futures") ? "futures-map(1), futures-run(1), futures-session(1), futures-serve(1), "
                + "futures-completion(1), parallel(1), xargs(1)" : "futures(1), parallel(1), xargs(1)");
        seeAlso.add("The reference: docs/cli.md; coming from GNU parallel: docs/gnu-parallel.md; the worker and "
                + "session protocols: docs/protocol.md (in the release archive's share/doc/futures).");
        sections.add(new Section("SEE ALSO", seeAlso));
        return sections;
    }
}
