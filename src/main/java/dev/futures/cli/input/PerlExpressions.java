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
            # GNU parallel's helpers in main, as its expressions call them (::uniq, ::pQ).
            sub uniq { return keys %{{ map { $_ => 1 } @_ }}; }
            sub perl_quote_scalar { my $a = $_[0]; $a =~ s/[\\\\\\"\\$\\@]/\\\\$&/g if defined $a; return $a; }
            sub pQ { perl_quote_scalar($_[0]) }
            sub Q { my $s = shift; return "''" if !defined $s || $s eq ''; return $s if $s =~ /^[-\\w.\\/:,+=@%]+$/; $s =~ s/'/'"'"'/g; return "'$s'"; }
            sub make_regexp_ungreedy {
                my ($regexp, $class, $escape, $found, $ungreedy) = (shift, 0, 0, 0, "");
                for my $c (split //, $regexp) {
                    if ($found) { $ungreedy .= "?" if $c ne "?"; $found = 0; }
                    $ungreedy .= $c;
                    if ($escape) { $escape = 0; next; }
                    if ($c eq "\\\\") { $escape = 1; next; }
                    if ($c eq "[") { $class = 1; next; }
                    if ($class) { $class = 0 if $c eq "]"; next; }
                    $found = 1 if $c =~ /[*}+]/;
                }
                $ungreedy .= "?" if $found;
                return $ungreedy;
            }
            { package futures_job; sub seq { $Arg::_seq } sub slot { $Arg::_slot } sub skip { $Arg::_skip = 1; return; } }
            # Expressions are compiled in package Arg, as GNU parallel's are: @arg is the job's inputs from $arg[1].
            package Arg;
            use POSIX ();
            our ($_seq, $_slot, $_total, $_uq, $_skip) = (0, 0, 0, 0, 0);
            our @arg;
            sub total_jobs { $_total }
            sub seq { $_seq }
            sub slot { $_slot }
            sub uq { $_uq = 1; return; }
            sub skip { $_skip = 1; return; }
            sub Q { ::Q(@_) }
            sub pQ { ::pQ(@_) }
            sub hash { require B; B::hash(@_) }
            sub yyyy_mm_dd_hh_mm_ss { POSIX::strftime("%Y-%m-%dT%H:%M:%S", localtime(time())) }
            sub yyyy_mm_dd_hh_mm { POSIX::strftime("%Y-%m-%dT%H:%M", localtime(time())) }
            sub yyyy_mm_dd { POSIX::strftime("%Y-%m-%d", localtime(time())) }
            sub hh_mm_ss { POSIX::strftime("%H:%M:%S", localtime(time())) }
            sub hh_mm { POSIX::strftime("%H:%M", localtime(time())) }
            sub yyyymmddhhmmss { POSIX::strftime("%Y%m%d%H%M%S", localtime(time())) }
            sub yyyymmddhhmm { POSIX::strftime("%Y%m%d%H%M", localtime(time())) }
            sub yyyymmdd { POSIX::strftime("%Y%m%d", localtime(time())) }
            sub hhmmss { POSIX::strftime("%H%M%S", localtime(time())) }
            sub hhmm { POSIX::strftime("%H%M", localtime(time())) }
            my $job = bless {}, 'futures_job';
            my @subs;
            for my $hex (@ARGV) {
                my $code = pack("H*", $hex);
                my $sub = eval "sub { no strict; no warnings; my \\$job = shift; $code\\n; }";
                if ($@) { print "e\\t", unpack("H*", $@), "\\n"; exit 1; }
                push @subs, $sub;
            }
            @ARGV = ();
            print "ok\\n";
            while (defined(my $line = <STDIN>)) {
                chomp $line;
                my ($i, $seq, $slot, $total, $hex, @values) = split /\\t/, $line, -1;
                ($_seq, $_slot, $_total, $_uq, $_skip) = ($seq, $slot, $total, 0, 0);
                @arg = (undef, map { pack("H*", $_) } @values);
                local $_ = pack("H*", defined $hex ? $hex : "");
                eval { $subs[$i]->($job); 1 } or do { print "e\\t", unpack("H*", $@), "\\n"; next; };
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
        return evaluate(index, value, List.of(value), seq, slot, total);
    }

    /** The same, with {@code @arg} = the job's inputs ({@code $arg[1]} the first), as GNU parallel's. */
    synchronized Result evaluate(int index, String value, List<String> inputs, long seq, int slot, long total) {
        if (perl == null) {
            start();
        }
        StringBuilder request = new StringBuilder().append(index).append('\t').append(seq).append('\t').append(slot)
                .append('\t').append(total).append('\t').append(hex(value));
        for (String input : inputs) {
            request.append('\t').append(hex(input));
        }
        request.append('\n');
        try {
            requests.write(request.toString().getBytes(StandardCharsets.US_ASCII));
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

    private static String hex(String text) {
        return HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String hex) {
        return new String(HexFormat.of().parseHex(hex.strip()), StandardCharsets.UTF_8);
    }
}
