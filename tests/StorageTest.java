///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//JAVAC_OPTIONS -encoding UTF-8
//DEPS org.slf4j:slf4j-nop:2.0.17
//SOURCES testkit/JUnitMain.java
//SOURCES ../storage/*.java
//SOURCES storage/StoreContract.java storage/StorageChild.java storage/SampleTables.java
//
// Storage tests: the backend-independent contract (tests/storage/StoreContract.java) run against FileStore,
// plus what is specific to the filesystem (file layout, CSV form, symlinks, URIs).
// Run: ./jbang tests/StorageTest.java [--filter NAME]
// A later backend adds its own @Nested class extending StoreContract (and sources its file) here.

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import storage.*;
import tech.tablesaw.api.*;
import tech.tablesaw.io.csv.CsvReadOptions;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

public class StorageTest {
    public static void main(String[] a) { testkit.JUnitMain.runAndExit(a, StorageTest.class); }

    /** The contract, for the filesystem backend. */
    @Nested
    class FileStoreContract extends StoreContract {
        @Override
        protected Store newStore(Path tmp) {
            return Stores.open(tmp.resolve("store").toString());
        }

        @Override
        protected void corruptPayload(Store s, String key, long version) throws IOException {
            flipByte(payload((FileStore) s, key, version));
        }

