package io.tributary.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LakehouseToolTest {

    @Test
    void aToolIsStoppedAsSoonAsTheAbortConditionGivesAReason() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        AtomicInteger asked = new AtomicInteger();
        AtomicReference<String> aborted = new AtomicReference<>();
        long begin = System.nanoTime();
        LakehouseTool.watch(sleeper, () -> asked.incrementAndGet() < 2 ? Optional.empty()
                : Optional.of("lakehouse-job crash loop: failed 3 times in a row"), aborted);
        assertThat(aborted.get()).isEqualTo("lakehouse-job crash loop: failed 3 times in a row");
        assertThat(sleeper.isAlive()).isFalse();
        assertThat(sleeper.exitValue()).as("ended by SIGTERM").isEqualTo(143);
        assertThat((System.nanoTime() - begin) / 1e9).isLessThan(10);
    }

    @Test
    void aToolThatEndsOnItsOwnIsNotAborted() throws Exception {
        Process quick = new ProcessBuilder("true").start();
        quick.waitFor();
        AtomicReference<String> aborted = new AtomicReference<>();
        LakehouseTool.watch(quick, () -> Optional.of("never asked before the end"), aborted);
        assertThat(aborted.get()).isNull();
        assertThat(quick.exitValue()).isZero();
    }
}
