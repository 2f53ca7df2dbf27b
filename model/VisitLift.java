package model;

import ingest.ColumnInfo;
import ingest.ColumnKind;
import ingest.Dataset;
import ingest.EventTimes;
import org.apache.commons.math3.distribution.NormalDistribution;
import stats.RateRegression;
import stats.RateRegression.Fit;
import stats.RateRegression.Link;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Did the ads bring visitors? Visits per person on exposures, adjusted for the demographics, with one
 * additive lift per exposure for each level of a segment (region by default), next to the naive
 * (unadjusted) slope; the same with a log link; dose-response with a test for diminishing returns; the
 * timing of the extra visits ({@link VisitTiming}); the lift per ad and per channel with
 * Bonferroni-adjusted intervals. One entry point:
 * <pre>{@code
 * var events = new ingest.EventTimes.Collector();
 * var ds = ingest.Ingest.load(Path.of("data"), ingest.IngestOptions.defaults(), events);
 * var r = model.VisitLift.analyse(ds, events.result(), model.VisitLiftOptions.defaults());
 * System.out.print(r.summary());   r.tables();   r.addCharts(html);
 * }</pre>
 *
 * <p>Causal reading needs (a) no unmeasured confounding beyond the adjusters and (b) exposures not caused
 * by visits; the README says what the numbers do not prove. The identity-link model is the generator's
 * form ({@code E[visits] = baseline(adjusters) + slope[segment] * exposures}); intervals are robust
 * (sandwich) Wald intervals.
 */
public final class VisitLift {
    private VisitLift() {}

    static final int[][] BUCKETS = {{0, 0}, {1, 1}, {2, 2}, {3, 3}, {4, 4}, {5, 6}, {7, 9}, {10, 14}, {15, 19}, {20, 29},
            {30, 49}, {50, 99}, {100, Integer.MAX_VALUE}};

    /** Runs everything; {@code events} may be null (then no timing and no per-ad/channel lifts). */
    public static VisitLiftResult analyse(Dataset ds, EventTimes events, VisitLiftOptions o) {
        return analyse(ds, events, o, new ArrayList<>());
    }

    private static VisitLiftResult analyse(Dataset ds, EventTimes events, VisitLiftOptions o, List<String> notes) {
        Table persons = ds.persons();
        if (events != null && events.persons() != persons.rowCount())
            throw new ModelException("event times hold " + events.persons() + " people, the persons table " + persons.rowCount());
        Map<String, Double> secs = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        double cpu0 = cpu(), cpuStep = cpu0;
        ExposureSpec spec = adjusterSpec(ds.demographics());
        VisitAdjusters adj;
        try {
            adj = VisitAdjusters.applies(spec) ? VisitAdjusters.of(persons, spec) : VisitAdjusters.viaDesign(persons, spec);
        } catch (IllegalArgumentException e) {
            throw new ModelException("cannot build the visit model's adjusters: " + e.getMessage(), e);
        }
        int[] rows = adj.rows();
        int n = rows.length;
        double[] y = column(persons, "visits", rows), x = column(persons, "exposures", rows);
        if (n < persons.rowCount()) notes.add((persons.rowCount() - n) + " people without usable adjusters are left out.");

        // segment codes
        String segCol = segmentColumn(ds, o);
        List<String> levels = new ArrayList<>();
        int[] seg = new int[n];
        if (segCol != null) {
            Column<?> c = persons.column(segCol);
            Map<String, Integer> first = new java.util.HashMap<>();
            List<String> seen = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String v = c.isMissing(rows[i]) ? "(missing)" : c.getString(rows[i]);
                Integer k = first.get(v);
                if (k == null) { k = seen.size(); first.put(v, k); seen.add(v); }
                seg[i] = k;
            }
            levels.addAll(new java.util.TreeSet<>(seen));
            if (levels.remove("(missing)")) levels.add("(missing)");
            int[] remap = new int[seen.size()];
            for (int k = 0; k < remap.length; k++) remap[k] = levels.indexOf(seen.get(k));
            for (int i = 0; i < n; i++) seg[i] = remap[seg[i]];
        } else levels.add("all");
        int L = levels.size();
        long[] segExposures = new long[L], segPeople = new long[L];
        for (int i = 0; i < n; i++) { segExposures[seg[i]] += (long) x[i]; segPeople[seg[i]]++; }

