package io.tributary.lakehouse.config;

/** A setting is missing or malformed; the message names the key, where it came from, and how to fix it. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
