package io.tributary.serde;

import java.util.Map;

/**
 * Settings of {@link ConfluentAvroSerializer}.
 *
 * @param autoRegister register a schema the subject does not have yet ({@code true}, Confluent's default);
 *     {@code false} only looks the schema up and fails if the subject lacks it (schemas managed up front)
 */
public record SerializerSettings(boolean autoRegister) {
    /** Confluent's config key. */
    public static final String AUTO_REGISTER = "auto.register.schemas";

    public static SerializerSettings defaults() {
        return new SerializerSettings(true);
    }

    /** Reads {@value #AUTO_REGISTER} ("true"/"false", default true); rejects other values naming the key. */
    public static SerializerSettings fromConfig(Map<String, ?> config) {
        Object value = config.get(AUTO_REGISTER);
        if (value == null) {
            return defaults();
        }
        if (value instanceof Boolean b) {
            return new SerializerSettings(b);
        }
        String text = value.toString().trim();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return new SerializerSettings(Boolean.parseBoolean(text));
        }
        throw new IllegalArgumentException("config key '" + AUTO_REGISTER + "' must be true or false, got '" + value + "'");
    }
}
