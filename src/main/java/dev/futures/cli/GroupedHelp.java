package dev.futures.cli;

import dev.futures.cli.input.ArgsPerJob;
import dev.futures.cli.options.CommandOptions;
import dev.futures.cli.options.CompatOptions;
import dev.futures.cli.options.GnuQueries;
import dev.futures.cli.options.InputOptions;
import dev.futures.cli.options.JobLogOptions;
import dev.futures.cli.options.JobOptions;
import dev.futures.cli.options.OutputOptions;
import dev.futures.cli.options.PipeOptions;
import dev.futures.cli.options.PolicyOptions;
import dev.futures.cli.options.PoolOptions;
import dev.futures.cli.options.SshLoginOptions;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine;

/**
 * {@code --help} with the options under headings, one per options class (Inputs, Pool, Output,
 * ...), instead of one alphabetical list of sixty: a GNU parallel user finds their option next
 * to its kin. Only the rendering changes; the options stay plain mixins, so parsing and defaults
 * are untouched.
 */
final class GroupedHelp implements CommandLine.IHelpSectionRenderer {

    /** Headings in the order they print; an options class not named here goes under "Other". */
    private static final Map<Class<?>, String> HEADINGS = new LinkedHashMap<>();

    static {
        HEADINGS.put(MapCommand.class, "Task instead of a command");
        HEADINGS.put(CommandOptions.class, "Command line");
        HEADINGS.put(InputOptions.class, "Inputs");
        HEADINGS.put(ArgsPerJob.class, "Several inputs per job");
        HEADINGS.put(PipeOptions.class, "Blocks of stdin (--pipe)");
        HEADINGS.put(PoolOptions.class, "Pool");
        HEADINGS.put(SshLoginOptions.class, "Workers on other hosts");
        HEADINGS.put(JobOptions.class, "Running");
        HEADINGS.put(OutputOptions.class, "Output");
        HEADINGS.put(JobLogOptions.class, "Joblog and resuming");
        HEADINGS.put(PolicyOptions.class, "Stopping early");
        HEADINGS.put(CompatOptions.class, "GNU parallel habits");
        HEADINGS.put(GnuQueries.class, "GNU parallel habits");
    }

    /** Puts the grouped option list, and a short synopsis, on the verbs that run jobs. */
    static void install(CommandLine verb) {
        verb.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST, new GroupedHelp());
        verb.getCommandSpec().usageMessage().abbreviateSynopsis(true);
    }

    @Override
    public String render(Help help) {
        Map<String, List<OptionSpec>> groups = new LinkedHashMap<>();
        HEADINGS.values().forEach(heading -> groups.put(heading, new ArrayList<>()));
        groups.put("Other", new ArrayList<>());
        for (OptionSpec option : help.commandSpec().options()) {
            if (option.hidden()) {
                continue;
            }
            groups.get(headingOf(option)).add(option);
        }
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, List<OptionSpec>> group : groups.entrySet()) {
            if (group.getValue().isEmpty()) {
                continue;
            }
            Help.Layout layout = help.createDefaultLayout();
            for (OptionSpec option : group.getValue()) {
                layout.addOption(option, help.parameterLabelRenderer());
            }
            text.append(System.lineSeparator()).append(group.getKey()).append(':').append(System.lineSeparator())
                    .append(layout);
        }
        return text.toString();
    }

    private static String headingOf(OptionSpec option) {
        if (option.usageHelp() || option.versionHelp()) {
            return "Other";
        }
        Object field = option.userObject();
        Class<?> owner = field instanceof Field f ? f.getDeclaringClass() : null;
        return HEADINGS.getOrDefault(owner, "Other");
    }
}
