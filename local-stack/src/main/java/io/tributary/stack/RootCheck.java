package io.tributary.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether this process runs as root (the owner of /proc/self is the effective uid). */
final class RootCheck {
    private RootCheck() {
    }

    static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
