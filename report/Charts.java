package report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.math3.distribution.NormalDistribution;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Builders for the report's plotly figures, written as plain plotly JSON with Jackson (no
 * tablesaw-jsplot: it has no error bars, emits JavaScript rather than JSON, and its string titles
 * only survive in plotly 2.x; {@code title: {text: ...}} works in plotly 2 and 3). Every figure has a
 * title and axis labels; data arrays are small (bins, categories, per-day points, or samples capped at
 * {@link #MAX_POINTS}), never raw values of the whole population. Numbers are rounded to 6 significant
 * digits.
 */
public final class Charts {
    private Charts() {}

    /** Cap on points of a scatter figure; larger inputs are thinned to an even-stride sample. */
    public static final int MAX_POINTS = 2000;

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String BLUE = "#4c78a8", ORANGE = "#f58518", GREY = "#888888";

    /** A named series of points for line and scatter figures. */
    public record Series(String name, double[] x, double[] y) {
        public Series {
            if (x.length != y.length) throw new IllegalArgumentException("series '" + name + "': " + x.length + " x values but " + y.length + " y values");
        }
    }

    // ---------------------------------------------------------------- bars

    /** Vertical bars over categories (already aggregated values). */
    public static Chart bars(String title, String xLabel, String yLabel, List<String> categories, double[] values) {
        return bars(title, xLabel, yLabel, categories, values, null, false);
    }

    /** Vertical bars with optional symmetric error bars (null for none) and optional log y axis. */
    public static Chart bars(String title, String xLabel, String yLabel, List<String> categories, double[] values,
                             double[] errors, boolean logY) {
        check(title, categories.size(), values.length, "values");
        ObjectNode t = trace("bar");
        t.putObject("marker").put("color", BLUE);
        t.set("x", strings(categories));
        t.set("y", nums(values));
        if (errors != null) {
            check(title, categories.size(), errors.length, "errors");
            ObjectNode e = t.putObject("error_y");
            e.put("type", "data").put("visible", true);
            e.set("array", nums(errors));
        }
        ObjectNode layout = layout(title, xLabel, yLabel);
        ((ObjectNode) layout.get("xaxis")).put("type", "category");
        if (logY) ((ObjectNode) layout.get("yaxis")).put("type", "log");
        return chart(title, xLabel, yLabel, layout, t);
    }

    /** Grouped vertical bars: one trace per series over shared categories. */
    public static Chart groupedBars(String title, String xLabel, String yLabel, List<String> categories,
                                    List<String> seriesNames, List<double[]> seriesValues) {
        check(title, seriesNames.size(), seriesValues.size(), "series");
        ObjectNode[] traces = new ObjectNode[seriesNames.size()];
        for (int i = 0; i < traces.length; i++) {
            check(title, categories.size(), seriesValues.get(i).length, "values of " + seriesNames.get(i));
            ObjectNode t = trace("bar").put("name", seriesNames.get(i));
            t.set("x", strings(categories));
            t.set("y", nums(seriesValues.get(i)));
            traces[i] = t;
        }
        ObjectNode layout = layout(title, xLabel, yLabel).put("barmode", "group");
        ((ObjectNode) layout.get("xaxis")).put("type", "category");
        return chart(title, xLabel, yLabel, layout, traces);
    }

    /**
     * Stacked vertical bars: one trace per series over shared categories, stacked in series order, coloured
     * along a sequential scale (for ordered series such as frequency buckets 1, 2, ..., 10+).
     */
    public static Chart stackedBars(String title, String xLabel, String yLabel, List<String> categories,
                                    List<String> seriesNames, List<double[]> seriesValues, String legendTitle) {
        Chart c = groupedBars(title, xLabel, yLabel, categories, seriesNames, seriesValues);
        ObjectNode layout = (ObjectNode) c.figure().get("layout");
        layout.put("barmode", "stack");
        layout.putObject("legend").putObject("title").put("text", legendTitle);
        ArrayNode data = (ArrayNode) c.figure().get("data");
        for (int i = 0; i < data.size(); i++)
            ((ObjectNode) data.get(i)).putObject("marker").put("color", sequential(data.size() == 1 ? 0 : (double) i / (data.size() - 1)));
        return c;
    }

    /** Viridis at t in [0,1] (linear between 5 stops), as "#rrggbb". */
    static String sequential(double t) {
        int[][] stops = {{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}};
        double x = Math.max(0, Math.min(1, t)) * (stops.length - 1);
        int k = Math.min((int) x, stops.length - 2);
        double f = x - k;
        int[] rgb = new int[3];
        for (int j = 0; j < 3; j++) rgb[j] = (int) Math.round(stops[k][j] + f * (stops[k + 1][j] - stops[k][j]));
        return String.format(Locale.ROOT, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
    }

    /**
     * A pre-binned histogram as bars of people per bin; logY puts the y axis on a log scale. Count
     * histograms get one labelled bar per bin; real-valued ones ({@link Histogram.Kind#REAL}) get
     * touching bars on a numeric x axis.
     */
    public static Chart histogram(Histogram h, String title, String xLabel, boolean logY) {
        return histogram(h, title, xLabel, logY ? "people (log scale)" : "people", logY);
    }

    /** As {@link #histogram(Histogram, String, String, boolean)} with a chosen y-axis label (e.g. "rows"). */
    public static Chart histogram(Histogram h, String title, String xLabel, String yLabel, boolean logY) {
        double[] v = Arrays.stream(h.counts()).asDoubleStream().toArray();
        if (h.kind() != Histogram.Kind.REAL)
            return bars(title, xLabel + (h.logBins() ? " (log2 bins)" : ""), yLabel, h.binLabels(), v, null, logY);
        int n = v.length;
        double[] mid = new double[n], width = new double[n];
        for (int i = 0; i < n; i++) { mid[i] = (h.lower()[i] + h.upper()[i]) / 2; width[i] = h.upper()[i] - h.lower()[i]; }
        ObjectNode t = trace("bar");
        t.putObject("marker").put("color", BLUE).putObject("line").put("color", "white").put("width", 1);
        t.set("x", nums(mid));
        t.set("y", nums(v));
        t.set("width", nums(width));
        t.set("text", strings(h.binLabels()));
        t.put("hovertemplate", "%{text}: %{y}<extra></extra>").put("textposition", "none");
        ObjectNode layout = layout(title, xLabel, yLabel).put("bargap", 0);
        if (logY) ((ObjectNode) layout.get("yaxis")).put("type", "log");
        return chart(title, xLabel, yLabel, layout, t);
    }

    /** A frequency distribution (1, 2, ..., 10+) as bars of people reached. */
    public static Chart frequency(FrequencyDistribution f, String title) {
        List<String> labels = new ArrayList<>();
        double[] v = new double[f.cap()];
        for (int i = 0; i < f.cap(); i++) { labels.add(f.bucketLabel(i)); v[i] = f.people()[i]; }
        return bars(title, "frequency (exposures per person reached)", "people", labels, v);
    }

    /** Horizontal bars with asymmetric error bars, e.g. coefficients with confidence intervals. */
    public static Chart horizontalBarsWithErrors(String title, String xLabel, String yLabel, List<String> names,
                                                 double[] estimate, double[] lower, double[] upper) {
        check(title, names.size(), estimate.length, "estimates");
        check(title, names.size(), lower.length, "lower bounds");
        check(title, names.size(), upper.length, "upper bounds");
        double[] plus = new double[names.size()], minus = new double[names.size()];
        for (int i = 0; i < plus.length; i++) { plus[i] = upper[i] - estimate[i]; minus[i] = estimate[i] - lower[i]; }
        ObjectNode t = trace("bar").put("orientation", "h");
        t.putObject("marker").put("color", BLUE);
        t.set("y", strings(names));
        t.set("x", nums(estimate));
        ObjectNode e = t.putObject("error_x");
        e.put("type", "data").put("symmetric", false).put("visible", true).put("color", "#333333");
        e.set("array", nums(plus));
        e.set("arrayminus", nums(minus));
        ObjectNode layout = layout(title, xLabel, yLabel);
        ObjectNode ya = (ObjectNode) layout.get("yaxis");
        ya.put("type", "category").put("autorange", "reversed").put("automargin", true);
        ((ObjectNode) layout.get("xaxis")).put("zeroline", true).put("zerolinecolor", GREY);
        layout.put("height", Math.max(350, 120 + 28 * names.size()));
        return chart(title, xLabel, yLabel, layout, t);
    }

    /** Coefficients with confidence intervals (horizontal bars, first coefficient on top). */
    public static Chart coefficients(String title, List<String> names, double[] estimate, double[] lower, double[] upper,
                                     String ciLabel) {
        return horizontalBarsWithErrors(title, "estimate (error bars: " + ciLabel + ")", "term", names, estimate, lower, upper);
    }

    // ---------------------------------------------------------------- lines and scatter

    /** Lines over a shared x of labels, e.g. ISO dates per day ("2024-03-01"); plotly shows dates on a time axis. */
    public static Chart lines(String title, String xLabel, String yLabel, List<String> x, List<String> names, List<double[]> ys) {
        check(title, names.size(), ys.size(), "series");
        ObjectNode[] traces = new ObjectNode[names.size()];
        for (int i = 0; i < traces.length; i++) {
            check(title, x.size(), ys.get(i).length, "values of " + names.get(i));
            ObjectNode t = trace("scatter").put("mode", x.size() > 60 ? "lines" : "lines+markers").put("name", names.get(i));
            t.set("x", strings(x));
            t.set("y", nums(ys.get(i)));
            traces[i] = t;
        }
        ObjectNode layout = layout(title, xLabel, yLabel);
        if (names.size() == 1) layout.put("showlegend", false);
        return chart(title, xLabel, yLabel, layout, traces);
    }

    /** The cumulative distribution as a step line (share of people with count <= x). */
    public static Chart cdf(Cdf c, String title, String xLabel) {
        double[] x = Arrays.stream(c.x()).asDoubleStream().toArray();
        ObjectNode t = trace("scatter").put("mode", "lines").put("name", c.label());
        t.putObject("line").put("shape", "hv").put("color", BLUE);
        t.set("x", nums(x));
        t.set("y", nums(c.share()));
        ObjectNode layout = layout(title, xLabel, "share of people with count ≤ x").put("showlegend", false);
        ObjectNode ya = (ObjectNode) layout.get("yaxis");
        ya.put("tickformat", ".0%");
        ya.putArray("range").add(0).add(1.02);
        return chart(title, xLabel, "share of people with count ≤ x", layout, t);
    }

    /**
     * Points plus optional lines (e.g. data and fitted lines). Point series longer than {@link #MAX_POINTS}
     * are thinned to an even-stride sample, and the title says so.
     */
    public static Chart scatter(String title, String xLabel, String yLabel, Series points, List<Series> lines) {
        Series p = thin(points);
        String shown = p == points ? title : title + String.format(Locale.ROOT, " (sample of %,d of %,d points)", p.x().length, points.x().length);
        ObjectNode[] traces = new ObjectNode[1 + lines.size()];
        ObjectNode t = trace("scatter").put("mode", "markers").put("name", p.name());
        t.putObject("marker").put("color", BLUE).put("size", 5).put("opacity", 0.6);
        t.set("x", nums(p.x()));
        t.set("y", nums(p.y()));
        traces[0] = t;
        String[] colors = {ORANGE, "#54a24b", "#e45756", "#72b7b2"};
        for (int i = 0; i < lines.size(); i++) {
            Series l = thin(lines.get(i));
            ObjectNode lt = trace("scatter").put("mode", "lines").put("name", l.name());
            lt.putObject("line").put("color", colors[i % colors.length]).put("width", 2);
            lt.set("x", nums(l.x()));
            lt.set("y", nums(l.y()));
            traces[i + 1] = lt;
        }
        ObjectNode layout = layout(shown, xLabel, yLabel);
        if (lines.isEmpty()) layout.put("showlegend", false);
        return chart(shown, xLabel, yLabel, layout, traces);
    }

    /** Residuals against fitted values with a zero reference line. */
    public static Chart residualsVsFitted(String title, double[] fitted, double[] residuals) {
        check(title, fitted.length, residuals.length, "residuals");
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double f : fitted) if (!Double.isNaN(f)) { lo = Math.min(lo, f); hi = Math.max(hi, f); }
        if (lo > hi) { lo = 0; hi = 1; }
        return scatter(title, "fitted value", "residual", new Series("residuals", fitted, residuals),
                List.of(new Series("zero", new double[]{lo, hi}, new double[]{0, 0})));
    }

    /**
     * Normal Q-Q plot of residuals: standardized sample quantiles against standard normal quantiles at
     * up to 200 probabilities (i - 0.5)/m, with the line y = x. Only quantiles travel, never all residuals.
     */
    public static Chart qq(String title, double[] residuals) {
        double[] r = Arrays.stream(residuals).filter(v -> !Double.isNaN(v)).sorted().toArray();
        int n = r.length;
        if (n < 2) throw new IllegalArgumentException("chart '" + title + "': a Q-Q plot needs at least 2 residuals, got " + n);
        double mean = Arrays.stream(r).average().orElse(0), ss = 0;
        for (double v : r) ss += (v - mean) * (v - mean);
        double sd = Math.sqrt(ss / (n - 1));
        if (sd == 0) sd = 1;
        int m = Math.min(n, 200);
        double[] theo = new double[m], samp = new double[m];
        NormalDistribution z = new NormalDistribution();
        for (int i = 0; i < m; i++) {
            double p = (i + 0.5) / m;
            theo[i] = z.inverseCumulativeProbability(p);
            samp[i] = (Quantiles.ofSorted(r, p) - mean) / sd;
        }
        double a = Math.min(theo[0], samp[0]), b = Math.max(theo[m - 1], samp[m - 1]);
        return scatter(title, "theoretical normal quantile", "standardized residual quantile",
                new Series("residual quantiles", theo, samp), List.of(new Series("y = x", new double[]{a, b}, new double[]{a, b})));
    }

    // ---------------------------------------------------------------- heatmaps

    /** A heatmap: z[row][col], rows labelled by yCategories (first row on top), columns by xCategories. */
    public static Chart heatmap(String title, String xLabel, String yLabel, List<String> xCategories, List<String> yCategories,
                                double[][] z, String valueLabel) {
        check(title, yCategories.size(), z.length, "rows of z");
        ArrayNode zz = F.arrayNode();
        for (double[] row : z) { check(title, xCategories.size(), row.length, "columns of z"); zz.add(nums(row)); }
        ObjectNode t = trace("heatmap").put("colorscale", "Viridis").put("hoverongaps", false);
        t.set("x", strings(xCategories));
        t.set("y", strings(yCategories));
        t.set("z", zz);
        t.putObject("colorbar").putObject("title").put("text", valueLabel);
        ObjectNode layout = layout(title, xLabel, yLabel);
        ((ObjectNode) layout.get("xaxis")).put("type", "category");
        ((ObjectNode) layout.get("yaxis")).put("type", "category").put("automargin", true).put("autorange", "reversed");
        return chart(title, xLabel, yLabel, layout, t);
    }

    /** Hour-of-day x weekday heatmap; counts[weekday][hour] with weekday 0 = Monday. */
    public static Chart hourByWeekday(String title, long[][] counts, String valueLabel) {
        if (counts.length != 7) throw new IllegalArgumentException("chart '" + title + "': expected 7 weekdays, got " + counts.length);
        double[][] z = new double[7][];
        for (int d = 0; d < 7; d++) {
            if (counts[d].length != 24) throw new IllegalArgumentException("chart '" + title + "': expected 24 hours, got " + counts[d].length);
            z[d] = Arrays.stream(counts[d]).asDoubleStream().toArray();
        }
        List<String> hours = new ArrayList<>();
        for (int h = 0; h < 24; h++) hours.add(String.format(Locale.ROOT, "%02d", h));
        return heatmap(title, "hour of day", "weekday", hours, List.of("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"), z, valueLabel);
    }

    // ---------------------------------------------------------------- plumbing

    static ObjectNode trace(String type) { return F.objectNode().put("type", type); }

    private static ObjectNode layout(String title, String xLabel, String yLabel) {
        ObjectNode l = F.objectNode();
        l.putObject("title").put("text", title).put("x", 0.02);
        ObjectNode xa = l.putObject("xaxis");
        xa.putObject("title").put("text", xLabel).put("standoff", 12);   // explicit standoff + automargin: the
        xa.put("automargin", true);                                       // title never overlaps long tick labels
        ObjectNode ya = l.putObject("yaxis");
        ya.putObject("title").put("text", yLabel).put("standoff", 12);
        ya.put("automargin", true);
        l.putObject("margin").put("t", 60).put("r", 30);
        return l;
    }

    /** A figure from its layout and traces (also used by {@link IntervalCharts}). */
    static Chart chart(String title, String xLabel, String yLabel, ObjectNode layout, ObjectNode... traces) {
        ObjectNode fig = F.objectNode();
        ArrayNode data = fig.putArray("data");
        for (ObjectNode t : traces) data.add(t);
        fig.set("layout", layout);
        return new Chart(title, xLabel, yLabel, fig);
    }

    static ArrayNode strings(List<String> s) {
        ArrayNode a = F.arrayNode(s.size());
        for (String v : s) a.add(v);
        return a;
    }

    private static final MathContext SIG6 = new MathContext(6);

    private static ArrayNode nums(double[] v) {
        ArrayNode a = F.arrayNode(v.length);
        for (double d : v) {
            if (Double.isNaN(d) || Double.isInfinite(d)) a.addNull();
            else if (d == Math.rint(d) && Math.abs(d) < 1e15) a.add((long) d);
            else a.add(new BigDecimal(d).round(SIG6).doubleValue());
        }
        return a;
    }

    private static Series thin(Series s) {
        int n = s.x().length;
        if (n <= MAX_POINTS) return s;
        double[] x = new double[MAX_POINTS], y = new double[MAX_POINTS];
        for (int i = 0; i < MAX_POINTS; i++) {
            int j = (int) ((long) i * n / MAX_POINTS);
            x[i] = s.x()[j]; y[i] = s.y()[j];
        }
        return new Series(s.name(), x, y);
    }

    private static void check(String title, int expected, int actual, String what) {
        if (expected != actual)
            throw new IllegalArgumentException("chart '" + title + "': " + actual + " " + what + ", expected " + expected);
    }
}
