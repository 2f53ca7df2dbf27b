//SOURCES ../storage/*.java
package cli;

import storage.Store;
import storage.Stores;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code --store} option of every job, opened with the checks a user needs before any work starts: a
 * plain path that names a file (not a folder) is a one-line error, and a job that only reads (predict)
 * never creates a store that is not there.
 */
public final class StoreOption {
    private StoreOption() {}

    /** Opens (creating a folder store if missing) the store a job writes to. */
    public static Store forWriting(String uri) {
        Path p = localPath(uri);
        if (p != null && Files.exists(p) && !Files.isDirectory(p))
            throw new IllegalArgumentException("--store " + uri + " is a file, not a folder: give a folder (created if missing)"
                    + " or a store URI (file:///path, s3://bucket/prefix, jdbc:sqlite:FILE, jdbc:postgresql://...)");
        return Stores.open(uri);
    }

    /** Opens a store that must already exist (a folder store is not created; an SQLite file must be there). */
    public static Store existing(String uri) {
        Path p = localPath(uri);
        if (p == null && uri.startsWith("jdbc:sqlite:")) {
            String f = uri.substring("jdbc:sqlite:".length());
            int q = f.indexOf('?');
            p = Path.of(q >= 0 ? f.substring(0, q) : f);
            if (!Files.isRegularFile(p))
                throw new IllegalArgumentException("--store " + uri + " does not exist (no database file " + p
                        + "; run the analysis with this --store first, it saves the model card there)");
            return Stores.open(uri);
        }
        if (p != null && !Files.isDirectory(p))
            throw new IllegalArgumentException("--store " + uri + (Files.exists(p) ? " is a file, not a store folder" : " does not exist")
                    + " (run the analysis with this --store first, it saves the model card there)");
        return Stores.open(uri);
    }

    /** The folder of a filesystem store URI (a plain path or file:///path), or null for other backends. */
    static Path localPath(String uri) {
        if (uri == null || uri.isBlank()) return null;
        if (uri.startsWith("file:")) {
            try {
                java.net.URI u = java.net.URI.create(uri);
                return u.getPath() == null || u.getPath().isEmpty() ? null : Path.of(u.getPath());
            } catch (IllegalArgumentException e) {
                return null; // Stores.open gives the precise message
            }
        }
        int colon = uri.indexOf(':');
        if (colon > 1 && uri.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")) return null; // another scheme
        try {
            return Path.of(uri);
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }
}
