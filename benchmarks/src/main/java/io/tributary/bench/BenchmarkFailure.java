package io.tributary.bench;

/** A benchmark could not produce its figure; the message says which stage and where its log is. */
public final class BenchmarkFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BenchmarkFailure(String message) {
        super(message);
    }

    public BenchmarkFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
