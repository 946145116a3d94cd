package io.tributary.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StageEndpointAnswerTest {
    @Test
    void aJsonAnswerReadsAsItsMessageOrErrorAnythingElseAsItCame() {
        assertThat(new StageEndpoint.Answer(200, "{\"table\": \"shop.orders\", \"message\": \"Backfill of shop.orders started\"}")
                .text()).isEqualTo("Backfill of shop.orders started");
        assertThat(new StageEndpoint.Answer(409, "{\"error\": \"Table shop.t has no primary key\"}").text())
                .isEqualTo("Table shop.t has no primary key");
        assertThat(new StageEndpoint.Answer(200, "{\"table\": \"shop.orders\"}").text()).isEqualTo("{\"table\": \"shop.orders\"}");
        assertThat(new StageEndpoint.Answer(503, "cdc-engine did not answer").text()).isEqualTo("cdc-engine did not answer");
    }
}
