package io.tributary.registry;

/**
 * A version path parameter: a number in [1, 2^31-1], or {@code latest} / {@code -1} for the latest version.
 */
public record VersionSpec(int number) {
    public static final VersionSpec LATEST = new VersionSpec(-1);

    public boolean isLatest() {
        return number == -1;
    }

    /** @throws RegistryException 42202 for anything else */
    public static VersionSpec parse(String text) {
        if ("latest".equals(text) || "-1".equals(text)) {
            return LATEST;
        }
        try {
            int n = Integer.parseInt(text);
            if (n >= 1) {
                return new VersionSpec(n);
            }
        } catch (NumberFormatException e) {
            // falls through to the documented error
        }
        throw RegistryException.invalidVersion(text);
    }
}
