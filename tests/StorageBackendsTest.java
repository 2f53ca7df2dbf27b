///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//JAVAC_OPTIONS -encoding UTF-8
//SOURCES testkit/JUnitMain.java
//SOURCES ../storage/*.java ../storage/jdbc/*.java ../storage/s3/*.java
//SOURCES storage/StoreContract.java storage/StorageChild.java storage/SampleTables.java
//SOURCES s3test/S3TestServer.java
//
// The storage contract (tests/storage/StoreContract.java, the same suite FileStore passes) run against the
// database and S3 backends, plus what is specific to them:
//   - SQLite in a temp file: always;
//   - S3 through s3proxy started inside this JVM on 127.0.0.1 (fixed test keys): always;
//   - PostgreSQL when STORAGE_TEST_PG_URL (+ STORAGE_TEST_PG_USER / STORAGE_TEST_PG_PASSWORD) is set, e.g.
//       pg_env="$(tests/pg/start.sh)" && set -a && . "$pg_env" && set +a
//       ./jbang tests/StorageBackendsTest.java ; tests/pg/stop.sh "$pg_env"
//     otherwise those tests are reported SKIPPED with the reason.
// Run: ./jbang tests/StorageBackendsTest.java [--filter NAME]

import storage.jdbc.JdbcStore;
import storage.s3.S3Store;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import s3test.S3TestServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import storage.*;
import tech.tablesaw.api.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.*;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

public class StorageBackendsTest {
    public static void main(String[] a) { testkit.JUnitMain.runAndExit(a, StorageBackendsTest.class); }

    static {
        S3TestServer.quietLogging();
    }

    static final String PG_URL = System.getenv("STORAGE_TEST_PG_URL");
    static final String PG_USER = System.getenv("STORAGE_TEST_PG_USER");
    static final String PG_PASSWORD = System.getenv("STORAGE_TEST_PG_PASSWORD");
    static final List<String> PG_SCHEMAS = Collections.synchronizedList(new ArrayList<>());
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static S3TestServer s3server;

