package io.tributary.platform;

import io.tributary.configuration.SettingSource;
import io.tributary.configuration.SettingValues;
import io.tributary.console.lake.LakeLocation;
import io.tributary.stack.PostgresEndpoint;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Where the console of {@code tributary console} finds the servers (from the environment, {@link ConsoleSetting}) and
 * the pipeline stages' HTTP servers (from its options). {@link #toString()} leaves the secrets out.
 *
 * @param postgres     PostgreSQL with the login that counts the shop's rows (the app role)
 * @param stages       each pipeline stage's /metrics server by its name ({@link Pipeline#CDC_ENGINE}, ...)
 */
record ConsoleAddresses(PostgresEndpoint postgres, String kafkaBootstrap, String registryUrl, LakeLocation lake,
        Map<String, URI> stages) {

    ConsoleAddresses {
        stages = Map.copyOf(stages);
    }

    /** Parsed from {@code environment}; every bad or missing value is reported at once, each naming its variable. */
    static ConsoleAddresses of(Map<String, String> environment, Map<String, URI> stages) {
        SettingValues v = ConsoleSetting.CATALOG.parse(List.of(SettingSource.environment(environment)));
        v.throwIfInvalid();
        PostgresEndpoint postgres = new PostgresEndpoint(text(v, ConsoleSetting.PG_HOST),
                v.get(ConsoleSetting.PG_PORT.definition(), Integer.class), text(v, ConsoleSetting.PG_DATABASE),
                text(v, ConsoleSetting.APP_USER), text(v, ConsoleSetting.APP_PASSWORD), null, null, null, null);
        LakeLocation lake = new LakeLocation(text(v, ConsoleSetting.S3_ENDPOINT), text(v, ConsoleSetting.S3_REGION),
                text(v, ConsoleSetting.S3_BUCKET), text(v, ConsoleSetting.S3_ACCESS_KEY), text(v, ConsoleSetting.S3_SECRET_KEY));
        return new ConsoleAddresses(postgres, text(v, ConsoleSetting.KAFKA_BOOTSTRAP),
                text(v, ConsoleSetting.SCHEMA_REGISTRY_URL), lake, stages);
    }

    private static String text(SettingValues v, ConsoleSetting s) {
        return v.get(s.definition(), String.class);
    }

    @Override
    public String toString() {
        return "ConsoleAddresses[postgres " + postgres.host() + ":" + postgres.port() + "/" + postgres.database()
                + ", kafka " + kafkaBootstrap + ", registry " + registryUrl + ", " + lake + ", stages " + stages + "]";
    }
}
