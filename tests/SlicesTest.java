///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//JAVAC_OPTIONS -encoding UTF-8
//SOURCES testkit/JUnitMain.java
//SOURCES ../slices/*.java
//SOURCES ../stats/*.java
//SOURCES ../storage/*.java
//SOURCES ../storage/jdbc/*.java
//DEPS org.slf4j:slf4j-nop:2.0.17
//SOURCES ../report/*.java
// Tests of the slice-fit-combine job (package slices, slices.java). Run: ./jbang tests/SlicesTest.java [--filter NAME]

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import slices.ModelTables;
import slices.SliceFit;
import slices.SliceJob;
import slices.SliceModel;
import slices.SliceOptions;
import slices.SliceStore;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class SlicesTest {
    public static void main(String[] a) { testkit.JUnitMain.runAndExit(a, SlicesTest.class); }

    @TempDir
    Path tmp;

    // ------------------------------------------------------------------ simulated data

    /** True coefficients per region: intercept, slope of x1, slope of x2. */
    static final Map<String, double[]> TRUTH = Map.of(
            "east", new double[] {2.0, 1.5, -0.5},
            "north", new double[] {-1.0, 0.25, 2.0},
            "south", new double[] {10.0, -3.0, 0.0},
            "west", new double[] {0.5, 0.75, 1.25},
            "centre", new double[] {5.0, 2.0, -1.0});

    /**
     * y = b0 + b1 x1 + b2 x2 + N(0, 1) per region (seeded), 300 rows each, plus slice "tiny" with 2 rows and
     * slice "flat" whose x1 is constant. Columns: region,x1,x2,label,y (label is text).
     */
    static Path simulate(Path file, long seed) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        StringBuilder b = new StringBuilder("region,x1,x2,label,y\n");
        for (String region : List.of("west", "north", "east", "south", "centre")) {
            double[] t = TRUTH.get(region);
            for (int i = 0; i < 300; i++) {
                double x1 = rnd.nextDouble(-5, 5), x2 = rnd.nextDouble(0, 10);
                double y = t[0] + t[1] * x1 + t[2] * x2 + normal(rnd);
                b.append(String.format(Locale.ROOT, "%s,%.6f,%.6f,item %d,%.6f%n", region, x1, x2, i, y));
            }
        }
        b.append("tiny,1,2,a,3\ntiny,2,1,b,4\n");
        for (int i = 0; i < 20; i++) b.append(String.format(Locale.ROOT, "flat,7,%d,c,%d%n", i, 2 * i + (i % 3)));
        write(file, b.toString());
        return file;
    }

    static double normal(SplittableRandom r) {
        double u1 = r.nextDouble(), u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    static void write(Path file, String text) throws IOException {
        if (file.toString().endsWith(".gz")) {
            try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(file))) {
                o.write(text.getBytes(StandardCharsets.UTF_8));
            }
        } else Files.writeString(file, text);
    }

    /** Runs the job as the command line would; returns exit code, stdout, stderr. */
    record Run(int code, String out, String err) {}

    static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = SliceJob.main(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static SliceJob.Result run(String... args) {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        return SliceJob.run(SliceOptions.parse(args).orElseThrow(), quiet, quiet);
    }

    static SliceFit fit(SliceJob.Result r, String slice) {
        return r.fits().stream().filter(f -> f.slice().equals(slice)).findFirst().orElseThrow(() -> new AssertionError("no slice " + slice));
    }

    static List<String> column(Path csv, int col) throws IOException {
        List<String> out = new ArrayList<>();
        for (List<String> row : ModelTables.readCsv(csv).rows()) out.add(row.get(col));
        return out;
    }

    // ------------------------------------------------------------------ tests

    @Test
    void knownCoefficientsLieInTheirConfidenceIntervals() throws IOException {
        Path data = simulate(tmp.resolve("sim.csv"), 42);
        SliceJob.Result r = run(data.toString(), "--by", "region", "--x", "x1,x2", "--y", "y", "--out", tmp.resolve("out").toString(), "--no-plots");
        int intervals = 0, covered = 0;
        for (var e : TRUTH.entrySet()) {
            SliceFit f = fit(r, e.getKey());
            assertEquals(SliceFit.OK, f.status(), e.getKey() + ": " + f.reason());
            assertEquals(300, f.n());
            List<String> terms = List.of("intercept", "x1", "x2");
            for (int j = 0; j < 3; j++) {
                SliceFit.Term t = f.term(terms.get(j));
                double truth = e.getValue()[j];
                intervals++;
                if (t.ciLow() <= truth && truth <= t.ciHigh()) covered++;
                // Seeded, so deterministic; 4 standard errors is a bound no honest estimate misses.
                assertTrue(Math.abs(t.estimate() - truth) < 4 * t.stdError(),
                        e.getKey() + " " + t.name() + ": estimate " + t.estimate() + " vs true " + truth + " (se " + t.stdError() + ")");
                assertTrue(t.ciLow() < t.estimate() && t.estimate() < t.ciHigh());
            }
            assertTrue(Math.abs(f.rmse() - 1.0) < 0.15, "rmse " + f.rmse() + " should be near the simulated sigma 1");
        }
        assertTrue(covered >= 13, covered + " of " + intervals + " 95% intervals cover the truth");
    }

    /** The 95% intervals cover the true coefficients about 95% of the time: 200 simulated slices, 600 intervals. */
    @Test
    void confidenceIntervalsHaveTheirNominalCoverage() throws IOException {
        SplittableRandom rnd = new SplittableRandom(2024);
        StringBuilder b = new StringBuilder("slice,x1,x2,y\n");
        double[][] truth = new double[200][];
        for (int s = 0; s < 200; s++) {
            truth[s] = new double[] {rnd.nextDouble(-5, 5), rnd.nextDouble(-2, 2), rnd.nextDouble(-2, 2)};
            double sigma = rnd.nextDouble(0.5, 3);
            for (int i = 0; i < 40; i++) {
                double x1 = rnd.nextDouble(0, 10), x2 = rnd.nextDouble(-3, 3);
                double y = truth[s][0] + truth[s][1] * x1 + truth[s][2] * x2 + sigma * normal(rnd);
                b.append(String.format(Locale.ROOT, "s%03d,%.9f,%.9f,%.9f%n", s, x1, x2, y));
            }
        }
        Path data = tmp.resolve("many.csv");
        write(data, b.toString());
        SliceJob.Result r = run(data.toString(), "--by", "slice", "--x", "x1,x2", "--y", "y", "--out", tmp.resolve("o").toString(), "--no-plots");
        int covered = 0;
        for (int s = 0; s < 200; s++) {
            SliceFit f = fit(r, String.format(Locale.ROOT, "s%03d", s));
            for (int j = 0; j < 3; j++) {
                SliceFit.Term t = f.terms().get(j);
                if (t.ciLow() <= truth[s][j] && truth[s][j] <= t.ciHigh()) covered++;
            }
        }
        // Binomial(600, 0.95): mean 570, sd 5.3; the bounds are about 4 sd wide on each side.
        assertTrue(covered >= 549 && covered <= 591, covered + " of 600 intervals cover the truth");
    }

    @Test
    void slicesThatCannotBeFittedGetARowWithTheReason() throws IOException {
        Path data = simulate(tmp.resolve("sim.csv"), 7);
        Path out = tmp.resolve("out");
        Run run = cli(data.toString(), "--by", "region", "--x", "x1,x2", "--y", "y", "--out", out.toString(), "--no-plots");
        assertEquals(0, run.code(), run.err());
        List<List<String>> rows = ModelTables.readCsv(out.resolve("models_combined.csv")).rows();
        assertEquals(List.of("centre", "east", "flat", "north", "south", "tiny", "west"), rows.stream().map(x -> x.get(0)).toList());
        List<String> header = ModelTables.readCsv(out.resolve("models_combined.csv")).header();
        assertEquals(List.of("region", "n", "intercept", "x1", "x2", "intercept_se", "x1_se", "x2_se", "r_squared", "adj_r_squared",
                "rmse", "status", "reason"), header);
        List<String> tiny = rows.get(5), flat = rows.get(2);
        assertEquals("failed", tiny.get(11));
        assertEquals("2", tiny.get(1));
        assertTrue(tiny.get(12).startsWith("too few rows: 2 rows for 3 coefficients"), tiny.get(12));
        assertEquals("NA", tiny.get(2));
        assertEquals("failed", flat.get(11));
        assertTrue(flat.get(12).startsWith("constant predictor 'x1'"), flat.get(12));
        assertEquals("ok", rows.get(0).get(11));
        assertEquals("", rows.get(0).get(12));
        // Failed slices have no tidy rows; the others one per term, in slice order.
        List<String> tidySlices = column(out.resolve("models_tidy.csv"), 0);
        assertFalse(tidySlices.contains("tiny") || tidySlices.contains("flat"));
        assertEquals(List.of("centre", "centre", "centre", "east", "east", "east", "north", "north", "north", "south", "south", "south",
                "west", "west", "west"), tidySlices);
        // The printed table lists every slice with its reason.
        assertTrue(run.out().contains("too few rows") && run.out().contains("constant predictor"), run.out());
    }

    @Test
    void singleSlopeWithTwoRowsAndAConstantPredictor() throws IOException {
        Path data = tmp.resolve("d.csv");
        write(data, "g,x,y\na,1,2\na,2,3\nb,5,1\nb,5,2\nb,5,3\nc,1,1\nc,2,2.5\nc,3,2.9\nc,4,4.2\n");
        SliceJob.Result r = run(data.toString(), "--by", "g", "--x", "x", "--y", "y", "--out", tmp.resolve("o").toString(), "--no-plots");
        assertEquals("too few rows: 2 rows for 2 coefficients (need at least 3)", fit(r, "a").reason());
        assertEquals("constant predictor 'x' (every row has 5): its slope is not identifiable", fit(r, "b").reason());
        assertTrue(fit(r, "c").ok());
    }

    @Test
    void unknownColumnIsAOneLineErrorListingTheColumns() throws IOException {
        Path data = simulate(tmp.resolve("sim.csv"), 1);
        Run run = cli(data.toString(), "--by", "region", "--x", "x1,nope", "--y", "y", "--out", tmp.resolve("o").toString());
        assertEquals(2, run.code());
        assertEquals("slices: unknown column 'nope' given as --x; the columns of " + data + " are: region, x1, x2, label, y\n", run.err());
        Run by = cli(data.toString(), "--by", "Region", "--x", "x1", "--y", "y");
        assertEquals(2, by.code());
        assertTrue(by.err().startsWith("slices: unknown column 'Region' given as --by;"), by.err());
        assertFalse(Files.exists(tmp.resolve("o")), "nothing is written on a usage error");
    }

    @Test
    void nonNumericPredictorIsAOneLineErrorNamingTheColumn() throws IOException {
        Path data = simulate(tmp.resolve("sim.csv"), 1);
        Run run = cli(data.toString(), "--by", "region", "--x", "label", "--y", "y");
        assertEquals(2, run.code());
        assertEquals("slices: column 'label' given as --x is not numeric (" + data + " line 2: 'item 0'); numeric columns: x1, x2, y;"
                + " all columns: region, x1, x2, label, y\n", run.err());
        Run y = cli(data.toString(), "--by", "x1", "--x", "x2", "--y", "region");
        assertEquals(2, y.code());
        assertTrue(y.err().startsWith("slices: column 'region' given as --y is not numeric"), y.err());
        assertEquals(1, y.err().lines().count());
    }

    @Test
    void badArgumentsAreOneLineErrors() {
        for (String[] args : List.of(
                new String[] {"f.csv", "--x", "a", "--y", "b"},
                new String[] {"f.csv", "--by", "g", "--y", "b"},
                new String[] {"f.csv", "--by", "g", "--x", "a", "--y", "b", "--na", "zero"},
                new String[] {"f.csv", "--by", "g", "--x", "a", "--y", "a"},
                new String[] {"f.csv", "--by", "g", "--x", "a", "--y", "b", "--bogus"},
                new String[] {"missing-file.csv", "--by", "g", "--x", "a", "--y", "b"})) {
            Run run = cli(args);
            assertEquals(2, run.code(), String.join(" ", args));
            assertTrue(run.err().startsWith("slices: "), run.err());
            assertEquals(1, run.err().lines().count(), run.err());
        }
        assertTrue(cli("--na", "zero").err().contains("--na must be one of drop|mean|median|mode, not 'zero'"));
        Run help = cli("--help");
        assertEquals(0, help.code());
        assertTrue(help.out().startsWith("Usage: ./jbang slices.java FILE.csv"));
    }

    /** A slice with missing x cells: what each --na strategy fills in, compared with fitting pre-filled data. */
    @Test
    void naStrategiesBehaveAsDocumented() throws IOException {
        // slice a: observed x = 1,1,5,6,9 -> mean 4.4, median 5, mode 1; slice b: x = 2,4,6,8 -> mean 5, median 5, mode 2
        String rows = "g,x,y\na,1,2.1\na,1,1.9\na,5,6.2\na,NA,3.0\na,6,7.1\na,,4.4\na,9,9.8\na,3,NA\n"
                + "b,2,1\nb,4,2.2\nb,NA,2.5\nb,6,2.9\nb,8,4.1\nNA,1,1\n";
        Path data = tmp.resolve("na.csv");
        write(data, rows);
        Map<String, double[]> fill = Map.of("mean", new double[] {4.4, 5}, "median", new double[] {5, 5}, "mode", new double[] {1, 2});
        // drop: rows with a missing x or y are left out
        SliceJob.Result drop = run(data.toString(), "--by", "g", "--x", "x", "--y", "y", "--out", tmp.resolve("drop").toString(), "--no-plots");
        assertEquals(5, fit(drop, "a").n());
        assertEquals(3, fit(drop, "a").dropped());
        assertEquals(4, fit(drop, "b").n());
        assertEquals(List.of("a", "b"), drop.fits().stream().map(SliceFit::slice).toList(), "a missing slice value is left out");
        for (String na : List.of("mean", "median", "mode")) {
            SliceJob.Result r = run(data.toString(), "--by", "g", "--x", "x", "--y", "y", "--na", na, "--out", tmp.resolve(na).toString(), "--no-plots");
            double fa = fill.get(na)[0], fb = fill.get(na)[1];
            String filled = rows.replace("a,NA,", "a," + fa + ",").replace("a,,", "a," + fa + ",").replace("b,NA,", "b," + fb + ",");
            Path pre = tmp.resolve("pre-" + na + ".csv");
            write(pre, filled);
            SliceJob.Result expected = run(pre.toString(), "--by", "g", "--x", "x", "--y", "y", "--out", tmp.resolve("pre-" + na).toString(), "--no-plots");
            for (String s : List.of("a", "b")) {
                SliceFit got = fit(r, s), want = fit(expected, s);
                assertEquals(s.equals("a") ? 7 : 5, got.n(), na + " " + s + ": rows with y present are all used");
                assertEquals(s.equals("a") ? 2 : 1, got.imputed());
                assertEquals(s.equals("a") ? 1 : 0, got.dropped(), "a missing y is dropped, never imputed");
                for (int j = 0; j < 2; j++)
                    assertEquals(want.terms().get(j).estimate(), got.terms().get(j).estimate(), 1e-12, na + " " + s);
            }
        }
    }

    @Test
    void outputIsDeterministicAndSortedWhateverTheThreadCount() throws IOException {
        Path data = simulate(tmp.resolve("sim.csv.gz"), 3);
        run(data.toString(), "--by", "region", "--x", "x1,x2", "--y", "y", "--out", tmp.resolve("t1").toString(), "--threads", "1", "--no-plots");
        run(data.toString(), "--by", "region", "--x", "x1,x2", "--y", "y", "--out", tmp.resolve("t4").toString(), "--threads", "4", "--no-plots");
        for (String f : List.of("models_combined.csv", "models_tidy.csv"))
            assertArrayEquals(Files.readAllBytes(tmp.resolve("t1").resolve(f)), Files.readAllBytes(tmp.resolve("t4").resolve(f)), f);
        // Numeric slice values sort as numbers.
        StringBuilder b = new StringBuilder("year,x,y\n");
        for (int year : new int[] {100, 2, 10}) for (int i = 0; i < 5; i++) b.append(year).append(',').append(i).append(',').append(i * year % 7).append('\n');
        Path years = tmp.resolve("years.csv");
        write(years, b.toString());
        run(years.toString(), "--by", "year", "--x", "x", "--y", "y", "--out", tmp.resolve("years").toString(), "--no-plots");
        assertEquals(List.of("2", "10", "100"), column(tmp.resolve("years/models_combined.csv"), 0));
    }

    @Test
    void perSliceRunsCombineToTheSameTablesAsTheWholeRun() throws IOException {
        Path data = simulate(tmp.resolve("sim.csv"), 11);
        String[] common = {"--by", "region", "--x", "x1,x2", "--y", "y", "--na", "median", "--no-plots", "--quiet"};
        run(concat(new String[] {data.toString(), "--out", tmp.resolve("whole").toString()}, common));
        Run list = cli(data.toString(), "--by", "region", "--list-slices");
        List<String> values = list.out().lines().toList();
        assertEquals(List.of("centre", "east", "flat", "north", "south", "tiny", "west"), values);
        List<String> combineArgs = new ArrayList<>(List.of(data.toString(), "--by", "region", "--x", "x1,x2", "--y", "y", "--no-plots", "--quiet",
                "--out", tmp.resolve("combined").toString(), "--combine"));
        // Parts in reverse order: the combine step sorts.
        for (int i = values.size() - 1; i >= 0; i--) {
            Path part = tmp.resolve("part" + i);
            run(concat(new String[] {data.toString(), "--only-slice", values.get(i), "--out", part.toString()}, common));
            assertEquals(1, ModelTables.readCsv(part.resolve("models_combined.csv")).rows().size());
            combineArgs.add(part.toString());
        }
        run(combineArgs.toArray(String[]::new));
        for (String f : List.of("models_combined.csv", "models_tidy.csv"))
            assertEquals(Files.readString(tmp.resolve("whole").resolve(f)), Files.readString(tmp.resolve("combined").resolve(f)), f);
        Run badList = cli(data.toString(), "--by", "region", "--x", "x9", "--y", "y", "--list-slices");
        assertEquals(2, badList.code(), "--list-slices checks --x/--y when given (the workflow's first step fails fast)");
        assertTrue(badList.err().startsWith("slices: unknown column 'x9' given as --x"), badList.err());
        Run dup = cli("--combine", tmp.resolve("part0").toString(), tmp.resolve("part0").toString(), "--out", tmp.resolve("dup").toString());
        assertEquals(2, dup.code());
        assertTrue(dup.err().contains("slice 'centre' is in both"), dup.err());
    }

    @Test
    void modelsAreSavedToTheStoreAndReload() throws IOException {
        Path data = simulate(tmp.resolve("sim.csv"), 5);
        String store = tmp.resolve("store").toUri().toString();
        SliceJob.Result r = run(data.toString(), "--by", "region", "--x", "x1,x2", "--y", "y", "--out", tmp.resolve("o").toString(), "--store", store, "--no-plots");
        assertEquals(5, r.savedModels(), "the five fitted slices; failed ones have no model");
        SliceModel m = SliceStore.load(store, "region", "y", List.of("x1", "x2"), "east");
        assertEquals(fit(r, "east"), m.fit());
        assertEquals(List.of("x1", "x2"), m.x());
        assertEquals("drop", m.na());
        // Slice values that are not valid key segments still get their own key.
        assertTrue(SliceStore.key("g", "y", List.of("x"), "New York/NY").matches("slices/g/y_on_x/New_York_NY-[0-9a-f]{10}"));
        assertFalse(SliceStore.key("g", "y", List.of("x"), "a b").equals(SliceStore.key("g", "y", List.of("x"), "a_b")));
    }

    @Test
    void quotedFieldsGzipAndTheChart() throws IOException {
        Path data = tmp.resolve("q.csv.gz");
        StringBuilder b = new StringBuilder("\"city, state\",x,y\n");
        for (int i = 0; i < 6; i++) b.append("\"Springfield, \"\"IL\"\"\",").append(i).append(',').append(2 * i + 1 + (i % 2) * 0.1).append('\n');
        for (int i = 0; i < 6; i++) b.append("Austin,").append(i).append(',').append(3 - i + (i % 2) * 0.1).append('\n');
        write(data, b.toString());
        Path plots = tmp.resolve("plots");
        SliceJob.Result r = run(data.toString(), "--by", "city, state", "--x", "x", "--y", "y", "--out", tmp.resolve("o").toString(), "--plots", plots.toString());
        assertEquals(List.of("Austin", "Springfield, \"IL\""), r.fits().stream().map(SliceFit::slice).toList());
        assertEquals(2.0, fit(r, "Springfield, \"IL\"").term("x").estimate(), 0.05);
        assertTrue(Files.readString(tmp.resolve("o/models_combined.csv")).contains("\"Springfield, \"\"IL\"\"\",6,"));
        assertNotNull(r.chart());
        String html = Files.readString(r.chart());
        assertTrue(html.contains("plotly-2.35.3.js") && !html.contains("cdn.plot.ly"), "offline page with the local plotly.js");
        assertTrue(Files.size(plots.resolve("plotly-2.35.3.js")) > 1_000_000);
        try (var pages = Files.list(plots)) {
            assertEquals(2, pages.filter(p -> p.getFileName().toString().startsWith("chart-")).count(), "one chart per slice");
        }
    }

    @Test
    void outAlsoHoldsTheChartUnlessPlotsIsGiven() throws IOException {
        Path data = simulate(tmp.resolve("sim-out.csv"), 9);
        Path out = tmp.resolve("with-out");
        SliceJob.Result r = run(data.toString(), "--by", "region", "--x", "x1,x2", "--y", "y", "--out", out.toString(), "--quiet");
        assertEquals(out.resolve("plots").resolve("index.html"), r.chart(), "--out DIR puts the chart under DIR/plots (issue 12)");
        assertTrue(Files.isRegularFile(out.resolve("plots/index.html")));
        assertTrue(Files.isRegularFile(out.resolve("models_combined.csv")));
        assertEquals(Path.of("plots", "slices"), SliceOptions.parse(new String[]{"f.csv", "--by", "g", "--x", "x", "--y", "y"}).orElseThrow().plots(),
                "without --out the chart keeps its default place");
        assertEquals(Path.of("elsewhere"), SliceOptions.parse(new String[]{"f.csv", "--by", "g", "--x", "x", "--y", "y", "--out", "o", "--plots", "elsewhere"})
                .orElseThrow().plots(), "an explicit --plots wins");
        org.junit.jupiter.api.Assertions.assertNull(SliceOptions.parse(new String[]{"f.csv", "--by", "g", "--x", "x", "--y", "y", "--out", "o",
                "--no-plots"}).orElseThrow().plots());
    }

    @Test
    void palmerPenguinsFlipperOnBillLengthBySpecies() {
        Path penguins = Path.of(System.getProperty("user.dir")).resolve("../shared/reference/penguins.csv").normalize();
        Assumptions.assumeTrue(Files.exists(penguins), "../shared/reference/penguins.csv is not here (it is never committed)");
        SliceJob.Result r = run(penguins.toString(), "--by", "species", "--x", "bill_length_mm", "--y", "flipper_length_mm",
                "--out", tmp.resolve("p").toString(), "--no-plots");
        assertEquals(List.of("Adelie", "Chinstrap", "Gentoo"), r.fits().stream().map(SliceFit::slice).toList());
        assertEquals(151, fit(r, "Adelie").n());
        assertEquals(123, fit(r, "Gentoo").n());
        assertEquals(68, fit(r, "Chinstrap").n());
        // Gentoo slope, checked against Python statistics.linear_regression on the same rows
        assertEquals(1.3912, fit(r, "Gentoo").term("bill_length_mm").estimate(), 5e-4);
        assertTrue(r.fits().stream().allMatch(SliceFit::ok));
    }

    static String[] concat(String[] a, String[] b) {
        String[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
