package stats;

import java.util.List;

/** Row-major to column-major conversion with shape checks (package-private). */
final class Columns {
    private Columns() {}

    static double[][] fromRows(double[][] rows, List<String> names, int n) {
        if (rows == null) throw new IllegalArgumentException("X must not be null");
        if (rows.length != n) throw new IllegalArgumentException("X has " + rows.length + " rows but y has " + n + " values");
        int p = names.size();
        double[][] cols = new double[p][n];
        for (int i = 0; i < n; i++) {
            if (rows[i].length != p) throw new IllegalArgumentException("row " + i + " of X has " + rows[i].length + " values but " + p + " names were given");
            for (int j = 0; j < p; j++) cols[j][i] = rows[i][j];
        }
        return cols;
    }

    /** Column subset by row indices. */
    static double[][] rows(double[][] cols, int[] idx) {
        double[][] out = new double[cols.length][idx.length];
        for (int j = 0; j < cols.length; j++) {
            double[] c = cols[j], o = out[j];
            for (int i = 0; i < idx.length; i++) o[i] = c[idx[i]];
        }
        return out;
    }

    static double[] rows(double[] v, int[] idx) {
        double[] o = new double[idx.length];
        for (int i = 0; i < idx.length; i++) o[i] = v[idx[i]];
        return o;
    }
}
