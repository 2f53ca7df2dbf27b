//SOURCES ../ingest/*.java
//SOURCES ../storage/*.java
package report;

import ingest.Aggregates;
import ingest.Dataset;
import ingest.FileReport;
import numerics.Tails;
import report.SummaryTables.Col;
import storage.Metadata;
import storage.Store;
import tech.tablesaw.api.Table;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The exploratory analysis of the exposure logs (issue 6) as one object: the summary tables
 * ({@link SummaryTables}), the concise terminal text and the offline HTML report (every chart with a
 * title and axis labels, plotly shipped next to the pages).
 *
 * <pre>{@code
 * ExposureReport eda = ExposureReport.build(ds);          // ds = ingest.Ingest.load(dir, options)
 * System.out.print(eda.toText());
 * eda.saveTo(store, "eda");                               // keys eda/overview, eda/by_ad, ...
 * eda.html().section("Models").note("...").chart(...);    // optional: more sections before writing
 * HtmlReport.Written w = eda.write(Path.of("plots"));
 * }</pre>
 *
 * Sections: overview and input files; people (exposures and visits per person); demographics; patterns
 * of exposure (ads, channels, ad x channel, frequency, demographic segments, time); exposure and visits
 * (descriptive, not causal). Everything is computed from ingestion's aggregates and the per-person
 * table; nothing re-reads the input files.
 */
public final class ExposureReport {

    public static final String DEFAULT_TITLE = "Exposures and site visits: exploratory analysis";
    public static final String DESCRIPTIVE_NOTE = "Descriptive only: these are associations in observational data, not "
            + "effects of exposure. People who are exposed more often may differ in ways that also drive visits "
            + "(e.g. more time online), so higher visit rates at higher exposure do not show that ads cause visits.";

    private final SummaryTables summary;
    private final HtmlReport html;   // null: built without the HTML report
    private final String text;
    private final Map<String, Table> extra = new LinkedHashMap<>();

    private ExposureReport(SummaryTables summary, HtmlReport html, String text) {
        this.summary = summary;
        this.html = html;
        this.text = text;
    }

    public static ExposureReport build(Dataset ds) { return build(ds, DEFAULT_TITLE); }

    public static ExposureReport build(Dataset ds, String title) { return build(ds, title, true); }

    /**
     * With {@code html} false only the tables and the terminal text are built (the job's {@code --no-plots}):
     * the charts' figures are a third of the exploratory step's time on the sample. {@link #html()} then throws.
     */
    public static ExposureReport build(Dataset ds, String title, boolean html) {
        SummaryTables s = SummaryTables.of(ds);
        HtmlReport r = new HtmlReport(title);
        StringBuilder t = new StringBuilder();
        new Builder(ds, s, r, t, html).all();
        return new ExposureReport(s, html ? r : null, t.toString());
    }

    /** Concise terminal text: the key tables (the HTML report has them all, plus the charts). */
    public String toText() { return text; }

    /**
     * The HTML report, still open for additions: sections added here (e.g. model results) come after the
     * exploratory ones and appear in {@link #write}.
     */
    public HtmlReport html() {
        if (html == null) throw new IllegalStateException("this report was built without its HTML part: ExposureReport.build(ds, title, false)");
        return html;
    }

    /**
     * Marks a part of the job as missing from the report, at its top: "Not in this report: fitting the
     * exposure models failed: REASON. Everything else in this report is complete." (A static helper, so a
     * job whose exploratory step itself failed can mark a bare {@link HtmlReport} the same way.)
     */
    public static HtmlReport missingPart(HtmlReport html, String step, String reason) {
        return html.warning("Not in this report: " + step + " failed: " + reason + ". Everything else in this report is complete.");
    }

    /** The summary tables with their computed parts (segments, demographic summaries). */
    public SummaryTables summary() { return summary; }

    /** Writes index.html, one page per chart and plotly.js into outDir (created if needed). */
    public HtmlReport.Written write(Path outDir) { return html().write(outDir); }

    /** name -> table: the summary tables, then any added with {@link #addTable} (unmodifiable). */
    public Map<String, Table> tables() {
        Map<String, Table> all = new LinkedHashMap<>(summary.tables());
        all.putAll(extra);
        return Collections.unmodifiableMap(all);
    }

