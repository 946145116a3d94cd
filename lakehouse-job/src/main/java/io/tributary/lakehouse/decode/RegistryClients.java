package io.tributary.lakehouse.decode;

import io.tributary.serde.CachingSchemaRegistryClient;
import io.tributary.serde.RegistryClientSettings;
import io.tributary.serde.SchemaRegistryClient;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One caching registry client per registry URL and JVM (driver and each executor), shared by all tasks. */
public final class RegistryClients {

    private static final Map<URI, SchemaRegistryClient> CLIENTS = new ConcurrentHashMap<>();

    private RegistryClients() {
    }

    public static SchemaRegistryClient forUrl(URI url) {
        return CLIENTS.computeIfAbsent(url, u -> new CachingSchemaRegistryClient(u, RegistryClientSettings.defaults()));
    }
}
