package impute;

import numerics.Tails;
import org.apache.commons.math3.distribution.TDistribution;

import java.util.List;

/**
 * Rubin's rules (Rubin 1987; df of Barnard and Rubin 1999, as R's {@code mice::pool}): combines one model's
 * coefficients and standard errors from m completed tables into estimates whose standard errors include the
 * uncertainty of the imputation itself.
 */
public final class Rubin {
    private Rubin() {}

    public static PooledEstimates pool(List<Estimates> fits) {
        if (fits == null || fits.size() < 2) throw new IllegalArgumentException("Rubin's rules need at least 2 imputations, got " + (fits == null ? 0 : fits.size()));
        List<String> names = fits.get(0).names();
        for (int i = 1; i < fits.size(); i++) {
            if (!fits.get(i).names().equals(names)) {
                throw new IllegalArgumentException("imputation " + (i + 1) + " has coefficients " + fits.get(i).names() + ", imputation 1 has " + names
                        + " (a level missing from one completed table?)");
            }
        }
        int m = fits.size(), p = names.size();
        double[] q = new double[p], u = new double[p], b = new double[p], se = new double[p], df = new double[p], riv = new double[p],
                fmi = new double[p], lo = new double[p], hi = new double[p], pv = new double[p];
        double dfCom = Double.POSITIVE_INFINITY;
        for (Estimates e : fits) dfCom = Math.min(dfCom, e.dfComplete());
        for (int j = 0; j < p; j++) {
            double s = 0, su = 0;
            for (Estimates e : fits) {
                s += e.coef().get(j);
                double sej = e.se().get(j);
                su += sej * sej;
            }
            q[j] = s / m;
            u[j] = su / m;
            double ss = 0;
            for (Estimates e : fits) {
                double d = e.coef().get(j) - q[j];
                ss += d * d;
            }
            b[j] = ss / (m - 1);
            double t = u[j] + (1 + 1.0 / m) * b[j];
            se[j] = Math.sqrt(t);
            riv[j] = u[j] > 0 ? (1 + 1.0 / m) * b[j] / u[j] : Double.POSITIVE_INFINITY;
            double lambda = t > 0 ? (1 + 1.0 / m) * b[j] / t : 0;
            double dfOld = lambda > 0 ? (m - 1) / (lambda * lambda) : Double.POSITIVE_INFINITY;
            double v;
            if (Double.isInfinite(dfCom)) v = dfOld;
            else {
                double dfObs = (dfCom + 1) / (dfCom + 3) * dfCom * (1 - lambda);
                v = Double.isInfinite(dfOld) ? dfObs : dfOld * dfObs / (dfOld + dfObs);
            }
            df[j] = v;
            fmi[j] = Double.isInfinite(riv[j]) ? 1 : (riv[j] + 2 / (v + 3)) / (riv[j] + 1);
            double crit = v > 1e7 ? Tails.Z975 : new TDistribution(null, v).inverseCumulativeProbability(0.975);
            lo[j] = q[j] - crit * se[j];
            hi[j] = q[j] + crit * se[j];
            double z = se[j] > 0 ? Math.abs(q[j] / se[j]) : Double.POSITIVE_INFINITY;
            // survival functions, not 1 - cdf: a tiny p-value does not round to 0
            pv[j] = v > 1e7 ? Tails.normalTwoSided(z) : Tails.tTwoSided(z, v);
        }
        return new PooledEstimates(m, names, q, u, b, se, df, riv, fmi, lo, hi, pv);
    }
}
