///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//JAVAC_OPTIONS -encoding UTF-8
//JAVA_OPTIONS -Xmx2g
//SOURCES testkit/JUnitMain.java
//SOURCES ../model/*.java ../stats/*.java ../ingest/*.java ../synth/*.java ../report/*.java ../storage/*.java
// Tests of the visit-lift analysis (model.VisitLift, model.VisitTiming, stats.RateRegression, ingest.EventTimes).
// Run: ./jbang tests/VisitModelTest.java [--filter NAME]
//
// The statistics are checked against the generator's truth (synth, truth.json: visits = Poisson(baseline[region])
// + per exposure a visit with probability slope[region] after an exponential 12 h delay): coverage of the
// per-region slopes over 16 simulated data sets, the naive slope's bias on a 60k data set, the delay mean and
// the attributable shares. The committed sample is used to check report = store = an independent computation
// from the raw CSV files.

import ingest.Dataset;
import ingest.EventTimes;
import ingest.Ingest;
import ingest.IngestOptions;
import model.DoseBucket;
import model.LiftRow;
import model.ModelException;
import model.VisitLift;
import model.VisitLiftOptions;
import model.VisitLiftResult;
import model.VisitTiming;
import org.junit.jupiter.api.Test;
import report.HtmlReport;
import report.TextTable;
import stats.RateRegression;
import storage.FileStore;
import storage.Store;
import tech.tablesaw.api.Table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

public class VisitModelTest {
    public static void main(String[] a) { testkit.JUnitMain.runAndExit(a, VisitModelTest.class); }

    static final Path SAMPLE = Path.of(System.getProperty("user.dir")).resolve("data");
    static final List<String> REGIONS = List.of("Northeast", "Midwest", "South", "West");
    static final ObjectMapper JSON = new ObjectMapper();

    record Run(Dataset ds, EventTimes ev, VisitLiftResult r, JsonNode truth) {}

