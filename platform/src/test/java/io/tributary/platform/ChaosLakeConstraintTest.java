package io.tributary.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ChaosLakeConstraintTest {

    @Test
    void theConstraintHoldsForEveryWriteAndTheBreakingRowAlone() {
        ChaosLakeConstraint fault = ChaosLakeConstraint.of("shop", 2);
        assertThat(fault.qualified()).isEqualTo("shop.chaos_lake_2");
        assertThat(fault.create().get(0)).isEqualTo("CREATE TABLE shop.chaos_lake_2 (id bigint PRIMARY KEY, v integer, note text)");
        assertThat(fault.addConstraint()).isEqualTo(
                "ALTER TABLE silver_all.chaos_lake_2 ADD CONSTRAINT v_below_one_million CHECK (v IS NULL OR v < 1000000)");
        assertThat(fault.dropConstraint()).isEqualTo("ALTER TABLE silver_all.chaos_lake_2 DROP CONSTRAINT v_below_one_million");
        Pattern value = Pattern.compile("(?:VALUES \\(\\d+, |SET v = )(\\d+)");
        ChaosColumnChange.Writes writes = fault.writes(7);
        for (int i = 0; i < 5_000; i++) {
            Matcher m = value.matcher(writes.next());
            if (m.find()) {
                assertThat(Long.parseLong(m.group(1))).isLessThan(ChaosLakeConstraint.LIMIT);
            }
        }
        Matcher breaking = value.matcher(fault.breakingInsert());
        assertThat(breaking.find()).isTrue();
        assertThat(Long.parseLong(breaking.group(1))).isGreaterThanOrEqualTo(ChaosLakeConstraint.LIMIT);
        assertThat(fault.breakingInsert()).startsWith("INSERT INTO shop.chaos_lake_2 (id, v, note) VALUES (1000000000, ");
    }
}
