package io.tributary.simulator.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlErrorsTest {

    @ParameterizedTest(name = "{0} retriable={1}")
    @CsvSource({"40001,true", "40P01,true", "08006,true", "08001,true", "57P01,true", "55P03,true", "53300,true",
            "23505,false", "42703,false", "42P01,false", "22003,false", "0A000,false"})
    void classifiesBySqlState(String state, boolean retriable) {
        assertThat(SqlErrors.isRetriable(new SQLException("x", state))).isEqualTo(retriable);
    }

    @Test
    void aStalePreparedStatementAfterAlterTypeIsRetriable() {
        SQLException stale = new SQLException("ERROR: cached plan must not change result type", "0A000");
        assertThat(SqlErrors.isRetriable(stale)).isTrue();
        assertThat(SqlErrors.isStalePlan(stale)).isTrue();
        assertThat(SqlErrors.isStalePlan(new SQLException("ERROR: something else", "0A000"))).isFalse();
    }

    @Test
    void looksAtTheCauseChain() {
        SQLException wrapped = new SQLException("load failed", "XX000", new SQLException("conflict", "40001"));
        assertThat(SqlErrors.isRetriable(wrapped)).isTrue();
        assertThat(SqlErrors.isConnectionLoss(new SQLException("gone", "08006"))).isTrue();
        assertThat(SqlErrors.isConnectionLoss(new SQLException("conflict", "40001"))).isFalse();
    }

    @Test
    void backoffDoublesUpToTheCap() {
        RetryPolicy policy = new RetryPolicy(6, Duration.ofMillis(100), Duration.ofMillis(1000));
        assertThat(policy.backoff(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.backoff(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.backoff(4)).isEqualTo(Duration.ofMillis(800));
        assertThat(policy.backoff(5)).isEqualTo(Duration.ofMillis(1000));
        assertThat(policy.backoff(60)).isEqualTo(Duration.ofMillis(1000));
    }
}
