package dev.futures.cli.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GNU parallel's replacement strings. */
class CommandTemplateTest {

    private static List<String> expand(List<String> words, List<String> values) {
        return new CommandTemplate(words).expand(values, 7, 2);
    }

    @Test
    void replacesInsideAnyWordAndNeverSplits() {
        assertEquals(List.of("sh", "-c", "sleep 1; echo a b", "a b.gz"),
                expand(List.of("sh", "-c", "sleep 1; echo {}", "{}.gz"), List.of("a b")));
    }

    @Test
    void appendsTheInputsWhenNoReplacementString() {
        assertEquals(List.of("gzip", "-k", "x.log"), expand(List.of("gzip", "-k"), List.of("x.log")));
        assertEquals(List.of("echo", "a", "1"), expand(List.of("echo"), List.of("a", "1")));
    }

    @Test
    void pathReplacements() {
        List<String> words = List.of("{}", "{.}", "{/}", "{//}", "{/.}");
        assertEquals(List.of("dir/sub/file.tar.gz", "dir/sub/file.tar", "file.tar.gz", "dir/sub", "file.tar"),
                expand(words, List.of("dir/sub/file.tar.gz")));
        assertEquals(List.of("file", "file", "file", ".", "file"), expand(words, List.of("file")));
        assertEquals(List.of("d.x/f", "d.x/f", "f", "d.x", "f"), expand(words, List.of("d.x/f")));
        assertEquals(List.of("/top.txt", "/top", "top.txt", "/", "top"), expand(words, List.of("/top.txt")));
        assertEquals(List.of(".bashrc", ".bashrc", ".bashrc", ".", ".bashrc"), expand(words, List.of(".bashrc")));
    }

    @Test
    void sequenceSlotAndGroups() {
        assertEquals(List.of("7", "2", "job-7-slot-2"), expand(List.of("{#}", "{%}", "job-{#}-slot-{%}"), List.of("x")));
        assertEquals(List.of("b/c.d", "a", "b/c", "a b/c.d"),
                expand(List.of("{2}", "{1}", "{2.}", "{}"), List.of("a", "b/c.d")));
        assertEquals(List.of("c.d", "b", "c"), expand(List.of("{2/}", "{2//}", "{2/.}"), List.of("a", "b/c.d")));
    }

    @Test
    void aGroupThatDoesNotExistIsAUsageError() {
        CommandTemplate template = new CommandTemplate(List.of("echo", "{3}"));
        template.requireGroups(3);
        UsageError error = assertThrows(UsageError.class, () -> template.requireGroups(2));
        assertEquals("{3} names input group 3, but there are 2", error.getMessage());
    }

    @Test
    void bracesThatAreNotReplacementsStay() {
        assertEquals(List.of("{a}", "{ }", "x"), expand(List.of("{a}", "{ }"), List.of("x")));
    }

    @Test
    void aShellLineQuotesEveryValueItTakes() {
        CommandTemplate line = new CommandTemplate(List.of("echo {} | wc -c; echo {1/}"), null, true);
        assertEquals("echo 'a b' 'it'\"'\"'s' | wc -c; echo 'a b'", line.shellLine(List.of("a b", "it's"), 1, 1));
        assertEquals("gzip -9 x.log", new CommandTemplate(List.of("gzip -9"), null, true).shellLine(List.of("x.log"), 1, 1));
    }

    @Test
    void underMinusIAnotherStringIsTheInputAndBracesAreLiteral() {
        assertEquals(List.of("a-x", "{}", "7"), new CommandTemplate(List.of("@@-x", "{}", "{#}"), "@@", false).expand(List.of("a"), 7, 1));
    }

    @Test
    void severalInputsAroundBracesSplitForMinusMAndRepeatForMinusX() {
        List<String> values = List.of("a", "b", "c");
        assertEquals(List.of("pre-a", "b", "c-post"), new CommandTemplate(List.of("pre-{}-post"), null, false,
                ArgsPerJob.Context.SPLIT, ReplacementString.Rules.GNU, () -> 0).expand(values, 1, 1));
        assertEquals(List.of("pre-a-post", "pre-b-post", "pre-c-post"), new CommandTemplate(List.of("pre-{}-post"), null,
                false, ArgsPerJob.Context.REPEATED, ReplacementString.Rules.GNU, () -> 0).expand(values, 1, 1));
    }

    @Test
    void plusStringsAndCustomOnesOnlyWhenAskedFor() {
        ReplacementString.Rules plus = new ReplacementString.Rules(true,
                List.of(RplTag.define("{r} s/a/b/g")), Map.of());
        List<String> words = List.of("{..}", "{+.}", "{%.gz}", "{:1:2}", "{##}", "{r}", "{-1}");
        assertEquals(List.of("d/f", "gz", "d/f.tar", "/f", "5", "d/f.tbr.gz", "d/f.tar.gz"),
                new CommandTemplate(words, null, false, ArgsPerJob.Context.JOINED, plus, () -> 5)
                        .expand(List.of("d/f.tar.gz"), 1, 1));
        assertEquals(List.of("{..}", "{%.gz}", "{##}", "x"), expand(List.of("{..}", "{%.gz}", "{##}"), List.of("x")));
        assertThrows(UsageError.class, () -> PerlSubstitution.define("{r} tr/a/b/"));
        assertThrows(UsageError.class, () -> PerlSubstitution.define("{r} s/a/$2/"));
    }
}