    /** Adds a table to {@link #tables()} and {@link #saveTo} (e.g. a model's coefficient table). */
    public ExposureReport addTable(String name, Table table) {
        if (tables().containsKey(name)) throw new IllegalArgumentException("a table named '" + name + "' is already in the report");
        extra.put(name, table);
        return this;
    }

    /**
     * Saves every table as a new version of {@code prefix/name} (just {@code name} when prefix is empty);
     * returns the metadata per key, in order.
     */
    public Map<String, Metadata> saveTo(Store store, String prefix) {
        String p = prefix == null || prefix.isEmpty() ? "" : prefix.endsWith("/") ? prefix : prefix + "/";
        Map<String, Metadata> out = new LinkedHashMap<>();
        for (Map.Entry<String, Table> e : tables().entrySet()) out.put(p + e.getKey(), store.saveTable(p + e.getKey(), e.getValue()));
        return out;
    }

    // ---------------------------------------------------------------- building

    /** Builds the HTML sections and the terminal text side by side from the same tables. */
    private static final class Builder {
        final Dataset ds;
        final SummaryTables s;
        final Aggregates agg;
        final HtmlReport r;
        final StringBuilder text;
        final boolean charts;

        Builder(Dataset ds, SummaryTables s, HtmlReport r, StringBuilder text, boolean charts) {
            this.ds = ds; this.s = s; this.agg = ds.aggregates(); this.r = r; this.text = text; this.charts = charts;
        }

        /** A chart in the report; not even built when the report has no charts (the job's --no-plots). */
        void chart(Supplier<Chart> c) { if (charts) r.chart(c.get()); }

