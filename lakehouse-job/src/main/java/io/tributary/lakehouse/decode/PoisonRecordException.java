package io.tributary.lakehouse.decode;

/** A record that can never be applied (corrupt bytes, unknown schema, no key...): it goes to the quarantine. */
public final class PoisonRecordException extends RuntimeException {

    public PoisonRecordException(String message) {
        super(message);
    }

    public PoisonRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
