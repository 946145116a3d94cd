package io.tributary.configuration;

import java.util.List;

/**
 * The configuration has problems: every one found at start, each naming the setting, where its value came from and
 * what to write instead. The message lists them one per line.
 */
public final class ConfigException extends RuntimeException {
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(String problem) {
        this(List.of(problem));
    }

    public ConfigException(String problem, Throwable cause) {
        super(problem, cause);
        this.problems = List.of(problem);
    }

    /** Each problem, in the order found. */
    public List<String> problems() {
        return problems;
    }
}