        static boolean isEmpty(Path d) {
            try (Stream<Path> f = Files.list(d)) {
                return f.findAny().isEmpty();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        /** Files in version directories that have no manifest (partial payloads of killed writers). */
        long partialFiles(String key, java.util.function.Predicate<Path> except) throws IOException {
            Path vs = ((FileStore) store).root().resolve(key).resolve("@versions");
            long n = 0;
            try (Stream<Path> dirs = Files.list(vs)) {
                for (Path d : dirs.filter(Files::isDirectory).toList()) {
                    if (Files.exists(d.resolve("manifest.json")) || except.test(d)) continue;
                    try (Stream<Path> f = Files.list(d)) {
                        n += f.count();
                    }
                }
            }
            return n;
        }

        /** gc: a store-wide sweep removes killed writers' partial versions older than the threshold, never a live writer's. */
        @Test
        void gcRemovesAbandonedPartialVersionsOlderThanTheThresholdAndNothingElse() throws Exception {
            FileStore fs = (FileStore) store;
            store.saveObject("gc/a", "a1");
            store.saveObject("gc/b/c", "c1");
            for (String key : List.of("gc/a", "gc/b/c")) {
                Process p = hangingWriter(key, false);
                p.destroyForcibly();
                assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
            }
            Process live = hangingWriter("gc/live", false);
            assertEquals(0, fs.gc(java.time.Duration.ofHours(1)).partialVersionsRemoved(), "nothing is that old yet");
            assertTrue(partialFiles("gc/a", d -> false) > 0 && partialFiles("gc/b/c", d -> false) > 0);
            FileStore.GcReport r = fs.gc(java.time.Duration.ZERO);
            assertEquals(3, r.keysScanned(), r.summary());
            assertEquals(2, r.partialVersionsRemoved(), r.summary());
            assertTrue(r.bytesFreed() > 2 * (4 << 20), r.summary());
            assertEquals(0, partialFiles("gc/a", d -> false));
            assertEquals(0, partialFiles("gc/b/c", d -> false));
            assertTrue(partialFiles("gc/live", d -> false) > 0, "the live writer's files are untouched");
            assertTrue(live.isAlive());
            assertEquals("a1", store.loadObject("gc/a", String.class));
            assertEquals("c1", store.loadObject("gc/b/c", String.class));
            live.destroyForcibly();
            assertTrue(live.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
        }

        /** Writers killed mid-save leave partial versions; the next writer holding the key's lock removes them, never a live writer's. */
        @Test
        void killedWritersLeftoversAreReclaimedByTheNextWriterButALiveWritersAreNot() throws Exception {
            store.saveObject("kill/k", "v1");
            for (int i = 0; i < 3; i++) {
                Process p = hangingWriter("kill/k", false);
                p.destroyForcibly();
                assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertTrue(partialFiles("kill/k", d -> false) > 0, "the last killed writer left a partial payload");
            try (Stream<Path> dirs = Files.list(((FileStore) store).root().resolve("kill/k/@versions"))) {
                assertEquals(1, dirs.filter(d -> Files.isDirectory(d) && !Files.exists(d.resolve("manifest.json")) && !isEmpty(d)).count(),
                        "each new writer reclaimed the previous killed writer's leftovers");
            }
            Process live = hangingWriter("kill/k", false);
            Path vs = ((FileStore) store).root().resolve("kill/k/@versions");
            java.util.Set<Path> before;
            try (Stream<Path> dirs = Files.list(vs)) {
                before = new java.util.HashSet<>(dirs.toList());
            }
            assertEquals(6, store.saveObject("kill/k", "v2").version(), "numbers: v1, three killed, one live, then this");
            Path liveDir;
            try (Stream<Path> dirs = Files.list(vs)) {
                liveDir = dirs.filter(d -> Files.exists(d.resolve(".writing"))).findFirst().orElseThrow();
            }
            assertTrue(before.contains(liveDir));
            assertTrue(Files.size(liveDir.resolve("data.bytes")) > 0, "the live writer's payload is untouched");
            assertEquals(0, partialFiles("kill/k", d -> d.equals(liveDir)), "the killed writers' leftovers are gone");
            live.destroyForcibly();
            assertTrue(live.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
            Metadata v3 = store.saveObject("kill/k", "v3");
            assertEquals(0, partialFiles("kill/k", d -> false), "clean: nothing but complete versions (and an empty tombstone)");
            assertEquals("v3", store.loadObject("kill/k", String.class));
            assertEquals(3, store.versions("kill/k").size());
            assertEquals(v3.version(), store.describe("kill/k").version());
        }
    }

    static Path payload(FileStore s, String key, long version) throws IOException {
        Path vdir = s.root().resolve(key).resolve("@versions").resolve(String.format("%012d", version));
        try (Stream<Path> files = Files.list(vdir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("data.")).findFirst().orElseThrow();
        }
    }

    static void flipByte(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            long pos = f.length() / 2;
            f.seek(pos);
            int b = f.read();
            f.seek(pos);
            f.write(b ^ 0x01);
        }
    }

    @TempDir
    Path tmp;

    FileStore fileStore() {
        return FileStore.open(tmp.resolve("store"));
    }

    @Test
    void csvFormIsPlainCsvWithAnExplicitMissingValueRule() throws IOException {
        FileStore s = fileStore();
        Table t = Table.create("t",
                StringColumn.create("name, \"q\"", new String[]{"a", "", "b,c", " x ", "NA", "line\nbreak"}),
                IntColumn.create("n", new int[]{1, 2, 3, 4, 5, 6}),
                DoubleColumn.create("d", new double[]{1.5, Double.NaN, -0.0, Double.POSITIVE_INFINITY, 0.1, 2}));
        t.intColumn("n").setMissing(2);
        s.saveTable("csv/form", t);
        String csv = Files.readString(payload(s, "csv/form", 1), StandardCharsets.UTF_8);
        assertEquals("\"name, \"\"q\"\"\",n,d\n"
                + "a,1,1.5\n"
                + ",2,\n"                 // "" is missing in a Tablesaw string column: an unquoted empty field
                + "\"b,c\",,-0.0\n"        // missing int: unquoted empty
                + "\" x \",4,Infinity\n"   // leading/trailing blanks are quoted so no reader trims them
                + "NA,5,0.1\n"             // NA is text
                + "\"line\nbreak\",6,2.0\n", csv);
    }

    @Test
    void codecTellsQuotedEmptyFromMissing() throws IOException {
        TableSchema schema = new TableSchema("t", 3, List.of(new TableSchema.Column("s", "STRING"), new TableSchema.Column("i", "INTEGER")));
        Table t = TableCodec.read(new ByteArrayInputStream("s,i\n\"\",1\n,\nx,\"7\"\n".getBytes(StandardCharsets.UTF_8)), schema);
        assertEquals(List.of("", "", "x"), t.stringColumn("s").asList());
        assertTrue(t.intColumn("i").isMissing(1), "unquoted empty = missing");
        assertEquals(7, t.intColumn("i").getInt(2), "a quoted number is a number");
        IOException e = assertThrows(IOException.class, () -> TableCodec.read(
                new ByteArrayInputStream("s,i\nx,\"\"\n".getBytes(StandardCharsets.UTF_8)), new TableSchema("t", 1, schema.columns())));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("'i'"), e.getMessage());
        IOException h = assertThrows(IOException.class, () -> TableCodec.read(
                new ByteArrayInputStream("s,j\n".getBytes(StandardCharsets.UTF_8)), new TableSchema("t", 0, schema.columns())));
        assertTrue(h.getMessage().contains("header"), h.getMessage());
        assertThrows(IOException.class, () -> TableCodec.read(
                new ByteArrayInputStream("s,i\nx,1,2\n".getBytes(StandardCharsets.UTF_8)), new TableSchema("t", 1, schema.columns())));
        assertThrows(IOException.class, () -> TableCodec.read(
                new ByteArrayInputStream("s,i\n\"x,1\n".getBytes(StandardCharsets.UTF_8)), new TableSchema("t", 1, schema.columns())));
    }

    @Test
    void otherToolsReadThePayload() throws IOException {
        FileStore s = fileStore();
        Table t = StoreContract.mixedTable(1000, 7);
        s.saveTable("csv/other", t);
        Metadata m = s.describe("csv/other");
        ColumnType[] types = m.table().columns().stream().map(c -> ColumnType.valueOf(c.type())).toArray(ColumnType[]::new);
        Table viaTablesaw = Table.read().usingOptions(CsvReadOptions.builder(payload(s, "csv/other", 1).toFile())
                .columnTypes(types).missingValueIndicator("").build());
        for (int j = 0; j < t.columnCount(); j++)
            assertEquals(t.column(j).asList(), viaTablesaw.column(j).asList(), t.column(j).name());
    }

    @Test
    void manifestIsSmallJsonReadWithoutThePayload() throws IOException {
        FileStore s = fileStore();
        s.saveTable("m/t", StoreContract.allTypesWithMissing());
        Path vdir = s.root().resolve("m/t/@versions/000000000001");
        Map<?, ?> manifest = Json.mapper().readValue(vdir.resolve("manifest.json").toFile(), Map.class);
        assertEquals("m/t", manifest.get("key"));
        assertEquals("TABLE", manifest.get("kind"));
        assertEquals(12, ((Map<?, ?>) manifest.get("table")).get("rowCount"));
        Files.delete(vdir.resolve("data.csv"));
        assertEquals(12, s.describe("m/t").table().rowCount(), "describe reads only the manifest");
        assertThrows(StorageException.NotFound.class, () -> s.loadTable("m/t"));
        try (Stream<Path> all = Files.walk(s.root())) {
            assertEquals(List.of(), all.filter(p -> p.toString().endsWith(".tmp")).toList(), "no temporary files left");
        }
    }

    @Test
    void truncatedPayloadOrDamagedManifestIsCorrupt() throws IOException {
        FileStore s = fileStore();
        s.saveTable("dmg/t", StoreContract.allTypes());
        Path data = payload(s, "dmg/t", 1);
        byte[] all = Files.readAllBytes(data);
        Files.write(data, java.util.Arrays.copyOf(all, all.length - 10)); // cut inside the last row
        StorageException.Corrupt e = assertThrows(StorageException.Corrupt.class, () -> s.loadTable("dmg/t"));
        assertTrue(e.getMessage().contains("bytes"), e.getMessage());
        Files.write(data, all);
        Files.write(data, "extra\n".getBytes(StandardCharsets.UTF_8), java.nio.file.StandardOpenOption.APPEND);
        assertThrows(StorageException.Corrupt.class, () -> s.loadTable("dmg/t"));
        Files.write(data, all);
        StoreContract.assertSameTable(StoreContract.allTypes(), s.loadTable("dmg/t"));
        Files.writeString(data.resolveSibling("manifest.json"), "{\"key\": \"dmg/t\", trunc");
        StorageException.Corrupt m = assertThrows(StorageException.Corrupt.class, () -> s.describe("dmg/t"));
        assertTrue(m.getMessage().contains("manifest") && m.getMessage().contains("dmg/t"), m.getMessage());
    }

    /** A manifest is checked as a whole: null, a non-object, or any single flipped bit is Corrupt naming key and version. */
    @Test
    void aManifestIsValidatedAsAWhole() throws IOException {
        FileStore s = fileStore();
        s.saveTable("mf/t", StoreContract.allTypes());
        Path mf = s.root().resolve("mf/t/@versions/000000000001/manifest.json");
        byte[] orig = Files.readAllBytes(mf);
        for (String bad : List.of("null", "[]", "\"x\"", "{}", "7")) {
            Files.writeString(mf, bad);
            StorageException.Corrupt e = assertThrows(StorageException.Corrupt.class, () -> s.describe("mf/t"), bad);
            assertTrue(e.getMessage().contains("mf/t") && e.getMessage().contains("version 1"), e.getMessage());
            assertThrows(StorageException.Corrupt.class, () -> s.loadTable("mf/t"), bad);
        }
        String renamed = new String(orig, StandardCharsets.UTF_8).replace("tâble", "table");
        Files.writeString(mf, renamed);
        assertThrows(StorageException.Corrupt.class, () -> s.loadTable("mf/t"), "a changed table name is damage, not a new name");
        int flips = 0;
        for (int i = 0; i < orig.length; i++) {
            for (int bit : new int[]{0, 5}) {
                byte[] b = orig.clone();
                b[i] ^= (byte) (1 << bit);
                Files.write(mf, b);
                int at = i;
                assertThrows(StorageException.Corrupt.class, () -> s.describe("mf/t"), "flipped bit " + bit + " of byte " + at);
                flips++;
            }
        }
        Files.write(mf, orig);
        StoreContract.assertSameTable(StoreContract.allTypes(), s.loadTable("mf/t"));
        assertTrue(flips > 500, "tried " + flips);
    }

    @Test
    void versionWithoutManifestIsInvisibleAndCleanedByRetain() throws IOException {
        FileStore s = fileStore();
        s.saveObject("p/k", "one");
        Path partial = s.root().resolve("p/k/@versions/000000000002");
        Files.createDirectories(partial);
        Files.writeString(partial.resolve("data.json"), "\"half");
        assertEquals(List.of(1L), s.versions("p/k"));
        assertEquals("one", s.loadObject("p/k", String.class));
        assertEquals(3, s.saveObject("p/k", "three").version());
        assertEquals(1, s.retain("p/k", 1));
        assertFalse(Files.exists(partial), "dead partial removed");
        assertEquals(List.of(3L), s.versions("p/k"));
    }

    @Test
    void symlinksCannotLeadOutsideTheRoot() throws IOException {
        FileStore s = fileStore();
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.createSymbolicLink(s.root().resolve("evil"), outside);
        StorageException.InvalidKey e = assertThrows(StorageException.InvalidKey.class, () -> s.saveBytes("evil/x", new byte[]{1}));
        assertTrue(e.getMessage().contains("evil/x") && e.getMessage().contains("outside"), e.getMessage());
        assertThrows(StorageException.InvalidKey.class, () -> s.loadBytes("evil/x"));
        assertThrows(StorageException.InvalidKey.class, () -> s.list("evil"));
        // a key's own @versions directory swapped for a link
        s.saveBytes("ok/k", new byte[]{1});
        Path vs = s.root().resolve("ok/k/@versions");
        Files.move(vs, tmp.resolve("moved"));
        Files.createSymbolicLink(vs, tmp.resolve("moved"));
        assertThrows(StorageException.InvalidKey.class, () -> s.loadBytes("ok/k"));
        assertThrows(StorageException.InvalidKey.class, () -> s.saveBytes("ok/k", new byte[]{2}));
        try (Stream<Path> f = Files.list(outside)) {
            assertEquals(0, f.count(), "nothing written outside the root");
        }
        assertEquals(List.of(), s.list(""), "listing does not follow links out of the root");
        // a link that stays inside the root is followed
        Files.createDirectories(s.root().resolve("runs-2026"));
        Files.createSymbolicLink(s.root().resolve("current"), s.root().resolve("runs-2026"));
        s.saveBytes("current/k", new byte[]{3});
        assertArrayEquals(new byte[]{3}, s.loadBytes("current/k"));
        assertTrue(Files.isDirectory(s.root().resolve("runs-2026/k/@versions")));
        // but a link that makes one key an alias of another key's versions is refused on read (manifest names its key)
        Files.createSymbolicLink(s.root().resolve("alias"), s.root().resolve("runs-2026"));
        assertThrows(StorageException.Corrupt.class, () -> s.loadBytes("alias/k"));
    }

    /** Every file under {@code dir} (links not followed) with its bytes, to prove nothing there changed. */
    static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> out = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.toList())
                out.put(dir.relativize(p).toString(), Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        ? java.util.HexFormat.of().formatHex(Files.readAllBytes(p)) : Files.isDirectory(p) ? "dir" : "other");
        }
        return out;
    }

