package io.tributary.configuration;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** The one known name close to a misspelt one (edit distance), for "did you mean" hints. */
final class NameSuggestion {
    private NameSuggestion() {
    }

    /**
     * The single closest candidate within a few edits of {@code name}, or of which {@code name} is the first words;
     * empty when none or several are as close.
     */
    static Optional<String> closest(String name, Collection<String> candidates) {
        String lower = name.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, name.length() / 4);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        boolean tie = false;
        for (String candidate : candidates) {
            int d = truncated(lower, candidate.toLowerCase(Locale.ROOT)) ? 1 : distance(lower, candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
                tie = false;
            } else if (d == bestDistance && !candidate.equals(best)) {
                tie = true;
            }
        }
        return best != null && bestDistance <= limit && !tie ? Optional.of(best) : Optional.empty();
    }

    /** A name cut short at a word boundary ({@code ..._HEARTBEAT} for {@code ..._HEARTBEAT_INTERVAL}). */
    private static boolean truncated(String name, String candidate) {
        return candidate.length() > name.length() && candidate.startsWith(name)
                && (candidate.charAt(name.length()) == '_' || candidate.charAt(name.length()) == '.');
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
