package io.tributary.lakehouse.parking;

/** A resume of a table that is not parked (HTTP 404 on the metrics port). */
public final class TableNotParkedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TableNotParkedException(String message) {
        super(message);
    }
}
