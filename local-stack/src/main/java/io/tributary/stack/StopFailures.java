package io.tributary.stack;

/**
 * Collects the failures of a sequence of stop steps, so that every step runs even when one fails: the first failure
 * is thrown at the end, every later one added to it as suppressed.
 */
final class StopFailures {
    private RuntimeException first;

    /** Runs {@code step}, keeping its failure instead of throwing it. */
    void attempt(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            if (first == null) {
                first = e;
            } else {
                first.addSuppressed(e);
            }
        }
    }

    /** Throws the first failure (with the later ones suppressed), if any step failed. */
    void throwIfAny() {
        if (first != null) {
            throw first;
        }
    }
}
