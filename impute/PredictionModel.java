package impute;

import java.util.List;

/**
 * A fitted imputation model of one column on the others (part of a {@link ColumnImputer}).
 * Terms: {@code const}, then for every other column in imputer order either its standardised value
 * ({@code (x - mean) / sd}) or, for a categorical column, one dummy per level after the first.
 *
 * @param terms  term names
 * @param coef   numeric target: one row (linear coefficients in the target's units); categorical target with K
 *               levels: K-1 rows, the log-odds of level k+1 against the first level
 * @param sigma  numeric target: residual SD (used for draws); 0 for categorical
 * @param n      rows the model was fitted on
 */
public record PredictionModel(List<String> terms, List<List<Double>> coef, double sigma, int n) {
    public PredictionModel {
        terms = List.copyOf(terms);
        coef = coef.stream().map(List::copyOf).toList();
    }

    double[][] matrix() {
        double[][] b = new double[coef.size()][];
        for (int k = 0; k < b.length; k++) {
            List<Double> row = coef.get(k);
            b[k] = new double[row.size()];
            for (int j = 0; j < b[k].length; j++) b[k][j] = row.get(j);
        }
        return b;
    }

    static PredictionModel of(List<String> terms, double[][] b, double sigma, int n) {
        List<List<Double>> rows = new java.util.ArrayList<>();
        for (double[] r : b) {
            List<Double> l = new java.util.ArrayList<>(r.length);
            for (double v : r) l.add(v);
            rows.add(l);
        }
        return new PredictionModel(terms, rows, sigma, n);
    }
}
