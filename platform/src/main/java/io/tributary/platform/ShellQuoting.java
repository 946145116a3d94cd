package io.tributary.platform;

/** POSIX shell single-quoting: the value comes back byte for byte from {@code eval}. */
final class ShellQuoting {
    private ShellQuoting() {
    }

    static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
