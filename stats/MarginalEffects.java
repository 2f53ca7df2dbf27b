package stats;

import java.util.ArrayList;
import java.util.List;

/**
 * Average marginal effects (AME) over the fitted rows, on the response scale, with delta-method SEs
 * sqrt(g' V g), g the gradient of the AME in the coefficients and V the fit's covariance (so a robust or
 * clustered fit gives robust AME SEs).
 * <ul>
 * <li>numeric term (its first column x_j): AME = mean_i dmu_i/dx_ij = mean_i b_j mu_i for the log link
 *     (b_j for OLS); g_k = mean_i (1[k = j] mu_i + b_j mu_i x_ik);</li>
 * <li>categorical term, per level l: AME = mean_i (mu_i(l) - mu_i(ref)) with every person set to level l,
 *     then to the reference, the other inputs as observed (R {@code marginaleffects}, Stata {@code margins});
 *     g_k = mean_i (mu_i(l) x_ik(l) - mu_i(ref) x_ik(ref)).</li>
 * </ul>
 */
public final class MarginalEffects {
    private MarginalEffects() {}

    public static List<MarginalEffect> average(FittedModel m, ModelData data) {
        boolean log = m instanceof GlmResult;
        double[] b = m.coefficients();
        double[][] v = m.table().covariance();
        int n = data.n(), p = b.length, off = data.intercept() ? 1 : 0;
        double[][] x = data.columns();
        if (x.length + off != p) throw new IllegalArgumentException(x.length + " predictor columns but the model has " + p + " coefficients");
        double[] eta = m instanceof GlmResult g ? log(g.fitted()) : ((OlsResult) m).fitted();
        // Every sum below is over a function of the row's covariates (eta is x'b): summed once per covariate
        // pattern times its row count where the rows group (see Patterns), else row by row with weight 1.
        double[] weight = null;
        Patterns pat = Patterns.of(x, n / 4);
        if (pat != null) {
            double[] etaG = new double[pat.count];
            weight = new double[pat.count];
            for (int i = 0; i < n; i++) {
                weight[pat.id[i]]++;
                etaG[pat.id[i]] = eta[i];
            }
            eta = etaG;
            x = pat.x;
        }
        int rows = eta.length;
        List<MarginalEffect> out = new ArrayList<>();
        for (Term t : data.terms()) {
            if (!t.categorical()) {
                int j = t.index(0);
                double[] g = new double[p];
                double ame = 0;
                for (int i = 0; i < rows; i++) {
                    double w = weight == null ? 1 : weight[i];
                    double mu = log ? Math.exp(eta[i]) : 1;
                    double d = w * b[j] * (log ? mu : 1);
                    ame += d;
                    g[j] += w * (log ? mu : 1);
                    if (log) {
                        if (off == 1) g[0] += d;
                        for (int k = 0; k < x.length; k++) g[off + k] += d * x[k][i];
                    }
                }
                scale(g, 1.0 / n);
                out.add(MarginalEffect.of(t.name(), m.names().get(j), false, ame / n, delta(g, v)));
                continue;
            }
            for (int l = 0; l < t.size(); l++) {
                int jl = t.index(l);
                double[] g = new double[p];
                double ame = 0;
                for (int i = 0; i < rows; i++) {
                    double w = weight == null ? 1 : weight[i];
                    double rest = eta[i];
                    for (int q = 0; q < t.size(); q++) rest -= b[t.index(q)] * x[t.index(q) - off][i];
                    double mu0 = log ? Math.exp(rest) : rest, mu1 = log ? Math.exp(rest + b[jl]) : rest + b[jl];
                    ame += w * (mu1 - mu0);
                    double dm = log ? w * (mu1 - mu0) : 0; // d(mu1 - mu0)/db_k for a column outside the term, per unit x_ik
                    if (log) {
                        if (off == 1) g[0] += dm;
                        for (int k = 0; k < x.length; k++) {
                            int kk = off + k;
                            boolean inTerm = false;
                            for (int q = 0; q < t.size(); q++) inTerm |= t.index(q) == kk;
                            if (!inTerm) g[kk] += dm * x[k][i];
                        }
                        g[jl] += w * mu1;
                    } else g[jl] += w;
                }
                scale(g, 1.0 / n);
                out.add(MarginalEffect.of(t.name(), m.names().get(jl), true, ame / n, delta(g, v)));
            }
        }
        return out;
    }

    private static double[] log(double[] mu) {
        double[] e = new double[mu.length];
        for (int i = 0; i < mu.length; i++) e[i] = Math.log(mu[i]);
        return e;
    }

    private static void scale(double[] g, double f) {
        for (int k = 0; k < g.length; k++) g[k] *= f;
    }

    static double delta(double[] g, double[][] v) {
        double s = 0;
        for (int a = 0; a < g.length; a++) for (int c = 0; c < g.length; c++) s += g[a] * v[a][c] * g[c];
        return Math.sqrt(s);
    }

    /** The AME table as text. */
    public static String render(String title, List<MarginalEffect> effects) {
        StringBuilder sb = new StringBuilder(title).append('\n');
        List<String> names = effects.stream().map(MarginalEffect::column).toList();
        sb.append(CoefTable.render(names, effects.stream().mapToDouble(MarginalEffect::effect).toArray(),
                effects.stream().mapToDouble(MarginalEffect::se).toArray(), effects.stream().mapToDouble(MarginalEffect::z).toArray(),
                effects.stream().mapToDouble(MarginalEffect::pValue).toArray(), effects.stream().mapToDouble(MarginalEffect::lower).toArray(),
                effects.stream().mapToDouble(MarginalEffect::upper).toArray(), "z", "P>|z|"));
        return sb.toString();
    }
}
