///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//JAVAC_OPTIONS -encoding UTF-8
//JAVA_OPTIONS -Xmx512m
//SOURCES testkit/JUnitMain.java
//SOURCES ../ingest/*.java
//SOURCES ../synth/*.java
// Tests of the ingestion layer (ingest/): aggregates against a slow, obviously-correct reference built with
// plain Java maps over String.split lines of generated data (synth); thread-count and gzip invariance;
// BOM/CRLF/quotes/timestamp forms; every bad-input case with its exact message.
import static org.junit.jupiter.api.Assertions.*;

import ingest.*;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

public class IngestTest {
    public static void main(String[] a) { testkit.JUnitMain.runAndExit(a, IngestTest.class); }

    static Path root, gen, genGz, big;
    static Dataset genData;
    static final String CLASS_PATH = System.getProperty("java.class.path");   // before ingestion first starts Tablesaw

    @BeforeAll
    static void generate() throws IOException {
        root = Files.createTempDirectory("ingest-test");
        gen = root.resolve("gen");
        synth.Generator.run(new synth.Generator.Config(3000, 7, gen));
        genGz = root.resolve("gen-gz");
        Files.createDirectories(genGz);
        for (String f : List.of("people", "exposures", "site_visits")) gzip(gen.resolve(f + ".csv"), genGz.resolve(f + ".csv.gz"));
        genData = Ingest.load(gen, IngestOptions.defaults().withThreads(2));
    }

