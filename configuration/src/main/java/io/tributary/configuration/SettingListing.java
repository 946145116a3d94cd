package io.tributary.configuration;

/** The settings table of {@code --help} and the docs: names, default and meaning of every setting, secrets marked. */
public final class SettingListing {
    private SettingListing() {
    }

    /**
     * Two lines per setting: {@code key / ENV (or ENV_FILE) (default: x)}, then the description; a secret is marked
     * {@code [secret]} and never shows a value other than its default.
     */
    public static String render(SettingCatalog catalog) {
        StringBuilder out = new StringBuilder();
        for (SettingDefinition<?> s : catalog.settings()) {
            out.append("  ").append(names(s)).append(" (default: ").append(s.defaultShown()).append(')')
                    .append(s.secret() ? " [secret]" : "").append(System.lineSeparator())
                    .append("      ").append(s.description()).append(System.lineSeparator());
        }
        return out.toString();
    }

    /** {@code key / ENV (or ALIAS)}, {@code ENV (or ENV_FILE)} when the key is the environment name. */
    public static String names(SettingDefinition<?> s) {
        StringBuilder names = new StringBuilder(s.key());
        if (!s.key().equals(s.envName())) {
            names.append(" / ").append(s.envName());
        }
        if (s.secret()) {
            names.append(" (or ").append(s.envFileName()).append(')');
        }
        for (String alias : s.envAliases()) {
            names.append(" (or ").append(alias).append(')');
        }
        return names.toString();
    }
}
