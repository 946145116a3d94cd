package io.tributary.stack;

import io.tributary.configuration.SecretFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * Resolves the secrets of the stack: the variable {@code X} itself, else the file named by {@code X_FILE}, else a
 * value generated once into {@code <dir>/<name>} (mode 600) and reused afterwards. Values are never logged.
 */
public final class SecretStore {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final Map<String, String> environment;

    public SecretStore(Path dir, Map<String, String> environment) {
        this.dir = dir;
        this.environment = Map.copyOf(environment);
    }

    /**
     * @param name    file name under the secrets directory, e.g. {@code app_password}
     * @param envVar  environment variable that overrides it, e.g. {@code TRIBUTARY_APP_PASSWORD}
     */
    public String resolve(String name, String envVar) {
        String direct = environment.get(envVar);
        if (direct != null && !direct.isEmpty()) {
            return direct;
        }
        String file = environment.get(envVar + "_FILE");
        if (file != null && !file.isEmpty()) {
            return readSecretFile(Path.of(file), envVar + "_FILE");
        }
        return generated(name);
    }

    private String generated(String name) {
        Path path = dir.resolve(name);
        if (Files.exists(path)) {
            return readSecretFile(path, "secret file");
        }
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            String value = newSecret();
            try {
                Files.writeString(Files.createFile(path,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
                        value + "\n", StandardCharsets.UTF_8);
            } catch (FileAlreadyExistsException raced) {
                return readSecretFile(path, "secret file");
            }
            return value;
        } catch (IOException e) {
            throw new StackException("Cannot write the generated secret " + path + ": " + e.getMessage()
                    + ". Check that the data directory is writable, or set the secret through the environment.", e);
        }
    }

    private static String readSecretFile(Path path, String origin) {
        try {
            String value = SecretFile.read(path).strip();
            if (value.isEmpty()) {
                throw new StackException("The " + origin + " " + path + " is empty; write the secret into it or delete it to regenerate");
            }
            return value;
        } catch (IOException e) {
            throw new StackException("Cannot read the " + origin + " " + path + ": " + e.getMessage(), e);
        }
    }

    /** 24 random bytes, URL-safe base64 (32 characters): safe in URLs, properties files and SQL literals. */
    static String newSecret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
