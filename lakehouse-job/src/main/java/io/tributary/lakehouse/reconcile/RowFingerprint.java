package io.tributary.lakehouse.reconcile;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The fingerprint of a row: SHA-256 over its normalised values in column order, each written with its length (so
 * {@code ("ab","c")} and {@code ("a","bc")} differ) and NULL written as a distinct marker (so NULL differs from the
 * text {@code "null"} and from the empty string). Truncated to 128 bits.
 */
public final class RowFingerprint {

    private RowFingerprint() {
    }

    /** {@code values} are already normalised ({@link ValueNormalizer}); the caller fixes the column order. */
    public static String of(List<String> values) {
        MessageDigest sha = sha256();
        for (String v : values) {
            if (v == null) {
                sha.update((byte) 0);
            } else {
                byte[] bytes = v.getBytes(StandardCharsets.UTF_8);
                sha.update((byte) 1);
                sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                sha.update((byte) ':');
                sha.update(bytes);
            }
        }
        byte[] digest = sha.digest();
        return HexFormat.of().formatHex(digest, 0, 16);
    }

    /** The printable key of a row: its normalised key values joined by {@code |} (NULL as {@code \N}). */
    public static String key(List<String> keyValues) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < keyValues.size(); i++) {
            if (i > 0) {
                sb.append('|');
            }
            String v = keyValues.get(i);
            sb.append(v == null ? "\\N" : v.replace("\\", "\\\\").replace("|", "\\|"));
        }
        return sb.toString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