    static Run run(Path dir, VisitLiftOptions o) {
        var c = new EventTimes.Collector();
        Dataset ds = Ingest.load(dir, IngestOptions.defaults().withThreads(2), c);
        try {
            return new Run(ds, c.result(), VisitLift.analyse(ds, c.result(), o), JSON.readTree(dir.resolve("truth.json").toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path generate(int people, long seed, double missing) {
        try {
            Path dir = Files.createTempDirectory("visit-lift-" + seed + "-");
            synth.Generator.run(new synth.Generator.Config(people, seed, dir, false, missing));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LiftRow segment(VisitLiftResult r, String model, String term) {
        return r.slopes(model).stream().filter(x -> x.term().equals(term)).findFirst().orElseThrow();
    }

    /** The share of visits attributable within h hours in the simulated data: triggered * P(delay <= h) / visits. */
    static double trueShare(JsonNode truth, int h) {
        double mean = truth.at("/visits/delay/mean_hours").asDouble();
        return truth.at("/counts/triggered_visits").asDouble() * (1 - Math.exp(-h / mean)) / truth.at("/counts/site_visits").asDouble();
    }

    // ---------------------------------------------------------------- truth recovery

    @Test
    void adjustedSlopesCoverTheTrueSlopesAtTheNominalRate() {
        int sets = 16, covered = 0, total = 0, delayCovered = 0, shareCovered = 0;
        VisitLiftOptions o = VisitLiftOptions.defaults().withBootstrap(200);
        for (int s = 0; s < sets; s++) {
            Path dir = generate(5000, 100 + s, 0.03);
            Run run = run(dir, o);
            for (String region : REGIONS) {
                LiftRow row = segment(run.r(), "adjusted, lift by segment, identity Poisson", region);
                double truth = run.truth().at("/visits/slope/" + region).asDouble();
                total++;
                if (row.lower() <= truth && truth <= row.upper()) covered++;
            }
            VisitTiming t = run.r().timing();
            if (t.delayMeanCi()[0] <= 12 && 12 <= t.delayMeanCi()[1]) delayCovered++;
            double share = trueShare(run.truth(), 72);
            if (t.shareWithinCi(72)[0] <= share && share <= t.shareWithinCi(72)[1]) shareCovered++;
        }
        // 64 intervals at 95%: expected 60.8 covered, sd 1.74; below 56 (2.7 sd) would mean the intervals are too narrow
        System.out.printf("slope coverage %d/%d, delay-mean coverage %d/%d, 72 h share coverage %d/%d%n", covered, total, delayCovered, sets, shareCovered, sets);
        assertTrue(covered >= 56, "per-region slope CIs covered the truth " + covered + " of " + total + " times");
        assertTrue(covered <= total, "sanity");
        assertTrue(delayCovered >= 13, "delay-mean CIs covered 12 h " + delayCovered + " of " + sets + " times");
        assertTrue(shareCovered >= 13, "72 h share CIs covered the truth " + shareCovered + " of " + sets + " times");
    }

    @Test
    void naiveSlopeIsBiasedWhereRegionDrivesBothTheAdjustedAverageIsNot() {
        // no blanks, so every person's region (which drives both baseline visits and exposures) is known
        Run run = run(generate(60_000, 7, 0), VisitLiftOptions.defaults().withBootstrap(200));
        VisitLiftResult r = run.r();
        // the true average extra visits per exposure: slopes weighted by each region's exposures
        double num = 0, den = 0;
        for (String region : REGIONS) {
            LiftRow row = segment(r, "adjusted, lift by segment, identity Poisson", region);
            num += run.truth().at("/visits/slope/" + region).asDouble() * row.exposures();
            den += row.exposures();
        }
        double truth = num / den;
        LiftRow naive = r.naive(), avg = r.averageLift();
        System.out.printf("true average lift %.5f, naive %.5f [%.5f, %.5f], adjusted %.5f [%.5f, %.5f]%n", truth,
                naive.estimate(), naive.lower(), naive.upper(), avg.estimate(), avg.lower(), avg.upper());
        assertTrue(naive.upper() < truth || naive.lower() > truth, "the naive slope's CI should miss the truth " + truth);
        assertTrue(avg.lower() <= truth && truth <= avg.upper(), "the adjusted average's CI should cover the truth " + truth);
        assertTrue(r.summary().contains("confounded"), "the report says the naive comparison is confounded");
        // per region, all four within their CIs on this set too
        for (String region : REGIONS) {
            LiftRow row = segment(r, "adjusted, lift by segment, identity Poisson", region);
            double t = run.truth().at("/visits/slope/" + region).asDouble();
            assertTrue(row.lower() <= t && t <= row.upper(), region + ": " + row + " vs " + t);
        }
        // timing: delay mean (12 h) within its CI; shares within 1/24/72 h within theirs; median near 12 ln 2
        VisitTiming tm = r.timing();
        assertTrue(tm.delayMeanCi()[0] <= 12 && 12 <= tm.delayMeanCi()[1], "delay mean " + tm.delayMean() + " CI " + List.of(tm.delayMeanCi()[0], tm.delayMeanCi()[1]));
        for (int h : new int[] {1, 24, 72}) {
            double s = trueShare(run.truth(), h);
            double[] ci = tm.shareWithinCi(h);
            assertTrue(ci[0] <= s && s <= ci[1], "share within " + h + " h: " + tm.shareWithin(h) + " [" + ci[0] + ", " + ci[1] + "] vs truth " + s);
        }
        assertEquals(12 * Math.log(2), tm.delayMedian(), 1.5);
        double trig = run.truth().at("/counts/triggered_visits").asDouble();
        assertTrue(tm.triggeredCi()[0] <= trig && trig <= tm.triggeredCi()[1], "triggered visits " + tm.triggered() + " vs " + trig);
        // the generator has no ad or channel effect: the equality tests should not reject at 0.1%
        for (VisitLiftResult.Test t : r.tests())
            if (t.hypothesis().contains("every ad") || t.hypothesis().contains("every channel")) assertTrue(t.p() > 0.001, t.toString());
        // and the lift does differ by region
        assertTrue(r.tests().stream().anyMatch(t -> t.hypothesis().contains("every segment") && t.p() < 1e-6));
        // linear truth: the diminishing-returns test should not reject at 0.1%
        assertTrue(r.tests().stream().anyMatch(t -> t.hypothesis().startsWith("diminishing") && t.p() > 0.001));
    }

    // ---------------------------------------------------------------- report = store = independent computation

    @Test
    void reportEqualsStoreAndAnIndependentComputationFromTheRawFiles() throws IOException {
        Run run = run(SAMPLE, VisitLiftOptions.defaults().withBootstrap(200));
        VisitLiftResult r = run.r();
        Path root = Files.createTempDirectory("visit-store-");
        Store store = FileStore.open(root);
        for (var e : r.tables().entrySet()) store.saveTable("eda/" + e.getKey(), e.getValue());
        // store: the same values
        for (var e : r.tables().entrySet()) {
            Table back = store.loadTable("eda/" + e.getKey()), orig = e.getValue();
            assertEquals(orig.rowCount(), back.rowCount(), e.getKey());
            for (int c = 0; c < orig.columnCount(); c++)
                for (int i = 0; i < orig.rowCount(); i++)
                    assertEquals(orig.column(c).getString(i), back.column(c).getString(i), e.getKey() + " " + orig.column(c).name() + " row " + i);
        }
        // report: every table cell shown is the stored value, formatted; and the terminal text holds those tables
        String text = r.summary();
        Table slopes = store.loadTable("eda/visit_lift_slopes");
        for (int i = 0; i < slopes.rowCount(); i++) {
            String cell = TextTable.fmt(slopes.doubleColumn("estimate").get(i));
            assertTrue(text.contains(cell), "summary lacks the stored estimate " + cell);
        }
        for (TextTable t : r.textTables()) assertTrue(text.contains(t.toText()), t.title());
        HtmlReport html = new HtmlReport("t");
        r.addCharts(html);
        assertTrue(html.tables().size() >= 8);
        assertTrue(html.toText().contains("no unmeasured confounding"), "the report states the assumptions");

        // independent: per-person counts and times straight from the CSV files
        Map<String, Integer> row = new HashMap<>();
        List<String> ids = new ArrayList<>();
        for (String line : Files.readAllLines(SAMPLE.resolve("people.csv")).subList(1, 3001)) { row.put(line.split(",")[0], ids.size()); ids.add(line.split(",")[0]); }
        int n = ids.size();
        List<List<Long>> expT = new ArrayList<>(), visT = new ArrayList<>();
        for (int i = 0; i < n; i++) { expT.add(new ArrayList<>()); visT.add(new ArrayList<>()); }
        Map<String, Long> byAd = new HashMap<>();
        List<String> exp = Files.readAllLines(SAMPLE.resolve("exposures.csv"));
        for (String line : exp.subList(1, exp.size())) {
            String[] f = line.split(",");
            expT.get(row.get(f[0])).add(LocalDateTime.parse(f[1]).toEpochSecond(ZoneOffset.UTC));
            byAd.merge(f[2], 1L, Long::sum);
        }
        List<String> vis = Files.readAllLines(SAMPLE.resolve("site_visits.csv"));
        for (String line : vis.subList(1, vis.size())) {
            String[] f = line.split(",");
            visT.get(row.get(f[0])).add(LocalDateTime.parse(f[1]).toEpochSecond(ZoneOffset.UTC));
        }
        // dose-response buckets: people and mean visits
        Table dose = store.loadTable("eda/visit_dose_response");
        for (int b = 0; b < dose.rowCount(); b++) {
            int from = dose.intColumn("from").get(b), to = dose.intColumn("to").get(b);
            long people = 0, visits = 0;
            for (int i = 0; i < n; i++) if (expT.get(i).size() >= from && expT.get(i).size() <= to) { people++; visits += visT.get(i).size(); }
            assertEquals(people, dose.longColumn("people").get(b), "bucket " + dose.stringColumn("exposures").get(b));
            assertEquals((double) visits / people, dose.doubleColumn("mean_visits").get(b), 1e-12);
        }
        // exposures per ad
        Table ads = store.loadTable("eda/visit_lift_by_ad");
        for (int i = 0; i < ads.rowCount(); i++) assertEquals(byAd.get(ads.stringColumn("term").get(i)), ads.longColumn("exposures").get(i));
        // naive identity-link Poisson slope: an independent Newton-Raphson on (const, exposures)
        double[] nv = naivePoisson(expT, visT);
        LiftRow naive = r.naive();
        assertEquals(nv[1], naive.estimate(), 1e-7);
        // observed and week-shifted baseline pairs per lag hour, by brute force on the 6-week circle
        Table delay = store.loadTable("eda/visit_timing_delay");
        long origin = Long.MAX_VALUE;
        for (List<Long> e : expT) for (long t : e) origin = Math.min(origin, t);
        long week = 7 * 86400, period = 6 * week;
        double[] obs = new double[168], base = new double[168];
        for (int i = 0; i < n; i++)
            for (long v : visT.get(i))
                for (long e : expT.get(i))
                    for (int k = 0; k <= 5; k++) {
                        long lag = Math.floorMod((v - origin + k * week) - (e - origin), period);
                        if (lag < 168 * 3600) { if (k == 0) obs[(int) (lag / 3600)]++; else base[(int) (lag / 3600)] += 1.0 / 5; }
                    }
        for (int b = 0; b < 168; b++) {
            assertEquals(obs[b], delay.doubleColumn("observed_pairs").get(b), 1e-9, "observed pairs at lag " + b);
            assertEquals(base[b], delay.doubleColumn("baseline_pairs").get(b), 1e-9, "baseline pairs at lag " + b);
        }
        double within72 = 0;
        for (int b = 0; b < 72; b++) within72 += obs[b] - base[b];
        Table share = store.loadTable("eda/visit_timing_share");
        int at = share.stringColumn("measure").indexOf("share of visits attributable within 72 h");
        assertEquals(within72 / (vis.size() - 1), share.doubleColumn("estimate").get(at), 1e-9);
        assertEquals(trueShare(run.truth(), 72), share.doubleColumn("estimate").get(at), 3 * (share.doubleColumn("ci_upper").get(at) - share.doubleColumn("ci_lower").get(at)));
    }

    /** Identity-link Poisson MLE of visits on (1, exposures), by Newton-Raphson (an independent implementation). */
    static double[] naivePoisson(List<List<Long>> expT, List<List<Long>> visT) {
        int n = expT.size();
        double a = 0, b = 0;
        for (int i = 0; i < n; i++) a += visT.get(i).size();
        a /= n;
        for (int it = 0; it < 200; it++) {
            double ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0;
            for (int i = 0; i < n; i++) {
                double x = expT.get(i).size(), y = visT.get(i).size(), mu = a + b * x;
                ga += y / mu - 1; gb += (y / mu - 1) * x;
                double w = y / (mu * mu);
                haa += w; hab += w * x; hbb += w * x * x;
            }
            double det = haa * hbb - hab * hab;
            double da = (hbb * ga - hab * gb) / det, db = (haa * gb - hab * ga) / det;
            a += da; b += db;
            if (Math.abs(da) + Math.abs(db) < 1e-14) break;
        }
        return new double[] {a, b};
    }

    // ---------------------------------------------------------------- the fitter

    @Test
    void identityFitterGivesGroupMeansAndKeepsMeansPositive() {
        // one binary covariate: the identity-link Poisson MLE is the two group means, exactly
        int n = 1000;
        double[] y = new double[n], one = new double[n], g = new double[n];
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        double s0 = 0, s1 = 0, n1 = 0;
        for (int i = 0; i < n; i++) {
            one[i] = 1;
            g[i] = i % 3 == 0 ? 1 : 0;
            y[i] = rng.nextInt(g[i] == 1 ? 7 : 3);
            if (g[i] == 1) { s1 += y[i]; n1++; } else s0 += y[i];
        }
        var f = RateRegression.fit(y, new double[][] {one, g}, List.of("const", "g"), RateRegression.Link.IDENTITY, 0);
        assertEquals(s0 / (n - n1), f.coef("const"), 1e-9);
        assertEquals(s1 / n1 - s0 / (n - n1), f.coef("g"), 1e-9);
        assertTrue(f.converged());
        // a steep negative trend: OLS predicts negative means at the right end, the fitter must not
        double[] x = new double[n], y2 = new double[n];
        for (int i = 0; i < n; i++) { x[i] = i / 100.0; y2[i] = x[i] < 8 ? rng.nextInt(Math.max(1, (int) (10 - 1.3 * x[i]))) : 0; }
        var h = RateRegression.fit(y2, new double[][] {one, x}, List.of("const", "x"), RateRegression.Link.IDENTITY, 0);
        double min = Double.POSITIVE_INFINITY;
        for (double m : h.fitted()) min = Math.min(min, m);
        assertTrue(min > 0, "fitted means stay positive, min " + min);
        assertTrue(h.floorSteps() > 0, "the infeasible OLS start was shrunk");
        // the one-step estimator from the MLE's own means is the MLE (the identity-link score equations are X'W(y - Xb) = 0)
        var step = RateRegression.oneStep(y2, new double[][] {one, x}, List.of("const", "x"), h.fitted());
        if (h.floorSteps() == 0 || min > 1e-3) assertEquals(h.coef("x"), step.coef("x"), 1e-6);
        var os = RateRegression.oneStep(y, new double[][] {one, g}, List.of("const", "g"), f.fitted());
        assertEquals(f.coef("g"), os.coef("g"), 1e-10);
        assertEquals(f.se(1), os.se(1), 1e-10);
        // a sparse block gives the same one-step fit as the same columns dense
        double[] c1 = new double[n], c2 = new double[n];
        int[] off = new int[n + 1];
        List<Integer> cols = new ArrayList<>();
        List<Double> vals = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (i % 4 == 1) { c1[i] = 1 + i % 3; cols.add(0); vals.add(c1[i]); }
            if (i % 5 == 2) { c2[i] = 2; cols.add(1); vals.add(c2[i]); }
            off[i + 1] = cols.size();
        }
        var dense = RateRegression.oneStep(y, new double[][] {one, g, c1, c2}, List.of("const", "g", "c1", "c2"), f.fitted());
        var sparse = RateRegression.oneStep(y, new double[][] {one, g}, off, cols.stream().mapToInt(Integer::intValue).toArray(),
                vals.stream().mapToDouble(Double::doubleValue).toArray(), List.of("const", "g", "c1", "c2"), f.fitted());
        for (int j = 0; j < 4; j++) {
            assertEquals(dense.beta()[j], sparse.beta()[j], 1e-12);
            assertEquals(dense.se(j), sparse.se(j), 1e-12);
        }
        // log link matches stats.PoissonGlm
        var lg = RateRegression.fit(y, new double[][] {one, g}, List.of("const", "g"), RateRegression.Link.LOG, 0);
        var ref = stats.PoissonGlm.fitColumns(y, new double[][] {g}, List.of("g"), true);
        assertEquals(ref.coefficient("g"), lg.coef("g"), 1e-8);
        assertEquals(ref.standardErrors()[1], lg.modelSe(1), 1e-6);
    }

    // ---------------------------------------------------------------- input and events

    @Test
    void aNamedSegmentThatIsNotThereIsAOneLineError() {
        var c = new EventTimes.Collector();
        Dataset ds = Ingest.load(SAMPLE, IngestOptions.defaults().withThreads(2), c);
        ModelException e = assertThrows(ModelException.class, () -> VisitLift.analyse(ds, c.result(), VisitLiftOptions.defaults().withSegment("county")));
        assertTrue(e.getMessage().contains("'county'") && e.getMessage().contains("region"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        // "" means one common lift
        VisitLiftResult one = VisitLift.analyse(ds, c.result(), VisitLiftOptions.defaults().withSegment("").withBootstrap(50));
        assertNull(one.segment());
        assertEquals(1, one.slopes("adjusted, lift by segment, identity Poisson").size());
        IllegalStateException none = assertThrows(IllegalStateException.class, () -> new EventTimes.Collector().result());
        assertTrue(none.getMessage().contains("Ingest.load"));
    }

    @Test
    void adjustersEqualStatsDesign() {
        Dataset ds = Ingest.load(SAMPLE, IngestOptions.defaults().withThreads(2));
        for (model.ExposureSpec spec : List.of(model.ExposureSpec.generatorParameterisation(), model.ExposureSpec.auto("exposures", ds.demographics()))) {
            var fast = model.VisitAdjusters.of(ds.persons(), spec);
            var ref = model.VisitAdjusters.viaDesign(ds.persons(), spec);
            assertEquals(ref.names(), fast.names());
            assertArrayEquals(ref.rows(), fast.rows());
            for (int j = 0; j < ref.names().size(); j++)
                for (int i = 0; i < ref.rows().length; i++) assertEquals(ref.columns()[j][i], fast.columns()[j][i], 1e-12, ref.names().get(j) + " row " + i);
        }
    }

    @Test
    void eventTimesDoNotDependOnTheThreadCount() {
        var c1 = new EventTimes.Collector();
        var c2 = new EventTimes.Collector();
        Ingest.load(SAMPLE, IngestOptions.defaults().withThreads(1), c1);
        Dataset ds = Ingest.load(SAMPLE, IngestOptions.defaults().withThreads(2), c2);
        EventTimes a = c1.result(), b = c2.result();
        assertEquals(ds.aggregates().exposures(), b.exposures());
        assertEquals(ds.aggregates().visits(), b.visits());
        assertEquals(a.exposures(), b.exposures());
        // ad and channel codes are assigned in order of first sight (thread-dependent): compare labels,
        // as a sorted list per person (exposures at the same second may come in either order)
        for (int p = 0; p < a.persons(); p++) {
            List<String> x = new ArrayList<>(), y = new ArrayList<>();
            for (int i = a.exposureStart(p); i < a.exposureEnd(p); i++) x.add(a.exposureTime(i) + "|" + a.adLabels().get(a.ad(i)) + "|" + a.channelLabels().get(a.channel(i)));
            for (int i = b.exposureStart(p); i < b.exposureEnd(p); i++) y.add(b.exposureTime(i) + "|" + b.adLabels().get(b.ad(i)) + "|" + b.channelLabels().get(b.channel(i)));
            java.util.Collections.sort(x);
            java.util.Collections.sort(y);
            assertEquals(x, y, "person " + p);
            for (int i = a.visitStart(p); i < a.visitEnd(p); i++) assertEquals(a.visitTime(i), b.visitTime(i));
        }
        for (int p = 0; p < a.persons(); p++) {
            assertEquals(a.exposureStart(p), b.exposureStart(p));
            for (int i = a.exposureStart(p) + 1; i < a.exposureEnd(p); i++) assertTrue(a.exposureTime(i - 1) <= a.exposureTime(i));
        }
    }
}
