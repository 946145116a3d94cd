package io.tributary.console.lake;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of a Delta log's files: a commit is {@code <20-digit version>.json}, a checkpoint
 * {@code <version>.checkpoint[.<part>.<parts>|.<uuid>].parquet|json}. Pure.
 */
final class DeltaLogFiles {
    private static final Pattern COMMIT = Pattern.compile("(\\d{20})\\.json");
    private static final Pattern CHECKPOINT = Pattern.compile("(\\d{20})\\.checkpoint(\\..+)?\\.(parquet|json)");

    private DeltaLogFiles() {
    }

    /** The version of a commit file's name (the name after the last {@code /}), if it is one. */
    static OptionalLong commitVersion(String key) {
        Matcher m = COMMIT.matcher(name(key));
        return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }

    /** The version of a checkpoint file's name, if it is one. */
    static OptionalLong checkpointVersion(String key) {
        Matcher m = CHECKPOINT.matcher(name(key));
        return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }

    private static String name(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }
}
