package io.tributary.simulator.cli;

import io.tributary.configuration.DurationSyntax;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;

/** Durations of the command line in the shared syntax ({@link DurationSyntax}): 500ms, 60s, 10m, 2h, 1d, PT1M30S. */
public final class DurationParser implements ITypeConverter<Duration> {

    public static Duration parse(String text) {
        try {
            return DurationSyntax.parse(text);
        } catch (IllegalArgumentException e) {
            // the examples of the simulator's options (--duration 10m, --progress-interval 60s)
            throw new IllegalArgumentException("'" + text + "' is not a duration; write e.g. 500ms, 60s, 10m, 2h or PT1M30S", e);
        }
    }

    @Override
    public Duration convert(String value) {
        return parse(value);
    }
}
