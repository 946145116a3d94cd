package io.tributary.stack;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Health check for a Kafka broker without kafka-clients on the classpath: sends an ApiVersions v0 request and checks
 * for an error-free answer listing the broker's APIs. The broker answers only once it serves requests (after it caught
 * up with the KRaft metadata), unlike a bare open port.
 */
final class KafkaApiVersionsProbe {
    static final short API_VERSIONS = 18;
    private static final String CLIENT_ID = "tributary-stack-probe";

    private KafkaApiVersionsProbe() {
    }

    static Probe probe(String host, int port, Duration timeout) {
        int correlationId = (int) (System.nanoTime() & 0x7fffffff);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(request(correlationId));
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int size = in.readInt();
            if (size < 10 || size > 1 << 20) {
                return Probe.down("unexpected ApiVersions response size " + size);
            }
            byte[] body = new byte[size];
            in.readFully(body);
            return parse(ByteBuffer.wrap(body), correlationId);
        } catch (IOException e) {
            return Probe.down(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** A size-prefixed ApiVersions v0 request (request header v1: key, version, correlation id, client id). */
    static byte[] request(int correlationId) {
        byte[] client = CLIENT_ID.getBytes(StandardCharsets.UTF_8);
        int size = 2 + 2 + 4 + 2 + client.length;
        ByteBuffer buf = ByteBuffer.allocate(4 + size);
        buf.putInt(size).putShort(API_VERSIONS).putShort((short) 0).putInt(correlationId)
                .putShort((short) client.length).put(client);
        return buf.array();
    }

    /** Parses the response body after the size: correlation id, error code, then [api key, min, max] entries. */
    static Probe parse(ByteBuffer body, int expectedCorrelationId) {
        int correlationId = body.getInt();
        if (correlationId != expectedCorrelationId) {
            return Probe.down("ApiVersions correlation id " + correlationId + " != " + expectedCorrelationId);
        }
        short error = body.getShort();
        if (error != 0) {
            return Probe.down("ApiVersions error code " + error);
        }
        int count = body.getInt();
        if (count <= 0) {
            return Probe.down("broker lists no API");
        }
        int maxProduce = -1;
        for (int i = 0; i < count; i++) {
            short key = body.getShort();
            body.getShort();
            short max = body.getShort();
            if (key == 0) {
                maxProduce = max;
            }
        }
        if (maxProduce < 0) {
            return Probe.down("broker does not list the Produce API");
        }
        return Probe.up("Kafka broker answers ApiVersions (" + count + " APIs, Produce up to v" + maxProduce + ")");
    }
}
