package io.tributary.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KafkaApiVersionsProbeTest {

    @Test
    void requestIsASizePrefixedApiVersionsV0Header() {
        ByteBuffer buf = ByteBuffer.wrap(KafkaApiVersionsProbe.request(77));
        int size = buf.getInt();
        assertThat(size).isEqualTo(buf.remaining());
        assertThat(buf.getShort()).isEqualTo((short) 18);
        assertThat(buf.getShort()).isEqualTo((short) 0);
        assertThat(buf.getInt()).isEqualTo(77);
        byte[] client = new byte[buf.getShort()];
        buf.get(client);
        assertThat(new String(client, StandardCharsets.UTF_8)).isEqualTo("tributary-stack-probe");
        assertThat(buf.hasRemaining()).isFalse();
    }

    private static ByteBuffer response(int correlationId, short error, short[][] apis) {
        ByteBuffer b = ByteBuffer.allocate(4 + 2 + 4 + apis.length * 6);
        b.putInt(correlationId).putShort(error).putInt(apis.length);
        for (short[] api : apis) {
            b.putShort(api[0]).putShort(api[1]).putShort(api[2]);
        }
        return b.flip();
    }

    @Test
    void healthyAnswerListsProduce() {
        Probe p = KafkaApiVersionsProbe.parse(response(5, (short) 0, new short[][] {{0, 3, 12}, {18, 0, 4}}), 5);
        assertThat(p.healthy()).isTrue();
        assertThat(p.detail()).contains("2 APIs").contains("Produce up to v12");
    }

    @Test
    void errorCodeIsUnhealthy() {
        Probe p = KafkaApiVersionsProbe.parse(response(5, (short) 35, new short[][] {}), 5);
        assertThat(p.healthy()).isFalse();
        assertThat(p.detail()).contains("35");
    }

    @Test
    void wrongCorrelationIdIsUnhealthy() {
        assertThat(KafkaApiVersionsProbe.parse(response(6, (short) 0, new short[][] {{0, 3, 12}}), 5).healthy()).isFalse();
    }

    @Test
    void brokerWithoutProduceIsUnhealthy() {
        Probe p = KafkaApiVersionsProbe.parse(response(5, (short) 0, new short[][] {{18, 0, 4}}), 5);
        assertThat(p.healthy()).isFalse();
        assertThat(p.detail()).contains("Produce");
    }

    @Test
    void closedPortIsUnhealthy() {
        int port = StackPorts.freePort();
        Probe p = KafkaApiVersionsProbe.probe("127.0.0.1", port, java.time.Duration.ofMillis(500));
        assertThat(p.healthy()).isFalse();
        assertThat(p.detail()).contains("Connect");
    }
}
