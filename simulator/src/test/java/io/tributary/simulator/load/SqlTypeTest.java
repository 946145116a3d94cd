package io.tributary.simulator.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SqlTypeTest {

    @Test
    void parsesTheTypesOfTypesOption() {
        assertThat(SqlType.parse("INT")).isEqualTo(SqlType.INTEGER);
        assertThat(SqlType.parse("bigint")).isEqualTo(SqlType.BIGINT);
        assertThat(SqlType.parse("numeric(14, 2)")).isEqualTo(SqlType.numeric(14, 2));
        assertThat(SqlType.parse("timestamp with time zone")).isEqualTo(SqlType.TIMESTAMPTZ);
        assertThat(SqlType.numeric(14, 2).sql()).isEqualTo("numeric(14,2)");
    }

    @Test
    void refusesUnknownOrImpossibleTypes() {
        assertThatThrownBy(() -> SqlType.parse("varchar(10); DROP TABLE x")).hasMessageContaining("unknown type");
        assertThatThrownBy(() -> SqlType.parse("numeric(2,5)")).hasMessageContaining("scale <= precision");
        assertThatThrownBy(() -> SqlType.parse("numeric(1001,0)")).hasMessageContaining("precision <= 1000");
    }
}
