package io.tributary.lakehouse.daily;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationReportTest {

    private static final BusinessDay DAY = BusinessDay.parse("2026-12-01");

    @Test
    void checksPassOrFailOnTheirFigures() {
        assertThat(CheckResult.equal("orders rows = PostgreSQL", 12, 12, "").passed()).isTrue();
        assertThat(CheckResult.equal("orders rows = PostgreSQL", 11, 12, "").passed()).isFalse();
        assertThat(CheckResult.none("daily_sales.units not null", 0, "").passed()).isTrue();
        CheckResult nulls = CheckResult.none("daily_sales.units not null", 2, "rows with units null");
        assertThat(nulls.passed()).isFalse();
        assertThat(nulls.describe()).isEqualTo(
                "daily_sales.units not null: FAIL (observed 2 rows, expected 0 rows); rows with units null");
        assertThat(CheckResult.atLeast("rows", 3, 1, "").passed()).isTrue();
        assertThat(CheckResult.atLeast("rows", 0, 1, "").passed()).isFalse();
    }

    @Test
    void allPassedExitsZero() {
        ValidationReport report = new ValidationReport(DAY, List.of(CheckResult.none("a", 0, ""),
                CheckResult.equal("b", 3, 3, "")));
        assertThat(report.exitCode()).isZero();
        assertThat(report.failed()).isEmpty();
        assertThat(report.toText()).endsWith("validate 2026-12-01: all 2 checks passed\n");
    }

    @Test
    void aFailedCheckExitsNonZeroAndTheLastLineNamesEachFailedCheck() {
        ValidationReport report = new ValidationReport(DAY, List.of(CheckResult.none("daily_sales.units not null", 1,
                ""), CheckResult.equal("orders rows = PostgreSQL", 5, 5, ""),
                CheckResult.none("daily_sales (date, category) unique", 2, "")));
        assertThat(report.exitCode()).isEqualTo(ValidationReport.EXIT_CHECK_FAILED).isNotZero();
        assertThat(report.failed()).extracting(CheckResult::check)
                .containsExactly("daily_sales.units not null", "daily_sales (date, category) unique");
        assertThat(report.toText()).endsWith("validate 2026-12-01: 2 of 3 checks FAILED: daily_sales.units not null,"
                + " daily_sales (date, category) unique\n");
    }
}