        // design blocks
        double[] one = new double[n];
        Arrays.fill(one, 1);
        List<double[]> adjCols = new ArrayList<>(List.of(one));
        List<String> adjNames = new ArrayList<>(List.of("const"));
        for (int j = 0; j < adj.names().size(); j++) { adjCols.add(adj.columns()[j]); adjNames.add(adj.names().get(j)); }
        List<Integer> fitted = new ArrayList<>();          // segment levels with a slope column
        List<double[]> segCols = new ArrayList<>();
        List<String> segNames = new ArrayList<>();
        for (int l = 0; l < L; l++) {
            if (segExposures[l] == 0) { notes.add("segment '" + levels.get(l) + "' has no exposures: no lift estimated for it."); continue; }
            double[] c = new double[n];
            for (int i = 0; i < n; i++) if (seg[i] == l) c[i] = x[i];
            fitted.add(l);
            segCols.add(c);
            segNames.add(segCol == null ? "exposures" : "exposures:" + segCol + "[" + levels.get(l) + "]");
        }
        if (fitted.isEmpty()) throw new ModelException("nobody is exposed: no visit lift can be estimated");

        secs.put("design", lap(t0)); secs.put("design (CPU)", cpu() - cpuStep); cpuStep = cpu();
        t0 = System.nanoTime();
        Map<String, Fit> fits = new LinkedHashMap<>();
        double[][] segX = concat(adjCols, segCols);
        List<String> segXNames = concatNames(adjNames, segNames);
        Fit naive, ident, identNb, logLink = null;
        try {
            naive = RateRegression.fit(y, new double[][] {one, x}, List.of("const", "exposures"), Link.IDENTITY, 0);
            ident = RateRegression.fit(y, segX, segXNames, Link.IDENTITY, 0);
            identNb = RateRegression.fitNb(y, segX, segXNames, Link.IDENTITY, ident);
        } catch (IllegalArgumentException e) {
            if (segCol != null) {   // e.g. a segment level with a single person: one common lift still works
                notes.add("no lift by " + segCol + " (" + e.getMessage() + "): one common lift instead.");
                return analyse(ds, events, o.withSegment(""), notes);
            }
            // the cause names the rows and coefficients of the fit that failed (not always segX's columns)
            throw new ModelException("cannot fit the visit model on " + n + " people: " + e.getMessage(), e);
        }
        fits.put("naive (unadjusted), identity Poisson", naive);
        fits.put("adjusted, lift by segment, identity Poisson", ident);
        fits.put("adjusted, lift by segment, identity NB2", identNb);
        try {
            logLink = RateRegression.fitLog(y, segX, segXNames, 0, ident.fitted());
            fits.put("adjusted, lift by segment, log-link Poisson", logLink);
        } catch (IllegalArgumentException e) {
            notes.add("log-link model not fitted: " + e.getMessage());
        }
        secs.put("segment models (4 fits)", lap(t0)); secs.put("segment models (4 fits) (CPU)", cpu() - cpuStep); cpuStep = cpu();
        t0 = System.nanoTime();

        double z = new NormalDistribution().inverseCumulativeProbability(1 - (1 - o.level()) / 2);
        String wald = pct(o.level()) + " robust Wald";
        List<LiftRow> slopes = new ArrayList<>();
        slopes.add(row("naive (unadjusted)", "all", sum(segExposures), naive, 1, z, wald));
        // exposure-weighted average of the segment lifts: the average extra visits per exposure, as the naive slope claims to be
        double[] w = new double[segX.length];
        long totalExp = 0;
        for (int l : fitted) totalExp += segExposures[l];
        for (int k = 0; k < fitted.size(); k++) w[adjCols.size() + k] = (double) segExposures[fitted.get(k)] / totalExp;
        slopes.add(combination("adjusted, lift by segment (exposure-weighted average)", "all", totalExp, ident, w, z, wald));
        for (int k = 0; k < fitted.size(); k++)
            slopes.add(row("adjusted, lift by segment, identity Poisson", levels.get(fitted.get(k)), segExposures[fitted.get(k)], ident, adjCols.size() + k, z, wald));
        for (int k = 0; k < fitted.size(); k++)
            slopes.add(row("adjusted, lift by segment, identity NB2", levels.get(fitted.get(k)), segExposures[fitted.get(k)], identNb, adjCols.size() + k, z, wald));