    /** Runs every verb on {@code key}; each must refuse with InvalidKey naming the planted link. */
    static void everyVerbRefuses(FileStore s, String key, long version, String linkName) {
        List<org.junit.jupiter.api.function.Executable> verbs = List.of(
                () -> s.loadBytes(key, version), () -> s.loadBytes(key), () -> s.openStream(key, version).close(),
                () -> s.loadObject(key, version, Object.class), () -> s.loadTable(key, version), () -> s.describe(key, version),
                () -> s.describe(key), () -> s.versions(key), () -> s.exists(key), () -> s.retain(key, 1),
                () -> s.deleteVersion(key, version), () -> s.deleteVersion(key, Store.LATEST),
                () -> s.saveBytes(key, new byte[]{9}), () -> s.saveObject(key, "x", SaveOption.CREATE_ONLY));
        for (int i = 0; i < verbs.size(); i++) {
            StorageException.InvalidKey e = assertThrows(StorageException.InvalidKey.class, verbs.get(i), "verb #" + i + " on " + key);
            assertTrue(e.getMessage().contains(linkName) && e.getMessage().contains("symbolic link"), "verb #" + i + ": " + e.getMessage());
        }
    }

    /**
     * Links planted inside the root (a version directory, a manifest, a payload, the lock file, the
     * in-progress marker) pointing outside: every verb refuses with InvalidKey naming the link, and nothing
     * outside the root is read, written or deleted.
     */
    @Test
    void linksPlantedInsideTheRootAreNeverFollowed() throws IOException {
        FileStore s = fileStore();
        FileStore other = FileStore.open(tmp.resolve("other-store"));
        other.saveBytes("k", new byte[]{42, 42});
        other.saveBytes("k", new byte[]{43, 43});
        Path outside = tmp.resolve("other-store");
        Path victim = Files.writeString(Files.createDirectories(tmp.resolve("outside")).resolve("precious.txt"), "do not touch");
        Map<String, String> before = snapshot(outside), beforeVictim = snapshot(victim.getParent());

        // 1. a version directory that is a link to another store's version (its manifest even names the same key)
        s.saveBytes("k", new byte[]{1});
        Files.createSymbolicLink(s.root().resolve("k/@versions/000000000002"), outside.resolve("k/@versions/000000000002"));
        everyVerbRefuses(s, "k", 2, "k/@versions/000000000002");
        // 2. a manifest that is a link (to another store's manifest of the same key and version)
        s.saveBytes("m", new byte[]{1});
        Path mdir = Files.createDirectories(s.root().resolve("m/@versions/000000000002"));
        Path om = Files.createDirectories(tmp.resolve("other-store/m/@versions/000000000002"));
        Files.writeString(om.resolve("manifest.json"), Files.readString(s.root().resolve("m/@versions/000000000001/manifest.json"))
                .replace("\"version\":1", "\"version\":2"));
        Files.copy(s.root().resolve("m/@versions/000000000001/data.bytes"), om.resolve("data.bytes"));
        before = snapshot(outside);
        Files.createSymbolicLink(mdir.resolve("manifest.json"), om.resolve("manifest.json"));
        Files.createSymbolicLink(mdir.resolve("data.bytes"), om.resolve("data.bytes"));
        for (org.junit.jupiter.api.function.Executable verb : List.<org.junit.jupiter.api.function.Executable>of(
                () -> s.loadBytes("m", 2), () -> s.loadBytes("m"), () -> s.describe("m", 2), () -> s.openStream("m").close(),
                () -> s.deleteVersion("m", 2), () -> s.deleteVersion("m", Store.LATEST), () -> s.retain("m", 1)))
            assertTrue(assertThrows(StorageException.InvalidKey.class, verb).getMessage().contains("m/@versions/000000000002/manifest.json"));
        // 3. a payload that is a link (the manifest is the store's own)
        s.saveBytes("p", new byte[]{7, 7});
        Path payload = s.root().resolve("p/@versions/000000000001/data.bytes");
        Files.delete(payload);
        Files.createSymbolicLink(payload, victim);
        for (org.junit.jupiter.api.function.Executable verb : List.<org.junit.jupiter.api.function.Executable>of(
                () -> s.loadBytes("p"), () -> s.loadBytes("p", 1), () -> s.openStream("p").readAllBytes(), () -> s.deleteVersion("p", 1)))
            assertTrue(assertThrows(StorageException.InvalidKey.class, verb).getMessage().contains("p/@versions/000000000001/data.bytes"));
        s.saveBytes("p", new byte[]{8});
        assertThrows(StorageException.InvalidKey.class, () -> s.retain("p", 1), "retention refuses to touch the link");
        // 4. the lock file is a link to a file outside that does not exist yet: no file is created there
        Path ghost = victim.getParent().resolve("created-by-the-store");
        Files.createDirectories(s.root().resolve("l/@versions"));
        Files.createSymbolicLink(s.root().resolve("l/@versions/.lock"), ghost);
        StorageException.InvalidKey lockErr = assertThrows(StorageException.InvalidKey.class, () -> s.saveBytes("l", new byte[]{1}));
        assertTrue(lockErr.getMessage().contains("l/@versions/.lock"), lockErr.getMessage());
        assertFalse(Files.exists(ghost, java.nio.file.LinkOption.NOFOLLOW_LINKS), "nothing created outside the root");
        // 5. an in-progress marker that is a link: retention neither follows nor deletes what it points to
        s.saveBytes("w", new byte[]{1});
        Path wdir = Files.createDirectories(s.root().resolve("w/@versions/000000000002"));
        Files.createSymbolicLink(wdir.resolve(".writing"), victim);
        s.saveBytes("w", new byte[]{3});
        try {
            s.retain("w", 1);
        } catch (StorageException.InvalidKey e) {
            assertTrue(e.getMessage().contains(".writing"), e.getMessage());
        }
        assertEquals(List.of(3L), s.versions("w"));

        assertEquals(before, snapshot(outside), "the other store is untouched");
        assertEquals(beforeVictim, snapshot(victim.getParent()), "files outside the root are untouched");
        assertEquals("do not touch", Files.readString(victim));
        assertArrayEquals(new byte[]{43, 43}, other.loadBytes("k"), "the other store still reads its own data");
    }

