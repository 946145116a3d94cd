package io.tributary.configuration;

import java.util.Map;
import java.util.TreeMap;

/**
 * Raw values from one place, with the name errors use for it: the environment (looked up by environment names, only
 * the stage's own prefix is checked for unknown names) or keys (a properties file, {@code --set} or {@code -D}
 * overrides: every name must be a known key or start with a pass-through prefix).
 */
public final class SettingSource {
    private final String origin;
    private final Map<String, String> values;
    private final boolean environment;

    private SettingSource(String origin, Map<String, String> values, boolean environment) {
        this.origin = origin;
        this.values = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k != null && v != null) {
                this.values.put(k, v);
            }
        });
        this.environment = environment;
    }

    /** The process environment (or a map standing for it in tests). */
    public static SettingSource environment(Map<String, String> env) {
        return new SettingSource("environment", env, true);
    }

    /** Keys from a properties file or the command line; {@code origin} names it in errors, e.g. {@code --set}. */
    public static SettingSource keys(String origin, Map<String, String> values) {
        return new SettingSource(origin, values, false);
    }

    public String origin() {
        return origin;
    }

    Map<String, String> values() {
        return values;
    }

    boolean isEnvironment() {
        return environment;
    }

    @Override
    public String toString() {
        return origin;
    }
}
