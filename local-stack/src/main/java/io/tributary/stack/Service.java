package io.tributary.stack;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The servers of the local stack, in start order (a service only depends on services declared before it).
 */
public enum Service {
    POSTGRES("postgres", "--postgres-port"),
    KAFKA("kafka", "--kafka-port"),
    S3("s3", "--s3-port"),
    REGISTRY("schema-registry", "--registry-port");

    private final String id;
    private final String portOption;

    Service(String id, String portOption) {
        this.id = id;
        this.portOption = portOption;
    }

    /** Stable lower-case name used for log files, pid files and the CLI ({@code postgres}, {@code schema-registry}, ...). */
    public String id() {
        return id;
    }

    /** The CLI option that changes this service's main port. */
    public String portOption() {
        return portOption;
    }

    /** Services that must be running before this one starts. */
    public List<Service> dependencies() {
        return this == REGISTRY ? List.of(KAFKA) : List.of();
    }

    /** Parses an id ({@code schema-registry}) or an enum name ({@code REGISTRY}), case-insensitively. */
    public static Service parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(s -> s.id.equals(wanted) || s.name().toLowerCase(Locale.ROOT).equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown service '" + text + "'; expected one of "
                        + Arrays.stream(values()).map(Service::id).toList()));
    }
}
