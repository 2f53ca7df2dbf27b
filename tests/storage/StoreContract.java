package storage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.*;
import tech.tablesaw.columns.Column;

import java.io.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.*;
import java.util.*;
import java.util.concurrent.*;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The storage contract: written once against {@link Store}, run for every backend. A backend's test class
 * extends this and supplies a fresh store ({@link #newStore}) and a way to damage a stored payload
 * ({@link #corruptPayload}). Backends that can be opened from another process by {@link Store#uri()}
 * get the multi-process tests too.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
public abstract class StoreContract {
    /** A fresh, empty store; {@code tmp} is a new temporary directory the backend may use. */
    protected abstract Store newStore(Path tmp) throws Exception;

    /** Changes one byte of the stored payload of {@code key} version {@code version}, leaving its metadata alone. */
    protected abstract void corruptPayload(Store store, String key, long version) throws Exception;

    @TempDir
    protected Path tmp;
    protected Store store;

    private final List<Process> children = new ArrayList<>();

    @BeforeEach
    void openStore() throws Exception {
        store = newStore(tmp);
    }

    @AfterEach
    void killChildren() throws Exception {
        for (Process p : children) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        store.close();
    }

    // ------------------------------------------------------------------ tables

    /** One column of every Tablesaw type, with missing values and edge values, awkward names and order. */
    public static Table allTypes() {
        return Table.create("tâble, \"name\"\nwith newline",
                StringColumn.create("z first, \"quoted\"", new String[]{"plain", "NA", "null", "NaN", " lead", "trail ", "a,b", "say \"hi\"", "multi\nline\r\nx",
                        "ünïcødé 🎉", "\"", ""}),
                BooleanColumn.create("bool", new boolean[]{true, false, true, false, true, false, true, false, true, false, true, false}),
                ShortColumn.create("short\n2", new short[]{0, 1, -1, Short.MAX_VALUE, (short) (Short.MIN_VALUE + 1), 7, 8, 9, 10, 11, 12, 13}),
                IntColumn.create("int", new int[]{0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE + 1, 5, 6, 7, 8, 9, 10, 11}),
                LongColumn.create("long", new long[]{0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE + 1, 5, 6, 7, 8, 9, 10, 11}),
                FloatColumn.create("float", new float[]{0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE, Float.MAX_VALUE, 0.1f, 1e-30f,
                        3.4028235e38f, 1.17549435E-38f, 10f, 11f}),
                DoubleColumn.create("double", new double[]{0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE, 0.1, 1e-300,
                        1.0 / 3, Math.PI, -2.5e17, 11}),
                DateColumn.create("date", new LocalDate[]{LocalDate.of(2026, 11, 24), LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31), LocalDate.of(1970, 1, 1),
                        LocalDate.of(2000, 2, 29), LocalDate.of(1900, 3, 1), LocalDate.of(2024, 1, 1), LocalDate.of(2025, 6, 30), LocalDate.of(1969, 12, 31),
                        LocalDate.of(2030, 10, 10), LocalDate.of(2031, 1, 2), LocalDate.of(2032, 3, 4)}),
                DateTimeColumn.create("date time", new LocalDateTime[]{LocalDateTime.of(2026, 11, 24, 10, 15), LocalDateTime.of(2026, 11, 24, 0, 0),
                        LocalDateTime.of(2026, 11, 24, 23, 59, 59, 999_000_000), LocalDateTime.of(1970, 1, 1, 0, 0, 0, 1_000_000), LocalDateTime.of(1, 1, 1, 1, 1),
                        LocalDateTime.of(9999, 12, 31, 23, 59, 59), LocalDateTime.of(2000, 1, 1, 12, 0, 30), LocalDateTime.of(2020, 2, 2, 2, 2, 2, 20_000_000),
                        LocalDateTime.of(2021, 3, 3, 3, 3), LocalDateTime.of(2022, 4, 4, 4, 4), LocalDateTime.of(2023, 5, 5, 5, 5), LocalDateTime.of(2024, 6, 6, 6, 6)}),
                InstantColumn.create("instant", new Instant[]{Instant.parse("2026-11-24T10:15:30.123Z"), Instant.EPOCH, Instant.parse("1969-12-31T23:59:59Z"),
                        Instant.parse("2100-01-01T00:00:00Z"), Instant.parse("1900-01-01T00:00:00.001Z"), Instant.parse("2000-01-01T00:00:00Z"),
                        Instant.parse("2001-01-01T00:00:00Z"), Instant.parse("2002-01-01T00:00:00Z"), Instant.parse("2003-01-01T00:00:00Z"),
                        Instant.parse("2004-01-01T00:00:00Z"), Instant.parse("2005-01-01T00:00:00Z"), Instant.parse("2006-01-01T00:00:00Z")}),
                TimeColumn.create("tïme ✓", new LocalTime[]{LocalTime.MIDNIGHT, LocalTime.of(23, 59, 59, 999_000_000), LocalTime.NOON, LocalTime.of(10, 15),
                        LocalTime.of(10, 15, 30), LocalTime.of(0, 0, 0, 1_000_000), LocalTime.of(1, 2, 3), LocalTime.of(4, 5, 6), LocalTime.of(7, 8, 9),
                        LocalTime.of(10, 11, 12), LocalTime.of(13, 14, 15), LocalTime.of(16, 17, 18)}));
    }

    /** Every column gets missing values in rows 10 and 11 (row 11 of the string column is "" = missing in Tablesaw). */
    public static Table allTypesWithMissing() {
        Table t = allTypes();
        for (Column<?> c : t.columns()) {
            c.setMissing(10);
            c.setMissing(11);
        }
        return t;
    }

    /** Same name, column names and types in order, and every cell (doubles/floats compared bit for bit). */
    public static void assertSameTable(Table expected, Table actual) {
        assertEquals(expected.name(), actual.name(), "table name");
        assertEquals(expected.columnNames(), actual.columnNames(), "column names and order");
        assertEquals(expected.rowCount(), actual.rowCount(), "row count");
        for (int j = 0; j < expected.columnCount(); j++) {
            Column<?> e = expected.column(j), a = actual.column(j);
            assertEquals(e.type(), a.type(), "type of column " + e.name());
            for (int i = 0; i < e.size(); i++) {
                String where = "column '" + e.name() + "' row " + i;
                assertEquals(e.isMissing(i), a.isMissing(i), "missing flag at " + where);
                if (e instanceof DoubleColumn d)
                    assertEquals(Double.doubleToRawLongBits(d.getDouble(i)), Double.doubleToRawLongBits(((DoubleColumn) a).getDouble(i)), where);
                else if (e instanceof FloatColumn f)
                    assertEquals(Float.floatToRawIntBits(f.getFloat(i)), Float.floatToRawIntBits(((FloatColumn) a).getFloat(i)), where);
                else assertEquals(e.get(i), a.get(i), where);
            }
        }
    }

    @Test
    void tableRoundTripsEveryColumnTypeWithMissingValues() {
        Table t = allTypesWithMissing();
        Metadata m = store.saveTable("results/2026-11/summary", t);
        Table back = store.loadTable("results/2026-11/summary");
        assertSameTable(t, back);
        assertTrue(back.column("double").isMissing(10));
        assertTrue(Double.isNaN(((DoubleColumn) back.column("double")).getDouble(10)));
        assertEquals(0x8000000000000000L, Double.doubleToRawLongBits(((DoubleColumn) back.column("double")).getDouble(1)), "-0.0 keeps its sign");
        assertEquals("NA", back.stringColumn(0).get(1), "'NA' is text, not missing");
        assertFalse(back.stringColumn(0).isMissing(2), "'null' is text, not missing");
        assertEquals(Kind.TABLE, m.kind());
        assertEquals(12, m.table().rowCount());
        assertEquals(List.of("STRING", "BOOLEAN", "SHORT", "INTEGER", "LONG", "FLOAT", "DOUBLE", "LOCAL_DATE", "LOCAL_DATE_TIME", "INSTANT", "LOCAL_TIME"),
                m.table().columns().stream().map(TableSchema.Column::type).toList());
    }

    @Test
    void tableWithoutRowsAndWithOnlyMissingValuesRoundTrips() {
        Table empty = allTypes().emptyCopy();
        store.saveTable("t/empty", empty);
        assertSameTable(empty, store.loadTable("t/empty"));
        Table oneCol = Table.create("one", IntColumn.create("x"));
        oneCol.intColumn("x").appendMissing().appendMissing().append(3);
        store.saveTable("t/one", oneCol);
        assertSameTable(oneCol, store.loadTable("t/one"));
        Table noCols = Table.create("nothing");
        store.saveTable("t/none", noCols);
        assertSameTable(noCols, store.loadTable("t/none"));
    }

    @Test
    void millionRowTableRoundTrips() {
        Table t = mixedTable(1_000_000, 42);
        Metadata m = store.saveTable("big/million", t);
        assertEquals(1_000_000, m.table().rowCount());
        Table back = store.loadTable("big/million");
        assertEquals(1_000_000, back.rowCount());
        for (int j = 0; j < t.columnCount(); j++)
            assertEquals(t.column(j).asList(), back.column(j).asList(), "column " + t.column(j).name());
    }

    /** A mixed-type table with some missing values (shared with the benchmarks). */
    public static Table mixedTable(int rows, long seed) {
        return SampleTables.mixed(rows, seed);
    }

    // ------------------------------------------------------------------ objects

    public record Point(double x, double y) {}

    public record FittedModel(String family, double[] coefficients, List<String> terms, Map<String, Double> stats,
                              LocalDate fittedOn, Instant at, Point centre, Optional<String> note) {}

    public static class Pojo {
        private String name;
        private List<Integer> values = new ArrayList<>();
        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public List<Integer> getValues() { return values; }
        public void setValues(List<Integer> values) { this.values = values; }
    }

    @Test
    void objectsRoundTripWithTheTypeTheCallerNames() {
        FittedModel fm = new FittedModel("poisson", new double[]{0.5, -1.25, Double.MAX_VALUE}, List.of("(Intercept)", "age"),
                Map.of("deviance", 12.5, "aic", 30.25), LocalDate.of(2026, 11, 24), Instant.parse("2026-11-24T10:15:30.123456789Z"),
                new Point(1, 2), Optional.empty());
        store.saveObject("models/glm", fm);
        FittedModel back = store.loadObject("models/glm", FittedModel.class);
        assertArrayEquals(fm.coefficients(), back.coefficients());
        assertEquals(fm.terms(), back.terms());
        assertEquals(fm.stats(), back.stats());
        assertEquals(fm.fittedOn(), back.fittedOn());
        assertEquals(fm.at(), back.at());
        assertEquals(fm.centre(), back.centre());

        Pojo p = new Pojo();
        p.setName("n");
        p.setValues(List.of(1, 2, 3));
        store.saveObject("objs/pojo", p);
        Pojo pb = store.loadObject("objs/pojo", Pojo.class);
        assertEquals("n", pb.getName());
        assertEquals(List.of(1, 2, 3), pb.getValues());

        List<Point> pts = List.of(new Point(1, 2), new Point(-0.5, 1e300));
        store.saveObject("objs/points", pts);
        List<Point> ptsBack = store.loadObject("objs/points", new ObjectType<List<Point>>() {});
        // the interface names no JSON library: a generic type is an ObjectType, which needs its type argument
        assertEquals("java.util.List<storage.StoreContract$Point>", new ObjectType<List<Point>>() {}.toString());
        @SuppressWarnings({"rawtypes", "unchecked"})
        IllegalArgumentException raw = assertThrows(IllegalArgumentException.class, () -> new ObjectType() {});
        assertTrue(raw.getMessage().contains("type argument"), raw.getMessage());
        assertEquals(pts, ptsBack);
        assertEquals(Point.class, ptsBack.get(0).getClass());

        Map<String, List<Map<String, Integer>>> nested = Map.of("a", List.of(Map.of("b", 1), Map.of("c", 2)));
        store.saveObject("objs/nested", nested);
        assertEquals(nested, store.loadObject("objs/nested", new ObjectType<Map<String, List<Map<String, Integer>>>>() {}));
        assertEquals(Kind.OBJECT, store.describe("objs/nested").kind());
    }

    @Test
    void storedJsonNeverChoosesItsOwnJavaType() {
        // Jackson default typing would read ["java.util.HashMap", {}] style arrays or "@class" as a class name.
        store.saveObject("objs/evil", List.of("java.lang.ProcessBuilder", Map.of("@class", "java.lang.ProcessBuilder", "command", List.of("touch", "x"))));
        Object o = store.loadObject("objs/evil", Object.class);
        assertInstanceOf(List.class, o);
        assertInstanceOf(String.class, ((List<?>) o).get(0));
        assertInstanceOf(Map.class, ((List<?>) o).get(1));
        StorageException.WrongType e = assertThrows(StorageException.WrongType.class, () -> store.loadObject("objs/evil", Point.class));
        assertTrue(e.getMessage().contains("objs/evil"), e.getMessage());
    }

    @Test
    void wrongKindIsATypedError() {
        store.saveObject("k/obj", new Point(1, 2));
        store.saveTable("k/table", allTypes());
        assertThrows(StorageException.WrongType.class, () -> store.loadTable("k/obj"));
        assertThrows(StorageException.WrongType.class, () -> store.loadObject("k/table", Point.class));
        // unknown property (strict): the record lacks "extra"
        store.saveObject("k/map", Map.of("x", 1.0, "y", 2.0, "extra", 3));
        assertThrows(StorageException.WrongType.class, () -> store.loadObject("k/map", Point.class));
        // raw bytes of any kind are readable
        assertTrue(store.loadBytes("k/table").length > 0);
    }

    // ------------------------------------------------------------------ bytes

    @Test
    void bytesAndStreamsRoundTrip() throws Exception {
        byte[] small = "plot.png bytes \u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        store.saveBytes("artifacts/plot.png", small);
        assertArrayEquals(small, store.loadBytes("artifacts/plot.png"));
        store.saveBytes("artifacts/empty", new byte[0]);
        assertArrayEquals(new byte[0], store.loadBytes("artifacts/empty"));
        byte[] big = new byte[5 << 20];
        new Random(1).nextBytes(big);
        Metadata m = store.saveStream("artifacts/model.bin", new ByteArrayInputStream(big));
        assertEquals(big.length, m.size());
        assertEquals(Kind.BYTES, m.kind());
        try (InputStream in = store.openStream("artifacts/model.bin")) {
            assertArrayEquals(big, in.readAllBytes());
        }
        assertEquals(sha256(big), m.sha256());
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    // ------------------------------------------------------------------ metadata and versions

    @Test
    void describeGivesMetadataOfEachVersion() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        byte[] b = "hello".getBytes(StandardCharsets.UTF_8);
        store.saveBytes("meta/b", b);
        Metadata tm = store.saveTable("meta/t", allTypesWithMissing());
        Metadata d = store.describe("meta/b");
        assertEquals("meta/b", d.key());
        assertEquals(1, d.version());
        assertEquals(Kind.BYTES, d.kind());
        assertEquals(5, d.size());
        assertEquals(sha256(b), d.sha256());
        assertTrue(!d.created().isBefore(before) && !d.created().isAfter(Instant.now().plusSeconds(1)), d.created().toString());
        Metadata dt = store.describe("meta/t", 1);
        assertEquals(tm, dt);
        assertEquals(12, dt.table().rowCount());
        assertEquals(allTypes().name(), dt.table().name());
        assertEquals(allTypes().columnNames(), dt.table().columns().stream().map(TableSchema.Column::name).toList());
        assertEquals(sha256(store.loadBytes("meta/t")), dt.sha256());
    }

    @Test
    void versionsAreImmutableNumberedAndNeverReused() {
        String k = "v/key";
        assertEquals(List.of(), store.versions(k));
        for (int i = 1; i <= 3; i++) assertEquals(i, store.saveObject(k, "value " + i).version());
        assertEquals(List.of(1L, 2L, 3L), store.versions(k));
        assertEquals("value 3", store.loadObject(k, String.class));
        assertEquals("value 1", store.loadObject(k, 1, String.class));
        assertEquals("value 2", store.loadObject(k, 2, String.class));
        store.deleteVersion(k, 3);
        assertEquals(List.of(1L, 2L), store.versions(k));
        assertEquals("value 2", store.loadObject(k, String.class), "latest falls back to the newest remaining");
        assertEquals(4, store.saveObject(k, "value 4").version(), "a deleted number is never handed out again");
        assertEquals("value 4", store.loadObject(k, String.class));
        StorageException.NotFound nf = assertThrows(StorageException.NotFound.class, () -> store.loadObject(k, 3, String.class));
        assertTrue(nf.getMessage().contains("v/key") && nf.getMessage().contains("3"), nf.getMessage());
        assertThrows(StorageException.NotFound.class, () -> store.deleteVersion(k, 3));
        assertThrows(StorageException.NotFound.class, () -> store.deleteVersion(k, 99));
        assertThrows(StorageException.NotFound.class, () -> store.describe(k, 0));
        store.deleteVersion(k, 1);
        store.deleteVersion(k, 2);
        store.deleteVersion(k, 4);
        assertFalse(store.exists(k));
        assertThrows(StorageException.NotFound.class, () -> store.loadObject(k, String.class));
        assertEquals(5, store.saveObject(k, "value 5").version());
    }

    /** LATEST means the newest complete version, in every verb; a version below 1 is NotFound everywhere. */
    @Test
    void latestMeansTheNewestCompleteVersionInEveryVerb() throws Exception {
        String k = "latest/k";
        for (String v : List.of("one", "two", "three")) store.saveObject(k, v);
        assertEquals(3, store.describe(k, Store.LATEST).version());
        assertEquals(3, store.describe(k).version());
        assertEquals("three", store.loadObject(k, Store.LATEST, String.class));
        assertArrayEquals(store.loadBytes(k, 3), store.loadBytes(k, Store.LATEST));
        try (InputStream in = store.openStream(k, Store.LATEST)) {
            assertArrayEquals(store.loadBytes(k, 3), in.readAllBytes());
        }
        store.deleteVersion(k, Store.LATEST);
        assertEquals(List.of(1L, 2L), store.versions(k), "deleteVersion(LATEST) deletes the newest version");
        assertEquals("two", store.loadObject(k, String.class));
        assertEquals(2, store.describe(k).version());
        store.deleteVersion(k, Store.LATEST);
        store.deleteVersion(k, Store.LATEST);
        assertEquals(List.of(), store.versions(k));
        assertFalse(store.exists(k));
        List<org.junit.jupiter.api.function.Executable> latestVerbs = List.of(
                () -> store.loadObject(k, String.class), () -> store.loadBytes(k), () -> store.openStream(k).close(),
                () -> store.loadTable(k), () -> store.describe(k), () -> store.deleteVersion(k, Store.LATEST));
        for (var verb : latestVerbs) {
            StorageException.NotFound e = assertThrows(StorageException.NotFound.class, verb);
            assertTrue(e.getMessage().contains("no such key") && e.getMessage().contains(k), e.getMessage());
        }
        assertEquals(4, store.saveObject(k, "four").version(), "numbers are never reused, also after deleting the newest");
        for (long bad : new long[]{0, -2, Long.MIN_VALUE}) {
            List<org.junit.jupiter.api.function.Executable> pinned = List.of(
                    () -> store.loadObject(k, bad, String.class), () -> store.loadBytes(k, bad), () -> store.openStream(k, bad).close(),
                    () -> store.loadTable(k, bad), () -> store.describe(k, bad), () -> store.deleteVersion(k, bad));
            for (var verb : pinned) {
                StorageException.NotFound e = assertThrows(StorageException.NotFound.class, verb);
                assertTrue(e.getMessage().contains("versions start at 1"), e.getMessage());
            }
        }
        StorageException.NotFound gone = assertThrows(StorageException.NotFound.class, () -> store.deleteVersion(k, 2));
        assertTrue(gone.getMessage().contains("has no version 2") && gone.getMessage().contains("[4]"), gone.getMessage());
        Table t1 = allTypes(), t2 = allTypesWithMissing();
        store.saveTable("latest/t", t1);
        store.saveTable("latest/t", t2);
        assertSameTable(t2, store.loadTable("latest/t", Store.LATEST));
        store.deleteVersion("latest/t", Store.LATEST);
        assertSameTable(t1, store.loadTable("latest/t"));
        assertEquals(List.of("latest/k", "latest/t"), store.list("latest"));
    }

    /**
     * Values that could not come back exactly are refused before anything is written, with WrongType naming
     * column, row and why: unpaired surrogates everywhere. Edge values some databases cannot hold (year 0 and
     * negative years, instants before year 1, NUL in text) either round-trip exactly or are refused that way.
     */
    @Test
    void valuesThatCannotRoundTripAreRefusedBeforeWritingOrKeptExactly() {
        Table badCell = Table.create("t", StringColumn.create("s", "ok", "bad\uD83Dx"));
        StorageException.WrongType e = assertThrows(StorageException.WrongType.class, () -> store.saveTable("edge/s", badCell));
        assertTrue(e.getMessage().contains("edge/s") && e.getMessage().contains("column 's' row 1") && e.getMessage().contains("surrogate"), e.getMessage());
        Table badName = Table.create("t", StringColumn.create("bad\uDC00", "x"));
        e = assertThrows(StorageException.WrongType.class, () -> store.saveTable("edge/s", badName));
        assertTrue(e.getMessage().contains("column name") && e.getMessage().contains("surrogate"), e.getMessage());
        assertThrows(StorageException.WrongType.class, () -> store.saveTable("edge/s", Table.create("bad\uD800", IntColumn.create("x", 1))));
        assertFalse(store.exists("edge/s"), "a refused table writes nothing");
        assertEquals(List.of(), store.list("edge"));
        List<Table> edges = List.of(
                Table.create("d0", DateColumn.create("day", new LocalDate[]{LocalDate.of(2020, 1, 1), LocalDate.of(0, 1, 1)})),
                Table.create("dneg", DateColumn.create("day", new LocalDate[]{LocalDate.of(2020, 1, 1), LocalDate.of(-44, 3, 15)})),
                Table.create("dt0", DateTimeColumn.create("at", new LocalDateTime[]{LocalDateTime.of(2020, 1, 1, 0, 0), LocalDateTime.of(0, 2, 29, 12, 0)})),
                Table.create("i", InstantColumn.create("at", new Instant[]{Instant.EPOCH, Instant.ofEpochSecond(-62_200_000_000L)})),
                Table.create("nul", StringColumn.create("s", new String[]{"a", "nul\0inside"})));
        for (int i = 0; i < edges.size(); i++) {
            Table t = edges.get(i);
            String key = "edge/e" + i;
            try {
                store.saveTable(key, t);
            } catch (StorageException.WrongType refused) {
                assertTrue(refused.getMessage().contains("row 1") && refused.getMessage().contains(t.column(0).name()), refused.getMessage());
                assertFalse(store.exists(key), "a refused table writes nothing: " + key);
                continue;
            }
            assertSameTable(t, store.loadTable(key));
        }
    }

    /** The writer enforces the reader's limits: nothing is saved that no load could read back. */
    @Test
    void noSaveSucceedsThatNoLoadCanRead() {
        List<Object> tooBig = List.of("x".repeat(20_000_001), Map.of("k".repeat(50_001), 1), new java.math.BigDecimal("1".repeat(1001)));
        for (int i = 0; i < tooBig.size(); i++) {
            Object v = tooBig.get(i);
            String key = "lim/k" + i;
            StorageException.WrongType e = assertThrows(StorageException.WrongType.class, () -> store.saveObject(key, v));
            assertTrue(e.getMessage().contains(key) && e.getMessage().contains("a load accepts"), e.getMessage());
            assertFalse(store.exists(key), "nothing saved: " + key);
        }
        Map<String, java.math.BigInteger> atLimit = Map.of("k".repeat(50_000), new java.math.BigInteger("9".repeat(1000)));
        store.saveObject("lim/ok", atLimit);
        assertEquals(atLimit, store.loadObject("lim/ok", new ObjectType<Map<String, java.math.BigInteger>>() {}));
    }

    @Test
    void retainKeepsTheNewest() {
        String k = "r/key";
        for (int i = 1; i <= 6; i++) store.saveObject(k, i);
        assertEquals(3, store.retain(k, 3));
        assertEquals(List.of(4L, 5L, 6L), store.versions(k));
        assertEquals(6, store.loadObject(k, Integer.class));
        assertEquals(0, store.retain(k, 5));
        assertEquals(2, store.retain(k, 1));
        assertEquals(List.of(6L), store.versions(k));
        assertThrows(IllegalArgumentException.class, () -> store.retain(k, 0));
        assertThrows(StorageException.NotFound.class, () -> store.retain("r/none", 1));
        assertEquals(7, store.saveObject(k, 7).version());
    }

    @Test
    void createOnlyFailsWhenTheKeyExists() {
        store.saveObject("c/key", "first", SaveOption.CREATE_ONLY);
        StorageException.AlreadyExists e = assertThrows(StorageException.AlreadyExists.class,
                () -> store.saveObject("c/key", "second", SaveOption.CREATE_ONLY));
        assertTrue(e.getMessage().contains("c/key"), e.getMessage());
        assertEquals("c/key", e.key());
        assertThrows(StorageException.AlreadyExists.class, () -> store.saveTable("c/key", allTypes(), SaveOption.CREATE_ONLY));
        assertThrows(StorageException.AlreadyExists.class, () -> store.saveBytes("c/key", new byte[1], SaveOption.CREATE_ONLY));
        assertEquals(List.of(1L), store.versions("c/key"));
        assertEquals("first", store.loadObject("c/key", String.class));
        assertEquals(2, store.saveObject("c/key", "plain save adds a version").version());
    }

    @Test
    void createOnlyIsAtomicAcrossThreads() throws Exception {
        int n = 8;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CyclicBarrier start = new CyclicBarrier(n);
        List<Future<String>> fs = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            int id = t;
            fs.add(pool.submit(() -> {
                start.await();
                try {
                    store.saveObject("c/race", "winner " + id, SaveOption.CREATE_ONLY);
                    return "won";
                } catch (StorageException.AlreadyExists e) {
                    return "lost";
                }
            }));
        }
        List<String> results = new ArrayList<>();
        for (Future<String> f : fs) results.add(f.get(60, TimeUnit.SECONDS));
        pool.shutdown();
        assertEquals(1, Collections.frequency(results, "won"), results.toString());
        assertEquals(List.of(1L), store.versions("c/race"));
    }

    @Test
    void missingKeysAreNotFoundWithTheKeyInTheMessage() {
        StorageException.NotFound e = assertThrows(StorageException.NotFound.class, () -> store.loadTable("no/such/key"));
        assertTrue(e.getMessage().contains("no/such/key"), e.getMessage());
        assertThrows(StorageException.NotFound.class, () -> store.loadObject("no/such", Object.class));
        assertThrows(StorageException.NotFound.class, () -> store.loadBytes("no/such"));
        assertThrows(StorageException.NotFound.class, () -> store.openStream("no/such"));
        assertThrows(StorageException.NotFound.class, () -> store.describe("no/such"));
        assertThrows(StorageException.NotFound.class, () -> store.deleteVersion("no/such", 1));
        assertFalse(store.exists("no/such"));
        assertEquals(List.of(), store.versions("no/such"));
        assertEquals(List.of(), store.list("no"));
        store.saveObject("parent/child", 1);
        assertFalse(store.exists("parent"), "a prefix of a key is not a key");
        assertThrows(StorageException.NotFound.class, () -> store.loadObject("parent", Integer.class));
    }

    @Test
    void listByWholeSegmentPrefix() {
        for (String k : List.of("a/b", "a/b/c", "a/bc", "x", "a/b/c/d/e")) store.saveObject(k, k);
        assertEquals(List.of("a/b", "a/b/c", "a/b/c/d/e", "a/bc", "x"), store.list(""));
        assertEquals(List.of("a/b", "a/b/c", "a/b/c/d/e"), store.list("a/b"));
        assertEquals(List.of("a/b", "a/b/c", "a/b/c/d/e", "a/bc"), store.list("a"));
        assertEquals(List.of("x"), store.list("x"));
        assertEquals(List.of(), store.list("a/b/c/d/e/f"));
        assertThrows(StorageException.InvalidKey.class, () -> store.list("../a"));
        store.deleteVersion("a/bc", 1);
        assertEquals(List.of("a/b", "a/b/c", "a/b/c/d/e"), store.list("a"), "a key without versions is not listed");
    }

    // ------------------------------------------------------------------ keys

    /** Hostile keys: every one must be rejected by every entry point before anything is touched. */
    public static final List<String> HOSTILE_KEYS = List.of(
            "..", ".", "../etc/passwd", "a/../../b", "a/./b", "/etc/passwd", "//server/share", "a\\b", "..\\..\\windows",
            "a//b", "a/", "/", "", " ", "a/ b", "a\u0000b", "a\nb", "a\rb", "a\tb", "\u007f", "a\u0085b",
            "%2e%2e/x", "%2E%2E%2Fetc", "a%2fb", "a%00b", "..%2f..%2fetc", "%252e%252e", "a%5cb",
            "C:/windows", "c:\\x", "file:///etc/passwd", "s3://bucket/x", "~/x", "~root", "a/.hidden", ".git/config",
            "a/b.", "-rf", "a/@versions", "@versions/1", "a?b", "a#b", "a*b", "a b", "a;b", "a'b", "a\"b", "a|b",
            "a/\u2025", "\u2024\u2024/x", "\uff0e\uff0e/x", "a\u2215b", "caf\u00e9", "a\u202eb", "x".repeat(256),
            "a/".repeat(600) + "b");

    @Test
    void hostileKeysAreRejectedEverywhere() {
        assertTrue(HOSTILE_KEYS.size() >= 20);
        for (String k : HOSTILE_KEYS) {
            String shown = StorageKey.escape(k);
            List<org.junit.jupiter.api.function.Executable> calls = List.of(
                    () -> store.saveBytes(k, new byte[]{1}), () -> store.saveObject(k, 1), () -> store.saveTable(k, allTypes()),
                    () -> store.loadBytes(k), () -> store.loadTable(k), () -> store.loadObject(k, Object.class), () -> store.openStream(k),
                    () -> store.exists(k), () -> store.describe(k), () -> store.versions(k), () -> store.deleteVersion(k, 1),
                    () -> store.retain(k, 1));
            for (var call : calls) {
                StorageException.InvalidKey e = assertThrows(StorageException.InvalidKey.class, call, "key " + shown);
                assertTrue(e.getMessage().startsWith("invalid key"), e.getMessage());
                assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\u0000"), "control characters are escaped: " + shown);
            }
            if (!k.isEmpty()) assertThrows(StorageException.InvalidKey.class, () -> store.list(k), "list " + shown);
        }
        assertThrows(StorageException.InvalidKey.class, () -> store.saveObject(null, 1));
        assertEquals(List.of(), store.list(""), "nothing was stored");
    }

    @Test
    void ordinaryKeysAreAccepted() {
        for (String k : List.of("results/2026-11/summary", "a_b/c-d/e.f=g+h", "_x", "A1/b2/C3", "model.v2.json", "x".repeat(255)))
            assertEquals(1, store.saveObject(k, k).version(), k);
    }

    // ------------------------------------------------------------------ corruption

    @Test
    void corruptedPayloadIsDetectedNeverReturned() throws Exception {
        store.saveTable("bad/table", allTypes());
        store.saveTable("bad/table", allTypesWithMissing());
        store.saveObject("bad/obj", new Point(1, 2));
        store.saveBytes("bad/bytes", new byte[100_000]);
        corruptPayload(store, "bad/table", 2);
        corruptPayload(store, "bad/obj", 1);
        corruptPayload(store, "bad/bytes", 1);
        StorageException.Corrupt e = assertThrows(StorageException.Corrupt.class, () -> store.loadTable("bad/table"));
        assertTrue(e.getMessage().contains("bad/table") && e.getMessage().contains("SHA-256"), e.getMessage());
        assertThrows(StorageException.Corrupt.class, () -> store.loadObject("bad/obj", Point.class));
        assertThrows(StorageException.Corrupt.class, () -> store.loadObject("bad/obj", Object.class));
        assertThrows(StorageException.Corrupt.class, () -> store.loadBytes("bad/bytes"));
        assertThrows(StorageException.Corrupt.class, () -> {
            try (InputStream in = store.openStream("bad/bytes")) {
                in.readAllBytes();
            }
        });
        assertSameTable(allTypes(), store.loadTable("bad/table", 1)); // other versions are unaffected
        assertEquals(2, store.describe("bad/table").version(), "metadata is still readable");
    }

    // ------------------------------------------------------------------ concurrency and crashes

    @Test
    void eightConcurrentThreadWritersLoseNothing() throws Exception {
        int writers = 8, each = 50;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CyclicBarrier start = new CyclicBarrier(writers);
        List<Future<List<Long>>> fs = new ArrayList<>();
        for (int t = 0; t < writers; t++) {
            int id = t;
            fs.add(pool.submit(() -> {
                start.await();
                List<Long> mine = new ArrayList<>();
                for (int i = 0; i < each; i++) {
                    Metadata m = (i % 2 == 0) ? store.saveObject("conc/key", "w" + id + "-" + i)
                            : store.saveBytes("conc/key", ("w" + id + "-" + i).getBytes(StandardCharsets.UTF_8));
                    mine.add(m.version());
                }
                return mine;
            }));
        }
        Set<Long> handedOut = new TreeSet<>();
        for (Future<List<Long>> f : fs) handedOut.addAll(f.get(300, TimeUnit.SECONDS));
        pool.shutdown();
        assertEquals(writers * each, handedOut.size(), "every save got its own version number");
        List<Long> vs = store.versions("conc/key");
        assertEquals(new ArrayList<>(handedOut), vs);
        Set<String> values = new HashSet<>();
        for (long v : vs) {
            Metadata m = store.describe("conc/key", v);
            values.add(m.kind() == Kind.OBJECT ? store.loadObject("conc/key", v, String.class)
                    : new String(store.loadBytes("conc/key", v), StandardCharsets.UTF_8));
        }
        Set<String> expected = new HashSet<>();
        for (int t = 0; t < writers; t++) for (int i = 0; i < each; i++) expected.add("w" + t + "-" + i);
        assertEquals(expected, values);
    }

    @Test
    void readersOfLatestNeverFailWhileWritersSaveAndRetentionDeletes() throws Exception {
        store.saveObject("churn/key", 0);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<?> writer = pool.submit(() -> {
            for (int i = 1; i <= 150; i++) {
                store.saveObject("churn/key", i);
                store.retain("churn/key", 1);
            }
            return null;
        });
        Future<Integer> reader = pool.submit(() -> {
            int reads = 0, last = -1;
            while (!writer.isDone()) {
                int v = store.loadObject("churn/key", Integer.class);
                assertTrue(v >= last, "latest never goes backwards: " + v + " after " + last);
                last = v;
                reads++;
            }
            return reads;
        });
        writer.get(300, TimeUnit.SECONDS);
        assertTrue(reader.get(300, TimeUnit.SECONDS) > 0);
        pool.shutdown();
        assertEquals(150, store.loadObject("churn/key", Integer.class));
        assertEquals(1, store.versions("churn/key").size());
    }

    /** Starts {@code java -cp <this test's class path> storage.StorageChild args...}. */
    protected Process child(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), StorageChild.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        children.add(p);
        return p;
    }

    /** Whether other processes can open this store from {@link Store#uri()}. */
    protected boolean sharedAcrossProcesses() { return true; }

    @Test
    void concurrentWriterProcessesLoseNothing() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(sharedAcrossProcesses(), "store is private to this process");
        int procs = 2, threads = 4, each = 50;
        List<Process> ps = new ArrayList<>();
        for (int p = 0; p < procs; p++) ps.add(child("writers", store.uri(), "multi/proc", "" + threads, "" + each, "p" + p));
        // this process writes at the same time
        for (int i = 0; i < each; i++) store.saveObject("multi/proc", "parent-" + i);
        for (Process p : ps) {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(300, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.contains("DONE"), out);
        }
        List<Long> vs = store.versions("multi/proc");
        assertEquals(procs * threads * each + each, vs.size());
        Set<String> values = new HashSet<>();
        for (long v : vs) values.add(store.loadObject("multi/proc", v, String.class));
        Set<String> expected = new HashSet<>();
        for (int p = 0; p < procs; p++) for (int t = 0; t < threads; t++) for (int i = 0; i < each; i++) expected.add("p" + p + "-" + t + "-" + i);
        for (int i = 0; i < each; i++) expected.add("parent-" + i);
        assertEquals(expected, values);
    }

    /** Starts a child that writes an endless payload to {@code key}, waits until it is mid-write. */
    protected Process hangingWriter(String key, boolean createOnly) throws Exception {
        Process p = createOnly ? child("hang", store.uri(), key, "create-only") : child("hang", store.uri(), key);
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        StringBuilder seen = new StringBuilder();
        while ((line = r.readLine()) != null && !line.equals("STARTED")) seen.append(line).append('\n');
        assertEquals("STARTED", line, "child did not start writing: " + seen);
        Thread.sleep(300);
        assertTrue(p.isAlive());
        return p;
    }

    @Test
    void processKilledMidWriteLeavesThePreviousVersionAndNoPartial() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(sharedAcrossProcesses(), "store is private to this process");
        Table v1 = allTypesWithMissing();
        store.saveTable("crash/key", v1);
        Process p = hangingWriter("crash/key", false);
        // while it writes, readers see only the complete version
        assertEquals(List.of(1L), store.versions("crash/key"));
        assertSameTable(v1, store.loadTable("crash/key"));
        p.destroyForcibly();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(List.of(1L), store.versions("crash/key"), "no partial version is visible");
        assertEquals(1, store.describe("crash/key").version());
        assertSameTable(v1, store.loadTable("crash/key"));
        assertEquals(List.of("crash/key"), store.list("crash"));
        long next = store.saveObject("crash/key", "after").version();
        assertTrue(next > 1);
        assertEquals("after", store.loadObject("crash/key", String.class));
        assertEquals(0, store.retain("crash/key", 2), "retention cleans leftovers without counting them");
        assertEquals(List.of(1L, next), store.versions("crash/key"));
    }

    @Test
    void createOnlySeesAWriterInProgressButNotADeadOne() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(sharedAcrossProcesses(), "store is private to this process");
        Process p = hangingWriter("crash/create", true);
        assertFalse(store.exists("crash/create"));
        assertThrows(StorageException.AlreadyExists.class, () -> store.saveObject("crash/create", "mine", SaveOption.CREATE_ONLY),
                "a create-only save must not race a create in progress");
        p.destroyForcibly();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertFalse(store.exists("crash/create"));
        store.saveObject("crash/create", "mine", SaveOption.CREATE_ONLY);
        assertEquals("mine", store.loadObject("crash/create", String.class));
        assertEquals(1, store.versions("crash/create").size());
    }

    /** True for backends whose writers hold a lease that expires while they are frozen (S3): then B must win. */
    protected boolean pausedWriterLosesItsLease() { return false; }

    /** Sends a POSIX signal (STOP / CONT) to a child process. */
    protected static void signal(Process p, String sig) throws Exception {
        Process k = new ProcessBuilder("kill", "-" + sig, Long.toString(p.pid())).redirectErrorStream(true).start();
        assertTrue(k.waitFor(30, TimeUnit.SECONDS) && k.exitValue() == 0, "kill -" + sig + " " + p.pid());
    }

    /**
     * Writer A (a real child process, create-only) is frozen with SIGSTOP mid-save; while it is frozen, B
     * saves the same key create-only; then A is resumed and finishes. Exactly one of them is told it
     * succeeded, and the winner's version is the key's only version, holding the winner's bytes: an
     * acknowledged write is never lost. (The file and SQL backends see A's lock and refuse B; S3 sees A's
     * lease expire, takes the claim over, and A's fenced commit must then fail.)
     */
    @Test
    void aWriterPausedPastItsLeaseNeverLosesAnAcknowledgedWrite() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(sharedAcrossProcesses(), "store is private to this process");
        Process a = child("pausable", store.uri(), "pause/key", "A");
        BufferedReader r = new BufferedReader(new InputStreamReader(a.getInputStream(), StandardCharsets.UTF_8));
        String line;
        StringBuilder seen = new StringBuilder();
        while ((line = r.readLine()) != null && !line.equals("STARTED")) seen.append(line).append('\n');
        assertEquals("STARTED", line, "child did not start writing: " + seen);
        signal(a, "STOP");
        Metadata b = null;
        try {
            b = store.saveBytes("pause/key", new byte[]{'B', 1, 2, 3}, SaveOption.CREATE_ONLY);
        } catch (StorageException.AlreadyExists e) {
            // A holds the key (file lock, database lock): B is refused
        } finally {
            signal(a, "CONT");
        }
        a.getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
        a.getOutputStream().flush();
        String result = null;
        while ((line = r.readLine()) != null) if (line.startsWith("SAVED ") || line.startsWith("FAILED ")) result = line;
        assertTrue(a.waitFor(120, TimeUnit.SECONDS));
        assertNotNull(result, "child reported nothing");
        boolean aSaved = result.startsWith("SAVED ");
        if (pausedWriterLosesItsLease())
            assertFalse(aSaved, "a writer frozen past its lease must not be told it saved: " + result);
        assertTrue(aSaved ^ (b != null), "exactly one create-only save succeeds: A says '" + result + "', B " + (b == null ? "refused" : "saved v" + b.version()));
        if (aSaved) {
            long v = Long.parseLong(result.substring(6).trim());
            assertEquals(List.of(v), store.versions("pause/key"), "A's acknowledged version is the key's only version");
            byte[] got = store.loadBytes("pause/key", v);
            assertEquals(6 << 20, got.length);
            assertEquals('A', got[0]);
        } else {
            assertTrue(result.contains("pause/key"), result);
            assertEquals(List.of(b.version()), store.versions("pause/key"), "B's acknowledged version is the key's only version");
            assertArrayEquals(new byte[]{'B', 1, 2, 3}, store.loadBytes("pause/key"));
        }
    }
}
