package io.tributary.stack;

/** A local-stack failure whose message says what went wrong and how to fix it. */
public class StackException extends RuntimeException {
    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
