package io.tributary.cdc.pipeline;

/**
 * A failure that stops the engine and whose message is complete for the operator: what failed (naming the
 * server, file or table), the setting that bounded the retries, and what to do. The engine logs it as one ERROR line.
 */
public class EngineStopException extends RuntimeException {
    public EngineStopException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The first EngineStopException in the cause chain of {@code error}, or null. */
    public static EngineStopException find(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof EngineStopException stop) {
                return stop;
            }
        }
        return null;
    }
}
