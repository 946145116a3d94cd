package io.tributary.simulator.run;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Relative weights of the business events, e.g. {@code order=30,advance=40,burst=0}. Kinds left out of
 * {@code --mix} keep their default weight; set one to 0 to switch it off.
 */
public final class Mix {

    private static final Map<ChangeKind, Integer> DEFAULTS = defaults();

    private final EnumMap<ChangeKind, Integer> weights;
    private final int total;

    private Mix(EnumMap<ChangeKind, Integer> weights) {
        this.weights = weights;
        this.total = weights.values().stream().mapToInt(Integer::intValue).sum();
        if (total <= 0) {
            throw new IllegalArgumentException("--mix: at least one kind needs a weight above 0");
        }
    }

    private static Map<ChangeKind, Integer> defaults() {
        EnumMap<ChangeKind, Integer> d = new EnumMap<>(ChangeKind.class);
        ShopEvents.ALL.forEach(event -> d.put(event.kind(), event.defaultWeight()));
        return d;
    }

    public static Mix defaultMix() {
        return new Mix(new EnumMap<>(DEFAULTS));
    }

    /** Parses {@code kind=weight,...}; names the bad key and lists the valid ones. */
    public static Mix parse(String text) {
        EnumMap<ChangeKind, Integer> weights = new EnumMap<>(DEFAULTS);
        if (text == null || text.isBlank()) {
            return new Mix(weights);
        }
        for (String part : text.split(",")) {
            String[] kv = part.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("--mix: '" + part.trim() + "' is not kind=weight");
            }
            String key = kv[0].trim().toLowerCase(Locale.ROOT);
            ChangeKind kind = null;
            for (ChangeKind k : ChangeKind.values()) {
                if (k.key().equals(key)) {
                    kind = k;
                }
            }
            if (kind == null) {
                throw new IllegalArgumentException("--mix: unknown kind '" + key + "'; kinds are " + keys());
            }
            int weight;
            try {
                weight = Integer.parseInt(kv[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--mix: weight of " + key + " must be a whole number, got '"
                        + kv[1].trim() + "'", e);
            }
            if (weight < 0) {
                throw new IllegalArgumentException("--mix: weight of " + key + " must be >= 0, got " + weight);
            }
            weights.put(kind, weight);
        }
        return new Mix(weights);
    }

    private static String keys() {
        StringBuilder sb = new StringBuilder();
        for (ChangeKind k : ChangeKind.values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(k.key());
        }
        return sb.toString();
    }

    public ChangeKind pick(SplittableRandom random) {
        int roll = random.nextInt(total);
        for (Map.Entry<ChangeKind, Integer> e : weights.entrySet()) {
            roll -= e.getValue();
            if (roll < 0) {
                return e.getKey();
            }
        }
        throw new IllegalStateException("unreachable: weights sum to " + total);
    }

    public int weight(ChangeKind kind) {
        return weights.getOrDefault(kind, 0);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        weights.forEach((k, w) -> sb.append(sb.length() == 0 ? "" : ",").append(k.key()).append('=').append(w));
        return sb.toString();
    }
}
