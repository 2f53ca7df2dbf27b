package stats;

import java.util.List;

/** Linear-predictor helpers shared by the models (package-private). */
final class Linear {
    private Linear() {}

    /** eta = b0 + sum_j b_j x_j over predictor columns (no intercept column). */
    static double[] predictColumns(double[] b, boolean intercept, double[][] columns, List<String> predictors) {
        if (columns.length != predictors.size()) {
            throw new IllegalArgumentException("got " + columns.length + " predictor columns; the model needs " + predictors.size() + " " + predictors);
        }
        int n = columns.length == 0 ? 0 : columns[0].length;
        double[] out = new double[n];
        int off = intercept ? 1 : 0;
        if (intercept) java.util.Arrays.fill(out, b[0]);
        for (int j = 0; j < columns.length; j++) {
            if (columns[j].length != n) throw new IllegalArgumentException("column '" + predictors.get(j) + "' has " + columns[j].length + " values, expected " + n);
            double bj = b[off + j];
            double[] c = columns[j];
            for (int i = 0; i < n; i++) out[i] += bj * c[i];
        }
        return out;
    }
}