        // log link: rate ratio per exposure and the average marginal effect (extra visits per exposure)
        List<LiftRow> logRows = new ArrayList<>();
        double[] mu = logLink == null ? null : logLink.fitted();
        for (int k = 0; k < fitted.size() && logLink != null; k++) {
            int j = adjCols.size() + k, l = fitted.get(k);
            double b = logLink.beta()[j], se = logLink.se(j);
            logRows.add(new LiftRow("log-link Poisson: rate ratio per exposure", levels.get(l), segExposures[l], Math.exp(b), se,
                    Math.exp(b - z * se), Math.exp(b + z * se), pValue(b / se), wald + " (on the log scale)"));
        }
        for (int k = 0; k < fitted.size() && logLink != null; k++) {
            int j = adjCols.size() + k, l = fitted.get(k);
            double b = logLink.beta()[j], s = 0;
            for (int i = 0; i < n; i++) if (seg[i] == l) s += mu[i] * b;
            logRows.add(new LiftRow("log-link Poisson: average marginal effect (visits per exposure)", levels.get(l), segExposures[l],
                    s / segPeople[l], Double.NaN, Double.NaN, Double.NaN, Double.NaN, "point estimate only"));
        }

        // dose-response: hinges max(0, exposures - k) on top of the segment lifts
        List<Double> knots = o.knots().isEmpty() ? defaultKnots(x) : o.knots();
        List<double[]> hinge = new ArrayList<>();
        List<String> hingeNames = new ArrayList<>();
        for (double k : knots) {
            double[] h = new double[n];
            boolean any = false;
            for (int i = 0; i < n; i++) { h[i] = Math.max(0, x[i] - k); any |= h[i] > 0; }
            if (!any) { notes.add("dose-response knot " + k + " is above every exposure count: left out."); continue; }
            hinge.add(h);
            hingeNames.add("hinge(exposures - " + VisitLiftResult.num(k) + ")");
        }
        List<LiftRow> hingeRows = new ArrayList<>();
        List<VisitLiftResult.Test> tests = new ArrayList<>();
        Fit dose = null;
        if (!hinge.isEmpty()) {
            List<double[]> dc = new ArrayList<>(adjCols);
            dc.addAll(segCols);
            dc.addAll(hinge);
            try {
                dose = RateRegression.oneStep(y, dc.toArray(double[][]::new), concatNames(segXNames, hingeNames), ident.fitted());
                fits.put("adjusted, lift by segment + hinges (dose-response), identity Poisson weights", dose);
            } catch (IllegalArgumentException e) {
                notes.add("dose-response hinge model not fitted: " + e.getMessage());
            }
        }
        if (dose != null) {
            int[] idx = new int[hinge.size()];
            for (int k = 0; k < idx.length; k++) {
                idx[k] = segX.length + k;
                hingeRows.add(row("change in lift per exposure beyond the knot", hingeNames.get(k), 0, dose, idx[k], z, wald));
            }
            Fit d = dose;
            test(tests, notes, "diminishing returns: every hinge = 0 (linear lift)", () -> d.waldZero(idx));
        }
        if (fitted.size() > 1) {
            double[][] c = new double[fitted.size() - 1][segX.length];
            for (int k = 1; k < fitted.size(); k++) { c[k - 1][adjCols.size()] = 1; c[k - 1][adjCols.size() + k] = -1; }
            Fit m = ident;
            test(tests, notes, "the lift is the same in every segment", () -> m.wald(c));
        }
        List<DoseBucket> buckets = buckets(x, y, ident.fitted(), dose == null ? null : dose.fitted(), z);
        secs.put("dose-response", lap(t0)); secs.put("dose-response (CPU)", cpu() - cpuStep); cpuStep = cpu();

