package storage.s3;

import storage.*;

import java.util.Optional;

/**
 * Where {@link S3Store} puts things in a bucket. Under the store's prefix {@code P/} (may be empty), each key
 * {@code K} owns the folder {@code P/K/@v/} (store keys never contain {@code @}, so it cannot clash with
 * another key), and version {@code N} (20 digits, so names sort by number) consists of:
 * <pre>
 *   P/K/@v/00000000000000000007.claim    empty; created with If-None-Match: * - owning it is owning number 7
 *   P/K/@v/00000000000000000007.data     the payload (CSV for tables, JSON for objects, raw bytes)
 *   P/K/@v/00000000000000000007.json     the manifest ({@link Metadata}); written last: its presence = complete
 *   P/K/@v/00000000000000000007.deleted  tombstone of a deleted or abandoned version (the claim stays, so the
 *                                        number is never reused)
 * </pre>
 * A version is complete (visible) when its manifest exists and it has no tombstone.
 */
final class S3Layout {
    static final String DIR = "@v";

    enum Part { CLAIM("claim"), DATA("data"), MANIFEST("json"), TOMBSTONE("deleted");
        final String ext;
        Part(String ext) { this.ext = ext; }
    }

    /** One object of the layout, parsed back from its S3 key. */
    record Item(String key, long version, Part part) {}

    private final String root;

    /** {@code prefix}: "" or a valid key-like path (validated by the caller); stored as {@code "p/"}. */
    S3Layout(String prefix) {
        this.root = prefix.isEmpty() ? "" : prefix + "/";
    }

    String root() { return root; }

    /** {@code P/K/@v/} */
    String versionsDir(String key) { return root + key + "/" + DIR + "/"; }

    String object(String key, long version, Part part) {
        return versionsDir(key) + String.format("%020d", version) + "." + part.ext;
    }

    /** The S3 prefix to list for store keys under {@code prefix} ("" = all). */
    String listPrefix(String prefix) { return prefix.isEmpty() ? root : root + prefix; }

    /** Parses an S3 object key of this layout; empty for anything else (foreign objects are ignored). */
    Optional<Item> parse(String objectKey) {
        if (!objectKey.startsWith(root)) return Optional.empty();
        String rest = objectKey.substring(root.length());
        int at = rest.lastIndexOf("/" + DIR + "/");
        if (at <= 0) return Optional.empty();
        String key = rest.substring(0, at);
        String file = rest.substring(at + DIR.length() + 2);
        int dot = file.indexOf('.');
        if (dot != 20) return Optional.empty();
        long version;
        try {
            version = Long.parseLong(file.substring(0, 20));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        String ext = file.substring(21);
        for (Part p : Part.values()) {
            if (p.ext.equals(ext)) {
                try {
                    StorageKey.of(key);
                } catch (StorageException.InvalidKey e) {
                    return Optional.empty();
                }
                return Optional.of(new Item(key, version, p));
            }
        }
        return Optional.empty();
    }
}
