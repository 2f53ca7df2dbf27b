package storage.jdbc;

import storage.*;

import com.fasterxml.jackson.databind.JavaType;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.*;
import java.time.Instant;
import java.util.*;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A {@link Store} in a SQL database: SQLite in a file (embedded, no server) or PostgreSQL.
 *
 * <p>Open with a JDBC URL ({@link Stores#open} or {@link #open(String)}):
 * <ul>
 *   <li>{@code jdbc:sqlite:/path/store.db} (parent folders are created; WAL mode, synchronous=FULL);</li>
 *   <li>{@code jdbc:postgresql://host:5432/db} with the user and password from {@code STORAGE_JDBC_USER} /
 *       {@code STORAGE_JDBC_PASSWORD} (else libpq's {@code PGUSER} / {@code PGPASSWORD}, else the driver's own
 *       {@code ~/.pgpass}); never put a password in the URL (it would end up in logs and shell history).</li>
 * </ul>
 *
 * <p><b>Layout</b> (all names fixed, all values bound as parameters; nothing a caller passes is ever
 * spliced into SQL text except column names, which are validated and quoted):
 * <ul>
 *   <li>every table version is a real typed SQL table {@code storage_t_<key>_n<id>} (id from the catalog) with a
 *       {@code _row} column (0-based row order) and the table's columns under their own names
 *       (see {@link SqlDialect} for types) - query it with plain SQL or a BI tool;</li>
 *   <li>{@code storage_versions}: one row per complete version (key, version, kind, size, sha256, created,
 *       format, table name, row count, data table) - the catalog to start from;</li>
 *   <li>{@code storage_columns}: per data table, the Tablesaw name and type of each column (the codec's
 *       schema, so types never depend on what the database reports);</li>
 *   <li>{@code storage_chunks}: objects (JSON) and bytes, in 1 MiB chunks (streamed in and out);</li>
 *   <li>{@code storage_counters}: the last version number per key (numbers are never reused); on SQLite also
 *       the last data-table id (row {@code @data-tables}; PostgreSQL uses the sequence {@code storage_table_ids}).</li>
 * </ul>
 *
 * <p><b>Transactions</b>: a save allocates its version number (locking that key's counter row until it
 * commits), writes the payload and the catalog row in ONE transaction, so a version is visible exactly
 * when it is complete, and concurrent writers serialise per key without losing anything. Tables go in
 * with COPY on PostgreSQL and batched inserts on SQLite. The SHA-256 in the catalog is over the table's
 * canonical text ({@link SqlTableCodec}); a load checks it, so rows changed behind the store's back are
 * reported as {@link StorageException.Corrupt} instead of being returned. {@link #openStream}/{@link #loadBytes}
 * of a table give that canonical text (PostgreSQL COPY text format, row number first).
 */
public final class JdbcStore extends AbstractStore {
    static final int CHUNK = 1 << 20;
    private static final int BATCH = 5_000;
    private static final int IDLE_MAX = 4;
    private static final String ROW = "_row";
    private static final int VALIDATE_SECONDS = 5;
    private static final long CREATE_ONLY_GRACE_MILLIS = 3000;

    private final String url;
    private final SqlDialect dialect;
    private final Properties props;
    private final Deque<Connection> idle = new ConcurrentLinkedDeque<>();
    private final SqliteKeyLocks sqliteLocks;
    private String schema = "";
    private volatile boolean closed;

    private JdbcStore(String url, Properties props, Path sqliteFile) {
        this.url = url;
        this.dialect = SqlDialect.of(url);
        this.props = props;
        this.sqliteLocks = sqliteFile == null ? null : new SqliteKeyLocks(sqliteFile);
    }

    /** Opens (creating the catalog tables if needed) the store at a JDBC URL; credentials from the environment. */
    public static JdbcStore open(String url) {
        String user = firstNonEmpty(System.getenv("STORAGE_JDBC_USER"), url.startsWith("jdbc:postgresql:") ? System.getenv("PGUSER") : null);
        String password = firstNonEmpty(System.getenv("STORAGE_JDBC_PASSWORD"), url.startsWith("jdbc:postgresql:") ? System.getenv("PGPASSWORD") : null);
        return open(url, user, password);
    }

    /** Opens the store at a JDBC URL with explicit credentials (null: none / the driver's defaults). */
    public static JdbcStore open(String url, String user, String password) {
        if (url == null || !url.startsWith("jdbc:"))
            throw new IllegalArgumentException("not a JDBC URL: " + (url == null ? "null" : redact(url)));
        Properties p = new Properties();
        if (user != null) p.setProperty("user", user);
        if (password != null) p.setProperty("password", password);
        SqlDialect d;
        try {
            d = SqlDialect.of(url);
        } catch (IllegalArgumentException e) {
            throw new StorageException.BackendFailure(redact(url), e.getMessage(), e);
        }
        Path sqliteFile = null;
        if (d == SqlDialect.SQLITE) {
            String file = url.substring("jdbc:sqlite:".length());
            int q = file.indexOf('?');
            if (q >= 0) file = file.substring(0, q);
            if (file.startsWith("file:")) file = file.substring(5);
            if (file.isEmpty() || file.contains(":memory:") || file.contains("mode=memory"))
                throw new IllegalArgumentException("jdbc:sqlite store needs a database file (got '" + redact(url)
                        + "'); an in-memory database would vanish with each connection");
            try {
                sqliteFile = Path.of(file).toAbsolutePath();
                Path parent = sqliteFile.getParent();
                if (parent != null) Files.createDirectories(parent);
            } catch (IOException | RuntimeException e) {
                throw new StorageException.BackendFailure(redact(url), "cannot create the folder of SQLite database " + file + ": " + e, e);
            }
            p.setProperty("journal_mode", "WAL");
            p.setProperty("synchronous", "FULL");
            p.setProperty("busy_timeout", "600000");
            p.setProperty("transaction_mode", "IMMEDIATE");
        } else {
            p.putIfAbsent("ApplicationName", "storage.JdbcStore");
            // Bounded time for faults (seconds; a URL parameter overrides): connecting, and a server that stops
            // answering mid-statement (no byte for that long). Keep-alives find dead peers on idle connections.
            p.putIfAbsent("connectTimeout", "10");
            p.putIfAbsent("socketTimeout", "600");
            p.putIfAbsent("tcpKeepAlive", "true");
        }
        JdbcStore s = new JdbcStore(url, p, sqliteFile);
        s.createCatalog();
        return s;
    }

    private static String firstNonEmpty(String a, String b) {
        return a != null && !a.isEmpty() ? a : b != null && !b.isEmpty() ? b : null;
    }

    /** The JDBC URL with any password parameter masked. */
    @Override
    public String uri() { return redact(url); }

    public SqlDialect dialect() { return dialect; }

    @Override
    public String toString() { return "JdbcStore[" + uri() + "]"; }

    static String redact(String s) { return Stores.redact(s); }

    // ------------------------------------------------------------------ connections

    /**
     * A pooled connection that still answers ({@link Connection#isValid}: one round trip), else a new one: after
     * a server restart every pooled connection is dead, and the first call must still work.
     */
    private Connection borrow() throws SQLException {
        if (closed) throw new StorageException.BackendFailure(uri(), "store " + uri() + " is closed", null);
        Connection c;
        while ((c = idle.pollFirst()) != null) {
            try {
                if (c.isValid(VALIDATE_SECONDS)) return c;
            } catch (SQLException ignored) {
                // dead: drop it
            }
            try {
                c.close();
            } catch (SQLException ignored) {
                // already broken
            }
        }
        return DriverManager.getConnection(url, props);
    }

    private void giveBack(Connection c, boolean healthy) {
        try {
            if (healthy && !closed && !c.isClosed() && idle.size() < IDLE_MAX) {
                if (!c.getAutoCommit()) c.setAutoCommit(true);
                idle.offerFirst(c);
                return;
            }
        } catch (SQLException ignored) {
            // fall through and close it
        }
        try {
            c.close();
        } catch (SQLException ignored) {
            // nothing to do
        }
    }

    @Override
    public void close() {
        closed = true;
        Connection c;
        while ((c = idle.pollFirst()) != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
    }

    private interface Work<T> { T run(Connection c) throws Exception; }

    /**
     * Runs {@code work} on a pooled connection. {@code transaction}: one transaction, committed at the end
     * (writes always; PostgreSQL reads too, since streaming result sets need one). Failures become
     * {@link StorageException}s naming the key.
     */
    private <T> T run(String key, String what, boolean transaction, Work<T> work) {
        Connection c;
        try {
            c = borrow();
        } catch (SQLException e) {
            throw new StorageException.BackendFailure(key, "cannot connect to " + uri() + " to " + what + ": " + e.getMessage(), e);
        }
        boolean healthy = true;
        try {
            if (transaction) c.setAutoCommit(false);
            T result = work.run(c);
            if (transaction) c.commit();
            return result;
        } catch (Throwable e) {
            if (transaction) {
                try {
                    c.rollback();
                } catch (SQLException re) {
                    healthy = false;
                }
            }
            if (e instanceof SQLException) healthy = false;
            if (e instanceof StorageException se) throw se;
            if (e instanceof Error err) throw err;
            String msg = e instanceof SQLException ? e.getMessage() : e.toString();
            throw new StorageException.BackendFailure(key, "cannot " + what + " in " + uri() + ": " + msg, e);
        } finally {
            giveBack(c, healthy);
        }
    }

    private void createCatalog() {
        String bin = dialect.binaryType();
        run(uri(), "create the catalog tables", true, c -> {
            try (Statement s = c.createStatement()) {
                // PostgreSQL: concurrent CREATE TABLE IF NOT EXISTS can still collide; serialise it.
                if (dialect == SqlDialect.POSTGRESQL) {
                    s.execute("SELECT pg_advisory_xact_lock(7301946271)");
                    try (ResultSet rs = s.executeQuery("SELECT current_schema()")) {
                        if (rs.next() && rs.getString(1) != null) schema = rs.getString(1);
                    }
                }
                if (dialect == SqlDialect.POSTGRESQL) s.execute("CREATE SEQUENCE IF NOT EXISTS storage_table_ids");
                s.execute("CREATE TABLE IF NOT EXISTS storage_counters (key TEXT PRIMARY KEY, last_version BIGINT NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS storage_versions (key TEXT NOT NULL, version BIGINT NOT NULL,"
                        + " kind TEXT NOT NULL, format TEXT NOT NULL, size BIGINT NOT NULL, sha256 TEXT NOT NULL,"
                        + " created TEXT NOT NULL, table_name TEXT, row_count BIGINT, data_table TEXT,"
                        + " PRIMARY KEY (key, version))");
                s.execute("CREATE TABLE IF NOT EXISTS storage_columns (data_table TEXT NOT NULL, position INTEGER NOT NULL,"
                        + " name TEXT NOT NULL, type TEXT NOT NULL, sql_name TEXT NOT NULL, negative_zero_rows TEXT,"
                        + " PRIMARY KEY (data_table, position))");
                s.execute("CREATE TABLE IF NOT EXISTS storage_chunks (key TEXT NOT NULL, version BIGINT NOT NULL,"
                        + " seq INTEGER NOT NULL, data " + bin + " NOT NULL, PRIMARY KEY (key, version, seq))");
            }
            return null;
        });
    }

    // ------------------------------------------------------------------ saves

    private record Payload(long size, String sha256, String format, TableSchema schema, String dataTable) {}

    private interface VersionWriter { Payload write(Connection c, long version) throws Exception; }

    private Metadata save(StorageKey k, Kind kind, SaveOption[] options, VersionWriter writer) {
        String key = k.value();
        boolean createOnly = options != null && Arrays.asList(options).contains(SaveOption.CREATE_ONLY);
        if (sqliteLocks == null) return saveLocked(key, kind, createOnly, writer);
        // SQLite: take the key's file lock before the database's write lock (never the other way round).
        SqliteKeyLocks.Held held;
        try {
            held = sqliteLocks.lock(key, !createOnly);
        } catch (IOException e) {
            throw new StorageException.BackendFailure(key, "cannot lock \"" + key + "\" for writing (" + uri() + "): " + e, e);
        }
        if (held == null) throw busy(key);
        try (held) {
            return saveLocked(key, kind, createOnly, writer);
        }
    }

    private StorageException.AlreadyExists busy(String key) {
        return new StorageException.AlreadyExists(key, "key \"" + key + "\" is being saved by another writer (" + uri()
                + "); saved with CREATE_ONLY");
    }

    /** 64 bits of SHA-256 of the key: the PostgreSQL advisory lock that serialises the key's writers. */
    long advisoryLockId(String key) {
        byte[] h = Hashing.sha256().digest(("storage.JdbcStore:" + schema + ":" + key).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return java.nio.ByteBuffer.wrap(h).getLong();
    }

    private Metadata saveLocked(String key, Kind kind, boolean createOnly, VersionWriter writer) {
        return run(key, "save \"" + key + "\"", true, c -> {
            if (createOnly) refuseIfExists(c, key);          // fail fast
            if (dialect == SqlDialect.POSTGRESQL) {
                // Held until commit/rollback; released by the server when a writer's connection dies.
                // A create-only save that finds the lock taken gives the server a moment (CREATE_ONLY_GRACE_MILLIS):
                // a writer that was just killed holds it until its backend notices the closed connection.
                long deadline = System.nanoTime() + CREATE_ONLY_GRACE_MILLIS * 1_000_000L;
                try (PreparedStatement ps = c.prepareStatement(createOnly ? "SELECT pg_try_advisory_xact_lock(?)" : "SELECT pg_advisory_xact_lock(?)")) {
                    ps.setLong(1, advisoryLockId(key));
                    while (true) {
                        boolean got;
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            got = !createOnly || rs.getBoolean(1);
                        }
                        if (got) break;
                        if (System.nanoTime() > deadline) throw busy(key);
                        Thread.sleep(50);
                    }
                }
            }
            long version = nextVersion(c, key);
            if (createOnly) refuseIfExists(c, key);          // authoritative: earlier writers have committed
            Payload p = writer.write(c, version);
            Instant created = Instant.now();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO storage_versions (key, version, kind, format, size, sha256,"
                    + " created, table_name, row_count, data_table) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, key);
                ps.setLong(2, version);
                ps.setString(3, kind.name());
                ps.setString(4, p.format);
                ps.setLong(5, p.size);
                ps.setString(6, p.sha256);
                ps.setString(7, created.toString());
                ps.setString(8, p.schema == null ? null : p.schema.name());
                if (p.schema == null) ps.setNull(9, Types.BIGINT); else ps.setLong(9, p.schema.rowCount());
                ps.setString(10, p.dataTable);
                ps.executeUpdate();
            }
            return new Metadata(key, version, kind, p.size, p.sha256, created, p.format, p.schema);
        });
    }

    private void refuseIfExists(Connection c, String key) throws SQLException {
        List<Long> vs = versions(c, key);
        if (!vs.isEmpty())
            throw new StorageException.AlreadyExists(key, "key \"" + key + "\" already exists (versions " + vs + ") in " + uri()
                    + "; saved with CREATE_ONLY");
    }

    private long nextVersion(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO storage_counters (key, last_version) VALUES (?, 1)"
                + " ON CONFLICT (key) DO UPDATE SET last_version = storage_counters.last_version + 1 RETURNING last_version")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Beyond the shared checks: no NUL in SQL names; on PostgreSQL, years its date types and driver keep exactly. */
    @Override
    protected void checkStorable(Table table) {
        super.checkStorable(table);
        Storable.checkSqlNames(table);
        if (dialect == SqlDialect.POSTGRESQL)
            Storable.checkYears(table, 1, 9999, "PostgreSQL has no year 0 and this store writes dates as ISO text");
    }

    @Override
    public Metadata saveTable(String key, Table table, SaveOption... options) {
        StorageKey k = StorageKey.of(key);
        TableSchema schema = tableSchema(key, table);
        StoredType[] code;
        try {
            code = SqlTableCodec.codes(table);
        } catch (IllegalArgumentException e) {
            throw cannotSaveTable(key, e);
        }
        return save(k, Kind.TABLE, options, (c, version) -> {
            String dt = dataTableName(key, nextTableId(c));
            List<Column<?>> cols = table.columns();
            List<String> names = sqlNames(cols.stream().map(Column::name).toList());
            StringBuilder ddl = new StringBuilder("CREATE TABLE ").append(SqlDialect.quote(dt)).append(" (")
                    .append(SqlDialect.quote(ROW)).append(dialect == SqlDialect.SQLITE ? " INTEGER PRIMARY KEY" : " bigint NOT NULL");
            for (int j = 0; j < cols.size(); j++)
                ddl.append(", ").append(SqlDialect.quote(names.get(j))).append(' ').append(dialect.columnType(schema.columns().get(j).type()));
            ddl.append(')');
            try (Statement s = c.createStatement()) {
                s.execute(ddl.toString());
            }
            List<List<Integer>> negZero = SqlTableCodec.negZeroLists(cols.size());
            SqlTableCodec.CanonicalWriter canon = new SqlTableCodec.CanonicalWriter();
            try {
                if (dialect == SqlDialect.POSTGRESQL) {
                    StringBuilder copy = new StringBuilder("COPY ").append(SqlDialect.quote(dt)).append(" (").append(SqlDialect.quote(ROW));
                    for (String n : names) copy.append(", ").append(SqlDialect.quote(n));
                    copy.append(") FROM STDIN");
                    CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(copy.toString());
                    try {
                        canon.write(table, (b, len) -> in.writeToCopy(b, 0, len));
                        in.endCopy();
                    } finally {
                        if (in.isActive()) in.cancelCopy();
                    }
                    try (Statement s = c.createStatement()) {
                        s.execute("ALTER TABLE " + SqlDialect.quote(dt) + " ADD PRIMARY KEY (" + SqlDialect.quote(ROW) + ")");
                    }
                } else {
                    StringBuilder ins = new StringBuilder("INSERT INTO ").append(SqlDialect.quote(dt)).append(" VALUES (?");
                    for (int j = 0; j < cols.size(); j++) ins.append(", ?");
                    ins.append(')');
                    try (PreparedStatement ps = c.prepareStatement(ins.toString())) {
                        int rows = table.rowCount();
                        for (int i = 0; i < rows; i++) {
                            ps.setLong(1, i);
                            SqlTableCodec.bind(ps, cols, code, i, negZero);
                            ps.addBatch();
                            if ((i + 1) % BATCH == 0) ps.executeBatch();
                        }
                        ps.executeBatch();
                    }
                    canon.write(table, null);
                }
            } catch (IllegalArgumentException e) {
                throw cannotSaveTable(key, e);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO storage_columns (data_table, position, name, type, sql_name,"
                    + " negative_zero_rows) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (int j = 0; j < cols.size(); j++) {
                    ps.setString(1, dt);
                    ps.setInt(2, j);
                    ps.setString(3, cols.get(j).name());
                    ps.setString(4, schema.columns().get(j).type());
                    ps.setString(5, names.get(j));
                    ps.setString(6, SqlTableCodec.rowsText(negZero.get(j)));
                    ps.addBatch();
                }
                if (!cols.isEmpty()) ps.executeBatch();
            }
            return new Payload(canon.size(), canon.sha256Hex(), "sql", schema, dt);
        });
    }

    /**
     * SQL name of each column: its own name when usable as a quoted identifier and distinct from the
     * others (case-insensitively, as SQLite compares them) and from {@code _row}; else {@code c<position>}.
     * The catalog keeps the real names, so a fallback never changes what a load returns.
     */
    List<String> sqlNames(List<String> names) {
        Set<String> used = new HashSet<>();
        used.add(ROW);
        List<String> out = new ArrayList<>(names.size());
        for (int j = 0; j < names.size(); j++) {
            String n = names.get(j);
            if (!dialect.isUsableIdentifier(n) || used.contains(n.toLowerCase(Locale.ROOT))) {
                n = "c" + (j + 1);
                while (used.contains(n)) n = n + "_";
            }
            used.add(n.toLowerCase(Locale.ROOT));
            out.add(n);
        }
        return out;
    }

    /**
     * {@code storage_t_<key, a-z0-9_ only, at most 24>_n<id>}, where the catalog hands out {@code id} (a
     * sequence on PostgreSQL, a counter row on SQLite): always a safe identifier, and never the name of
     * another version's table. (Names were once {@code ..._<8 hex of SHA-256(key)>_v<version>}, which two keys
     * could share; catalogs holding such names keep working, since every load reads the name from the catalog.)
     */
    static String dataTableName(String key, long id) {
        return "storage_t_" + keyPart(key) + "_n" + id;
    }

    /** The name older versions of the store gave a table version (kept to recognise them on delete). */
    static String legacyDataTableName(String key, long version) {
        byte[] h = Hashing.sha256().digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return "storage_t_" + keyPart(key) + "_" + HexFormat.of().formatHex(h, 0, 4) + "_v" + version;
    }

    private static String keyPart(String key) {
        StringBuilder b = new StringBuilder();
        for (char ch : key.toLowerCase(Locale.ROOT).toCharArray()) {
            if (b.length() == 24) break;
            b.append((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ? ch : '_');
        }
        return b.toString();
    }

    /** Whether {@code dt} is a name this store gives key {@code key} version {@code v} (so it may drop it). */
    static boolean ownTableName(String key, long v, String dt) {
        String p = "storage_t_" + keyPart(key) + "_n";
        return dt.equals(legacyDataTableName(key, v))
                || (dt.startsWith(p) && dt.length() > p.length() && dt.substring(p.length()).chars().allMatch(c -> c >= '0' && c <= '9'));
    }

    /** A new data-table id. PostgreSQL: a sequence (no lock held across keys). SQLite: writers are serialised anyway. */
    private long nextTableId(Connection c) throws SQLException {
        String sql = dialect == SqlDialect.POSTGRESQL ? "SELECT nextval('storage_table_ids')"
                : "INSERT INTO storage_counters (key, last_version) VALUES ('@data-tables', 1)"
                + " ON CONFLICT (key) DO UPDATE SET last_version = storage_counters.last_version + 1 RETURNING last_version";
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Objects (JSON) and bytes go to {@code storage_chunks}; tables never come here (see {@link #saveTable}). */
    @Override
    protected Metadata saveEncoded(StorageKey k, Kind kind, String format, TableSchema schema, PayloadWriter writer, SaveOption... options) {
        if (kind == Kind.TABLE)
            throw new IllegalStateException("JdbcStore saves tables as SQL tables (saveTable), never as " + format + " chunks");
        String key = k.value();
        return save(k, kind, options, (c, version) -> writeChunks(c, key, version, writer, format));
    }

    private Payload writeChunks(Connection c, String key, long version, PayloadWriter writer, String format) throws SQLException, IOException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO storage_chunks (key, version, seq, data) VALUES (?, ?, ?, ?)")) {
            ChunkOutput out = new ChunkOutput(ps, key, version);
            try {
                writer.write(out);
                out.finish();
            } catch (ChunkOutput.SqlFailure e) {
                throw e.sql;   // as a SQLException, so run() reports it and drops the connection as before
            }
            return new Payload(out.size, HexFormat.of().formatHex(out.sha.digest()), format, null, null);
        }
    }

    /**
     * Cuts what is written into rows of {@code storage_chunks}: full {@link #CHUNK}-byte chunks, then one
     * shorter last chunk (an empty payload is one empty chunk). Hashes and counts what passes.
     */
    private static final class ChunkOutput extends java.io.OutputStream {
        /** Carries a SQLException through the OutputStream API (unwrapped in writeChunks). */
        static final class SqlFailure extends IOException {
            final SQLException sql;

            SqlFailure(SQLException sql) {
                super(sql);
                this.sql = sql;
            }
        }

        private final PreparedStatement ps;
        private final String key;
        private final long version;
        private final byte[] buf = new byte[CHUNK];
        private int pos;
        private int seq;
        final MessageDigest sha = Hashing.sha256();
        long size;

        ChunkOutput(PreparedStatement ps, String key, long version) {
            this.ps = ps;
            this.key = key;
            this.version = version;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            sha.update(b, off, len);
            size += len;
            while (len > 0) {
                if (pos == CHUNK) {
                    try {
                        insertChunk();
                    } catch (SQLException e) {
                        throw new SqlFailure(e);
                    }
                }
                int n = Math.min(len, CHUNK - pos);
                System.arraycopy(b, off, buf, pos, n);
                pos += n;
                off += n;
                len -= n;
            }
        }

        void finish() throws SQLException {
            if (pos > 0 || seq == 0) insertChunk();
        }

        private void insertChunk() throws SQLException {
            ps.setString(1, key);
            ps.setLong(2, version);
            ps.setInt(3, seq);
            ps.setBytes(4, pos == CHUNK ? buf : Arrays.copyOf(buf, pos));
            ps.executeUpdate();
            seq++;
            pos = 0;
        }
    }

    // ------------------------------------------------------------------ catalog reads

    private record Entry(Metadata meta, String dataTable) {}

    private Entry entry(Connection c, StorageKey k, long version) throws SQLException {
        String key = k.value();
        long v = version;
        if (version == LATEST) {
            List<Long> vs = versions(c, key);
            if (vs.isEmpty()) throw noSuchKey(key);
            v = vs.get(vs.size() - 1);
        } else {
            checkPinned(key, version);
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT kind, format, size, sha256, created, table_name, row_count, data_table"
                + " FROM storage_versions WHERE key = ? AND version = ?")) {
            ps.setString(1, key);
            ps.setLong(2, v);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw noSuchVersion(key, v, versions(c, key));
                Kind kind;
                Instant created;
                try {
                    kind = Kind.valueOf(rs.getString(1));
                    created = Instant.parse(rs.getString(5));
                } catch (RuntimeException e) {
                    throw new StorageException.Corrupt(key, "catalog row of \"" + key + "\" version " + v + " is not valid: " + e.getMessage(), e);
                }
                String format = rs.getString(2);
                long size = rs.getLong(3);
                String sha = rs.getString(4);
                String tableName = rs.getString(6);
                long rowCount = rs.getLong(7);
                String dt = rs.getString(8);
                TableSchema schema = null;
                if (kind == Kind.TABLE) {
                    if (dt == null) throw new StorageException.Corrupt(key, "catalog row of table \"" + key + "\" version " + v + " names no data table", null);
                    List<TableSchema.Column> cols = new ArrayList<>();
                    for (ColumnInfo ci : columns(c, dt)) cols.add(new TableSchema.Column(ci.name, ci.type));
                    schema = new TableSchema(tableName, rowCount, cols);
                }
                return new Entry(new Metadata(key, v, kind, size, sha, created, format, schema), dt);
            }
        }
    }

    private record ColumnInfo(String name, String type, String sqlName, String negativeZeroRows) {}

    private List<ColumnInfo> columns(Connection c, String dataTable) throws SQLException {
        List<ColumnInfo> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT position, name, type, sql_name, negative_zero_rows FROM storage_columns"
                + " WHERE data_table = ? ORDER BY position")) {
            ps.setString(1, dataTable);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new ColumnInfo(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
            }
        }
        return out;
    }

    private List<Long> versions(Connection c, String key) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM storage_versions WHERE key = ? ORDER BY version")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getLong(1));
            }
        }
        return out;
    }

    private boolean readInTransaction() { return dialect == SqlDialect.POSTGRESQL; }

    // ------------------------------------------------------------------ loads

    @Override
    protected Table loadTableOnce(StorageKey k, long version) {
        String key = k.value();
        return run(key, "load table \"" + key + "\"", readInTransaction(), c -> {
            Entry e = entry(c, k, version);
            if (e.meta.kind() != Kind.TABLE) throw wrongKind(key, e.meta, "a table");
            return readTable(c, key, e);
        });
    }

    private Table readTable(Connection c, String key, Entry e) throws SQLException {
        long v = e.meta.version();
        List<ColumnInfo> info = columns(c, e.dataTable);
        List<TableSchema.Column> spec = e.meta.table().columns();
        StoredType[] code;
        try {
            code = SqlTableCodec.codes(spec);
        } catch (IllegalArgumentException ex) {
            throw new StorageException.Corrupt(key, "\"" + key + "\" version " + v + ": " + ex.getMessage(), ex);
        }
        Column<?>[] cols = SqlTableCodec.emptyColumns(spec, code);
        StringBuilder q = new StringBuilder("SELECT ");
        for (int j = 0; j < info.size(); j++) q.append(j == 0 ? "" : ", ").append(SqlDialect.quote(info.get(j).sqlName));
        if (info.isEmpty()) q.append(SqlDialect.quote(ROW));
        q.append(" FROM ").append(SqlDialect.quote(e.dataTable)).append(" ORDER BY ").append(SqlDialect.quote(ROW));
        long rows = 0;
        try (PreparedStatement ps = c.prepareStatement(q.toString())) {
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    SqlTableCodec.readRow(rs, dialect, cols, code);
                    rows++;
                }
            }
        } catch (SQLException ex) {
            if (!stillExists(c, key, v))
                throw new StorageException.NotFound(key, "\"" + key + "\" version " + v + " was deleted while it was being read");
            throw ex;
        } catch (RuntimeException ex) {
            throw new StorageException.Corrupt(key, "\"" + key + "\" version " + v + " (SQL table " + e.dataTable
                    + ") holds a value its column type cannot read: " + ex.getMessage(), ex);
        }
        Table t = Table.create(e.meta.table().name(), cols);
        if (info.isEmpty() && rows != e.meta.table().rowCount()) {
            throw new StorageException.Corrupt(key, "\"" + key + "\" version " + v + " has " + rows + " rows, the catalog says "
                    + e.meta.table().rowCount(), null);
        }
        try {
            for (int j = 0; j < info.size(); j++) SqlTableCodec.restoreNegativeZeros(cols[j], info.get(j).negativeZeroRows);
        } catch (RuntimeException ex) {
            throw new StorageException.Corrupt(key, "\"" + key + "\" version " + v + " (SQL table " + e.dataTable + "): " + ex.getMessage(), ex);
        }
        if (t.rowCount() != e.meta.table().rowCount())
            throw new StorageException.Corrupt(key, "\"" + key + "\" version " + v + " (SQL table " + e.dataTable + ") has "
                    + t.rowCount() + " rows, the catalog says " + e.meta.table().rowCount(), null);
        SqlTableCodec.CanonicalWriter canon = new SqlTableCodec.CanonicalWriter();
        try {
            canon.write(t, null);
        } catch (Exception ex) {
            throw new StorageException.Corrupt(key, "\"" + key + "\" version " + v + " cannot be re-encoded: " + ex.getMessage(), ex);
        }
        if (canon.size() != e.meta.size() || !canon.sha256Hex().equals(e.meta.sha256()))
            throw new StorageException.Corrupt(key, "\"" + key + "\" version " + v + " is corrupt: SQL table " + e.dataTable
                    + " no longer matches its checksum (expected " + e.meta.size() + " bytes, SHA-256 " + e.meta.sha256()
                    + "; got " + canon.size() + " bytes, " + canon.sha256Hex() + "). Was it changed outside the store?", null);
        return t;
    }

    private boolean stillExists(Connection c, String key, long v) {
        try {
            if (!c.getAutoCommit()) c.rollback();
            return versions(c, key).contains(v);
        } catch (SQLException e) {
            return true;
        }
    }

    @Override
    protected <T> T loadObjectOnce(StorageKey k, long version, JavaType type) {
        String key = k.value();
        Entry e = run(key, "load \"" + key + "\"", false, c -> entry(c, k, version));
        if (e.meta.kind() != Kind.OBJECT) throw wrongKind(key, e.meta, "an object");
        return decodeJson(key, e.meta, readChunks(k, e.meta), type);
    }

    /** Unlike the other reads, opening a stream resolves once (no re-resolve of a deleted latest version). */
    @Override
    public InputStream openStream(String key, long version) {
        return openStreamOnce(StorageKey.of(key), version);
    }

    @Override
    protected InputStream openStreamOnce(StorageKey k, long version) {
        String key = k.value();
        Entry e = run(key, "open \"" + key + "\"", false, c -> entry(c, k, version));
        if (e.meta.kind() == Kind.TABLE) return new java.io.ByteArrayInputStream(tableText(k, e));
        return new ChunkStream(k.value(), e.meta);
    }

    @Override
    protected byte[] loadBytesOnce(StorageKey k, long version) {
        String key = k.value();
        Entry e = run(key, "load \"" + key + "\"", false, c -> entry(c, k, version));
        if (e.meta.kind() == Kind.TABLE) return tableText(k, e);
        return readChunks(k, e.meta);
    }

    /** A table version's canonical text (verified). */
    private byte[] tableText(StorageKey k, Entry e) {
        if (e.meta.size() > Integer.MAX_VALUE - 16)
            throw new StorageException.WrongType(k.value(), "\"" + k.value() + "\" is " + e.meta.size() + " bytes as text, too large for an array: use loadTable", null);
        Table t = run(k.value(), "load table \"" + k.value() + "\"", readInTransaction(), c -> readTable(c, k.value(), e));
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) e.meta.size());
        try {
            new SqlTableCodec.CanonicalWriter().write(t, (b, len) -> out.write(b, 0, len));
        } catch (Exception ex) {
            throw new StorageException.BackendFailure(k.value(), "cannot encode \"" + k.value() + "\": " + ex, ex);
        }
        return out.toByteArray();
    }

    private byte[] readChunks(StorageKey k, Metadata meta) {
        checkFitsArray(k.value(), meta);
        try (ChunkStream in = new ChunkStream(k.value(), meta)) {
            return in.readAllBytes();
        } catch (IOException ex) {
            throw new StorageException.BackendFailure(k.value(), "cannot read \"" + k.value() + "\": " + ex, ex);
        }
    }

    /** Reads a version's chunks one query at a time; at the end, throws Corrupt unless size and SHA-256 match. */
    private final class ChunkStream extends InputStream {
        private final String key;
        private final Metadata meta;
        private final MessageDigest sha = Hashing.sha256();
        private byte[] buf = new byte[0];
        private int pos;
        private int seq;
        private long size;
        private boolean done;

        ChunkStream(String key, Metadata meta) {
            this.key = key;
            this.meta = meta;
        }

        private boolean fill() {
            while (pos == buf.length) {
                if (done) return false;
                byte[] next = run(key, "read \"" + key + "\"", false, c -> {
                    try (PreparedStatement ps = c.prepareStatement("SELECT data FROM storage_chunks WHERE key = ? AND version = ? AND seq = ?")) {
                        ps.setString(1, key);
                        ps.setLong(2, meta.version());
                        ps.setInt(3, seq);
                        try (ResultSet rs = ps.executeQuery()) {
                            return rs.next() ? rs.getBytes(1) : null;
                        }
                    }
                });
                if (next == null) {
                    done = true;
                    if (seq == 0 && !run(key, "read \"" + key + "\"", false, c -> versions(c, key).contains(meta.version())))
                        throw new StorageException.NotFound(key, "\"" + key + "\" version " + meta.version() + " was deleted");
                    verify();
                    return false;
                }
                seq++;
                sha.update(next);
                size += next.length;
                if (size > meta.size()) verify();
                buf = next;
                pos = 0;
            }
            return true;
        }

        private void verify() {
            String got = HexFormat.of().formatHex(sha.digest());
            if (size != meta.size() || !got.equals(meta.sha256()))
                throw new StorageException.Corrupt(key, "\"" + key + "\" version " + meta.version() + " is corrupt: payload has "
                        + (size > meta.size() ? "more than " : "") + size + " bytes with SHA-256 " + got + ", the catalog says "
                        + meta.size() + " bytes, " + meta.sha256(), null);
        }

        @Override
        public int read() {
            if (!fill()) return -1;
            return buf[pos++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) return 0;
            if (!fill()) return -1;
            int n = Math.min(len, buf.length - pos);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public int available() { return buf.length - pos; }
    }

    // ------------------------------------------------------------------ metadata, versions, listing

    @Override
    public boolean exists(String key) {
        StorageKey k = StorageKey.of(key);
        return run(key, "look up \"" + key + "\"", false, c -> !versions(c, k.value()).isEmpty());
    }

    @Override
    public Metadata describe(String key, long version) {
        StorageKey k = StorageKey.of(key);
        return run(key, "describe \"" + key + "\"", false, c -> entry(c, k, version).meta);
    }

    @Override
    public List<Long> versions(String key) {
        StorageKey k = StorageKey.of(key);
        return run(key, "list versions of \"" + key + "\"", false, c -> List.copyOf(versions(c, k.value())));
    }

    @Override
    protected void deleteOnce(StorageKey k, long version) {
        String key = k.value();
        run(key, "delete \"" + key + "\" version " + version, true, c -> {
            List<Long> vs = versions(c, key);
            if (vs.isEmpty()) throw noSuchKey(key);
            if (!vs.contains(version)) throw noSuchVersion(key, version, vs);
            delete(c, key, version);
            return null;
        });
    }

    private void delete(Connection c, String key, long v) throws SQLException {
        String dt = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT data_table FROM storage_versions WHERE key = ? AND version = ?")) {
            ps.setString(1, key);
            ps.setLong(2, v);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) dt = rs.getString(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM storage_versions WHERE key = ? AND version = ?")) {
            ps.setString(1, key);
            ps.setLong(2, v);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM storage_chunks WHERE key = ? AND version = ?")) {
            ps.setString(1, key);
            ps.setLong(2, v);
            ps.executeUpdate();
        }
        if (dt != null) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM storage_columns WHERE data_table = ?")) {
                ps.setString(1, dt);
                ps.executeUpdate();
            }
            if (!ownTableName(key, v, dt))
                throw new StorageException.Corrupt(key, "catalog row of \"" + key + "\" version " + v + " names data table '"
                        + dt + "', not the store's own name for it; refusing to drop it", null);
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + SqlDialect.quote(dt));
            }
        }
    }

    @Override
    public int retain(String key, int keepNewest) {
        if (keepNewest < 1) throw new IllegalArgumentException("retain(\"" + key + "\", " + keepNewest + "): keepNewest must be >= 1");
        StorageKey k = StorageKey.of(key);
        return run(key, "apply retention to \"" + key + "\"", true, c -> {
            List<Long> vs = versions(c, k.value());
            if (vs.isEmpty()) throw noSuchKey(key);
            int deleted = 0;
            for (int i = 0; i < vs.size() - keepNewest; i++) {
                delete(c, k.value(), vs.get(i));
                deleted++;
            }
            return deleted;
        });
    }

    @Override
    public List<String> list(String prefix) {
        StorageKey p = StorageKey.prefix(prefix);
        String pv = p.value();
        return run(pv, "list \"" + pv + "\"", false, c -> {
            List<String> out = new ArrayList<>();
            String sql = pv.isEmpty() ? "SELECT DISTINCT key FROM storage_versions"
                    : "SELECT DISTINCT key FROM storage_versions WHERE key = ? OR key LIKE ? ESCAPE '!'";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (!pv.isEmpty()) {
                    ps.setString(1, pv);
                    ps.setString(2, pv.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "/%");
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String key = rs.getString(1);   // SQLite's LIKE ignores ASCII case: check exactly
                        if (pv.isEmpty() || key.equals(pv) || key.startsWith(pv + "/")) out.add(key);
                    }
                }
            }
            Collections.sort(out);
            return out;
        });
    }
}
