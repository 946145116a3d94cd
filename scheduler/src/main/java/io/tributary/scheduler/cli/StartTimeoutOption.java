package io.tributary.scheduler.cli;

import io.tributary.configuration.DurationSyntax;
import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --start-timeout} of the commands that request runs ({@code run}, {@code backfill}): a picocli mixin. */
final class StartTimeoutOption {
    @Option(names = "--start-timeout", defaultValue = "60s",
            description = "Give up (and withdraw the request) when no scheduler started a requested run within this (default ${DEFAULT-VALUE}).")
    String text;

    /** The option's duration; a usage error naming it unless it is a positive duration. */
    Duration value() {
        Duration d;
        try {
            d = DurationSyntax.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--start-timeout " + e.getMessage());
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("--start-timeout " + text + " must be above 0, e.g. 60s");
        }
        return d;
    }
}
