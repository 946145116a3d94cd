package io.tributary.lakehouse.reconcile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Compares two fingerprint maps (key -> row fingerprint) of one table. Pure. */
public final class TableComparator {

    /** Keys that look like numbers sort numerically (9 before 10), the rest as text. */
    static final Comparator<String> KEY_ORDER = (a, b) -> {
        boolean na = a.matches("-?\\d{1,18}");
        boolean nb = b.matches("-?\\d{1,18}");
        if (na && nb) {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        }
        if (na != nb) {
            return na ? -1 : 1;
        }
        return a.compareTo(b);
    };

    private final int sampleSize;

    public TableComparator(int sampleSize) {
        if (sampleSize < 0) {
            throw new IllegalArgumentException("sample size must be >= 0, got " + sampleSize);
        }
        this.sampleSize = sampleSize;
    }

    /**
     * @param source   PostgreSQL rows, key -> fingerprint
     * @param lake     silver live rows, key -> fingerprint
     * @param inFlight keys to leave out on both sides (changed after the snapshot)
     */
    public TableDiff compare(String table, Map<String, String> source, Map<String, String> lake, Set<String> inFlight,
            List<String> missingColumns) {
        List<String> missing = new ArrayList<>();
        List<String> differing = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        long sourceRows = 0;
        long lakeRows = 0;
        for (Map.Entry<String, String> e : source.entrySet()) {
            if (inFlight.contains(e.getKey())) {
                continue;
            }
            sourceRows++;
            String other = lake.get(e.getKey());
            if (other == null) {
                missing.add(e.getKey());
            } else if (!other.equals(e.getValue())) {
                differing.add(e.getKey());
            }
        }
        for (String key : lake.keySet()) {
            if (inFlight.contains(key)) {
                continue;
            }
            lakeRows++;
            if (!source.containsKey(key)) {
                extra.add(key);
            }
        }
        return new TableDiff(table, sourceRows, lakeRows, missing.size(), extra.size(), differing.size(),
                inFlight.size(), first(missing), first(extra), first(differing), List.copyOf(missingColumns), -1);
    }

    private List<String> first(List<String> keys) {
        return keys.stream().sorted(KEY_ORDER).limit(sampleSize).toList();
    }
}
