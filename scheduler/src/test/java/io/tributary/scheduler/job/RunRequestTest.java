package io.tributary.scheduler.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunRequestTest {

    @Test
    void aRequestTravelsAsTextAndComesBackTheSame() {
        RunRequest request = RunRequest.of(LocalDate.of(2026, 12, 1), "backfill");
        assertThat(request.data()).containsEntry("date", "2026-12-01").containsEntry("requested-by", "backfill")
                .containsEntry("request-id", request.id());
        assertThat(RunRequest.from(request.data())).contains(request);

        RunRequest maintain = RunRequest.of(null, "run");
        assertThat(maintain.data()).doesNotContainKey("date");
        assertThat(RunRequest.from(maintain.data())).contains(maintain);
        assertThat(RunRequest.of(null, "run").id()).isNotEqualTo(maintain.id());
    }

    @Test
    void aScheduleTriggerCarriesNoRequest() {
        assertThat(RunRequest.from(Map.of())).isEmpty();
    }
}
