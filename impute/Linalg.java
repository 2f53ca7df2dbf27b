package impute;

/** A Cholesky solve for the small symmetric positive-definite systems of {@link Models}. */
final class Linalg {
    private Linalg() {}

    /** Solves A x = b for symmetric positive-definite A (A is not modified). */
    static double[] solveSpd(double[][] a, double[] b) {
        int n = b.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) s -= l[i][k] * l[j][k];
                if (i == j) {
                    // a pivot lost to rounding (an aliased term): a tiny positive one gives that term ~0 weight
                    l[i][i] = Math.sqrt(s > 1e-300 ? s : 1e-300);
                } else l[i][j] = s / l[j][j];
            }
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) s -= l[i][k] * y[k];
            y[i] = s / l[i][i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < n; k++) s -= l[k][i] * x[k];
            x[i] = s / l[i][i];
        }
        return x;
    }
}