    @Test
    void storesOpensByUri() throws IOException {
        Path dir = tmp.resolve("by uri");
        Store a = Stores.open(dir.toString());
        a.saveObject("x", 1);
        Store b = Stores.open(dir.toUri().toString());
        assertEquals(1, b.loadObject("x", Integer.class));
        assertTrue(b.uri().startsWith("file:/"));
        assertEquals(1, Stores.open(b.uri()).loadObject("x", Integer.class));
        assertThrows(IllegalArgumentException.class, () -> Stores.open("ftp://host/x"));
        assertThrows(IllegalArgumentException.class, () -> Stores.open("file://otherhost/x"));
        assertThrows(IllegalArgumentException.class, () -> Stores.open(" "));
        assertThrows(IllegalArgumentException.class, () -> Stores.open("file:relative/dir"));
        assertThrows(IllegalArgumentException.class, () -> Stores.open("file:///x?y=1"));
    }

    @Test
    void absentBackendsSayWhichSourceFileToAdd() {
        org.junit.jupiter.api.Assumptions.assumeTrue(!classPresent("storage.s3.S3Store") && !classPresent("storage.jdbc.JdbcStore"),
                "the S3/JDBC backends are on this class path");
        StorageException.BackendFailure s3 = assertThrows(StorageException.BackendFailure.class, () -> Stores.open("s3://bucket/prefix"));
        assertTrue(s3.getMessage().contains("storage/s3/*.java"), s3.getMessage());
        StorageException.BackendFailure db = assertThrows(StorageException.BackendFailure.class,
                () -> Stores.open("jdbc:postgresql://h/db?user=u&password=hunter2"));
        assertTrue(db.getMessage().contains("storage/jdbc/*.java"), db.getMessage());
        assertFalse(db.getMessage().contains("hunter2") || db.key().contains("hunter2"), "password redacted: " + db.getMessage());
    }

    static boolean classPresent(String name) {
        try {
            Class.forName(name);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @Test
    void keyValidationMessagesNameTheRule() {
        assertEquals(List.of("results", "2026-11", "summary"), StorageKey.of("results/2026-11/summary").segments());
        assertTrue(assertThrows(StorageException.InvalidKey.class, () -> StorageKey.of("a/../b")).getMessage().contains("'..'"));
        assertTrue(assertThrows(StorageException.InvalidKey.class, () -> StorageKey.of("%2e%2e/x")).getMessage().contains("percent"));
        assertTrue(assertThrows(StorageException.InvalidKey.class, () -> StorageKey.of("/etc")).getMessage().contains("absolute"));
        assertTrue(assertThrows(StorageException.InvalidKey.class, () -> StorageKey.of("a\\b")).getMessage().contains("backslash"));
        assertTrue(assertThrows(StorageException.InvalidKey.class, () -> StorageKey.of("a//b")).getMessage().contains("empty segment"));
        assertTrue(assertThrows(StorageException.InvalidKey.class, () -> StorageKey.of("a\u0000b")).getMessage().contains("U+0000"));
    }
}
