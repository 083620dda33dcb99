package dev.futures.cli.input;

import dev.futures.spawn.Spawn;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GNU parallel's {@code {= perl expression =}} replacement strings (and {@code --rpl} tags
 * defined by any perl, not only {@code s///}), evaluated by one {@code perl} coprocess per run:
 * every expression is compiled once when the run starts (so invalid perl stops the run, exit 2,
 * with perl's message, before anything runs), then each job's value is sent to it and the
 * result read back before the job starts. As in GNU parallel, {@code $_} holds the value, the
 * expression changes it in place, and {@code total_jobs()}, {@code seq()}, {@code slot()},
 * {@code $job->seq()}, {@code $job->slot()}, {@code Q()}, {@code uq()} and {@code skip()} are there.
 *
 * <p>Requests and answers are one line each, strings hex-encoded so that any byte (a newline
 * in an input) passes: {@code index TAB seq TAB slot TAB total TAB hex} in, {@code q|u|s|e TAB
 * hex} out (q: quote the result into a shell line, u: uq() was called, s: skip() was called,
 * e: the expression died).
 */
public final class PerlExpressions {
    static final String SCRIPT = """
            $| = 1;
            our ($_seq, $_slot, $_total, $_uq, $_skip) = (0, 0, 0, 0, 0);
            sub total_jobs { $_total }
            sub seq { $_seq }
            sub slot { $_slot }
            sub uq { $_uq = 1; return; }
            sub skip { $_skip = 1; return; }
            sub Q { my $s = shift; return "''" if !defined $s || $s eq ''; return $s if $s =~ /^[-\\w.\\/:,+=@%]+$/; $s =~ s/'/'"'"'/g; return "'$s'"; }
            { package futures_job; sub seq { $main::_seq } sub slot { $main::_slot } }
            our $job = bless {}, 'futures_job';
            my @subs;
            for my $hex (@ARGV) {
                my $code = pack("H*", $hex);
                my $sub = eval "sub { $code\\n; }";
                if ($@) { print "e\\t", unpack("H*", $@), "\\n"; exit 1; }
                push @subs, $sub;
            }
            @ARGV = ();
            print "ok\\n";
            while (defined(my $line = <STDIN>)) {
                chomp $line;
                my ($i, $seq, $slot, $total, $hex) = split /\\t/, $line, 5;
                ($_seq, $_slot, $_total, $_uq, $_skip) = ($seq, $slot, $total, 0, 0);
                local $_ = pack("H*", defined $hex ? $hex : "");
                eval { $subs[$i]->(); 1 } or do { print "e\\t", unpack("H*", $@), "\\n"; next; };
                $_ = "" unless defined $_;
                print(($_skip ? "s" : $_uq ? "u" : "q"), "\\t", unpack("H*", $_), "\\n");
            }
            """;

    /** What an expression gave for one job. */
    public record Result(String value, boolean quote, boolean skip) {
    }

    /** A job that {@code skip()} left out: it does not run. */
    public static final class Skipped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Skipped() {
            super("skipped by skip()", null, false, false);
        }
    }

    private final String program;
    private final Map<String, Integer> expressions = new LinkedHashMap<>();
    private Process perl;
    private OutputStream requests;
    private BufferedReader answers;

    public PerlExpressions() {
        this("perl");
    }

    /** {@code program}: the perl to run (tests name one that is not there). */
    PerlExpressions(String program) {
        this.program = program;
    }

    /** The index of {@code expression}, registering it if it is new (before {@link #start()}). */
    synchronized int register(String expression) {
        Integer index = expressions.get(expression);
        if (index != null) {
            return index;
        }
        if (perl != null) {
            throw new IllegalStateException("a perl expression after the coprocess started: " + expression);
        }
        expressions.put(expression, expressions.size());
        return expressions.size() - 1;
    }

    /**
     * Starts perl and compiles every registered expression; nothing when there are none.
     *
     * @throws UsageError when perl is not on the PATH or an expression does not compile
     */
    public synchronized void start() {
        if (expressions.isEmpty() || perl != null) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(program, "-e", SCRIPT));
        for (String expression : expressions.keySet()) {
            command.add(HexFormat.of().formatHex(expression.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            perl = Spawn.start(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT));
        } catch (IOException e) {
            throw new UsageError("{= perl expression =} needs perl, which is not on the PATH (" + e.getMessage() + ")");
        }
        requests = perl.getOutputStream();
        answers = new BufferedReader(new InputStreamReader(perl.getInputStream(), StandardCharsets.UTF_8));
        String ready = readLine();
        if (ready == null || !ready.equals("ok")) {
            String message = ready != null && ready.startsWith("e\t") ? decode(ready.substring(2)) : "perl ended";
            throw new UsageError("perl: " + message.lines().findFirst().orElse("").strip());
        }
    }

    /** Evaluates expression {@code index} with {@code $_} = {@code value}. */
    synchronized Result evaluate(int index, String value, long seq, int slot, long total) {
        if (perl == null) {
            start();
        }
        String request = index + "\t" + seq + "\t" + slot + "\t" + total + "\t"
                + HexFormat.of().formatHex(value.getBytes(StandardCharsets.UTF_8)) + "\n";
        try {
            requests.write(request.getBytes(StandardCharsets.US_ASCII));
            requests.flush();
        } catch (IOException e) {
            throw new IllegalStateException("perl ended: " + e.getMessage(), e);
        }
        String answer = readLine();
        if (answer == null || answer.length() < 2) {
            throw new IllegalStateException("perl ended");
        }
        String text = decode(answer.substring(2));
        return switch (answer.charAt(0)) {
            case 's' -> new Result("", false, true);
            case 'u' -> new Result(text, false, false);
            case 'e' -> throw new IllegalStateException("perl: " + text.strip());
            default -> new Result(text, true, false);
        };
    }

    private String readLine() {
        try {
            return answers.readLine();
        } catch (IOException e) {
            return null;
        }
    }

    private static String decode(String hex) {
        return new String(HexFormat.of().parseHex(hex.strip()), StandardCharsets.UTF_8);
    }
}
