package io.tributary.serde;

import java.net.URI;
import java.util.Map;

/** Builds a {@link CachingSchemaRegistryClient} from Kafka-style serializer configs. */
public final class RegistryClientConfig {
    /** Confluent's config key for the registry URL (the first of a comma-separated list is used). */
    public static final String URL = "schema.registry.url";

    private RegistryClientConfig() {
    }

    public static CachingSchemaRegistryClient clientFrom(Map<String, ?> config) {
        Object url = config.get(URL);
        if (url == null || url.toString().isBlank()) {
            throw new IllegalArgumentException("config key '" + URL + "' is required (e.g. http://127.0.0.1:18081)");
        }
        String first = url.toString().split(",")[0].trim();
        URI uri;
        try {
            uri = URI.create(first);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("config key '" + URL + "' is not a valid URL: '" + first + "'", e);
        }
        return new CachingSchemaRegistryClient(uri, RegistryClientSettings.fromConfig(config));
    }
}
