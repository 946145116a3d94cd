package io.tributary.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The token the console's actions (run reconcile) need: 32 random bytes in hex, written to a file readable by its
 * owner only ({@code <data dir>/secrets/console_token}, mode 600), created on the first start and kept after.
 */
public final class ConsoleToken {
    public static final String FILE_NAME = "console_token";

    private final String value;

    private ConsoleToken(String value) {
        this.value = value;
    }

    /** The token in {@code file}, created with a new random value if the file does not exist. */
    public static ConsoleToken loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            String existing = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (existing.length() >= 32) {
                return new ConsoleToken(existing);
            }
        }
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        String fresh = HexFormat.of().formatHex(bytes);
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, fresh + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return new ConsoleToken(fresh);
    }

    /** Whether an {@code Authorization} header carries this token ({@code Bearer <token>}), compared in constant time. */
    public boolean authorizes(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.startsWith("Bearer ")) {
            return false;
        }
        byte[] given = authorizationHeader.substring("Bearer ".length()).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The value, to print once to the user who started the stack; never logged. */
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return "ConsoleToken[redacted]";
    }
}
