///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//JAVAC_OPTIONS -encoding UTF-8
//SOURCES testkit/JUnitMain.java
//SOURCES ../report/*.java

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import report.*;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Tests of package report. Quantile definition under test: linear interpolation between order
 * statistics (numpy default, Hyndman-Fan type 7); independent reference: commons-math3 Percentile with
 * EstimationType.R_7, plus hand-computed values.
 *
 * <p>{@code ./jbang tests/ReportTest.java --demo DIR} writes the demo report (fake data) to DIR instead
 * of running the tests.
 */
public class ReportTest {

    public static void main(String[] a) throws Exception {
        if (a.length >= 1 && a[0].equals("--demo")) {
            Path dir = Path.of(a.length > 1 ? a[1] : "plots/demo");
            HtmlReport rep = Demo.report(20_000, 7);
            System.out.print(rep.toText());
            HtmlReport.Written w = rep.write(dir);
            System.out.printf("wrote %s (%d chart pages, %,d bytes of HTML) and %s%n", w.index(), w.chartPages().size(), w.htmlBytes(), w.plotlyJs());
            return;
        }
        testkit.JUnitMain.runAndExit(a, ReportTest.class);
    }

    static final ObjectMapper JSON = new ObjectMapper();

    static double r7(double[] v, double p) {
        if (p == 0) return Arrays.stream(v).min().orElseThrow();
        return new Percentile().withEstimationType(Percentile.EstimationType.R_7).evaluate(v, 100 * p);
    }

    static int[] heavyTail(int n, long seed) {
        Random r = new Random(seed);
        int[] c = new int[n];
        for (int i = 0; i < n; i++) {
            if (r.nextDouble() < 0.3) continue;                       // zeros
            double g = -Math.log(1 - r.nextDouble()) * 3;            // exponential mean
            c[i] = (int) Math.floor(g * Math.exp(r.nextGaussian()));  // heavy tail
        }
        return c;
    }

    // ------------------------------------------------------------------ quantiles and count summaries

    /** The cell format as it was written with String.format and two regexes: TextTable.num must give the same strings. */
    static String numByFormat(double d) {
        if (Double.isNaN(d)) return "";
        if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return String.format(java.util.Locale.ROOT, Math.abs(d) >= 1_000 ? "%,d" : "%d", (long) d);
        double a = Math.abs(d);
        if (a >= 1000) return String.format(java.util.Locale.ROOT, "%,.1f", d);
        if (a >= 1) return String.format(java.util.Locale.ROOT, "%.3f", d).replaceAll("0+$", "").replaceAll("\\.$", "");
        if (a >= 1e-4) return String.format(java.util.Locale.ROOT, "%.4f", d).replaceAll("0+$", "").replaceAll("\\.$", "");
        return String.format(java.util.Locale.ROOT, "%.3g", d);
    }

    @Test void cellNumbersAreFormattedAsByStringFormat() {
        java.util.Random r = new java.util.Random(12);
        List<Double> values = new java.util.ArrayList<>(List.of(0.0, -0.0, 1.0, -1.0, 999.0, 1000.0, -1000.0, 999_999.0, 1_000_000.0, -123_456_789.0,
                1e15 - 1, 9.99e14, 1.5, 2.25, 1.0005, 0.00015, 0.5, 10.1, 100.0001, 1e-5, Double.NaN, Double.POSITIVE_INFINITY));
        for (int i = 0; i < 20_000; i++) {
            double scale = Math.pow(10, r.nextInt(16) - 6);
            double v = (r.nextBoolean() ? -1 : 1) * (r.nextBoolean() ? Math.rint(r.nextDouble() * scale) : r.nextDouble() * scale);
            values.add(v);
        }
        for (double v : values) assertEquals(numByFormat(v), TextTable.num(v), "value " + v);
    }

    @Test void quantilesMatchHandComputedNumpyLinear() {
        double[] x = {1, 2, 3, 4};
        assertEquals(1.0, Quantiles.ofSorted(x, 0), 1e-12);
        assertEquals(1.75, Quantiles.ofSorted(x, 0.25), 1e-12);   // numpy.quantile([1,2,3,4], .25) == 1.75
        assertEquals(2.5, Quantiles.ofSorted(x, 0.5), 1e-12);
        assertEquals(3.7, Quantiles.ofSorted(x, 0.9), 1e-12);     // h = 2.7 -> 3 + 0.7
        assertEquals(4.0, Quantiles.ofSorted(x, 1), 1e-12);
        assertEquals(7.0, Quantiles.ofSorted(new double[]{7}, 0.3), 0);
        assertTrue(Double.isNaN(Quantiles.ofSorted(new double[0], 0.5)));
        assertThrows(IllegalArgumentException.class, () -> Quantiles.ofSorted(x, 1.5));
    }

    @Test void quantilesMatchCommonsMathR7OnRandomArrays() {
        Random r = new Random(1);
        for (int t = 0; t < 50; t++) {
            double[] v = new double[1 + r.nextInt(300)];
            for (int i = 0; i < v.length; i++) v[i] = r.nextGaussian() * 10;
            double[] s = v.clone();
            Arrays.sort(s);
            for (double p : new double[]{0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 1})
                assertEquals(r7(v, p), Quantiles.ofSorted(s, p), 1e-9, "n=" + v.length + " p=" + p);
        }
    }

