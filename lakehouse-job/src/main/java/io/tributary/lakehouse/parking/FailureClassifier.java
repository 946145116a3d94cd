package io.tributary.lakehouse.parking;

import io.tributary.lakehouse.lake.S3Unavailable;
import io.tributary.serde.RegistryRequestException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Set;

/**
 * Tells an infrastructure failure from a table's own (pure; see {@link FailureKind}). Any cause in the chain that is
 * an outage makes the whole failure one: a MERGE that failed because S3 went away must not park its table.
 */
public final class FailureClassifier {

    private static final Set<String> OUTAGE_CLASSES = Set.of(
            "org.apache.kafka.common.errors.TimeoutException",
            "org.apache.kafka.common.errors.DisconnectException",
            "org.apache.kafka.common.errors.NetworkException",
            "io.delta.exceptions.DeltaConcurrentModificationException",
            "org.apache.spark.sql.delta.DeltaConcurrentModificationException",
            "io.delta.exceptions.ConcurrentAppendException",
            "io.delta.exceptions.ConcurrentDeleteReadException",
            "io.delta.exceptions.ConcurrentDeleteDeleteException",
            "io.delta.exceptions.ConcurrentTransactionException",
            "io.delta.exceptions.MetadataChangedException",
            "io.delta.exceptions.ProtocolChangedException",
            "org.apache.spark.SparkException$StageCancelled");

    private FailureClassifier() {
    }

    public static FailureKind classify(Throwable failure) {
        if (failure instanceof Error) {
            return FailureKind.INFRASTRUCTURE; // out of memory, linkage: the JVM's state, not the table's
        }
        if (S3Unavailable.describe(failure, "", "", "").isPresent()) {
            return FailureKind.INFRASTRUCTURE;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InterruptedException || t instanceof InterruptedIOException
                    || t instanceof ConnectException || t instanceof SocketTimeoutException
                    || t instanceof UnknownHostException || t instanceof NoRouteToHostException) {
                return FailureKind.INFRASTRUCTURE;
            }
            if (t instanceof RegistryRequestException r && (r.httpStatus() == 0 || r.httpStatus() >= 500)) {
                return FailureKind.INFRASTRUCTURE;
            }
            for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
                if (OUTAGE_CLASSES.contains(c.getName())) {
                    return FailureKind.INFRASTRUCTURE;
                }
            }
            if (t.getMessage() != null && t.getMessage().contains("cancelled because SparkContext was shut down")) {
                return FailureKind.INFRASTRUCTURE;
            }
        }
        return FailureKind.TABLE;
    }

    /** The first line of the innermost message that says something, for the parked reason. */
    public static String reason(Throwable failure) {
        Throwable best = failure;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                best = t;
            }
        }
        String message = best.getMessage() == null ? best.getClass().getName() : best.getMessage();
        String line = message.strip().lines().findFirst().orElse(message).strip();
        String text = best.getClass().getSimpleName() + ": " + line;
        return text.length() > 300 ? text.substring(0, 297) + "..." : text;
    }
}
