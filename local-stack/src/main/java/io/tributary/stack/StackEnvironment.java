package io.tributary.stack;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code TRIBUTARY_*} variables of docs/DEVELOPING.md for one stack (they contain secrets: never log them). */
final class StackEnvironment {
    private StackEnvironment() {
    }

    static Map<String, String> of(PostgresEndpoint pg, String kafkaBootstrap, String registryUrl, S3Endpoint s3) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TRIBUTARY_PG_HOST", pg.host());
        env.put("TRIBUTARY_PG_PORT", Integer.toString(pg.port()));
        env.put("TRIBUTARY_PG_DATABASE", pg.database());
        env.put("TRIBUTARY_APP_USER", pg.appUser());
        env.put("TRIBUTARY_APP_PASSWORD", pg.appPassword());
        env.put("TRIBUTARY_CDC_USER", pg.cdcUser());
        env.put("TRIBUTARY_CDC_PASSWORD", pg.cdcPassword());
        env.put("TRIBUTARY_KAFKA_BOOTSTRAP", kafkaBootstrap);
        env.put("TRIBUTARY_SCHEMA_REGISTRY_URL", registryUrl);
        env.put("TRIBUTARY_S3_ENDPOINT", s3.endpoint());
        env.put("TRIBUTARY_S3_REGION", s3.region());
        env.put("TRIBUTARY_S3_BUCKET", s3.bucket());
        env.put("TRIBUTARY_S3_ACCESS_KEY", s3.accessKey());
        env.put("TRIBUTARY_S3_SECRET_KEY", s3.secretKey());
        env.put("TRIBUTARY_TOPIC_PREFIX", "tributary");
        return Collections.unmodifiableMap(env);
    }
}
