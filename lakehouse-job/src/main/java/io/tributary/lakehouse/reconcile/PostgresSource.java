package io.tributary.lakehouse.reconcile;

import io.tributary.lakehouse.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where reconcile reads PostgreSQL: the CDC role (read-only on the captured schema, may read the slot) from the
 * variables of docs/DEVELOPING.md. The password is never logged.
 */
public record PostgresSource(String host, int port, String database, String user, String password, String slot) {

    public static PostgresSource fromEnvironment(Map<String, String> env) {
        String portText = env.getOrDefault("TRIBUTARY_PG_PORT", "15432");
        int port;
        try {
            port = Integer.parseInt(portText.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException("TRIBUTARY_PG_PORT (environment): '" + portText + "' is not a port number");
        }
        return new PostgresSource(env.getOrDefault("TRIBUTARY_PG_HOST", "127.0.0.1"), port,
                env.getOrDefault("TRIBUTARY_PG_DATABASE", "tributary"), env.getOrDefault("TRIBUTARY_CDC_USER", "tributary_cdc"),
                secret(env, "TRIBUTARY_CDC_PASSWORD"), env.getOrDefault("TRIBUTARY_CDC_SLOT", "tributary_slot"));
    }

    private static String secret(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value != null && !value.isEmpty()) {
            return value;
        }
        String file = env.get(name + "_FILE");
        if (file != null && !file.isEmpty()) {
            try {
                return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new ConfigException(name + "_FILE (environment): cannot read " + file + ": " + e.getMessage());
            }
        }
        throw new ConfigException(name + " (or " + name + "_FILE) is not set: reconcile reads PostgreSQL as the CDC"
                + " role; `eval \"$(./tributary env)\"` sets it for the local stack");
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?ApplicationName=tributary-reconcile";
    }

    @Override
    public String toString() {
        return "PostgresSource[" + user + "@" + host + ":" + port + "/" + database + ", slot " + slot + "]";
    }
}
