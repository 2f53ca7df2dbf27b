package storage;

import tech.tablesaw.api.Table;

import java.io.InputStream;
import java.util.List;

/**
 * A versioned key/value store for tables, objects and raw bytes. Open one with {@link Stores#open(String)}.
 *
 * <p>Keys are path-like ({@code results/2026-11/summary}) and validated by {@link StorageKey}. Every save
 * adds a new immutable version (1, 2, 3, ...; numbers are never reused) and returns its {@link Metadata};
 * loads read the latest complete version or a pinned one. A reader never sees a half-written version.
 * Every failure is a {@link StorageException} naming the key and the cause.
 *
 * <p>Backends implement the versioned methods; the unversioned ones read {@link #LATEST}.
 */
public interface Store extends AutoCloseable {
    /** Pass as a version to mean "the newest complete version". */
    long LATEST = -1;

    // ---- tables (Tablesaw), stored as CSV + typed schema: lossless for every Tablesaw column type
    Metadata saveTable(String key, Table table, SaveOption... options);

    Table loadTable(String key, long version);

    default Table loadTable(String key) { return loadTable(key, LATEST); }

    // ---- objects (Jackson JSON; the caller names the target type; no polymorphic default typing)
    Metadata saveObject(String key, Object value, SaveOption... options);

    <T> T loadObject(String key, long version, Class<T> type);

    /** A generic type: {@code loadObject(key, version, new ObjectType<List<Point>>() {})}. */
    <T> T loadObject(String key, long version, ObjectType<T> type);

    default <T> T loadObject(String key, Class<T> type) { return loadObject(key, LATEST, type); }

    default <T> T loadObject(String key, ObjectType<T> type) { return loadObject(key, LATEST, type); }

    // ---- raw bytes / streams (artifacts: plots, reports, model files)
    /** Saves everything {@code in} yields (streamed, not buffered in memory); does not close {@code in}. */
    Metadata saveStream(String key, InputStream in, SaveOption... options);

    default Metadata saveBytes(String key, byte[] data, SaveOption... options) {
        return saveStream(key, new java.io.ByteArrayInputStream(data), options);
    }

    /**
     * Opens a version for streaming. The checksum is verified as the stream reaches its end: reading to the
     * end throws {@link StorageException.Corrupt} if the bytes do not match. Use {@link #loadBytes} to get
     * bytes that are verified before you see them.
     */
    InputStream openStream(String key, long version);

    default InputStream openStream(String key) { return openStream(key, LATEST); }

    /** All bytes of a version, returned only after the checksum matched. */
    byte[] loadBytes(String key, long version);

    default byte[] loadBytes(String key) { return loadBytes(key, LATEST); }

    // ---- metadata and versions
    /** True if the key has at least one complete version. */
    boolean exists(String key);

    /** Metadata of a version, from its manifest (the payload is not read). */
    Metadata describe(String key, long version);

    default Metadata describe(String key) { return describe(key, LATEST); }

    /** Complete versions of the key, oldest first; empty if none. */
    List<Long> versions(String key);

    /** Deletes one version; its number is never reused. NotFound if it does not exist. */
    void deleteVersion(String key, long version);

    /** Keeps the newest {@code keepNewest} (>= 1) versions and deletes the others; returns how many were deleted. */
    int retain(String key, int keepNewest);

    /** Keys that have at least one complete version and are {@code prefix} or lie under it (whole segments;
     *  the empty string lists everything), sorted. */
    List<String> list(String prefix);

    /** Where this store lives, as a URI that {@link Stores#open(String)} accepts. */
    String uri();

    @Override
    default void close() {}
}
