package io.tributary.registry;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Confluent's compatibility levels. BACKWARD: the new schema can read data written with the old one(s);
 * FORWARD: the old schema(s) can read data written with the new one; FULL: both. The plain levels compare with
 * the latest version, the TRANSITIVE ones with every (not deleted) version; NONE checks nothing.
 */
public enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    public static final CompatibilityLevel DEFAULT = BACKWARD;

    private final boolean newReadsOld;
    private final boolean oldReadsNew;
    private final boolean transitive;

    CompatibilityLevel(boolean newReadsOld, boolean oldReadsNew, boolean transitive) {
        this.newReadsOld = newReadsOld;
        this.oldReadsNew = oldReadsNew;
        this.transitive = transitive;
    }

    /** The new schema must be able to read data written with the existing one(s). */
    public boolean newReadsOld() {
        return newReadsOld;
    }

    /** The existing schema(s) must be able to read data written with the new one. */
    public boolean oldReadsNew() {
        return oldReadsNew;
    }

    /** Compared with every version rather than the latest only. */
    public boolean transitive() {
        return transitive;
    }

    /** Case-insensitive lookup; empty for null or unknown names. */
    public static Optional<CompatibilityLevel> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String upper = name.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(l -> l.name().equals(upper)).findFirst();
    }
}
