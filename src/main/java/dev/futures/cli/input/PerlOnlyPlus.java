package dev.futures.cli.input;

import java.util.List;

/**
 * GNU parallel's {@code --plus} strings that futures leaves to perl, word for word from GNU's
 * own table (as {@code --rpl} definitions): bash's case changes {@code {^a}}, {@code {^^a}},
 * {@code {,A}}, {@code {,,A}}, the combinations {@code {choose_k}} and {@code {uniq}} that skip
 * jobs, and {@code {0#}}, the zero-padded sequence number. The common ones ({@code {..}},
 * {@code {%.gz}}, {@code {:2}} ...) run in Java ({@link ReplacementString}), so a run that uses
 * only those starts no perl.
 */
public final class PerlOnlyPlus {
    public static final List<String> TAGS = List.of(
            "{choose_k} for $t (2..$#arg){ if($arg[$t-1] ge $arg[$t]) { skip() } }",
            "{uniq} if(::uniq(@arg) != @arg) { skip(); }",
            "{0#} 1 $f=1+int((log(total_jobs())/log(10)));$_=sprintf(\"%0${f}d\",seq())",
            "{^([^}]+?)} s/^($$1)/uc($1)/e;",
            "{^^([^}]+?)} s/($$1)/uc($1)/eg;",
            "{,([^}]+?)} s/^($$1)/lc($1)/e;",
            "{,,([^}]+?)} s/($$1)/lc($1)/eg;");

    private PerlOnlyPlus() {
    }
}
