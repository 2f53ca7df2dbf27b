///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//JAVAC_OPTIONS -encoding UTF-8
//SOURCES testkit/JUnitMain.java
//SOURCES ../impute/*.java
//SOURCES ../stats/*.java
//SOURCES ../synth/*.java
//SOURCES ../storage/*.java
//SOURCES ../slices/*.java
//SOURCES ../report/*.java
//SOURCES ../model/*.java
//SOURCES ../ingest/*.java

import impute.*;
import org.junit.jupiter.api.Test;
import synth.CorrelatedPeople;
import synth.MissingMechanism;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import stats.CrossValidation;
import stats.CvResult;
import stats.Design;
import stats.DesignMatrix;
import stats.Encoding;
import stats.Missing;
import stats.ModelKind;
import stats.Ols;
import stats.OlsResult;
import storage.Store;
import storage.Stores;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Package impute against known truth: synth.CorrelatedPeople keeps the true value of every blanked cell, so each
 * strategy is scored (RMSE, accuracy) and multiple imputation's intervals are checked for coverage.
 */
public class ImputeTest {
    public static void main(String[] a) { testkit.JUnitMain.runAndExit(a, ImputeTest.class); }

    static final List<String> FEATURES = List.of("age", "income_bracket", "household_size", "region", "gender", "score");

    static Table table(CorrelatedPeople p) {
        return Table.create("people",
                DoubleColumn.create("age", p.age()),
                StringColumn.create("income_bracket", blanks(p.income())),
                DoubleColumn.create("household_size", p.household()),
                StringColumn.create("region", blanks(p.region())),
                StringColumn.create("gender", p.gender()),
                DoubleColumn.create("score", p.score()));
    }

    static String[] blanks(String[] v) {
        String[] o = new String[v.length];
        for (int i = 0; i < v.length; i++) o[i] = v[i] == null ? "" : v[i];
        return o;
    }

    /** RMSE of the imputed age over the blanked cells. */
    static double ageRmse(CorrelatedPeople p, Table filled) {
        double ss = 0;
        int n = 0;
        for (int i = 0; i < p.n(); i++) {
            if (!Double.isNaN(p.age()[i])) continue;
            double d = filled.doubleColumn("age").getDouble(i) - p.ageTrue()[i];
            ss += d * d;
            n++;
        }
        return Math.sqrt(ss / n);
    }

    static double incomeAccuracy(CorrelatedPeople p, Table filled) {
        int hit = 0, n = 0;
        for (int i = 0; i < p.n(); i++) {
            if (p.income()[i] != null) continue;
            n++;
            if (filled.stringColumn("income_bracket").get(i).equals(p.incomeTrue()[i])) hit++;
        }
        return (double) hit / n;
    }