        // by ad and channel
        List<LiftRow> byAd = List.of(), byChannel = List.of();
        VisitTiming timing = null;
        if (events != null) {
            t0 = System.nanoTime();
            byAd = byCode(events, true, rows, y, ident.fitted(), adjCols, adjNames, o, fits, tests, notes);
            secs.put("by ad", lap(t0)); secs.put("by ad (CPU)", cpu() - cpuStep); cpuStep = cpu();
            t0 = System.nanoTime();
            byChannel = byCode(events, false, rows, y, ident.fitted(), adjCols, adjNames, o, fits, tests, notes);
            secs.put("by channel", lap(t0)); secs.put("by channel (CPU)", cpu() - cpuStep); cpuStep = cpu();
            t0 = System.nanoTime();
            timing = VisitTiming.of(events, o);
            secs.put("timing", lap(t0)); secs.put("timing (CPU)", cpu() - cpuStep); cpuStep = cpu();
        } else notes.add("no event times: timing and the lift per ad and channel are not estimated.");
        String formula = "visits ~ " + String.join(" + ", adjNames.subList(1, adjNames.size()))
                + (segCol == null ? " + exposures" : " + exposures:C(" + segCol + ")");
        secs.put("total process CPU", cpu() - cpu0);
        return VisitLiftResult.of(o, segCol, formula, n, fits, slopes, logRows, knots, hingeRows, tests, buckets, byAd, byChannel, timing, notes, secs);
    }

    /**
     * Checks the options against the data before any work (a named segment that is not a categorical
     * demographic is a user mistake: {@link ModelException} with a one-line message).
     */
    public static void check(Dataset ds, VisitLiftOptions o) {
        segmentColumn(ds, o);
    }

    /** The demographics as adjusters, in the generator's parameterisation when the columns match; response visits. */
    static ExposureSpec adjusterSpec(List<ColumnInfo> demographics) {
        ExposureSpec s = ExposureSpec.preferred("exposures", demographics);
        return new ExposureSpec("visits", s.idColumn(), s.numeric(), s.categorical(), s.missing(), s.missingByColumn(), s.unseen());
    }

    static String segmentColumn(Dataset ds, VisitLiftOptions o) {
        String s = o.segment();
        if (s == null || s.isEmpty()) return null;
        List<String> cats = ds.demographics().stream().filter(c -> c.kind() == ColumnKind.CATEGORICAL && c.nonMissing() > 0).map(ColumnInfo::name).toList();
        if (cats.contains(s)) return s;
        if (!o.segmentNamed()) return null;
        throw new ModelException("segment column '" + s + "' is not a categorical demographic in people.csv; categorical columns: " + cats);
    }

    static List<Double> defaultKnots(double[] x) {
        double[] e = Arrays.stream(x).filter(v -> v > 0).sorted().toArray();
        List<Double> k = new ArrayList<>();
        if (e.length < 20) return k;
        for (double q : new double[] {0.5, 0.8, 0.95}) {
            double v = Math.max(1, Math.rint(e[(int) Math.floor(q * (e.length - 1))]));
            if (!k.contains(v) && v < e[e.length - 1]) k.add(v);
        }
        return k;
    }

    private static List<DoseBucket> buckets(double[] x, double[] y, double[] linear, double[] hinges, double z) {
        List<DoseBucket> out = new ArrayList<>();
        for (int[] b : BUCKETS) {
            long m = 0;
            double sx = 0, sy = 0, syy = 0, sl = 0, sh = 0;
            for (int i = 0; i < x.length; i++) {
                if (x[i] < b[0] || x[i] > b[1]) continue;
                m++; sx += x[i]; sy += y[i]; syy += y[i] * y[i]; sl += linear[i]; sh += hinges == null ? Double.NaN : hinges[i];
            }
            if (m == 0) continue;
            double mean = sy / m, var = m > 1 ? (syy - m * mean * mean) / (m - 1) : Double.NaN, half = z * Math.sqrt(var / m);
            String label = b[0] == b[1] ? String.valueOf(b[0]) : b[1] == Integer.MAX_VALUE ? b[0] + "+" : b[0] + "-" + b[1];
            out.add(new DoseBucket(label, b[0], b[1], m, sx / m, mean, mean - half, mean + half, sl / m, sh / m));
        }
        return out;
    }

    private static List<LiftRow> byCode(EventTimes ev, boolean ads, int[] rows, double[] y, double[] pilot, List<double[]> adjCols, List<String> adjNames,
                                        VisitLiftOptions o, Map<String, Fit> fits, List<VisitLiftResult.Test> tests, List<String> notes) {
        List<String> labels = ads ? ev.adLabels() : ev.channelLabels();
        int m = labels.size(), n = rows.length;
        long[] total = new long[m];
        for (int i = 0; i < n; i++)
            for (int e = ev.exposureStart(rows[i]); e < ev.exposureEnd(rows[i]); e++) total[ads ? ev.ad(e) : ev.channel(e)]++;
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> labels.get(a).compareTo(labels.get(b)));
        List<String> names = new ArrayList<>();
        List<Integer> used = new ArrayList<>();
        int[] rank = new int[m];
        Arrays.fill(rank, -1);
        for (int c : order) if (total[c] > 0) { rank[c] = used.size(); names.add("exposures[" + labels.get(c) + "]"); used.add(c); }
        if (used.isEmpty()) return List.of();
        int k = used.size();
        // per person, the exposure count of each ad (channel) it saw: a sparse block, columns in label order.
        // One pass over the exposures; only the columns a person touched are visited (a person sees a few of
        // the k codes, and k x n resets cost more than the exposures at 1M people).
        int[] off = new int[n + 1];
        int[] scratch = new int[k];
        int[] touched = new int[k];
        int[] col = new int[Math.max(16, n)];
        double[] val = new double[col.length];
        int nnz = 0;
        for (int i = 0; i < n; i++) {
            int t = 0;
            for (int e = ev.exposureStart(rows[i]); e < ev.exposureEnd(rows[i]); e++) {
                int r = rank[ads ? ev.ad(e) : ev.channel(e)];
                if (scratch[r]++ == 0) touched[t++] = r;
            }
            Arrays.sort(touched, 0, t);
            if (nnz + t > col.length) {
                int grown = Math.max(nnz + t, col.length + (col.length >> 1));
                col = Arrays.copyOf(col, grown);
                val = Arrays.copyOf(val, grown);
            }
            for (int q = 0; q < t; q++) {
                int r = touched[q];
                col[nnz] = r;
                val[nnz++] = scratch[r];
                scratch[r] = 0;
            }
            off[i + 1] = nnz;
        }
        if (col.length != nnz) {
            col = Arrays.copyOf(col, nnz);
            val = Arrays.copyOf(val, nnz);
        }
        String what = ads ? "ad" : "channel";
        Fit f;
        try {
            f = RateRegression.oneStep(y, adjCols.toArray(double[][]::new), off, col, val, concatNames(adjNames, names), pilot);
        } catch (IllegalArgumentException e) {
            notes.add("lift by " + what + " not estimated: " + e.getMessage());
            return List.of();
        }
        fits.put("adjusted, lift by " + what + ", identity Poisson weights", f);
        double zb = new NormalDistribution().inverseCumulativeProbability(1 - (1 - o.level()) / (2.0 * k));
        String interval = pct(o.level()) + " robust Wald, Bonferroni over " + k + " " + what + "s";
        List<LiftRow> out = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            int idx = adjCols.size() + j;
            LiftRow r = row("adjusted, lift by " + what, labels.get(used.get(j)), total[used.get(j)], f, idx, zb, interval);
            out.add(new LiftRow(r.model(), r.term(), r.exposures(), r.estimate(), r.se(), r.lower(), r.upper(), Math.min(1, r.p() * k), interval));
        }
        if (k > 1) {
            double[][] c = new double[k - 1][adjCols.size() + k];
            for (int j = 1; j < k; j++) { c[j - 1][adjCols.size()] = 1; c[j - 1][adjCols.size() + j] = -1; }
            test(tests, notes, "the lift is the same for every " + what, () -> f.wald(c));
        }
        return out;
    }

    /** A Wald test, or a note when its covariance is singular (tiny data). */
    private static void test(List<VisitLiftResult.Test> tests, List<String> notes, String hypothesis, java.util.function.Supplier<double[]> wald) {
        try {
            double[] t = wald.get();
            tests.add(new VisitLiftResult.Test(hypothesis, t[0], (int) t[1], t[2]));
        } catch (IllegalArgumentException e) {
            notes.add("test '" + hypothesis + "' not computed: " + e.getMessage());
        }
    }

    static LiftRow row(String model, String term, long exposures, Fit f, int j, double z, String interval) {
        double b = f.beta()[j], se = f.se(j);
        return new LiftRow(model, term, exposures, b, se, b - z * se, b + z * se, pValue(b / se), interval);
    }

    static LiftRow combination(String model, String term, long exposures, Fit f, double[] w, double z, String interval) {
        double b = 0, v = 0;
        double[][] cov = f.covRobust();
        for (int j = 0; j < w.length; j++) {
            b += w[j] * f.beta()[j];
            for (int k = 0; k < w.length; k++) v += w[j] * cov[j][k] * w[k];
        }
        double se = Math.sqrt(v);
        return new LiftRow(model, term, exposures, b, se, b - z * se, b + z * se, pValue(b / se), interval);
    }

    static double pValue(double zv) {
        return numerics.Tails.normalTwoSided(zv);   // a survival function: tiny p-values do not round to 0
    }

    static String pct(double level) {
        return VisitLiftResult.num(100 * level) + "%";
    }

    private static double[] column(Table t, String name, int[] rows) {
        if (!t.containsColumn(name)) throw new ModelException("the persons table has no '" + name + "' column");
        NumericColumn<?> c = (NumericColumn<?>) t.column(name);
        double[] v = new double[rows.length];
        for (int i = 0; i < rows.length; i++) v[i] = c.getDouble(rows[i]);
        return v;
    }

    private static double lap(long t0) { return (System.nanoTime() - t0) / 1e9; }

    /** Process CPU seconds so far (benchmarks on a shared machine), NaN when the JVM cannot tell. */
    static double cpu() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean b ? b.getProcessCpuTime() / 1e9 : Double.NaN;
    }

    private static long sum(long[] a) { long s = 0; for (long v : a) s += v; return s; }

    private static double[][] concat(List<double[]> a, List<double[]> b) {
        List<double[]> all = new ArrayList<>(a);
        all.addAll(b);
        return all.toArray(double[][]::new);
    }

    private static List<String> concatNames(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
