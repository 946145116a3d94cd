package io.tributary.configuration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One setting of a stage: its property key, environment variable (and older aliases), type, default, documentation,
 * whether it is required or secret, and the checks its value must pass. Build with {@link #define}.
 *
 * <p>The default is text in the setting's own syntax: {@code null} makes the setting required, the empty text makes
 * it optional (an empty value then means "not set"). A secret also accepts {@code <ENV>_FILE} (in the environment) or
 * {@code <key>.file} (among keys) naming a file that holds the value, and never shows its value.
 *
 * @param <T> the type of the value
 */
public final class SettingDefinition<T> {
    private final String key;
    private final String envName;
    private final List<String> envAliases;
    private final ValueType<T> type;
    private final String defaultText;
    private final String description;
    private final boolean secret;
    private final boolean emptyMeansUnset;
    private final String secretNoun;
    private final List<Check<? super T>> checks;

    private SettingDefinition(Builder<T> b) {
        this.key = b.key;
        this.envName = b.envName != null ? b.envName : b.key.toUpperCase(Locale.ROOT).replace('.', '_');
        this.envAliases = List.copyOf(b.envAliases);
        this.type = b.type;
        this.defaultText = b.defaultText;
        this.description = Objects.requireNonNull(b.description, () -> "no description for " + b.key);
        this.secret = b.secret;
        this.emptyMeansUnset = b.emptyMeansUnset || "".equals(b.defaultText);
        this.secretNoun = b.secretNoun;
        this.checks = List.copyOf(b.checks);
    }

    /** Starts the definition of the setting {@code key} (a property key, or an environment name used as key). */
    public static <T> Builder<T> define(String key, ValueType<T> type) {
        return new Builder<>(key, type);
    }

    public String key() {
        return key;
    }

    /** The environment variable: the key upper-cased with dots replaced by underscores, unless given. */
    public String envName() {
        return envName;
    }

    /** Further environment variables read, in order, when {@link #envName()} is unset. */
    public List<String> envAliases() {
        return envAliases;
    }

    public ValueType<T> type() {
        return type;
    }

    /** The default as text; {@code null} when the setting is required, empty when it is optional. */
    public String defaultText() {
        return defaultText;
    }

    public String description() {
        return description;
    }

    public boolean secret() {
        return secret;
    }

    public boolean required() {
        return defaultText == null;
    }

    /** Whether an empty value means "not set" (the default is empty, or {@link Builder#emptyMeansUnset()}). */
    public boolean optional() {
        return emptyMeansUnset;
    }

    /** The environment variable naming a file that holds the secret. */
    public String envFileName() {
        return envName + "_FILE";
    }

    /** The key naming a file that holds the secret: {@code <key>.file}, or {@code <KEY>_FILE} for a key in environment form. */
    public String keyFileName() {
        return key.equals(envName) ? envFileName() : key + ".file";
    }

    /** What kind of file holds the secret, for messages: {@code password}, {@code key}, {@code secret}. */
    String secretNoun() {
        return secretNoun;
    }

    List<Check<? super T>> checks() {
        return checks;
    }

    /** How --help shows the default: the value, {@code required} or {@code empty}. */
    public String defaultShown() {
        return defaultText == null ? "required" : defaultText.isEmpty() ? "empty" : defaultText;
    }

    @Override
    public String toString() {
        return key;
    }

    /** Collects the parts of a definition. */
    public static final class Builder<T> {
        private final String key;
        private final ValueType<T> type;
        private String envName;
        private final List<String> envAliases = new ArrayList<>();
        private String defaultText;
        private String description;
        private boolean secret;
        private boolean emptyMeansUnset;
        private String secretNoun = "secret";
        private final List<Check<? super T>> checks = new ArrayList<>();

        private Builder(String key, ValueType<T> type) {
            this.key = Objects.requireNonNull(key, "key");
            this.type = Objects.requireNonNull(type, "type");
        }

        /** The default as text in the setting's syntax; empty makes the setting optional. Without one it is required. */
        public Builder<T> defaultValue(String text) {
            this.defaultText = text;
            return this;
        }

        public Builder<T> doc(String text) {
            this.description = text;
            return this;
        }

        /** The environment variable, when it is not the key upper-cased with dots as underscores. */
        public Builder<T> env(String name) {
            this.envName = name;
            return this;
        }

        /** A further environment variable read when the own one is unset (e.g. a container image's generic name). */
        public Builder<T> envAlias(String name) {
            this.envAliases.add(name);
            return this;
        }

        /** Never shown; also read from a file named by {@code <ENV>_FILE} / {@code <key>.file}. */
        public Builder<T> secret() {
            return secret("secret");
        }

        /** As {@link #secret()}, naming the kind of secret in messages ({@code password}). */
        public Builder<T> secret(String noun) {
            this.secret = true;
            this.secretNoun = noun;
            return this;
        }

        /** An empty value means "not set" although the default is not empty (e.g. "empty: the AWS default endpoint"). */
        public Builder<T> emptyMeansUnset() {
            this.emptyMeansUnset = true;
            return this;
        }

        public Builder<T> check(Check<? super T> check) {
            this.checks.add(check);
            return this;
        }

        public SettingDefinition<T> build() {
            return new SettingDefinition<>(this);
        }
    }
}
