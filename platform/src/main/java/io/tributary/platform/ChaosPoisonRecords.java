package io.tributary.platform;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;

/**
 * Values that are not a valid Confluent-framed Avro record, as a broken producer might write them into a CDC topic:
 * random bytes (never starting with the magic byte 0), a wrong magic byte with a plausible schema id, and the right
 * magic byte with a schema id no registry knows. Seeded, so a chaos run is reproducible.
 */
final class ChaosPoisonRecords {
    /** Far above any id our registry hands out in a run. */
    static final int UNKNOWN_SCHEMA_ID = 2_000_000_000;

    private ChaosPoisonRecords() {
    }

    static List<byte[]> of(long seed) {
        Random random = new Random(seed);
        byte[] noise = new byte[16 + random.nextInt(48)];
        random.nextBytes(noise);
        noise[0] = (byte) (1 + random.nextInt(255)); // anything but the magic byte 0
        byte[] wrongMagic = framed((byte) 1, 1, random);
        byte[] unknownId = framed((byte) 0, UNKNOWN_SCHEMA_ID, random);
        return List.of(noise, wrongMagic, unknownId);
    }

    private static byte[] framed(byte magic, int schemaId, Random random) {
        byte[] body = new byte[8 + random.nextInt(24)];
        random.nextBytes(body);
        return ByteBuffer.allocate(5 + body.length).put(magic).putInt(schemaId).put(body).array();
    }
}