    @AfterAll
    static void cleanUp() throws IOException {
        try (Stream<Path> s = Files.walk(root)) { s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete()); }
    }

    static void gzip(Path from, Path to) throws IOException {
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(to))) { Files.copy(from, o); }
    }

    // ---------------------------------------------------------------- reference computation

    /** Per person, everything by plain maps over String.split lines (the generator writes no quotes). */
    static final class Ref {
        final List<String> ids = new ArrayList<>();
        final Map<String, List<Long>> exp = new HashMap<>(), vis = new HashMap<>();
        final Map<String, Set<String>> ads = new HashMap<>(), chans = new HashMap<>();
        final Map<String, Long> byAd = new TreeMap<>(), byCh = new TreeMap<>(), adCh = new HashMap<>();
        final Map<String, Set<String>> reachAd = new HashMap<>(), reachCh = new HashMap<>(), reachCell = new HashMap<>();
        // ad (or channel) -> person -> exposures of that person to it
        final Map<String, Map<String, Integer>> perPersonAd = new HashMap<>(), perPersonCh = new HashMap<>();
        final Map<LocalDate, long[]> days = new TreeMap<>();
        final long[][] hw = new long[7 * 24][2];

        Ref(Path dir) throws IOException {
            List<String> p = Files.readAllLines(dir.resolve("people.csv"));
            for (String l : p.subList(1, p.size())) ids.add(l.split(",", -1)[0]);
            List<String> e = Files.readAllLines(dir.resolve("exposures.csv"));
            for (String l : e.subList(1, e.size())) {
                String[] f = l.split(",", -1);
                long t = LocalDateTime.parse(f[1]).toEpochSecond(ZoneOffset.UTC);
                exp.computeIfAbsent(f[0], k -> new ArrayList<>()).add(t);
                ads.computeIfAbsent(f[0], k -> new HashSet<>()).add(f[2]);
                chans.computeIfAbsent(f[0], k -> new HashSet<>()).add(f[3]);
                byAd.merge(f[2], 1L, Long::sum);
                byCh.merge(f[3], 1L, Long::sum);
                adCh.merge(f[2] + "|" + f[3], 1L, Long::sum);
                reachAd.computeIfAbsent(f[2], k -> new HashSet<>()).add(f[0]);
                reachCh.computeIfAbsent(f[3], k -> new HashSet<>()).add(f[0]);
                reachCell.computeIfAbsent(f[2] + "|" + f[3], k -> new HashSet<>()).add(f[0]);
                perPersonAd.computeIfAbsent(f[2], k -> new HashMap<>()).merge(f[0], 1, Integer::sum);
                perPersonCh.computeIfAbsent(f[3], k -> new HashMap<>()).merge(f[0], 1, Integer::sum);
                LocalDateTime dt = LocalDateTime.parse(f[1]);
                days.computeIfAbsent(dt.toLocalDate(), k -> new long[2])[0]++;
                hw[(dt.getDayOfWeek().getValue() - 1) * 24 + dt.getHour()][0]++;
            }
            List<String> v = Files.readAllLines(dir.resolve("site_visits.csv"));
            for (String l : v.subList(1, v.size())) {
                String[] f = l.split(",", -1);
                LocalDateTime dt = LocalDateTime.parse(f[1]);
                vis.computeIfAbsent(f[0], k -> new ArrayList<>()).add(dt.toEpochSecond(ZoneOffset.UTC));
                days.computeIfAbsent(dt.toLocalDate(), k -> new long[2])[1]++;
                hw[(dt.getDayOfWeek().getValue() - 1) * 24 + dt.getHour()][1]++;
            }
        }

        int nExp(String id) { return exp.getOrDefault(id, List.of()).size(); }
        int nVis(String id) { return vis.getOrDefault(id, List.of()).size(); }
    }

    @Test
    void tablesawStartedDuringIngestionHasItsReadersAndTheClassPathPropertyIsRestored() throws IOException {
        // ingestion initialises Tablesaw with java.class.path narrowed to Tablesaw's jars (TablesawInit)
        assertEquals(CLASS_PATH, System.getProperty("java.class.path"));
        assertTrue(tech.tablesaw.api.Table.defaultReaderRegistry.getReaderForExtension("csv").isPresent());
        assertNotNull(tech.tablesaw.api.Table.defaultWriterRegistry.getWriterForExtension("csv"));
        tech.tablesaw.api.Table t = tech.tablesaw.api.Table.read().file(gen.resolve("people.csv").toFile());
        assertEquals(3000, t.rowCount());
    }

    @Test
    void optionsBuilderSetsEveryFieldLikeTheWithMethodsAndChecksValues() {
        Instant from = Instant.parse("2024-01-01T00:00:00Z"), to = Instant.parse("2024-02-01T00:00:00Z");
        Map<String, ColumnKind> kinds = Map.of("age", ColumnKind.CATEGORICAL);
        IngestOptions built = IngestOptions.builder().threads(3).strict(true).zone(ZoneOffset.ofHours(2)).window(from, to)
                .maxExamples(7).numericShare(0.5).columnKinds(kinds).visitTiming(false).alertShare(0.2).build();
        IngestOptions chained = IngestOptions.defaults().withThreads(3).withStrict(true).withZone(ZoneOffset.ofHours(2))
                .withWindow(from, to).withMaxExamples(7).withNumericShare(0.5).withColumnKinds(kinds).withVisitTiming(false)
                .withAlertShare(0.2);
        assertEquals(chained, built);
        assertEquals(new IngestOptions(3, true, ZoneOffset.ofHours(2), from, to, 7, 0.5, kinds, false, 0.2), built);
        assertEquals(built, built.toBuilder().build());
        assertEquals(built.withThreads(1), built.toBuilder().threads(1).build());
        assertEquals(IngestOptions.defaults(), IngestOptions.builder().build());
        assertEquals(new IngestOptions(Runtime.getRuntime().availableProcessors(), false, ZoneOffset.UTC, null, null, 5, 0.99,
                Map.of(), true, 0.01), IngestOptions.defaults());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IngestOptions.builder().threads(0).build());
        assertEquals("threads must be >= 1, got 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> IngestOptions.builder().window(to, from).build());
    }

    @Test
    void aggregatesEqualReferenceOnGeneratedData() throws IOException {
        Ref ref = new Ref(gen);
        Aggregates a = genData.aggregates();
        assertTrue(genData.report().clean(), genData.report().toText());
        assertEquals(ref.ids.size(), a.people());
        assertEquals(ref.exp.values().stream().mapToLong(List::size).sum(), a.exposures());
        assertEquals(ref.vis.values().stream().mapToLong(List::size).sum(), a.visits());
        assertEquals(ref.exp.size(), a.exposedPeople());
        assertEquals(ref.vis.size(), a.visitors());
        // by ad / channel: impressions and reach, sorted by label
        assertEquals(new ArrayList<>(ref.byAd.keySet()), a.byAd().stream().map(Aggregates.CategoryStat::label).toList());
        for (Aggregates.CategoryStat c : a.byAd()) {
            assertEquals(ref.byAd.get(c.label()), c.impressions(), c.label());
            assertEquals(ref.reachAd.get(c.label()).size(), c.reach(), c.label());
        }
        assertEquals(new ArrayList<>(ref.byCh.keySet()), a.byChannel().stream().map(Aggregates.CategoryStat::label).toList());
        for (Aggregates.CategoryStat c : a.byChannel()) {
            assertEquals(ref.byCh.get(c.label()), c.impressions(), c.label());
            assertEquals(ref.reachCh.get(c.label()).size(), c.reach(), c.label());
        }
        assertEquals(ref.byAd.size() * ref.byCh.size(), a.adChannel().size());
        for (Aggregates.AdChannel c : a.adChannel()) {
            String key = c.ad() + "|" + c.channel();
            assertEquals(ref.adCh.getOrDefault(key, 0L), c.impressions(), c.ad() + " x " + c.channel());
            assertEquals(ref.reachCell.getOrDefault(key, Set.of()).size(), c.reach(), c.ad() + " x " + c.channel() + ": reach");
        }
        assertTrue(a.adChannel().stream().anyMatch(c -> c.reach() > 0 && c.impressions() > c.reach()), "some cells reach people more than once");
        // frequency distribution 1..9, 10+ per ad and per channel among the people reached
        for (boolean ad : new boolean[] {true, false}) {
            Map<String, Map<String, Integer>> per = ad ? ref.perPersonAd : ref.perPersonCh;
            for (Aggregates.CategoryStat c : ad ? a.byAd() : a.byChannel()) {
                long[] f = new long[10];
                for (int k : per.get(c.label()).values()) f[Math.min(k, 10) - 1]++;
                assertEquals(Arrays.stream(f).boxed().toList(), c.frequency(), c.label() + ": frequency 1..9, 10+");
                assertEquals(c.reach(), c.frequency().stream().mapToLong(Long::longValue).sum(), c.label());
            }
        }
        assertTrue(a.byAd().stream().allMatch(c -> c.frequency().get(9) > 0), "every ad has people in the 10+ bucket (the cap is exercised)");
        // days (first to last event day, zeros included) and hour x weekday
        LocalDate d0 = ((TreeMap<LocalDate, long[]>) ref.days).firstKey(), d1 = ((TreeMap<LocalDate, long[]>) ref.days).lastKey();
        assertEquals(d1.toEpochDay() - d0.toEpochDay() + 1, a.byDay().size());
        for (Aggregates.DayCount d : a.byDay()) {
            long[] r = ref.days.getOrDefault(d.day(), new long[2]);
            assertEquals(r[0], d.exposures(), d.day().toString());
            assertEquals(r[1], d.visits(), d.day().toString());
        }
        assertEquals(168, a.hourWeekday().size());
        for (Aggregates.HourWeekday h : a.hourWeekday()) {
            int i = (h.weekday().getValue() - 1) * 24 + h.hour();
            assertEquals(ref.hw[i][0], h.exposures(), h.toString());
            assertEquals(ref.hw[i][1], h.visits(), h.toString());
        }
        // frequency distributions
        Map<Integer, Long> expHist = new TreeMap<>(), visHist = new TreeMap<>();
        for (String id : ref.ids) {
            expHist.merge(ref.nExp(id), 1L, Long::sum);
            visHist.merge(ref.nVis(id), 1L, Long::sum);
        }
        for (int k = 0; k < a.exposuresPerPerson().size(); k++)
            assertEquals(expHist.getOrDefault(k, 0L), a.exposuresPerPerson().get(k), "people with " + k + " exposures");
        assertEquals(((TreeMap<Integer, Long>) expHist).lastKey() + 1, a.exposuresPerPerson().size());
        for (int k = 0; k < a.visitsPerPerson().size(); k++)
            assertEquals(visHist.getOrDefault(k, 0L), a.visitsPerPerson().get(k), "people with " + k + " visits");
        // visits by exposure-frequency bucket 0..9, 10+
        for (Aggregates.FrequencyBucket b : a.visitsByExposureFrequency()) {
            long people = 0, visitors = 0, visits = 0;
            for (String id : ref.ids) {
                int e = ref.nExp(id);
                if (e < b.minExposures() || e > b.maxExposures()) continue;
                people++;
                if (ref.nVis(id) > 0) visitors++;
                visits += ref.nVis(id);
            }
            assertEquals(people, b.people(), b.label());
            assertEquals(visitors, b.visitors(), b.label());
            assertEquals(visits, b.visits(), b.label());
        }
        // timing: for every visit, the latest exposure at or before it, by brute force
        long any = 0, h1 = 0, h24 = 0, h72 = 0;
        for (var en : ref.vis.entrySet())
            for (long v : en.getValue()) {
                long best = Long.MIN_VALUE;
                for (long e : ref.exp.getOrDefault(en.getKey(), List.of())) if (e <= v && e > best) best = e;
                if (best == Long.MIN_VALUE) continue;
                any++;
                if (v - best <= 3600) h1++;
                if (v - best <= 86400) h24++;
                if (v - best <= 3 * 86400) h72++;
            }
        Aggregates.VisitTiming t = a.timing().orElseThrow();
        assertEquals(a.visits(), t.visits());
        assertEquals(any, t.afterAnyExposure());
        assertEquals(h1, t.within1h());
        assertEquals(h24, t.within24h());
        assertEquals(h72, t.within72h());
        assertTrue(h1 > 0 && h24 > h1, "the generated data should have visits soon after exposures");
    }

    @Test
    void perPersonTableEqualsReference() throws IOException {
        Ref ref = new Ref(gen);
        Table p = genData.persons();
        assertEquals(ref.ids.size(), p.rowCount(), "every person, including those with no events");
        assertEquals(List.of("person_id", "age", "gender", "income_bracket", "region", "household_size", "exposures", "visits",
                "distinct_ads", "distinct_channels", "first_exposure", "last_exposure", "first_visit", "last_visit", "visits_within_24h"),
                p.columnNames());
        for (int r = 0; r < p.rowCount(); r++) {
            String id = p.stringColumn("person_id").get(r);
            assertEquals(ref.ids.get(r), id);
            List<Long> e = ref.exp.getOrDefault(id, List.of()), v = ref.vis.getOrDefault(id, List.of());
            assertEquals(e.size(), p.intColumn("exposures").getInt(r), id);
            assertEquals(v.size(), p.intColumn("visits").getInt(r), id);
            assertEquals(ref.ads.getOrDefault(id, Set.of()).size(), p.intColumn("distinct_ads").getInt(r), id);
            assertEquals(ref.chans.getOrDefault(id, Set.of()).size(), p.intColumn("distinct_channels").getInt(r), id);
            assertEquals(e.isEmpty() ? null : ldt(e.stream().mapToLong(x -> x).min().getAsLong()), p.dateTimeColumn("first_exposure").get(r), id);
            assertEquals(e.isEmpty() ? null : ldt(e.stream().mapToLong(x -> x).max().getAsLong()), p.dateTimeColumn("last_exposure").get(r), id);
            assertEquals(v.isEmpty() ? null : ldt(v.stream().mapToLong(x -> x).min().getAsLong()), p.dateTimeColumn("first_visit").get(r), id);
            assertEquals(v.isEmpty() ? null : ldt(v.stream().mapToLong(x -> x).max().getAsLong()), p.dateTimeColumn("last_visit").get(r), id);
        }
        // demographics: explicit types by the documented rule, values as in the file
        assertEquals(List.of("INTEGER", "STRING", "STRING", "STRING", "INTEGER"),
                genData.demographics().stream().map(ColumnInfo::storage).toList());
        List<String> lines = Files.readAllLines(gen.resolve("people.csv"));
        for (int r = 0; r < 200; r++) {
            String[] f = lines.get(r + 1).split(",", -1);
            assertEquals(f[1].isEmpty() ? null : Integer.valueOf(f[1]), p.intColumn("age").isMissing(r) ? null : p.intColumn("age").get(r));
            assertEquals(f[2], p.stringColumn("gender").get(r));
            assertEquals(f[4], p.stringColumn("region").get(r));
        }
    }

    static LocalDateTime ldt(long epochSecond) { return LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC); }

    // ---------------------------------------------------------------- invariance

    static void assertSameResults(Dataset x, Dataset y, String what) {
        assertEquals(x.aggregates(), y.aggregates(), what + ": aggregates");
        assertEquals(x.persons().columnNames(), y.persons().columnNames(), what);
        for (int c = 0; c < x.persons().columnCount(); c++)
            assertEquals(x.persons().column(c).asList(), y.persons().column(c).asList(), what + ": column " + x.persons().column(c).name());
        assertEquals(x.window(), y.window(), what + ": window");
        List<FileReport> a = x.report().files(), b = y.report().files();
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).rowsRead(), b.get(i).rowsRead(), what);
            assertEquals(a.get(i).rowsAccepted(), b.get(i).rowsAccepted(), what);
            assertEquals(a.get(i).problems(), b.get(i).problems(), what + ": problems");
        }
    }

    @Test
    void resultsIdenticalWhateverTheThreadCount() {
        for (int t : new int[] {1, 3, 8}) {
            Dataset d = Ingest.load(gen, IngestOptions.defaults().withThreads(t));
            assertSameResults(genData, d, t + " threads vs 2");
        }
    }

    /**
     * Per-person counters under real concurrency: the generated exposures plus every third row 20 more times,
     * in random order (~8 MB: several 1 MiB chunks per thread, the same person updated by several threads at
     * once, many past the 10+ cap). Per-ad/channel frequency and ad x channel reach equal the reference for 1, 2
     * and 3 threads, and the three runs are identical.
     */
    @Test
    void perAdChannelCountersRaceFreeInRandomOrder() throws IOException {
        Path dir = root.resolve("shuffled");
        Files.createDirectories(dir);
        Files.copy(gen.resolve("people.csv"), dir.resolve("people.csv"));
        Files.copy(gen.resolve("site_visits.csv"), dir.resolve("site_visits.csv"));
        List<String> lines = Files.readAllLines(gen.resolve("exposures.csv"));
        List<String> rows = new ArrayList<>();
        List<String> body = lines.subList(1, lines.size());
        rows.addAll(body);
        for (int k = 0; k < 20; k++) for (int i = 0; i < body.size(); i += 3) rows.add(body.get(i));
        Collections.shuffle(rows, new Random(5));
        rows.add(0, lines.get(0));
        Files.write(dir.resolve("exposures.csv"), rows);
        assertTrue(Files.size(dir.resolve("exposures.csv")) > 6 << 20, "big enough for several 1 MiB chunks per thread");
        Ref ref = new Ref(dir);
        Dataset first = null;
        for (int t : new int[] {1, 2, 3}) {
            Aggregates a = Ingest.load(dir, IngestOptions.defaults().withThreads(t)).aggregates();
            for (boolean ad : new boolean[] {true, false})
                for (Aggregates.CategoryStat c : ad ? a.byAd() : a.byChannel()) {
                    long[] f = new long[10];
                    for (int k : (ad ? ref.perPersonAd : ref.perPersonCh).get(c.label()).values()) f[Math.min(k, 10) - 1]++;
                    assertEquals(Arrays.stream(f).boxed().toList(), c.frequency(), t + " threads, " + c.label());
                    assertTrue(f[9] > 0 && f[0] + f[1] > 0, c.label() + ": both ends of the distribution occur");
                }
            for (Aggregates.AdChannel c : a.adChannel())
                assertEquals(ref.reachCell.getOrDefault(c.ad() + "|" + c.channel(), Set.of()).size(), c.reach(), t + " threads, " + c);
            if (first == null) first = Ingest.load(dir, IngestOptions.defaults().withThreads(t));
            else assertEquals(first.aggregates(), a, t + " threads vs 1");
        }
    }

    @Test
    void gzipGivesTheSameResultsAsPlain() {
        for (int t : new int[] {1, 2, 5}) {
            Dataset d = Ingest.load(genGz, IngestOptions.defaults().withThreads(t));
            assertTrue(d.report().files().stream().allMatch(FileReport::gzip));
            assertSameResults(genData, d, "gzip, " + t + " threads");
        }
    }

    /** A few MB of exposures with bad rows at known lines: many chunks, so line numbers cross chunk boundaries. */
    @Test
    void problemLinesExactAcrossChunksThreadsAndGzip() throws IOException {
        Path dir = root.resolve("many-chunks");
        synth.Generator.run(new synth.Generator.Config(40_000, 11, dir));
        Path ex = dir.resolve("exposures.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(ex));
        int[] bad = {7, 20_001, 77_777, lines.size() - 3}; // 1-based file line numbers
        for (int b : bad) lines.set(b - 1, "1,not-a-time,AD01,CH01");
        Files.write(ex, lines);
        long fileSize = Files.size(ex);
        assertTrue(fileSize > 3 << 20, "the file must span several 1 MiB chunks, is " + fileSize);
        Path gz = root.resolve("many-chunks-gz");
        Files.createDirectories(gz);
        for (String f : List.of("people", "exposures", "site_visits")) gzip(dir.resolve(f + ".csv"), gz.resolve(f + ".csv.gz"));
        Dataset ref = null;
        for (Path d : List.of(dir, gz))
            for (int t : new int[] {1, 2, 4}) {
                Dataset x = Ingest.load(d, IngestOptions.defaults().withThreads(t).withMaxExamples(10));
                FileReport f = x.report().file(d == dir ? "exposures.csv" : "exposures.csv.gz");
                assertEquals(4, f.count(Problem.BAD_TIMESTAMP));
                assertEquals(lines.size() - 1, f.rowsRead());
                assertEquals(lines.size() - 5, f.rowsAccepted());
                List<Long> at = f.problems().get(0).examples().stream().map(Issue::line).toList();
                assertEquals(List.of(7L, 20_001L, 77_777L, (long) lines.size() - 3), at, d + " threads " + t);
                assertEquals(3, f.problems().get(0).examples().get(0).column());
                if (ref == null) ref = x; else assertEquals(ref.aggregates(), x.aggregates(), d + " threads " + t);
                IngestException e = assertThrows(IngestException.class,
                        () -> Ingest.load(d, IngestOptions.defaults().withThreads(t).withStrict(true)));
                assertEquals(d.resolve(d == dir ? "exposures.csv" : "exposures.csv.gz") + ":7:3: unparseable timestamp: expected "
                        + Timestamps.EXPECTED + ", found 'not-a-time'", e.getMessage());
            }
    }

    // ---------------------------------------------------------------- input forms

    static Path write(String name, String people, String exposures, String visits) throws IOException {
        Path d = root.resolve(name);
        Files.createDirectories(d);
        if (people != null) Files.writeString(d.resolve("people.csv"), people);
        if (exposures != null) Files.writeString(d.resolve("exposures.csv"), exposures);
        if (visits != null) Files.writeString(d.resolve("site_visits.csv"), visits);
        return d;
    }

    /** Every byte sequence that is text is a level; every one that is not is a located BAD_TEXT row (issue 12). */
    @Test
    void textIsWellFormedUtf8WithoutControlCharacters() throws IOException {
        // id -> label bytes; true = text
        Object[][] cases = {
                {"ascii", "West", true}, {"tab", "a\tb", true}, {"umlaut", "M\u00fcnchen", true}, {"nbsp", "a\u00a0b", true},
                {"emoji", "smile \ud83d\ude00", true}, {"bom-inside", "x\ufeffy", true}, {"long-ascii", "abcdefghijklmnopqrstuvwxyz0123456789", true},
                {"latin1", new byte[]{'M', (byte) 0xFC, 'n'}, false}, {"overlong", new byte[]{'a', (byte) 0xC0, (byte) 0xAF}, false},
                {"surrogate", new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80}, false}, {"beyond", new byte[]{(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, false},
                {"truncated", new byte[]{'e', (byte) 0xE2, (byte) 0x82}, false}, {"del-after-8", "abcdefghijklmnop\u007f".getBytes(StandardCharsets.UTF_8), false},
                {"nul", new byte[]{'a', 0, 'b'}, false}, {"c1", new byte[]{'a', (byte) 0xC2, (byte) 0x85}, false}, {"escape", new byte[]{0x1B, '[', 'm'}, false},
        };
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("person_id,label\n".getBytes(StandardCharsets.UTF_8));
        List<String> good = new ArrayList<>();
        for (Object[] c : cases) {
            b.writeBytes((c[0] + ",").getBytes(StandardCharsets.UTF_8));
            b.writeBytes(c[1] instanceof String str ? str.getBytes(StandardCharsets.UTF_8) : (byte[]) c[1]);
            b.writeBytes("\n".getBytes(StandardCharsets.UTF_8));
            if ((Boolean) c[2]) good.add((String) c[0]);
        }
        Path d = write("text-bytes", null, "person,time,ad_id,channel_id\nascii,2026-09-08T10:00:00,AD1,CH1\n", VISITS.replace("1,", "ascii,"));
        Files.write(d.resolve("people.csv"), b.toByteArray());
        Dataset x = Ingest.load(d, opts());
        assertEquals(good, x.people().stringColumn("person_id").asList());
        FileReport p = x.report().file("people.csv");
        assertEquals(cases.length - good.size(), p.count(Problem.BAD_TEXT));
        assertEquals(cases.length - good.size(), p.rowsRejected());
        List<Issue> ex = p.problems().stream().filter(c -> c.problem() == Problem.BAD_TEXT).findFirst().orElseThrow().examples();
        assertEquals(d.resolve("people.csv") + ":9:9: invalid text: expected UTF-8 text without control characters in column 'label', found"
                + " byte 0xFC (not UTF-8) in 'M\\xFCn'", ex.get(0).message());
        assertEquals(5, ex.size(), "maxExamples kept");
        assertEquals("M\u00fcnchen", x.people().stringColumn("label").get(2));
        // strict: the first one stops the read
        IngestException strict = assertThrows(IngestException.class, () -> Ingest.load(d, opts().withStrict(true)));
        assertEquals(ex.get(0).message(), strict.getMessage());
    }

    static final String PEOPLE = "person_id,age,region\n1,30,West\n2,41,South\n3,,West\n";
    static final String VISITS = "person,time\n1,2026-09-08T10:00:00\n";

    static IngestOptions opts() { return IngestOptions.defaults().withThreads(2); }

    @Test
    void bomCrlfQuotesAndTimestampForms() throws IOException {
        String bom = "\uFEFF";
        Path d = write("forms", bom + "person_id,age,\"region, wide\"\r\n\"1\",30,\"West, \"\"coast\"\"\"\r\n2 , 41 ,South\r\n",
                bom + "person,time,ad_id,channel_id\r\n"
                        + "1,2026-09-07T20:15:03,AD01,CH01\r\n"           // T
                        + "1,2026-09-07 20:15:04,\"AD01\",CH01\r\n"       // space, quoted
                        + "1,2026-09-07T20:15:05.123456,AD02,CH01\r\n"    // fraction: truncated
                        + "2,2026-09-07T22:15:06+02:00,AD01,CH02\r\n"     // offset: 20:15:06Z
                        + "2,2026-09-07T20:15:07Z,AD01,CH02\r\n"
                        + "2,2026-09-07T15:15:08-0500,AD01,CH02\r\n"      // 20:15:08Z
                        + "2,2026-09-07T20:16,AD01,CH02\r\n",             // no seconds
                "person,time\r\n1,2026-09-07T21:00:00\r\n2,2026-09-07T20:16:00Z\r\n");
        Dataset x = Ingest.load(d, opts());
        assertTrue(x.report().clean(), x.report().toText());
        Table p = x.persons();
        assertEquals(List.of("person_id", "age", "region, wide"), x.people().columnNames());
        assertEquals("West, \"coast\"", p.stringColumn("region, wide").get(0));
        assertEquals("2", p.stringColumn("person_id").get(1), "unquoted fields are trimmed");
        assertEquals(41, p.intColumn("age").getInt(1));
        assertEquals(List.of(3, 4), p.intColumn("exposures").asList());
        assertEquals(LocalDateTime.parse("2026-09-07T20:15:03"), p.dateTimeColumn("first_exposure").get(0));
        assertEquals(LocalDateTime.parse("2026-09-07T20:15:05"), p.dateTimeColumn("last_exposure").get(0));
        assertEquals(LocalDateTime.parse("2026-09-07T20:15:06"), p.dateTimeColumn("first_exposure").get(1));
        assertEquals(LocalDateTime.parse("2026-09-07T20:16:00"), p.dateTimeColumn("last_exposure").get(1));
        assertEquals(List.of("AD01", "AD02"), x.aggregates().byAd().stream().map(Aggregates.CategoryStat::label).toList());
        Aggregates.VisitTiming t = x.aggregates().timing().orElseThrow();
        assertEquals(new Aggregates.VisitTiming(2, 2, 2, 2, 2), t, "visit at the same second as an exposure counts");
        // the zone: naive times are read in it and days/hours cut in it
        Dataset z = Ingest.load(d, opts().withZone(ZoneOffset.ofHours(2)));
        assertEquals(LocalDateTime.parse("2026-09-07T20:15:03"), z.persons().dateTimeColumn("first_exposure").get(0));
        assertEquals(LocalDateTime.parse("2026-09-07T20:16:00"), z.persons().dateTimeColumn("first_exposure").get(1));
        assertEquals(Instant.parse("2026-09-07T18:15:03Z"), z.aggregates().firstExposure());
    }

    @Test
    void timestampParser() {
        assertEquals(Instant.parse("2026-09-07T20:15:03Z").getEpochSecond(), Timestamps.parse("2026-09-07T20:15:03", 0));
        assertEquals(Instant.parse("2024-02-29T23:59:59Z").getEpochSecond(), Timestamps.parse("2024-02-29 23:59:59.999999999", 0));
        assertEquals(Instant.parse("1969-12-31T23:00:00Z").getEpochSecond(), Timestamps.parse("1970-01-01T01:00:00+02:00", 3600 * 5));
        assertEquals(Instant.parse("2026-01-01T05:30:00Z").getEpochSecond(), Timestamps.parse("2026-01-01T00:00:00-05:30", 0));
        for (String bad : List.of("2026-02-29T00:00:00", "2026-13-01T00:00:00", "2026-09-07T24:00:00", "2026-09-07T20:60:00",
                "2026-09-07", "2026/09/07 20:15:03", "2026-09-07T20:15:03.", "2026-09-07T20:15:03+2", "2026-09-07T20:15:03 Z",
                "2026-09-07T20:15:03.1234567890", "x026-09-07T20:15:03"))
            assertEquals(Timestamps.INVALID, Timestamps.parse(bad, 0), bad);
    }

    @Test
    void numericVersusCategoricalDetection() throws IOException {
        StringBuilder sb = new StringBuilder("person_id,score,zip,code\n");
        for (int i = 1; i <= 200; i++) sb.append(i).append(',').append(i == 5 ? "n/a" : String.valueOf(i * 0.5))
                .append(',').append(i <= 190 ? "0" + (1000 + i) : "X" + i).append(',').append(i).append('\n');
        Path d = write("kinds", sb.toString(), "person,time,ad_id,channel_id\n", "person,time\n");
        Dataset x = Ingest.load(d, opts());
        Map<String, ColumnInfo> k = new HashMap<>();
        for (ColumnInfo c : x.demographics()) k.put(c.name(), c);
        assertEquals(ColumnKind.NUMERIC, k.get("score").kind(), "199 of 200 numbers = 99.5% >= 99%");
        assertEquals("DOUBLE", k.get("score").storage());
        assertEquals(1, k.get("score").missing());
        assertEquals(ColumnKind.CATEGORICAL, k.get("zip").kind(), "95% numbers < 99%");
        assertEquals("01001", x.people().stringColumn("zip").get(0), "categorical text is kept verbatim (leading zero)");
        assertEquals("INTEGER", k.get("code").storage());
        FileReport f = x.report().file("people.csv");
        assertEquals(1, f.count(Problem.BAD_NUMBER));
        assertEquals(200, f.rowsAccepted(), "a bad number does not reject the row");
        assertEquals(d.resolve("people.csv") + ":6:3: unparseable number: expected a number in column 'score' "
                + "(detected: 99.5% of 200 non-empty values are numbers (>= 99%)), found 'n/a'",
                f.problems().get(0).examples().get(0).message());
        // declared kinds win; with numericShare 1.0 the column is categorical
        Dataset y = Ingest.load(d, opts().withColumnKinds(Map.of("code", ColumnKind.CATEGORICAL)).withNumericShare(1.0));
        assertEquals("STRING", y.demographics().stream().filter(c -> c.name().equals("code")).findFirst().orElseThrow().storage());
        assertEquals(ColumnKind.CATEGORICAL, y.demographics().stream().filter(c -> c.name().equals("score")).findFirst().orElseThrow().kind());
    }

    // ---------------------------------------------------------------- bad input: file level

    static String err(Path dir, IngestOptions o) {
        IngestException e = assertThrows(IngestException.class, () -> Ingest.load(dir, o));
        assertEquals(0, e.getStackTrace().length, "user mistakes carry no stack trace");
        return e.getMessage();
    }

    @Test
    void missingFolderAndFile() throws IOException {
        assertEquals("missing folder: " + root.resolve("nope"), err(root.resolve("nope"), opts()));
        Path d = write("missing-file", PEOPLE, "person,time,ad_id,channel_id\n", null);
        assertEquals("missing file: " + d.resolve("site_visits.csv") + " (also looked for site_visits.csv.gz)", err(d, opts()));
    }

    @Test
    void missingOrMisspelledColumn() throws IOException {
        Path d = write("misspelled", PEOPLE, "person,time,ad_id,chanel_id\n1,2026-09-07T20:15:03,AD01,CH01\n", VISITS);
        assertEquals(d.resolve("exposures.csv") + ":1: missing column 'channel_id': did you mean 'chanel_id'? "
                + "(header: person, time, ad_id, chanel_id)", err(d, opts()));
        Path d2 = write("no-person", "id,age\n1,3\n", "person,time,ad_id,channel_id\n", VISITS);
        assertEquals(d2.resolve("people.csv") + ":1: missing column 'person_id' (header: id, age)", err(d2, opts()));
        Path d3 = write("case", PEOPLE, "Person,time,ad_id,channel_id\n", VISITS);
        assertEquals(d3.resolve("exposures.csv") + ":1: missing column 'person': did you mean 'Person'? "
                + "(header: Person, time, ad_id, channel_id)", err(d3, opts()));
        Path d4 = write("dup-col", PEOPLE, "person,time,ad_id,channel_id,time\n", VISITS);
        assertEquals(d4.resolve("exposures.csv") + ":1: duplicate column 'time' in the header (fields 2 and 5)", err(d4, opts()));
        assertEquals(write("declared", PEOPLE, "person,time,ad_id,channel_id\n", VISITS).resolve("people.csv")
                        + ":1: a kind is declared for column 'agee', which is not in the header (header: person_id, age, region)",
                err(root.resolve("declared"), opts().withColumnKinds(Map.of("agee", ColumnKind.NUMERIC))));
    }

    @Test
    void emptyFiles() throws IOException {
        Path d = write("empty", PEOPLE, "", VISITS);
        assertEquals(d.resolve("exposures.csv") + ": empty file: expected a header line with columns person,time,ad_id,channel_id",
                err(d, opts()));
        Path d2 = write("empty-bom", PEOPLE, "\uFEFF\r\n", VISITS);
        assertEquals(d2.resolve("exposures.csv") + ": empty file: expected a header line with columns person,time,ad_id,channel_id",
                err(d2, opts()));
        Path d3 = write("header-only-people", "person_id,age\n", "person,time,ad_id,channel_id\n", VISITS);
        assertEquals(d3.resolve("people.csv") + ": no data rows: expected one row per person after the header", err(d3, opts()));
        // header-only event files are valid: no events
        Path d4 = write("no-events", PEOPLE, "person,time,ad_id,channel_id\n", "person,time\n");
        Dataset x = Ingest.load(d4, opts());
        assertEquals(0, x.aggregates().exposures());
        assertEquals(List.of(3L), x.aggregates().exposuresPerPerson());
        assertEquals(3, x.persons().rowCount());
        assertTrue(x.report().clean());
    }

    @Test
    void corruptGzip() throws IOException {
        Path d = write("corrupt-gz", PEOPLE, null, VISITS);
        byte[] good;
        Path tmp = root.resolve("tmp.gz");
        Files.writeString(root.resolve("tmp.csv"), "person,time,ad_id,channel_id\n" + "1,2026-09-07T20:15:03,AD01,CH01\n".repeat(20000));
        gzip(root.resolve("tmp.csv"), tmp);
        good = Files.readAllBytes(tmp);
        Files.write(d.resolve("exposures.csv.gz"), Arrays.copyOf(good, good.length / 2));
        String m = err(d, opts());
        assertTrue(m.startsWith(d.resolve("exposures.csv.gz") + ": cannot read gzip data: "), m);
    }

    // ---------------------------------------------------------------- bad input: rows

    static final String EXPOSURES_WITH_PROBLEMS = "person,time,ad_id,channel_id\n"
            + "1,2026-09-07T20:15:03,AD01,CH01\n"        // 2 ok
            + "1,2026-09-07T20:15:03,AD01\n"             // 3 field count (too few)
            + "1,2026-09-07T20:15:03,AD01,CH01,x\n"      // 4 field count (too many)
            + "9,2026-09-07T20:15:03,AD01,CH01\n"        // 5 unknown person
            + "2,2026-09-31T20:15:03,AD01,CH01\n"        // 6 bad timestamp
            + "2,1970-01-01T00:00:00,AD01,CH01\n"        // 7 far outside the data's range
            + "\n"                                       // 8 blank
            + "2,,AD01,CH01\n"                           // 9 missing value
            + "2,2026-09-07T20:15:03,\"AD01,CH01\n"      // 10 bad quote
            + "3,2026-09-08T20:15:03,AD02,CH01\n";       // 11 ok

    static final List<String> EXPECTED_MESSAGES = List.of(
            "exposures.csv:3:27: wrong number of fields: expected 4 fields (person,time,ad_id,channel_id), found 3 fields",
            "exposures.csv:4:33: wrong number of fields: expected 4 fields (person,time,ad_id,channel_id), found 5 fields",
            "exposures.csv:5:1: unknown person: expected a person_id listed in people.csv, found '9'",
            "exposures.csv:6:3: unparseable timestamp: expected " + Timestamps.EXPECTED + ", found '2026-09-31T20:15:03'",
            "exposures.csv:8:1: blank line: expected a data row, found an empty line",
            "exposures.csv:9:3: empty required value: expected a value in column 'time', found an empty field",
            "exposures.csv:10:23: malformed quoted field: expected a closing quote followed by a comma or the line end, found '\"AD01,CH01'");

    @Test
    void everyRowProblemIsCountedWithItsLocation() throws IOException {
        Path d = write("row-problems", PEOPLE + "3,50,North\n\n", EXPOSURES_WITH_PROBLEMS, VISITS + "7,2026-09-08T10:00:00\n");
        Dataset x = Ingest.load(d, opts());
        FileReport e = x.report().file("exposures.csv");
        assertEquals(10, e.rowsRead());
        assertEquals(2, e.rowsAccepted());
        assertEquals(8, e.rowsRejected());
        List<String> messages = new ArrayList<>();
        for (ProblemCount pc : e.problems()) for (Issue i : pc.examples()) messages.add(i.message());
        List<String> expected = new ArrayList<>();
        for (String m : EXPECTED_MESSAGES) expected.add(d.resolve("exposures.csv") + m.substring("exposures.csv".length()));
        // in Problem order: blank, field count, quote, missing, timestamp, unknown, out of range
        List<String> got = new ArrayList<>(messages);
        got.sort(Comparator.comparingLong(s -> Long.parseLong(s.substring(d.resolve("exposures.csv").toString().length() + 1).split(":")[0])));
        List<String> want = new ArrayList<>(expected);
        want.add(4, d.resolve("exposures.csv") + ":7:3: timestamp outside the accepted window: expected a time between "
                + x.window().text() + ", found '1970-01-01T00:00:00'");
        assertEquals(want, got);
        assertEquals(2, e.count(Problem.FIELD_COUNT));
        assertEquals(1, e.count(Problem.TIME_OUT_OF_RANGE));
        // people: duplicate id and blank line; visits: unknown person
        FileReport p = x.report().file("people.csv");
        assertEquals(1, p.count(Problem.DUPLICATE_ID));
        assertEquals(d.resolve("people.csv") + ":5:1: duplicate person_id: expected a person_id not seen before (first on line 4), found '3'",
                p.problems().stream().filter(c -> c.problem() == Problem.DUPLICATE_ID).findFirst().orElseThrow().examples().get(0).message());
        assertEquals(1, p.count(Problem.BLANK_LINE));
        assertEquals(3, x.people().rowCount());
        assertEquals("West", x.people().stringColumn("region").get(2), "the first occurrence of a duplicate id wins");
        FileReport v = x.report().file("site_visits.csv");
        assertEquals(1, v.count(Problem.UNKNOWN_PERSON));
        assertEquals(2, v.rowsRead());
        // the printable report and the table name every problem
        String text = x.report().toText();
        for (Problem pr : List.of(Problem.FIELD_COUNT, Problem.UNKNOWN_PERSON, Problem.BAD_TIMESTAMP, Problem.TIME_OUT_OF_RANGE,
                Problem.BLANK_LINE, Problem.MISSING_VALUE, Problem.BAD_QUOTE, Problem.DUPLICATE_ID))
            assertTrue(text.contains(pr.label()), pr + " in\n" + text);
        assertEquals(10, x.report().toTable().rowCount(), x.report().toTable().print());
        // aggregates count only accepted rows
        assertEquals(2, x.aggregates().exposures());
    }

    @Test
    void strictStopsAtTheFirstProblemWithItsLocation() throws IOException {
        Path d = write("strict", PEOPLE, EXPOSURES_WITH_PROBLEMS, VISITS);
        assertEquals(d.resolve("exposures.csv") + ":3:27: wrong number of fields: expected 4 fields (person,time,ad_id,channel_id), found 3 fields",
                err(d, opts().withStrict(true)));
        // each problem alone, in strict mode: message names file, line, column, expected and found
        String[] lines = EXPOSURES_WITH_PROBLEMS.split("\n", -1);
        int k = 0;
        for (int ln : new int[] {3, 4, 5, 6, 8, 9, 10}) {
            Path di = write("strict-" + ln, PEOPLE, lines[0] + "\n" + lines[1] + "\n" + "1,2026-09-07T20:15:03,AD01,CH01\n".repeat(ln - 3)
                    + lines[ln - 1] + "\n" + lines[10] + "\n", VISITS);
            assertEquals(di.resolve("exposures.csv") + EXPECTED_MESSAGES.get(k++).substring("exposures.csv".length()),
                    err(di, opts().withStrict(true)), "line " + ln);
        }
        Path people = write("strict-people", "person_id,age\n1,3\n1,4\n", "person,time,ad_id,channel_id\n", VISITS);
        assertEquals(people.resolve("people.csv") + ":3:1: duplicate person_id: expected a person_id not seen before (first on line 2), found '1'",
                err(people, opts().withStrict(true)));
        // a bad number before a structural problem is reported first
        StringBuilder sb = new StringBuilder("person_id,age\n");
        for (int i = 1; i <= 300; i++) sb.append(i).append(',').append(i == 3 ? "4o" : String.valueOf(i)).append('\n');
        sb.append("301\n");
        Path num = write("strict-number", sb.toString(), "person,time,ad_id,channel_id\n", VISITS);
        assertEquals(num.resolve("people.csv") + ":4:3: unparseable number: expected a number in column 'age' "
                + "(detected: 99.7% of 300 non-empty values are numbers (>= 99%)), found '4o'", err(num, opts().withStrict(true)));
        // and in the default mode it is counted, the row kept with a missing age
        Dataset x = Ingest.load(num, opts());
        assertEquals(1, x.report().file("people.csv").count(Problem.BAD_NUMBER));
        assertEquals(1, x.report().file("people.csv").count(Problem.FIELD_COUNT));
        assertTrue(x.people().intColumn("age").isMissing(2));
    }

    @Test
    void outOfWindowTimesAndGivenWindow() throws IOException {
        Path d = write("window", PEOPLE, "person,time,ad_id,channel_id\n1,2026-09-07T20:15:03,AD01,CH01\n2,2099-01-01T00:00:00,AD01,CH01\n"
                + "3,2027-06-01T00:00:00,AD01,CH01\n", VISITS);
        Dataset x = Ingest.load(d, opts());
        assertEquals(1, x.report().file("exposures.csv").count(Problem.TIME_OUT_OF_RANGE), "2099: > 10 years from the median, ignored by the sample");
        assertEquals(2, x.aggregates().exposures(), "2027-06-01 is within 365 days of the sampled range");
        Dataset y = Ingest.load(d, opts().withWindow(Instant.parse("2026-09-01T00:00:00Z"), Instant.parse("2026-12-31T23:59:59Z")));
        assertEquals(2, y.report().file("exposures.csv").count(Problem.TIME_OUT_OF_RANGE));
        assertEquals(1, y.aggregates().exposures());
        // 2099 is far outside when the sample has more data
        StringBuilder sb = new StringBuilder("person,time,ad_id,channel_id\n");
        for (int i = 0; i < 500; i++) sb.append("1,2026-09-").append(10 + i % 20).append("T10:00:00,AD01,CH01\n");
        sb.append("2,2099-01-01T00:00:00,AD01,CH01\n2,1970-01-01T00:00:00Z,AD01,CH01\n");
        Path d2 = write("window2", PEOPLE, sb.toString(), VISITS);
        Dataset z = Ingest.load(d2, opts());
        assertEquals(2, z.report().file("exposures.csv").count(Problem.TIME_OUT_OF_RANGE));
        assertEquals(500, z.aggregates().exposures());
    }

    @Test
    void unknownPersonsAndIdsAreExactText() throws IOException {
        Path d = write("ids", "person_id,age\n007,1\nP-000000000000000042,2\n", "person,time,ad_id,channel_id\n"
                + "7,2026-09-07T20:15:03,AD01,CH01\n007,2026-09-07T20:15:03,AD01,CH01\nP-000000000000000042,2026-09-07T20:15:03,AD01,CH01\n",
                "person,time\n");
        Dataset x = Ingest.load(d, opts());
        assertEquals(List.of(1, 1), x.persons().intColumn("exposures").asList());
        assertEquals(1, x.report().file("exposures.csv").count(Problem.UNKNOWN_PERSON));
    }

    @Test
    void personIndexSwitchesFromDirectToHashMidway() throws IOException {
        // canonical integers first (direct map), then a sparse one and a text id: the index re-hashes
        for (String ids : List.of("1,2,3,50000000", "1,2,abc,3,99999999", "10,20,30")) {
            StringBuilder people = new StringBuilder("person_id\n"), ex = new StringBuilder("person,time,ad_id,channel_id\n");
            String[] id = ids.split(",");
            for (int i = 0; i < id.length; i++) {
                people.append(id[i]).append('\n');
                for (int k = 0; k <= i; k++) ex.append(id[i]).append(",2026-09-07T20:15:03,AD01,CH01\n");
            }
            ex.append("0003,2026-09-07T20:15:03,AD01,CH01\n+1,2026-09-07T20:15:03,AD01,CH01\n");
            Path d = write("index-" + ids.hashCode(), people.toString() + id[0] + "\n", ex.toString(), "person,time\n");
            Dataset x = Ingest.load(d, opts());
            List<Integer> want = new ArrayList<>();
            for (int i = 0; i < id.length; i++) want.add(i + 1);
            assertEquals(want, x.persons().intColumn("exposures").asList(), ids);
            assertEquals(2, x.report().file("exposures.csv").count(Problem.UNKNOWN_PERSON), ids);
            assertEquals(1, x.report().file("people.csv").count(Problem.DUPLICATE_ID), ids);
        }
    }

    @Test
    void visitTimingOffKeepsMemoryPerPerson() {
        Dataset x = Ingest.load(gen, opts().withVisitTiming(false));
        assertTrue(x.aggregates().timing().isEmpty());
        assertFalse(x.persons().columnNames().contains("visits_within_24h"));
        assertEquals(genData.aggregates().byAd(), x.aggregates().byAd());
    }

    @Test
    void reportRowsAddUp() {
        for (FileReport f : genData.report().files())
            assertEquals(f.rowsRead(), f.rowsAccepted() + f.problems().stream().filter(c -> c.problem().rejectsRow())
                    .mapToLong(ProblemCount::count).sum(), f.file());
    }
}
