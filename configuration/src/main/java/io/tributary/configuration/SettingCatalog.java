package io.tributary.configuration;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every setting of one stage, the environment prefix it owns (an unknown variable with that prefix is an error, most
 * likely a typo) and the key prefixes passed through to a library ({@code spark.}, {@code debezium.}). Parses the
 * sources into {@link SettingValues}, collecting every problem instead of stopping at the first.
 */
public final class SettingCatalog {
    private final List<SettingDefinition<?>> settings;
    private final String ownEnvPrefix;
    private final List<String> alsoOwned;
    private final List<String> passThroughPrefixes;
    private final String unknownKeyHint;

    private SettingCatalog(List<SettingDefinition<?>> settings, String ownEnvPrefix, List<String> alsoOwned,
            List<String> passThroughPrefixes, String unknownKeyHint) {
        this.settings = List.copyOf(settings);
        this.ownEnvPrefix = ownEnvPrefix;
        this.alsoOwned = List.copyOf(alsoOwned);
        this.passThroughPrefixes = List.copyOf(passThroughPrefixes);
        this.unknownKeyHint = unknownKeyHint;
    }

    /** The catalog of {@code settings}; environment variables starting with {@code ownEnvPrefix} must be among them. */
    public static SettingCatalog of(String ownEnvPrefix, List<SettingDefinition<?>> settings) {
        return new SettingCatalog(settings, ownEnvPrefix, List.of(), List.of(), "");
    }

    /** The catalog of settings read by a stage from variables other stages own (so it rejects no unknown name). */
    public static SettingCatalog borrowed(List<SettingDefinition<?>> settings) {
        return new SettingCatalog(settings, null, List.of(), List.of(), "");
    }

    /** Keys starting with {@code prefixes} are not settings but passed on (see {@link SettingValues#passThrough}). */
    public SettingCatalog passingThrough(String... prefixes) {
        return new SettingCatalog(settings, ownEnvPrefix, alsoOwned, List.of(prefixes), unknownKeyHint);
    }

    /**
     * Further environment prefixes this stage owns (a part of the stage named apart, e.g. the lakehouse job's
     * {@code TRIBUTARY_GOLD_}): unknown variables with them are errors too.
     */
    public SettingCatalog alsoOwning(String... prefixes) {
        return new SettingCatalog(settings, ownEnvPrefix, List.of(prefixes), passThroughPrefixes, unknownKeyHint);
    }

    /** Appended to the problem of an unknown key, e.g. where the known keys are listed. */
    public SettingCatalog unknownKeyHint(String hint) {
        return new SettingCatalog(settings, ownEnvPrefix, alsoOwned, passThroughPrefixes, hint);
    }

    public List<SettingDefinition<?>> settings() {
        return settings;
    }

    /** The environment prefix this stage owns, e.g. {@code TRIBUTARY_CDC_}. */
    public String ownEnvPrefix() {
        return ownEnvPrefix;
    }

    /**
     * Parses the sources, highest precedence first: for each setting the first source that has it wins, else its
     * default. The result holds every problem found; call {@link SettingValues#throwIfInvalid()} after adding the
     * stage's own cross-setting checks.
     */
    public SettingValues parse(List<SettingSource> highestFirst) {
        List<String> problems = new ArrayList<>();
        Map<String, String> passThrough = new LinkedHashMap<>();
        for (int i = highestFirst.size() - 1; i >= 0; i--) {
            SettingSource source = highestFirst.get(i);
            for (String name : source.values().keySet()) {
                if (!source.isEnvironment() && isPassThrough(name)) {
                    passThrough.put(name, source.values().get(name));
                } else if (isUnknown(source, name)) {
                    problems.add(unknownProblem(source, name));
                }
            }
        }
        Map<SettingDefinition<?>, SettingValues.Entry> entries = new LinkedHashMap<>();
        for (SettingDefinition<?> setting : settings) {
            entries.put(setting, resolve(setting, highestFirst, problems));
        }
        return new SettingValues(entries, passThrough, problems);
    }

    /** A properties file read into a map (names and values trimmed); a problem naming the file and {@code option}. */
    public static Map<String, String> readPropertiesFile(Path file, String option) {
        return PropertiesFile.read(file, option);
    }

    private boolean isPassThrough(String name) {
        return passThroughPrefixes.stream().anyMatch(name::startsWith);
    }

    private boolean isUnknown(SettingSource source, String name) {
        if (source.isEnvironment()) {
            boolean owned = ownEnvPrefix != null && name.startsWith(ownEnvPrefix)
                    || alsoOwned.stream().anyMatch(name::startsWith);
            return owned && !environmentNames().contains(name);
        }
        return !keyNames().contains(name);
    }

    private String unknownProblem(SettingSource source, String name) {
        Set<String> known = source.isEnvironment() ? environmentNames() : keyNames();
        String suggestion = NameSuggestion.closest(name, known).map(s -> "; did you mean " + s + "?").orElse("");
        if (source.isEnvironment() || !name.contains(".")) {
            return "unknown setting " + name + " (from " + source.origin() + ")" + suggestion
                    + (source.isEnvironment() ? "" : unknownKeyHint);
        }
        return "Unknown key '" + name + "' (from " + source.origin() + ")" + suggestion + unknownKeyHint;
    }

    private Set<String> environmentNames() {
        Set<String> names = new TreeSet<>();
        for (SettingDefinition<?> s : settings) {
            names.add(s.envName());
            names.addAll(s.envAliases());
            if (s.secret()) {
                names.add(s.envFileName());
            }
        }
        return names;
    }

    private Set<String> keyNames() {
        Set<String> names = new TreeSet<>();
        for (SettingDefinition<?> s : settings) {
            names.add(s.key());
            if (s.secret()) {
                names.add(s.keyFileName());
            }
        }
        return names;
    }

    private static SettingValues.Entry resolve(SettingDefinition<?> setting, List<SettingSource> highestFirst,
            List<String> problems) {
        for (SettingSource source : highestFirst) {
            List<String> names = new ArrayList<>();
            if (source.isEnvironment()) {
                names.add(setting.envName());
                names.addAll(setting.envAliases());
            } else {
                names.add(setting.key());
            }
            for (String name : names) {
                String value = source.values().get(name);
                if (value != null) {
                    return SettingValues.Entry.parse(setting, name, source.origin(), value, problems);
                }
            }
            if (setting.secret()) {
                String fileName = source.isEnvironment() ? setting.envFileName() : setting.keyFileName();
                String file = source.values().get(fileName);
                if (file != null && !file.isBlank()) {
                    return fromFile(setting, fileName, source.origin(), file.trim(), problems);
                }
            }
        }
        if (setting.defaultText() == null) {
            String envs = setting.envName() + (setting.secret() ? " or " + setting.envFileName() : "");
            problems.add(setting.key() + " is required: set " + envs + " (" + setting.description() + ")");
            return SettingValues.Entry.absent(setting);
        }
        return SettingValues.Entry.parse(setting, setting.key(), "default", setting.defaultText(), problems);
    }

    private static SettingValues.Entry fromFile(SettingDefinition<?> setting, String fileName, String origin,
            String file, List<String> problems) {
        try {
            return SettingValues.Entry.parse(setting, fileName, "file " + file, SecretFile.read(Path.of(file)), problems);
        } catch (IOException | RuntimeException e) {
            problems.add(fileName + ": cannot read the " + setting.secretNoun() + " file " + file + " (from " + origin
                    + "): " + e.getClass().getSimpleName() + "; check that it exists and is readable");
            return SettingValues.Entry.absent(setting);
        }
    }
}
