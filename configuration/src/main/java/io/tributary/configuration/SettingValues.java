package io.tributary.configuration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The typed values of one stage's settings, parsed once, with every problem found. A setting that had a problem reads
 * as absent, so a stage can go on building its configuration and add its own cross-setting problems with
 * {@link #problem} before {@link #throwIfInvalid()} reports them all in one {@link ConfigException}.
 */
public final class SettingValues {
    private final Map<SettingDefinition<?>, Entry> entries;
    private final Map<String, String> passThrough;
    private final List<String> problems;

    SettingValues(Map<SettingDefinition<?>, Entry> entries, Map<String, String> passThrough, List<String> problems) {
        this.entries = entries;
        this.passThrough = passThrough;
        this.problems = new ArrayList<>(problems);
    }

    /** The value ({@code null} when optional and unset, or when it had a problem). */
    @SuppressWarnings("unchecked")
    public <T> T get(SettingDefinition<T> setting) {
        return (T) entry(setting).value;
    }

    /** The value as {@code type}, for definitions held without their type (e.g. by an enum constant). */
    public <T> T get(SettingDefinition<?> setting, Class<T> type) {
        return type.cast(entry(setting).value);
    }

    public <T> Optional<T> find(SettingDefinition<T> setting) {
        return Optional.ofNullable(get(setting));
    }

    /** Whether the value came from a source rather than the default. */
    public boolean isSet(SettingDefinition<?> setting) {
        return !entry(setting).origin.equals("default");
    }

    /** The keys given with a pass-through prefix ({@code spark.*}), as given, highest-precedence value. */
    public Map<String, String> passThrough(String prefix) {
        Map<String, String> selected = new TreeMap<>();
        passThrough.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                selected.put(k, v);
            }
        });
        return selected;
    }

    /** Adds a problem the stage found (e.g. two settings that do not fit together). */
    public void problem(String text) {
        problems.add(text);
    }

    /** Adds a problem with the value of {@code setting}, phrased like the parser's own: {@code NAME (from S)='v' reason}. */
    public void problem(SettingDefinition<?> setting, String reason) {
        Entry e = entry(setting);
        problems.add(Entry.describe(setting, e.name, e.origin, e.text) + " " + reason);
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** Throws a {@link ConfigException} listing every problem, if there is one. */
    public void throwIfInvalid() {
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    /** {@code key=value} of every setting in the catalog's order, secrets as {@code <redacted>}: for the start-up log. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        entries.forEach((setting, e) -> {
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(setting.key()).append('=').append(setting.secret() ? Entry.REDACTED : e.text == null ? "" : e.text);
        });
        return out.toString();
    }

    @Override
    public String toString() {
        return describe();
    }

    private Entry entry(SettingDefinition<?> setting) {
        Entry e = entries.get(setting);
        if (e == null) {
            throw new IllegalArgumentException(setting.key() + " is not in this catalog");
        }
        return e;
    }

    /** One setting's raw text, where it came from and the typed value. */
    static final class Entry {
        static final String REDACTED = "<redacted>";

        final String name;
        final String origin;
        final String text;
        final Object value;

        private Entry(String name, String origin, String text, Object value) {
            this.name = name;
            this.origin = origin;
            this.text = text;
            this.value = value;
        }

        static Entry absent(SettingDefinition<?> setting) {
            return new Entry(setting.key(), "default", null, null);
        }

        static <T> Entry parse(SettingDefinition<T> setting, String name, String origin, String text,
                List<String> problems) {
            if (text.isBlank()) {
                if (!setting.optional()) {
                    problems.add(describe(setting, name, origin, text) + " must not be empty: " + setting.description());
                }
                return new Entry(name, origin, text, null);
            }
            T value;
            try {
                value = setting.type().parse(text);
            } catch (IllegalArgumentException e) {
                problems.add(describe(setting, name, origin, text) + " " + e.getMessage());
                return new Entry(name, origin, text, null);
            }
            for (Check<? super T> check : setting.checks()) {
                String problem = check.problem(value);
                if (problem != null) {
                    problems.add(describe(setting, name, origin, text) + " " + problem);
                    return new Entry(name, origin, text, null);
                }
            }
            return new Entry(name, origin, text, value);
        }

        /** {@code NAME (from ORIGIN)='text'}, the text redacted for a secret. */
        static String describe(SettingDefinition<?> setting, String name, String origin, String text) {
            String shown = setting.secret() ? REDACTED : "'" + (text == null ? "" : text) + "'";
            return name + " (from " + origin + ")=" + shown;
        }
    }
}
