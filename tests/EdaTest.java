///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//JAVAC_OPTIONS -encoding UTF-8
//JAVA_OPTIONS -Xmx1g
//SOURCES testkit/JUnitMain.java
//SOURCES ../report/*.java
//SOURCES ../ingest/*.java
//SOURCES ../synth/*.java
//SOURCES ../storage/*.java
// Tests of the exploratory analysis (report.ExposureReport, SummaryTables, Segments) on generated data
// (synth, 20k people): every summary number against a plain-Java computation over the raw CSV lines
// (String.split, maps, sorting); the report's tables show the same numbers; the HTML is offline, every
// chart has a title and axis labels, the files are small; the tables round-trip through a FileStore.
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ingest.Dataset;
import ingest.Ingest;
import ingest.IngestOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import report.*;
import storage.FileStore;
import storage.Store;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

public class EdaTest {
    public static void main(String[] a) { testkit.JUnitMain.runAndExit(a, EdaTest.class); }

    static final int PEOPLE = 20_000;
    static Path root, gen;
    static Dataset ds;
    static ExposureReport eda;
    static Ref ref;

    @BeforeAll
    static void setUp() throws IOException {
        root = Files.createTempDirectory("eda-test");
        gen = root.resolve("gen");
        synth.Generator.run(new synth.Generator.Config(PEOPLE, 11, gen, false, 0.05));
        ds = Ingest.load(gen, IngestOptions.defaults().withThreads(2));
        eda = ExposureReport.build(ds);
        ref = new Ref(gen);
    }