        /** A heatmap with a row per {@code rows} label: taller than plotly's default so the labels stay readable. */
        static Chart tall(Chart heat, int rows) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) heat.figure().get("layout")).put("height", Math.max(450, 120 + 22 * rows));
            return heat;
        }

        /** A table in both the report and the terminal. */
        void both(TextTable t) { r.table(t); text.append(t.toText()).append('\n'); }

        void heading(String h) { r.section(h); text.append("== ").append(h).append(" ==\n\n"); }

        void line(String s) { text.append(s).append('\n'); }

        Table tab(String name) { return s.table(name); }

        void all() {
            overview();
            people();
            demographics();
            exposurePatterns();
            overTime();
            exposureAndVisits();
        }

        void overview() {
            heading("Overview");
            r.note("Every person in people.csv is counted, including people with no exposure or no visit. Quantiles use "
                    + "linear interpolation between order statistics (numpy default). Days, hours and weekdays are in "
                    + "UTC" + (agg.zone().getTotalSeconds() == 0 ? "" : agg.zone().getId()) + ".");
            String period = "Exposures " + when(agg.firstExposure()) + " to " + when(agg.lastExposure()) + "; site visits "
                    + when(agg.firstVisit()) + " to " + when(agg.lastVisit()) + ".";
            r.note(period);
            both(SummaryTables.text(tab(SummaryTables.OVERVIEW), "Overview"));
            line(period);
            line("");
            TextTable.Builder files = TextTable.builder("Input files", "file", "rows read", "accepted", "rejected", "problems");
            for (FileReport f : ds.report().files())
                files.row(f.file(), f.rowsRead(), f.rowsAccepted(), f.rowsRejected(),
                        f.problems().isEmpty() ? "none" : String.join("; ", f.problems().stream()
                                .map(p -> p.problem().label() + ": " + TextTable.fmt(p.count())).toList()));
            r.table(files.build());
            if (!ds.report().clean()) r.note("Rows with problems were left out or had cells set to missing; see the ingestion report printed by the job.");
        }

        void people() {
            heading("People: exposures and visits per person");
            r.note("Zero-exposure and zero-visit people are included. The linear histograms show counts up to the 99th "
                    + "percentile and put the rest into one overflow bar; the log-binned ones show the whole tail.");
            both(SummaryTables.text(tab(SummaryTables.PERSON_COUNTS), "Exposures and visits per person (all people)"));
            chart(() -> Charts.histogram(linear("exposures", s.exposures), "Exposures per person", "exposures per person", false));
            chart(() -> Charts.histogram(Histogram.ofCountsLog("exposures", s.exposures), "Exposures per person (log2 bins, log scale)", "exposures per person", true));
            chart(() -> Charts.cdf(Cdf.of("exposures", s.exposures), "Cumulative distribution of exposures per person", "exposures per person"));
            chart(() -> Charts.histogram(linear("visits", s.visits), "Site visits per person", "site visits per person", false));
            chart(() -> Charts.histogram(Histogram.ofCountsLog("visits", s.visits), "Site visits per person (log2 bins, log scale)", "site visits per person", true));
            chart(() -> Charts.cdf(Cdf.of("visits", s.visits), "Cumulative distribution of site visits per person", "site visits per person"));
        }

        /**
         * One bar per count up to the 99th percentile (at most 60 bars, so 0 and 1 never share a bar and the
         * zero share stays visible), then one overflow bar "N+".
         */
        static Histogram linear(String label, CountDistribution d) {
            int p99 = d.n() == 0 ? 0 : (int) Math.ceil(d.quantile(0.99));
            return Histogram.ofCounts(label, d, 61, Math.min(p99, 59));
        }

        /** Integer columns with at most this many distinct values are drawn as one bar per value. */
        static final int MAX_BARS_PER_VALUE = 100;

        /** A chart per demographic column: bars per value for small-range integer columns, else the column summary's chart. */
        Chart demographicChart(ColumnSummary c) {
            if (c instanceof ColumnSummary.Numeric && ds.people().column(c.name()) instanceof tech.tablesaw.api.NumericColumn<?> num) {
                double[] v = Segments.values(num);
                double[] distinct = Segments.distinct(v, MAX_BARS_PER_VALUE);
                if (distinct != null && distinct.length > 0 && Arrays.stream(distinct).allMatch(x -> x == Math.rint(x))
                        && distinct[distinct.length - 1] - distinct[0] < MAX_BARS_PER_VALUE) {   // every value in the range, zeros included
                    double lo = distinct[0];
                    double[] counts = new double[(int) (distinct[distinct.length - 1] - lo) + 1];
                    for (double x : v) if (!Double.isNaN(x)) counts[(int) (x - lo)]++;
                    List<String> labels = new ArrayList<>();
                    for (int k = 0; k < counts.length; k++) labels.add(TextTable.num(lo + k));
                    return Charts.bars(c.name() + ": distribution" + (c.missing() > 0 ? " (" + TextTable.fmt(c.missing()) + " missing)" : ""),
                            c.name(), "people", labels, counts);
                }
            }
            return c.chart();
        }

        void demographics() {
            heading("Demographics");
            r.note("One row per people.csv column. Numeric columns: quantiles of the present values; categorical columns: "
                    + "counts and shares of the present values (top " + ColumnSummary.TOP_LEVELS + ", the rest as \"(other)\"), "
                    + "missing counted separately.");
            TextTable cols = SummaryTables.text(tab(SummaryTables.DEMOGRAPHIC_COLUMNS), "Demographic columns",
                    List.of(Col.COLUMN, Col.KIND, Col.STORAGE, Col.ROWS, Col.MISSING, Col.MISSING_SHARE, Col.DISTINCT));
            both(cols);
            if (tab(SummaryTables.DEMOGRAPHICS_NUMERIC).rowCount() > 0)
                both(SummaryTables.text(tab(SummaryTables.DEMOGRAPHICS_NUMERIC), "Numeric columns (present values)"));
            for (ColumnSummary c : s.demographics)
                if (c instanceof ColumnSummary.Categorical cat) {
                    TextTable lv = cat.levelsTable();
                    r.table(lv);
                    text.append(compactLevels(cat)).append('\n');
                }
            text.append('\n');
            for (ColumnSummary c : s.demographics) chart(() -> demographicChart(c));
        }

        /** "gender (3 distinct, 2.9% missing): F 50.1%, M 47.0%, X 2.9%" */
        static String compactLevels(ColumnSummary.Categorical c) {
            StringBuilder b = new StringBuilder(c.name()).append(" (").append(c.cardinality()).append(" distinct, ")
                    .append(TextTable.pct(c.rows() == 0 ? Double.NaN : (double) c.missing() / c.rows())).append(" missing): ");
            int shown = Math.min(8, c.levels().size());
            for (int i = 0; i < shown; i++) {
                if (i > 0) b.append(", ");
                b.append(c.levels().get(i).value()).append(' ').append(TextTable.pct(c.levels().get(i).share()));
            }
            if (c.levels().size() > shown || c.otherCount() > 0) b.append(", ...");
            return b.toString();
        }

        void exposurePatterns() {
            heading("Patterns of exposure");
            r.note("Impressions = exposure rows; reach = people exposed at least once (share of all people); average "
                    + "frequency = impressions per person reached.");
            Table ad = tab(SummaryTables.BY_AD), ch = tab(SummaryTables.BY_CHANNEL);
            both(SummaryTables.text(ad, "By ad"));
            r.table(SummaryTables.text(ch, "By channel"));
            Table top = ch.sortDescendingOn("impressions").first(10);
            text.append(SummaryTables.text(top, "By channel (top " + top.rowCount() + " of " + ch.rowCount() + " by impressions; all in the report)").toText()).append('\n');
            chart(() -> Charts.bars("Impressions by ad", "ad", "impressions", strings(ad, Col.AD), values(ad, Col.IMPRESSIONS, 1)));
            chart(() -> Charts.bars("Reach by ad", "ad", "people reached (% of all people)", strings(ad, Col.AD), values(ad, Col.REACH_SHARE, 100)));
            chart(() -> Charts.bars("Average frequency by ad", "ad", "impressions per person reached", strings(ad, Col.AD), values(ad, Col.AVG_FREQUENCY, 1)));
            chart(() -> Charts.bars("Impressions by channel", "channel", "impressions", strings(ch, Col.CHANNEL), values(ch, Col.IMPRESSIONS, 1)));
            chart(() -> Charts.bars("Reach by channel", "channel", "people reached (% of all people)", strings(ch, Col.CHANNEL), values(ch, Col.REACH_SHARE, 100)));
            chart(() -> Charts.bars("Average frequency by channel", "channel", "impressions per person reached", strings(ch, Col.CHANNEL), values(ch, Col.AVG_FREQUENCY, 1)));
            List<String> ads = strings(ad, Col.AD), chans = strings(ch, Col.CHANNEL);
            double[][] z = new double[ads.size()][chans.size()];
            Map<String, Integer> ai = index(ads), ci = index(chans);
            for (Aggregates.AdChannel c : agg.adChannel()) z[ai.get(c.ad())][ci.get(c.channel())] += c.impressions();
            chart(() -> Charts.heatmap("Impressions by ad and channel", "channel", "ad", chans, ads, z, "impressions"));
            adChannelReach(ads, chans);
            frequencyBy(Col.AD, tab(SummaryTables.FREQUENCY_BY_AD), true);
            frequencyBy(Col.CHANNEL, tab(SummaryTables.FREQUENCY_BY_CHANNEL), false);

            Table f = tab(SummaryTables.FREQUENCY);
            both(SummaryTables.text(f, "Frequency among people reached (" + TextTable.fmt(agg.exposedPeople()) + " people, all ads and channels)"));
            chart(() -> Charts.bars("Frequency distribution among people reached", "exposures per person reached", "people",
                    strings(f, Col.FREQUENCY), values(f, Col.PEOPLE, 1)));

            segments();
        }

        /** Reach (% of all people) and average frequency heatmaps per ad x channel cell, and a one-line summary. */
        void adChannelReach(List<String> ads, List<String> chans) {
            Table ac = tab(SummaryTables.AD_CHANNEL);
            Map<String, Integer> ai = index(ads), ci = index(chans);
            double[][] reach = new double[ads.size()][chans.size()], freq = new double[ads.size()][chans.size()];
            int best = -1, bestFreq = -1;
            for (int i = 0; i < ac.rowCount(); i++) {
                int a = ai.get(ac.stringColumn(Col.AD).get(i)), c = ci.get(ac.stringColumn(Col.CHANNEL).get(i));
                reach[a][c] = 100 * ac.doubleColumn(Col.REACH_SHARE).getDouble(i);
                freq[a][c] = ac.doubleColumn(Col.AVG_FREQUENCY).getDouble(i);   // NaN (a gap) where nobody was reached
                if (best < 0 || ac.longColumn(Col.REACH).getLong(i) > ac.longColumn(Col.REACH).getLong(best)) best = i;
                if (!Double.isNaN(freq[a][c]) && (bestFreq < 0 || freq[a][c] > ac.doubleColumn(Col.AVG_FREQUENCY).getDouble(bestFreq))) bestFreq = i;
            }
            r.note("Ad x channel reach = people who saw that ad on that channel at least once (% of all people); "
                    + "average frequency = impressions in the cell per person it reached (blank: nobody reached).");
            chart(() -> Charts.heatmap("Reach by ad and channel", "channel", "ad", chans, ads, reach, "% of all people"));
            chart(() -> Charts.heatmap("Average frequency by ad and channel", "channel", "ad", chans, ads, freq, "impressions per person reached"));
            if (ac.rowCount() <= 200) r.table(SummaryTables.text(ac, "By ad and channel"));
            else r.note("The table by ad and channel (" + ac.rowCount() + " cells) is in the summary tables (" + SummaryTables.AD_CHANNEL + "), not on this page.");
            if (best >= 0) {
                String l = String.format(Locale.ROOT, "Ad x channel (%d cells; all in the report): highest reach %s on %s (%s of people, %s reached)",
                        ac.rowCount(), ac.stringColumn(Col.AD).get(best), ac.stringColumn(Col.CHANNEL).get(best),
                        TextTable.pct(ac.doubleColumn(Col.REACH_SHARE).getDouble(best)), TextTable.fmt(ac.longColumn(Col.REACH).getLong(best)));
                if (bestFreq >= 0)
                    l += String.format(Locale.ROOT, "; highest average frequency %s on %s (%s per person reached)",
                            ac.stringColumn(Col.AD).get(bestFreq), ac.stringColumn(Col.CHANNEL).get(bestFreq),
                            TextTable.num(ac.doubleColumn(Col.AVG_FREQUENCY).getDouble(bestFreq)));
                line(l + ".");
                line("");
            }
        }

        /**
         * Frequency distribution among the people reached by each ad or channel: a table of shares (in the
         * terminal too when inTerminal), and a chart of shares: stacked bars for at most 12 groups, else a heatmap.
         */
        void frequencyBy(String key, Table f, boolean inTerminal) {
            List<String> header = new ArrayList<>(List.of(key, "reached", "avg frequency"));
            for (int i = 0; i < Aggregates.FREQUENCY_CAP; i++) header.add(Aggregates.frequencyLabel(i));
            List<String> names = strings(f, key);
            double[][] share = new double[names.size()][Aggregates.FREQUENCY_CAP];
            List<List<String>> rows = new ArrayList<>();
            for (int k = 0; k < names.size(); k++) {
                long reached = f.longColumn(Col.REACH).getLong(k);
                List<String> row = new ArrayList<>(List.of(names.get(k), TextTable.fmt(reached), TextTable.num(f.doubleColumn(Col.AVG_FREQUENCY).getDouble(k))));
                for (int i = 0; i < Aggregates.FREQUENCY_CAP; i++) {
                    share[k][i] = reached == 0 ? Double.NaN : (double) f.longColumn(SummaryTables.frequencyColumn(i)).getLong(k) / reached;
                    row.add(TextTable.pct(share[k][i]));
                }
                rows.add(row);
            }
            TextTable t = new TextTable("Frequency distribution by " + key + " (share of the people it reached)", header, rows);
            if (inTerminal) both(t); else r.table(t);
            List<String> buckets = new ArrayList<>();
            for (int i = 0; i < Aggregates.FREQUENCY_CAP; i++) buckets.add(Aggregates.frequencyLabel(i));
            String title = "Frequency distribution by " + key;
            if (names.size() <= 12) {
                List<double[]> series = new ArrayList<>();
                for (int i = 0; i < Aggregates.FREQUENCY_CAP; i++) {
                    double[] v = new double[names.size()];
                    for (int k = 0; k < v.length; k++) v[k] = 100 * share[k][i];
                    series.add(v);
                }
                chart(() -> Charts.stackedBars(title, key, "% of the people it reached", names, buckets, series, "exposures"));
            } else {
                double[][] z = new double[names.size()][];
                for (int k = 0; k < z.length; k++) z[k] = Arrays.stream(share[k]).map(x -> 100 * x).toArray();
                chart(() -> tall(Charts.heatmap(title, "exposures per person reached", key, buckets, names, z, "% of reached"), names.size()));
            }
        }

        void segments() {
            List<Segments.Row> rows = s.segments;
            if (rows.isEmpty()) return;
            r.note("Demographic segments: categorical columns by value (most common first), age in the usual bands, "
                    + "other numeric columns by value when they have at most " + Segments.MAX_DISTINCT_VALUES
                    + " distinct values, else in quintile bands; \"(missing)\" last.");
            Table seg = tab(SummaryTables.SEGMENTS);
            both(SummaryTables.text(seg, "By demographic segment",
                    List.of(Col.COLUMN, Col.SEGMENT, Col.PEOPLE, Col.REACH_SHARE, Col.IMPRESSIONS, Col.AVG_FREQUENCY, Col.VISITOR_SHARE)));
            List<String> header = new ArrayList<>(List.of("column", "segment", "reached"));
            List<List<String>> fr = new ArrayList<>();
            for (int i = 0; i < Aggregates.FREQUENCY_CAP; i++) header.add(Aggregates.frequencyLabel(i));
            for (Segments.Row x : rows) {
                List<String> row = new ArrayList<>(List.of(x.column(), x.segment(), TextTable.fmt(x.reached())));
                for (int i = 0; i < Aggregates.FREQUENCY_CAP; i++) row.add(TextTable.pct(x.frequencyShare(i)));
                fr.add(row);
            }
            r.table(new TextTable("Frequency distribution by demographic segment (share of people reached)", header, fr));
            List<String> labels = rows.stream().map(Segments.Row::label).toList();
            double[] reach = new double[rows.size()], lo = new double[rows.size()], hi = new double[rows.size()];
            for (int k = 0; k < reach.length; k++) {
                Segments.Row x = rows.get(k);
                double p = x.reachShare(), h = Tails.Z975 * Math.sqrt(p * (1 - p) / x.people());
                reach[k] = 100 * p; lo[k] = 100 * Math.max(0, p - h); hi[k] = 100 * Math.min(1, p + h);
            }
            chart(() -> Charts.horizontalBarsWithErrors("Reach by demographic segment", "people reached (% of segment; bars: 95% CI)",
                    "segment", labels, reach, lo, hi));
            double[] freq = rows.stream().mapToDouble(Segments.Row::averageFrequency).toArray();
            chart(() -> Charts.horizontalBarsWithErrors("Average frequency by demographic segment", "impressions per person reached",
                    "segment", labels, freq, freq, freq));
            List<String> freqLabels = new ArrayList<>();
            for (int i = 0; i < Aggregates.FREQUENCY_CAP; i++) freqLabels.add(Aggregates.frequencyLabel(i));
            double[][] z = new double[rows.size()][Aggregates.FREQUENCY_CAP];
            for (int k = 0; k < rows.size(); k++) for (int i = 0; i < Aggregates.FREQUENCY_CAP; i++) z[k][i] = 100 * rows.get(k).frequencyShare(i);
            chart(() -> tall(Charts.heatmap("Frequency distribution by demographic segment", "exposures per person reached", "segment",
                    freqLabels, labels, z, "% of reached"), rows.size()));
        }

        void overTime() {
            heading("Exposure and visits over time");
            Table d = tab(SummaryTables.BY_DAY);
            if (d.rowCount() > 0) {
                List<String> days = d.dateColumn(Col.DAY).asList().stream().map(Object::toString).toList();
                chart(() -> Charts.lines("Impressions per day", "day", "impressions", days, List.of("impressions"), List.of(values(d, Col.EXPOSURES, 1))));
                chart(() -> Charts.lines("Site visits per day", "day", "site visits", days, List.of("site visits"), List.of(values(d, Col.VISITS, 1))));
                int peak = argMax(values(d, Col.EXPOSURES, 1)), vpeak = argMax(values(d, Col.VISITS, 1));
                String l = String.format(Locale.ROOT, "Per day (%d days, %s to %s): impressions mean %s, peak %s on %s; visits mean %s, peak %s on %s.",
                        d.rowCount(), days.get(0), days.get(days.size() - 1),
                        TextTable.num(agg.exposures() / (double) d.rowCount()), TextTable.fmt(d.longColumn(Col.EXPOSURES).getLong(peak)), days.get(peak),
                        TextTable.num(agg.visits() / (double) d.rowCount()), TextTable.fmt(d.longColumn(Col.VISITS).getLong(vpeak)), days.get(vpeak));
                r.note(l);
                line(l);
            }
            long[][] e = new long[7][24], v = new long[7][24];
            for (Aggregates.HourWeekday h : agg.hourWeekday()) {
                e[h.weekday().getValue() - 1][h.hour()] = h.exposures();
                v[h.weekday().getValue() - 1][h.hour()] = h.visits();
            }
            chart(() -> Charts.hourByWeekday("Impressions by hour and weekday", e, "impressions"));
            chart(() -> Charts.hourByWeekday("Site visits by hour and weekday", v, "site visits"));
            String l = "Busiest hour of the week: impressions " + peakCell(e) + ", visits " + peakCell(v) + ".";
            r.note(l);
            line(l);
            line("");
        }

        static String peakCell(long[][] c) {
            int bd = 0, bh = 0;
            for (int d = 0; d < 7; d++) for (int h = 0; h < 24; h++) if (c[d][h] > c[bd][bh]) { bd = d; bh = h; }
            return String.format(Locale.ROOT, "%s %02d:00 (%s)", List.of("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun").get(bd), bh, TextTable.fmt(c[bd][bh]));
        }

        void exposureAndVisits() {
            heading("Exposure and visits (descriptive)");
            r.note(DESCRIPTIVE_NOTE);
            line(DESCRIPTIVE_NOTE);
            line("");
            Table vf = tab(SummaryTables.VISITS_BY_FREQUENCY);
            both(SummaryTables.text(vf, "Visit rate by exposure frequency (95% Wald interval)"));
            List<String> b = strings(vf, Col.EXPOSURES);
            double[] share = values(vf, Col.VISITOR_SHARE, 100), lo = values(vf, Col.CI95_LOW, 100), hi = values(vf, Col.CI95_HIGH, 100);
            double[] err = new double[share.length];
            for (int i = 0; i < err.length; i++) err[i] = Math.max(share[i] - lo[i], hi[i] - share[i]);
            chart(() -> Charts.bars("Visitor share by exposure frequency", "exposures per person", "people with a visit (%, bars: 95% CI)",
                    b, share, err, false));
            chart(() -> Charts.bars("Site visits per person by exposure frequency", "exposures per person", "site visits per person",
                    b, values(vf, Col.VISITS_PER_PERSON, 1)));
            Table eu = tab(SummaryTables.EXPOSED_VS_UNEXPOSED);
            both(SummaryTables.text(eu, "Exposed vs. unexposed"));
            double[] es = values(eu, Col.VISITOR_SHARE, 100), elo = values(eu, Col.CI95_LOW, 100), ehi = values(eu, Col.CI95_HIGH, 100);
            double[] eerr = new double[es.length];
            for (int i = 0; i < es.length; i++) eerr[i] = Math.max(es[i] - elo[i], ehi[i] - es[i]);
            chart(() -> Charts.bars("Visitor share: exposed vs. unexposed", "group", "people with a visit (%, bars: 95% CI)",
                    strings(eu, Col.GROUP), es, eerr, false));
            if (s.tables().containsKey(SummaryTables.VISIT_TIMING)) {
                Table vt = tab(SummaryTables.VISIT_TIMING);
                r.note("Visit timing: for each visit, the latest exposure of the same person at or before it; windows are inclusive.");
                both(SummaryTables.text(vt, "Site visits by time since the latest earlier exposure"));
                Table shown = vt.first(4);
                chart(() -> Charts.bars("Share of site visits within 1, 24 and 72 hours after an exposure", "time since the latest earlier exposure",
                        "site visits (% of all visits)", strings(shown, Col.WINDOW).stream()
                                .map(w -> w.replace(" after an exposure", "").replace("after any earlier exposure", "any time after one")).toList(),
                        values(shown, Col.SHARE_OF_VISITS, 100)));
            } else {
                String l = "Visit timing (share of visits within 1/24/72 h after an exposure) is not available: ingestion ran with visit timing off.";
                r.note(l);
                line(l);
            }
        }

        // ------------------------------------------------------------ helpers

        static List<String> strings(Table t, String col) { return new ArrayList<>(t.stringColumn(col).asList()); }

        static double[] values(Table t, String col, double scale) {
            double[] v = new double[t.rowCount()];
            var c = t.numberColumn(col);
            for (int i = 0; i < v.length; i++) v[i] = c.isMissing(i) ? Double.NaN : scale * c.getDouble(i);
            return v;
        }

        static Map<String, Integer> index(List<String> labels) {
            Map<String, Integer> m = new LinkedHashMap<>();
            for (int i = 0; i < labels.size(); i++) m.put(labels.get(i), i);
            return m;
        }

        static int argMax(double[] v) {
            int b = 0;
            for (int i = 1; i < v.length; i++) if (v[i] > v[b]) b = i;
            return b;
        }

        String when(Instant i) {
            return i == null ? "(none)" : LocalDateTime.ofInstant(i, agg.zone()).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT));
        }
    }
}
