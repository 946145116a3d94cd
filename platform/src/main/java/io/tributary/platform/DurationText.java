package io.tributary.platform;

import io.tributary.configuration.DurationSyntax;
import java.time.Duration;

/** Durations of the CLI's options in the shared syntax ({@link DurationSyntax}), positive; and their short form. */
final class DurationText {

    private DurationText() {
    }

    static Duration parse(String text, String option) {
        Duration d;
        try {
            d = DurationSyntax.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": '" + text + "' is not a duration; write e.g. 90s, 2m, 500ms or PT90S");
        }
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(option + ": '" + text + "' must be a positive duration");
        }
        return d;
    }

    /** {@code 40s}, {@code 2m}, {@code 1m30s}: the short form for messages. */
    static String format(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        return s % 60 == 0 ? (s / 60) + "m" : (s / 60) + "m" + (s % 60) + "s";
    }
}
