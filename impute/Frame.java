package impute;

import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The imputer's columns at some table rows, in primitive arrays: numeric values (NaN when missing) or level
 * indices into the fitted levels (-1 missing, -2 a level the fit never saw: kept in the output, but treated
 * as a missing coordinate when the column is a feature).
 */
final class Frame {
    static final int MISSING = -1, UNSEEN = -2;
    final int n;
    final double[][] num;
    final int[][] code;

    private Frame(int n, int p) {
        this.n = n;
        this.num = new double[p][];
        this.code = new int[p][];
    }

    static Frame of(Table table, int[] at, List<ColumnImputer> cols) {
        Frame f = new Frame(at.length, cols.size());
        for (int c = 0; c < cols.size(); c++) {
            ColumnImputer ci = cols.get(c);
            Column<?> col = table.column(ci.name());
            if (ci.categorical()) {
                Map<String, Integer> index = new HashMap<>();
                for (int l = 0; l < ci.levels().size(); l++) index.put(ci.levels().get(l), l);
                int[] v = new int[at.length];
                for (int i = 0; i < at.length; i++) {
                    int r = at[i];
                    v[i] = col.isMissing(r) ? MISSING : index.getOrDefault(col.getString(r), UNSEEN);
                }
                f.code[c] = v;
            } else {
                f.num[c] = numeric(col, ci.name(), at);
            }
        }
        return f;
    }

    static double[] numeric(Column<?> col, String name, int[] at) {
        if (!(col instanceof NumericColumn<?> nc)) {
            throw new IllegalArgumentException("column '" + name + "' is " + col.type() + ", not numeric; declare it categorical");
        }
        double[] v = new double[at.length];
        for (int i = 0; i < at.length; i++) v[i] = nc.isMissing(at[i]) ? Double.NaN : nc.getDouble(at[i]);
        return v;
    }

    boolean missing(int c, int i) {
        return num[c] != null ? Double.isNaN(num[c][i]) : code[c][i] == MISSING;
    }

    /** Missing, or an unseen level: no usable coordinate. */
    boolean absent(int c, int i) {
        return num[c] != null ? Double.isNaN(num[c][i]) : code[c][i] < 0;
    }

    /** A deep copy in which every absent cell holds the column's simple fill (mean or mode). */
    Frame simpleFilled(List<ColumnImputer> cols) {
        Frame w = new Frame(n, cols.size());
        for (int c = 0; c < cols.size(); c++) {
            ColumnImputer ci = cols.get(c);
            if (num[c] != null) {
                double[] v = num[c].clone();
                double fill = simpleNumeric(ci);
                for (int i = 0; i < n; i++) if (Double.isNaN(v[i])) v[i] = fill;
                w.num[c] = v;
            } else {
                int[] v = code[c].clone();
                int fill = simpleLevel(ci);
                for (int i = 0; i < n; i++) if (v[i] < 0) v[i] = fill;
                w.code[c] = v;
            }
        }
        return w;
    }

    /** The value a feature's missing cells take before modelling: its fill where it has one, else the mean. */
    static double simpleNumeric(ColumnImputer ci) {
        return switch (ci.strategy()) {
            case MEAN, MEDIAN, MODE, CONSTANT, INDICATOR -> ci.fill();
            default -> ci.mean();
        };
    }

    static int simpleLevel(ColumnImputer ci) {
        int l = ci.fillLevel() == null ? -1 : ci.levels().indexOf(ci.fillLevel());
        return l >= 0 ? l : 0;
    }
}
