package dev.futures.cli.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PerlSubstitutionTest {

    private static String apply(String rpl, String value) {
        return PerlSubstitution.define(rpl).substitution().apply(value);
    }

    @Test
    void substitutionsRunOneAfterAnotherWithAnyDelimiter() {
        // parallel_tutorial's {..}: two extensions off, with ':' as the delimiter and a '$' anchor.
        assertEquals("foo", apply("{..} s:\\.[^.]+$::;s:\\.[^.]+$::;", "foo.tar.gz"));
        assertEquals("a-b", apply("{x} s#/#-#g", "a/b"));
        assertEquals("X.txt", apply("{x} s/^.*?(\\.\\w+)$/X$1/", "name.txt"));
    }

    @Test
    void perlsReplacementIsTakenLiterallyBesideItsGroups() {
        assertEquals("$5 \\ 10", apply("{x} s/(1)/\\$5 \\\\ ${1}0/", "1"));
        assertEquals("a/b", apply("{x} s/-/\\//", "a-b"));
        assertEquals("B", apply("{x} s/b/B/i", "b"));
    }

    @Test
    void whatIsNotASubstitutionIsRefusedBeforeAnythingRuns() {
        assertThrows(UsageError.class, () -> PerlSubstitution.define("{x} tr/a/b/"));
        assertThrows(UsageError.class, () -> PerlSubstitution.define("{x} s/a/$2/"));
        assertThrows(UsageError.class, () -> PerlSubstitution.define("{x} s/a/b/; $_ = uc"));
        assertThrows(UsageError.class, () -> PerlSubstitution.define("{x} s/a/b"));
        assertThrows(UsageError.class, () -> PerlSubstitution.define("{x} s/(/b/"));
    }
}
