package io.tributary.serde;

/**
 * The registry could not be reached, timed out, or answered with a 5xx status on every attempt
 * (the number of attempts comes from {@link RegistryClientSettings#maxRetries()}). A retriable condition
 * for the caller's own, outer retry policy.
 */
public class RegistryUnavailableException extends SerdeException {
    private final int httpStatus;

    public RegistryUnavailableException(String message, int httpStatus, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
    }

    /** The HTTP status of the last attempt, or 0 if the last attempt got no response at all. */
    public int httpStatus() {
        return httpStatus;
    }
}
