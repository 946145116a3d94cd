package io.tributary.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every command's --help, as picocli renders it, reads as whole sentences: the line `tributary --help` lists for a
 * command is a sentence of its own, no description ends in ",", and no option's "(default ...)" follows a dangling
 * word ("Live status every (default 5s).").
 */
class HelpTextTest {
    private static final Set<String> DANGLING = Set.of("every", "of", "to", "for", "in", "at", "by", "with", "after",
            "before", "and", "or", "the", "a", "an", "than", "per", "each", "until", "from", "on");
    private static final Pattern BEFORE_DEFAULT = Pattern.compile("(\\S+)\\s+\\(default\\b");

    private static Map<String, CommandLine> commands() {
        CommandLine root = TributaryMain.commandLine();
        Map<String, CommandLine> all = new java.util.TreeMap<>(root.getSubcommands());
        all.put("tributary", root);
        return all;
    }

    private static String rendered(CommandLine command) {
        StringWriter out = new StringWriter();
        command.usage(new PrintWriter(out));
        return out.toString();
    }

    @Test
    void everyCommandRendersItsHelp() {
        commands().forEach((name, command) -> assertThat(rendered(command)).as(name).contains("Usage: "));
    }

    @Test
    void onlyTheCommandsThatStartServersListTheStartOptions() {
        Set<String> starting = Set.of("up", "demo", "chaos", "supervise");
        commands().forEach((name, command) -> {
            boolean listed = command.getCommandSpec().findOption("--startup-timeout") != null;
            assertThat(listed).as("%s lists --startup-timeout", name).isEqualTo(starting.contains(name));
            assertThat(command.getCommandSpec().findOption("--kafka-controller-port") != null)
                    .as("%s lists --kafka-controller-port", name).isEqualTo(starting.contains(name));
        });
    }

    @Test
    void noHelpLineIsWiderThanTheHelpWidth() {
        commands().forEach((name, command) -> assertThat(rendered(command).lines())
                .as(name).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(TributaryMain.HELP_WIDTH)));
    }

    @Test
    void theLineTheCommandListShowsIsAWholeSentence() {
        List<String> problems = new ArrayList<>();
        commands().forEach((name, command) -> {
            String[] header = command.getCommandSpec().usageMessage().header();
            String[] description = command.getCommandSpec().usageMessage().description();
            String first = header.length > 0 ? header[0] : description.length > 0 ? description[0] : "";
            if (!first.strip().endsWith(".")) {
                problems.add(name + ": \"" + first + "\"");
            }
        });
        assertThat(problems).as("the first line of these commands' header or description is not a sentence").isEmpty();
    }

    @Test
    void noDescriptionEndsInACommaOrLeavesADefaultDangling() {
        List<String> problems = new ArrayList<>();
        commands().forEach((name, command) -> {
            String description = String.join(" ", command.getCommandSpec().usageMessage().description()).strip();
            if (description.endsWith(",")) {
                problems.add(name + ": description ends in ','");
            }
            for (OptionSpec option : command.getCommandSpec().options()) {
                String text = String.join(" ", option.description()).strip();
                String where = name + " " + option.longestName() + ": \"" + text + "\"";
                if (text.isEmpty() || text.endsWith(",")) {
                    problems.add(where + " is empty or ends in ','");
                }
                Matcher m = BEFORE_DEFAULT.matcher(text);
                while (m.find()) {
                    if (DANGLING.contains(m.group(1).toLowerCase(java.util.Locale.ROOT))) {
                        problems.add(where + " leaves '" + m.group(1) + "' dangling before (default");
                    }
                }
                if (!text.matches("(?s).*[.)?]$")) {
                    problems.add(where + " is not a whole sentence (no final '.')");
                }
            }
        });
        assertThat(problems).as("help texts to fix").isEmpty();
    }

    @Test
    void lakehouseJobSettingsListsTheJobsSettingsFromTheirDefinitions() {
        StringWriter out = new StringWriter();
        int code = TributaryMain.execute(new String[] {"lakehouse-job", "settings"}, new PrintWriter(out),
                new PrintWriter(new StringWriter()));
        assertThat(code).isZero();
        assertThat(out.toString().lines().map(l -> l.split("\\s+")[0]).toList())
                .contains("TRIBUTARY_LAKEHOUSE_LAKE_ROOT", "TRIBUTARY_KAFKA_BOOTSTRAP", "TRIBUTARY_S3_BUCKET");
    }
}
