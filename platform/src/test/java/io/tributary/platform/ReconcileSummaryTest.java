package io.tributary.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ReconcileSummaryTest {
    static final String STDOUT = "{\"equal\":false,\"snapshotLsn\":\"0/1E9F988\",\"caughtUp\":true,\"catchUpDetail\":\"ok\","
            + "\"waitMillis\":1500,\"compareMillis\":2500,\"tables\":["
            + "{\"table\":\"customers\",\"equal\":true,\"postgresRows\":1278,\"silverRows\":1278,\"missing\":0,\"extra\":0,"
            + "\"differing\":0,\"inFlight\":0,\"bronzeRows\":1343,\"firstMissing\":[],\"firstExtra\":[],\"firstDiffering\":[],\"missingColumns\":[]},"
            + "{\"table\":\"orders\",\"equal\":false,\"postgresRows\":10,\"silverRows\":9,\"missing\":1,\"extra\":0,"
            + "\"differing\":2,\"inFlight\":0,\"bronzeRows\":40,\"firstMissing\":[\"7\"],\"firstExtra\":[],\"firstDiffering\":[\"3\",\"4\"],\"missingColumns\":[]}"
            + "],\"lakeOnlyTables\":[]}\n";

    @Test
    void readsTheReportAndComparesBronzeWithCapturedChanges() {
        ReconcileSummary s = ReconcileSummary.parse("some noise\n" + STDOUT);
        assertThat(s.equal()).isFalse();
        assertThat(s.tables()).hasSize(2);
        assertThat(s.bronzeByTable()).containsExactly(Map.entry("customers", 1343L), Map.entry("orders", 40L));
        assertThat(s.bronzeMismatches(Map.of("customers", 1343L, "orders", 41L))).containsExactly("orders: bronze 40, captured 41");
        String text = s.render(Map.of("customers", 1343L));
        assertThat(text).contains("Reconcile at LSN 0/1E9F988: the lake had applied everything up to it")
                .containsPattern("customers +1278 +1278 +0 +0 +0 +1343 +1343  equal")
                .containsPattern("orders +10 +9 +1 +0 +2 +40 +-  DIFFERENT")
                .contains("missing in silver: keys 7").contains("values differ: keys 3, 4");
    }

    @Test
    void noJsonIsAnErrorThatShowsWhatWasPrinted() {
        assertThatThrownBy(() -> ReconcileSummary.parse("reconcile: TRIBUTARY_CDC_PASSWORD is not set"))
                .hasMessageContaining("no JSON report").hasMessageContaining("TRIBUTARY_CDC_PASSWORD");
    }
}