    static synchronized S3TestServer s3() throws Exception {
        if (s3server == null) {
            s3server = S3TestServer.start();
            s3server.useAsDefaultCredentials();
        }
        return s3server;
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (s3server != null) s3server.close();
        if (PG_URL != null && !PG_SCHEMAS.isEmpty()) {
            try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD); Statement s = c.createStatement()) {
                for (String schema : PG_SCHEMAS) s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            } catch (SQLException e) {
                System.out.println("note: could not drop test schemas: " + e.getMessage());
            }
        }
    }

    /** {@code java -cp <test class path> storage.StorageChild args} with extra environment (credentials). */
    static Process childWith(List<Process> mine, Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Dslf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider",
                "-cp", System.getProperty("java.class.path"), "storage.StorageChild"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        mine.add(p);
        return p;
    }

    static void killAll(List<Process> mine) throws InterruptedException {
        for (Process p : mine) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        mine.clear();
    }

    // ------------------------------------------------------------------ raw SQL access (tests only)

    static Connection sql(Store s) throws SQLException {
        String url = s.uri();
        return url.startsWith("jdbc:postgresql:") ? DriverManager.getConnection(url, PG_USER, PG_PASSWORD) : DriverManager.getConnection(url);
    }

    static String dataTable(Connection c, String key, long version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT data_table FROM storage_versions WHERE key = ? AND version = ?")) {
            ps.setString(1, key);
            ps.setLong(2, version);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "catalog row of " + key + " v" + version);
                return rs.getString(1);
            }
        }
    }

    /** Changes one stored value of a version behind the store's back: a table cell, or a byte of a chunk. */
    static void corruptJdbc(Store s, String key, long version) throws SQLException {
        try (Connection c = sql(s)) {
            String dt = dataTable(c, key, version);
            if (dt != null) {
                String col = null;
                try (PreparedStatement ps = c.prepareStatement("SELECT sql_name FROM storage_columns WHERE data_table = ? AND type = 'INTEGER' ORDER BY position")) {
                    ps.setString(1, dt);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertTrue(rs.next(), "table has an INTEGER column to damage");
                        col = rs.getString(1);
                    }
                }
                String q = "\"" + col.replace("\"", "\"\"") + "\"";
                try (Statement st = c.createStatement()) {
                    assertEquals(1, st.executeUpdate("UPDATE \"" + dt + "\" SET " + q + " = CASE WHEN " + q + " = 0 THEN 1 ELSE 0 END WHERE \"_row\" = 0"));
                }
                return;
            }
            byte[] data;
            try (PreparedStatement ps = c.prepareStatement("SELECT data FROM storage_chunks WHERE key = ? AND version = ? AND seq = 0")) {
                ps.setString(1, key);
                ps.setLong(2, version);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    data = rs.getBytes(1);
                }
            }
            data[data.length / 2] ^= 1;
            try (PreparedStatement ps = c.prepareStatement("UPDATE storage_chunks SET data = ? WHERE key = ? AND version = ? AND seq = 0")) {
                ps.setBytes(1, data);
                ps.setString(2, key);
                ps.setLong(3, version);
                assertEquals(1, ps.executeUpdate());
            }
        }
    }

    // ------------------------------------------------------------------ the contract, per backend

    @Nested
    class SqliteContract extends StoreContract {
        @Override
        protected Store newStore(Path tmp) {
            return Stores.open("jdbc:sqlite:" + tmp.resolve("db/store.db"));
        }

        @Override
        protected void corruptPayload(Store s, String key, long version) throws Exception {
            corruptJdbc(s, key, version);
        }
    }

    @Nested
    @EnabledIfEnvironmentVariable(named = "STORAGE_TEST_PG_URL", matches = ".+",
            disabledReason = "PostgreSQL tests need STORAGE_TEST_PG_URL/_USER/_PASSWORD (start a throwaway server: tests/pg/start.sh)")
    class PostgresContract extends StoreContract {
        private final List<Process> mine = new ArrayList<>();

        @Override
        protected Store newStore(Path tmp) throws Exception {
            return pgStore();
        }

        @Override
        protected void corruptPayload(Store s, String key, long version) throws Exception {
            corruptJdbc(s, key, version);
        }

        @Override
        protected Process child(String... args) throws IOException {
            return childWith(mine, Map.of("STORAGE_JDBC_USER", PG_USER, "STORAGE_JDBC_PASSWORD", PG_PASSWORD), args);
        }

        @org.junit.jupiter.api.AfterEach
        void killMine() throws InterruptedException { killAll(mine); }
    }

    /** A store in a fresh schema of the test database (each test starts empty). */
    static Store pgStore() throws SQLException {
        String schema = "storage_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        PG_SCHEMAS.add(schema);
        return JdbcStore.open(PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema, PG_USER, PG_PASSWORD);
    }

    @Nested
    class S3Contract extends StoreContract {
        private final List<Process> mine = new ArrayList<>();

        @Override
        protected Store newStore(Path tmp) throws Exception {
            return s3Store("");
        }

        @Override
        protected boolean pausedWriterLosesItsLease() { return true; }

        @Override
        protected void corruptPayload(Store s, String key, long version) throws Exception {
            String bucket = s.uri().substring(5, s.uri().indexOf('/', 5));
            String object = "prefix/" + key + "/@v/" + String.format("%020d", version) + ".data";
            try (S3Client c = rawS3()) {
                byte[] b = c.getObjectAsBytes(GetObjectRequest.builder().bucket(bucket).key(object).build()).asByteArray();
                b[b.length / 2] ^= 1;
                c.putObject(PutObjectRequest.builder().bucket(bucket).key(object).build(), RequestBody.fromBytes(b));
            }
        }

        @Override
        protected Process child(String... args) throws IOException {
            return childWith(mine, Map.of("AWS_ACCESS_KEY_ID", S3TestServer.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", S3TestServer.SECRET_KEY,
                    "AWS_REGION", S3TestServer.REGION), args);
        }

        @org.junit.jupiter.api.AfterEach
        void killMine() throws InterruptedException { killAll(mine); }
    }

    static Store s3Store(String extraParams) throws Exception {
        S3TestServer srv = s3();
        String bucket = "bucket-" + BUCKETS.incrementAndGet();
        srv.createBucket(bucket);
        return Stores.open(srv.uri(bucket, "prefix") + extraParams);
    }

    static S3Client rawS3() throws Exception {
        return S3Client.builder().endpointOverride(s3().endpoint()).forcePathStyle(true).region(Region.of(S3TestServer.REGION))
                .httpClientBuilder(software.amazon.awssdk.http.apache.ApacheHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY)))
                .build();
    }

    // ------------------------------------------------------------------ database specifics

    abstract static class JdbcSpecifics {
        abstract Store open(Path tmp) throws Exception;

        @TempDir
        Path tmp;

        @Test
        void sqlInjectionThroughNamesIsInertAndRoundTrips() throws Exception {
            try (Store s = open(tmp)) {
                String evil = "x\"); DROP TABLE storage_versions; --";
                Table t = Table.create("t'); DELETE FROM storage_versions; --",
                        IntColumn.create(evil, 1, 2), StringColumn.create("' OR '1'='1", "a'b", "\"; DROP TABLE x; --"),
                        DoubleColumn.create("_row", 1.5, -0.0), LongColumn.create("c1", 7L, 8L), ShortColumn.create("", (short) 1, (short) 2),
                        BooleanColumn.create("x".repeat(100), true, false));
                s.saveTable("inj/t", t);
                StoreContract.assertSameTable(t, s.loadTable("inj/t"));
                assertEquals(List.of("inj/t"), s.list(""));
                for (String k : List.of("a'b", "a\"b", "a;b", "x' OR '1'='1", "a%", "a_b%"))
                    if (!k.equals("a_b%")) assertThrows(StorageException.InvalidKey.class, () -> s.saveObject(k, 1), k);
                // LIKE wildcards in a prefix are literal characters
                s.saveObject("a_b/x", 1);
                s.saveObject("aXb/x", 2);
                assertEquals(List.of("a_b/x"), s.list("a_b"));
                assertEquals(List.of("aXb/x"), s.list("aXb"));
                try (Connection c = sql(s); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM storage_versions")) {
                    rs.next();
                    assertEquals(3, rs.getInt(1), "catalog intact");
                }
            }
        }

        @Test
        void tablesAreTypedSqlTablesAnAnalystCanQuery() throws Exception {
            try (Store s = open(tmp)) {
                Table t = StoreContract.mixedTable(1000, 7);
                s.saveTable("analyst/mixed", t);
                try (Connection c = sql(s)) {
                    String dt = dataTable(c, "analyst/mixed", 1);
                    try (Statement st = c.createStatement();
                         ResultSet rs = st.executeQuery("SELECT count(*), sum(\"id\"), sum(CASE WHEN \"flag\" THEN 1 ELSE 0 END), min(\"day\"), max(\"day\")"
                                 + " FROM \"" + dt + "\"")) {
                        rs.next();
                        assertEquals(1000, rs.getLong(1));
                        assertEquals(999L * 1000 / 2, rs.getLong(2));
                        long trues = t.booleanColumn("flag").countTrue();
                        assertEquals(trues, rs.getLong(3));
                        assertEquals(t.dateColumn("day").min().toString(), rs.getString(4));
                        assertEquals(t.dateColumn("day").max().toString(), rs.getString(5));
                    }
                    Map<String, String> types = new LinkedHashMap<>();
                    try (ResultSet rs = c.getMetaData().getColumns(null, null, dt, null)) {
                        while (rs.next()) types.put(rs.getString("COLUMN_NAME"), rs.getString("TYPE_NAME").toLowerCase(Locale.ROOT));
                    }
                    assertEquals(List.of("_row", "id", "region", "x", "visits", "flag", "day", "at"), new ArrayList<>(types.keySet()));
                    assertTrue(types.get("id").startsWith("int"), types.toString());
                    assertTrue(types.get("x").startsWith("double") || types.get("x").startsWith("float8"), types.toString());
                    assertTrue(types.get("flag").startsWith("bool"), types.toString());
                    assertTrue(types.get("day").startsWith("date"), types.toString());
                    assertTrue(types.get("at").startsWith("timestamptz"), types.toString());
                    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                            "SELECT key, version, kind, row_count, table_name FROM storage_versions WHERE data_table = '" + dt + "'")) {
                        assertTrue(rs.next());
                        assertEquals("analyst/mixed", rs.getString(1));
                        assertEquals(1000, rs.getLong(4));
                        assertEquals("mixed", rs.getString(5));
                    }
                }
            }
        }

        /** The data-table name older stores derived from the key: a 24-character prefix and 32 bits of SHA-256. */
        static String oldTableName(String key, long version) throws Exception {
            StringBuilder b = new StringBuilder();
            for (char ch : key.toLowerCase(Locale.ROOT).toCharArray()) {
                if (b.length() == 24) break;
                b.append((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ? ch : '_');
            }
            byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "storage_t_" + b + "_" + HexFormat.of().formatHex(h, 0, 4) + "_v" + version;
        }

        /** Two valid keys whose old 32-bit table-name hashes collide (found among 80k keys) both save and load. */
        @Test
        void keysWhoseOldTableNamesCollideBothSaveAsTables() throws Exception {
            String a = "results/2026-11/summary/region-54495", b = "results/2026-11/summary/region-80191";
            assertEquals(oldTableName(a, 1), oldTableName(b, 1), "the pair really collides under the old naming");
            try (Store s = open(tmp)) {
                Table ta = StoreContract.mixedTable(50, 1), tb = StoreContract.mixedTable(70, 2);
                s.saveTable(a, ta);
                s.saveTable(b, tb);
                s.saveTable(a, tb);
                StoreContract.assertSameTable(ta, s.loadTable(a, 1));
                StoreContract.assertSameTable(tb, s.loadTable(b, 1));
                StoreContract.assertSameTable(tb, s.loadTable(a, 2));
                try (Connection c = sql(s)) {
                    Set<String> names = new HashSet<>(List.of(dataTable(c, a, 1), dataTable(c, b, 1), dataTable(c, a, 2)));
                    assertEquals(3, names.size(), "every version has its own SQL table: " + names);
                }
                s.deleteVersion(a, 1);
                StoreContract.assertSameTable(tb, s.loadTable(b, 1));
            }
        }

        /** A catalog written by the old naming (table named by key hash and version) still loads, and deletes drop it. */
        @Test
        void tablesNamedByAnOlderStoreStillLoadAndDelete() throws Exception {
            try (Store s = open(tmp)) {
                Table t = StoreContract.mixedTable(30, 3);
                s.saveTable("old/cat", t);
                String legacy = oldTableName("old/cat", 1);
                try (Connection c = sql(s); Statement st = c.createStatement()) {
                    String now = dataTable(c, "old/cat", 1);
                    st.execute("ALTER TABLE \"" + now + "\" RENAME TO \"" + legacy + "\"");
                    st.execute("UPDATE storage_versions SET data_table = '" + legacy + "' WHERE data_table = '" + now + "'");
                    st.execute("UPDATE storage_columns SET data_table = '" + legacy + "' WHERE data_table = '" + now + "'");
                }
                StoreContract.assertSameTable(t, s.loadTable("old/cat"));
                s.saveTable("old/cat", t);
                s.deleteVersion("old/cat", 1);
                try (Connection c = sql(s); ResultSet rs = c.getMetaData().getTables(null, null, legacy, null)) {
                    assertFalse(rs.next(), "the old-named table was dropped with its version");
                }
                StoreContract.assertSameTable(t, s.loadTable("old/cat"));
            }
        }

        @Test
        void aVersionIsInvisibleUntilItsTransactionCommits() throws Exception {
            try (Store s = open(tmp)) {
                s.saveObject("tx/key", "v1");
                CountDownLatch writing = new CountDownLatch(1), release = new CountDownLatch(1);
                ExecutorService pool = Executors.newSingleThreadExecutor();
                Future<Metadata> f = pool.submit(() -> s.saveStream("tx/key", new InputStream() {
                    int n;
                    @Override public int read() throws IOException {
                        if (n == 3_000_000) {
                            writing.countDown();
                            try {
                                release.await();
                            } catch (InterruptedException e) {
                                throw new IOException(e);
                            }
                        }
                        return n++ < 4_000_000 ? 'x' : -1;
                    }
                }));
                assertTrue(writing.await(120, TimeUnit.SECONDS));
                assertEquals(List.of(1L), s.versions("tx/key"), "the version being written is not visible");
                assertEquals("v1", s.loadObject("tx/key", String.class));
                assertEquals(List.of("tx/key"), s.list("tx"));
                try (Connection c = sql(s); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM storage_chunks")) {
                    rs.next();
                    assertEquals(1, rs.getInt(1), "no chunk of the uncommitted version is visible to other connections");
                }
                release.countDown();
                Metadata m = f.get(120, TimeUnit.SECONDS);
                pool.shutdown();
                assertEquals(2, m.version());
                assertEquals(List.of(1L, 2L), s.versions("tx/key"));
                assertEquals(4_000_000, s.loadBytes("tx/key").length);
            }
        }

        @Test
        void aFailedSaveLeavesNothingBehind() throws Exception {
            try (Store s = open(tmp)) {
                s.saveObject("fail/key", "v1");
                StorageException e = assertThrows(StorageException.class, () -> s.saveStream("fail/key", new InputStream() {
                    int n;
                    @Override public int read() throws IOException {
                        // InputStream.read(byte[]) swallows an exception after the first byte: keep failing
                        if (n++ >= 2_500_000) throw new IOException("disk on fire");
                        return 'y';
                    }
                }));
                assertTrue(e.getMessage().contains("fail/key") && e.getMessage().contains("disk on fire"), e.getMessage());
                assertEquals(List.of(1L), s.versions("fail/key"));
                try (Connection c = sql(s); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM storage_chunks")) {
                    rs.next();
                    assertEquals(1, rs.getInt(1), "the failed save's chunks were rolled back");
                }
                assertEquals(2, s.saveObject("fail/key", "v2").version(), "a rolled-back save hands out no number");
            }
        }
    }

    @Nested
    class SqliteSpecifics extends JdbcSpecifics {
        @Override
        Store open(Path tmp) {
            return Stores.open("jdbc:sqlite:" + tmp.resolve("s.db"));
        }

        @Test
        void walModeAndAMemoryDatabaseIsRefused() throws Exception {
            try (Store s = open(tmp); Connection c = sql(s); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
                rs.next();
                assertEquals("wal", rs.getString(1).toLowerCase(Locale.ROOT));
            }
            assertThrows(IllegalArgumentException.class, () -> Stores.open("jdbc:sqlite::memory:"));
        }
    }

    @Nested
    @EnabledIfEnvironmentVariable(named = "STORAGE_TEST_PG_URL", matches = ".+",
            disabledReason = "PostgreSQL tests need STORAGE_TEST_PG_URL/_USER/_PASSWORD (start a throwaway server: tests/pg/start.sh)")
    class PostgresSpecifics extends JdbcSpecifics {
        @Override
        Store open(Path tmp) throws SQLException {
            return pgStore();
        }

        /** Restart the throwaway server (every pooled connection dies): the store's very next call works. */
        @Test
        void theFirstCallAfterAServerRestartWorks() throws Exception {
            String dir = System.getenv("STORAGE_TEST_PG_DIR");
            org.junit.jupiter.api.Assumptions.assumeTrue(dir != null, "STORAGE_TEST_PG_DIR (from tests/pg/start.sh) names the server to restart");
            try (Store s = open(tmp)) {
                s.saveObject("restart/k", "before");
                // leave several idle connections in the pool
                ExecutorService pool = Executors.newFixedThreadPool(4);
                List<Future<String>> fs = new ArrayList<>();
                for (int i = 0; i < 8; i++) fs.add(pool.submit(() -> s.loadObject("restart/k", String.class)));
                for (Future<String> f : fs) assertEquals("before", f.get(60, TimeUnit.SECONDS));
                pool.shutdown();
                Process p = new ProcessBuilder("bash", "tests/pg/restart.sh").redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, out);
                assertEquals("before", s.loadObject("restart/k", String.class), "the first call after the restart");
                assertEquals(2, s.saveObject("restart/k", "after").version());
                assertEquals(List.of(1L, 2L), s.versions("restart/k"));
            }
        }

        @Test
        void passwordNeverAppearsInTheUriOrErrors() throws Exception {
            try (Store s = open(tmp)) {
                assertFalse(s.uri().contains(PG_PASSWORD));
            }
            StorageException e = assertThrows(StorageException.class, () -> JdbcStore.open(PG_URL + "?password=" + PG_PASSWORD + "x", PG_USER, null));
            assertFalse(e.getMessage().contains(PG_PASSWORD), e.getMessage());
        }
    }

    // ------------------------------------------------------------------ S3 specifics

    @Nested
    class S3Specifics {
        @Test
        void conditionalPutAnswers412AndCreateOnlyMapsItToAlreadyExists() throws Exception {
            try (Store s = s3Store(""); S3Client c = rawS3()) {
                String bucket = s.uri().substring(5, s.uri().indexOf('/', 5));
                c.putObject(PutObjectRequest.builder().bucket(bucket).key("probe").ifNoneMatch("*").build(), RequestBody.fromString("1"));
                S3Exception e = assertThrows(S3Exception.class, () ->
                        c.putObject(PutObjectRequest.builder().bucket(bucket).key("probe").ifNoneMatch("*").build(), RequestBody.fromString("2")));
                assertEquals(412, e.statusCode());
                // another writer already claimed version 1 (and is alive: it finishes before the lease ends)
                String claim = "prefix/k/@v/" + String.format("%020d", 1) + ".claim";
                c.putObject(PutObjectRequest.builder().bucket(bucket).key(claim).ifNoneMatch("*").build(), RequestBody.fromString("other\n0\n"));
                assertEquals(2, s.saveObject("k", "mine").version(), "a plain save moves on to the next free number");
                assertThrows(StorageException.AlreadyExists.class, () -> s.saveObject("k", "again", SaveOption.CREATE_ONLY));
                // a create-only save whose number is taken by a concurrent claim reports AlreadyExists
                String claim3 = "prefix/fresh/@v/" + String.format("%020d", 1) + ".claim";
                c.putObject(PutObjectRequest.builder().bucket(bucket).key(claim3).build(), RequestBody.fromString("other\n0\n"));
                ExecutorService beat = Executors.newSingleThreadExecutor();
                Future<?> heart = beat.submit(() -> {   // keep the foreign claim alive
                    for (int i = 1; i < 80 && !Thread.currentThread().isInterrupted(); i++) {
                        c.putObject(PutObjectRequest.builder().bucket(bucket).key(claim3).build(), RequestBody.fromString("other\n" + i + "\n"));
                        Thread.sleep(100);
                    }
                    return null;
                });
                assertThrows(StorageException.AlreadyExists.class, () -> s.saveObject("fresh", "x", SaveOption.CREATE_ONLY));
                heart.cancel(true);
                beat.shutdownNow();
                // once the other writer is gone (no heartbeat), create-only takes over
                assertEquals(2, s.saveObject("fresh", "x", SaveOption.CREATE_ONLY).version());
            }
        }

        @Test
        void listingPaginatesAndLargePayloadsUseMultipart() throws Exception {
            try (Store s = s3Store("&pageSize=2&partSize=5")) {
                for (int i = 0; i < 7; i++) s.saveObject("p/k" + i, i);
                assertEquals(7, s.list("p").size());
                s.saveObject("p/k3", 33);
                assertEquals(List.of(1L, 2L), s.versions("p/k3"));
                byte[] big = new byte[12 << 20];
                new Random(3).nextBytes(big);
                Metadata m = s.saveBytes("big/blob", big);
                assertEquals(big.length, m.size());
                assertArrayEquals(big, s.loadBytes("big/blob"));
                String bucket = s.uri().substring(5, s.uri().indexOf('/', 5));
                try (S3Client c = rawS3()) {
                    String etag = c.headObject(b -> b.bucket(bucket).key("prefix/big/blob/@v/" + String.format("%020d", 1) + ".data")).eTag();
                    assertTrue(etag.contains("-3"), "3-part multipart upload, ETag " + etag);
                }
            }
        }

        /** A server that accepts connections and never answers (like a SIGSTOPped endpoint): calls end in bounded time. */
        @Test
        void anEndpointThatStopsAnsweringFailsInBoundedTime() throws Exception {
            try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
                List<java.net.Socket> held = Collections.synchronizedList(new ArrayList<>());
                Thread acceptor = new Thread(() -> {
                    try {
                        while (true) held.add(silent.accept());   // accept, read nothing, answer nothing
                    } catch (IOException closed) {
                        // test over
                    }
                });
                acceptor.setDaemon(true);
                acceptor.start();
                String uri = "s3://silent-bucket/x?endpoint=http://127.0.0.1:" + silent.getLocalPort() + "&pathStyle=true&region=us-east-1"
                        + "&requestTimeout=1&connectTimeout=1";
                long t0 = System.nanoTime();
                StorageException.BackendFailure e = assertThrows(StorageException.BackendFailure.class, () -> Stores.open(uri));
                double seconds = (System.nanoTime() - t0) / 1e9;
                assertTrue(seconds < 60, "gave up after " + seconds + " s: " + e.getMessage());
                assertTrue(e.getMessage().contains("silent-bucket"), e.getMessage());
                for (java.net.Socket s : held) s.close();
            }
        }

        @Test
        void uriCarriesNoSecretsAndChecksumModeIsASetting() throws Exception {
            S3TestServer srv = s3();
            srv.createBucket("uri-bucket");
            assertThrows(IllegalArgumentException.class, () -> Stores.open("s3://AKIA:secret@uri-bucket/x"));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Stores.open("s3://uri-bucket/x?secretAccessKey=abc&endpoint=" + srv.endpoint()));
            assertFalse(e.getMessage().contains("abc"), e.getMessage());
            assertThrows(StorageException.BackendFailure.class, () -> Stores.open(srv.uri("no-such-bucket", "x")));
            try (Store s = Stores.open(srv.uri("uri-bucket", "x") + "&checksums=when_required")) {
                s.saveTable("t", StoreContract.allTypesWithMissing());
                StoreContract.assertSameTable(StoreContract.allTypesWithMissing(), s.loadTable("t"));
                assertFalse(s.uri().contains(S3TestServer.SECRET_KEY));
            }
        }
    }
}
