//SOURCES ../ingest/*.java
package report;

import ingest.Aggregates;
import ingest.ColumnInfo;
import ingest.Dataset;
import numerics.Tails;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The key summary tables of the exploratory analysis as typed Tablesaw tables (counts as INTEGER/LONG,
 * shares in [0,1] as DOUBLE, labels as STRING, days as LOCAL_DATE), computed once from an ingest
 * {@link Dataset} and shared by the terminal text, the HTML report and the store (keys
 * {@code <prefix>/<name>}). Every table is small (bounded by ads, channels, days, segments or distinct
 * counts, never by people). Names, in order:
 * <ul>
 * <li>{@value #OVERVIEW}: people, exposed people, visitors, exposures, visits, ads, channels, days;</li>
 * <li>{@value #PERSON_COUNTS}: exposures and visits per person (all people, zeros included): mean,
 *     median, p10..p99, max, share with zero, share with 10+;</li>
 * <li>{@value #EXPOSURES_PER_PERSON}, {@value #VISITS_PER_PERSON}: the whole distribution, one row per
 *     distinct count (count, people, cumulative share);</li>
 * <li>{@value #DEMOGRAPHIC_COLUMNS}: how each people.csv column was typed, rows, missing;</li>
 * <li>{@value #DEMOGRAPHICS_NUMERIC}: quantiles etc. of numeric columns; {@value #DEMOGRAPHIC_LEVELS}:
 *     counts and shares of categorical values (top {@link ColumnSummary#TOP_LEVELS}, "(other)", "(missing)");</li>
 * <li>{@value #BY_AD}, {@value #BY_CHANNEL}: impressions, reach (people exposed at least once), average
 *     frequency; {@value #AD_CHANNEL}: impressions, reach (people who saw that ad on that channel at least
 *     once), reach share of all people and average frequency per ad and channel (long form, zeros included);</li>
 * <li>{@value #FREQUENCY_BY_AD}, {@value #FREQUENCY_BY_CHANNEL}: reach, impressions, average frequency and
 *     people reached exactly 1, 2, ..., 9 times (f1..f9) and 10+ times (f10plus) per ad or channel;</li>
 * <li>{@value #FREQUENCY}: people reached 1, 2, ..., 9, 10+ times (all ads and channels);</li>
 * <li>{@value #SEGMENTS}: per demographic segment ({@link Segments}): people, reach, impressions, average
 *     frequency, frequency distribution f1..f9, f10plus, visitors, visits;</li>
 * <li>{@value #BY_DAY}, {@value #HOUR_WEEKDAY}: exposures and visits over time;</li>
 * <li>{@value #VISITS_BY_FREQUENCY}: visitor share (95% Wald interval) and visits per person by exposure
 *     count 0..9, 10+; {@value #EXPOSED_VS_UNEXPOSED}; {@value #VISIT_TIMING}: share of visits within
 *     1/24/72 h after the person's latest earlier exposure (absent when ingestion ran without visit timing).</li>
 * </ul>
 */
public final class SummaryTables {

    public static final String OVERVIEW = "overview", PERSON_COUNTS = "person_counts",
            EXPOSURES_PER_PERSON = "exposures_per_person", VISITS_PER_PERSON = "visits_per_person",
            DEMOGRAPHIC_COLUMNS = "demographic_columns", DEMOGRAPHICS_NUMERIC = "demographics_numeric",
            DEMOGRAPHIC_LEVELS = "demographic_levels", BY_AD = "by_ad", BY_CHANNEL = "by_channel",
            AD_CHANNEL = "ad_channel", FREQUENCY_BY_AD = "frequency_by_ad", FREQUENCY_BY_CHANNEL = "frequency_by_channel",
            FREQUENCY = "frequency", SEGMENTS = "segments", BY_DAY = "by_day",
            HOUR_WEEKDAY = "hour_weekday", VISITS_BY_FREQUENCY = "visits_by_frequency",
            EXPOSED_VS_UNEXPOSED = "exposed_vs_unexposed", VISIT_TIMING = "visit_timing";

    /**
     * Column names of these tables that their readers look up ({@link ExposureReport}, users of the store):
     * the one home for producer and consumer. Columns nobody reads by name stay literals where they are made.
     */
    public static final class Col {
        private Col() {}
        public static final String AD = "ad", CHANNEL = "channel", IMPRESSIONS = "impressions", REACH = "reach",
                REACH_SHARE = "reach_share", AVG_FREQUENCY = "avg_frequency", FREQUENCY = "frequency", PEOPLE = "people",
                DAY = "day", EXPOSURES = "exposures", VISITS = "visits", VISITOR_SHARE = "visitor_share",
                CI95_LOW = "ci95_low", CI95_HIGH = "ci95_high", VISITS_PER_PERSON = "visits_per_person", GROUP = "group",
                WINDOW = "window", SHARE_OF_VISITS = "share_of_visits", COLUMN = "column", SEGMENT = "segment",
                REACHED = "reached", KIND = "kind", STORAGE = "storage", ROWS = "rows", MISSING = "missing",
                MISSING_SHARE = "missing_share", DISTINCT = "distinct";
    }

    final Dataset ds;
    final Aggregates agg;
    final CountDistribution exposures, visits;
    final CountSummary exposureSummary, visitSummary;
    final List<ColumnSummary> demographics;
    final List<Segments.Row> segments;
    private final Map<String, Table> tables = new LinkedHashMap<>();

    private SummaryTables(Dataset ds) {
        this.ds = ds;
        this.agg = ds.aggregates();
        exposures = CountDistribution.ofFrequencies(agg.exposuresPerPerson());
        visits = CountDistribution.ofFrequencies(agg.visitsPerPerson());
        exposureSummary = CountSummary.of("exposures", exposures);
        visitSummary = CountSummary.of("visits", visits);
        List<String> demo = ds.demographics().stream().map(ColumnInfo::name).toList();
        demographics = demo.stream().map(c -> ColumnSummary.of(ds.people().column(c))).toList();
        segments = Segments.of(ds.persons(), demo, Dataset.EXPOSURES, Dataset.VISITS);

        put(OVERVIEW, overview());
        put(PERSON_COUNTS, personCounts());
        put(EXPOSURES_PER_PERSON, distribution(EXPOSURES_PER_PERSON, Col.EXPOSURES, exposures));
        put(VISITS_PER_PERSON, distribution(VISITS_PER_PERSON, Col.VISITS, visits));
        put(DEMOGRAPHIC_COLUMNS, demographicColumns());
        put(DEMOGRAPHICS_NUMERIC, demographicsNumeric());
        put(DEMOGRAPHIC_LEVELS, demographicLevels());
        put(BY_AD, categories(BY_AD, Col.AD, agg.byAd()));
        put(BY_CHANNEL, categories(BY_CHANNEL, Col.CHANNEL, agg.byChannel()));
        put(AD_CHANNEL, adChannel());
        put(FREQUENCY_BY_AD, frequencyBy(FREQUENCY_BY_AD, Col.AD, agg.byAd()));
        put(FREQUENCY_BY_CHANNEL, frequencyBy(FREQUENCY_BY_CHANNEL, Col.CHANNEL, agg.byChannel()));
        put(FREQUENCY, frequency());
        put(SEGMENTS, segmentTable());
        put(BY_DAY, byDay());
        put(HOUR_WEEKDAY, hourWeekday());
        put(VISITS_BY_FREQUENCY, visitsByFrequency());
        put(EXPOSED_VS_UNEXPOSED, exposedVsUnexposed());
        agg.timing().ifPresent(t -> put(VISIT_TIMING, visitTiming(t)));
    }

    /** Computes every table from an ingested dataset. */
    public static SummaryTables of(Dataset ds) { return new SummaryTables(ds); }

    /** name -> table, in the order listed in the class comment (unmodifiable). */
    public Map<String, Table> tables() { return Collections.unmodifiableMap(tables); }

    /** One table by name; IllegalArgumentException naming the known ones if absent. */
    public Table table(String name) {
        Table t = tables.get(name);
        if (t == null) throw new IllegalArgumentException("no summary table '" + name + "' (have: " + String.join(", ", tables.keySet()) + ")");
        return t;
    }

    public List<Segments.Row> segments() { return segments; }

    public List<ColumnSummary> demographics() { return demographics; }

    private void put(String name, Table t) { tables.put(name, t.setName(name)); }

    // ---------------------------------------------------------------- tables

    private Table overview() {
        long n = agg.people();
        List<String> metric = new ArrayList<>();
        List<Long> value = new ArrayList<>();
        List<Double> share = new ArrayList<>();
        BiConsumer<String, long[]> row = (m, v) -> { metric.add(m); value.add(v[0]); share.add(v.length > 1 ? (n == 0 ? Double.NaN : (double) v[0] / n) : Double.NaN); };
        row.accept("people", new long[]{n, 1});
        row.accept("people exposed at least once", new long[]{agg.exposedPeople(), 1});
        row.accept("people with at least one visit", new long[]{agg.visitors(), 1});
        row.accept("exposures (impressions)", new long[]{agg.exposures()});
        row.accept("site visits", new long[]{agg.visits()});
        row.accept("ads", new long[]{agg.byAd().size()});
        row.accept("channels", new long[]{agg.byChannel().size()});
        row.accept("days with events", new long[]{agg.byDay().size()});
        return Table.create(OVERVIEW, StringColumn.create("metric", metric), longs("value", value), doubles("share_of_people", share));
    }

    private Table personCounts() {
        Table t = Table.create(PERSON_COUNTS, StringColumn.create("measure"), LongColumn.create(Col.PEOPLE), LongColumn.create("total"),
                DoubleColumn.create("mean"), DoubleColumn.create("median"), DoubleColumn.create("p10"), DoubleColumn.create("p25"),
                DoubleColumn.create("p75"), DoubleColumn.create("p90"), DoubleColumn.create("p95"), DoubleColumn.create("p99"),
                LongColumn.create("max"), DoubleColumn.create("zero_share"), DoubleColumn.create("ten_plus_share"));
        for (CountSummary s : List.of(exposureSummary, visitSummary)) {
            t.stringColumn("measure").append(s.label() + " per person");
            t.longColumn(Col.PEOPLE).append(s.n());
            t.longColumn("total").append(s.total());
            t.doubleColumn("mean").append(s.mean());
            t.doubleColumn("median").append(s.median());
            t.doubleColumn("p10").append(s.p10());
            t.doubleColumn("p25").append(s.p25());
            t.doubleColumn("p75").append(s.p75());
            t.doubleColumn("p90").append(s.p90());
            t.doubleColumn("p95").append(s.p95());
            t.doubleColumn("p99").append(s.p99());
            t.longColumn("max").append(s.max());
            t.doubleColumn("zero_share").append(s.shareZero());
            t.doubleColumn("ten_plus_share").append(s.share10Plus());
        }
        return t;
    }

    private static Table distribution(String name, String what, CountDistribution d) {
        int k = d.values().length;
        double[] cum = new double[k];
        long n = d.n(), c = 0;
        for (int i = 0; i < k; i++) { c += d.people()[i]; cum[i] = (double) c / n; }
        return Table.create(name, IntColumn.create(what, d.values().clone()), LongColumn.create(Col.PEOPLE, d.people().clone()),
                DoubleColumn.create("cumulative_share", cum));
    }

    private Table demographicColumns() {
        Table t = Table.create(DEMOGRAPHIC_COLUMNS, StringColumn.create(Col.COLUMN), StringColumn.create(Col.KIND), StringColumn.create(Col.STORAGE),
                LongColumn.create(Col.ROWS), LongColumn.create(Col.MISSING), DoubleColumn.create(Col.MISSING_SHARE), LongColumn.create(Col.DISTINCT),
                StringColumn.create("rule"));
        for (int i = 0; i < demographics.size(); i++) {
            ColumnInfo info = ds.demographics().get(i);
            ColumnSummary s = demographics.get(i);
            t.stringColumn(Col.COLUMN).append(info.name());
            t.stringColumn(Col.KIND).append(info.kind().name().toLowerCase(Locale.ROOT));
            t.stringColumn(Col.STORAGE).append(info.storage());
            t.longColumn(Col.ROWS).append(s.rows());
            t.longColumn(Col.MISSING).append(s.missing());
            t.doubleColumn(Col.MISSING_SHARE).append(s.rows() == 0 ? Double.NaN : (double) s.missing() / s.rows());
            long distinct = s instanceof ColumnSummary.Categorical c ? c.cardinality() : distinctNumbers(ds.people().column(info.name()));
            t.longColumn(Col.DISTINCT).append(distinct);
            t.stringColumn("rule").append(info.rule());
        }
        return t;
    }

    /** Distinct present values of a numeric column (counting stops above 1,000,000). */
    private static long distinctNumbers(Column<?> c) {
        if (!(c instanceof tech.tablesaw.api.NumericColumn<?> n)) return 0;
        double[] d = Segments.distinct(Segments.values(n), 1_000_000);
        return d == null ? 1_000_001 : d.length;
    }

    private Table demographicsNumeric() {
        Table t = Table.create(DEMOGRAPHICS_NUMERIC, StringColumn.create(Col.COLUMN), LongColumn.create(Col.ROWS), LongColumn.create(Col.MISSING),
                DoubleColumn.create("mean"), DoubleColumn.create("sd"), DoubleColumn.create("min"), DoubleColumn.create("p10"),
                DoubleColumn.create("p25"), DoubleColumn.create("median"), DoubleColumn.create("p75"), DoubleColumn.create("p90"),
                DoubleColumn.create("max"));
        for (ColumnSummary s : demographics)
            if (s instanceof ColumnSummary.Numeric x) {
                t.stringColumn(Col.COLUMN).append(x.name());
                t.longColumn(Col.ROWS).append(x.rows());
                t.longColumn(Col.MISSING).append(x.missing());
                t.doubleColumn("mean").append(x.mean());
                t.doubleColumn("sd").append(x.sd());
                t.doubleColumn("min").append(x.min());
                t.doubleColumn("p10").append(x.p10());
                t.doubleColumn("p25").append(x.p25());
                t.doubleColumn("median").append(x.p50());
                t.doubleColumn("p75").append(x.p75());
                t.doubleColumn("p90").append(x.p90());
                t.doubleColumn("max").append(x.max());
            }
        return t;
    }

    /** Levels of categorical columns; share = of the column's non-missing values ("(missing)": of all rows). */
    private Table demographicLevels() {
        Table t = Table.create(DEMOGRAPHIC_LEVELS, StringColumn.create(Col.COLUMN), StringColumn.create("value"), LongColumn.create("count"),
                DoubleColumn.create("share"));
        for (ColumnSummary s : demographics)
            if (s instanceof ColumnSummary.Categorical c) {
                long present = c.rows() - c.missing();
                for (ColumnSummary.Level l : c.levels()) level(t, c.name(), l.value(), l.count(), l.share());
                if (c.otherCount() > 0) level(t, c.name(), "(other)", c.otherCount(), present == 0 ? Double.NaN : (double) c.otherCount() / present);
                if (c.missing() > 0) level(t, c.name(), "(missing)", c.missing(), (double) c.missing() / c.rows());
            }
        return t;
    }

    private static void level(Table t, String column, String value, long count, double share) {
        t.stringColumn(Col.COLUMN).append(column);
        t.stringColumn("value").append(value);
        t.longColumn("count").append(count);
        t.doubleColumn("share").append(share);
    }

    private Table categories(String name, String key, List<Aggregates.CategoryStat> stats) {
        long n = agg.people(), imp = agg.exposures();
        Table t = Table.create(name, StringColumn.create(key), LongColumn.create(Col.IMPRESSIONS), DoubleColumn.create("impression_share"),
                LongColumn.create(Col.REACH), DoubleColumn.create(Col.REACH_SHARE), DoubleColumn.create(Col.AVG_FREQUENCY));
        for (Aggregates.CategoryStat s : stats) {
            t.stringColumn(key).append(s.label());
            t.longColumn(Col.IMPRESSIONS).append(s.impressions());
            t.doubleColumn("impression_share").append(imp == 0 ? Double.NaN : (double) s.impressions() / imp);
            t.longColumn(Col.REACH).append(s.reach());
            t.doubleColumn(Col.REACH_SHARE).append(n == 0 ? Double.NaN : (double) s.reach() / n);
            t.doubleColumn(Col.AVG_FREQUENCY).append(s.reach() == 0 ? Double.NaN : (double) s.impressions() / s.reach());
        }
        return t;
    }

    private Table adChannel() {
        long n = agg.people();
        Table t = Table.create(AD_CHANNEL, StringColumn.create(Col.AD), StringColumn.create(Col.CHANNEL), LongColumn.create(Col.IMPRESSIONS),
                LongColumn.create(Col.REACH), DoubleColumn.create(Col.REACH_SHARE), DoubleColumn.create(Col.AVG_FREQUENCY));
        for (Aggregates.AdChannel c : agg.adChannel()) {
            t.stringColumn(Col.AD).append(c.ad());
            t.stringColumn(Col.CHANNEL).append(c.channel());
            t.longColumn(Col.IMPRESSIONS).append(c.impressions());
            t.longColumn(Col.REACH).append(c.reach());
            t.doubleColumn(Col.REACH_SHARE).append(n == 0 ? Double.NaN : (double) c.reach() / n);
            t.doubleColumn(Col.AVG_FREQUENCY).append(c.reach() == 0 ? Double.NaN : (double) c.impressions() / c.reach());
        }
        return t;
    }

    /** One row per ad or channel: reach, impressions, average frequency, people reached 1..9 and 10+ times. */
    private static Table frequencyBy(String name, String key, List<Aggregates.CategoryStat> stats) {
        List<Column<?>> cols = new ArrayList<>(List.<Column<?>>of(StringColumn.create(key), LongColumn.create(Col.REACH),
                LongColumn.create(Col.IMPRESSIONS), DoubleColumn.create(Col.AVG_FREQUENCY)));
        for (int i = 0; i < Aggregates.FREQUENCY_CAP; i++) cols.add(LongColumn.create(frequencyColumn(i)));
        Table t = Table.create(name, cols.toArray(new Column<?>[0]));
        for (Aggregates.CategoryStat s : stats) {
            t.stringColumn(key).append(s.label());
            t.longColumn(Col.REACH).append(s.reach());
            t.longColumn(Col.IMPRESSIONS).append(s.impressions());
            t.doubleColumn(Col.AVG_FREQUENCY).append(s.reach() == 0 ? Double.NaN : (double) s.impressions() / s.reach());
            for (int i = 0; i < Aggregates.FREQUENCY_CAP; i++) t.longColumn(frequencyColumn(i)).append(s.frequency().get(i));
        }
        return t;
    }

    private Table frequency() {
        FrequencyDistribution f = FrequencyDistribution.of("all", exposures, Aggregates.FREQUENCY_CAP);
        Table t = Table.create(FREQUENCY, StringColumn.create(Col.FREQUENCY), LongColumn.create(Col.PEOPLE), DoubleColumn.create("share_of_reached"));
        for (int i = 0; i < f.cap(); i++) {
            t.stringColumn(Col.FREQUENCY).append(f.bucketLabel(i));
            t.longColumn(Col.PEOPLE).append(f.people()[i]);
            t.doubleColumn("share_of_reached").append(f.share(i));
        }
        return t;
    }

    private Table segmentTable() {
        List<Column<?>> cols = new ArrayList<>(List.<Column<?>>of(StringColumn.create(Col.COLUMN), StringColumn.create(Col.SEGMENT), LongColumn.create(Col.PEOPLE),
                LongColumn.create(Col.REACHED), DoubleColumn.create(Col.REACH_SHARE), LongColumn.create(Col.IMPRESSIONS),
                DoubleColumn.create(Col.AVG_FREQUENCY)));
        for (int i = 0; i < Aggregates.FREQUENCY_CAP; i++) cols.add(LongColumn.create(frequencyColumn(i)));
        cols.addAll(List.<Column<?>>of(LongColumn.create("visitors"), DoubleColumn.create(Col.VISITOR_SHARE), LongColumn.create(Col.VISITS)));
        Table t = Table.create(SEGMENTS, cols.toArray(new Column<?>[0]));
        for (Segments.Row r : segments) {
            t.stringColumn(Col.COLUMN).append(r.column());
            t.stringColumn(Col.SEGMENT).append(r.segment());
            t.longColumn(Col.PEOPLE).append(r.people());
            t.longColumn(Col.REACHED).append(r.reached());
            t.doubleColumn(Col.REACH_SHARE).append(r.reachShare());
            t.longColumn(Col.IMPRESSIONS).append(r.impressions());
            t.doubleColumn(Col.AVG_FREQUENCY).append(r.averageFrequency());
            for (int i = 0; i < Aggregates.FREQUENCY_CAP; i++) t.longColumn(frequencyColumn(i)).append(r.frequency()[i]);
            t.longColumn("visitors").append(r.visitors());
            t.doubleColumn(Col.VISITOR_SHARE).append(r.visitorShare());
            t.longColumn(Col.VISITS).append(r.visits());
        }
        return t;
    }

    /** Column of the segments table holding people reached in frequency bucket i: f1 .. f9, f10plus. */
    public static String frequencyColumn(int i) { return i == Aggregates.FREQUENCY_CAP - 1 ? "f" + Aggregates.FREQUENCY_CAP + "plus" : "f" + (i + 1); }

    private Table byDay() {
        List<LocalDate> days = new ArrayList<>();
        long[] e = new long[agg.byDay().size()], v = new long[e.length];
        for (int i = 0; i < e.length; i++) {
            Aggregates.DayCount d = agg.byDay().get(i);
            days.add(d.day()); e[i] = d.exposures(); v[i] = d.visits();
        }
        return Table.create(BY_DAY, DateColumn.create(Col.DAY, days), LongColumn.create(Col.EXPOSURES, e), LongColumn.create(Col.VISITS, v));
    }

    private Table hourWeekday() {
        Table t = Table.create(HOUR_WEEKDAY, StringColumn.create("weekday"), IntColumn.create("hour"), LongColumn.create(Col.EXPOSURES),
                LongColumn.create(Col.VISITS));
        for (Aggregates.HourWeekday h : agg.hourWeekday()) {
            t.stringColumn("weekday").append(h.weekday().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
            t.intColumn("hour").append(h.hour());
            t.longColumn(Col.EXPOSURES).append(h.exposures());
            t.longColumn(Col.VISITS).append(h.visits());
        }
        return t;
    }

    private Table visitsByFrequency() {
        Table t = rateTable(VISITS_BY_FREQUENCY, Col.EXPOSURES);
        for (Aggregates.FrequencyBucket b : agg.visitsByExposureFrequency()) rateRow(t, Col.EXPOSURES, b.label(), b.people(), b.visitors(), b.visits());
        return t;
    }

    private Table exposedVsUnexposed() {
        long[] un = new long[3], ex = new long[3];
        for (Aggregates.FrequencyBucket b : agg.visitsByExposureFrequency()) {
            long[] a = b.maxExposures() == 0 ? un : ex;
            a[0] += b.people(); a[1] += b.visitors(); a[2] += b.visits();
        }
        Table t = rateTable(EXPOSED_VS_UNEXPOSED, Col.GROUP);
        rateRow(t, Col.GROUP, "unexposed (0 exposures)", un[0], un[1], un[2]);
        rateRow(t, Col.GROUP, "exposed (1+ exposures)", ex[0], ex[1], ex[2]);
        return t;
    }

    private static Table rateTable(String name, String key) {
        return Table.create(name, StringColumn.create(key), LongColumn.create(Col.PEOPLE), LongColumn.create("visitors"),
                DoubleColumn.create(Col.VISITOR_SHARE), DoubleColumn.create(Col.CI95_LOW), DoubleColumn.create(Col.CI95_HIGH),
                LongColumn.create(Col.VISITS), DoubleColumn.create(Col.VISITS_PER_PERSON));
    }

    private static void rateRow(Table t, String key, String label, long people, long visitors, long visits) {
        double p = people == 0 ? Double.NaN : (double) visitors / people;
        double h = people == 0 ? Double.NaN : Tails.Z975 * Math.sqrt(p * (1 - p) / people);
        t.stringColumn(key).append(label);
        t.longColumn(Col.PEOPLE).append(people);
        t.longColumn("visitors").append(visitors);
        t.doubleColumn(Col.VISITOR_SHARE).append(p);
        t.doubleColumn(Col.CI95_LOW).append(people == 0 ? Double.NaN : Math.max(0, p - h));
        t.doubleColumn(Col.CI95_HIGH).append(people == 0 ? Double.NaN : Math.min(1, p + h));
        t.longColumn(Col.VISITS).append(visits);
        t.doubleColumn(Col.VISITS_PER_PERSON).append(people == 0 ? Double.NaN : (double) visits / people);
    }

    private static Table visitTiming(Aggregates.VisitTiming v) {
        Table t = Table.create(VISIT_TIMING, StringColumn.create(Col.WINDOW), IntColumn.create("hours"), LongColumn.create(Col.VISITS),
                DoubleColumn.create(Col.SHARE_OF_VISITS));
        Object[][] rows = {{"within 1 h after an exposure", 1, v.within1h()}, {"within 24 h after an exposure", 24, v.within24h()},
                {"within 72 h after an exposure", 72, v.within72h()}, {"after any earlier exposure", null, v.afterAnyExposure()},
                {"no exposure before the visit", null, v.visits() - v.afterAnyExposure()}, {"all visits", null, v.visits()}};
        for (Object[] r : rows) {
            t.stringColumn(Col.WINDOW).append((String) r[0]);
            if (r[1] == null) t.intColumn("hours").appendMissing(); else t.intColumn("hours").append((Integer) r[1]);
            long k = (Long) r[2];
            t.longColumn(Col.VISITS).append(k);
            t.doubleColumn(Col.SHARE_OF_VISITS).append(v.visits() == 0 ? Double.NaN : (double) k / v.visits());
        }
        return t;
    }

    // ---------------------------------------------------------------- text

    /**
     * A Tablesaw table as a {@link TextTable}: whole numbers with thousands separators, DOUBLE columns whose
     * name contains "share" or starts with "ci95" as percentages, other doubles with {@link TextTable#num}, missing cells empty.
     * Column names are shown with spaces ("reach_share" -> "reach share").
     */
    public static TextTable text(Table t, String title) { return text(t, title, t.columnNames()); }

    /** As {@link #text(Table, String)} with only the named columns, in that order. */
    public static TextTable text(Table t, String title, List<String> columns) {
        List<String> headers = columns.stream().map(c -> c.replace('_', ' ')).toList();
        List<List<String>> rows = new ArrayList<>(t.rowCount());
        for (int i = 0; i < t.rowCount(); i++) {
            List<String> r = new ArrayList<>(columns.size());
            for (String name : columns) r.add(cell(t.column(name), i));
            rows.add(r);
        }
        return new TextTable(title, headers, rows);
    }

    /** Whether a DOUBLE column holds shares in [0,1], shown as percentages: its name contains "share" or starts with "ci95". */
    public static boolean percent(String column) { return column.contains("share") || column.startsWith("ci95"); }

    static String cell(Column<?> c, int i) {
        if (c.isMissing(i)) return "";
        if (c instanceof DoubleColumn d) {
            double v = d.getDouble(i);
            return percent(c.name()) ? TextTable.pct(v) : TextTable.num(v);
        }
        if (c instanceof LongColumn l) return TextTable.fmt(l.getLong(i));
        if (c instanceof IntColumn n) return TextTable.fmt(n.getInt(i));
        return c.getString(i);
    }

    private static LongColumn longs(String name, List<Long> v) { return LongColumn.create(name, v.stream().mapToLong(Long::longValue).toArray()); }

    private static DoubleColumn doubles(String name, List<Double> v) { return DoubleColumn.create(name, v.stream().mapToDouble(Double::doubleValue).toArray()); }
}
