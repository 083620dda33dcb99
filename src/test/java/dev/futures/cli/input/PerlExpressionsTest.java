package dev.futures.cli.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PerlExpressionsTest {

    @Test
    void evaluatesEachJobsValueInOnePerl() {
        PerlExpressions perl = new PerlExpressions();
        int upper = perl.register("$_ = uc($_)");
        int seq = perl.register("$_ = seq() . '/' . total_jobs() . '/' . slot()");
        int quoted = perl.register("$_ = Q($_); uq()");
        int skip = perl.register("skip() if /b/");
        perl.start();
        assertEquals(new PerlExpressions.Result("A\nB", true, false), perl.evaluate(upper, "a\nb", 1, 1, 3));
        assertEquals("2/3/1", perl.evaluate(seq, "x", 2, 1, 3).value());
        PerlExpressions.Result q = perl.evaluate(quoted, "it's", 1, 1, 1);
        assertEquals("'it'\"'\"'s'", q.value());
        assertFalse(q.quote(), "uq() leaves it unquoted");
        assertTrue(perl.evaluate(skip, "abc", 1, 1, 1).skip());
        assertFalse(perl.evaluate(skip, "a", 1, 1, 1).skip());
    }

    @Test
    void invalidPerlAndNoPerlAreUsageErrorsBeforeAnythingRuns() {
        PerlExpressions broken = new PerlExpressions();
        broken.register("syntax error (");
        UsageError invalid = assertThrows(UsageError.class, broken::start);
        assertTrue(invalid.getMessage().startsWith("perl: syntax error"), invalid.getMessage());
        PerlExpressions missing = new PerlExpressions("no-such-perl-here");
        missing.register("$_");
        UsageError none = assertThrows(UsageError.class, missing::start);
        assertTrue(none.getMessage().startsWith("{= perl expression =} needs perl, which is not on the PATH"),
                none.getMessage());
    }

    @Test
    void aCommandTemplateTakesPerlExpressionsAndQuotesTheirResultsInAShellLine() {
        PerlExpressions perl = new PerlExpressions();
        ReplacementString.Rules rules = new ReplacementString.Rules(false, List.of(), Map.of(),
                Map.of(), perl, ReplacementString.Parens.GNU);
        CommandTemplate argv = new CommandTemplate(List.of("echo", "{= s/.gz// =}", "{=2 s/.gz//; $_ .= '!' =}"), null, false,
                ArgsPerJob.Context.JOINED, rules, () -> 0);
        CommandTemplate line = new CommandTemplate(List.of("echo {= $_ = 'a b' =}"), null, true,
                ArgsPerJob.Context.JOINED, rules, () -> 0);
        perl.start();
        assertEquals(List.of("echo", "f x", "x!"), argv.expand(List.of("f.gz", "x.gz"), 1, 1));
        assertEquals(List.of("echo", "f", "!"), argv.expand(List.of("f.gz"), 1, 1));
        assertEquals("echo 'a b'", line.shellLine(List.of("x"), 1, 1));
    }

    @Test
    void twoExpressionsInOneWordStayTwo() {
        PerlExpressions perl = new PerlExpressions();
        ReplacementString.Rules rules = new ReplacementString.Rules(false, List.of(), Map.of(),
                Map.of(), perl, ReplacementString.Parens.GNU);
        CommandTemplate argv = new CommandTemplate(List.of("echo", "{= s/a/b/ =}-{= s/a/c/ =}"), null, false,
                ArgsPerJob.Context.JOINED, rules, () -> 0);
        perl.start();
        assertEquals(List.of("echo", "b-c"), argv.expand(List.of("a"), 1, 1));
    }
}
