package stats;

import java.util.List;

/** Small dense solves and inverses for p x p information matrices (package-private). */
final class Solve {
    private Solve() {}

    /** x with A x = b for symmetric positive definite A (Jacobi-scaled Cholesky; rank problems throw). */
    static double[] symmetric(double[][] a, double[] b) {
        return Irls.cholSolve(Irls.cholesky(a, names(a.length)), b);
    }

    /** A^-1 for symmetric positive definite A. */
    static double[][] inverse(double[][] a) {
        return Irls.cholInverse(Irls.cholesky(a, names(a.length)));
    }

    /** The product A B (small dense matrices). */
    static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length, m = b[0].length, k = b.length;
        double[][] c = new double[n][m];
        for (int i = 0; i < n; i++) for (int j = 0; j < m; j++) {
            double s = 0;
            for (int r = 0; r < k; r++) s += a[i][r] * b[r][j];
            c[i][j] = s;
        }
        return c;
    }

    static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) for (int j = 0; j < a[0].length; j++) t[j][i] = a[i][j];
        return t;
    }

    /** B M B' */
    static double[][] sandwich(double[][] b, double[][] m) {
        return multiply(multiply(b, m), transpose(b));
    }

    private static List<String> names(int p) {
        return java.util.stream.IntStream.range(0, p).mapToObj(i -> "#" + i).toList();
    }
}
