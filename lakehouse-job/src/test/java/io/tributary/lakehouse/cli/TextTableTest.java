package io.tributary.lakehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void alignsColumnsAndShowsNulls() {
        String text = TextTable.render(List.of("id", "customer"),
                List.of(List.of(1, "ada"), Arrays.asList(22, null)));

        assertThat(text).isEqualTo("""
                id | customer
                ---+---------
                1  | ada    \s
                22 | NULL   \s
                (2 rows)
                """);
    }
}
