package model;

import stats.ColumnEncoding;
import stats.Missing;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The visit model's adjusters: the demographics encoded exactly as {@link stats.Design} does for an
 * {@link ExposureSpec} whose missing-value strategy is {@link Missing#INDICATOR} everywhere (numeric:
 * the term's transform, the mean for missing cells plus a {@code <name>_missing} column when any are
 * missing; categorical: a {@code (missing)} level, dummies {@code col[T.level]} for every level but the
 * reference, in sorted order). Why its own encoder: it reads each column once, without building a
 * feature table, which matters at 1M people (the test checks it against stats.Design).
 *
 * @param names   design column names, in stats.Design's order (numeric terms first)
 * @param columns one array per name
 * @param rows    the persons table's rows the columns are for (all, unless stats.Design dropped some)
 */
public record VisitAdjusters(List<String> names, double[][] columns, int[] rows) {

    /** Whether {@link #of} applies (INDICATOR for every input column); otherwise use stats.Design. */
    public static boolean applies(ExposureSpec spec) {
        return spec.inputColumns().stream().allMatch(c -> spec.missingOf(c) == Missing.INDICATOR);
    }

    /** stats.Design's encoding of the same spec (any missing-value strategy). */
    public static VisitAdjusters viaDesign(Table persons, ExposureSpec spec) {
        stats.DesignMatrix dm = spec.design().fit(spec.features(persons, false, "the persons table"));
        return new VisitAdjusters(dm.names(), dm.columns(), dm.rows());
    }

    /** The fast encoder; requires {@link #applies}. */
    public static VisitAdjusters of(Table persons, ExposureSpec spec) {
        if (!applies(spec)) throw new IllegalArgumentException("the fast encoder needs Missing.INDICATOR for every column");
        spec.requireColumns(persons, false, "the persons table");
        int n = persons.rowCount();
        List<String> names = new ArrayList<>();
        List<double[]> cols = new ArrayList<>();
        for (NumericTerm t : spec.numeric()) {
            Column<?> c = persons.column(t.column());
            if (!(c instanceof NumericColumn<?> nc))
                throw new ModelException("the persons table: column '" + t.column() + "' holds text (" + c.type() + "), but the model reads it as a number");
            double[] v = new double[n];
            boolean[] miss = new boolean[n];
            int missing = 0;
            // compensated sum, as stats.Design's mean
            double sh = 0, sl = 0;
            for (int i = 0; i < n; i++) {
                if (nc.isMissing(i)) { miss[i] = true; missing++; continue; }
                double x = t.apply(nc.getDouble(i));
                v[i] = x;
                double s = sh + x, bb = s - sh;
                sl += (sh - (s - bb)) + (x - bb);
                sh = s;
            }
            if (missing == n) throw new ModelException("column '" + t.column() + "' has no non-missing values");
            double fill = (sh + sl) / (n - missing);
            names.add(t.name());
            cols.add(v);
            if (missing > 0) {
                double[] ind = new double[n];
                for (int i = 0; i < n; i++) if (miss[i]) { v[i] = fill; ind[i] = 1; }
                names.add(t.name() + "_missing");
                cols.add(ind);
            }
        }
        for (CategoricalTerm t : spec.categorical()) {
            Column<?> c = persons.column(t.column());
            Map<String, Integer> codeOf = new HashMap<>();
            List<String> seen = new ArrayList<>();
            List<int[]> counts = new ArrayList<>();
            int[] code = new int[n];
            for (int i = 0; i < n; i++) {
                String s = c.isMissing(i) ? null : c.getString(i);
                String key = s == null ? ColumnEncoding.MISSING_LEVEL : s;
                Integer k = codeOf.get(key);
                if (k == null) {
                    if (s != null && s.equals(ColumnEncoding.MISSING_LEVEL))
                        throw new ModelException("column '" + t.column() + "' already has a level named " + ColumnEncoding.MISSING_LEVEL);
                    k = seen.size();
                    codeOf.put(key, k);
                    seen.add(key);
                    counts.add(new int[1]);
                }
                counts.get(k)[0]++;
                code[i] = k;
            }
            TreeMap<String, Integer> sorted = new TreeMap<>();
            for (int k = 0; k < seen.size(); k++) sorted.put(seen.get(k), counts.get(k)[0]);
            String ref = t.reference();
            if (ref == null) {
                int top = -1;
                for (Map.Entry<String, Integer> e : sorted.entrySet()) if (e.getValue() > top) { top = e.getValue(); ref = e.getKey(); }
            } else if (!sorted.containsKey(ref)) {
                throw new ModelException("reference level '" + ref + "' of column '" + t.column() + "' does not occur; levels: " + sorted.keySet());
            }
            if (sorted.size() < 2)
                throw new ModelException("categorical column '" + t.column() + "' has a single level '" + ref + "'; it carries no information");
            for (String level : sorted.keySet()) {
                if (level.equals(ref)) continue;
                int k = codeOf.get(level);
                double[] d = new double[n];
                for (int i = 0; i < n; i++) if (code[i] == k) d[i] = 1;
                names.add(t.column() + "[T." + level + "]");
                cols.add(d);
            }
        }
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) rows[i] = i;
        return new VisitAdjusters(names, cols.toArray(double[][]::new), rows);
    }
}
