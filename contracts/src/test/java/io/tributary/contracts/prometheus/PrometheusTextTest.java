package io.tributary.contracts.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    static Stream<Arguments> lines() {
        return Stream.of(
                Arguments.of("plain counter", "a_total 12", "a_total", Map.of(), 12.0),
                Arguments.of("float with exponent", "a 1.5e3", "a", Map.of(), 1500.0),
                Arguments.of("negative", "a -1", "a", Map.of(), -1.0),
                Arguments.of("timestamp after the value", "a 7 1700000000000", "a", Map.of(), 7.0),
                Arguments.of("+Inf", "a +Inf", "a", Map.of(), Double.POSITIVE_INFINITY),
                Arguments.of("-Inf", "a -Inf", "a", Map.of(), Double.NEGATIVE_INFINITY),
                Arguments.of("NaN", "a NaN", "a", Map.of(), Double.NaN),
                Arguments.of("two labels", "e_total{table=\"shop.orders\",op=\"r\"} 3", "e_total",
                        ordered("table", "shop.orders", "op", "r"), 3.0),
                Arguments.of("comma inside a value", "p{reason=\"a, b\",since_batch=\"12\"} 1", "p",
                        ordered("reason", "a, b", "since_batch", "12"), 1.0),
                Arguments.of("escaped quote, backslash and newline", "p{reason=\"say \\\"no\\\" \\\\ then\\nstop\"} 1",
                        "p", ordered("reason", "say \"no\" \\ then\nstop"), 1.0),
                Arguments.of("brace inside a value", "p{reason=\"a } b\"} 2", "p", ordered("reason", "a } b"), 2.0),
                Arguments.of("trailing comma and spaces", "p{ a=\"1\", b=\"2\", } 4", "p", ordered("a", "1", "b", "2"), 4.0),
                Arguments.of("histogram bucket +Inf", "h_bucket{le=\"+Inf\"} 9", "h_bucket", ordered("le", "+Inf"), 9.0),
                Arguments.of("summary quantile", "s{quantile=\"0.99\"} 3.75", "s", ordered("quantile", "0.99"), 3.75),
                Arguments.of("empty label set", "a{} 5", "a", Map.of(), 5.0),
                Arguments.of("leading spaces", "   a 5", "a", Map.of(), 5.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lines")
    void readsOneSampleLine(String what, String line, String name, Map<String, String> labels, double value) {
        List<PrometheusText.Sample> samples = PrometheusText.parse(line + "\n").samples();
        assertThat(samples).hasSize(1);
        assertThat(samples.get(0).name()).isEqualTo(name);
        assertThat(samples.get(0).labels()).containsExactlyEntriesOf(labels);
        assertThat(Double.valueOf(samples.get(0).value())).isEqualTo(Double.valueOf(value));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notSamples")
    void skipsWhatIsNotASample(String what, String line) {
        assertThat(PrometheusText.parse(line).samples()).isEmpty();
    }

    static Stream<Arguments> notSamples() {
        return Stream.of(Arguments.of("help", "# HELP a Something."), Arguments.of("type", "# TYPE a counter"),
                Arguments.of("blank", "   "), Arguments.of("no value", "a"), Arguments.of("not a number", "a x"),
                Arguments.of("unclosed labels", "a{b=\"1\" 3"), Arguments.of("unquoted label", "a{b=1} 3"),
                Arguments.of("null text", null));
    }

    private static final String SCRAPE = """
            # HELP e_total Changes.
            # TYPE e_total counter
            e_total{table="shop.orders",op="c"} 120
            e_total{table="shop.orders",op="u"} 30
            e_total{table="shop.customers",op="c"} 4
            e_total_extra 999
            f_seconds{table="orders"} 1.5
            f_seconds{table="customers"} 4.25
            f_seconds{table="items"} NaN
            h_bucket{le="0.5"} 2
            h_bucket{le="1.0"} 5
            h_bucket{le="+Inf"} 6
            h_sum 4.5
            h_count 6
            """;

    @Test
    void foldsOverLabelSetsOfExactlyTheNamedMetric() {
        PrometheusText m = PrometheusText.parse(SCRAPE);
        assertThat(m.sum("e_total")).isEqualTo(154.0);
        assertThat(m.sum("absent")).isZero();
        assertThat(m.sum("e_total", "table", Set.of("shop.orders"))).isEqualTo(150.0);
        assertThat(m.sumBy("e_total", "op")).containsExactly(Map.entry("c", 124.0), Map.entry("u", 30.0));
        assertThat(m.max("f_seconds")).as("NaN left out").hasValue(4.25);
        assertThat(m.min("f_seconds")).hasValue(1.5);
        assertThat(m.min("f_seconds", "table", Set.of("customers"))).hasValue(4.25);
        assertThat(m.min("f_seconds", "table", Set.of("items"))).isEmpty();
        assertThat(m.max("absent")).isEmpty();
        assertThat(m.value("h_sum")).hasValue(4.5);
        assertThat(m.buckets("h")).containsExactly(Map.entry(0.5, 2.0), Map.entry(1.0, 5.0),
                Map.entry(Double.POSITIVE_INFINITY, 6.0));
        assertThat(PrometheusText.EMPTY.isEmpty()).isTrue();
    }

    @Test
    void readsBackWhatTheWriterWrote() {
        String text = new PrometheusWriter()
                .family("p", "gauge", "Parked tables.")
                .sample("p", 1, "table", "shop.orders", "reason", "column \"total\", numeric(10,2)\nrefused \\ here")
                .counter("c_total", "A counter.", 42)
                .gauge("g", "A gauge.", Double.POSITIVE_INFINITY)
                .gauge("n", "Not measured.", -1L)
                .toString();
        PrometheusText m = PrometheusText.parse(text);
        assertThat(m.named("p").findFirst().orElseThrow().labels()).containsExactly(Map.entry("table", "shop.orders"),
                Map.entry("reason", "column \"total\", numeric(10,2)\nrefused \\ here"));
        assertThat(m.value("c_total")).hasValue(42);
        assertThat(m.value("g")).hasValue(Double.POSITIVE_INFINITY);
        assertThat(m.value("n")).hasValue(-1);
        assertThat(text).contains("# TYPE c_total counter\nc_total 42\n", "g +Inf\n");
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }
}
