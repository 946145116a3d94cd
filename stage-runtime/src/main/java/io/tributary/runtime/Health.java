package io.tributary.runtime;

/**
 * What a stage says on {@code GET /health}: 200 with {@code detail} when healthy, 503 with it otherwise.
 *
 * @param detail a short line, e.g. {@code UP batches=12}
 */
public record Health(boolean healthy, String detail) {

    public static Health up(String detail) {
        return new Health(true, detail);
    }

    public static Health down(String detail) {
        return new Health(false, detail);
    }
}
