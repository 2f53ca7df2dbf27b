package storage;

import java.time.Instant;

/**
 * What a store knows about one version of a key, read from its manifest without touching the payload.
 *
 * @param key     the key
 * @param version version number (1, 2, ...; increasing, never reused)
 * @param kind    TABLE, OBJECT or BYTES
 * @param size    payload size in bytes
 * @param sha256  lowercase hex SHA-256 of the payload
 * @param created when the version was committed (UTC)
 * @param format  payload format: {@code csv} (tables), {@code json} (objects), {@code bytes}
 * @param table   table schema and row count; null unless kind is TABLE
 */
public record Metadata(String key, long version, Kind kind, long size, String sha256, Instant created,
                       String format, TableSchema table) {}
