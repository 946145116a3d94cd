package io.tributary.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
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

    static final String PARKED = "{\"equal\":false,\"outcome\":\"parked\",\"snapshotLsn\":\"0/2\",\"caughtUp\":true,"
            + "\"catchUpDetail\":\"ok\",\"waitMillis\":1,\"compareMillis\":2,\"tables\":["
            + "{\"table\":\"customers\",\"equal\":true,\"postgresRows\":5,\"silverRows\":5,\"missing\":0,\"extra\":0,"
            + "\"differing\":0,\"bronzeRows\":5,\"parked\":null},"
            + "{\"table\":\"orders\",\"equal\":false,\"postgresRows\":10,\"silverRows\":8,\"missing\":2,\"extra\":0,"
            + "\"differing\":0,\"bronzeRows\":8,\"firstMissing\":[\"9\",\"10\"],"
            + "\"parked\":{\"stage\":\"lakehouse-job\",\"reason\":\"IllegalStateException: cannot cast\",\"since\":\"12\"}},"
            + "{\"table\":\"items\",\"equal\":true,\"postgresRows\":3,\"silverRows\":3,\"missing\":0,\"extra\":0,"
            + "\"differing\":0,\"bronzeRows\":3,\"parked\":{\"stage\":\"cdc-engine\",\"reason\":\"schema_refused\",\"since\":\"\"}}"
            + "],\"lakeOnlyTables\":[]}\n";

    @Test
    void parkedTablesAreShownAsParkedAndTheResultSaysTheLakeIsNotComplete() {
        ReconcileSummary s = ReconcileSummary.parse(PARKED);
        assertThat(s.outcome()).isEqualTo("parked");
        assertThat(s.parkedTables()).extracting(ReconcileSummary.Table::parked)
                .containsExactly("lakehouse-job since batch 12: IllegalStateException: cannot cast", "cdc-engine: schema_refused");
        String text = s.render(Map.of("customers", 5L, "orders", 11L, "items", 3L));
        assertThat(text).containsPattern("orders +10 +8 +2 +0 +0 +8 +11  PARKED\n")
                .contains("      parked in lakehouse-job since batch 12: IllegalStateException: cannot cast (its changes are"
                        + " held back, not lost)\n")
                .containsPattern("customers +5 +5 +0 +0 +0 +5 +5  equal\n").doesNotContain("DIFFERENT");
        assertThat(s.resultLine()).isEqualTo("RESULT: the lake is NOT COMPLETE: 2 tables parked (orders: parked in"
                + " lakehouse-job since batch 12: IllegalStateException: cannot cast; items: parked in cdc-engine:"
                + " schema_refused); every other table equals PostgreSQL. Fix the cause, then ./tributary resume TABLE.");
        assertThat(s.bronzeMismatches(Map.of("customers", 5L, "orders", 11L, "items", 9L)))
                .as("a parked table's changes wait outside bronze").isEmpty();
    }

    @Test
    void aTableReconcileCouldNotReadIsShownAsNotComparedWithTheGrantThatFixesIt() {
        ReconcileSummary s = ReconcileSummary.parse("{\"equal\":false,\"outcome\":\"different\",\"snapshotLsn\":\"0/2\","
                + "\"caughtUp\":true,\"tables\":[{\"table\":\"audit\",\"equal\":false,\"bronzeRows\":-1,\"parked\":null,"
                + "\"problem\":\"Table shop.audit: ... Run as its owner or a superuser: GRANT SELECT ON shop.audit TO tributary_cdc;\"}],"
                + "\"lakeOnlyTables\":[]}");
        String text = s.render(Map.of());
        assertThat(text).containsPattern("audit +0 +0 +0 +0 +0 +-1 +-  NOT COMPARED\n")
                .contains("      Table shop.audit: ... Run as its owner or a superuser: GRANT SELECT ON shop.audit TO tributary_cdc;\n");
        assertThat(s.bronzeMismatches(Map.of("audit", 4L))).as("bronze was not read").isEmpty();
        assertThat(s.verdict().exitCode()).isEqualTo(3);
    }

    @Test
    void anOlderReportWithoutOutcomeReadsAsEqualOrDifferentAndOnlyVerdictsAreVerdicts() {
        assertThat(ReconcileSummary.parse(STDOUT).outcome()).isEqualTo("different");
        assertThat(ReconcileSummary.parse(STDOUT).resultLine()).isEqualTo("RESULT: the lake DIFFERS from PostgreSQL.");
        assertThat(ReconcileSummary.parse(STDOUT.replace("\"equal\":false,\"snapshotLsn", "\"equal\":true,\"snapshotLsn"))
                .resultLine()).isEqualTo("RESULT: the lake equals PostgreSQL.");
        assertThat(List.of(0, 1, 2, 3, 4, 137)).filteredOn(ReconcileSummary::isVerdict).containsExactly(0, 3, 4);
    }

    @Test
    void noJsonIsAnErrorThatShowsWhatWasPrinted() {
        assertThatThrownBy(() -> ReconcileSummary.parse("reconcile: TRIBUTARY_CDC_PASSWORD is not set"))
                .hasMessageContaining("no JSON report").hasMessageContaining("TRIBUTARY_CDC_PASSWORD");
    }
}
