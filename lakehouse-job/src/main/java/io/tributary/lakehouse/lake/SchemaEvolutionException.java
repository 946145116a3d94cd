package io.tributary.lakehouse.lake;

/** A source schema change the lake cannot follow automatically. */
public final class SchemaEvolutionException extends RuntimeException {

    public SchemaEvolutionException(String message) {
        super(message);
    }
}
