package slices;

import report.Charts;
import report.HtmlReport;
import report.TextTable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The chart: one scatter per slice (y against the first predictor) with its fitted line, in an offline HTML
 * report ({@link report.HtmlReport}: index.html, one page per chart, a local plotly.js). With more than one
 * predictor the line shows the fit with the other predictors held at their slice means.
 */
public final class SliceChart {
    private SliceChart() {}

    /** A slice's coefficients by term ({@code intercept}, then the predictors); NaN when not fitted. */
    public record Line(String slice, Map<String, Double> estimates, String status, String reason) {}

    public static Path write(Path dir, String title, SliceOptions o, ModelTables.Csv combined, List<Line> lines,
                             Map<String, SliceRows> data) {
        HtmlReport r = new HtmlReport(title);
        r.section("Models").note("y = " + o.y() + ", x = " + String.join(", ", o.x()) + ", sliced by " + o.by() + ", --na "
                + o.na().cli() + ". Lines: the OLS fit of each slice"
                + (o.x().size() > 1 ? " against " + o.x().get(0) + " with the other predictors at their slice means." : "."));
        TextTable.Builder t = TextTable.builder("models_combined.csv", combined.header().toArray(String[]::new));
        for (List<String> row : combined.rows()) {
            Object[] cells = new Object[row.size()];
            for (int i = 0; i < cells.length; i++) {
                String v = row.get(i);
                cells[i] = i > 0 && Cells.isNumber(v) && !Cells.isMissing(v) ? (Object) Cells.parse(v) : v;
            }
            t.row(cells);
        }
        r.table(t.build());
        r.section("Slices");
        String x0 = o.x().get(0);
        for (Line l : lines) {
            SliceRows rows = data.get(l.slice());
            if (rows == null) continue;
            SliceDesign.Prepared c = SliceDesign.prepare(rows, o.y(), o.na());
            double[][] cols = c.matrix() == null ? new double[o.x().size()][0] : c.matrix().columns();
            double[] px = cols[0], py = c.matrix() == null ? new double[0] : c.matrix().y();
            List<Charts.Series> fitted = new ArrayList<>();
            double b0 = l.estimates().getOrDefault(SliceFit.INTERCEPT, Double.NaN);
            if (!Double.isNaN(b0) && px.length > 0) {
                double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
                for (double v : px) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
                double at = b0;
                for (int j = 1; j < o.x().size(); j++) at += l.estimates().get(o.x().get(j)) * mean(cols[j]);
                double b1 = l.estimates().get(x0);
                fitted.add(new Charts.Series("fit", new double[] {lo, hi}, new double[] {at + b1 * lo, at + b1 * hi}));
            }
            String head = o.by() + " = " + l.slice() + (l.status().equals(SliceFit.OK) ? "" : " (not fitted: " + l.reason() + ")");
            r.chart(Charts.scatter(head, x0, o.y(), new Charts.Series(l.slice(), px, py), fitted));
        }
        return r.write(dir).index();
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double d : v) s += d;
        return v.length == 0 ? Double.NaN : s / v.length;
    }
}
