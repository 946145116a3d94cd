package io.tributary.lakehouse.preview;

/** The preview's path is not a Delta table, or the table has no such version (Delta's message). */
public final class LakeTableNotFound extends RuntimeException {

    public LakeTableNotFound(String message) {
        super(message);
    }
}
