package io.tributary.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The statements of the {@link ChaosFault#INCOMPATIBLE_COLUMN_CHANGE} fault, on a table of its own that chaos creates
 * ({@code chaos_alter_<n>}: id, a nullable integer {@code v}, a text). Pure.
 *
 * <p>Odd occurrences change {@code v} to text ({@code ALTER COLUMN v TYPE text}, the change issue 23 names first):
 * Debezium's value schema turns {@code v} from {@code ["null","int"]} into {@code ["null","string"]}, which the registry
 * refuses under BACKWARD, so cdc-engine parks the table; once accepted and resumed, the lake rewrites the column as
 * text in silver and bronze and takes the records. Even occurrences make {@code v} NOT NULL ({@code ["null","int"]}
 * into {@code "int"}, refused too: the new schema cannot read the NULLs the old one allows), which the lake takes with
 * no change to silver or bronze. Either way reconcile finds the table equal in the end.
 *
 * @param schema the captured schema ({@code shop})
 * @param table  {@code chaos_alter_<n>}
 * @param toText true for the type change to text, false for SET NOT NULL
 */
record ChaosColumnChange(String schema, String table, boolean toText) {
    static final String PREFIX = "chaos_alter_";
    static final int SEED_ROWS = 50;

    /** The table of the {@code occurrence}-th fault of this kind (1, 2, ...): each occurrence changes a new table. */
    static ChaosColumnChange of(String schema, int occurrence) {
        return new ChaosColumnChange(schema, PREFIX + occurrence, occurrence % 2 == 1);
    }

    String qualified() {
        return schema + "." + table;
    }

    /** The statements that create the table and its first rows (before the change: their schema is registered first). */
    List<String> create() {
        return create(qualified());
    }

    /** A chaos table of this shape ({@code id bigint} key, {@code v integer}, {@code note text}) with its first rows. */
    static List<String> create(String qualified) {
        return List.of("CREATE TABLE " + qualified + " (id bigint PRIMARY KEY, v integer, note text)",
                "INSERT INTO " + qualified + " (id, v, note) SELECT g, g, 'row ' || g FROM generate_series(1, " + SEED_ROWS + ") g");
    }

    /** The change the registry refuses. */
    String alter() {
        return "ALTER TABLE " + qualified() + (toText ? " ALTER COLUMN v TYPE text" : " ALTER COLUMN v SET NOT NULL");
    }

    /** What the change does, for the output. */
    String describe() {
        return toText ? qualified() + ".v integer -> text (ALTER COLUMN v TYPE text)"
                : qualified() + ".v integer NULL -> NOT NULL (ALTER COLUMN v SET NOT NULL)";
    }

    /** The registry subject of the table's values (cdc-engine's topic {@code tributary.<schema>.<table>}). */
    String valueSubject() {
        return "tributary." + qualified() + "-value";
    }

    /** A writer's next change of the table: before, during and after the change (never a NULL {@code v}). */
    Writes writes(long seed) {
        return new Writes(qualified(), new Random(seed));
    }

    /**
     * The changes a writer makes, one statement at a time: 60 % update a live row's {@code v}, 25 % insert a new
     * key, 15 % delete a live row (a delete never takes the last rows). Not thread-safe.
     */
    static final class Writes {
        private final String table;
        private final Random random;
        private final List<Long> live = new ArrayList<>();
        private long nextId = SEED_ROWS + 1;

        Writes(String table, Random random) {
            this.table = table;
            this.random = random;
            for (long id = 1; id <= SEED_ROWS; id++) {
                live.add(id);
            }
        }

        String next() {
            int dice = random.nextInt(100);
            if (dice < 25 || live.size() < 10) {
                long id = nextId++;
                live.add(id);
                return "INSERT INTO " + table + " (id, v, note) VALUES (" + id + ", " + random.nextInt(1_000_000) + ", 'inserted')";
            }
            int index = random.nextInt(live.size());
            long id = live.get(index);
            if (dice < 85) {
                return "UPDATE " + table + " SET v = " + random.nextInt(1_000_000) + ", note = 'updated' WHERE id = " + id;
            }
            live.remove(index);
            return "DELETE FROM " + table + " WHERE id = " + id;
        }

        /** Keys the writer left in the table. */
        int liveRows() {
            return live.size();
        }
    }
}
