package storage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The one home of SHA-256 in the storage packages (payload checksums, manifest checks, advisory-lock ids). */
public final class Hashing {
    private Hashing() {}

    /** A new SHA-256 digest (every JVM has one). */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    public static String sha256Hex(byte[] bytes) { return hex(sha256().digest(bytes)); }

    public static String sha256Hex(String text) { return sha256Hex(text.getBytes(StandardCharsets.UTF_8)); }

    /** Lowercase hex, as manifests and catalogs store digests. */
    public static String hex(byte[] b) { return HexFormat.of().formatHex(b); }
}
