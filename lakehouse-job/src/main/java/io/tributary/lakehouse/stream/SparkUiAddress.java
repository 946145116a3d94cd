package io.tributary.lakehouse.stream;

import java.net.URI;
import java.util.OptionalInt;
import scala.Option;

/** The port of the address Spark reports for its web UI ({@code http://127.0.0.1:4041}); empty when it has none. Pure. */
final class SparkUiAddress {
    private SparkUiAddress() {
    }

    static OptionalInt port(Option<String> uiWebUrl) {
        if (uiWebUrl == null || uiWebUrl.isEmpty()) {
            return OptionalInt.empty();
        }
        int port = URI.create(uiWebUrl.get()).getPort();
        return port > 0 ? OptionalInt.of(port) : OptionalInt.empty();
    }
}