    @Test void countSummaryOnKnownArray() {
        int[] c = {0, 0, 1, 2, 3, 5, 10, 12, 0, 7};  // sorted: 0 0 0 1 2 3 5 7 10 12
        CountSummary s = CountSummary.of("exposures", c);
        assertEquals(10, s.n());
        assertEquals(40, s.total());
        assertEquals(4.0, s.mean(), 1e-12);
        assertEquals(2.5, s.median(), 1e-12);       // h = 4.5 -> (2+3)/2
        assertEquals(s.median(), s.p50(), 0);
        assertEquals(0.0, s.p10(), 1e-12);          // h = 0.9 -> 0
        assertEquals(0.25, s.p25(), 1e-12);         // h = 2.25 -> 0 + .25*(1-0)
        assertEquals(6.5, s.p75(), 1e-12);          // h = 6.75 -> 5 + .75*2
        assertEquals(10.2, s.p90(), 1e-12);         // h = 8.1 -> 10 + .1*2
        assertEquals(12, s.max());
        assertEquals(0.3, s.shareZero(), 1e-12);
        assertEquals(0.2, s.share10Plus(), 1e-12);
    }

    @Test void countSummaryMatchesIndependentComputation() {
        int[] c = heavyTail(50_000, 3);
        CountSummary s = CountSummary.of("exposures", c);
        double[] d = Arrays.stream(c).asDoubleStream().toArray();
        long zero = Arrays.stream(c).filter(x -> x == 0).count(), ten = Arrays.stream(c).filter(x -> x >= 10).count();
        assertEquals(c.length, s.n());
        assertEquals(new DescriptiveStatistics(d).getMean(), s.mean(), 1e-9);
        assertEquals(r7(d, .10), s.p10(), 1e-9);
        assertEquals(r7(d, .25), s.p25(), 1e-9);
        assertEquals(r7(d, .50), s.p50(), 1e-9);
        assertEquals(r7(d, .75), s.p75(), 1e-9);
        assertEquals(r7(d, .90), s.p90(), 1e-9);
        assertEquals(r7(d, .95), s.p95(), 1e-9);
        assertEquals(r7(d, .99), s.p99(), 1e-9);
        assertEquals(Arrays.stream(c).max().orElseThrow(), s.max());
        assertEquals((double) zero / c.length, s.shareZero(), 1e-12);
        assertEquals((double) ten / c.length, s.share10Plus(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> CountSummary.of("x", new int[]{1, -1}));
    }

    @Test void frequencyTableInputGivesTheSameSummariesAsPerPersonCounts() {
        int[] c = heavyTail(30_000, 12);
        long[] freq = new long[Arrays.stream(c).max().orElseThrow() + 1];
        for (int x : c) freq[x]++;
        List<Long> asList = Arrays.stream(freq).boxed().toList();     // the shape ingestion hands over
        CountDistribution d = CountDistribution.ofFrequencies(asList);
        assertEquals(CountSummary.of("e", c), CountSummary.ofFrequencies("e", asList));
        assertEquals(CountDistribution.of(c).n(), d.n());
        assertArrayEquals(CountDistribution.of(c).values(), d.values());
        assertArrayEquals(Histogram.ofCounts("e", c, 40).counts(), Histogram.ofCounts("e", d, 40).counts());
        assertArrayEquals(Histogram.ofCountsLog("e", c).counts(), Histogram.ofCountsLog("e", d).counts());
        assertArrayEquals(Cdf.ofCounts("e", c).share(), Cdf.of("e", d).share(), 1e-15);
        assertArrayEquals(FrequencyDistribution.of("e", c).people(), FrequencyDistribution.of("e", d, 10).people());
        int[] sorted = c.clone();
        Arrays.sort(sorted);
        for (long k : new long[]{0, 1, 17, 15_000, 29_999}) assertEquals(sorted[(int) k], d.orderStatistic(k));
        assertThrows(IllegalArgumentException.class, () -> CountDistribution.ofFrequencies(new long[]{3, -1}));
    }

    // ------------------------------------------------------------------ histograms, cdf, frequency, reach

    @Test void histogramBinsSumToNAndHoldTheRightValues() {
        int[] c = heavyTail(20_000, 4);
        for (Histogram h : List.of(Histogram.ofCounts("e", c, 30), Histogram.ofCounts("e", c, 1000), Histogram.ofCountsLog("e", c))) {
            assertEquals(c.length, h.n(), "bins sum to n");
            for (int i = 0; i < h.counts().length; i++) {
                double lo = h.lower()[i], hi = h.upper()[i];
                long brute = Arrays.stream(c).filter(x -> x >= lo && x < hi).count();
                assertEquals(brute, h.counts()[i], "bin " + h.binLabels().get(i));
            }
        }
        Histogram log = Histogram.ofCountsLog("e", new int[]{0, 1, 2, 3, 4, 7, 8});
        assertEquals(List.of("0", "1", "2–3", "4–7", "8–15"), log.binLabels());
        assertArrayEquals(new long[]{1, 1, 2, 2, 1}, log.counts());
        Histogram small = Histogram.ofCounts("e", new int[]{0, 1, 1, 3}, 50);
        assertEquals(List.of("0", "1", "2", "3"), small.binLabels());   // every integer its own bin
        assertArrayEquals(new long[]{1, 2, 0, 1}, small.counts());
        int[] tail = new int[200];                                      // p99 = 2 (h = 197.01 -> 2), one outlier
        for (int i = 0; i < 200; i++) tail[i] = i % 3;
        tail[199] = 1000;
        Histogram clipped = Histogram.ofCounts("e", tail, 40);
        assertEquals(List.of("0", "1", "2", "3+"), clipped.binLabels());
        assertArrayEquals(new long[]{67, 66, 66, 1}, clipped.counts());
        Histogram wide = Histogram.ofCounts("e", new int[]{0, 5, 9, 10, 19, 20, 500}, 3, 19);   // width 10, overflow 20+
        assertEquals(List.of("0–9", "10–19", "20+"), wide.binLabels());
        assertArrayEquals(new long[]{3, 2, 2}, wide.counts());
    }

    @Test void linearHistogramOfRealValuesCountsMissingSeparately() {
        double[] v = {0, 1, 2, 3, 4, 5, 6, 7, 8, 10, Double.NaN};
        Histogram h = Histogram.linear("age", v, 5);   // nice width 2: [0,2) [2,4) [4,6) [6,8) [8,10) [10,12)
        assertArrayEquals(new long[]{2, 2, 2, 2, 1, 1}, h.counts());
        assertEquals(List.of("0–2", "2–4", "4–6", "6–8", "8–10", "10–12"), h.binLabels());
        Histogram inc = Histogram.linear("income", new double[]{3480, 15238.2, 99000, 238644}, 20);   // raw 11758 -> 20000
        assertEquals(0, inc.lower()[0], 0);
        assertEquals(20000, inc.upper()[0] - inc.lower()[0], 1e-9);
        assertEquals(4, inc.n());
        double[] r = new Random(3).doubles(10_000, -7.3, 91.2).toArray();
        Histogram rh = Histogram.linear("r", r, 17);
        assertEquals(r.length, rh.n());
        for (int i = 0; i < rh.counts().length; i++) {
            double lo = rh.lower()[i], hi = rh.upper()[i];
            assertEquals(Arrays.stream(r).filter(x -> x >= lo && x < hi).count(), rh.counts()[i], rh.binLabels().get(i));
        }
        assertEquals(10, h.n());
        assertEquals(1, h.missing());
    }

    @Test void cdfEqualsBruteForceShares() {
        int[] c = heavyTail(5_000, 5);
        Cdf cdf = Cdf.ofCounts("e", c);
        for (int i = 0; i < cdf.x().length; i++) {
            int v = cdf.x()[i];
            assertEquals((double) Arrays.stream(c).filter(x -> x <= v).count() / c.length, cdf.share()[i], 1e-12);
        }
        assertEquals(1.0, cdf.share()[cdf.share().length - 1], 1e-12);
        assertEquals(Arrays.stream(c).distinct().count(), cdf.x().length);
    }

    @Test void frequencyDistributionBuckets() {
        int[] c = {0, 0, 1, 1, 1, 2, 9, 10, 11, 250};
        FrequencyDistribution f = FrequencyDistribution.of("ad A", c);
        assertEquals(2, f.zero());
        assertEquals(8, f.reached());
        assertArrayEquals(new long[]{3, 1, 0, 0, 0, 0, 0, 0, 1, 3}, f.people());
        assertEquals("10+", f.bucketLabel(9));
        assertEquals(3.0 / 8, f.share(0), 1e-12);
        int[] big = heavyTail(10_000, 6);
        FrequencyDistribution g = FrequencyDistribution.of("x", big);
        for (int k = 1; k <= 10; k++) {
            int kk = k;
            long brute = Arrays.stream(big).filter(x -> kk < 10 ? x == kk : x >= 10).count();
            assertEquals(brute, g.people()[k - 1], "frequency " + k);
        }
    }

    @Test void reachBySegmentMatchesBruteForce() {
        int[] c = {0, 3, 1, 0, 5, 2, 0, 1};
        String[] seg = {"F", "F", "M", "M", "M", null, "F", ""};
        Reach.Table t = Reach.bySegment("reach by gender", c, seg);
        assertEquals(List.of("(missing)", "F", "M"), t.rows().stream().map(Reach::group).toList());
        Reach f = t.rows().get(1);
        assertEquals(3, f.people());
        assertEquals(1, f.reached());
        assertEquals(3, f.impressions());
        assertEquals(3.0, f.averageFrequency(), 1e-12);
        Reach m = t.rows().get(2);
        assertEquals(3, m.people()); assertEquals(2, m.reached()); assertEquals(6, m.impressions());
        assertEquals(2.0 / 3, m.reachShare(), 1e-12);
        assertEquals(new Reach("total", 8, 5, 12), t.total());
        assertThrows(IllegalArgumentException.class, () -> Reach.bySegment("x", c, new String[3]));

        Reach.Table g = Reach.perGroup("by ad", List.of("A", "B"), List.of(new int[]{1, 0, 0}, new int[]{2, 0, 1}));
        assertEquals(new Reach("A", 3, 1, 1), g.rows().get(0));
        assertEquals(new Reach("total", 3, 2, 4), g.total());
    }

    // ------------------------------------------------------------------ column summaries

    @Test void columnSummariesFromTablesawTable() {
        DoubleColumn income = DoubleColumn.create("income", new double[]{10, 20, 30, 40});
        income.appendMissing();
        IntColumn age = IntColumn.create("age", new int[]{20, 30, 40, 50, 60});
        StringColumn region = StringColumn.create("region", new String[]{"north", "south", "north", "", "east"});
        Table t = Table.create("people", income, age, region);
        List<ColumnSummary> s = ColumnSummary.ofTable(t);
        assertEquals(3, s.size());

        ColumnSummary.Numeric inc = (ColumnSummary.Numeric) s.get(0);
        DescriptiveStatistics ref = new DescriptiveStatistics(new double[]{10, 20, 30, 40});
        assertEquals(5, inc.rows());
        assertEquals(1, inc.missing());
        assertEquals(ref.getMean(), inc.mean(), 1e-12);
        assertEquals(ref.getStandardDeviation(), inc.sd(), 1e-12);   // sample sd (n-1)
        assertEquals(17.5, inc.p25(), 1e-12);                        // h = .75 -> 10 + .75*10
        assertEquals(25, inc.p50(), 1e-12);
        assertEquals(10, inc.min(), 0);
        assertEquals(40, inc.max(), 0);
        assertEquals(4, inc.histogram().n());

        ColumnSummary.Numeric ag = (ColumnSummary.Numeric) s.get(1);
        assertEquals(0, ag.missing());
        assertEquals(40, ag.p50(), 1e-12);
        assertEquals(24, ag.p10(), 1e-12);

        ColumnSummary.Categorical reg = (ColumnSummary.Categorical) s.get(2);
        assertEquals(5, reg.rows());
        assertEquals(1, reg.missing());
        assertEquals(3, reg.cardinality());
        assertEquals("north", reg.levels().get(0).value());
        assertEquals(2, reg.levels().get(0).count());
        assertEquals(0.5, reg.levels().get(0).share(), 1e-12);      // share of non-missing values
        assertEquals(List.of("north", "east", "south"), reg.levels().stream().map(ColumnSummary.Level::value).toList());

        String text = ColumnSummary.numericTable("numeric columns", s).toText();
        assertTrue(text.contains("income") && text.contains("age") && !text.contains("region"), text);
        assertTrue(ColumnSummary.categoricalTable("categorical", s).toText().contains("north"));
        assertEquals(List.of("age", "region"), ColumnSummary.ofTable(t, "income").stream().map(ColumnSummary::name).toList());
        for (ColumnSummary c : s) assertFigureLabelled(c.chart());
    }

    @Test void highCardinalityStringColumnDoesNotUseCountBy() {
        String[] ids = new String[80_000];
        for (int i = 0; i < ids.length; i++) ids[i] = "person-" + i;
        ColumnSummary.Categorical c = (ColumnSummary.Categorical) ColumnSummary.of(StringColumn.create("person", ids));
        assertEquals(80_000, c.cardinality());
        assertEquals(ColumnSummary.TOP_LEVELS, c.levels().size());
        assertEquals(80_000 - ColumnSummary.TOP_LEVELS, c.otherCount());
    }

    // ------------------------------------------------------------------ text tables

    @Test void textTableIsAlignedAndHtmlIsEscaped() {
        TextTable t = TextTable.builder("t", "name", "value").row("a", 1.5).row("<script>alert('x')</script> & co", 12345L).build();
        String[] lines = t.toText().split("\n");
        assertEquals("t", lines[0]);
        int width = lines[2].length();                          // rule under the header
        assertTrue(lines[3].endsWith("1.5") && lines[4].endsWith("12,345"), t.toText());
        assertEquals(width, lines[3].length(), "numbers right-aligned to the rule");
        assertEquals(width, lines[4].length());
        String html = t.toHtml();
        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co"), html);
        assertTrue(CountSummary.of("exposures", new int[]{0, 1, 2}).toText().contains("exposures"));
        assertEquals("name,value\r\na,1.5\r\n\"x, \"\"y\"\"\",12345\r\n",
                TextTable.builder("t", "name", "value").row("a", 1.5).row("x, \"y\"", 12345).build().toCsv());
        assertEquals("999", TextTable.fmt(999)); assertEquals("1,000", TextTable.fmt(1_000L)); assertEquals("1,234.5", TextTable.fmt(1234.5)); assertEquals("0.2354",
                TextTable.fmt(0.23543));
        assertEquals("", TextTable.fmt(Double.NaN)); assertEquals("41.7%", TextTable.pct(0.41666));
    }

    @Test void emptyInputsGiveEmptySummariesNotExceptions() {
        int[] none = new int[0];
        assertEquals(0, CountSummary.of("e", none).n());
        assertTrue(Double.isNaN(CountSummary.of("e", none).mean()));
        assertEquals(0, Cdf.ofCounts("e", none).x().length);
        assertEquals(0, Histogram.ofCounts("e", none, 10).n());
        assertEquals(0, Histogram.ofCountsLog("e", none).n());
        assertEquals(0, FrequencyDistribution.of("e", none).reached());
        assertEquals(new Reach("total", 0, 0, 0), Reach.bySegment("r", none, new String[0]).total());
        assertFalse(CountSummary.of("e", none).toText().isBlank());
        assertFalse(Cdf.ofCounts("e", none).toText().isBlank());
    }

    // ------------------------------------------------------------------ charts

    static JsonNode assertFigureLabelled(Chart c) {
        JsonNode f;
        try { f = JSON.readTree(c.toJson()); } catch (IOException e) { throw new AssertionError(e); }
        JsonNode layout = f.get("layout");
        assertFalse(layout.path("title").path("text").asText().isBlank(), "title in " + c.toJson());
        assertFalse(layout.path("xaxis").path("title").path("text").asText().isBlank(), "x label in " + c.title());
        assertFalse(layout.path("yaxis").path("title").path("text").asText().isBlank(), "y label in " + c.title());
        assertTrue(f.get("data").size() >= 1, "at least one trace in " + c.title());
        return f;
    }

    @Test void everyDemoFigureHasTitleAndAxisLabels() {
        List<Chart> charts = Demo.charts(5_000, 11);
        assertTrue(charts.size() >= 12, "demo covers every chart kind");
        for (Chart c : charts) assertFigureLabelled(c);
        assertThrows(IllegalArgumentException.class, () -> Charts.bars("t", "", "y", List.of("a"), new double[]{1}));
        assertThrows(IllegalArgumentException.class, () -> Charts.bars(" ", "x", "y", List.of("a"), new double[]{1}));
        assertThrows(IllegalArgumentException.class, () -> Charts.bars("t", "x", "y", List.of("a", "b"), new double[]{1}));
    }

    @Test void figuresStaySmallForMillionsOfPeople() {
        int[] c = heavyTail(1_000_000, 8);
        assertTrue(Charts.histogram(Histogram.ofCountsLog("e", c), "Exposures", "exposures", true).toJson().length() < 4_000);
        assertTrue(Charts.histogram(Histogram.ofCounts("e", c, 50), "Exposures", "exposures", false).toJson().length() < 6_000);
        assertTrue(Charts.cdf(Cdf.ofCounts("e", c), "CDF", "exposures").toJson().length() < 100_000);
        double[] fitted = new double[1_000_000], res = new double[1_000_000];
        Random r = new Random(2);
        for (int i = 0; i < fitted.length; i++) { fitted[i] = r.nextDouble(); res[i] = r.nextGaussian(); }
        Chart rv = Charts.residualsVsFitted("Residuals", fitted, res);
        JsonNode f = assertFigureLabelled(rv);
        assertEquals(Charts.MAX_POINTS, f.get("data").get(0).get("x").size());
        assertTrue(rv.title().contains("sample of 2,000 of 1,000,000"), rv.title());
        Chart qq = Charts.qq("Q-Q", res);
        assertEquals(200, assertFigureLabelled(qq).get("data").get(0).get("x").size());
        assertTrue(qq.toJson().length() < 20_000);
    }

    @Test void qqOfNormalSampleLiesOnTheDiagonal() throws IOException {
        Random r = new Random(9);
        double[] v = new double[20_000];
        for (int i = 0; i < v.length; i++) v[i] = 5 + 2 * r.nextGaussian();
        JsonNode t = JSON.readTree(Charts.qq("Q-Q", v).toJson()).get("data").get(0);
        for (int i = 10; i < 190; i++) assertEquals(t.get("x").get(i).asDouble(), t.get("y").get(i).asDouble(), 0.08);
    }

    @Test void coefficientErrorBarsAreAsymmetricDistancesToTheBounds() throws IOException {
        Chart c = Charts.coefficients("Coefficients", List.of("a", "b"), new double[]{1, -2}, new double[]{0.5, -3}, new double[]{2, -1.5}, "95% CI");
        JsonNode t = assertFigureLabelled(c).get("data").get(0);
        assertEquals("h", t.get("orientation").asText());
        assertEquals(1.0, t.get("error_x").get("array").get(0).asDouble(), 1e-12);
        assertEquals(0.5, t.get("error_x").get("arrayminus").get(0).asDouble(), 1e-12);
        assertEquals(0.5, t.get("error_x").get("array").get(1).asDouble(), 1e-12);
        assertEquals(1.0, t.get("error_x").get("arrayminus").get(1).asDouble(), 1e-12);
    }

    @Test void chartJsonCannotCloseTheScriptElement() {
        Chart c = Charts.bars("a </script><b>x</b>", "x", "y", List.of("</script>"), new double[]{1});
        assertFalse(c.toJson().contains("<"), c.toJson());
        assertFigureLabelled(c);
    }

    // ------------------------------------------------------------------ the HTML report

    static String read(Path p) {
        try { return Files.readString(p, StandardCharsets.UTF_8); } catch (IOException e) { throw new AssertionError(e); }
    }

    @Test void reportIsSelfContainedLinkedEscapedAndSmall(@TempDir Path dir) throws IOException {
        HtmlReport rep = Demo.report(20_000, 7);
        rep.section("Escaping <check>").note("a < b & \"c\"").table(TextTable.builder("evil <table>", "k", "v").row("<img src=x onerror=alert(1)>", 1).build());
        HtmlReport.Written w = rep.write(dir);

        Path js = dir.resolve(PlotlyJs.FILE_NAME);
        assertEquals(js, w.plotlyJs());
        assertTrue(Files.size(js) > 1_000_000, "plotly.js copied");
        assertTrue(read(js).substring(0, 400).contains("plotly.js v" + PlotlyJs.VERSION), "plotly.js version banner");

        List<Path> html;
        try (Stream<Path> s = Files.list(dir)) { html = s.filter(p -> p.toString().endsWith(".html")).sorted().toList(); }
        assertEquals(w.chartPages().size() + 1, html.size());
        assertTrue(w.chartPages().size() >= 12);
        Pattern scriptSrc = Pattern.compile("<script[^>]*\\ssrc=\"([^\"]*)\"");
        Pattern href = Pattern.compile("href=\"([^\"#]+)");
        for (Path p : html) {
            String s = read(p);
            assertFalse(s.contains("http://") || s.contains("https://"), p + " references the network");
            assertFalse(s.toLowerCase().contains("cdn"), p + " mentions a CDN");
            Matcher m = scriptSrc.matcher(s);
            int srcs = 0;
            while (m.find()) { srcs++; assertEquals(PlotlyJs.FILE_NAME, m.group(1), p + ": only the local plotly.js is loaded"); }
            assertEquals(1, srcs, p + ": plotly.js loaded once");
            Matcher h = href.matcher(s);
            while (h.find()) assertTrue(Files.exists(dir.resolve(h.group(1))), p + " links to missing " + h.group(1));
            assertTrue(Files.size(p) < 300_000, p + " is " + Files.size(p) + " bytes");
        }
        String index = read(w.index());
        for (Path page : w.chartPages()) {
            assertTrue(index.contains("href=\"" + page.getFileName() + "\""), "index links " + page.getFileName());
            String s = read(page);
            assertTrue(s.contains("href=\"index.html\""), page + " links back to the index");
            assertEquals(1, count(s, "Plotly.newPlot("), page + " draws one chart");
        }
        assertEquals(w.chartPages().size(), count(index, "Plotly.newPlot("), "index draws every chart");
        assertTrue(w.chartPages().size() < 2 || read(w.chartPages().get(1)).contains("href=\"" + w.chartPages().get(0).getFileName() + "\""), "previous link");
        assertTrue(index.contains("&lt;img src=x onerror=alert(1)&gt;") && !index.contains("<img"), "table cells escaped");
        assertTrue(index.contains("Escaping &lt;check&gt;") && index.contains("a &lt; b &amp; &quot;c&quot;"), "headings and notes escaped");
        assertTrue(index.contains("<table>") && index.contains("Exposures per person"), "key tables on the index");
        assertTrue(w.htmlBytes() < 1_500_000, "report HTML is " + w.htmlBytes() + " bytes");

        // every figure embedded in the pages has a title and axis labels
        Pattern fig = Pattern.compile("var f=(\\{.*?\\});Plotly.newPlot");
        Matcher m = fig.matcher(index);
        int figs = 0;
        while (m.find()) {
            figs++;
            JsonNode l = JSON.readTree(m.group(1)).get("layout");
            assertFalse(l.path("title").path("text").asText().isBlank());
            assertFalse(l.path("xaxis").path("title").path("text").asText().isBlank());
            assertFalse(l.path("yaxis").path("title").path("text").asText().isBlank());
        }
        assertEquals(w.chartPages().size(), figs);

        // the same report as terminal text and as a list of tables
        String text = rep.toText();
        assertTrue(text.contains("== Demographics ==") && text.contains("[chart] Exposures per person -> chart-01-"), text);
        assertTrue(rep.tables().size() >= 5);
        assertThrows(IllegalArgumentException.class, () -> new HtmlReport("x").chart(Charts.lines("raw dump", "x", "y",
                Collections.nCopies(200_000, "2024-01-01"), List.of("s"), List.of(new double[200_000]))));

        // rewriting removes chart pages of an earlier, larger report and keeps one plotly.js
        HtmlReport small = new HtmlReport("small");
        small.chart(Charts.bars("one", "x", "y", List.of("a"), new double[]{1}));
        HtmlReport.Written w2 = small.write(dir);
        try (Stream<Path> s = Files.list(dir)) { assertEquals(3, s.count(), "index, one chart page, plotly.js"); }
        assertEquals(1, w2.chartPages().size());
    }

    static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) n++;
        return n;
    }

    /**
     * Renders a chart page in headless Chromium with no network (its own network namespace when
     * {@code unshare -n} works, plus the flags from the notes) and checks plotly drew the title and axes;
     * then removes plotly.js and checks the page says so instead of rendering blank.
     */
    @Test void chartPageRendersInHeadlessChromium(@TempDir Path dir) throws Exception {
        String chromium = Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
                .filter(p -> Files.isExecutable(Path.of(p))).findFirst().orElse(null);
        Assumptions.assumeTrue(chromium != null, "chromium not installed (apt-get install -y chromium)");
        HtmlReport r = new HtmlReport("render check");
        r.chart(Charts.bars("Render check title", "the x label", "the y label", List.of("a", "b"), new double[]{1, 2}));
        HtmlReport.Written w = r.write(dir);
        String dom = dumpDom(chromium, w.chartPages().get(0), dir);
        assertTrue(dom.contains("main-svg"), "plotly drew an SVG");
        assertTrue(dom.contains("Render check title") && dom.contains("the x label") && dom.contains("the y label"), "title and labels drawn");
        assertFalse(dom.contains("<p class=\"missing\">plotly.js"), "plotly.js was found");

        Files.delete(w.plotlyJs());
        String blank = dumpDom(chromium, w.chartPages().get(0), dir);
        assertFalse(blank.contains("main-svg"));
        assertTrue(blank.contains("<p class=\"missing\">plotly.js"), "a page without plotly.js says so");
    }

    static boolean unshareWorks() {
        try { return new ProcessBuilder("unshare", "-n", "true").start().waitFor() == 0; } catch (IOException | InterruptedException e) { return false; }
    }

    static String dumpDom(String chromium, Path page, Path tmp) throws Exception {
        Path profile = Files.createTempDirectory(tmp, "chromium-profile");
        List<String> cmd = new ArrayList<>();
        if (unshareWorks()) cmd.addAll(List.of("unshare", "-n"));
        cmd.addAll(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--proxy-server=127.0.0.1:9", "--user-data-dir=" + profile, "--virtual-time-budget=5000", "--dump-dom",
                page.toUri().toString()));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "chromium finished");
        return dom;
    }

    // ------------------------------------------------------------------ demo report with fake data

    /** Fake data shaped like the real job's: people, demographics, ads x channels, days, a fitted model. */
    static final class Demo {
        static final List<String> ADS = List.of("ad-1 spring", "ad-2 <promo>", "ad-3 brand", "ad-4 retarget", "ad-5 video");
        static final List<String> CHANNELS = List.of("search", "social", "display", "video");

        record Data(int[] exposures, int[] visits, Table people, List<int[]> perAd, double[][] adChannel,
                    List<String> days, double[] impressionsPerDay, double[] visitsPerDay, long[][] hourWeekday,
                    double[] fitted, double[] residuals) {}

        static Data data(int n, long seed) {
            Random r = new Random(seed);
            int[] exp = new int[n], vis = new int[n];
            int[] age = new int[n];
            String[] gender = new String[n], region = new String[n];
            double[] income = new double[n];
            List<int[]> perAd = new ArrayList<>();
            for (int a = 0; a < ADS.size(); a++) perAd.add(new int[n]);
            double[][] adCh = new double[ADS.size()][CHANNELS.size()];
            int days = 28;
            double[] perDay = new double[days], visDay = new double[days];
            long[][] hw = new long[7][24];
            String[] regions = {"north", "south", "east", "west", "central"};
            for (int i = 0; i < n; i++) {
                age[i] = 18 + (int) Math.min(62, Math.abs(r.nextGaussian() * 14 + 22));
                gender[i] = r.nextDouble() < 0.02 ? null : (r.nextBoolean() ? "female" : "male");
                region[i] = regions[Math.min(4, (int) Math.abs(r.nextGaussian() * 1.6))];
                income[i] = r.nextDouble() < 0.05 ? Double.NaN : Math.round(Math.exp(10.3 + 0.5 * r.nextGaussian()));
                double rate = r.nextDouble() < 0.25 ? 0 : -Math.log(1 - r.nextDouble()) * 4 * Math.exp(0.7 * r.nextGaussian());
                int e = poisson(r, rate);
                exp[i] = e;
                for (int k = 0; k < e; k++) {
                    int ad = Math.min(ADS.size() - 1, (int) (-Math.log(1 - r.nextDouble()) * 1.5));
                    int ch = r.nextInt(CHANNELS.size());
                    perAd.get(ad)[i]++;
                    adCh[ad][ch]++;
                    int day = r.nextInt(days);
                    perDay[day] += 1;
                    int hour = (int) Math.floorMod(Math.round(13 + 4 * r.nextGaussian()), 24);
                    hw[(day + 4) % 7][hour]++;
                }
                vis[i] = poisson(r, 0.1 + 0.04 * Math.min(e, 20));
                for (int k = 0; k < vis[i]; k++) visDay[r.nextInt(days)] += 1;
            }
            Table people = Table.create("people", IntColumn.create("age", age), StringColumn.create("gender", gender),
                    StringColumn.create("region", region), DoubleColumn.create("income", income));
            List<String> dayLabels = new ArrayList<>();
            for (int d = 0; d < days; d++) dayLabels.add(LocalDate.of(2024, 3, 1).plusDays(d).toString());
            double[] fitted = new double[n], res = new double[n];
            for (int i = 0; i < n; i++) { fitted[i] = 0.1 + 0.04 * Math.min(exp[i], 20); res[i] = vis[i] - fitted[i]; }
            return new Data(exp, vis, people, perAd, adCh, dayLabels, perDay, visDay, hw, fitted, res);
        }

        static int poisson(Random r, double lambda) {
            if (lambda <= 0) return 0;
            if (lambda > 50) return (int) Math.max(0, Math.round(lambda + Math.sqrt(lambda) * r.nextGaussian()));
            double l = Math.exp(-lambda), p = 1;
            int k = 0;
            do { k++; p *= r.nextDouble(); } while (p > l);
            return k - 1;
        }

        static List<Chart> charts(int n, long seed) {
            List<Chart> out = new ArrayList<>();
            HtmlReport r = build(data(n, seed), out);
            return out;
        }

        static HtmlReport report(int n, long seed) { return build(data(n, seed), new ArrayList<>()); }

        static HtmlReport build(Data d, List<Chart> charts) {
            HtmlReport r = new HtmlReport("Exposure and visits — demo report (fake data)");
            Consumer<Chart> add = c -> { charts.add(c); r.chart(c); };

            CountSummary e = CountSummary.of("exposures", d.exposures()), v = CountSummary.of("visits", d.visits());
            r.section("People: exposures and visits per person")
                    .note("Every person is counted, including people with zero exposures or visits. Quantiles use linear interpolation (numpy default).")
                    .table(CountSummary.table("Exposures and visits per person", e, v));
            add.accept(Charts.histogram(Histogram.ofCounts("exposures", d.exposures(), 40), "Exposures per person", "exposures per person", false));
            add.accept(Charts.histogram(Histogram.ofCountsLog("exposures", d.exposures()), "Exposures per person (log bins, log scale)", "exposures per person", true));
            add.accept(Charts.cdf(Cdf.ofCounts("exposures", d.exposures()), "Cumulative distribution of exposures per person", "exposures per person"));
            add.accept(Charts.histogram(Histogram.ofCounts("visits", d.visits(), 40), "Site visits per person", "visits per person", false));

            List<ColumnSummary> demo = ColumnSummary.ofTable(d.people());
            r.section("Demographics").table(ColumnSummary.numericTable("Numeric columns", demo)).table(ColumnSummary.categoricalTable("Categorical columns", demo));
            for (ColumnSummary c : demo) add.accept(c.chart());

            Reach.Table byAd = Reach.perGroup("Reach and frequency by ad", ADS, d.perAd());
            String[] gender = d.people().stringColumn("gender").asObjectArray();
            r.section("Patterns of exposure").table(byAd.table()).table(Reach.bySegment("Reach and frequency by gender", d.exposures(), gender).table());
            FrequencyDistribution f = FrequencyDistribution.of("all ads", d.exposures());
            r.table(f.table());
            add.accept(Charts.frequency(f, "Frequency distribution among people reached"));
            double[] reachPct = byAd.rows().stream().mapToDouble(x -> 100 * x.reachShare()).toArray();
            add.accept(Charts.bars("Reach by ad", "ad", "reach (% of people)", ADS, reachPct));
            add.accept(Charts.heatmap("Impressions by ad and channel", "channel", "ad", CHANNELS, ADS, d.adChannel(), "impressions"));
            add.accept(Charts.lines("Impressions and visits per day", "day", "count", d.days(), List.of("impressions", "visits"),
                    List.of(d.impressionsPerDay(), d.visitsPerDay())));
            add.accept(Charts.hourByWeekday("Impressions by hour and weekday", d.hourWeekday(), "impressions"));

            r.section("Exposure and visits").note("Descriptive only: visit rates by exposure frequency are associations, not effects of exposure.");
            List<String> buckets = new ArrayList<>();
            List<double[]> rateAndErr = new ArrayList<>();
            double[] rate = new double[11], err = new double[11];
            TextTable.Builder vt = TextTable.builder("Visit rate by exposure frequency", "exposures", "people", "visitors", "visitor share", "95% CI ±");
            for (int k = 0; k <= 10; k++) {
                int kk = k;
                long people = Arrays.stream(d.exposures()).filter(x -> kk < 10 ? x == kk : x >= 10).count();
                long visitors = 0;
                for (int i = 0; i < d.exposures().length; i++) if ((k < 10 ? d.exposures()[i] == k : d.exposures()[i] >= 10) && d.visits()[i] > 0) visitors++;
                double p = people == 0 ? Double.NaN : (double) visitors / people;
                buckets.add(k < 10 ? Integer.toString(k) : "10+");
                rate[k] = 100 * p;
                err[k] = people == 0 ? Double.NaN : 100 * 1.96 * Math.sqrt(p * (1 - p) / people);
                vt.row(buckets.get(k), people, visitors, TextTable.pct(p), TextTable.num(err[k]) + " pp");
            }
            r.table(vt.build());
            add.accept(Charts.bars("Visitor share by exposure frequency", "exposures per person", "people with a visit (%, bars: 95% CI)",
                    buckets, rate, err, false));

            r.section("Model diagnostics (descriptive demo)").note("Descriptive only: associations, not causal effects.");
            add.accept(Charts.residualsVsFitted("Residuals vs fitted", d.fitted(), d.residuals()));
            add.accept(Charts.qq("Normal Q-Q of residuals", d.residuals()));
            add.accept(Charts.coefficients("Coefficients", List.of("intercept", "exposures (capped at 20)", "age / 10", "region: south"),
                    new double[]{0.1, 0.04, -0.01, 0.02}, new double[]{0.08, 0.035, -0.03, -0.01}, new double[]{0.12, 0.045, 0.01, 0.05}, "95% CI"));
            return r;
        }
    }
}
