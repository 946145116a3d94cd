package io.tributary.platform.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSinkTest {
    @Test
    void handsOverEachCompleteLineAsItIsWritten() {
        List<String> lines = new ArrayList<>();
        LineSink sink = new LineSink(lines::add);
        byte[] first = "{\"hop\":\"bronze\"}\n{\"hop\":\"sil".getBytes(StandardCharsets.UTF_8);
        sink.write(first, 0, first.length);
        assertThat(lines).containsExactly("{\"hop\":\"bronze\"}");
        byte[] rest = "ver\",\"city\":\"Tromsø\"}\n".getBytes(StandardCharsets.UTF_8);
        sink.write(rest, 0, rest.length);
        assertThat(lines).containsExactly("{\"hop\":\"bronze\"}", "{\"hop\":\"silver\",\"city\":\"Tromsø\"}");
    }
}
