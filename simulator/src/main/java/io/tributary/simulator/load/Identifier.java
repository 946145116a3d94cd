package io.tributary.simulator.load;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A validated SQL identifier (table or column name). Only ASCII letters, digits and underscores,
 * starting with a letter or underscore, at most 63 characters (PostgreSQL's limit); letters are
 * folded to lower case as PostgreSQL does for unquoted names. Anything else (spaces, quotes,
 * semicolons, non-ASCII) is refused, so a CSV header can never inject SQL. The identifier is
 * always written quoted.
 */
public record Identifier(String name) {

    public static final String RULE = "use ASCII letters, digits and underscores, starting with a letter"
            + " or underscore, at most 63 characters";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    public Identifier {
        if (!SAFE.matcher(name).matches() || !name.equals(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("not a valid identifier: '" + name + "'; " + RULE);
        }
    }

    /** The identifier for {@code raw}, folded to lower case, or empty when {@code raw} is not safe. */
    public static Optional<Identifier> parse(String raw) {
        if (raw == null || !SAFE.matcher(raw).matches()) {
            return Optional.empty();
        }
        return Optional.of(new Identifier(raw.toLowerCase(Locale.ROOT)));
    }

    /** The name in double quotes, ready for SQL text. Safe because of the pattern above. */
    public String quoted() {
        return '"' + name + '"';
    }

    @Override
    public String toString() {
        return name;
    }
}
