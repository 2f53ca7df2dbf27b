package model;

import report.TextTable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Observed and predicted mean exposures in one segment (a level of a categorical column, or a quintile band
 * of a numeric column in natural units), over the rows the models were fitted on. A well-calibrated model
 * has predicted means close to the observed mean in every segment.
 */
public record SegmentRow(String column, String segment, long n, double observedMean, double olsMean, double poissonMean,
                         double negativeBinomialMean) {

    /** Segments of every input column; {@code raw} holds the natural values of the fitted rows per column. */
    static List<SegmentRow> of(ExposureSpec spec, Map<String, Object> raw, double[] y, double[] ols, double[] pois, double[] nb) {
        List<SegmentRow> out = new ArrayList<>();
        for (String col : spec.inputColumns()) {
            Object v = raw.get(col);
            int n = y.length;
            String[] key = new String[n];
            List<String> order;
            if (v instanceof String[] s) {
                for (int i = 0; i < n; i++) key[i] = s[i] == null ? "(missing)" : s[i];
                order = new ArrayList<>(new TreeMap<String, Boolean>(toMap(key)).keySet());
            } else {
                double[] d = (double[]) v;
                double[] obs = Arrays.stream(d).filter(x -> !Double.isNaN(x)).sorted().toArray();
                List<Double> cuts = new ArrayList<>();
                for (int k = 1; k < 5 && obs.length > 0; k++) {
                    double q = obs[Math.min(obs.length - 1, (int) Math.floor(k * obs.length / 5.0))];
                    if ((cuts.isEmpty() || q > cuts.get(cuts.size() - 1)) && q < obs[obs.length - 1]) cuts.add(q);
                }
                order = new ArrayList<>();
                String[] labels = new String[cuts.size() + 1];
                for (int b = 0; b <= cuts.size(); b++) {
                    double lo = b == 0 ? obs[0] : cuts.get(b - 1), hi = b == cuts.size() ? obs[obs.length - 1] : cuts.get(b);
                    labels[b] = b == 0 ? Profile.fmt(lo) + "-" + Profile.fmt(hi) : ">" + Profile.fmt(lo) + "-" + Profile.fmt(hi);
                    order.add(labels[b]);
                }
                for (int i = 0; i < n; i++) {
                    if (Double.isNaN(d[i])) { key[i] = "(missing)"; continue; }
                    int b = 0;
                    while (b < cuts.size() && d[i] > cuts.get(b)) b++;
                    key[i] = labels[b];
                }
                boolean anyMissing = Arrays.stream(key).anyMatch("(missing)"::equals);
                if (anyMissing) order.add("(missing)");
            }
            Map<String, double[]> acc = new LinkedHashMap<>();
            for (String o : order) acc.put(o, new double[5]);
            for (int i = 0; i < n; i++) {
                double[] a = acc.get(key[i]);
                a[0]++;
                a[1] += y[i];
                a[2] += ols[i];
                a[3] += pois[i];
                a[4] += nb[i];
            }
            for (Map.Entry<String, double[]> e : acc.entrySet()) {
                double[] a = e.getValue();
                if (a[0] == 0) continue;
                out.add(new SegmentRow(col, e.getKey(), (long) a[0], a[1] / a[0], a[2] / a[0], a[3] / a[0], a[4] / a[0]));
            }
        }
        return out;
    }

    private static Map<String, Boolean> toMap(String[] k) {
        Map<String, Boolean> m = new LinkedHashMap<>();
        for (String s : k) m.put(s, true);
        return m;
    }

    static TextTable table(List<SegmentRow> rows) {
        TextTable.Builder b = TextTable.builder("Mean exposures by segment: observed vs predicted (in-sample)",
                "column", "segment", "n", "observed", "OLS", "Poisson", "NB2");
        for (SegmentRow r : rows) b.row(r.column, r.segment, r.n, r.observedMean, r.olsMean, r.poissonMean, r.negativeBinomialMean);
        return b.build();
    }
}
