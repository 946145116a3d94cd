package io.tributary.registry.store;

/** The store could not read or durably write a record. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