    @AfterAll
    static void cleanUp() throws IOException {
        try (Stream<Path> s = Files.walk(root)) { s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete()); }
    }

    // ---------------------------------------------------------------- independent reference

    /** Everything from the raw lines with String.split and maps (the generator writes no quotes). */
    static final class Ref {
        final List<String> ids = new ArrayList<>();
        final Map<String, String[]> demo = new HashMap<>();                 // id -> people.csv fields
        final List<String> header;
        final Map<String, Integer> exp = new HashMap<>(), vis = new HashMap<>();
        final Map<String, Long> adImp = new TreeMap<>(), chImp = new TreeMap<>(), cell = new HashMap<>();
        final Map<String, Set<String>> adReach = new TreeMap<>(), chReach = new TreeMap<>(), cellReach = new HashMap<>();
        final Map<String, Map<String, Integer>> adPerPerson = new HashMap<>(), chPerPerson = new HashMap<>(); // ad -> person -> count
        final Map<String, List<Long>> expTimes = new HashMap<>(), visTimes = new HashMap<>();
        final Map<LocalDate, long[]> days = new TreeMap<>();
        final long[][] hw = new long[7 * 24][2];

        Ref(Path dir) throws IOException {
            List<String> p = Files.readAllLines(dir.resolve("people.csv"));
            header = List.of(p.get(0).split(","));
            for (String l : p.subList(1, p.size())) {
                String[] f = l.split(",", -1);
                ids.add(f[0]);
                demo.put(f[0], f);
            }
            List<String> e = Files.readAllLines(dir.resolve("exposures.csv"));
            for (String l : e.subList(1, e.size())) {
                String[] f = l.split(",", -1);
                LocalDateTime t = LocalDateTime.parse(f[1]);
                exp.merge(f[0], 1, Integer::sum);
                adImp.merge(f[2], 1L, Long::sum);
                chImp.merge(f[3], 1L, Long::sum);
                cell.merge(f[2] + "|" + f[3], 1L, Long::sum);
                adReach.computeIfAbsent(f[2], k -> new HashSet<>()).add(f[0]);
                chReach.computeIfAbsent(f[3], k -> new HashSet<>()).add(f[0]);
                cellReach.computeIfAbsent(f[2] + "|" + f[3], k -> new HashSet<>()).add(f[0]);
                adPerPerson.computeIfAbsent(f[2], k -> new HashMap<>()).merge(f[0], 1, Integer::sum);
                chPerPerson.computeIfAbsent(f[3], k -> new HashMap<>()).merge(f[0], 1, Integer::sum);
                expTimes.computeIfAbsent(f[0], k -> new ArrayList<>()).add(t.toEpochSecond(ZoneOffset.UTC));
                days.computeIfAbsent(t.toLocalDate(), k -> new long[2])[0]++;
                hw[(t.getDayOfWeek().getValue() - 1) * 24 + t.getHour()][0]++;
            }
            List<String> v = Files.readAllLines(dir.resolve("site_visits.csv"));
            for (String l : v.subList(1, v.size())) {
                String[] f = l.split(",", -1);
                LocalDateTime t = LocalDateTime.parse(f[1]);
                vis.merge(f[0], 1, Integer::sum);
                visTimes.computeIfAbsent(f[0], k -> new ArrayList<>()).add(t.toEpochSecond(ZoneOffset.UTC));
                days.computeIfAbsent(t.toLocalDate(), k -> new long[2])[1]++;
                hw[(t.getDayOfWeek().getValue() - 1) * 24 + t.getHour()][1]++;
            }
        }

        int e(String id) { return exp.getOrDefault(id, 0); }
        int v(String id) { return vis.getOrDefault(id, 0); }
        long exposures() { return exp.values().stream().mapToLong(Integer::longValue).sum(); }
        long visits() { return vis.values().stream().mapToLong(Integer::longValue).sum(); }
        String field(String id, String column) { return demo.get(id)[header.indexOf(column)]; }
    }

    /** numpy-default (linear) quantile of a sorted int array, written out again here. */
    static double q(int[] s, double p) {
        double h = (s.length - 1) * p;
        int lo = (int) Math.floor(h);
        return lo + 1 < s.length ? s[lo] + (h - lo) * (s[lo + 1] - s[lo]) : s[s.length - 1];
    }

    static Table t(String name) { return eda.tables().get(name); }

    static Row find(Table t, String col, String value) {
        for (Row r : t) if (r.getString(col).equals(value)) return r;
        throw new AssertionError("no row with " + col + " = " + value + " in " + t.name());
    }

    static final double EPS = 1e-12;

    // ---------------------------------------------------------------- person level

    @Test
    void personCountsEqualReference() {
        int[] e = ref.ids.stream().mapToInt(ref::e).sorted().toArray();
        int[] v = ref.ids.stream().mapToInt(ref::v).sorted().toArray();
        assertEquals(PEOPLE, e.length);
        assertTrue(e[0] == 0 && v[0] == 0, "zero-exposure and zero-visit people exist in the generated data");
        Table pc = t(SummaryTables.PERSON_COUNTS);
        assertEquals(2, pc.rowCount());
        for (int k = 0; k < 2; k++) {
            int[] c = k == 0 ? e : v;
            Row r = pc.row(k);
            assertEquals(c.length, r.getLong("people"));
            assertEquals(Arrays.stream(c).asLongStream().sum(), r.getLong("total"));
            assertEquals(Arrays.stream(c).average().orElseThrow(), r.getDouble("mean"), 1e-9);
            assertEquals(q(c, 0.5), r.getDouble("median"), EPS);
            String[] names = {"p10", "p25", "p75", "p90", "p95", "p99"};
            double[] ps = {0.10, 0.25, 0.75, 0.90, 0.95, 0.99};
            for (int i = 0; i < ps.length; i++) assertEquals(q(c, ps[i]), r.getDouble(names[i]), EPS, names[i]);
            assertEquals(c[c.length - 1], r.getLong("max"));
            assertEquals(Arrays.stream(c).filter(x -> x == 0).count() / (double) c.length, r.getDouble("zero_share"), EPS);
            assertEquals(Arrays.stream(c).filter(x -> x >= 10).count() / (double) c.length, r.getDouble("ten_plus_share"), EPS);
        }
        // the whole distribution, zeros included
        Table d = t(SummaryTables.EXPOSURES_PER_PERSON);
        Map<Integer, Long> byCount = new TreeMap<>();
        for (int x : e) byCount.merge(x, 1L, Long::sum);
        assertEquals(byCount.size(), d.rowCount());
        for (Row r : d) assertEquals(byCount.get(r.getInt("exposures")), r.getLong("people"));
        assertEquals(1.0, d.doubleColumn("cumulative_share").getDouble(d.rowCount() - 1), EPS);
    }

    // ---------------------------------------------------------------- demographics

    @Test
    void demographicSummariesEqualReference() {
        Table cols = t(SummaryTables.DEMOGRAPHIC_COLUMNS);
        assertEquals(List.of("age", "gender", "income_bracket", "region", "household_size"), cols.stringColumn("column").asList());
        for (Row r : cols) {
            String c = r.getString("column");
            long missing = ref.ids.stream().filter(id -> ref.field(id, c).isEmpty()).count();
            assertEquals(missing, r.getLong("missing"), c);
            assertEquals(ref.ids.stream().map(id -> ref.field(id, c)).filter(x -> !x.isEmpty()).distinct().count(), r.getLong("distinct"), c);
        }
        assertEquals("numeric", find(cols, "column", "age").getString("kind"));
        assertEquals("categorical", find(cols, "column", "gender").getString("kind"));
        // numeric: quantiles of present ages
        int[] age = ref.ids.stream().map(id -> ref.field(id, "age")).filter(x -> !x.isEmpty()).mapToInt(Integer::parseInt).sorted().toArray();
        Row a = find(t(SummaryTables.DEMOGRAPHICS_NUMERIC), "column", "age");
        assertEquals(q(age, 0.5), a.getDouble("median"), EPS);
        assertEquals(q(age, 0.1), a.getDouble("p10"), EPS);
        assertEquals(q(age, 0.9), a.getDouble("p90"), EPS);
        assertEquals(age[0], a.getDouble("min"), EPS);
        assertEquals(Arrays.stream(age).average().orElseThrow(), a.getDouble("mean"), 1e-9);
        // categorical: counts and shares of present values, missing as its own row
        Table lv = t(SummaryTables.DEMOGRAPHIC_LEVELS);
        Map<String, Long> region = new TreeMap<>();
        for (String id : ref.ids) region.merge(ref.field(id, "region").isEmpty() ? "(missing)" : ref.field(id, "region"), 1L, Long::sum);
        long present = PEOPLE - region.get("(missing)");
        for (Row r : lv) {
            if (!r.getString("column").equals("region")) continue;
            String val = r.getString("value");
            assertEquals(region.get(val), r.getLong("count"), val);
            assertEquals(region.get(val) / (double) (val.equals("(missing)") ? PEOPLE : present), r.getDouble("share"), EPS, val);
        }
        assertEquals(region.size(), lv.where(lv.stringColumn("column").isEqualTo("region")).rowCount());
    }

    // ---------------------------------------------------------------- exposure patterns

    @Test
    void byAdAndChannelEqualReference() {
        long total = ref.exposures();
        for (String[] kind : new String[][]{{SummaryTables.BY_AD, "ad"}, {SummaryTables.BY_CHANNEL, "channel"}}) {
            Map<String, Long> imp = kind[1].equals("ad") ? ref.adImp : ref.chImp;
            Map<String, Set<String>> reach = kind[1].equals("ad") ? ref.adReach : ref.chReach;
            Table tb = t(kind[0]);
            assertEquals(new ArrayList<>(imp.keySet()), tb.stringColumn(kind[1]).asList(), "every " + kind[1] + ", sorted");
            for (Row r : tb) {
                String k = r.getString(kind[1]);
                long reached = reach.get(k).size();
                assertEquals(imp.get(k), r.getLong("impressions"), k);
                assertEquals(reached, r.getLong("reach"), k);
                assertEquals(reached / (double) PEOPLE, r.getDouble("reach_share"), EPS, k);
                assertEquals(imp.get(k) / (double) reached, r.getDouble("avg_frequency"), EPS, k);
                assertEquals(imp.get(k) / (double) total, r.getDouble("impression_share"), EPS, k);
            }
        }
        Table ac = t(SummaryTables.AD_CHANNEL);
        assertEquals(ref.adImp.size() * ref.chImp.size(), ac.rowCount(), "every ad x channel cell, zeros included");
        for (Row r : ac) assertEquals(ref.cell.getOrDefault(r.getString("ad") + "|" + r.getString("channel"), 0L), r.getLong("impressions"));
    }

    @Test
    void adChannelReachAndFrequencyEqualReference() {
        Table ac = t(SummaryTables.AD_CHANNEL);
        assertEquals(List.of("ad", "channel", "impressions", "reach", "reach_share", "avg_frequency"), ac.columnNames());
        int empty = 0;
        for (Row r : ac) {
            String key = r.getString("ad") + "|" + r.getString("channel");
            long imp = ref.cell.getOrDefault(key, 0L), reached = ref.cellReach.getOrDefault(key, Set.of()).size();
            assertEquals(reached, r.getLong("reach"), key);
            assertEquals(reached / (double) PEOPLE, r.getDouble("reach_share"), EPS, key);
            if (reached == 0) { empty++; assertTrue(Double.isNaN(r.getDouble("avg_frequency")), key); }
            else assertEquals(imp / (double) reached, r.getDouble("avg_frequency"), EPS, key);
        }
        assertTrue(empty < ac.rowCount(), "some cells reach people");
    }

    @Test
    void frequencyByAdAndChannelEqualsReference() {
        for (String[] kind : new String[][]{{SummaryTables.FREQUENCY_BY_AD, "ad"}, {SummaryTables.FREQUENCY_BY_CHANNEL, "channel"}}) {
            Map<String, Map<String, Integer>> per = kind[1].equals("ad") ? ref.adPerPerson : ref.chPerPerson;
            Map<String, Long> imp = kind[1].equals("ad") ? ref.adImp : ref.chImp;
            Table tb = t(kind[0]);
            List<String> cols = new ArrayList<>(List.of(kind[1], "reach", "impressions", "avg_frequency"));
            for (int i = 1; i <= 9; i++) cols.add("f" + i);
            cols.add("f10plus");
            assertEquals(cols, tb.columnNames());
            assertEquals(new ArrayList<>(imp.keySet()), tb.stringColumn(kind[1]).asList(), "every " + kind[1] + ", sorted");
            for (Row r : tb) {
                String k = r.getString(kind[1]);
                long[] f = new long[10];
                for (int c : per.get(k).values()) f[Math.min(c, 10) - 1]++;
                assertEquals(per.get(k).size(), r.getLong("reach"), k);
                assertEquals(imp.get(k), r.getLong("impressions"), k);
                assertEquals(imp.get(k) / (double) per.get(k).size(), r.getDouble("avg_frequency"), EPS, k);
                for (int i = 0; i < 10; i++) assertEquals(f[i], r.getLong(cols.get(4 + i)), k + " " + cols.get(4 + i));
            }
        }
        // the report's share table for ads shows the same numbers
        TextTable shares = reportTable("Frequency distribution by ad");
        assertEquals(List.of("ad", "reached", "avg frequency", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10+"), shares.headers());
        for (List<String> row : shares.rows()) {
            Map<String, Integer> per = ref.adPerPerson.get(row.get(0));
            assertEquals(TextTable.fmt((long) per.size()), row.get(1));
            long once = per.values().stream().filter(c -> c == 1).count(), tenPlus = per.values().stream().filter(c -> c >= 10).count();
            assertEquals(TextTable.pct(once / (double) per.size()), row.get(3), row.get(0));
            assertEquals(TextTable.pct(tenPlus / (double) per.size()), row.get(12), row.get(0));
        }
        assertEquals(ref.chImp.size(), reportTable("Frequency distribution by channel").rows().size());
    }

    @Test
    void frequencyDistributionEqualsReference() {
        long[] f = new long[10];
        for (String id : ref.ids) if (ref.e(id) > 0) f[Math.min(ref.e(id), 10) - 1]++;
        long reached = Arrays.stream(f).sum();
        assertEquals(ref.exp.size(), reached);
        Table t = t(SummaryTables.FREQUENCY);
        assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10+"), t.stringColumn("frequency").asList());
        for (int i = 0; i < 10; i++) {
            assertEquals(f[i], t.longColumn("people").getLong(i));
            assertEquals(f[i] / (double) reached, t.doubleColumn("share_of_reached").getDouble(i), EPS);
        }
    }

    static String ageBand(String s) {
        if (s.isEmpty()) return "(missing)";
        int a = Integer.parseInt(s);
        if (a < 18) return "under 18";
        if (a <= 24) return "18–24";
        if (a <= 34) return "25–34";
        if (a <= 44) return "35–44";
        if (a <= 54) return "45–54";
        if (a <= 64) return "55–64";
        return "65+";
    }

    @Test
    void segmentsEqualReference() {
        Table seg = t(SummaryTables.SEGMENTS);
        for (String col : List.of("age", "gender", "income_bracket", "region", "household_size")) {
            Map<String, long[]> m = new HashMap<>();   // people, reached, impressions, visitors, visits, f1..f10+
            for (String id : ref.ids) {
                String raw = ref.field(id, col);
                String s = col.equals("age") ? ageBand(raw) : raw.isEmpty() ? "(missing)" : raw;
                long[] a = m.computeIfAbsent(s, k -> new long[15]);
                int e = ref.e(id), v = ref.v(id);
                a[0]++; a[2] += e; a[4] += v;
                if (e > 0) { a[1]++; a[5 + Math.min(e, 10) - 1]++; }
                if (v > 0) a[3]++;
            }
            Table rows = seg.where(seg.stringColumn("column").isEqualTo(col));
            assertEquals(m.keySet(), new HashSet<>(rows.stringColumn("segment").asList()), col);
            assertEquals("(missing)", rows.stringColumn("segment").get(rows.rowCount() - 1), "missing last");
            for (Row r : rows) {
                long[] a = m.get(r.getString("segment"));
                String what = col + "=" + r.getString("segment");
                assertEquals(a[0], r.getLong("people"), what);
                assertEquals(a[1], r.getLong("reached"), what);
                assertEquals(a[2], r.getLong("impressions"), what);
                assertEquals(a[3], r.getLong("visitors"), what);
                assertEquals(a[4], r.getLong("visits"), what);
                assertEquals(a[1] / (double) a[0], r.getDouble("reach_share"), EPS, what);
                assertEquals(a[2] / (double) a[1], r.getDouble("avg_frequency"), EPS, what);
                for (int i = 0; i < 10; i++) assertEquals(a[5 + i], r.getLong(SummaryTables.frequencyColumn(i)), what + " f" + (i + 1));
            }
            assertEquals(PEOPLE, rows.longColumn("people").sum(), col + ": every person in exactly one segment");
        }
        // numeric bands in order
        Table age = seg.where(seg.stringColumn("column").isEqualTo("age"));
        assertEquals(List.of("18–24", "25–34", "35–44", "45–54", "55–64", "65+", "(missing)"), age.stringColumn("segment").asList());
        Table hh = seg.where(seg.stringColumn("column").isEqualTo("household_size"));
        assertEquals("1", hh.stringColumn("segment").get(0), "small-range integer column by value, ascending");
    }

    @Test
    void timePatternsEqualReference() {
        Table d = t(SummaryTables.BY_DAY);
        assertEquals(ref.days.size(), d.rowCount());
        int i = 0;
        for (Map.Entry<LocalDate, long[]> e : ref.days.entrySet()) {
            assertEquals(e.getKey(), d.dateColumn("day").get(i));
            assertEquals(e.getValue()[0], d.longColumn("exposures").getLong(i));
            assertEquals(e.getValue()[1], d.longColumn("visits").getLong(i));
            i++;
        }
        Table hw = t(SummaryTables.HOUR_WEEKDAY);
        assertEquals(168, hw.rowCount());
        List<String> wd = List.of("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun");
        for (Row r : hw) {
            int k = wd.indexOf(r.getString("weekday")) * 24 + r.getInt("hour");
            assertEquals(ref.hw[k][0], r.getLong("exposures"));
            assertEquals(ref.hw[k][1], r.getLong("visits"));
        }
    }

    // ---------------------------------------------------------------- exposure and visits

    @Test
    void visitRatesByFrequencyAndExposedVsUnexposedEqualReference() {
        long[][] b = new long[11][3];
        for (String id : ref.ids) {
            long[] a = b[Math.min(ref.e(id), 10)];
            a[0]++; if (ref.v(id) > 0) a[1]++; a[2] += ref.v(id);
        }
        Table t = t(SummaryTables.VISITS_BY_FREQUENCY);
        assertEquals(11, t.rowCount());
        for (int k = 0; k <= 10; k++) {
            Row r = t.row(k);
            assertEquals(k < 10 ? Integer.toString(k) : "10+", r.getString("exposures"));
            assertEquals(b[k][0], r.getLong("people"));
            assertEquals(b[k][1], r.getLong("visitors"));
            assertEquals(b[k][2], r.getLong("visits"));
            double p = b[k][1] / (double) b[k][0];
            assertEquals(p, r.getDouble("visitor_share"), EPS);
            assertEquals(b[k][2] / (double) b[k][0], r.getDouble("visits_per_person"), EPS);
            double h = 1.959963984540054 * Math.sqrt(p * (1 - p) / b[k][0]);
            assertEquals(Math.max(0, p - h), r.getDouble("ci95_low"), 1e-12);
            assertEquals(Math.min(1, p + h), r.getDouble("ci95_high"), 1e-12);
        }
        Table eu = t(SummaryTables.EXPOSED_VS_UNEXPOSED);
        long unPeople = ref.ids.stream().filter(id -> ref.e(id) == 0).count();
        long unVisitors = ref.ids.stream().filter(id -> ref.e(id) == 0 && ref.v(id) > 0).count();
        long exVisitors = ref.ids.stream().filter(id -> ref.e(id) > 0 && ref.v(id) > 0).count();
        assertEquals(unPeople, eu.row(0).getLong("people"));
        assertEquals(unVisitors / (double) unPeople, eu.row(0).getDouble("visitor_share"), EPS);
        assertEquals(PEOPLE - unPeople, eu.row(1).getLong("people"));
        assertEquals(exVisitors / (double) (PEOPLE - unPeople), eu.row(1).getDouble("visitor_share"), EPS);
    }

    @Test
    void visitTimingSharesEqualReference() {
        long all = 0, any = 0, h1 = 0, h24 = 0, h72 = 0;
        for (Map.Entry<String, List<Long>> e : ref.visTimes.entrySet()) {
            List<Long> ex = ref.expTimes.getOrDefault(e.getKey(), List.of());
            for (long v : e.getValue()) {
                all++;
                long best = Long.MIN_VALUE;
                for (long x : ex) if (x <= v && x > best) best = x;     // latest exposure at or before the visit
                if (best == Long.MIN_VALUE) continue;
                any++;
                if (v - best <= 3600) h1++;
                if (v - best <= 86400) h24++;
                if (v - best <= 3 * 86400) h72++;
            }
        }
        assertTrue(h1 > 0 && h24 > h1 && h72 > h24 && any > h72, "generated data has visits in every window");
        Table t = t(SummaryTables.VISIT_TIMING);
        long[] expected = {h1, h24, h72, any, all - any, all};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], t.longColumn("visits").getLong(i), t.stringColumn("window").get(i));
            assertEquals(expected[i] / (double) all, t.doubleColumn("share_of_visits").getDouble(i), EPS);
        }
        assertEquals(List.of(1, 24, 72), t.intColumn("hours").asList().subList(0, 3));
    }

    @Test
    void overviewEqualsReference() {
        Table o = t(SummaryTables.OVERVIEW);
        assertEquals(PEOPLE, find(o, "metric", "people").getLong("value"));
        assertEquals(ref.exp.size(), find(o, "metric", "people exposed at least once").getLong("value"));
        assertEquals(ref.vis.size(), find(o, "metric", "people with at least one visit").getLong("value"));
        assertEquals(ref.exposures(), find(o, "metric", "exposures (impressions)").getLong("value"));
        assertEquals(ref.visits(), find(o, "metric", "site visits").getLong("value"));
        assertEquals(ref.adImp.size(), find(o, "metric", "ads").getLong("value"));
        assertEquals(ref.chImp.size(), find(o, "metric", "channels").getLong("value"));
    }

    // ---------------------------------------------------------------- the report shows the same numbers

    static TextTable reportTable(String titleStart) {
        return eda.html().tables().stream().filter(x -> x.title().startsWith(titleStart)).findFirst()
                .orElseThrow(() -> new AssertionError("no report table titled '" + titleStart + "...'"));
    }

    @Test
    void reportTablesShowTheReferenceNumbers() {
        TextTable byAd = reportTable("By ad");
        assertEquals(List.of("ad", "impressions", "impression share", "reach", "reach share", "avg frequency"), byAd.headers());
        for (List<String> row : byAd.rows()) {
            String ad = row.get(0);
            assertEquals(TextTable.fmt(ref.adImp.get(ad)), row.get(1), ad);
            assertEquals(TextTable.fmt((long) ref.adReach.get(ad).size()), row.get(3), ad);
            assertEquals(TextTable.pct(ref.adReach.get(ad).size() / (double) PEOPLE), row.get(4), ad);
        }
        TextTable byCh = reportTable("By channel");
        assertEquals(ref.chImp.size(), byCh.rows().size(), "the report has every channel");
        for (List<String> row : byCh.rows()) assertEquals(TextTable.fmt(ref.chImp.get(row.get(0))), row.get(1));
        TextTable people = reportTable("Exposures and visits per person");
        long zeros = ref.ids.stream().filter(id -> ref.e(id) == 0).count();
        assertEquals(TextTable.pct(zeros / (double) PEOPLE), people.rows().get(0).get(people.headers().indexOf("zero share")));
        String text = eda.toText();
        assertTrue(text.contains(TextTable.pct(zeros / (double) PEOPLE)), "terminal text shows the zero share");
        assertTrue(text.contains("Descriptive only"), "terminal text says it is descriptive");
        assertFalse(text.contains("not available") || text.contains("not shown"), "no 'not available' notes");
        assertTrue(text.contains("Ad x channel (") && text.contains("highest reach"), "terminal has the ad x channel summary line");
        for (String title : List.of("Overview", "By ad", "By channel (top 10 of", "Frequency distribution by ad", "Frequency among people reached", "By demographic segment",
                "Visit rate by exposure frequency", "Exposed vs. unexposed", "Site visits by time since the latest earlier exposure"))
            assertTrue(text.contains(title), "terminal text has " + title);
        assertTrue(text.lines().allMatch(l -> l.length() <= 400), "no runaway lines in the terminal text");
    }

    // ---------------------------------------------------------------- the written report

    static final Pattern FIGURE = Pattern.compile("var f=(\\{.*?\\});Plotly\\.newPlot", Pattern.DOTALL);

    @Test
    void reportIsOfflineSmallAndEveryChartHasTitleAndAxisLabels() throws IOException {
        Path out = root.resolve("report");
        HtmlReport.Written w = eda.write(out);
        assertTrue(Files.size(w.plotlyJs()) > 1_000_000, "plotly.js shipped next to the pages");
        assertTrue(w.chartPages().size() >= 25, "a page per chart, got " + w.chartPages().size());
        ObjectMapper json = new ObjectMapper();
        List<Path> pages = new ArrayList<>(w.chartPages());
        pages.add(w.index());
        long total = 0;
        Set<String> titles = new HashSet<>();
        for (Path p : pages) {
            String html = Files.readString(p, StandardCharsets.UTF_8);
            total += html.length();
            assertTrue(html.length() < 300_000, p.getFileName() + " is " + html.length() + " characters");
            assertFalse(html.matches("(?s).*(src|href)=\"(https?:)?//.*"), p.getFileName() + " refers to the network");
            Matcher src = Pattern.compile("<script src=\"([^\"]+)\"").matcher(html);
            while (src.find()) assertTrue(Files.exists(out.resolve(src.group(1))), p.getFileName() + ": missing local script " + src.group(1));
            Matcher m = FIGURE.matcher(html);
            int figures = 0;
            while (m.find()) {
                figures++;
                JsonNode layout = json.readTree(m.group(1)).path("layout");
                String title = layout.path("title").path("text").asText("");
                assertFalse(title.isBlank(), p.getFileName() + ": a figure without a title");
                assertFalse(layout.path("xaxis").path("title").path("text").asText("").isBlank(), title + ": no x-axis label");
                assertFalse(layout.path("yaxis").path("title").path("text").asText("").isBlank(), title + ": no y-axis label");
                titles.add(title);
            }
            assertTrue(figures >= 1, p.getFileName() + " has no figure");
            if (!p.equals(w.index())) assertEquals(1, figures, p.getFileName().toString());
        }
        assertTrue(total < 2_000_000, "report HTML is " + total + " characters");
        assertEquals(w.chartPages().size(), titles.size(), "chart titles are distinct");
        for (String must : List.of("Exposures per person", "Exposures per person (log2 bins, log scale)", "Cumulative distribution of exposures per person",
                "Site visits per person", "Impressions by ad and channel", "Reach by ad", "Reach by channel", "Impressions per day",
                "Impressions by hour and weekday", "Visitor share by exposure frequency", "Visitor share: exposed vs. unexposed",
                "Frequency distribution by demographic segment", "Frequency distribution by ad", "Frequency distribution by channel",
                "Reach by ad and channel", "Average frequency by ad and channel", "Share of site visits within 1, 24 and 72 hours after an exposure"))
            assertTrue(titles.contains(must), "report has the chart '" + must + "'");
        for (String c : List.of("age", "gender", "income_bracket", "region", "household_size"))
            assertTrue(titles.stream().anyMatch(x -> x.startsWith(c + ":")), "a chart for demographic column " + c);
        String index = Files.readString(w.index());
        assertTrue(index.contains("Descriptive only"), "the report says it is descriptive");
        assertFalse(index.contains("are not shown: ingestion"), "the old 'not available' note is gone");
    }

    @Test
    void withoutTheHtmlPartTheTablesAndTextAreTheSame() {
        ExposureReport plain = ExposureReport.build(ds, ExposureReport.DEFAULT_TITLE, false);
        assertEquals(eda.toText(), plain.toText());
        assertEquals(eda.tables().keySet(), plain.tables().keySet());
        for (String name : eda.tables().keySet()) assertEquals(eda.tables().get(name).printAll(), plain.tables().get(name).printAll(), name);
        IllegalStateException e = assertThrows(IllegalStateException.class, plain::html);
        assertTrue(e.getMessage().contains("without its HTML part"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> plain.write(root.resolve("no-html")));
    }

    @Test
    void leadCanAddSectionsAndTables() throws IOException {
        ExposureReport r = ExposureReport.build(ds, "with a model section");
        r.html().section("Models").note("model goes here").chart(Charts.bars("Model terms", "term", "estimate", List.of("a", "b"), new double[]{1, 2}));
        r.addTable("model/coefficients", Table.create("c", tech.tablesaw.api.StringColumn.create("term", List.of("a", "b"))));
        assertThrows(IllegalArgumentException.class, () -> r.addTable(SummaryTables.BY_AD, Table.create("x")));
        assertTrue(r.tables().containsKey("model/coefficients"));
        HtmlReport.Written w = r.write(root.resolve("with-model"));
        String index = Files.readString(w.index());
        assertTrue(index.contains("model goes here") && index.indexOf("Models") > index.indexOf("Exposure and visits (descriptive)"));
        assertTrue(w.chartPages().stream().anyMatch(p -> p.getFileName().toString().contains("model-terms")));
    }

    // ---------------------------------------------------------------- store

    @Test
    void tablesRoundTripThroughAFileStore() {
        Store store = FileStore.open(root.resolve("store"));
        var saved = eda.saveTo(store, "eda");
        assertEquals(eda.tables().size(), saved.size());
        for (Map.Entry<String, Table> e : eda.tables().entrySet()) {
            String key = "eda/" + e.getKey();
            assertEquals(1, saved.get(key).version());
            Table back = store.loadTable(key);
            Table orig = e.getValue();
            assertEquals(orig.columnNames(), back.columnNames(), key);
            assertEquals(orig.rowCount(), back.rowCount(), key);
            for (int c = 0; c < orig.columnCount(); c++) {
                assertEquals(orig.column(c).type(), back.column(c).type(), key + " column " + orig.column(c).name());
                for (int i = 0; i < orig.rowCount(); i++)
                    assertEquals(orig.column(c).getString(i), back.column(c).getString(i), key + " row " + i + " column " + orig.column(c).name());
            }
        }
        assertEquals(2, eda.saveTo(store, "eda").get("eda/" + SummaryTables.BY_AD).version(), "a second save is a new version");
        assertTrue(store.list("eda").contains("eda/" + SummaryTables.SEGMENTS));
    }

    @Test
    void visitTimingOffIsSaidNotFaked() {
        Dataset off = Ingest.load(gen, IngestOptions.defaults().withThreads(2).withVisitTiming(false));
        ExposureReport r = ExposureReport.build(off);
        assertFalse(r.tables().containsKey(SummaryTables.VISIT_TIMING));
        assertTrue(r.toText().contains("visit timing off"));
        assertEquals(t(SummaryTables.BY_AD).toString(), r.tables().get(SummaryTables.BY_AD).toString(), "the rest is unchanged");
    }
}
