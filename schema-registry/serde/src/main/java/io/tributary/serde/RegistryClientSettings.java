package io.tributary.serde;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Typed settings of {@link CachingSchemaRegistryClient}.
 *
 * @param connectTimeout TCP connect timeout of one attempt
 * @param requestTimeout timeout of one HTTP request (one attempt)
 * @param maxRetries retries after the first attempt on 5xx and connection errors (0 = no retry)
 * @param initialBackoff wait before the first retry; doubled for each further retry
 * @param maxBackoff upper bound of the wait between two attempts
 * @param cacheCapacity maximum number of entries of each cache (schemas by id, ids by subject and schema)
 */
public record RegistryClientSettings(
        Duration connectTimeout,
        Duration requestTimeout,
        int maxRetries,
        Duration initialBackoff,
        Duration maxBackoff,
        int cacheCapacity) {

    /** Config key prefix used by {@link #fromConfig(Map)} (the Kafka serializer configs). */
    public static final String CONNECT_TIMEOUT = "schema.registry.connect.timeout.ms";
    public static final String REQUEST_TIMEOUT = "schema.registry.request.timeout.ms";
    public static final String MAX_RETRIES = "schema.registry.max.retries";
    public static final String INITIAL_BACKOFF = "schema.registry.retry.backoff.ms";
    public static final String MAX_BACKOFF = "schema.registry.retry.backoff.max.ms";
    public static final String CACHE_CAPACITY = "schema.registry.cache.capacity";

    public RegistryClientSettings {
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(requestTimeout, "requestTimeout");
        requirePositive(initialBackoff, "initialBackoff");
        requirePositive(maxBackoff, "maxBackoff");
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0, got " + maxRetries);
        }
        if (cacheCapacity < 1) {
            throw new IllegalArgumentException("cacheCapacity must be >= 1, got " + cacheCapacity);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(
                    "maxBackoff (" + maxBackoff + ") must not be shorter than initialBackoff (" + initialBackoff + ")");
        }
    }

    /** 5 s connect, 10 s per request, 5 retries with 200 ms .. 5 s backoff, 1000 cache entries. */
    public static RegistryClientSettings defaults() {
        return new RegistryClientSettings(
                Duration.ofSeconds(5), Duration.ofSeconds(10), 5, Duration.ofMillis(200), Duration.ofSeconds(5), 1000);
    }

    public RegistryClientSettings withMaxRetries(int retries) {
        return new RegistryClientSettings(connectTimeout, requestTimeout, retries, initialBackoff, maxBackoff, cacheCapacity);
    }

    public RegistryClientSettings withBackoff(Duration initial, Duration max) {
        return new RegistryClientSettings(connectTimeout, requestTimeout, maxRetries, initial, max, cacheCapacity);
    }

    public RegistryClientSettings withTimeouts(Duration connect, Duration request) {
        return new RegistryClientSettings(connect, request, maxRetries, initialBackoff, maxBackoff, cacheCapacity);
    }

    public RegistryClientSettings withCacheCapacity(int capacity) {
        return new RegistryClientSettings(connectTimeout, requestTimeout, maxRetries, initialBackoff, maxBackoff, capacity);
    }

    /**
     * Reads the optional keys {@value #CONNECT_TIMEOUT}, {@value #REQUEST_TIMEOUT}, {@value #MAX_RETRIES},
     * {@value #INITIAL_BACKOFF}, {@value #MAX_BACKOFF} and {@value #CACHE_CAPACITY} from a Kafka-style config
     * map; absent keys keep {@link #defaults()}.
     *
     * @throws IllegalArgumentException naming the key if a value is not a valid number
     */
    public static RegistryClientSettings fromConfig(Map<String, ?> config) {
        RegistryClientSettings d = defaults();
        return new RegistryClientSettings(
                millis(config, CONNECT_TIMEOUT, d.connectTimeout),
                millis(config, REQUEST_TIMEOUT, d.requestTimeout),
                (int) number(config, MAX_RETRIES, d.maxRetries),
                millis(config, INITIAL_BACKOFF, d.initialBackoff),
                millis(config, MAX_BACKOFF, d.maxBackoff),
                (int) number(config, CACHE_CAPACITY, d.cacheCapacity));
    }

    private static Duration millis(Map<String, ?> config, String key, Duration fallback) {
        return Duration.ofMillis(number(config, key, fallback.toMillis()));
    }

    static long number(Map<String, ?> config, String key, long fallback) {
        Object value = config.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "config key '" + key + "' must be a whole number, got '" + value + "'", e);
        }
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }
}
