package report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;

/**
 * Charts whose point is the uncertainty: estimates with intervals as a forest plot, observed means with
 * error bars under fitted curves, and a curve with a shaded interval band. Same look as {@link Charts}.
 */
public final class IntervalCharts {
    private IntervalCharts() {}

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String BLUE = "#4c78a8", GREY = "#888888";
    private static final String[] LINE_COLORS = {"#f58518", "#54a24b", "#e45756", "#72b7b2"};

    /** Estimates with [lower, upper] as points with horizontal error bars, first on top; a dashed line at {@code reference} unless NaN. */
    public static Chart forest(String title, String xLabel, String yLabel, List<String> names, double[] est, double[] lo, double[] hi, double reference) {
        check(title, names.size(), est.length, lo.length, hi.length);
        ObjectNode t = Charts.trace("scatter").put("mode", "markers").put("name", "estimate");
        t.putObject("marker").put("color", BLUE).put("size", 9);
        t.set("y", Charts.strings(names));
        t.set("x", nums(est));
        errors(t, "error_x", est, lo, hi);
        ObjectNode layout = layout(title, xLabel, yLabel).put("showlegend", false);
        ((ObjectNode) layout.get("yaxis")).put("type", "category").put("autorange", "reversed").put("automargin", true);
        layout.put("height", Math.max(350, 120 + 30 * names.size()));
        if (!Double.isNaN(reference)) {
            ObjectNode s = layout.putArray("shapes").addObject();
            s.put("type", "line").put("yref", "paper").put("y0", 0).put("y1", 1).put("x0", reference).put("x1", reference);
            s.putObject("line").put("color", GREY).put("dash", "dash");
        }
        return Charts.chart(title, xLabel, yLabel, layout, t);
    }

    /** Observed points with vertical error bars, plus fitted lines over the same x. */
    public static Chart pointsWithLines(String title, String xLabel, String yLabel, String pointsName, double[] x, double[] y,
                                        double[] lo, double[] hi, List<Charts.Series> lines) {
        check(title, x.length, y.length, lo.length, hi.length);
        ObjectNode[] traces = new ObjectNode[1 + lines.size()];
        ObjectNode t = Charts.trace("scatter").put("mode", "markers").put("name", pointsName);
        t.putObject("marker").put("color", BLUE).put("size", 8);
        t.set("x", nums(x));
        t.set("y", nums(y));
        errors(t, "error_y", y, lo, hi);
        traces[0] = t;
        for (int i = 0; i < lines.size(); i++) traces[i + 1] = line(lines.get(i), LINE_COLORS[i % LINE_COLORS.length], null);
        return Charts.chart(title, xLabel, yLabel, layout(title, xLabel, yLabel), traces);
    }

    /** A curve with a shaded [lower, upper] band, plus optional reference lines. */
    public static Chart band(String title, String xLabel, String yLabel, String name, double[] x, double[] y, double[] lo, double[] hi,
                             String bandName, List<Charts.Series> lines) {
        check(title, x.length, y.length, lo.length, hi.length);
        ObjectNode upper = Charts.trace("scatter").put("mode", "lines").put("name", bandName).put("showlegend", false);
        upper.putObject("line").put("width", 0);
        upper.set("x", nums(x));
        upper.set("y", nums(hi));
        ObjectNode lower = Charts.trace("scatter").put("mode", "lines").put("name", bandName).put("fill", "tonexty")
                .put("fillcolor", "rgba(76,120,168,0.25)");
        lower.putObject("line").put("width", 0);
        lower.set("x", nums(x));
        lower.set("y", nums(lo));
        ObjectNode[] traces = new ObjectNode[3 + lines.size()];
        traces[0] = upper;
        traces[1] = lower;
        traces[2] = line(new Charts.Series(name, x, y), BLUE, null);
        for (int i = 0; i < lines.size(); i++) traces[i + 3] = line(lines.get(i), LINE_COLORS[i % LINE_COLORS.length], "dash");
        return Charts.chart(title, xLabel, yLabel, layout(title, xLabel, yLabel), traces);
    }

    private static ObjectNode line(Charts.Series s, String color, String dash) {
        ObjectNode t = Charts.trace("scatter").put("mode", "lines").put("name", s.name());
        ObjectNode l = t.putObject("line").put("color", color).put("width", 2);
        if (dash != null) l.put("dash", dash);
        t.set("x", nums(s.x()));
        t.set("y", nums(s.y()));
        return t;
    }

    private static void errors(ObjectNode t, String key, double[] est, double[] lo, double[] hi) {
        double[] plus = new double[est.length], minus = new double[est.length];
        for (int i = 0; i < est.length; i++) { plus[i] = hi[i] - est[i]; minus[i] = est[i] - lo[i]; }
        ObjectNode e = t.putObject(key);
        e.put("type", "data").put("symmetric", false).put("visible", true).put("color", "#333333");
        e.set("array", nums(plus));
        e.set("arrayminus", nums(minus));
    }


    private static ObjectNode layout(String title, String xLabel, String yLabel) {
        ObjectNode l = F.objectNode();
        l.putObject("title").put("text", title);
        l.putObject("xaxis").putObject("title").put("text", xLabel);
        l.putObject("yaxis").putObject("title").put("text", yLabel);
        return l;
    }

    private static ArrayNode nums(double[] v) {
        ArrayNode a = F.arrayNode(v.length);
        for (double d : v) {
            if (!Double.isFinite(d)) a.addNull();
            else a.add(Double.parseDouble(String.format(Locale.ROOT, "%.6g", d)));
        }
        return a;
    }

    private static void check(String title, int n, int... others) {
        for (int m : others) if (m != n) throw new IllegalArgumentException("chart '" + title + "': " + m + " values, expected " + n);
    }
}
