package io.tributary.serde;

/**
 * The registry answered a request with a 4xx status: a permanent error that no retry fixes
 * (unknown subject, version or id, incompatible or invalid schema, ...).
 *
 * <p>{@link #errorCode()} is the Confluent {@code error_code} of the response body (for example 40401
 * subject not found, 40402 version not found, 40403 schema not found, 409 incompatible schema,
 * 42201 invalid schema, 42202 invalid version) or the HTTP status if the body had none.
 */
public class RegistryRequestException extends SerdeException {
    private final int httpStatus;
    private final int errorCode;

    public RegistryRequestException(String message, int httpStatus, int errorCode) {
        super(message);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public int errorCode() {
        return errorCode;
    }
}
