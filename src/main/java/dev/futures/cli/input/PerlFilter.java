package dev.futures.cli.input;

import java.util.ArrayList;
import java.util.List;

/**
 * GNU parallel's {@code --filter EXPR}: a job runs only if every filter, its replacement strings
 * expanded (values shell-quoted, as GNU puts them in), is true as perl ({@code '{1} < {2}+1'}).
 * A job left out counts as one {@code skip()} left out. The expressions run in the run's perl
 * coprocess.
 */
public final class PerlFilter {
    /** Evaluates the expanded filter text itself, in GNU's package, as GNU's eval does. */
    private static final String EVALUATE = "$_ = (eval $_) ? 1 : 0";

    private final List<CommandTemplate> filters = new ArrayList<>();
    private final PerlExpressions perl;
    private final int index;

    public PerlFilter(List<String> expressions, ReplacementString.Rules rules) {
        this.perl = rules.perl();
        for (String expression : expressions) {
            filters.add(new CommandTemplate(List.of(expression), null, true, ArgsPerJob.Context.JOINED, rules, () -> 0));
        }
        this.index = expressions.isEmpty() ? -1 : perl.register(EVALUATE);
    }

    public boolean isEmpty() {
        return filters.isEmpty();
    }

    /** Whether the job with these values may run. */
    public boolean admits(List<String> values, long seq, int slot) {
        for (CommandTemplate filter : filters) {
            String text = filter.text(values, seq, slot);
            if (!perl.evaluate(index, text, values, seq, slot, 0).value().equals("1")) {
                return false;
            }
        }
        return true;
    }
}
