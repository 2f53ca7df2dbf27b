package model;

import report.Chart;
import report.Charts;
import report.HtmlReport;
import report.IntervalCharts;
import report.TextTable;
import stats.RateRegression.Fit;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The visit-lift analysis ({@link VisitLift}): immutable. {@link #tables()} are what the store keeps
 * ({@code visit_*}); {@link #summary()} and {@link #addCharts} show the same numbers, formatted from
 * those tables.
 *
 * @param fits      every fitted model by description (coefficients with robust SEs in their summaries)
 * @param slopes    naive, exposure-weighted average of the segment lifts, and per-segment lifts (identity link)
 * @param logLink   per segment: rate ratio per exposure and average marginal effect (log link)
 * @param hinges    dose-response: change of the lift beyond each knot
 * @param tests     Wald tests (diminishing returns, equal lifts across segments / ads / channels)
 * @param timing    null without event times
 * @param seconds   wall time per step (for benchmarks; not part of the results)
 */
public record VisitLiftResult(VisitLiftOptions options, String segment, String formula, int people, Map<String, Fit> fits,
                              List<LiftRow> slopes, List<LiftRow> logLink, List<Double> knots, List<LiftRow> hinges,
                              List<Test> tests, List<DoseBucket> doseResponse, List<LiftRow> byAd, List<LiftRow> byChannel,
                              VisitTiming timing, List<String> notes, Map<String, Table> tables, Map<String, Double> seconds) {

    public static final String ASSUMPTIONS = "Causal reading assumes no unmeasured confounding beyond the adjusters "
            + "(demographics) and that visits do not cause exposures; intervals are robust (sandwich) Wald intervals.";

    /** A Wald test. */
    public record Test(String hypothesis, double chi2, int df, double p) {}

    static VisitLiftResult of(VisitLiftOptions o, String segment, String formula, int people, Map<String, Fit> fits, List<LiftRow> slopes,
                              List<LiftRow> logLink, List<Double> knots, List<LiftRow> hinges, List<Test> tests, List<DoseBucket> dose,
                              List<LiftRow> byAd, List<LiftRow> byChannel, VisitTiming timing, List<String> notes, Map<String, Double> seconds) {
        Map<String, Table> t = new LinkedHashMap<>();
        t.put("visit_lift_slopes", lifts("visit_lift_slopes", slopes));
        t.put("visit_lift_loglink", lifts("visit_lift_loglink", logLink));
        t.put("visit_lift_models", models(fits));
        t.put("visit_dose_response", dose(dose));
        t.put("visit_dose_hinges", lifts("visit_dose_hinges", hinges));
        t.put("visit_tests", tests(tests));
        if (!byAd.isEmpty()) t.put("visit_lift_by_ad", lifts("visit_lift_by_ad", byAd));
        if (!byChannel.isEmpty()) t.put("visit_lift_by_channel", lifts("visit_lift_by_channel", byChannel));
        if (timing != null) {
            t.put("visit_timing_share", timingShare(timing));
            t.put("visit_timing_delay", timingDelay(timing));
        }
        return new VisitLiftResult(o, segment, formula, people, Collections.unmodifiableMap(new LinkedHashMap<>(fits)), List.copyOf(slopes),
                List.copyOf(logLink), List.copyOf(knots), List.copyOf(hinges), List.copyOf(tests), List.copyOf(dose), List.copyOf(byAd),
                List.copyOf(byChannel), timing, List.copyOf(notes), Collections.unmodifiableMap(t), Collections.unmodifiableMap(new LinkedHashMap<>(seconds)));
    }

    /** The lift rows of one model (as in {@link #slopes}), by term. */
    public List<LiftRow> slopes(String model) {
        return slopes.stream().filter(r -> r.model().equals(model)).toList();
    }

    public LiftRow naive() { return slopes.get(0); }
    public LiftRow averageLift() { return slopes.get(1); }

    // ---------------------------------------------------------------- tables (what the store keeps)

    private static Table lifts(String name, List<LiftRow> rows) {
        Table t = Table.create(name, StringColumn.create("model"), StringColumn.create("term"), LongColumn.create("exposures"),
                DoubleColumn.create("estimate"), DoubleColumn.create("std_err"), DoubleColumn.create("ci_lower"), DoubleColumn.create("ci_upper"),
                DoubleColumn.create("p_value"), StringColumn.create("interval"));
        for (LiftRow r : rows) {
            t.stringColumn(0).append(r.model());
            t.stringColumn(1).append(r.term());
            t.longColumn(2).append(r.exposures());
            t.doubleColumn(3).append(r.estimate());
            t.doubleColumn(4).append(r.se());
            t.doubleColumn(5).append(r.lower());
            t.doubleColumn(6).append(r.upper());
            t.doubleColumn(7).append(r.p());
            t.stringColumn(8).append(r.interval());
        }
        return t;
    }

    private static Table models(Map<String, Fit> fits) {
        Table t = Table.create("visit_lift_models", StringColumn.create("model"), StringColumn.create("family"), StringColumn.create("link"),
                StringColumn.create("method"), IntColumn.create("n"), IntColumn.create("parameters"), DoubleColumn.create("log_likelihood"), DoubleColumn.create("aic"),
                DoubleColumn.create("alpha"), IntColumn.create("iterations"), StringColumn.create("converged"));
        fits.forEach((k, f) -> {
            t.stringColumn(0).append(k);
            t.stringColumn(1).append(f.family());
            t.stringColumn(2).append(f.link().name().toLowerCase(Locale.ROOT));
            t.stringColumn(3).append(f.method());
            t.intColumn(4).append(f.n());
            t.intColumn(5).append(f.beta().length);
            t.doubleColumn(6).append(f.logLikelihood());
            t.doubleColumn(7).append(f.aic());
            t.doubleColumn(8).append(f.alpha());
            t.intColumn(9).append(f.iterations());
            t.stringColumn(10).append(f.converged() ? "yes" : "no");
        });
        return t;
    }

    private static Table dose(List<DoseBucket> rows) {
        Table t = Table.create("visit_dose_response", StringColumn.create("exposures"), IntColumn.create("from"), IntColumn.create("to"),
                LongColumn.create("people"), DoubleColumn.create("mean_exposures"), DoubleColumn.create("mean_visits"),
                DoubleColumn.create("ci_lower"), DoubleColumn.create("ci_upper"), DoubleColumn.create("fitted_linear"), DoubleColumn.create("fitted_hinges"));
        for (DoseBucket b : rows) {
            t.stringColumn(0).append(b.label());
            t.intColumn(1).append(b.from());
            t.intColumn(2).append(b.to());
            t.longColumn(3).append(b.people());
            t.doubleColumn(4).append(b.meanExposures());
            t.doubleColumn(5).append(b.meanVisits());
            t.doubleColumn(6).append(b.lower());
            t.doubleColumn(7).append(b.upper());
            t.doubleColumn(8).append(b.fittedLinear());
            t.doubleColumn(9).append(b.fittedHinges());
        }
        return t;
    }

    private static Table tests(List<Test> tests) {
        Table t = Table.create("visit_tests", StringColumn.create("hypothesis"), DoubleColumn.create("chi2"), IntColumn.create("df"), DoubleColumn.create("p_value"));
        for (Test x : tests) {
            t.stringColumn(0).append(x.hypothesis());
            t.doubleColumn(1).append(x.chi2());
            t.intColumn(2).append(x.df());
            t.doubleColumn(3).append(x.p());
        }
        return t;
    }

    private static Table timingShare(VisitTiming v) {
        Table t = Table.create("visit_timing_share", StringColumn.create("measure"), DoubleColumn.create("estimate"),
                DoubleColumn.create("ci_lower"), DoubleColumn.create("ci_upper"));
        add(t, "visits triggered by exposures", v.triggered(), v.triggeredCi()[0], v.triggeredCi()[1]);
        add(t, "delay mean (hours)", v.delayMean(), v.delayMeanCi()[0], v.delayMeanCi()[1]);
        add(t, "delay median (hours)", v.delayMedian(), Double.NaN, Double.NaN);
        for (int i = 0; i < v.withinHours().length; i++)
            add(t, "share of visits attributable within " + v.withinHours()[i] + " h", v.share()[i][0], v.share()[i][1], v.share()[i][2]);
        return t;
    }

    private static void add(Table t, String m, double e, double lo, double hi) {
        t.stringColumn(0).append(m);
        t.doubleColumn(1).append(e);
        t.doubleColumn(2).append(lo);
        t.doubleColumn(3).append(hi);
    }

    private static Table timingDelay(VisitTiming v) {
        int h = v.horizonHours();
        int[] lag = new int[h];
        double[] dens = new double[h];
        for (int b = 0; b < h; b++) { lag[b] = b; dens[b] = v.triggered() > 0 ? v.attributable()[b] / v.triggered() : Double.NaN; }
        return Table.create("visit_timing_delay", IntColumn.create("lag_hour", lag), DoubleColumn.create("observed_pairs", v.observed()),
                DoubleColumn.create("baseline_pairs", v.baseline()), DoubleColumn.create("attributable_visits", v.attributable()),
                DoubleColumn.create("delay_density", dens), DoubleColumn.create("density_lower", v.delayDensityLower()),
                DoubleColumn.create("density_upper", v.delayDensityUpper()));
    }

    // ---------------------------------------------------------------- text and report, from the tables

    /** A stored table as a report table: every cell is the stored value, formatted by {@link TextTable#fmt}. */
    public static TextTable text(Table t, String title, List<String> columns) {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < t.rowCount(); i++) {
            List<String> r = new ArrayList<>();
            for (String c : columns) {
                Column<?> col = t.column(c);
                r.add(TextTable.fmt(col.get(i)));
            }
            rows.add(r);
        }
        return new TextTable(title, columns, rows);
    }

    private static final List<String> LIFT_COLS = List.of("model", "term", "exposures", "estimate", "ci_lower", "ci_upper", "p_value");

    /** The report tables, in order (the terminal prints the same). */
    public List<TextTable> textTables() {
        List<TextTable> out = new ArrayList<>();
        out.add(text(tables.get("visit_lift_slopes"), "Extra visits per exposure (identity link): naive vs adjusted, by " + (segment == null ? "population" : segment), LIFT_COLS));
        out.add(text(tables.get("visit_lift_loglink"), "Log link: rate ratio per exposure and average marginal effect", LIFT_COLS));
        out.add(text(tables.get("visit_lift_models"), "Visit models", List.of("model", "family", "link", "method", "parameters", "log_likelihood", "aic", "alpha")));
        out.add(text(tables.get("visit_dose_response"), "Visits by exposure frequency, observed (95% CI) and fitted",
                List.of("exposures", "people", "mean_exposures", "mean_visits", "ci_lower", "ci_upper", "fitted_linear", "fitted_hinges")));
        out.add(text(tables.get("visit_dose_hinges"), "Dose-response: change of the lift beyond each knot", LIFT_COLS.subList(1, LIFT_COLS.size())));
        out.add(text(tables.get("visit_tests"), "Wald tests (robust)", List.of("hypothesis", "chi2", "df", "p_value")));
        if (tables.containsKey("visit_lift_by_ad")) out.add(text(tables.get("visit_lift_by_ad"),
                "Extra visits per exposure by ad (Bonferroni intervals; p Bonferroni-adjusted)", LIFT_COLS.subList(1, LIFT_COLS.size())));
        if (tables.containsKey("visit_lift_by_channel")) out.add(text(tables.get("visit_lift_by_channel"),
                "Extra visits per exposure by channel (Bonferroni intervals; p Bonferroni-adjusted)", LIFT_COLS.subList(1, LIFT_COLS.size())));
        if (tables.containsKey("visit_timing_share")) out.add(text(tables.get("visit_timing_share"), "Timing of the extra visits (bootstrap " + pctText() + " intervals)",
                List.of("measure", "estimate", "ci_lower", "ci_upper")));
        return out;
    }

    private String pctText() { return num(100 * options.level()) + "%"; }

    public String summary() {
        StringBuilder sb = new StringBuilder("== Visit lift: did the ads bring visitors? ==\n\n");
        sb.append("Model: ").append(formula).append(String.format(Locale.ROOT, " (%,d people)%n", people));
        sb.append(ASSUMPTIONS).append('\n');
        LiftRow nv = naive(), avg = averageLift();
        sb.append(String.format(Locale.ROOT, "Naive slope %s [%s, %s] vs adjusted exposure-weighted average lift %s [%s, %s] extra visits per exposure%s.%n",
                TextTable.fmt(nv.estimate()), TextTable.fmt(nv.lower()), TextTable.fmt(nv.upper()),
                TextTable.fmt(avg.estimate()), TextTable.fmt(avg.lower()), TextTable.fmt(avg.upper()),
                nv.lower() > avg.upper() || nv.upper() < avg.lower() ? ": the intervals do not overlap, so the naive comparison is confounded" : ""));
        for (String note : notes) sb.append("Note: ").append(note).append('\n');
        sb.append('\n');
        for (TextTable t : textTables()) sb.append(t.toText()).append('\n');
        if (timing != null) sb.append(timing.summary()).append('\n');
        return sb.toString();
    }

    /** Adds the section "Visit lift" with the tables and the charts (every estimate with its interval). */
    public HtmlReport addCharts(HtmlReport html) {
        html.section("Visit lift: did the ads bring visitors?");
        html.note("Model: " + formula + ". " + ASSUMPTIONS + " These are estimates under those assumptions, not proof: "
                + "an unmeasured driver of both exposure and visits (e.g. time spent online) would bias every lift here.");
        for (String n : notes) html.note(n);
        textTables().forEach(html::table);
        charts().forEach(html::chart);
        return html;
    }

    public List<Chart> charts() {
        List<Chart> out = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<LiftRow> shown = new ArrayList<>();
        for (LiftRow r : slopes) {
            if (r.model().contains("NB2")) continue;
            shown.add(r);
            names.add(r.model().replace("adjusted, lift by segment, identity Poisson", "adjusted") + ": " + r.term());
        }
        out.add(IntervalCharts.forest("Extra visits per exposure: naive vs adjusted (" + pctText() + " robust CI)", "extra visits per exposure", "model: segment",
                names, shown.stream().mapToDouble(LiftRow::estimate).toArray(), shown.stream().mapToDouble(LiftRow::lower).toArray(),
                shown.stream().mapToDouble(LiftRow::upper).toArray(), 0));
        double[] x = doseResponse.stream().mapToDouble(DoseBucket::meanExposures).toArray();
        List<Charts.Series> lines = new ArrayList<>();
        lines.add(new Charts.Series("linear lift (adjusted model)", x, doseResponse.stream().mapToDouble(DoseBucket::fittedLinear).toArray()));
        if (!hinges.isEmpty()) lines.add(new Charts.Series("with hinges at " + knots, x, doseResponse.stream().mapToDouble(DoseBucket::fittedHinges).toArray()));
        out.add(IntervalCharts.pointsWithLines("Visits per person by exposure frequency (observed mean, " + pctText() + " CI) and the models' curves",
                "exposures per person (bucket mean)", "visits per person", "observed", x,
                doseResponse.stream().mapToDouble(DoseBucket::meanVisits).toArray(), doseResponse.stream().mapToDouble(DoseBucket::lower).toArray(),
                doseResponse.stream().mapToDouble(DoseBucket::upper).toArray(), lines));
        for (List<LiftRow> rows : List.of(byAd, byChannel)) {
            if (rows.isEmpty()) continue;
            String what = rows == byAd ? "ad" : "channel";
            out.add(IntervalCharts.forest("Extra visits per exposure by " + what + " (" + rows.get(0).interval() + ")", "extra visits per exposure", what,
                    rows.stream().map(LiftRow::term).toList(), rows.stream().mapToDouble(LiftRow::estimate).toArray(),
                    rows.stream().mapToDouble(LiftRow::lower).toArray(), rows.stream().mapToDouble(LiftRow::upper).toArray(), 0));
        }
        if (timing != null && timing.available()) {
            int h = Math.min(72, timing.horizonHours());
            double[] lag = new double[h], d = new double[h], lo = new double[h], hi = new double[h], ex = new double[h];
            double m = timing.delayMean();
            for (int b = 0; b < h; b++) {
                lag[b] = b + 0.5;
                d[b] = timing.attributable()[b] / timing.triggered();
                lo[b] = timing.delayDensityLower()[b];
                hi[b] = timing.delayDensityUpper()[b];
                ex[b] = Math.exp(-b / m) - Math.exp(-(b + 1) / m);
            }
            out.add(IntervalCharts.band(String.format(Locale.ROOT, "Delay from exposure to the triggered visit (share per hour; mean %.1f h)", m),
                    "hours after the exposure", "share of triggered visits per hour", "estimated", lag, d, lo, hi, pctText() + " bootstrap band",
                    List.of(new Charts.Series(String.format(Locale.ROOT, "exponential, mean %.1f h", m), lag, ex))));
            int H = timing.horizonHours();
            double[] all = new double[H];
            for (int b = 0; b < H; b++) all[b] = b + 0.5;
            out.add(Charts.scatter("Exposure-visit pairs per lag hour: observed vs the week-shifted baseline", "hours from exposure to visit", "pairs",
                    new Charts.Series("observed", all, timing.observed()), List.of(new Charts.Series("baseline (visits shifted by whole weeks)", all, timing.baseline()))));
        }
        return out;
    }

    static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4g", v);
    }
}
