package storage;

import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JavaType;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What every backend shares: key validation, encoding tables (CSV through {@link TableCodec}) and objects
 * (JSON through {@link Json#mapper()}), the {@code loadObject} overloads, the one retry policy (a LATEST
 * read re-resolves when its version was deleted mid-read), what LATEST means in every verb (and the
 * NotFound wording), verified reads, manifests (encoded with a check, validated as a whole), and values
 * refused before writing ({@link #checkStorable}). A backend supplies the primitives: {@link #saveEncoded}
 * (store one encoded payload as a new version), {@link #manifest} and {@link #openPayload} (reads),
 * {@link #deleteOnce}, {@link #versions}, {@link #list}, {@link #retain}. A backend whose format differs on
 * purpose overrides the verb (JDBC stores tables as SQL tables and overrides the single-attempt reads
 * {@link #loadTableOnce} and friends).
 */
public abstract class AbstractStore implements Store {

    /** Writes an encoded payload into the stream a backend hands it (the backend hashes, counts and stores it). */
    @FunctionalInterface
    protected interface PayloadWriter { void write(OutputStream out) throws IOException; }

    // ------------------------------------------------------------------ primitives

    /**
     * Stores what {@code writer} writes as a new version of {@code k} (honouring {@link SaveOption#CREATE_ONLY})
     * and returns its metadata. {@code format} is {@code csv}, {@code json} or {@code bytes}; {@code schema}
     * is non-null only for tables.
     */
    protected abstract Metadata saveEncoded(StorageKey k, Kind kind, String format, TableSchema schema,
                                            PayloadWriter writer, SaveOption... options);

    /**
     * The manifest of a version of {@code k} ({@code version} may be {@link #LATEST}), read without the
     * payload; NotFound (worded by {@link #noSuchKey}/{@link #noSuchVersion}) if there is none. A backend that
     * stores payloads as files or objects implements this and {@link #openPayload}; the base derives every
     * read from them. A backend with its own format (JDBC) overrides the {@code *Once} reads instead.
     */
    protected Metadata manifest(StorageKey k, long version) {
        throw new UnsupportedOperationException(getClass().getName() + " must implement manifest() or override the reads");
    }

    /** Opens the raw payload of version {@code m} (NotFound if it was deleted meanwhile); the base verifies it. */
    protected InputStream openPayload(StorageKey k, Metadata m) {
        throw new UnsupportedOperationException(getClass().getName() + " must implement openPayload() or override the reads");
    }

    /** The backend failure a runtime exception from this backend's client stands for (e.g. an SDK exception), else null. */
    protected StorageException readFailure(String key, RuntimeException e) { return null; }

    /** One attempt at reading a table version (a vanished version is {@link StorageException.NotFound}). */
    protected Table loadTableOnce(StorageKey k, long version) {
        Metadata m = manifest(k, version);
        if (m.kind() != Kind.TABLE || m.table() == null) throw wrongKind(k.value(), m, "a table");
        return readVerified(k, m, in -> TableCodec.read(in, m.table()));
    }

    /** One attempt at reading an object version as {@code type}: the JSON is streamed from the verified payload. */
    protected <T> T loadObjectOnce(StorageKey k, long version, JavaType type) {
        Metadata m = manifest(k, version);
        if (m.kind() != Kind.OBJECT) throw wrongKind(k.value(), m, "an object");
        return readVerified(k, m, in -> {
            try {
                return Json.mapper().readValue(new java.io.FilterInputStream(in) {
                    @Override public void close() { /* closed by readVerified after verifying */ }
                }, type);
            } catch (DatabindException e) {
                throw new TypeProblem(type, e);
            }
        });
    }

    /** One attempt at reading a version's verified bytes. */
    protected byte[] loadBytesOnce(StorageKey k, long version) {
        Metadata m = manifest(k, version);
        checkFitsArray(k.value(), m);
        return readVerified(k, m, InputStream::readAllBytes);
    }

    /** One attempt at opening a version's payload for streaming (verified as it reaches its end). */
    protected InputStream openStreamOnce(StorageKey k, long version) {
        Metadata m = manifest(k, version);
        return new VerifyingInputStream(k.value(), m, openPayload(k, m));
    }

    @Override
    public Metadata describe(String key, long version) {
        StorageKey k = StorageKey.of(key);
        return latest(key, version, () -> manifest(k, version));
    }

    /** Reads from a payload stream (the stream is closed by the caller). */
    @FunctionalInterface
    protected interface Reading<T> { T read(InputStream in) throws IOException; }

    /** Thrown inside an object read when the JSON is fine but does not fit the requested type. */
    private static final class TypeProblem extends IOException {
        final transient JavaType type;

        TypeProblem(JavaType type, DatabindException e) {
            super(e.getOriginalMessage(), e);
            this.type = type;
        }
    }

    /**
     * Runs {@code f} on version {@code m}'s payload, verified as it is read; returns the result only if the
     * whole payload matched its size and SHA-256. A checksum mismatch explains a parse failure better than the
     * parser does, so it is reported first; bytes that match but do not parse are Corrupt (or WrongType when
     * JSON does not fit the type asked for).
     */
    protected final <T> T readVerified(StorageKey k, Metadata m, Reading<T> f) {
        String key = k.value();
        try (VerifyingInputStream in = new VerifyingInputStream(key, m, openPayload(k, m))) {
            T value;
            try {
                value = f.read(in);
            } catch (StorageException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                in.drainAndVerify();
                if (e instanceof TypeProblem tp)
                    throw new StorageException.WrongType(key, "\"" + key + "\" version " + m.version() + " cannot be read as "
                            + tp.type.toCanonical() + ": " + e.getMessage(), e.getCause());
                StorageException backend = e instanceof RuntimeException re ? readFailure(key, re) : null;
                if (backend != null) throw backend;
                throw new StorageException.Corrupt(key, "\"" + key + "\" version " + m.version() + " is not valid "
                        + m.format() + ": " + e.getMessage(), e);
            }
            in.drainAndVerify();
            return value;
        } catch (IOException e) {
            throw new StorageException.BackendFailure(key, "cannot read \"" + key + "\" (" + uri() + "): " + e, e);
        } catch (StorageException e) {
            throw e;
        } catch (RuntimeException e) {
            StorageException backend = readFailure(key, e);
            if (backend != null) throw backend;
            throw e;
        }
    }

    // ------------------------------------------------------------------ saves

    @Override
    public Metadata saveTable(String key, Table table, SaveOption... options) {
        StorageKey k = StorageKey.of(key);
        Objects.requireNonNull(table, "table");
        TableSchema schema = tableSchema(key, table);
        return saveEncoded(k, Kind.TABLE, "csv", schema, out -> TableCodec.write(table, out), options);
    }

    /** Encodes {@code value} as JSON in memory first, so a value Jackson cannot write never claims a version. */
    @Override
    public Metadata saveObject(String key, Object value, SaveOption... options) {
        StorageKey k = StorageKey.of(key);
        byte[] json;
        try {
            json = Json.mapper().writeValueAsBytes(value);
        } catch (IOException | RuntimeException e) {
            throw new StorageException.WrongType(key, "cannot save object under \"" + key + "\" as JSON ("
                    + (value == null ? "null" : value.getClass().getName()) + "): " + e.getMessage(), e);
        }
        return saveEncoded(k, Kind.OBJECT, "json", null, out -> out.write(json), options);
    }

    @Override
    public Metadata saveStream(String key, InputStream in, SaveOption... options) {
        StorageKey k = StorageKey.of(key);
        Objects.requireNonNull(in, "in");
        return saveEncoded(k, Kind.BYTES, "bytes", null, in::transferTo, options);
    }

    /**
     * The table's schema, after {@link #checkStorable}: a column type tables cannot store, or a value that
     * could not be read back exactly, is {@link StorageException.WrongType} before anything is written.
     */
    protected TableSchema tableSchema(String key, Table table) {
        try {
            TableSchema schema = TableCodec.schemaOf(table);
            checkStorable(table);
            return schema;
        } catch (IllegalArgumentException e) {
            throw cannotSaveTable(key, e);
        }
    }

    /** Refuses (IllegalArgumentException naming column and row) values this backend cannot store exactly. */
    protected void checkStorable(Table table) {
        Storable.checkText(table);
    }

    protected static StorageException.WrongType cannotSaveTable(String key, IllegalArgumentException e) {
        return new StorageException.WrongType(key, "cannot save table under \"" + key + "\": " + e.getMessage(), e);
    }

    // ------------------------------------------------------------------ loads

    @Override
    public Table loadTable(String key, long version) {
        StorageKey k = StorageKey.of(key);
        return latest(key, version, () -> loadTableOnce(k, version));
    }

    @Override
    public <T> T loadObject(String key, long version, Class<T> type) {
        return loadObject(key, version, Json.mapper().constructType(type));
    }

    @Override
    public <T> T loadObject(String key, long version, ObjectType<T> type) {
        return loadObject(key, version, Json.mapper().constructType(type.type()));
    }

    /** Where both {@code loadObject} overloads converge. */
    protected <T> T loadObject(String key, long version, JavaType type) {
        StorageKey k = StorageKey.of(key);
        return latest(key, version, () -> loadObjectOnce(k, version, type));
    }

    @Override
    public byte[] loadBytes(String key, long version) {
        StorageKey k = StorageKey.of(key);
        return latest(key, version, () -> loadBytesOnce(k, version));
    }

    @Override
    public InputStream openStream(String key, long version) {
        StorageKey k = StorageKey.of(key);
        return latest(key, version, () -> openStreamOnce(k, version));
    }

    /**
     * Runs a read; for {@link #LATEST}, a version deleted (e.g. by retention) between resolving and reading
     * is re-resolved instead of failing, as long as the key still has versions. A pinned version is simply NotFound.
     */
    protected <T> T latest(String key, long version, Supplier<T> read) {
        for (int attempt = 0; ; attempt++) {
            try {
                return read.get();
            } catch (StorageException.NotFound e) {
                if (version != LATEST || attempt >= 50 || !exists(key)) throw e;
            }
        }
    }

    // ------------------------------------------------------------------ LATEST and deletes

    /**
     * {@link #LATEST} means the same in every verb of every backend: the newest version that is complete
     * when the call resolves it. A read that loses a race with a delete re-resolves ({@link #latest}); a
     * delete resolves once, so {@code deleteVersion(key, LATEST)} deletes the version that was newest when
     * it was called. A pinned version below 1 is NotFound ("versions start at 1").
     */
    @Override
    public void deleteVersion(String key, long version) {
        StorageKey k = StorageKey.of(key);
        deleteOnce(k, version == LATEST ? newest(k) : checkPinned(key, version));
    }

    /** True if the key has a complete version (a backend may answer faster). */
    @Override
    public boolean exists(String key) {
        return !versions(key).isEmpty();
    }

    /**
     * Deletes all but the newest {@code keepNewest} versions through {@link #deleteOnce}. Backends override it
     * to do it under their key lock and to reclaim crash leftovers on the way.
     */
    @Override
    public int retain(String key, int keepNewest) {
        if (keepNewest < 1) throw new IllegalArgumentException("retain(\"" + key + "\", " + keepNewest + "): keepNewest must be >= 1");
        StorageKey k = StorageKey.of(key);
        List<Long> vs = versions(key);
        if (vs.isEmpty()) throw noSuchKey(key);
        int deleted = 0;
        for (int i = 0; i < vs.size() - keepNewest; i++) {
            try {
                deleteOnce(k, vs.get(i));
                deleted++;
            } catch (StorageException.NotFound gone) {
                // deleted concurrently
            }
        }
        return deleted;
    }

    /** Deletes complete version {@code version} (>= 1) of {@code k}; {@link #noSuchVersion} if it is not one. */
    protected abstract void deleteOnce(StorageKey k, long version);

    /** The newest complete version of {@code k}; {@link #noSuchKey} if there is none. */
    protected long newest(StorageKey k) {
        List<Long> vs = versions(k.value());
        if (vs.isEmpty()) throw noSuchKey(k.value());
        return vs.get(vs.size() - 1);
    }

    /** {@code version} itself if it can name a pinned version (>= 1); NotFound otherwise (resolve LATEST first). */
    protected static long checkPinned(String key, long version) {
        if (version < 1)
            throw new StorageException.NotFound(key, "\"" + key + "\" has no version " + version + " (versions start at 1)");
        return version;
    }

    /** The one wording of "the key has no complete version". */
    protected StorageException.NotFound noSuchKey(String key) {
        return new StorageException.NotFound(key, "no such key: \"" + key + "\" (in " + uri() + ")");
    }

    /** The one wording of "the key has versions, but not this one". */
    protected static StorageException.NotFound noSuchVersion(String key, long version, List<Long> versions) {
        return new StorageException.NotFound(key, "\"" + key + "\" has no version " + version + " (versions: " + versions + ")");
    }

    // ------------------------------------------------------------------ manifests

    /**
     * A version's manifest as stored by the file and S3 backends: the {@link Metadata} as JSON with one more
     * field at the end, {@code "check"}: the SHA-256 of the exact bytes of the JSON without it. Damage anywhere
     * in the manifest - even damage that still parses, such as a changed letter in the table name - is then
     * Corrupt rather than a silently different answer. It stays one plain JSON object for other tools.
     */
    protected static byte[] encodeManifest(Metadata m) {
        byte[] json;
        try {
            json = Json.mapper().writeValueAsBytes(m);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a manifest: " + e, e);
        }
        String tail = CHECK_MARK + Hashing.sha256Hex(json) + "\"}";
        byte[] out = java.util.Arrays.copyOf(json, json.length - 1 + tail.length());
        System.arraycopy(tail.getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, out, json.length - 1, tail.length());
        return out;
    }

    private static final String CHECK_MARK = ",\"check\":\"";
    private static final int CHECK_TAIL = CHECK_MARK.length() + 64 + 2;

    /**
     * Reads and validates a manifest as a whole: the check matching the bytes (a manifest without one was
     * written before checks existed and is accepted), valid JSON holding an object, and the fields describing
     * version {@code v} of {@code key}. Anything else is Corrupt naming key and version; never a NullPointerException.
     */
    protected static Metadata decodeManifest(String key, long v, byte[] bytes) {
        byte[] json = bytes;
        int n = bytes.length;
        if (n > CHECK_TAIL && new String(bytes, n - CHECK_TAIL, CHECK_MARK.length(), java.nio.charset.StandardCharsets.ISO_8859_1).equals(CHECK_MARK)
                && bytes[n - 2] == '"' && bytes[n - 1] == '}') {
            json = java.util.Arrays.copyOf(bytes, n - CHECK_TAIL + 1);
            json[json.length - 1] = '}';
            String check = new String(bytes, n - 66, 64, java.nio.charset.StandardCharsets.ISO_8859_1);
            if (!check.equals(Hashing.sha256Hex(json)))
                throw corruptManifest(key, v, "its check does not match its bytes (damaged)", null);
        }
        Metadata m;
        try {
            com.fasterxml.jackson.databind.JsonNode tree = Json.mapper().readTree(json);
            if (tree == null || !tree.isObject())
                throw corruptManifest(key, v, "it holds " + (tree == null ? "nothing" : tree.getNodeType().toString().toLowerCase(java.util.Locale.ROOT))
                        + ", not an object", null);
            m = Json.mapper().treeToValue(tree, Metadata.class);
            if (m == null) throw corruptManifest(key, v, "it is empty", null);
        } catch (IOException e) {
            throw corruptManifest(key, v, e.getMessage(), e);
        }
        if (!key.equals(m.key()) || m.version() != v || m.kind() == null || m.sha256() == null || m.format() == null || m.created() == null
                || m.size() < 0 || !List.of("csv", "json", "bytes").contains(m.format())
                || (m.kind() == Kind.TABLE) != (m.table() != null) || (m.table() != null && m.table().columns() == null))
            throw new StorageException.Corrupt(key, "manifest of \"" + key + "\" version " + v + " does not describe it (says key \""
                    + m.key() + "\" version " + m.version() + ", kind " + m.kind() + ", format " + m.format() + ")", null);
        return m;
    }

    private static StorageException.Corrupt corruptManifest(String key, long v, String why, Throwable cause) {
        return new StorageException.Corrupt(key, "manifest of \"" + key + "\" version " + v + " is not valid: " + why, cause);
    }

    // ------------------------------------------------------------------ shared checks and decoding

    /** The version holds another kind than the one asked for; {@code wanted} is "a table" or "an object". */
    protected static StorageException.WrongType wrongKind(String key, Metadata m, String wanted) {
        return new StorageException.WrongType(key, "\"" + key + "\" version " + m.version() + " holds " + m.kind() + ", not " + wanted, null);
    }

    /** WrongType unless the payload fits in a byte array. */
    protected static void checkFitsArray(String key, Metadata m) {
        if (m.size() > Integer.MAX_VALUE - 16)
            throw new StorageException.WrongType(key, "\"" + key + "\" is " + m.size() + " bytes, too large for an array: use openStream", null);
    }

    /** Reads verified JSON bytes as {@code type}: WrongType if they do not fit the type, Corrupt if they are not JSON. */
    protected static <T> T decodeJson(String key, Metadata m, byte[] json, JavaType type) {
        try {
            return Json.mapper().readValue(json, type);
        } catch (DatabindException e) {
            throw new StorageException.WrongType(key, "\"" + key + "\" version " + m.version() + " cannot be read as "
                    + type.toCanonical() + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new StorageException.Corrupt(key, "\"" + key + "\" version " + m.version() + " is not valid json: " + e.getMessage(), e);
        }
    }
}
