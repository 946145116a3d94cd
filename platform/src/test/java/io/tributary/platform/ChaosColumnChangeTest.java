package io.tributary.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ChaosColumnChangeTest {
    private static final Pattern INSERT = Pattern.compile("INSERT INTO shop.chaos_alter_1 \\(id, v, note\\) VALUES \\((\\d+), (\\d+), 'inserted'\\)");
    private static final Pattern UPDATE = Pattern.compile("UPDATE shop.chaos_alter_1 SET v = (\\d+), note = 'updated' WHERE id = (\\d+)");
    private static final Pattern DELETE = Pattern.compile("DELETE FROM shop.chaos_alter_1 WHERE id = (\\d+)");

    @Test
    void aTableOfItsOwnPerOccurrenceWithAColumnMadeTextOrNotNull() {
        ChaosColumnChange c = ChaosColumnChange.of("shop", 1);
        assertThat(c.qualified()).isEqualTo("shop.chaos_alter_1");
        assertThat(ChaosColumnChange.of("shop", 2).table()).isEqualTo("chaos_alter_2");
        assertThat(c.create().get(0)).isEqualTo("CREATE TABLE shop.chaos_alter_1 (id bigint PRIMARY KEY, v integer, note text)");
        assertThat(c.create().get(1)).contains("generate_series(1, " + ChaosColumnChange.SEED_ROWS + ")");
        assertThat(c.alter()).isEqualTo("ALTER TABLE shop.chaos_alter_1 ALTER COLUMN v TYPE text");
        assertThat(ChaosColumnChange.of("shop", 2).alter())
                .isEqualTo("ALTER TABLE shop.chaos_alter_2 ALTER COLUMN v SET NOT NULL");
        assertThat(c.valueSubject()).isEqualTo("tributary.shop.chaos_alter_1-value");
    }

    @Test
    void writesUpdateInsertAndDeleteOnlyLiveKeysAndNeverWriteANull() {
        ChaosColumnChange.Writes writes = ChaosColumnChange.of("shop", 1).writes(7);
        Set<Long> live = new HashSet<>();
        for (long id = 1; id <= ChaosColumnChange.SEED_ROWS; id++) {
            live.add(id);
        }
        int inserts = 0;
        int updates = 0;
        int deletes = 0;
        for (int i = 0; i < 2_000; i++) {
            String sql = writes.next();
            assertThat(sql).doesNotContainIgnoringCase("null");
            Matcher m;
            if ((m = INSERT.matcher(sql)).matches()) {
                assertThat(live.add(Long.parseLong(m.group(1)))).as("a new key: %s", sql).isTrue();
                inserts++;
            } else if ((m = UPDATE.matcher(sql)).matches()) {
                assertThat(live).as(sql).contains(Long.parseLong(m.group(2)));
                updates++;
            } else if ((m = DELETE.matcher(sql)).matches()) {
                assertThat(live.remove(Long.parseLong(m.group(1)))).as("a live key: %s", sql).isTrue();
                deletes++;
            } else {
                throw new AssertionError("unexpected statement " + sql);
            }
        }
        assertThat(writes.liveRows()).isEqualTo(live.size()).isGreaterThanOrEqualTo(10);
        assertThat(updates).isBetween(1_000, 1_400);
        assertThat(inserts).isBetween(400, 600);
        assertThat(deletes).isBetween(200, 400);
    }

    @Test
    void theSameSeedWritesTheSameChanges() {
        assertThat(take(ChaosColumnChange.of("shop", 1).writes(11), 200)).isEqualTo(take(ChaosColumnChange.of("shop", 1).writes(11), 200))
                .isNotEqualTo(take(ChaosColumnChange.of("shop", 1).writes(12), 200));
    }

    private static List<String> take(ChaosColumnChange.Writes writes, int n) {
        List<String> result = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            result.add(writes.next());
        }
        return result;
    }
}
