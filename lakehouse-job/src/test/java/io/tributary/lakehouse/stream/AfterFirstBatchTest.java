package io.tributary.lakehouse.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AfterFirstBatchTest {

    @Test
    void startsOnceAfterTheFirstBatchOnly() throws Exception {
        AtomicInteger starts = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(1);
        AfterFirstBatch<String> gate = new AfterFirstBatch<>("gold query", java.time.Duration.ofMinutes(5), () -> false, () -> {
            starts.incrementAndGet();
            done.countDown();
            return "query " + starts.get();
        }, () -> { });

        assertThat(gate.pending()).isTrue();
        assertThat(gate.started()).isEmpty();
        gate.batchFinished();
        gate.batchFinished();
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        gate.batchFinished();

        awaitNotPending(gate);
        assertThat(gate.started()).contains("query 1");
        assertThat(starts.get()).isEqualTo(1);
        assertThat(gate.failure()).isEmpty();
    }

    @Test
    void aFailureToStartIsKeptAndReported() throws Exception {
        CountDownLatch reported = new CountDownLatch(1);
        AfterFirstBatch<String> gate = new AfterFirstBatch<>("gold query", java.time.Duration.ofMinutes(5), () -> false, () -> {
            throw new java.sql.SQLException("role tributary_cdc may not create schema serving");
        }, reported::countDown);

        gate.batchFinished();

        assertThat(reported.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(gate.failure()).get().extracting(Throwable::getMessage)
                .isEqualTo("role tributary_cdc may not create schema serving");
        assertThat(gate.started()).isEmpty();
        assertThat(gate.pending()).isFalse();
    }

    @Test
    void nothingStartsAfterClose() throws Exception {
        AtomicInteger starts = new AtomicInteger();
        AfterFirstBatch<String> gate = new AfterFirstBatch<>("gold query", java.time.Duration.ofMinutes(5), () -> false, () -> "query " + starts.incrementAndGet(),
                () -> { });

        gate.close();
        gate.batchFinished();
        Thread.sleep(200);

        assertThat(starts.get()).isZero();
        assertThat(gate.started()).isEmpty();
        assertThat(gate.pending()).isFalse();
    }

    @Test
    void itStartsAnywayWhenTheFirstBatchTakesLongerThanItsBound() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        AfterFirstBatch<String> gate = new AfterFirstBatch<>("gold query", java.time.Duration.ofMillis(100), () -> false, () -> {
            done.countDown();
            return "query";
        }, () -> { });

        assertThat(done.await(10, TimeUnit.SECONDS)).as("started without a batch").isTrue();
        awaitNotPending(gate);
        assertThat(gate.started()).contains("query");
    }

    @Test
    void itStartsWhenTheLakeQueryWaitsForData() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean idle = new java.util.concurrent.atomic.AtomicBoolean();
        AfterFirstBatch<String> gate = new AfterFirstBatch<>("gold query", java.time.Duration.ofMinutes(5), idle::get,
                () -> {
                    done.countDown();
                    return "query";
                }, () -> { });

        assertThat(done.await(1, TimeUnit.SECONDS)).as("not while the lake works on its first batch").isFalse();
        idle.set(true);
        assertThat(done.await(10, TimeUnit.SECONDS)).as("started once the lake waits for data").isTrue();
        awaitNotPending(gate);
        assertThat(gate.started()).contains("query");
    }

    private static void awaitNotPending(AfterFirstBatch<?> gate) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (gate.pending() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }
}