    @Test
    void knnAndRegressionBeatMeanAndModeOnMarDataWithCorrelatedColumns() {
        CorrelatedPeople p = CorrelatedPeople.simulate(6000, 5, 0.2, MissingMechanism.MAR);
        Table t = table(p);
        Table mean = Imputer.of(Strategy.MEAN).fit(t).transform(t);
        double rmseMean = ageRmse(p, mean), accMode = incomeAccuracy(p, mean);
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT, "mean/mode: age RMSE %.2f, income accuracy %.3f%n", rmseMean, accMode));
        for (Strategy s : List.of(Strategy.KNN, Strategy.REGRESSION, Strategy.ITERATIVE)) {
            long t0 = System.nanoTime();
            FittedImputer f = Imputer.of(s).fit(t);
            Table filled = f.transform(t);
            double rmse = ageRmse(p, filled), acc = incomeAccuracy(p, filled);
            report.append(String.format(Locale.ROOT, "%s: age RMSE %.2f, income accuracy %.3f (%.0f ms)%n", s.cli(), rmse, acc, (System.nanoTime() - t0) / 1e6));
            assertTrue(rmse < 0.85 * rmseMean, s + ": age RMSE " + rmse + " should be well below mean imputation's " + rmseMean + "\n" + report);
            assertTrue(acc > accMode + 0.05, s + ": income accuracy " + acc + " should be above mode imputation's " + accMode + "\n" + report);
            assertEquals(0, filled.doubleColumn("age").countMissing());
            assertEquals(0, filled.stringColumn("income_bracket").countMissing());
            assertEquals(0, filled.doubleColumn("household_size").countMissing());
            assertEquals(0, filled.stringColumn("region").countMissing());
        }
        System.out.print(report);
    }

    // ------------------------------------------------------------------ multiple imputation + Rubin's rules

    /** score ~ age + household_size + C(income) + C(region) + C(gender) on a complete table. */
    static Estimates ols(Table t) {
        DesignMatrix d = Design.of("score").numeric("age", "household_size").categorical("income_bracket", "lt25k")
                .categorical("region", "South").categorical("gender", "F").fit(t);
        OlsResult r = Ols.fit(d);
        return Estimates.of(r.names(), r.coefficients(), r.standardErrors(), r.dfResid());
    }

    static boolean covers(double lo, double hi, double truth) {
        return lo <= truth && truth <= hi;
    }

    @Test
    void multipleImputationCoversTheTruthWhereCompleteCaseAndMeanImputationAreBiased() {
        int reps = 100, n = 500, m = 5;
        double trueAge = CorrelatedPeople.TRUE_COEFFICIENTS.get("age10") / 10, trueHh = CorrelatedPeople.TRUE_COEFFICIENTS.get("household_c");
        int[] cover = new int[3];
        double[] bias = new double[3];
        String[] label = {"complete case", "mean/mode", "MI (m=" + m + ")"};
        long t0 = System.nanoTime();
        for (int rep = 0; rep < reps; rep++) {
            CorrelatedPeople p = CorrelatedPeople.simulate(n, 1000 + rep, 0.3, MissingMechanism.MAR);
            Table t = table(p);
            for (int method = 0; method < 3; method++) {
                double est, lo, hi;
                if (method == 2) {
                    MultipleImputation.MiResult mi = MultipleImputation.run(Imputer.of(Strategy.ITERATIVE)
                            .options(ImputeOptions.defaults().withMaxRounds(5).withThreads(1)), t, m, rep);
                    PooledEstimates pooled = mi.pool(ImputeTest::ols);
                    int j = pooled.index("age");
                    est = pooled.estimate()[j];
                    lo = pooled.ciLower()[j];
                    hi = pooled.ciUpper()[j];
                } else {
                    Design d = Design.of("score").numeric("age", "household_size").categorical("income_bracket", "lt25k")
                            .categorical("region", "South").categorical("gender", "F")
                            .missing(method == 0 ? Missing.DROP : Missing.MEAN);
                    if (method == 1) d.missing("income_bracket", Missing.MODE).missing("region", Missing.MODE).missing("gender", Missing.MODE);
                    OlsResult r = Ols.fit(d.fit(t));
                    int j = r.names().indexOf("age");
                    est = r.coefficients()[j];
                    lo = r.ciLower()[j];
                    hi = r.ciUpper()[j];
                }
                if (covers(lo, hi, trueAge)) cover[method]++;
                bias[method] += (est - trueAge) / reps;
            }
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "age coefficient (truth %.3f), %d data sets of %d people, MAR: %.1f s%n", trueAge, reps, n,
                (System.nanoTime() - t0) / 1e9));
        for (int k = 0; k < 3; k++) sb.append(String.format(Locale.ROOT, "  %-14s 95%% CI coverage %.2f, mean bias %+.4f%n", label[k], cover[k] / (double) reps, bias[k]));
        System.out.print(sb);
        // 100 replicates: the coverage's simulation SE is 0.022; 0.88 is 3 SEs below nominal
        assertTrue(cover[2] >= 88 && cover[2] <= 99, "MI coverage should be nominal\n" + sb);
        assertTrue(cover[0] <= 75, "complete case should be visibly biased on MAR data\n" + sb);
        assertTrue(cover[1] <= 75, "mean imputation should be visibly biased on MAR data\n" + sb);
        assertTrue(Math.abs(bias[2]) < Math.abs(bias[0]) / 3 && Math.abs(bias[2]) < Math.abs(bias[1]) / 3, "MI bias should be far smaller\n" + sb);
        assertTrue(trueHh < 0);
    }

    @Test
    void rubinsRulesMatchAHandComputation() {
        // three imputations of one coefficient: Q = 1, 2, 3; U = 0.25 each; complete-data df 50
        List<Estimates> fits = new ArrayList<>();
        for (double q : new double[] {1, 2, 3}) fits.add(Estimates.of(List.of("b"), new double[] {q}, new double[] {0.5}, 50));
        PooledEstimates p = Rubin.pool(fits);
        double b = 1.0, u = 0.25, t = u + (1 + 1.0 / 3) * b, lambda = (4.0 / 3) * b / t;
        double dfOld = 2 / (lambda * lambda), dfObs = 51.0 / 53 * 50 * (1 - lambda), df = dfOld * dfObs / (dfOld + dfObs);
        assertEquals(2.0, p.estimate()[0], 1e-12);
        assertEquals(u, p.within()[0], 1e-12);
        assertEquals(b, p.between()[0], 1e-12);
        assertEquals(Math.sqrt(t), p.se()[0], 1e-12);
        assertEquals(df, p.df()[0], 1e-9);
        assertEquals((4.0 / 3) * b / u, p.riv()[0], 1e-12);
        double crit = new org.apache.commons.math3.distribution.TDistribution(df).inverseCumulativeProbability(0.975);
        assertEquals(2 - crit * Math.sqrt(t), p.ciLower()[0], 1e-9);
        assertTrue(p.summary().contains("Rubin"), p.summary());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Rubin.pool(fits.subList(0, 1)));
        assertEquals("Rubin's rules need at least 2 imputations, got 1", e.getMessage());
    }

    // ------------------------------------------------------------------ store, CV, threads

    @Test
    void fittedImputersRoundTripThroughTheStoreAndFillNewRowsTheSameWay() throws Exception {
        CorrelatedPeople train = CorrelatedPeople.simulate(3000, 21, 0.2, MissingMechanism.MAR);
        CorrelatedPeople fresh = CorrelatedPeople.simulate(500, 22, 0.2, MissingMechanism.MAR);
        Path dir = Files.createTempDirectory("impute-store");
        Store store = Stores.open(dir.toString());
        for (Strategy s : List.of(Strategy.MEDIAN, Strategy.INDICATOR, Strategy.KNN, Strategy.REGRESSION, Strategy.ITERATIVE)) {
            FittedImputer f = Imputer.of(s).constant("gender", "F").options(ImputeOptions.defaults().withDonors(800)).fit(table(train));
            store.saveObject("imputers/" + s.cli(), f);
            FittedImputer back = store.loadObject("imputers/" + s.cli(), FittedImputer.class);
            assertEquals(f, back, s + ": the stored imputer differs from the fitted one");
            Table a = f.transform(table(fresh)), b = back.transform(table(fresh));
            assertEquals(a.print(a.rowCount()), b.print(b.rowCount()), s + ": a reloaded imputer fills new rows differently");
        }
        // an encoding with a KNN column carries its imputer through the store (as the model card does)
        DesignMatrix d = Design.of("score").numeric("age", "household_size").categorical("income_bracket", "region", "gender")
                .missing(Missing.KNN).fit(table(train));
        store.saveObject("encodings/knn", d.encoding());
        Encoding back = store.loadObject("encodings/knn", Encoding.class);
        assertEquals(d.encoding(), back);
        assertNotNull(back.imputer());
        DesignMatrix x1 = d.encoding().apply(table(fresh)), x2 = back.apply(table(fresh));
        assertEquals(fresh.n(), x2.n(), "KNN leaves no row to drop");
        for (int j = 0; j < x1.columns().length; j++) assertArrayEquals(x1.columns()[j], x2.columns()[j]);
    }

    @Test
    void crossValidationRefitsTheImputerOnEveryTrainingFold() {
        CorrelatedPeople p = CorrelatedPeople.simulate(1500, 31, 0.25, MissingMechanism.MAR);
        Table t = table(p);
        // explicit references: a fold's coefficients are then those of its own fit, with no re-parameterisation
        Design design = Design.of("score").numeric("age", "household_size").categorical("income_bracket", "lt25k")
                .categorical("region", "South").categorical("gender", "F").missing(Missing.ITERATIVE).missing("age", Missing.KNN);
        CvResult cv = CrossValidation.run(ModelKind.OLS, design, t, 5, 9);
        int[] usable = design.fit(t).rows();
        assertEquals(t.rowCount(), usable.length, "no row is dropped");
        int[][] folds = CrossValidation.folds(usable.length, 5, 9);
        double fullMean = Imputer.of(Strategy.MEAN).fit(t).column("age").mean();
        for (int f = 0; f < 5; f++) {
            boolean[] isTest = new boolean[t.rowCount()];
            for (int i : folds[f]) isTest[usable[i]] = true;
            int[] train = new int[t.rowCount() - folds[f].length];
            for (int i = 0, k = 0; i < t.rowCount(); i++) if (!isTest[i]) train[k++] = i;
            DesignMatrix dtr = design.fit(t, train);
            FittedImputer imp = dtr.encoding().imputer();
            double trainMean = Imputer.of(Strategy.MEAN).fit(t, train).column("age").mean();
            assertEquals(trainMean, imp.column("age").mean(), 1e-12, "fold " + f + ": the imputer saw only the training rows");
            assertNotEquals(fullMean, imp.column("age").mean(), "fold " + f);
            OlsResult r = Ols.fit(dtr);
            assertArrayEquals(r.coefficients(), cv.coefficients()[f], 1e-9, "fold " + f + " coefficients");
            // held-out rows filled by that fold's imputer: the fold's RMSE
            int[] testRows = Arrays.stream(folds[f]).map(i -> usable[i]).toArray();
            DesignMatrix dte = dtr.encoding().applyWithResponse(t.rows(testRows));
            double[] b = r.coefficients();
            double ss = 0;
            for (int i = 0; i < dte.n(); i++) {
                double pred = b[0];
                for (int j = 0; j < dte.columns().length; j++) pred += b[j + 1] * dte.columns()[j][i];
                ss += (dte.y()[i] - pred) * (dte.y()[i] - pred);
            }
            assertEquals(Math.sqrt(ss / dte.n()), cv.folds().get(f).rmse(), 1e-9, "fold " + f + " RMSE");
        }
    }

    @Test
    void threadCountDoesNotChangeResults() {
        CorrelatedPeople p = CorrelatedPeople.simulate(12_000, 41, 0.2, MissingMechanism.MAR);
        Table t = table(p);
        for (Strategy s : List.of(Strategy.KNN, Strategy.REGRESSION, Strategy.ITERATIVE)) {
            Table one = Imputer.of(s).options(ImputeOptions.defaults().withThreads(1)).fit(t).transform(t);
            Table four = Imputer.of(s).options(ImputeOptions.defaults().withThreads(4)).fit(t).transform(t);
            for (String c : FEATURES) assertEquals(one.column(c).asList(), four.column(c).asList(), s + " column " + c);
        }
        var mi1 = MultipleImputation.run(Imputer.of(Strategy.ITERATIVE).options(ImputeOptions.defaults().withThreads(1)), t, 3, 5);
        var mi4 = MultipleImputation.run(Imputer.of(Strategy.ITERATIVE).options(ImputeOptions.defaults().withThreads(4)), t, 3, 5);
        for (int j = 0; j < 3; j++) assertEquals(mi1.completed().get(j).column("age").asList(), mi4.completed().get(j).column("age").asList());
        assertNotEquals(mi1.completed().get(0).column("age").asList(), mi1.completed().get(1).column("age").asList(), "imputations differ from each other");
    }

    // ------------------------------------------------------------------ strategies and errors

    @Test
    void simpleStrategiesUseTrainingValuesOnly() {
        Table train = Table.create("t", DoubleColumn.create("x", new double[] {1, 2, 2, 10, Double.NaN}),
                StringColumn.create("c", new String[] {"a", "b", "b", "", "a"}));
        Table fresh = Table.create("t", DoubleColumn.create("x", new double[] {Double.NaN, 5}), StringColumn.create("c", new String[] {"", "z"}));
        assertEquals(3.75, Imputer.of(Strategy.MEAN).fit(train).transform(fresh).doubleColumn("x").getDouble(0), 1e-12);
        assertEquals(2.0, Imputer.of(Strategy.MEDIAN).fit(train).transform(fresh).doubleColumn("x").getDouble(0), 1e-12);
        assertEquals(2.0, Imputer.of(Strategy.MODE).fit(train).transform(fresh).doubleColumn("x").getDouble(0), 1e-12);
        Table mode = Imputer.of(Strategy.MODE).fit(train).transform(fresh);
        assertEquals("a", mode.stringColumn("c").get(0), "tie a/b: first in sorted order");
        assertEquals("z", mode.stringColumn("c").get(1), "an unseen level is kept as it is");
        Table ind = Imputer.of(Strategy.INDICATOR).fit(train).transform(fresh);
        assertEquals(List.of("x", "x_missing", "c"), ind.columnNames());
        assertEquals(List.of(1, 0), ind.intColumn("x_missing").asList());
        assertEquals(ColumnImputer.MISSING_LEVEL, ind.stringColumn("c").get(0));
        Table k = Imputer.of(Strategy.MEAN).constant("x", -1).constant("c", "none").fit(train).transform(fresh);
        assertEquals(-1.0, k.doubleColumn("x").getDouble(0));
        assertEquals("none", k.stringColumn("c").get(0));
        Table drop = Imputer.of(Strategy.DROP).fit(train).transform(train);
        assertEquals(3, drop.rowCount(), "rows 4 and 5 have a missing cell");
        assertTrue(Imputer.of(Strategy.MEAN).fit(train).summary().contains("x"));
    }

    @Test
    void knnWeightsAndTheNanEuclideanDistance() {
        // donors (x, y): (0, 0) (1, 10) (2, 20) (10, 100); query x = 1.1 with y missing
        Table train = Table.create("t", DoubleColumn.create("x", new double[] {0, 1, 2, 10}), DoubleColumn.create("y", new double[] {0, 10, 20, 100}));
        Table q = Table.create("t", DoubleColumn.create("x", new double[] {1.1, Double.NaN}), DoubleColumn.create("y", new double[] {Double.NaN, Double.NaN}));
        Table u = Imputer.of(Strategy.KNN).options(ImputeOptions.defaults().withK(2)).fit(train).transform(q);
        assertEquals(15.0, u.doubleColumn("y").getDouble(0), 1e-12, "uniform: mean of the 2 nearest (x=1, x=2)");
        assertEquals(32.5, u.doubleColumn("y").getDouble(1), 1e-12, "no coordinate in common: the training mean");
        assertEquals(3.25, u.doubleColumn("x").getDouble(1), 1e-12);
        Table w = Imputer.of(Strategy.KNN).options(ImputeOptions.defaults().withK(2).withWeights(Weights.DISTANCE)).fit(train).transform(q);
        assertEquals((10 / 0.1 + 20 / 0.9) / (1 / 0.1 + 1 / 0.9), w.doubleColumn("y").getDouble(0), 1e-9, "1/distance weights");
    }

    @Test
    void badRequestsAreOneLineErrors() {
        Table t = Table.create("t", DoubleColumn.create("x", new double[] {1, Double.NaN}), StringColumn.create("c", new String[] {"a", ""}));
        assertEquals("table 't' lacks column(s) [nope]; it has [x, c]",
                assertThrows(IllegalArgumentException.class, () -> Imputer.of(Strategy.MEAN).column("nope", Strategy.MEAN).fit(t)).getMessage());
        assertEquals("strategy MEAN is not defined for categorical column 'c'; use MODE, CONSTANT, INDICATOR, KNN, REGRESSION, ITERATIVE or DROP",
                assertThrows(IllegalArgumentException.class, () -> Imputer.of(Strategy.MODE).column("c", Strategy.MEAN).fit(t)).getMessage());
        assertEquals("CONSTANT for column 'x' needs a value: use constant(name, value)",
                assertThrows(IllegalArgumentException.class, () -> Imputer.of(Strategy.CONSTANT).fit(t)).getMessage());
        assertEquals("unknown imputation strategy 'nearest'; expected one of keep|drop|constant|mean|median|mode|indicator|knn|regression|iterative",
                assertThrows(IllegalArgumentException.class, () -> Strategy.parse("nearest")).getMessage());
        Table empty = Table.create("t", DoubleColumn.create("x", new double[] {Double.NaN, Double.NaN}));
        assertEquals("column 'x' has no non-missing values in the 2 training rows; it cannot be imputed by KNN",
                assertThrows(IllegalArgumentException.class, () -> Imputer.of(Strategy.KNN).fit(empty)).getMessage());
        assertEquals("table 't' lacks column(s) [c] that the imputer needs; it has [x]",
                assertThrows(IllegalArgumentException.class, () -> Imputer.of(Strategy.MEAN).fit(t).transform(Table.create("t",
                        DoubleColumn.create("x", new double[] {1})))).getMessage());
    }

    // ------------------------------------------------------------------ generator

    @Test
    void generatorMarBlanksDependOnOtherColumnsAndTrueValuesAreWrittenAside() throws Exception {
        Path dir = Files.createTempDirectory("impute-gen");
        synth.Generator.Counts c = synth.Generator.run(new synth.Generator.Config(20_000, 3, dir, false, 0.1, MissingMechanism.MAR, true));
        List<String> obs = Files.readAllLines(dir.resolve("people.csv")), truth = Files.readAllLines(dir.resolve("people_true.csv"));
        assertEquals(obs.size(), truth.size());
        assertEquals(obs.get(0), truth.get(0));
        // exposures per person, to check that age blanks depend on them
        int[] exposures = new int[20_001];
        try (var lines = Files.lines(dir.resolve("exposures.csv"))) {
            lines.skip(1).forEach(l -> exposures[Integer.parseInt(l.substring(0, l.indexOf(',')))]++);
        }
        int[] blank = new int[2], total = new int[2], incomeBlank = new int[2], incomeTotal = new int[2];
        for (int i = 1; i < obs.size(); i++) {
            String[] o = obs.get(i).split(",", -1), t = truth.get(i).split(",", -1);
            for (int k = 0; k < o.length; k++) {
                assertFalse(t[k].isEmpty(), "people_true.csv has no blank cell (line " + (i + 1) + ")");
                if (!o[k].isEmpty()) assertEquals(t[k], o[k], "observed cells are the true values (line " + (i + 1) + ")");
            }
            int heavy = exposures[Integer.parseInt(o[0])] >= 10 ? 1 : 0;
            total[heavy]++;
            if (o[1].isEmpty()) blank[heavy]++;
            int man = t[2].equals("M") ? 1 : 0;
            incomeTotal[man]++;
            if (o[3].isEmpty()) incomeBlank[man]++;
        }
        double light = (double) blank[0] / total[0], heavyShare = (double) blank[1] / total[1];
        assertEquals(0.05, light, 0.01, "age blank share below 10 exposures (rate 0.1 x 0.5)");
        assertEquals(0.22, heavyShare, 0.02, "age blank share at 10+ exposures (rate 0.1 x 2.2)");
        assertEquals(0.18, (double) incomeBlank[1] / incomeTotal[1], 0.02, "income blank share for men");
        assertEquals(blank[0] + blank[1], c.missing().get("age"));
        String json = Files.readString(dir.resolve("truth.json"));
        assertTrue(json.contains("\"mechanism\": \"MAR") || json.contains("\"mechanism\":\"MAR"), json);
        assertTrue(json.contains("people_true.csv"), json);
    }

    // ------------------------------------------------------------------ slices --na knn|regression|mice

    @Test
    void slicesImputePerSliceAndMicePoolsWithHonestStandardErrors() {
        SplittableRandom r = new SplittableRandom(8);
        double[] slope2 = {1.0, -0.5};
        for (int s = 0; s < 2; s++) {
            slices.SliceRows rows = new slices.SliceRows(s == 0 ? "a" : "b", List.of("x1", "x2"));
            slices.SliceRows complete = new slices.SliceRows(s == 0 ? "a" : "b", List.of("x1", "x2"));
            int blanks = 0;
            for (int i = 0; i < 600; i++) {
                double x1 = gauss(r), x2 = 0.8 * x1 + 0.6 * gauss(r), y = 1 + 2 * x1 + slope2[s] * x2 + gauss(r);
                boolean hide = r.nextDouble() < (y > 1.5 ? 0.6 : 0.1);
                if (hide) blanks++;
                rows.add(y, new double[] {x1, hide ? Double.NaN : x2});
                complete.add(y, new double[] {x1, x2});
            }
            slices.SliceFit knn = slices.SliceFitter.fit(rows, "y", slices.NaStrategy.KNN);
            slices.SliceFit reg = slices.SliceFitter.fit(rows, "y", slices.NaStrategy.REGRESSION);
            slices.SliceFit mice = slices.SliceFitter.fit(rows, "y", slices.NaStrategy.MICE);
            slices.SliceFit mice2 = slices.SliceFitter.fit(rows, "y", slices.NaStrategy.MICE);
            for (slices.SliceFit f : List.of(knn, reg, mice)) {
                assertTrue(f.ok(), f.reason());
                assertEquals(600, f.n(), "every row with y is used");
                assertEquals(blanks, f.imputed());
            }
            assertEquals(mice, mice2, "seeded: the same slice gives the same pooled fit");
            slices.SliceFit.Term t = mice.term("x2");
            assertTrue(t.ciLow() <= slope2[s] && slope2[s] <= t.ciHigh(), "slice " + s + ": MICE 95% CI " + t.ciLow() + ".." + t.ciHigh() + " covers " + slope2[s]);
            double fullSe = slices.SliceFitter.fit(complete, "y", slices.NaStrategy.DROP).term("x2").stdError();
            assertTrue(t.stdError() > 1.05 * fullSe, "pooled SE " + t.stdError() + " reflects the information lost to blanks (complete data: " + fullSe + ")");
        }
        assertTrue(slices.NaStrategy.parse("MICE") == slices.NaStrategy.MICE);
    }

    static double gauss(SplittableRandom r) {
        double u = r.nextDouble(), v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    // ------------------------------------------------------------------ the model card

    @Test
    void theModelCardKeepsTheImputerAndPredictFillsNewPeopleTheSameWay() throws Exception {
        Path dir = Files.createTempDirectory("impute-card");
        synth.Generator.run(new synth.Generator.Config(3000, 5, dir, false, 0.15, MissingMechanism.MAR, false));
        ingest.Dataset d = ingest.Ingest.load(dir);
        model.ExposureSpec spec = model.ExposureSpec.generatorParameterisation().withMissing(Missing.KNN);
        model.ExposureModelResult r = model.ExposureModels.fit(d.persons(), spec, model.FitOptions.defaults().withFolds(2).withBootstrap(0));
        assertEquals(3000, r.rowsUsed(), "KNN fills every row: nobody is dropped");
        model.ModelCard card = model.ModelCard.of(r, stats.ModelKind.NEGATIVE_BINOMIAL, model.InputFingerprint.of(d));
        assertNotNull(card.encoding().imputer(), "the card records the fitted imputer");
        Store store = Stores.open(Files.createTempDirectory("impute-card-store").toString());
        card.save(store, model.ModelCard.DEFAULT_KEY);
        model.ModelCard back = model.ModelCard.load(store, model.ModelCard.DEFAULT_KEY);
        assertEquals(card, back);
        model.Scoring all = model.Predictor.of(back).score(dir.resolve("people.csv"));
        assertEquals(3000, all.scored(), "every person is scored, blanks filled by the stored imputer");
        assertArrayEquals(model.Predictor.of(card).score(dir.resolve("people.csv")).predictions(), all.predictions());
        // a new person is filled from the training donors only: scoring people one at a time changes nothing
        Table people = Table.read().csv(dir.resolve("people.csv").toFile());
        int checked = 0;
        for (int i = 0; i < people.rowCount() && checked < 20; i++) {
            if (!people.column("age").isMissing(i) && !people.column("income_bracket").isMissing(i)) continue;
            model.Scoring one = model.Predictor.of(back).score(people.rows(i));
            assertEquals(all.predictions()[i], one.predictions()[0], 1e-9, "person on line " + (i + 2));
            checked++;
        }
        assertEquals(20, checked);
    }
}
