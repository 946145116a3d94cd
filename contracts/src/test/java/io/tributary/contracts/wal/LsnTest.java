package io.tributary.contracts.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LsnTest {

    @Test
    void parsesAndFormatsPostgresLsns() {
        assertThat(Lsn.parse("0/16B3748")).isEqualTo(0x16B3748L);
        assertThat(Lsn.parse("16/B374D848")).isEqualTo((0x16L << 32) | 0xB374D848L);
        assertThat(Lsn.format(Lsn.parse("16/B374D848"))).isEqualTo("16/B374D848");
        assertThat(Lsn.parse("1/0")).isGreaterThan(Lsn.parse("0/FFFFFFFF"));
    }

    @Test
    void formatsTheNumberTheLakeKeepsAsPostgresPrintsIt() {
        assertThat(Lsn.format(28568008L)).isEqualTo("0/1B3E9C8");
        assertThat(Lsn.format(0L)).isEqualTo("0/0");
        assertThat(Lsn.format(0xFFFFFFFFL)).isEqualTo("0/FFFFFFFF");
        assertThat(Lsn.format(1L << 32)).isEqualTo("1/0");
        assertThat(Lsn.format(-1L)).as("the unsigned 64-bit maximum").isEqualTo("FFFFFFFF/FFFFFFFF");
    }

    @Test
    void rejectsWhatIsNotAnLsn() {
        assertThatThrownBy(() -> Lsn.parse("12345")).hasMessageContaining("not a PostgreSQL LSN");
        assertThatThrownBy(() -> Lsn.parse("0/XYZ")).hasMessageContaining("not a PostgreSQL LSN");
        assertThatThrownBy(() -> Lsn.parse("1FFFFFFFF/0")).hasMessageContaining("32 bits");
    }
}
