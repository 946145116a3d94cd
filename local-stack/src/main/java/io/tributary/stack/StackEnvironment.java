package io.tributary.stack;

import io.tributary.contracts.stage.StageEnvironment.Stack;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code TRIBUTARY_*} variables of docs/DEVELOPING.md for one stack, named by the contracts (they contain secrets:
 * never log them).
 */
final class StackEnvironment {
    private StackEnvironment() {
    }

    static Map<String, String> of(PostgresEndpoint pg, String kafkaBootstrap, String registryUrl, S3Endpoint s3) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(Stack.PG_HOST, pg.host());
        env.put(Stack.PG_PORT, Integer.toString(pg.port()));
        env.put(Stack.PG_DATABASE, pg.database());
        env.put(Stack.APP_USER, pg.appUser());
        env.put(Stack.APP_PASSWORD, pg.appPassword());
        env.put(Stack.CDC_USER, pg.cdcUser());
        env.put(Stack.CDC_PASSWORD, pg.cdcPassword());
        env.put(Stack.KAFKA_BOOTSTRAP, kafkaBootstrap);
        env.put(Stack.SCHEMA_REGISTRY_URL, registryUrl);
        env.put(Stack.S3_ENDPOINT, s3.endpoint());
        env.put(Stack.S3_REGION, s3.region());
        env.put(Stack.S3_BUCKET, s3.bucket());
        env.put(Stack.S3_ACCESS_KEY, s3.accessKey());
        env.put(Stack.S3_SECRET_KEY, s3.secretKey());
        env.put(Stack.TOPIC_PREFIX, "tributary");
        return Collections.unmodifiableMap(env);
    }
}
